"""An Ingress whose controller's documented class or annotation makes its load balancer
internal is reached from internal addresses, not from the internet: GKE's internal Ingress
(``kubernetes.io/ingress.class: gce-internal``), an AWS ALB with
``alb.ingress.kubernetes.io/scheme: internal``, AGIC's ``use-private-ip: "true"``. Every
Ingress was an internet entry point, so the SSH port behind one FAILed GDCC-GRAPH-002. An ALB
whose scheme is not written is internal by default, but the IngressClassParams of its class
(not in the scan: test_ingress_classes.py) may make it internet-facing: UNKNOWN, not PASS."""

from __future__ import annotations

from pathlib import Path

import pytest

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

WORKLOAD = """\
apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec:
  selector: {app: web}
  ports: [{name: ssh, port: 22, targetPort: 22}]
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
        - {name: web, image: shop/web:1.0, ports: [{containerPort: 22}]}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
  namespace: shop
  annotations: {ANNOTATIONS}
spec:
  rules:
    - http:
        paths:
          - {path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 22}}}}
"""


@pytest.mark.parametrize(
    ("annotations", "status"),
    [
        ('{kubernetes.io/ingress.class: gce-internal}', Status.PASS),
        ('{kubernetes.io/ingress.class: alb, alb.ingress.kubernetes.io/scheme: internal}',
         Status.PASS),
        ('{appgw.ingress.kubernetes.io/use-private-ip: "true"}', Status.PASS),
        ('{kubernetes.io/ingress.class: alb}', Status.UNKNOWN),
        ('{kubernetes.io/ingress.class: alb, '
         'alb.ingress.kubernetes.io/scheme: internet-facing}', Status.FAIL),
        ("{kubernetes.io/ingress.class: nginx}", Status.FAIL),
    ],
)
def test_an_internal_ingress_is_not_an_internet_entry(
    tmp_path: Path, annotations: str, status: Status
) -> None:
    (tmp_path / "app.yaml").write_text(WORKLOAD.replace("{ANNOTATIONS}", annotations),
                                       encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-002",)))
    web = next(f for f in result.findings if f.address == "Deployment/shop/web")
    assert web.status is status
