resource "azurerm_kubernetes_cluster" "entra_only" {
  name                   = "entra-only"
  location               = "southeastasia"
  resource_group_name    = "rg"
  dns_prefix             = "aks"
  local_account_disabled = true
  default_node_pool {
    name       = "default"
    node_count = 1
    vm_size    = "Standard_D2_v2"
  }
  azure_active_directory_role_based_access_control {
    azure_rbac_enabled = true
  }
  identity { type = "SystemAssigned" }
}

# local accounts stay enabled unless local_account_disabled = true
resource "azurerm_kubernetes_cluster" "local_admin" {
  name                = "local-admin"
  location            = "southeastasia"
  resource_group_name = "rg"
  dns_prefix          = "aks"
  default_node_pool {
    name       = "default"
    node_count = 1
    vm_size    = "Standard_D2_v2"
  }
  identity { type = "SystemAssigned" }
}

resource "google_container_cluster" "client_certificate" {
  name     = "client-certificate"
  location = "asia-southeast1"
  master_auth {
    client_certificate_config {
      issue_client_certificate = true
    }
  }
}

resource "aws_eks_cluster" "eks_iam" {
  name     = "eks-iam"
  role_arn = "arn:aws:iam::111122223333:role/eks"
  vpc_config {
    subnet_ids = ["subnet-1"]
  }
}
