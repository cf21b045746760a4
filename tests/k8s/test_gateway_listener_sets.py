"""Gateway API ListenerSets: the listeners a ListenerSet adds to a Gateway that accepts it
(``allowedListeners``) are the Gateway's. A route attached to the ListenerSet was reached
only uncertainly from the internet ("ListenerSet ... (not in the scan)") and the Gateway,
whose own listeners were all HTTPS, was NOT_APPLICABLE to GDCC-GRAPH-003 (it led to no
data) while its ListenerSet served the data over plain HTTP: now FAIL. A Gateway that does
not accept the ListenerSet (``allowedListeners`` not written: none) serves none of its
routes."""

from __future__ import annotations

from pathlib import Path

import pytest

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

DATA = """\
apiVersion: v1
kind: Namespace
metadata: {name: shop, labels: {team: shop}}
---
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
metadata: {name: web, namespace: infra}
spec:
  gatewayClassName: example
  ALLOWED
  listeners:
    - name: https
      protocol: HTTPS
      port: 443
      tls: {certificateRefs: [{name: web-cert}]}
---
apiVersion: API
kind: KIND
metadata: {name: shop-listeners, namespace: shop}
spec:
  parentRef: {name: web, namespace: infra}
  listeners:
    - {name: plain, protocol: HTTP, port: 8080}
    - name: secure
      protocol: HTTPS
      port: 8443
      tls: {certificateRefs: [{name: shop-cert}]}
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: app, namespace: shop}
spec:
  parentRefs: [{GROUP kind: KIND, name: shop-listeners, sectionName: SECTION}]
  rules:
    - backendRefs: [{name: db, port: 5432}]
"""

REDIRECT = """\
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: to-https, namespace: shop}
spec:
  parentRefs: [{GROUP kind: KIND, name: shop-listeners, sectionName: plain}]
  rules:
    - filters:
        - type: RequestRedirect
          requestRedirect: {scheme: https, statusCode: 301}
"""

STANDARD = ("gateway.networking.k8s.io/v1", "ListenerSet", "")
EXPERIMENTAL = (
    "gateway.networking.x-k8s.io/v1alpha1", "XListenerSet", "group: gateway.networking.x-k8s.io,"
)
ALL = "allowedListeners: {namespaces: {from: All}}"
SELECTOR = (
    "allowedListeners: {namespaces: {from: Selector, selector: {matchLabels: {team: LABEL}}}}"
)


def _findings(
    tmp_path: Path, allowed: str, section: str, kind: tuple[str, str, str] = STANDARD,
    redirect: bool = False, namespace: bool = True,
) -> dict[tuple[str, str], tuple[Status, str]]:
    api, name, group = kind
    text = DATA + (REDIRECT if redirect else "")
    if not namespace:
        text = text.split("---\n", 1)[1]
    text = (text.replace("ALLOWED", allowed).replace("API", api).replace("KIND", name)
            .replace("GROUP", group).replace("SECTION", section))
    (tmp_path / "app.yaml").write_text(text, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-003", "GDCC-GRAPH-001")))
    return {(f.rule_id, f.address or ""): (f.status, f.message.en) for f in result.findings}


GATEWAY = "Gateway.gateway.networking.k8s.io/infra/web"
DB = "StatefulSet/shop/db"


def test_plain_listener_of_an_accepted_listener_set(tmp_path: Path) -> None:
    found = _findings(tmp_path, ALL, "plain")
    # was NOT_APPLICABLE: the Gateway led to no data
    assert found[("GDCC-GRAPH-003", GATEWAY)] == (
        Status.FAIL,
        "plain-text entry point in front of personal or classified data (route shop/app "
        "reaches the data through listener plain (HTTP 8080) of ListenerSet "
        "shop/shop-listeners, without TLS): infra/Gateway.gateway.networking.k8s.io/web → "
        "shop/HTTPRoute.gateway.networking.k8s.io/app:8080 → shop/Service/db:5432 → "
        "shop/StatefulSet/db:5432",
    )
    # was UNKNOWN ("ListenerSet shop/shop-listeners (not in the scan)")
    assert found[("GDCC-GRAPH-001", DB)][0] is Status.FAIL
    assert "internet → infra/Gateway.gateway.networking.k8s.io/web:443,8080,8443 → " \
        "shop/HTTPRoute.gateway.networking.k8s.io/app:8080" in found[("GDCC-GRAPH-001", DB)][1]


@pytest.mark.parametrize(
    ("allowed", "section", "kind", "redirect", "namespace", "tls", "reached"),
    [
        # the route on the ListenerSet's HTTPS listener; its HTTP one serves nothing (no
        # route attached, only its own namespace's may: stop 38, judged per listener)
        (ALL, "secure", STANDARD, False, True, Status.PASS, Status.FAIL),
        # ... or only redirects to HTTPS
        (ALL, "secure", STANDARD, True, True, Status.PASS, Status.FAIL),
        # the experimental XListenerSet alike
        (ALL, "plain", EXPERIMENTAL, False, True, Status.FAIL, Status.FAIL),
        (ALL, "secure", EXPERIMENTAL, True, True, Status.PASS, Status.FAIL),
        # only ListenerSets of its own namespace: this one is not accepted
        ("allowedListeners: {namespaces: {from: Same}}", "plain", STANDARD, False, True,
         Status.NOT_APPLICABLE, Status.PASS),
        # none written: none accepted
        ("", "plain", STANDARD, False, True, Status.NOT_APPLICABLE, Status.PASS),
        (SELECTOR.replace("LABEL", "shop"), "plain", STANDARD, False, True,
         Status.FAIL, Status.FAIL),
        (SELECTOR.replace("LABEL", "other"), "plain", STANDARD, False, True,
         Status.NOT_APPLICABLE, Status.PASS),
        # the namespace's labels are not in the scan
        (SELECTOR.replace("LABEL", "shop"), "plain", STANDARD, False, False,
         Status.UNKNOWN, Status.UNKNOWN),
    ],
)
def test_listener_set_attachment(
    tmp_path: Path, allowed: str, section: str, kind: tuple[str, str, str], redirect: bool,
    namespace: bool, tls: Status, reached: Status,
) -> None:
    found = _findings(tmp_path, allowed, section, kind, redirect, namespace)
    assert (found[("GDCC-GRAPH-003", GATEWAY)][0], found[("GDCC-GRAPH-001", DB)][0]) == (
        tls, reached
    )
