"""An ALB's HTTP to HTTPS redirect is its IngressGroup's: ``alb.ingress.kubernetes.io/
ssl-redirect`` (or an IngressClassParams' ``sslRedirectPort``) on one member makes every
HTTP listener of the group's ALB answer with the redirect only ("exclusive across all
Ingresses in IngressGroup"; AWS Load Balancer Controller, Ingress annotations, ssl-redirect;
``buildSSLRedirectConfig`` reads every member). A member without the annotation was read as
serving plain HTTP (a wrong FAIL of GDCC-GRAPH-003); an Ingress of another group, or of
none, still does."""

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
"""
_BOTH = "alb.ingress.kubernetes.io/listen-ports: '[{\"HTTP\": 80}, {\"HTTPS\": 443}]'"
_CERT = "alb.ingress.kubernetes.io/certificate-arn: 'arn:aws:acm:x'"
_REDIRECT = "alb.ingress.kubernetes.io/ssl-redirect: '443'"


def _ingress(name: str, annotations: str, class_name: str | None = None) -> str:
    named = f"\n  ingressClassName: {class_name}" if class_name else ""
    return f"""\
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {{name: {name}, namespace: shop, annotations: {{{annotations}}}}}
spec:{named}
  defaultBackend: {{service: {{name: db, port: {{number: 5432}}}}}}
"""


_CLASS = """\
---
apiVersion: networking.k8s.io/v1
kind: IngressClass
metadata: {name: shared}
spec:
  controller: ingress.k8s.aws/alb
  parameters: {apiGroup: elbv2.k8s.aws, kind: IngressClassParams, name: p}
---
apiVersion: elbv2.k8s.aws/v1beta1
kind: IngressClassParams
metadata: {name: p}
spec: {group: {name: g}, sslRedirectPort: '443'}
"""


def _status(tmp_path: Path, text: str) -> tuple[Status, str]:
    (tmp_path / "app.yaml").write_text(DATA + text, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-003",)))
    web = next(f for f in result.findings if f.address == "Ingress/shop/web")
    return web.status, web.message


@pytest.mark.parametrize(
    ("text", "status"),
    [
        # another member of group g redirects: web's HTTP listener is the group's (was FAIL)
        (_ingress("web", f"kubernetes.io/ingress.class: alb, {_CERT}, {_BOTH}, "
                         "alb.ingress.kubernetes.io/group.name: g")
         + _ingress("api", f"kubernetes.io/ingress.class: alb, {_CERT}, {_BOTH}, {_REDIRECT}, "
                           "alb.ingress.kubernetes.io/group.name: g"), Status.PASS),
        # web listens on HTTP 80 only (no certificate): that listener redirects too (was FAIL)
        (_ingress("web", "kubernetes.io/ingress.class: alb, "
                         "alb.ingress.kubernetes.io/group.name: g")
         + _ingress("api", f"kubernetes.io/ingress.class: alb, {_CERT}, {_BOTH}, {_REDIRECT}, "
                           "alb.ingress.kubernetes.io/group.name: g"), Status.PASS),
        # the group and its redirect from another member's IngressClassParams (was FAIL)
        (_CLASS + _ingress("web", f"kubernetes.io/ingress.class: alb, {_CERT}, {_BOTH}, "
                                  "alb.ingress.kubernetes.io/group.name: g")
         + _ingress("api", f"{_CERT}", "shared"), Status.PASS),
        # the redirecting Ingress is of another group, or of none: web serves HTTP
        (_ingress("web", f"kubernetes.io/ingress.class: alb, {_CERT}, {_BOTH}, "
                         "alb.ingress.kubernetes.io/group.name: g")
         + _ingress("api", f"kubernetes.io/ingress.class: alb, {_CERT}, {_BOTH}, {_REDIRECT}, "
                           "alb.ingress.kubernetes.io/group.name: h"), Status.FAIL),
        (_ingress("web", f"kubernetes.io/ingress.class: alb, {_CERT}, {_BOTH}")
         + _ingress("api", f"kubernetes.io/ingress.class: alb, {_CERT}, {_BOTH}, {_REDIRECT}"),
         Status.FAIL),
        # a member of another controller's class in the same group name is no member
        (_ingress("web", f"kubernetes.io/ingress.class: alb, {_CERT}, {_BOTH}, "
                         "alb.ingress.kubernetes.io/group.name: g")
         + _ingress("api", f"kubernetes.io/ingress.class: nginx, {_REDIRECT}, "
                           "alb.ingress.kubernetes.io/group.name: g"), Status.FAIL),
    ],
)
def test_the_group_redirect(tmp_path: Path, text: str, status: Status) -> None:
    assert _status(tmp_path, text)[0] is status
