# no workload_identity_config: pods reach the node's service account
resource "google_container_cluster" "gke_none" {
  name     = "gke-none"
  location = "asia-southeast1"
}

# Workload Identity on; the default pool takes it
resource "google_container_cluster" "gke_wi" {
  name     = "gke-wi"
  location = "asia-southeast1"
  workload_identity_config {
    workload_pool = "proj.svc.id.goog"
  }
}

# Workload Identity on the cluster, but one pool exposes the Compute Engine metadata server
resource "google_container_cluster" "gke_wi_exposed" {
  name                     = "gke-wi-exposed"
  location                 = "asia-southeast1"
  remove_default_node_pool = true
  initial_node_count       = 1
  workload_identity_config {
    workload_pool = "proj.svc.id.goog"
  }
}

resource "google_container_node_pool" "exposed" {
  name    = "exposed"
  cluster = google_container_cluster.gke_wi_exposed.id
  node_config {
    workload_metadata_config {
      mode = "GCE_METADATA"
    }
  }
}

resource "google_container_cluster" "gke_autopilot" {
  name             = "gke-autopilot"
  location         = "asia-southeast1"
  enable_autopilot = true
}

resource "azurerm_kubernetes_cluster" "aks_wi" {
  name                      = "aks-wi"
  location                  = "southeastasia"
  resource_group_name       = "rg"
  dns_prefix                = "aks"
  oidc_issuer_enabled       = true
  workload_identity_enabled = true
  default_node_pool {
    name       = "default"
    node_count = 1
    vm_size    = "Standard_D2_v2"
  }
  identity { type = "SystemAssigned" }
}

# workload_identity_enabled "Defaults to false"
resource "azurerm_kubernetes_cluster" "aks_none" {
  name                = "aks-none"
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

# IRSA: an IAM OIDC provider for the cluster's issuer
resource "aws_eks_cluster" "eks_irsa" {
  name     = "eks-irsa"
  role_arn = "arn:aws:iam::111122223333:role/eks"
  vpc_config {
    subnet_ids = ["subnet-1"]
  }
}

resource "aws_iam_openid_connect_provider" "irsa" {
  url             = aws_eks_cluster.eks_irsa.identity[0].oidc[0].issuer
  client_id_list  = ["sts.amazonaws.com"]
  thumbprint_list = ["9e99a48a9960b14926bb7f3b02e22da2b0ab7280"]
}

resource "aws_eks_cluster" "eks_pod_identity" {
  name     = "eks-pod-identity"
  role_arn = "arn:aws:iam::111122223333:role/eks"
  vpc_config {
    subnet_ids = ["subnet-1"]
  }
}

resource "aws_eks_addon" "pod_identity" {
  cluster_name = aws_eks_cluster.eks_pod_identity.name
  addon_name   = "eks-pod-identity-agent"
}

# nothing in the scan: may be set up elsewhere
resource "aws_eks_cluster" "eks_unknown" {
  name     = "eks-unknown"
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
