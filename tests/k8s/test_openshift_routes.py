"""An OpenShift Route (route.openshift.io) publishes a Service through the cluster's router,
as an Ingress does: on 443, and on 80 unless its ``tls`` refuses plain HTTP; ``port.targetPort``
picks one port of the Service (a name: the Service port of that name; a number: the Service
port with that ``targetPort``). Routes were not read: a pod published only through a Route
was not reached from the internet at all, so a Route to a Service's SSH port PASSed
GDCC-GRAPH-002 (a wrong PASS)."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Finding, Status
from gdcc_audit.normalize.kubernetes.mapper import openshift_route_facets
from gdcc_audit.settings import Settings

WORKLOAD = """\
apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec:
  selector: {app: web}
  ports:
    - {name: 8080-tcp, port: 8080, targetPort: 8080}
    - {name: ssh, port: 2222, targetPort: 22}
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
          ports: [{containerPort: 8080}, {containerPort: 22}]
"""


def _route(port: str) -> str:
    return f"""\
---
apiVersion: route.openshift.io/v1
kind: Route
metadata: {{name: web, namespace: shop}}
spec:
  to: {{kind: Service, name: web}}
  port: {{targetPort: {port}}}
  tls: {{termination: edge, insecureEdgeTerminationPolicy: Redirect}}
"""


def _web(tmp_path: Path, text: str) -> Finding:
    (tmp_path / "app.yaml").write_text(text, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-002",)))
    return next(f for f in result.findings if f.address == "Deployment/shop/web")


def test_a_route_to_the_ssh_port_reaches_it(tmp_path: Path) -> None:
    web = _web(tmp_path, WORKLOAD + _route("ssh"))
    assert web.status is Status.FAIL  # was PASS: Routes were not read
    assert web.message.en == (
        "management port 22 reachable from the internet: internet → "
        "shop/Route.route.openshift.io/web:443 → shop/Service/web:2222 → shop/Deployment/web:22"
    )


def test_a_target_port_number_is_the_service_ports_target(tmp_path: Path) -> None:
    assert _web(tmp_path, WORKLOAD + _route("22")).status is Status.FAIL
    assert _web(tmp_path, WORKLOAD + _route("8080")).status is Status.PASS
    assert _web(tmp_path, WORKLOAD + _route("8080-tcp")).status is Status.PASS


def test_tls_that_still_serves_plain_http_is_not_encryption() -> None:
    spec = {"to": {"name": "web"}, "tls": {"termination": "edge"}}
    assert openshift_route_facets({"spec": spec}) == {"encrypted_in_transit": True}
    allow = {**spec, "tls": {"termination": "edge", "insecureEdgeTerminationPolicy": "Allow"}}
    assert openshift_route_facets({"spec": allow}) == {"encrypted_in_transit": False}
    assert openshift_route_facets({"spec": {"to": {"name": "web"}}}) == {
        "encrypted_in_transit": False
    }
