"""Istio (networking.istio.io): a ``Gateway`` opens its servers' ports on the mesh's ingress
gateway, a ``VirtualService`` bound to it (``gateways``) routes to Services
(``destination.host`` / ``port.number``). They were not read: a pod published only through
them was not reached from the internet, so a VirtualService to a Service's SSH port PASSed
GDCC-GRAPH-002 (a wrong PASS)."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Finding, Status
from gdcc_audit.normalize.kubernetes.mapper import istio_gateway_facets
from gdcc_audit.settings import Settings
from iac_helpers import graph002_finding

WORKLOAD = """\
apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec:
  selector: {app: web}
  ports:
    - {name: http, port: 9080, targetPort: 9080}
    - {name: ssh, port: 22, targetPort: 22}
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
        - name: web
          image: shop/web:1.0
          ports: [{containerPort: 9080}, {containerPort: 22}]
---
apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: public, namespace: shop}
spec:
  selector: {istio: ingressgateway}
  servers:
    - port: {number: 8080, name: http, protocol: HTTP}
      hosts: ["*"]
"""


def _virtual_service(host: str, port: int, gateway: str = "public") -> str:
    return f"""\
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {{name: web, namespace: shop}}
spec:
  hosts: ["*"]
  gateways: [{gateway}]
  tcp:
    - route: [{{destination: {{host: {host}, port: {{number: {port}}}}}}}]
"""


def _web(tmp_path: Path, text: str) -> Finding:
    return graph002_finding(tmp_path, text)


def test_a_virtual_service_to_the_ssh_port_reaches_it(tmp_path: Path) -> None:
    web = _web(tmp_path, WORKLOAD + _virtual_service("web.shop.svc.cluster.local", 22))
    assert web.status is Status.FAIL  # was PASS: Istio routing was not read
    assert web.message.en == (
        "management port 22 reachable from the internet: internet → "
        "shop/Gateway.networking.istio.io/public:8080 → "
        "shop/VirtualService.networking.istio.io/web:8080 → shop/Service/web:22 → "
        "shop/Deployment/web:22"
    )


def test_a_virtual_service_to_the_http_port_does_not_reach_ssh(tmp_path: Path) -> None:
    assert _web(tmp_path, WORKLOAD + _virtual_service("web", 9080)).status is Status.PASS


def test_a_gateway_not_in_the_scan_may_be_public_and_mesh_is_not(tmp_path: Path) -> None:
    elsewhere = _virtual_service("web", 22, "istio-system/shared")
    assert _web(tmp_path, WORKLOAD + elsewhere).status is Status.UNKNOWN
    assert _web(tmp_path, WORKLOAD + _virtual_service("web", 22, "mesh")).status is Status.PASS


def test_gateway_tls_is_its_servers() -> None:
    def facets(*servers: dict[str, object]) -> object:
        return istio_gateway_facets({"spec": {"servers": list(servers)}})["encrypted_in_transit"]

    https = {"port": {"number": 443, "protocol": "HTTPS"}, "tls": {"mode": "SIMPLE"}}
    redirect = {"port": {"number": 80, "protocol": "HTTP"}, "tls": {"httpsRedirect": True}}
    plain = {"port": {"number": 80, "protocol": "HTTP"}}
    assert facets(https, redirect) is True
    assert facets(https, plain) is False


def test_an_egress_gateway_is_not_reached_from_the_internet(tmp_path: Path) -> None:
    # a Gateway of the egress gateway (istio: egressgateway) is the mesh's way out: the
    # cluster's pods reach it, the internet does not (it FAILed GDCC-GRAPH-002 as an entry)
    egress = WORKLOAD.replace("{istio: ingressgateway}", "{istio: egressgateway}")
    web = _web(tmp_path, egress + _virtual_service("web", 22))
    assert web.status is Status.PASS


def _gateway_pods(service: str) -> str:
    """A custom ingress gateway: its pods (label ``istio: internal``) and their Service."""
    return f"""\
---
apiVersion: apps/v1
kind: Deployment
metadata: {{name: internal-gateway, namespace: edge}}
spec:
  selector: {{matchLabels: {{istio: internal}}}}
  template:
    metadata: {{labels: {{istio: internal}}}}
    spec:
      containers: [{{name: istio-proxy, image: istio/proxyv2:1.22.0}}]
---
apiVersion: v1
kind: Service
metadata:
  name: internal-gateway
  namespace: edge
{service}
"""


CLUSTER_IP = """\
spec:
  selector: {istio: internal}
  ports: [{port: 8080}]"""
INTERNAL_LB = """\
  annotations: {networking.gke.io/load-balancer-type: Internal}
spec:
  type: LoadBalancer
  selector: {istio: internal}
  ports: [{port: 8080}]"""
PUBLIC_LB = """\
spec:
  type: LoadBalancer
  selector: {istio: internal}
  ports: [{port: 8080}]"""


def test_a_custom_gateway_is_reached_as_its_pods_services_are(tmp_path: Path) -> None:
    internal = WORKLOAD.replace("{istio: ingressgateway}", "{istio: internal}")
    route = _virtual_service("web", 22)
    # its pods are behind a ClusterIP Service or an internal load balancer: not an internet
    # entry point (it FAILed GDCC-GRAPH-002 as one)
    assert _web(tmp_path, internal + route + _gateway_pods(CLUSTER_IP)).status is Status.PASS
    assert _web(tmp_path, internal + route + _gateway_pods(INTERNAL_LB)).status is Status.PASS
    assert _web(tmp_path, internal + route + _gateway_pods(PUBLIC_LB)).status is Status.FAIL
    # no pod of the scan carries its labels: Istio's ingress gateway, a public one
    assert _web(tmp_path, internal + route).status is Status.FAIL


def test_a_cluster_ip_gateway_behind_an_ingress_is_reached_through_it(tmp_path: Path) -> None:
    internal = WORKLOAD.replace("{istio: ingressgateway}", "{istio: internal}")
    ingress = """---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: front, namespace: edge}
spec:
  defaultBackend: {service: {name: internal-gateway, port: {number: 8080}}}
"""
    text = internal + _virtual_service("web", 22) + _gateway_pods(CLUSTER_IP) + ingress
    assert _web(tmp_path, text).status is Status.FAIL


PERSONAL_DATA = """\
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
apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: public, namespace: shop}
spec:
  selector: {istio: internal}
  servers:
    - port: {number: 8080, name: tcp, protocol: TCP}
      hosts: ["*"]
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: db, namespace: shop}
spec:
  hosts: ["*"]
  gateways: [public]
  tcp:
    - route: [{destination: {host: db, port: {number: 5432}}}]
"""


def _gateway_tls(tmp_path: Path, service: str) -> Finding:
    (tmp_path / "app.yaml").write_text(PERSONAL_DATA + _gateway_pods(service), "utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-003",)))
    return next(f for f in result.findings
                if f.address == "Gateway.networking.istio.io/shop/public")


def test_a_gateway_behind_a_public_load_balancer_is_a_public_entry_point(
    tmp_path: Path,
) -> None:
    # its gateway pods are behind a public LoadBalancer: the Gateway's plain TCP server
    # fronts the personal data (it was "not a public entry point" once the pods were read)
    gateway = _gateway_tls(tmp_path, PUBLIC_LB)
    assert gateway.status is Status.FAIL
    assert gateway.message.en == (
        "plain-text entry point in front of personal or classified data: "
        "shop/Gateway.networking.istio.io/public → "
        "shop/VirtualService.networking.istio.io/db:8080 → shop/Service/db:5432 → "
        "shop/StatefulSet/db:5432"
    )
    assert _gateway_tls(tmp_path, CLUSTER_IP).status is Status.NOT_APPLICABLE
