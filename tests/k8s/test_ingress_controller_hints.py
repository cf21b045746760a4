"""An Ingress whose class the scan cannot tie to a controller (its IngressClass is not in
the scan, or names no known controller) was read as any controller would serve it: ``tls``
encrypts. When it writes annotations only one controller reads, its class may be that
controller's, which may serve it otherwise: an Ingress with ``alb.ingress.kubernetes.io/``
annotations and ``spec.tls`` but no certificate is served by the AWS Load Balancer
Controller on HTTP 80 only (``spec.tls`` makes no HTTPS listener). It PASSed GDCC-GRAPH-003
(a wrong PASS when the class is an ALB's); now UNKNOWN when the readings differ."""

from __future__ import annotations

from pathlib import Path

import pytest

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.normalize.kubernetes.ingress_redirects import ingress_encrypted
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


def _ingress(annotations: str, tls: bool = True, class_name: str = "my-aws-ingress-class") -> str:
    secret = "\n  tls: [{secretName: web-cert}]" if tls else ""
    return f"""\
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {{name: web, namespace: shop, annotations: {{{annotations}}}}}
spec:
  ingressClassName: {class_name}{secret}
  defaultBackend: {{service: {{name: db, port: {{number: 5432}}}}}}
"""


_BOTH = "alb.ingress.kubernetes.io/listen-ports: '[{\"HTTP\": 80}, {\"HTTPS\": 443}]'"
_CERT = "alb.ingress.kubernetes.io/certificate-arn: 'arn:aws:acm:x'"


@pytest.mark.parametrize(
    ("text", "status", "message"),
    [
        # an ALB's class would serve it on HTTP 80 only (was PASS)
        (_ingress("alb.ingress.kubernetes.io/scheme: internet-facing"), Status.UNKNOWN,
         "whether every listener uses TLS is not known"),
        # every reading agrees: decided
        (_ingress(f"{_CERT}, {_BOTH}, alb.ingress.kubernetes.io/ssl-redirect: '443'"),
         Status.PASS, None),
        (_ingress(f"{_CERT}, {_BOTH}"), Status.UNKNOWN, None),  # ALB: HTTP served (was PASS)
        (_ingress("alb.ingress.kubernetes.io/scheme: internet-facing", tls=False),
         Status.FAIL, None),
        # Traefik's, Contour's, Kong's own annotations alike (each was PASS)
        (_ingress("traefik.ingress.kubernetes.io/router.entrypoints: websecure", class_name="pub"),
         Status.UNKNOWN, None),
        (_ingress("projectcontour.io/response-timeout: 30s", class_name="pub"),
         Status.UNKNOWN, None),
        (_ingress("konghq.com/strip-path: 'true'", class_name="pub"), Status.UNKNOWN, None),
        (_ingress("konghq.com/protocols: https", class_name="pub"), Status.PASS, None),
        # no controller's own annotation: tls encrypts (unchanged)
        (_ingress("cert-manager.io/cluster-issuer: le", class_name="pub"), Status.PASS, None),
        # an IngressClass of the scan tells the controller: its reading only
        (_ingress("alb.ingress.kubernetes.io/scheme: internet-facing", class_name="n")
         + "---\napiVersion: networking.k8s.io/v1\nkind: IngressClass\nmetadata: {name: n}\n"
           "spec: {controller: k8s.io/ingress-nginx}\n", Status.PASS, None),
    ],
)
def test_another_controllers_annotations(
    tmp_path: Path, text: str, status: Status, message: str | None
) -> None:
    (tmp_path / "app.yaml").write_text(DATA + text, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-003",)))
    web = next(f for f in result.findings if f.address == "Ingress/shop/web")
    assert web.status is status
    if message is not None:
        assert web.message.en == message


def test_the_reading_of_a_controller_not_known() -> None:
    alb = {"metadata": {"annotations": {"alb.ingress.kubernetes.io/target-type": "ip"}},
           "spec": {"tls": [{"secretName": "c"}]}}
    assert ingress_encrypted(alb, None) is None
    assert ingress_encrypted(alb, "ingress-nginx") is True
    assert ingress_encrypted({"spec": {"tls": [{"secretName": "c"}]}}, None) is True
