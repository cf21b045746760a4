"""A GKE Ingress (class ``gce`` / ``gce-internal``) with ``tls`` keeps serving HTTP on its
load balancer unless ``kubernetes.io/ingress.allow-http: "false"``; a FrontendConfig may
redirect it. Contour and Kong serve HTTP too by default, ingress-nginx and NGINX when told not
to redirect (stop 34: they were PASSes as well). Its ``tls`` was taken as encrypting every
listener: a plain-HTTP GKE entry in front of personal data PASSed GDCC-GRAPH-003 (a wrong
PASS)."""

from __future__ import annotations

from pathlib import Path

import pytest

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.normalize.kubernetes.mapper import ingress_facets
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


def _ingress(annotations: str) -> str:
    return f"""\
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {{name: web, namespace: shop, annotations: {annotations}}}
spec:
  tls: [{{secretName: web-cert}}]
  defaultBackend: {{service: {{name: db, port: {{number: 5432}}}}}}
"""


@pytest.mark.parametrize(
    ("annotations", "status"),
    [
        ("{kubernetes.io/ingress.class: gce}", Status.FAIL),  # was PASS
        ('{kubernetes.io/ingress.class: gce, kubernetes.io/ingress.allow-http: "false"}',
         Status.PASS),
        ("{kubernetes.io/ingress.class: gce, networking.gke.io/v1beta1.FrontendConfig: fc}",
         Status.UNKNOWN),
        ("{kubernetes.io/ingress.class: nginx}", Status.PASS),  # redirects by default
        # no class, but annotations only GKE's default controller (gce) reads
        ("{kubernetes.io/ingress.global-static-ip-name: web-ip}", Status.FAIL),  # was PASS
        ("{networking.gke.io/managed-certificates: web-cert}", Status.FAIL),  # was PASS
        ('{kubernetes.io/ingress.allow-http: "false"}', Status.PASS),
        ("{networking.gke.io/v1beta1.FrontendConfig: fc}", Status.UNKNOWN),  # was PASS
        ("{}", Status.PASS),  # no class and nothing GKE's: the controller is not known
        # Contour and Kong serve HTTP beside the tls hosts unless told otherwise
        ("{kubernetes.io/ingress.class: contour}", Status.FAIL),  # was PASS
        ('{kubernetes.io/ingress.class: contour, ingress.kubernetes.io/force-ssl-redirect: '
         '"true"}', Status.PASS),
        ('{kubernetes.io/ingress.class: contour, kubernetes.io/ingress.allow-http: "false"}',
         Status.PASS),
        ("{kubernetes.io/ingress.class: kong}", Status.FAIL),  # was PASS
        ("{kubernetes.io/ingress.class: kong, konghq.com/protocols: https}", Status.PASS),
        # ingress-nginx / NGINX told not to redirect
        ('{kubernetes.io/ingress.class: nginx, nginx.ingress.kubernetes.io/ssl-redirect: '
         '"false"}', Status.FAIL),  # was PASS
        ('{nginx.ingress.kubernetes.io/ssl-redirect: "false", '
         'nginx.ingress.kubernetes.io/force-ssl-redirect: "true"}', Status.PASS),
        ('{kubernetes.io/ingress.class: nginx, ingress.kubernetes.io/ssl-redirect: "false"}',
         Status.FAIL),  # was PASS
    ],
)
def test_a_gke_ingress_with_tls_still_serves_http(
    tmp_path: Path, annotations: str, status: Status
) -> None:
    (tmp_path / "app.yaml").write_text(DATA + _ingress(annotations), encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-003",)))
    web = next(f for f in result.findings if f.address == "Ingress/shop/web")
    assert web.status is status


def test_gke_ingress_facets() -> None:
    obj = {"metadata": {"annotations": {"kubernetes.io/ingress.class": "gce"}},
           "spec": {"tls": [{"secretName": "c"}]}}
    assert ingress_facets(obj) == {"encrypted_in_transit": False}
