"""The older ALB HTTP to HTTPS redirect: an ``alb.ingress.kubernetes.io/actions.ssl-redirect``
redirect action (``Protocol: HTTPS``) named by a ``use-annotation`` backend as the first
path of the rules (AWS Load Balancer Controller v2.0, "Redirect Traffic from HTTP to HTTPS":
the controller leaves the rule off the HTTPS listener it would loop on, so the HTTP
listener only redirects). GDCC-GRAPH-003 FAILed every such Ingress (a wrong FAIL, read as
an HTTP listener serving the application); a redirect that is not first, that leaves a
host or the default backend served, or that does not go to HTTPS still FAILs."""

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
"""

# the controller's v2.0 guide, as written (extensions/v1beta1)
GUIDE = """\
apiVersion: extensions/v1beta1
kind: Ingress
metadata:
  namespace: shop
  name: web
  annotations:
    kubernetes.io/ingress.class: alb
    alb.ingress.kubernetes.io/certificate-arn: arn:aws:acm:us-west-2:xxxx:certificate/xxxxxx
    alb.ingress.kubernetes.io/listen-ports: '[{"HTTP": 80}, {"HTTPS":443}]'
    alb.ingress.kubernetes.io/actions.ssl-redirect: ACTION
spec:
  rules:
    - http:
        paths:
         - path: /*
           backend:
             serviceName: ssl-redirect
             servicePort: use-annotation
         - path: /*
           backend:
             serviceName: db
             servicePort: 5432
"""
ACTION = """'{"Type": "redirect", "RedirectConfig": { "Protocol": "HTTPS", "Port": "443", \
"StatusCode": "HTTP_301"}}'"""

V1 = """\
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  namespace: shop
  name: web
  annotations:
    alb.ingress.kubernetes.io/certificate-arn: arn:aws:acm:x
    alb.ingress.kubernetes.io/listen-ports: '[{"HTTP":80}, {"HTTPS":443}]'
    alb.ingress.kubernetes.io/actions.to-https: >-
      {"type":"redirect","redirectConfig":{"protocol":"https","port":"443","statusCode":"HTTP_301"}}
spec:
  ingressClassName: alb
  DEFAULT
  rules:
    - host: a.example.com
      http:
        paths:
          - path: /
            pathType: PATH_TYPE
            backend: {service: {name: to-https, port: {name: use-annotation}}}
          - {path: /, pathType: Prefix, backend: {service: {name: db, port: {number: 5432}}}}
    - host: b.example.com
      http:
        paths:
          - {path: /, pathType: Prefix, backend: {service: {name: B_FIRST, port: B_PORT}}}
          - {path: /api, pathType: Prefix, backend: {service: {name: db, port: {number: 5432}}}}
"""


def _status(tmp_path: Path, text: str) -> Status:
    (tmp_path / "app.yaml").write_text(DATA + text, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-003",)))
    return next(f.status for f in result.findings if f.address == "Ingress/shop/web")


def _v1(default: str = "", path_type: str = "Prefix", b_first: str = "to-https",
        b_port: str = "{name: use-annotation}") -> str:
    return (V1.replace("DEFAULT", default).replace("PATH_TYPE", path_type)
            .replace("B_FIRST", b_first).replace("B_PORT", b_port))


@pytest.mark.parametrize(
    ("text", "status"),
    [
        # the guide's Ingress: HTTP only redirects (was FAIL)
        (GUIDE.replace("ACTION", ACTION), Status.PASS),
        # the action redirects to HTTP, or is not a redirect
        (GUIDE.replace("ACTION", ACTION.replace('"HTTPS"', '"HTTP"')), Status.FAIL),
        (GUIDE.replace("ACTION", """'{"Type": "fixed-response", "FixedResponseConfig": \
{"StatusCode": "404"}}'"""), Status.FAIL),
        # the redirect is not the first path: the application is served first
        (GUIDE.replace("ACTION", ACTION).replace(
            "serviceName: ssl-redirect\n             servicePort: use-annotation",
            "serviceName: db\n             servicePort: 5432", 1), Status.FAIL),
        # every host redirects first, lower-case keys (was FAIL)
        (_v1(), Status.PASS),
        # an Exact "/" matches the root only
        (_v1(path_type="Exact"), Status.FAIL),
        # host b serves before any redirect
        (_v1(b_first="db", b_port="{number: 5432}"), Status.FAIL),
        # the default backend is served on HTTP too
        (_v1(default="defaultBackend: {service: {name: db, port: {number: 5432}}}"),
         Status.FAIL),
        # ... unless a first rule without host redirects every request before it
        (GUIDE.replace("ACTION", ACTION).replace(
            "spec:\n  rules:",
            "spec:\n  backend: {serviceName: db, servicePort: 5432}\n  rules:"), Status.PASS),
    ],
)
def test_redirect_action(tmp_path: Path, text: str, status: Status) -> None:
    assert _status(tmp_path, text) is status
