resource "kubernetes_cluster_role_v1" "reader" {
  metadata {
    name = "reader"
  }
  rule {
    api_groups = [""]
    resources  = ["pods", "services"]
    verbs      = ["get", "list", "watch"]
  }
}

resource "kubernetes_role" "user_impersonator" {
  metadata {
    name      = "user-impersonator"
    namespace = "app"
  }
  rule {
    api_groups = [""]
    resources  = ["users", "groups"]
    verbs      = ["impersonate"]
  }
}

resource "kubernetes_cluster_role" "anything" {
  metadata {
    name = "anything"
  }
  rule {
    api_groups = ["*"]
    resources  = ["*"]
    verbs      = ["*"]
  }
}
