"""A Service selected no pod whose namespace is not known: the graph took a Terraform pod's
``namespace = var.namespace`` (known only at apply time) for ``default``, so a LoadBalancer
Service of namespace ``files`` sending port 22 to its pods selected nothing and the pod
PASSed GDCC-GRAPH-002 "No management port is reachable from the internet". Whether the
Service selects it is not known: the pod may be of the Service's namespace (an uncertain
edge: UNKNOWN), and a Service or Ingress whose own namespace is not known may send to the pods
of any namespace, uncertainly too."""

from __future__ import annotations

from pathlib import Path

import pytest

from gdcc_audit.api import audit
from gdcc_audit.settings import Settings

MAIN_TF = """\
variable "namespace" { type = string }

resource "kubernetes_deployment_v1" "sftp" {
  metadata {
    name      = "sftp"
    namespace = DEPLOYMENT_NAMESPACE
  }
  spec {
    selector { match_labels = { app = "sftp" } }
    template {
      metadata { labels = { app = "sftp" } }
      spec {
        container {
          name  = "sftp"
          image = "registry.example.com/sftp:1.2.3"
          port { container_port = 22 }
        }
      }
    }
  }
}

resource "kubernetes_service_v1" "sftp" {
  metadata {
    name      = "sftp"
    namespace = SERVICE_NAMESPACE
  }
  spec {
    type     = SERVICE_TYPE
    selector = { app = "sftp" }
    port {
      port        = 22
      target_port = 22
    }
  }
}

resource "kubernetes_ingress_v1" "sftp" {
  metadata {
    name      = "sftp"
    namespace = INGRESS_NAMESPACE
  }
  spec {
    rule {
      http {
        path {
          path = "/"
          backend {
            service {
              name = "sftp"
              port { number = 22 }
            }
          }
        }
      }
    }
  }
}
"""

UNKNOWN = "management port 22 reachable from the internet if what is not known allows it: "


@pytest.mark.parametrize(
    ("deployment", "service", "kind", "ingress", "expected"),
    [
        # the pod's namespace not known: the Service of files may select it
        ("var.namespace", '"files"', '"LoadBalancer"', '"other"',
         ("UNKNOWN", UNKNOWN + "internet → files/Service/sftp:22 → sftp:22")),
        # the Service's namespace not known: it may be the pod's
        ('"files"', "var.namespace", '"LoadBalancer"', '"other"',
         ("UNKNOWN", UNKNOWN + "internet → sftp:22 → files/Deployment/sftp:22")),
        # an Ingress of files routing to a Service whose namespace is not known
        ('"files"', "var.namespace", '"ClusterIP"', '"files"',
         ("UNKNOWN", UNKNOWN + "internet → files/Ingress/sftp:80,443 → sftp:22 → "
                               "files/Deployment/sftp:22")),
        # all known, other namespaces: nothing selects the pod (as before)
        ('"files"', '"other"', '"LoadBalancer"', '"other"',
         ("PASS", "No management port is reachable from the internet through any path")),
        # all known, the same namespace: surely reached (as before)
        ('"files"', '"files"', '"LoadBalancer"', '"other"',
         ("FAIL", "management port 22 reachable from the internet: "
                  "internet → files/Service/sftp:22 → files/Deployment/sftp:22")),
    ],
)
def test_a_service_may_select_pods_whose_namespace_is_not_known(
    tmp_path: Path, deployment: str, service: str, kind: str, ingress: str,
    expected: tuple[str, str],
) -> None:
    text = (MAIN_TF.replace("DEPLOYMENT_NAMESPACE", deployment)
            .replace("SERVICE_NAMESPACE", service).replace("SERVICE_TYPE", kind)
            .replace("INGRESS_NAMESPACE", ingress))
    (tmp_path / "main.tf").write_text(text, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-002",)))
    found = {
        f.address: (f.status.value, str(f.message.en))
        for f in result.findings if f.address == "kubernetes_deployment_v1.sftp"
    }
    assert found == {"kubernetes_deployment_v1.sftp": expected}
