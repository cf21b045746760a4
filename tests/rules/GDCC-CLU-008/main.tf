# enable_legacy_abac "Defaults to false": RBAC only
resource "google_container_cluster" "gke_default" {
  name     = "gke-default"
  location = "asia-southeast1"
}

resource "google_container_cluster" "gke_abac" {
  name               = "gke-abac"
  location           = "asia-southeast1"
  enable_legacy_abac = true
}

resource "google_container_cluster" "gke_abac_var" {
  name               = "gke-abac-var"
  location           = "asia-southeast1"
  enable_legacy_abac = var.abac
}

variable "abac" {
  type = bool
}

# role_based_access_control_enabled "Defaults to true"
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

resource "azurerm_kubernetes_cluster" "aks_no_rbac" {
  name                              = "aks-no-rbac"
  location                          = "southeastasia"
  resource_group_name               = "rg"
  dns_prefix                        = "aks"
  role_based_access_control_enabled = false
  default_node_pool {
    name       = "default"
    node_count = 1
    vm_size    = "Standard_D2_v2"
  }
  identity { type = "SystemAssigned" }
}

# azurerm 2.x block form
resource "azurerm_kubernetes_cluster" "aks_v2_no_rbac" {
  name                = "aks-v2-no-rbac"
  location            = "southeastasia"
  resource_group_name = "rg"
  dns_prefix          = "aks"
  role_based_access_control {
    enabled = false
  }
  default_node_pool {
    name       = "default"
    node_count = 1
    vm_size    = "Standard_D2_v2"
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

resource "huaweicloud_cce_cluster" "cce" {
  name                   = "cce"
  flavor_id              = "cce.s1.small"
  vpc_id                 = "vpc-1"
  subnet_id              = "subnet-1"
  container_network_type = "overlay_l2"
}

resource "huaweicloud_cce_cluster" "cce_proxy" {
  name                   = "cce-proxy"
  flavor_id              = "cce.s1.small"
  vpc_id                 = "vpc-1"
  subnet_id              = "subnet-1"
  container_network_type = "overlay_l2"
  authentication_mode    = "authenticating_proxy"
}

# Magnum documents no authorization-mode setting
resource "openstack_containerinfra_cluster_v1" "magnum" {
  name                = "magnum"
  cluster_template_id = "template-1"
}

# x509 (Kubernetes 1.11 and earlier): no Kubernetes RBAC
resource "huaweicloud_cce_cluster" "cce_x509" {
  name                   = "cce-x509"
  flavor_id              = "cce.s1.small"
  vpc_id                 = "vpc-1"
  subnet_id              = "subnet-1"
  container_network_type = "overlay_l2"
  authentication_mode    = "x509"
}
