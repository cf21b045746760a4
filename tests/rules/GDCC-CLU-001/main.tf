resource "aws_eks_cluster" "encrypted" {
  name     = "encrypted"
  role_arn = "arn:aws:iam::111122223333:role/eks"
  vpc_config {
    subnet_ids = ["subnet-1", "subnet-2"]
  }
  encryption_config {
    resources = ["secrets"]
    provider {
      key_arn = "arn:aws:kms:ap-southeast-1:111122223333:key/abc"
    }
  }
}

resource "aws_eks_cluster" "plain" {
  name     = "plain"
  role_arn = "arn:aws:iam::111122223333:role/eks"
  vpc_config {
    subnet_ids = ["subnet-1", "subnet-2"]
  }
}

resource "google_container_cluster" "gke_encrypted" {
  name     = "gke-encrypted"
  location = "asia-southeast1"
  database_encryption {
    state    = "ENCRYPTED"
    key_name = "projects/p/locations/asia-southeast1/keyRings/r/cryptoKeys/k"
  }
}

resource "azurerm_kubernetes_cluster" "aks_plain" {
  name                = "aks-plain"
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
