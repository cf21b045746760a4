resource "google_container_cluster" "private_nodes" {
  name     = "private-nodes"
  location = "asia-southeast1"
  private_cluster_config {
    enable_private_nodes   = true
    master_ipv4_cidr_block = "172.16.0.0/28"
  }
}

# enable_private_nodes defaults to false: nodes get external IPs
resource "google_container_cluster" "public_nodes" {
  name     = "public-nodes"
  location = "asia-southeast1"
}

resource "azurerm_kubernetes_cluster" "aks_node_ips" {
  name                = "aks-node-ips"
  location            = "southeastasia"
  resource_group_name = "rg"
  dns_prefix          = "aks"
  default_node_pool {
    name                   = "default"
    node_count             = 1
    vm_size                = "Standard_D2_v2"
    node_public_ip_enabled = true
  }
  identity { type = "SystemAssigned" }
}

resource "azurerm_kubernetes_cluster" "aks_default" {
  name                = "aks-default"
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
