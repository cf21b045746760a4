"""A Gateway with an HTTP listener beside its HTTPS one encrypts when every route of the
scan attached to the HTTP listener redirects every request to HTTPS (an HTTPRoute whose
rules all carry a ``RequestRedirect`` filter with ``scheme: https``): nothing is served in
clear. GDCC-GRAPH-003 FAILed every such Gateway (a wrong FAIL); a route attached to the HTTP
listener that serves a backend keeps it FAIL."""

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
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: web, namespace: shop}
spec:
  gatewayClassName: example
  listeners:
    - {name: http, protocol: HTTP, port: 80}
    - name: https
      protocol: HTTPS
      port: 443
      tls: {certificateRefs: [{name: web-cert}]}
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: app, namespace: shop}
spec:
  parentRefs: [{name: web, APP_SECTION}]
  rules:
    - backendRefs: [{name: db, port: 5432}]
"""

REDIRECT = """\
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: to-https, namespace: shop}
spec:
  parentRefs: [{name: web, SECTION}]
  rules:
    - filters:
        - type: RequestRedirect
          requestRedirect: {scheme: SCHEME, statusCode: 301}
"""


def _status(tmp_path: Path, text: str) -> Status:
    (tmp_path / "app.yaml").write_text(text, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-003",)))
    found = next(f for f in result.findings
                 if f.address == "Gateway.gateway.networking.k8s.io/shop/web")
    return found.status


def _case(app: str, section: str | None, scheme: str = "https") -> str:
    text = DATA.replace("APP_SECTION", app)
    if section is None:
        return text
    return text + REDIRECT.replace("SECTION", section).replace("SCHEME", scheme)


@pytest.mark.parametrize(
    ("text", "status"),
    [
        # the HTTP listener only redirects (was FAIL)
        (_case("sectionName: https", "sectionName: http"), Status.PASS),
        (_case("sectionName: https", "port: 80"), Status.PASS),
        (_case("port: 443", "namespace: shop"), Status.PASS),
        # the application's route is attached to the HTTP listener too
        (_case("namespace: shop", "sectionName: http"), Status.FAIL),
        # stop 38, judged per listener: the data is reached through the HTTPS listener
        # only; the HTTP one has no route (only its own namespace's may attach) or one that
        # leads to no data (a redirect to http)
        (_case("sectionName: https", None), Status.PASS),
        (_case("sectionName: https", "sectionName: http", "http"), Status.PASS),
    ],
)
def test_http_listener_that_only_redirects(tmp_path: Path, text: str, status: Status) -> None:
    assert _status(tmp_path, text) is status
