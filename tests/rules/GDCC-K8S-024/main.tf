resource "kubernetes_pod_v1" "plain" {
  metadata {
    name = "plain"
  }
  spec {
    security_context {
      sysctl {
        name  = "net.ipv4.tcp_syncookies"
        value = "1"
      }
    }
    container {
      name  = "app"
      image = "app:1.0"
    }
  }
}

resource "kubernetes_deployment_v1" "tuned" {
  metadata {
    name = "tuned"
  }
  spec {
    selector {
      match_labels = { app = "tuned" }
    }
    template {
      metadata {
        labels = { app = "tuned" }
      }
      spec {
        security_context {
          sysctl {
            name  = "net.ipv4.ping_group_range"
            value = "0 2147483647"
          }
          sysctl {
            name  = "vm.max_map_count"
            value = "262144"
          }
        }
        container {
          name  = "app"
          image = "app:1.0"
        }
      }
    }
  }
}

variable "sysctl_name" {
  type = string
}

resource "kubernetes_pod_v1" "sysctl_from_var" {
  metadata {
    name = "sysctl-from-var"
  }
  spec {
    security_context {
      sysctl {
        name  = var.sysctl_name
        value = "1"
      }
    }
    container {
      name  = "app"
      image = "app:1.0"
    }
  }
}
