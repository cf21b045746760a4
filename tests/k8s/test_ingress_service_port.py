"""An Ingress routes to one port of a Service (``backend.service.port.number`` or ``.name``,
ServiceBackendPort), and that port sends to its own ``targetPort`` only. The graph took the
Service as a whole: a Service with ``http`` and ``ssh`` ports behind an Ingress to ``http``
let GDCC-GRAPH-002 FAIL "management port 22 reachable from the internet: internet →
Ingress → Service:80 → Deployment:22"."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Finding, Status
from gdcc_audit.settings import Settings

WORKLOAD = """\
apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec:
  selector: {app: web}
  ports:
    - {name: http, port: 80, targetPort: 8080}
    - {name: ssh, port: 22, targetPort: ssh}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
        - name: web
          image: shop/web:1.0
          ports: [{name: http, containerPort: 8080}, {name: ssh, containerPort: 22}]
"""


def _ingress(port: str) -> str:
    return f"""\
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {{name: web, namespace: shop}}
spec:
  rules:
    - http:
        paths:
          - path: /
            pathType: Prefix
            backend: {{service: {{name: web, port: {port}}}}}
"""


def _web(tmp_path: Path, port: str) -> Finding:
    (tmp_path / "app.yaml").write_text(WORKLOAD + _ingress(port), encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-002",)))
    return next(f for f in result.findings if f.address == "Deployment/shop/web")


def test_an_ingress_to_the_http_port_by_name_does_not_reach_ssh(tmp_path: Path) -> None:
    web = _web(tmp_path, "{name: http}")
    assert web.status is Status.PASS  # was FAIL on port 22 through Service/web:80
    assert web.message.en == "No management port is reachable from the internet through any path"


def test_an_ingress_to_the_http_port_by_number_does_not_reach_ssh(tmp_path: Path) -> None:
    web = _web(tmp_path, "{number: 80}")
    assert web.status is Status.PASS


def test_an_ingress_to_the_ssh_port_reaches_it_through_the_service(tmp_path: Path) -> None:
    web = _web(tmp_path, "{name: ssh}")
    assert web.status is Status.FAIL
    assert web.message.en == (
        "management port 22 reachable from the internet: internet → "
        "shop/Ingress/web:80,443 → shop/Service/web:22 → shop/Deployment/web:22"
    )
    hops = web.evidence["path_hops"]
    assert [h["kind"] for h in hops] == ["internet", "k8s.ingress", "k8s.service", "k8s.workload"]
    assert hops[2]["node"].endswith("shop/Service/web")  # the Service's id, not a helper's


def test_a_port_the_service_lacks_keeps_the_whole_service(tmp_path: Path) -> None:
    """A backend port the Service does not have is not resolved: every port of the Service,
    as before (never a PASS on a guess)."""
    web = _web(tmp_path, "{name: admin}")
    assert web.status is Status.FAIL
    assert web.message.en.endswith("→ shop/Service/web → shop/Deployment/web:22")
