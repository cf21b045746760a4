"""An entry point of a custom kind (a Traefik IngressRouteTCP, a Contour HTTPProxy, an Istio
Gateway ...) written with Terraform's ``kubernetes_manifest`` is read as the same manifest
is. The graph named its kind by the Terraform type: it was taken for a plain Ingress, with no
backend, so the pod it publishes was not reached (GDCC-GRAPH-002 PASSed a route to its SSH
port)."""

from __future__ import annotations

from pathlib import Path

import pytest

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

WORKLOAD = """\
resource "kubernetes_deployment_v1" "sshd" {
  metadata {
    name      = "sshd"
    namespace = "web"
  }
  spec {
    selector {
      match_labels = { app = "sshd" }
    }
    template {
      metadata {
        labels = { app = "sshd" }
      }
      spec {
        container {
          name  = "sshd"
          image = "example/sshd:1.2.3"
          port {
            container_port = 22
          }
        }
      }
    }
  }
}

resource "kubernetes_service_v1" "sshd" {
  metadata {
    name      = "sshd"
    namespace = "web"
  }
  spec {
    selector = { app = "sshd" }
    port {
      name        = "ssh"
      port        = 22
      target_port = "22"
    }
  }
}
"""

TRAEFIK = """\
resource "kubernetes_manifest" "route" {
  manifest = {
    apiVersion = "traefik.io/v1alpha1"
    kind       = "IngressRouteTCP"
    metadata   = { name = "sshd", namespace = "web" }
    spec = {
      routes = [{ match = "HostSNI(`*`)", services = [{ name = "sshd", port = 22 }] }]
    }
  }
}
"""

CONTOUR = """\
resource "kubernetes_manifest" "route" {
  manifest = {
    apiVersion = "projectcontour.io/v1"
    kind       = "HTTPProxy"
    metadata   = { name = "sshd", namespace = "web" }
    spec = {
      virtualhost = { fqdn = "ssh.example.com", tls = { passthrough = true } }
      tcpproxy    = { services = [{ name = "sshd", port = 22 }] }
    }
  }
}
"""


@pytest.mark.parametrize(
    ("route", "entry"),
    [
        (TRAEFIK, "web/IngressRouteTCP.traefik.io/sshd:80,443"),
        (CONTOUR, "web/HTTPProxy.projectcontour.io/sshd:443"),
    ],
)
def test_a_manifest_entry_point_reaches_the_pod(tmp_path: Path, route: str, entry: str) -> None:
    (tmp_path / "main.tf").write_text(WORKLOAD + route, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-002",)))
    found = next(f for f in result.findings if f.address == "kubernetes_deployment_v1.sshd")
    assert found.status is Status.FAIL  # was PASS
    assert found.message.en == (
        f"management port 22 reachable from the internet: internet → {entry} → "
        "web/Service/sshd:22 → web/Deployment/sshd:22"
    )
