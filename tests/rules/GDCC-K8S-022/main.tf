resource "kubernetes_cluster_role_v1" "volume_maker" {
  metadata {
    name = "volume-maker"
  }
  rule {
    api_groups = [""]
    resources  = ["persistentvolumes"]
    verbs      = ["create", "delete"]
  }
}

resource "kubernetes_cluster_role_v1" "claims" {
  metadata {
    name = "claims"
  }
  rule {
    api_groups = [""]
    resources  = ["persistentvolumeclaims"]
    verbs      = ["create", "delete"]
  }
}
