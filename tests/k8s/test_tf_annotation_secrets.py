"""GDCC-SECRET-001 on the annotations of kubernetes-provider objects: an Ingress's or a
Service's (ingress-nginx ``auth-url`` with credentials, a ``...-password`` annotation) had no
finding, as in manifests before stop 37; a workload's were read. The Secret a controller's
annotation names (``auth-secret: basic-auth``) is no secret."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

MAIN = """\
resource "kubernetes_ingress_v1" "web" {
  metadata {
    name      = "web"
    namespace = "shop"
    annotations = {
      "nginx.ingress.kubernetes.io/auth-url"    = "https://admin:S3cretPw1@auth.example.com/check"
      "nginx.ingress.kubernetes.io/auth-secret" = "basic-auth"
    }
  }
  spec {
    rule {
      host = "shop.example.com"
      http {
        path {
          path = "/"
          backend {
            service {
              name = "web"
              port {
                number = 80
              }
            }
          }
        }
      }
    }
  }
}
resource "kubernetes_ingress_v1" "refs" {
  metadata {
    name = "refs"
    annotations = {
      "nginx.ingress.kubernetes.io/auth-secret" = "basic-auth"
      "nginx.ingress.kubernetes.io/auth-url"    = "https://$host/oauth2/auth"
    }
  }
  spec {
    default_backend {
      service {
        name = "web"
        port {
          number = 80
        }
      }
    }
  }
}
resource "kubernetes_service_v1" "svc" {
  metadata {
    name = "svc"
    annotations = {
      "example.com/db-password" = "Hunter22pw"
    }
  }
  spec {
    selector = { app = "web" }
    port {
      port = 80
    }
  }
}
"""


def test_terraform_object_annotations(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(MAIN)
    result = audit([tmp_path], Settings(rule_ids=("GDCC-SECRET-001",)))
    found = {
        (f.address, f.resource_kind): (f.status, f.evidence.get("paths"))
        for f in result.findings
    }
    assert found == {
        ("kubernetes_ingress_v1.web", "other.secret_holder"): (
            Status.FAIL, ["metadata.annotations.nginx.ingress.kubernetes.io/auth-url"]
        ),
        ("kubernetes_service_v1.svc", "other.secret_holder"): (
            Status.FAIL, ["metadata.annotations.example.com/db-password"]
        ),
    }
