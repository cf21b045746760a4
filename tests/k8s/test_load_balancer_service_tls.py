"""A ``LoadBalancer`` Service with an AWS certificate (``service.beta.kubernetes.io/
aws-load-balancer-ssl-cert``) gets TLS listeners on the ports ``aws-load-balancer-ssl-ports``
lists, on every port when it is not written (AWS Load Balancer Controller, Service
annotations, TLS; the in-tree provider alike). GDCC-GRAPH-003 said UNKNOWN for such a
Service in front of personal data; it now PASSes when every port of it is TLS. A port left
plain stays UNKNOWN (the workload may terminate TLS itself), as ``*`` (the controller reads
it as no port, the in-tree provider as all), unless the in-tree Classic Load Balancer makes
it an HTTP listener (``aws-load-balancer-backend-protocol: http``): FAIL (it was UNKNOWN)."""

from __future__ import annotations

from pathlib import Path

import pytest

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

DB = """\
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db, namespace: shop, labels: {pii: "true"}}
spec:
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec:
      containers: [{name: pg, image: postgres:16, ports: [{containerPort: 5432}]}]
"""


def _service(annotations: str, ports: str = "[{name: pg, port: 5432}]") -> str:
    return f"""\
---
apiVersion: v1
kind: Service
metadata: {{name: db, namespace: shop, annotations: {{{annotations}}}}}
spec:
  type: LoadBalancer
  selector: {{app: db}}
  ports: {ports}
"""


_CERT = "service.beta.kubernetes.io/aws-load-balancer-ssl-cert: arn:aws:acm:x"
_TWO = "[{name: pg, port: 5432}, {name: http, port: 80, targetPort: 5432}]"
_HTTP = "service.beta.kubernetes.io/aws-load-balancer-backend-protocol: http"


@pytest.mark.parametrize(
    ("text", "status"),
    [
        (_service(_CERT), Status.PASS),  # every port TLS (was UNKNOWN)
        (_service(f"{_CERT}, service.beta.kubernetes.io/aws-load-balancer-ssl-ports: '5432'"),
         Status.PASS),
        (_service(f"{_CERT}, service.beta.kubernetes.io/aws-load-balancer-ssl-ports: 'pg, http'",
                  _TWO), Status.PASS),  # by name
        (_service(f"{_CERT}, service.beta.kubernetes.io/aws-load-balancer-ssl-ports: pg", _TWO),
         Status.UNKNOWN),  # port 80 is a TCP listener
        (_service(f"{_CERT}, service.beta.kubernetes.io/aws-load-balancer-ssl-ports: '*'"),
         Status.UNKNOWN),
        (_service("service.beta.kubernetes.io/aws-load-balancer-ssl-ports: '5432'"),
         Status.UNKNOWN),  # no certificate: no TLS listener
        # the in-tree Classic Load Balancer with backend protocol http: a port without a
        # certificate is an HTTP listener (was UNKNOWN)
        (_service(f"{_CERT}, service.beta.kubernetes.io/aws-load-balancer-ssl-ports: pg, "
                  f"{_HTTP}", _TWO), Status.FAIL),
        (_service(_HTTP), Status.FAIL),
        (_service(f"{_CERT}, {_HTTP}"), Status.PASS),  # every port has the certificate
        # an NLB makes TCP listeners whatever the backend protocol (unchanged)
        (_service(f"{_HTTP}, service.beta.kubernetes.io/aws-load-balancer-type: nlb"),
         Status.UNKNOWN),
    ],
)
def test_an_aws_certificate_on_a_load_balancer_service(
    tmp_path: Path, text: str, status: Status
) -> None:
    (tmp_path / "app.yaml").write_text(DB + text, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-003",)))
    found = next(f for f in result.findings if f.address == "Service/shop/db")
    assert found.status is status


TERRAFORM = """\
resource "kubernetes_service_v1" "db" {
  metadata {
    name        = "db"
    namespace   = "shop"
    annotations = { "service.beta.kubernetes.io/aws-load-balancer-ssl-cert" = "arn:aws:acm:x" }
  }
  spec {
    type     = "LoadBalancer"
    selector = { app = "db" }
    port {
      name = "pg"
      port = 5432
    }
  }
}
"""


def test_terraform_service_alike(tmp_path: Path) -> None:
    (tmp_path / "app.yaml").write_text(DB, encoding="utf-8")
    (tmp_path / "main.tf").write_text(TERRAFORM, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-003",)))
    found = {f.address: f.status for f in result.findings}
    assert found.get("kubernetes_service_v1.db") is Status.PASS, found
