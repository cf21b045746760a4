"""Gateway API (gateway.networking.k8s.io): a Gateway listens on its listeners' ports, a
route attached to it (``parentRefs``) sends to the Service ports its ``backendRefs`` name.
The graph read none of them: a pod published through an HTTPRoute was not reached from the
internet at all, so a route to a Service's SSH port PASSed GDCC-GRAPH-002 (a wrong PASS)."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Finding, Status
from gdcc_audit.normalize.kubernetes.mapper import gateway_facets
from gdcc_audit.settings import Settings
from iac_helpers import WEB_WORKLOAD, graph002_finding

GATEWAY = """\
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: public, namespace: infra}
spec:
  gatewayClassName: example
  listeners:
    - {name: http, protocol: HTTP, port: 80}
    - {name: https, protocol: HTTPS, port: 443}
"""


def _route(port: int, section: str = "") -> str:
    parent = "{name: public, namespace: infra" + (f", sectionName: {section}" if section else "")
    return f"""\
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {{name: web, namespace: shop}}
spec:
  parentRefs: [{parent}}}]
  rules:
    - backendRefs: [{{name: web, port: {port}}}]
"""


def _web(tmp_path: Path, text: str) -> Finding:
    return graph002_finding(tmp_path, text)


def test_a_route_to_the_ssh_port_reaches_it_through_the_gateway(tmp_path: Path) -> None:
    web = _web(tmp_path, WEB_WORKLOAD + GATEWAY + _route(22, "https"))
    assert web.status is Status.FAIL  # was PASS: routes were not read
    assert web.message.en == (
        "management port 22 reachable from the internet: internet → "
        "infra/Gateway.gateway.networking.k8s.io/public:80,443 → "
        "shop/HTTPRoute.gateway.networking.k8s.io/web:443 → shop/Service/web:22 → "
        "shop/Deployment/web:22"
    )


def test_a_route_to_the_http_port_does_not_reach_ssh(tmp_path: Path) -> None:
    web = _web(tmp_path, WEB_WORKLOAD + GATEWAY + _route(80))
    assert web.status is Status.PASS


def test_a_gateway_not_in_the_scan_may_be_public(tmp_path: Path) -> None:
    web = _web(tmp_path, WEB_WORKLOAD + _route(22))
    assert web.status is Status.UNKNOWN
    assert web.evidence["path"] == (
        "internet → shop/HTTPRoute.gateway.networking.k8s.io/web → shop/Service/web:22 → "
        "shop/Deployment/web:22"
    )


def test_a_listener_set_parent_may_be_public_and_a_mesh_service_parent_is_not(
    tmp_path: Path,
) -> None:
    listener_set = _route(22).replace(
        "{name: public, namespace: infra}", "{kind: ListenerSet, name: extra, namespace: infra}"
    )
    web = _web(tmp_path, WEB_WORKLOAD + GATEWAY + listener_set)
    assert web.status is Status.UNKNOWN  # a parent the graph does not read: not a PASS
    mesh = _route(22).replace(
        "{name: public, namespace: infra}", "{group: '', kind: Service, name: web}"
    )
    assert _web(tmp_path, WEB_WORKLOAD + GATEWAY + mesh).status is Status.PASS


def test_a_gateway_is_an_entry_point_whose_tls_is_its_listeners(tmp_path: Path) -> None:
    (tmp_path / "app.yaml").write_text(WEB_WORKLOAD + GATEWAY + _route(80), encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-002",)))
    kinds = {r.address: r.kind for r in result.resources if "gateway" in r.provider_type}
    assert kinds == {
        "Gateway.gateway.networking.k8s.io/infra/public": "k8s.ingress",
        "HTTPRoute.gateway.networking.k8s.io/shop/web": "k8s.route",
    }
    plain = {"spec": {"listeners": [{"protocol": "HTTP", "port": 80},
                                    {"protocol": "HTTPS", "port": 443}]}}
    assert gateway_facets(plain) == {"encrypted_in_transit": False}
    tls = {"spec": {"listeners": [{"protocol": "HTTPS", "port": 443}]}}
    assert gateway_facets(tls) == {"encrypted_in_transit": True}


def test_an_internal_gateway_is_not_an_internet_entry_point(tmp_path: Path) -> None:
    # each was an internet entry point: a route to SSH FAILed GDCC-GRAPH-002 (wrong FAIL)
    rilb = GATEWAY.replace("gatewayClassName: example", "gatewayClassName: gke-l7-rilb")
    infrastructure = GATEWAY.replace("  listeners:", """\
  infrastructure:
    annotations: {service.beta.kubernetes.io/aws-load-balancer-scheme: internal}
  listeners:""")
    cluster_ip = GATEWAY.replace(
        "{name: public, namespace: infra}",
        "{name: public, namespace: infra, annotations: "
        "{networking.istio.io/service-type: ClusterIP}}")
    for gateway in (rilb, infrastructure, cluster_ip):
        assert _web(tmp_path, WEB_WORKLOAD + gateway + _route(22)).status is Status.PASS
    external = GATEWAY.replace("example", "gke-l7-global-external-managed")
    assert _web(tmp_path, WEB_WORKLOAD + external + _route(22)).status is Status.FAIL


def test_a_service_import_backend_is_the_exported_service(tmp_path: Path) -> None:
    route = _route(22).replace(
        "{name: web, port: 22}", "{group: net.gke.io, kind: ServiceImport, name: web, port: 22}")
    web = _web(tmp_path, WEB_WORKLOAD + GATEWAY + route)
    assert web.status is Status.FAIL  # was PASS: a ServiceImport backend was not followed
    assert web.message.en == (
        "management port 22 reachable from the internet: internet → "
        "infra/Gateway.gateway.networking.k8s.io/public:80,443 → "
        "shop/HTTPRoute.gateway.networking.k8s.io/web:80,443 → shop/Service/web:22 → "
        "shop/Deployment/web:22"
    )


ALPHA_GATEWAY = """\
---
apiVersion: networking.x-k8s.io/v1alpha1
kind: Gateway
metadata: {name: edge, namespace: shop}
spec:
  gatewayClassName: gke-l7-gxlb
  listeners:
    - protocol: HTTP
      port: 80
      routes:
        kind: HTTPRoute
        selector: {matchLabels: {gateway: edge}}
"""


def _alpha_route(labels: str) -> str:
    return f"""\
---
apiVersion: networking.x-k8s.io/v1alpha1
kind: HTTPRoute
metadata: {{name: web, namespace: shop, labels: {labels}}}
spec:
  rules:
    - forwardTo: [{{serviceName: web, port: 22}}]
"""


def test_a_v1alpha1_gateway_selects_its_routes_by_labels(tmp_path: Path) -> None:
    web = _web(tmp_path, WEB_WORKLOAD + ALPHA_GATEWAY + _alpha_route("{gateway: edge}"))
    assert web.status is Status.FAIL  # was PASS: networking.x-k8s.io was not read
    assert web.message.en == (
        "management port 22 reachable from the internet: internet → "
        "shop/Gateway.networking.x-k8s.io/edge:80 → "
        "shop/HTTPRoute.networking.x-k8s.io/web:80 → shop/Service/web:22 → "
        "shop/Deployment/web:22"
    )
    # a route no Gateway of the scan selects: one outside it may (never PASS)
    assert _web(tmp_path, WEB_WORKLOAD + ALPHA_GATEWAY + _alpha_route("{}")).status \
        is Status.UNKNOWN
    internal = ALPHA_GATEWAY.replace("gke-l7-gxlb", "gke-l7-rilb-mc")
    assert _web(tmp_path, WEB_WORKLOAD + internal + _alpha_route("{gateway: edge}")).status \
        is Status.PASS
