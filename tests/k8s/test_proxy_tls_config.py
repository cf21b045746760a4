"""The TLS of an entry point that another object of the scan decides: an Emissary ``Host``
for the ``Mapping``s associated with it, a GKE ``FrontendConfig`` for the Ingress (or
MultiClusterIngress) naming it. Neither was read, so GDCC-GRAPH-003 stayed UNKNOWN on a
Mapping in front of personal data whose Host routes plain HTTP (``insecure.action:
Route``: FAIL) and on a GKE Ingress whose FrontendConfig redirects HTTP (PASS)."""

from __future__ import annotations

from pathlib import Path

import pytest

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Finding, Status
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

MAPPING = """\
---
apiVersion: getambassador.io/v3alpha1
kind: Mapping
metadata: {{name: web, namespace: shop, labels: {{edge: public}}}}
spec:
  {hostname}
  prefix: /
  service: db:5432
"""


def _host(spec: str, hostname: str = "shop.example.com") -> str:
    return f"""\
---
apiVersion: getambassador.io/v3alpha1
kind: Host
metadata: {{name: shop, namespace: emissary}}
spec:
  hostname: {hostname}
  {spec}
"""


def _graph003(tmp_path: Path, text: str, address: str) -> Finding:
    (tmp_path / "app.yaml").write_text(DATA + text, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-003",)))
    return next(f for f in result.findings if f.address == address)


MAPPING_ADDRESS = "Mapping.getambassador.io/shop/web"
CERT = "tlsSecret: {name: shop-cert}"


@pytest.mark.parametrize(
    ("hostname", "hosts", "status"),
    [
        # the Host of the Mapping's hostname routes insecure requests: HTTP served
        ("hostname: shop.example.com", _host(CERT + "\n  requestPolicy: {insecure: {action: "
                                                    "Route}}"), Status.FAIL),  # was UNKNOWN
        # a Host without a certificate (ACME off) serves HTTP only
        ("hostname: shop.example.com", _host("acmeProvider: {authority: none}"),
         Status.FAIL),  # was UNKNOWN
        # a Mapping of every hostname is served by every Host: one routing HTTP is enough
        ("", _host(CERT + "\n  requestPolicy: {insecure: {action: Route}}",
                   hostname="'*.example.com'"), Status.FAIL),  # was UNKNOWN
        # the Host of its hostname has a certificate and redirects (the default action)
        ("hostname: shop.example.com", _host(CERT), Status.PASS),  # was UNKNOWN
        ("hostname: shop.example.com", _host(CERT + "\n  requestPolicy: {insecure: {action: "
                                                    "Reject}}"), Status.PASS),
        # not known: no Host of the scan, a Host whose selector picks other Mappings, a
        # wildcard Host (an exact one outside the scan would win), another ambassador_id,
        # a Mapping of every hostname whose Hosts all redirect (others may exist)
        ("hostname: shop.example.com", "", Status.UNKNOWN),
        ("hostname: shop.example.com", _host(
            "requestPolicy: {insecure: {action: Route}}\n"
            "  mappingSelector: {matchLabels: {edge: private}}"), Status.UNKNOWN),
        ("hostname: shop.example.com", _host("requestPolicy: {insecure: {action: Route}}",
                                             hostname="'*'"), Status.UNKNOWN),
        ("hostname: shop.example.com", _host(
            "ambassador_id: [other]\n  requestPolicy: {insecure: {action: Route}}"),
         Status.UNKNOWN),
        ("", _host(CERT), Status.UNKNOWN),
    ],
)
def test_an_emissary_host_decides_its_mappings_tls(
    tmp_path: Path, hostname: str, hosts: str, status: Status
) -> None:
    found = _graph003(tmp_path, MAPPING.format(hostname=hostname) + hosts, MAPPING_ADDRESS)
    assert found.status is status
    if status is Status.FAIL:
        assert found.message.en == (
            "plain-text entry point in front of personal or classified data: "
            "shop/Mapping.getambassador.io/web → shop/Service/db:5432 → shop/StatefulSet/db:5432"
        )


def test_a_listener_taking_plain_http_as_secure_leaves_it_not_known(tmp_path: Path) -> None:
    """``securityModel: SECURE`` on an HTTP Listener: Emissary never redirects its requests."""
    listener = """\
---
apiVersion: getambassador.io/v3alpha1
kind: Listener
metadata: {name: http, namespace: emissary}
spec: {port: 8080, protocol: HTTP, securityModel: SECURE, hostBinding: {namespace: {from: ALL}}}
"""
    text = MAPPING.format(hostname="hostname: shop.example.com") + _host(CERT) + listener
    assert _graph003(tmp_path, text, MAPPING_ADDRESS).status is Status.UNKNOWN


INGRESS = """\
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
  namespace: shop
  annotations: {kubernetes.io/ingress.class: gce, networking.gke.io/v1beta1.FrontendConfig: fc}
spec:
  tls: [{secretName: web-cert}]
  defaultBackend: {service: {name: db, port: {number: 5432}}}
"""


def _frontend(spec: str, namespace: str = "shop") -> str:
    return f"""\
---
apiVersion: networking.gke.io/v1beta1
kind: FrontendConfig
metadata: {{name: fc, namespace: {namespace}}}
spec: {spec}
"""


@pytest.mark.parametrize(
    ("frontend", "status"),
    [
        (_frontend("{redirectToHttps: {enabled: true}}"), Status.PASS),  # was UNKNOWN
        (_frontend("{sslPolicy: modern}"), Status.FAIL),  # was UNKNOWN: HTTP served too
        (_frontend("{redirectToHttps: {enabled: true}}", namespace="other"), Status.UNKNOWN),
        ("", Status.UNKNOWN),
    ],
)
def test_a_frontend_config_decides_a_gke_ingress_tls(
    tmp_path: Path, frontend: str, status: Status
) -> None:
    assert _graph003(tmp_path, INGRESS + frontend, "Ingress/shop/web").status is status


def test_a_frontend_config_redirects_a_managed_certificate_ingress(tmp_path: Path) -> None:
    """Google-managed (or pre-shared) certificates serve the HTTPS of a GKE Ingress without
    ``tls``; its FrontendConfig's redirect then encrypts it (it was taken as plain HTTP)."""
    ingress = INGRESS.replace("  tls: [{secretName: web-cert}]\n", "").replace(
        "networking.gke.io/v1beta1.FrontendConfig: fc}",
        "networking.gke.io/v1beta1.FrontendConfig: fc,\n"
        "                networking.gke.io/managed-certificates: web-cert}")
    text = ingress + _frontend("{redirectToHttps: {enabled: true}}")
    assert _graph003(tmp_path, text, "Ingress/shop/web").status is Status.PASS  # was FAIL
