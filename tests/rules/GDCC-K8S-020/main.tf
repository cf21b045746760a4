resource "kubernetes_pod_v1" "confined" {
  metadata {
    name = "confined"
  }
  spec {
    security_context {
      seccomp_profile {
        type = "RuntimeDefault"
      }
    }
    container {
      name  = "app"
      image = "app:1.0"
    }
  }
}

resource "kubernetes_deployment" "unconfined" {
  metadata {
    name = "unconfined"
  }
  spec {
    template {
      metadata {}
      spec {
        container {
          name  = "app"
          image = "app:1.0"
        }
      }
    }
  }
}
