resource "google_container_cluster" "calico" {
  name     = "calico"
  location = "asia-southeast1"
  network_policy {
    enabled  = true
    provider = "CALICO"
  }
}

resource "google_container_cluster" "dataplane_v2" {
  name              = "dataplane-v2"
  location          = "asia-southeast1"
  datapath_provider = "ADVANCED_DATAPATH"
}

# Autopilot always runs Dataplane V2, which always enforces NetworkPolicy (it FAILed)
resource "google_container_cluster" "autopilot" {
  name             = "autopilot"
  location         = "asia-southeast1"
  enable_autopilot = true
}

resource "google_container_cluster" "flat" {
  name     = "flat"
  location = "asia-southeast1"
}

resource "azurerm_kubernetes_cluster" "aks_azure_policy" {
  name                = "aks-policy"
  location            = "southeastasia"
  resource_group_name = "rg"
  dns_prefix          = "aks"
  default_node_pool {
    name       = "default"
    node_count = 1
    vm_size    = "Standard_D2_v2"
  }
  network_profile {
    network_plugin = "azure"
    network_policy = "azure"
  }
  identity { type = "SystemAssigned" }
}

resource "aws_eks_cluster" "eks" {
  name     = "eks"
  role_arn = "arn:aws:iam::111122223333:role/eks"
  vpc_config {
    subnet_ids = ["subnet-1"]
  }
}
