"""A Traefik IngressRoute (traefik.io, formerly traefik.containo.us; k3s installs Traefik)
publishes the Services of its ``routes[].services`` on the proxy's entry points, as an
Ingress does. It was not read: a pod published only through one was not reached from the
internet, so an IngressRouteTCP to a Service's SSH port PASSed GDCC-GRAPH-002 (a wrong
PASS)."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Finding, Status
from gdcc_audit.normalize.kubernetes.mapper import traefik_facets
from gdcc_audit.settings import Settings

WORKLOAD = """\
apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec:
  selector: {app: web}
  ports:
    - {name: http, port: 80, targetPort: 8080}
    - {name: ssh, port: 22, targetPort: 22}
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


def _route(kind: str, group: str, port: str) -> str:
    return f"""\
---
apiVersion: {group}/v1alpha1
kind: {kind}
metadata: {{name: web, namespace: shop}}
spec:
  entryPoints: [websecure]
  routes:
    - match: HostSNI(`*`)
      services: [{{name: web, port: {port}}}]
  tls: {{}}
"""


def _web(tmp_path: Path, text: str) -> Finding:
    (tmp_path / "app.yaml").write_text(text, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-002",)))
    return next(f for f in result.findings if f.address == "Deployment/shop/web")


def test_a_tcp_route_to_the_ssh_port_reaches_it(tmp_path: Path) -> None:
    web = _web(tmp_path, WORKLOAD + _route("IngressRouteTCP", "traefik.io", "22"))
    assert web.status is Status.FAIL  # was PASS: IngressRoutes were not read
    assert web.message.en == (
        "management port 22 reachable from the internet: internet → "
        "shop/IngressRouteTCP.traefik.io/web:443 → shop/Service/web:22 → shop/Deployment/web:22"
    )


def test_a_route_to_the_http_port_by_name_does_not_reach_ssh(tmp_path: Path) -> None:
    old_group = _route("IngressRoute", "traefik.containo.us", "http")
    assert _web(tmp_path, WORKLOAD + old_group).status is Status.PASS


def test_tls_with_the_default_certificate_is_tls() -> None:
    assert traefik_facets({"spec": {"tls": {}}}) == {"encrypted_in_transit": True}
    assert traefik_facets({"spec": {}}) == {"encrypted_in_transit": False}
