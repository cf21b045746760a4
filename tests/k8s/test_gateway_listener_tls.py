"""GDCC-GRAPH-003 judges a Gateway API Gateway per listener: personal data reached through it
is served in clear only through a listener without TLS that a route leading to the data
attaches to. The official ListenerSet example (Gateway listener ``foo`` HTTP 80 with no
route, the data reached through a ListenerSet's HTTPS listener) FAILed "plain-text entry
point" (the Gateway was judged whole); now PASS. A plain listener that routes of other
namespaces may attach to (``allowedRoutes.namespaces.from: All`` / ``Selector``) leaves it
UNKNOWN: the scan may not hold them."""

from __future__ import annotations

from pathlib import Path

import pytest

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

# examples/standard/listenerset/listenerset.yaml of kubernetes-sigs/gateway-api, with a
# route and the data behind it
EXAMPLE = """\
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata:
  name: parent-gateway
spec:
  gatewayClassName: example
  allowedListeners:
    namespaces:
      from: Selector
      selector:
        matchLabels:
          belongs-to: shared-gateway
  listeners:
  - name: foo
    hostname: foo.com
    protocol: HTTP
    port: 80
    ALLOWED
---
apiVersion: v1
kind: Namespace
metadata:
  name: team-1-ns
  labels:
    belongs-to: shared-gateway
---
apiVersion: gateway.networking.k8s.io/v1
kind: ListenerSet
metadata:
  name: first-workload-listeners
  namespace: team-1-ns
spec:
  parentRef:
    namespace: default
    name: parent-gateway
    kind: Gateway
    group: gateway.networking.k8s.io
  listeners:
  - name: first
    hostname: first.foo.com
    protocol: HTTPS
    port: 443
    tls:
      mode: Terminate
      certificateRefs:
      - kind: Secret
        group: ""
        name: first-workload-cert
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: first, namespace: team-1-ns}
spec:
  parentRefs: [{kind: ListenerSet, name: first-workload-listeners, sectionName: first}]
  rules:
    - backendRefs: [{name: db, port: 5432}]
---
apiVersion: v1
kind: Service
metadata: {name: db, namespace: team-1-ns}
spec:
  selector: {app: db}
  ports: [{name: pg, port: 5432}]
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db, namespace: team-1-ns, labels: {pii: "true"}}
spec:
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec:
      containers: [{name: pg, image: postgres:16, ports: [{containerPort: 5432}]}]
---
apiVersion: v1
kind: Service
metadata: {name: docs, namespace: default}
spec:
  selector: {app: docs}
  ports: [{name: http, port: 8080}]
"""

ON_FOO = """\
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: on-foo, namespace: NAMESPACE}
spec:
  parentRefs: [{name: parent-gateway, namespace: default, sectionName: foo}]
  rules:
    - BACKEND
"""
TO_DB = "backendRefs: [{name: db, namespace: team-1-ns, port: 5432}]"
TO_DOCS = "backendRefs: [{name: docs, port: 8080}]"
REDIRECT = "filters: [{type: RequestRedirect, requestRedirect: {scheme: https}}]"
FROM_ALL = "allowedRoutes: {namespaces: {from: All}}"
FROM_SELECTOR = "allowedRoutes: {namespaces: {from: Selector, selector: {matchLabels: {a: b}}}}"
FROM_SAME = "allowedRoutes: {namespaces: {from: Same}}"

GATEWAY = "Gateway.gateway.networking.k8s.io/default/parent-gateway"


def _status(tmp_path: Path, allowed: str, backend: str | None) -> tuple[Status, str]:
    text = EXAMPLE.replace("ALLOWED", allowed)
    if backend is not None:
        namespace = "team-1-ns" if backend == TO_DB else "default"
        text += ON_FOO.replace("BACKEND", backend).replace("NAMESPACE", namespace)
    (tmp_path / "listenerset.yaml").write_text(text, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-003",)))
    found = next(f for f in result.findings if f.address == GATEWAY)
    return found.status, found.message.en


@pytest.mark.parametrize(
    ("allowed", "backend", "status"),
    [
        # the official example: foo has no route, only its own namespace's may attach
        ("", None, Status.PASS),
        (FROM_SAME, None, Status.PASS),
        # foo serves another application (its pods are not in the scan: it reaches no data;
        # pods of the scan reach the data through the cluster network), or only redirects
        ("", TO_DOCS, Status.PASS),
        ("", REDIRECT, Status.PASS),
        # routes of any namespace, which the scan may not hold, may attach to foo
        (FROM_ALL, None, Status.UNKNOWN),
        (FROM_SELECTOR, None, Status.UNKNOWN),
        (FROM_ALL, TO_DOCS, Status.UNKNOWN),
        # a route on foo leads to the data
        ("", TO_DB, Status.FAIL),
        (FROM_ALL, TO_DB, Status.FAIL),
    ],
)
def test_gateway_judged_per_listener(
    tmp_path: Path, allowed: str, backend: str | None, status: Status
) -> None:
    assert _status(tmp_path, allowed, backend)[0] is status


def test_the_listener_that_decides_is_named(tmp_path: Path) -> None:
    found, message = _status(tmp_path, "", TO_DB)
    assert found is Status.FAIL
    assert message.startswith(
        "plain-text entry point in front of personal or classified data (route "
        "team-1-ns/on-foo reaches the data through listener foo (HTTP 80) of Gateway "
        "default/parent-gateway, without TLS): default/Gateway.gateway.networking.k8s.io/"
        "parent-gateway → "
    )
    assert _status(tmp_path, FROM_ALL, None) == (
        Status.UNKNOWN,
        "whether every listener uses TLS is not known: listener foo (HTTP 80) of Gateway "
        "default/parent-gateway has no TLS and lets routes of other namespaces attach "
        "(allowedRoutes.namespaces.from All), which the scan may not hold",
    )


def test_thai_reason(tmp_path: Path) -> None:
    (tmp_path / "listenerset.yaml").write_text(EXAMPLE.replace("ALLOWED", FROM_ALL))
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-003",)))
    found = next(f for f in result.findings if f.address == GATEWAY)
    assert found.message.th == (
        "ไม่ทราบว่าทุกช่องทางใช้ TLS หรือไม่: listener foo (HTTP 80) ของ Gateway "
        "default/parent-gateway ไม่ใช้ TLS และยอมให้ route จาก namespace อื่นผูกได้ "
        "(allowedRoutes.namespaces.from All) ซึ่งอาจไม่อยู่ในข้อมูลที่ตรวจ"
    )
