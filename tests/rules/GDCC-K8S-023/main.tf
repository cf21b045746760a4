resource "kubernetes_pod_v1" "plain" {
  metadata {
    name = "plain"
  }
  spec {
    container {
      name  = "app"
      image = "app:1.0"
      liveness_probe {
        http_get {
          path = "/healthz"
          port = 8080
        }
      }
    }
  }
}

resource "kubernetes_deployment_v1" "host_probe" {
  metadata {
    name = "host-probe"
  }
  spec {
    selector {
      match_labels = { app = "host-probe" }
    }
    template {
      metadata {
        labels = { app = "host-probe" }
      }
      spec {
        container {
          name  = "app"
          image = "app:1.0"
          readiness_probe {
            http_get {
              host = "10.0.0.10"
              path = "/admin"
              port = 8080
            }
          }
        }
      }
    }
  }
}

resource "kubernetes_pod_v1" "hook" {
  metadata {
    name = "hook"
  }
  spec {
    container {
      name  = "app"
      image = "app:1.0"
      lifecycle {
        post_start {
          http_get {
            host = "metadata.google.internal"
            path = "/computeMetadata/v1/"
            port = 80
          }
        }
      }
    }
  }
}

variable "probe_host" {
  type = string
}

resource "kubernetes_pod_v1" "host_from_var" {
  metadata {
    name = "host-from-var"
  }
  spec {
    container {
      name  = "app"
      image = "app:1.0"
      liveness_probe {
        http_get {
          host = var.probe_host
          port = 8080
        }
      }
    }
  }
}
