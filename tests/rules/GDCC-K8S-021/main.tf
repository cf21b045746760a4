resource "kubernetes_pod" "plain" {
  metadata {
    name = "plain"
  }
  spec {
    container {
      name  = "app"
      image = "app:1.0"
    }
  }
}

resource "kubernetes_manifest" "unmasked" {
  manifest = {
    apiVersion = "v1"
    kind       = "Pod"
    metadata = {
      name      = "unmasked"
      namespace = "app"
    }
    spec = {
      containers = [{
        name  = "app"
        image = "app:1.0"
        securityContext = {
          procMount = "Unmasked"
        }
      }]
    }
  }
}

resource "kubernetes_pod" "selinux" {
  metadata {
    name = "selinux"
  }
  spec {
    container {
      name  = "app"
      image = "app:1.0"
      security_context {
        se_linux_options {
          type = "spc_t"
        }
      }
    }
  }
}
