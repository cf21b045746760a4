"""A route whose namespace is not known sent to no Service of another namespace: a Gateway API
route of ``namespace = var.namespace`` (a Terraform value known only at apply time, taken as
``default``) routing to Service ``sftp`` looked for ``default/sftp``, found nothing, and the
pod behind ``files/sftp`` PASSed GDCC-GRAPH-002 "No management port is reachable from the
internet". The route may be in ``files``: it perhaps sends to that Service (an uncertain edge:
UNKNOWN). An Ingress whose namespace is not known likewise reaches the Service of its name only
perhaps (it was a certain edge: FAIL)."""

from __future__ import annotations

from pathlib import Path

import pytest

from gdcc_audit.api import audit
from gdcc_audit.settings import Settings

WORKLOAD_TF = """\
variable "namespace" { type = string }

resource "kubernetes_deployment_v1" "sftp" {
  metadata {
    name      = "sftp"
    namespace = "files"
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
    namespace = "files"
  }
  spec {
    type     = "ClusterIP"
    selector = { app = "sftp" }
    port {
      port        = 22
      target_port = 22
    }
  }
}
"""

ROUTE_TF = """\
resource "kubernetes_manifest" "gateway" {
  manifest = {
    apiVersion = "gateway.networking.k8s.io/v1"
    kind       = "Gateway"
    metadata   = { name = "public", namespace = NAMESPACE }
    spec = {
      gatewayClassName = "gke-l7-global-external-managed"
      listeners = [{
        name = "tcp", protocol = "TCP", port = 22
        allowedRoutes = { namespaces = { from = "All" } }
      }]
    }
  }
}

resource "kubernetes_manifest" "route" {
  manifest = {
    apiVersion = "gateway.networking.k8s.io/v1alpha2"
    kind       = "TCPRoute"
    metadata   = { name = "sftp", namespace = NAMESPACE }
    spec = {
      parentRefs = [{ name = "public" }]
      rules      = [{ backendRefs = [{ name = "sftp", port = 22 }] }]
    }
  }
}
"""

INGRESS_TF = """\
resource "kubernetes_ingress_v1" "sftp" {
  metadata {
    name      = "sftp"
    namespace = NAMESPACE
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

PERHAPS = "management port 22 reachable from the internet if what is not known allows it: "
SURELY = "management port 22 reachable from the internet: "
ROUTE = ("internet → {ns}/Gateway.gateway.networking.k8s.io/public:22 → "
         "{ns}/TCPRoute.gateway.networking.k8s.io/sftp:22 → files/Service/sftp:22 → "
         "files/Deployment/sftp:22")
INGRESS = "internet → {ns}/Ingress/sftp:80,443 → files/Service/sftp:22 → files/Deployment/sftp:22"


@pytest.mark.parametrize(
    ("front", "namespace", "expected"),
    [
        # the route's namespace not known: it may be files (was PASS: no path)
        (ROUTE_TF, "var.namespace", ("UNKNOWN", PERHAPS + ROUTE.format(ns="default"))),
        # known and the Service's: surely reached (as before)
        (ROUTE_TF, '"files"', ("FAIL", SURELY + ROUTE.format(ns="files"))),
        # known and another: the route names other/sftp, not in the scan (as before)
        (ROUTE_TF, '"other"',
         ("PASS", "No management port is reachable from the internet through any path")),
        # an Ingress whose namespace is not known: perhaps files/sftp (was a sure FAIL)
        (INGRESS_TF, "var.namespace",
         ("UNKNOWN", PERHAPS + INGRESS.replace("{ns}/Ingress/", ""))),
        (INGRESS_TF, '"files"', ("FAIL", SURELY + INGRESS.format(ns="files"))),
    ],
)
def test_a_route_whose_namespace_is_not_known_may_send_to_a_service_of_any_namespace(
    tmp_path: Path, front: str, namespace: str, expected: tuple[str, str]
) -> None:
    (tmp_path / "main.tf").write_text(
        WORKLOAD_TF + front.replace("NAMESPACE", namespace), encoding="utf-8"
    )
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-002",)))
    found = {
        f.address: (f.status.value, str(f.message.en))
        for f in result.findings if f.address == "kubernetes_deployment_v1.sftp"
    }
    assert found == {"kubernetes_deployment_v1.sftp": expected}
