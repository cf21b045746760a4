"""F5 NGINX VirtualServer custom listeners (``spec.listener``): NGINX listens on the
GlobalConfiguration listeners the VirtualServer names only (``http``: an HTTP listener
without ``ssl``; ``https``: one with ``ssl: true``, with a TLS secret). One naming no ``http``
listener serves nothing in clear: GDCC-GRAPH-003 FAILed it without ``tls.redirect`` (a
wrong FAIL). The entry is reached on those ports when the scan holds the GlobalConfiguration
(it was any port); a TransportServer on its listener's port likewise."""

from __future__ import annotations

from pathlib import Path

import pytest

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

DATA = """\
apiVersion: v1
kind: Service
metadata: {name: db, namespace: shop}
spec:
  selector: {app: db}
  ports: [{name: pg, port: 5432}]
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db, namespace: shop, labels: {pii: "true"}}
spec:
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec:
      containers: [{name: pg, image: postgres:16, ports: [{containerPort: 5432}]}]
---
apiVersion: k8s.nginx.org/v1
kind: VirtualServer
metadata: {name: cafe, namespace: shop}
spec:
  listener: LISTENER
  host: cafe.example.com
  tls: {secret: tls-secret}
  upstreams: [{name: db, service: db, port: 5432}]
  routes: [{path: /, action: {pass: db}}]
"""

GLOBAL = """\
---
apiVersion: k8s.nginx.org/v1
kind: GlobalConfiguration
metadata: {name: nginx-configuration, namespace: nginx-ingress}
spec:
  listeners:
  - {name: dns-tcp, port: 5353, protocol: TCP}
  - {name: http-8083, port: 8083, protocol: HTTP}
  - {name: https-8443, port: 8443, protocol: HTTP, ssl: true}
"""

TRANSPORT = """\
---
apiVersion: k8s.nginx.org/v1
kind: TransportServer
metadata: {name: pg, namespace: shop}
spec:
  listener: {name: dns-tcp, protocol: TCP}
  upstreams: [{name: db, service: db, port: 5432}]
  action: {pass: db}
"""


def _findings(tmp_path: Path, text: str) -> dict[tuple[str, str], tuple[Status, str]]:
    (tmp_path / "app.yaml").write_text(text, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-003", "GDCC-GRAPH-001")))
    return {(f.rule_id, f.address or ""): (f.status, f.message.en) for f in result.findings}


VS = "VirtualServer.k8s.nginx.org/shop/cafe"


@pytest.mark.parametrize(
    ("listener", "status"),
    [
        # HTTPS only (was FAIL: no tls.redirect)
        ("{https: https-8443}", Status.PASS),
        # an HTTP listener beside it, no redirect: served in clear
        ("{http: http-8083, https: https-8443}", Status.FAIL),
    ],
)
def test_custom_listener_tls(tmp_path: Path, listener: str, status: Status) -> None:
    found = _findings(tmp_path, DATA.replace("LISTENER", listener) + GLOBAL)
    assert found[("GDCC-GRAPH-003", VS)][0] is status


def test_custom_listener_ports(tmp_path: Path) -> None:
    text = DATA.replace("LISTENER", "{http: http-8083, https: https-8443}")
    found = _findings(tmp_path, text + GLOBAL)
    assert "internet → shop/VirtualServer.k8s.nginx.org/cafe:8083,8443 → shop/Service/db:5432" \
        in found[("GDCC-GRAPH-001", "StatefulSet/shop/db")][1]
    # without the GlobalConfiguration: any port, as before
    found = _findings(tmp_path, text)
    assert "internet → shop/VirtualServer.k8s.nginx.org/cafe → shop/Service/db:5432" \
        in found[("GDCC-GRAPH-001", "StatefulSet/shop/db")][1]


def test_transport_server_port(tmp_path: Path) -> None:
    text = DATA.partition("---\napiVersion: k8s.nginx.org/v1")[0] + GLOBAL + TRANSPORT
    found = _findings(tmp_path, text)
    message = found[("GDCC-GRAPH-001", "StatefulSet/shop/db")][1]
    # was any port ("internet → shop/TransportServer.k8s.nginx.org/pg → ...")
    assert "internet → shop/TransportServer.k8s.nginx.org/pg:5353 → shop/Service/db:5432" \
        in message
