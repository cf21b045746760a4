"""The routing objects of ingress proxies other than the Kubernetes Ingress publish Services
as an Ingress does: Contour's ``HTTPProxy`` (its ``routes``, ``tcpproxy`` and the proxies it
``includes``), Kong's ``TCPIngress`` / ``UDPIngress``, Emissary's ``Mapping`` /
``TCPMapping``, NGINX's ``VirtualServer`` (and the ``VirtualServerRoute``s it delegates to)
and ``TransportServer``. None was read: a pod published only through one was not reached
from the internet, so a route to a Service's SSH port PASSed GDCC-GRAPH-002 (a wrong PASS)."""

from __future__ import annotations

from pathlib import Path

import pytest

from gdcc_audit.models.finding import Finding, Status
from gdcc_audit.normalize.kubernetes.mapper import ingress_facets
from gdcc_audit.normalize.kubernetes.proxies import proxy_facets, proxy_kind
from iac_helpers import WEB_WORKLOAD, graph002_finding


def _web(tmp_path: Path, text: str) -> Finding:
    return graph002_finding(tmp_path, WEB_WORKLOAD + text)


CONTOUR_TCP = """\
---
apiVersion: projectcontour.io/v1
kind: HTTPProxy
metadata: {name: web, namespace: shop}
spec:
  virtualhost:
    fqdn: ssh.example.com
    tls: {passthrough: true}
  tcpproxy:
    services: [{name: web, port: 22}]
"""


def test_a_contour_tcpproxy_to_the_ssh_port_reaches_it(tmp_path: Path) -> None:
    web = _web(tmp_path, CONTOUR_TCP)
    assert web.status is Status.FAIL  # was PASS: HTTPProxies were not read
    assert web.message.en == (
        "management port 22 reachable from the internet: internet → "
        "shop/HTTPProxy.projectcontour.io/web:443 → shop/Service/web:22 → "
        "shop/Deployment/web:22"
    )


def _contour_child(port: int) -> str:
    return f"""\
---
apiVersion: projectcontour.io/v1
kind: HTTPProxy
metadata: {{name: child, namespace: shop}}
spec:
  routes:
    - conditions: [{{prefix: /}}]
      services: [{{name: web, port: {port}}}]
"""


ROOT = """\
---
apiVersion: projectcontour.io/v1
kind: HTTPProxy
metadata: {name: root, namespace: edge}
spec:
  virtualhost: {fqdn: www.example.com}
  includes:
    - {name: child, namespace: shop}
"""


def test_a_contour_include_delegates_the_root_s_entry(tmp_path: Path) -> None:
    web = _web(tmp_path, ROOT + _contour_child(22))
    assert web.status is Status.FAIL
    assert web.message.en == (
        "management port 22 reachable from the internet: internet → "
        "edge/HTTPProxy.projectcontour.io/root:80 → shop/HTTPProxy.projectcontour.io/child:80 → "
        "shop/Service/web:22 → shop/Deployment/web:22"
    )


def test_a_contour_child_no_root_of_the_scan_includes_is_uncertain(tmp_path: Path) -> None:
    web = _web(tmp_path, _contour_child(22))
    assert web.status is Status.UNKNOWN  # a root outside the scan may include it: never PASS


def test_a_contour_route_to_the_http_port_does_not_reach_ssh(tmp_path: Path) -> None:
    assert _web(tmp_path, ROOT + _contour_child(80)).status is Status.PASS


KONG = """\
---
apiVersion: configuration.konghq.com/v1beta1
kind: TCPIngress
metadata: {name: web, namespace: shop}
spec:
  rules:
    - port: 2222
      backend: {serviceName: web, servicePort: 22}
"""


def test_a_kong_tcpingress_to_the_ssh_port_reaches_it(tmp_path: Path) -> None:
    web = _web(tmp_path, KONG)
    assert web.status is Status.FAIL
    assert web.message.en == (
        "management port 22 reachable from the internet: internet → "
        "shop/TCPIngress.configuration.konghq.com/web:2222 → shop/Service/web:22 → "
        "shop/Deployment/web:22"
    )


def _emissary(kind: str, service: str, extra: str = "") -> str:
    return f"""\
---
apiVersion: getambassador.io/v3alpha1
kind: {kind}
metadata: {{name: web, namespace: edge}}
spec:
  service: {service}
{extra}"""


def test_an_emissary_tcpmapping_to_the_ssh_port_reaches_it(tmp_path: Path) -> None:
    web = _web(tmp_path, _emissary("TCPMapping", "web.shop:22", "  port: 2222\n"))
    assert web.status is Status.FAIL
    assert web.message.en == (
        "management port 22 reachable from the internet: internet → "
        "edge/TCPMapping.getambassador.io/web:2222 → shop/Service/web:22 → "
        "shop/Deployment/web:22"
    )


def test_an_emissary_mapping_without_a_port_sends_to_80(tmp_path: Path) -> None:
    # "web.shop" with no port: Emissary sends to port 80 of the Service, not to 22
    text = _emissary("Mapping", "http://web.shop", "  prefix: /\n")
    assert _web(tmp_path, text).status is Status.PASS


NGINX_VS = """\
---
apiVersion: k8s.nginx.org/v1
kind: VirtualServer
metadata: {name: web, namespace: shop}
spec:
  host: www.example.com
  upstreams:
    - {name: app, service: web, port: 80}
    - {name: admin, service: web, port: 22}
  routes:
    - path: /
      action: {pass: app}
"""


def test_an_nginx_upstream_no_route_passes_to_is_not_reached(tmp_path: Path) -> None:
    assert _web(tmp_path, NGINX_VS).status is Status.PASS


def test_an_nginx_split_to_the_ssh_upstream_reaches_it(tmp_path: Path) -> None:
    text = NGINX_VS + """\
    - path: /admin
      splits:
        - {weight: 90, action: {pass: app}}
        - {weight: 10, action: {pass: admin}}
"""
    web = _web(tmp_path, text)
    assert web.status is Status.FAIL
    assert web.message.en == (
        "management port 22 reachable from the internet: internet → "
        "shop/VirtualServer.k8s.nginx.org/web:80 → shop/Service/web:22 → "
        "shop/Deployment/web:22"
    )


VSR = """\
---
apiVersion: k8s.nginx.org/v1
kind: VirtualServerRoute
metadata: {name: admin, namespace: shop, labels: {team: shop}}
spec:
  host: www.example.com
  upstreams:
    - {name: admin, service: web, port: 22}
  subroutes:
    - path: /admin
      action: {pass: admin}
"""


@pytest.mark.parametrize(
    ("route", "status"),
    [
        ("    - {path: /admin, route: shop/admin}\n", Status.FAIL),
        ("    - path: /admin\n      routeSelector: {matchLabels: {team: shop}}\n", Status.FAIL),
        ("", Status.UNKNOWN),  # no VirtualServer of the scan delegates to it
    ],
)
def test_an_nginx_virtualserverroute_is_reached_through_its_virtualserver(
    tmp_path: Path, route: str, status: Status
) -> None:
    assert _web(tmp_path, NGINX_VS + route + VSR).status is status


def test_an_nginx_transportserver_reaches_its_upstream(tmp_path: Path) -> None:
    text = """\
---
apiVersion: k8s.nginx.org/v1
kind: TransportServer
metadata: {name: ssh, namespace: shop}
spec:
  listener: {name: ssh-tcp, protocol: TCP}
  upstreams:
    - {name: ssh, service: web, port: 22}
  action: {pass: ssh}
"""
    web = _web(tmp_path, text)
    assert web.status is Status.FAIL
    assert web.message.en == (
        "management port 22 reachable from the internet: internet → "
        "shop/TransportServer.k8s.nginx.org/ssh → shop/Service/web:22 → "
        "shop/Deployment/web:22"
    )


def test_tls_of_the_proxies_entry_points() -> None:
    contour = "HTTPProxy.projectcontour.io"
    root = {"spec": {"virtualhost": {"fqdn": "a", "tls": {"secretName": "s"}},
                     "routes": [{"services": []}]}}
    assert proxy_facets(contour, root) == {"encrypted_in_transit": True}
    root["spec"]["routes"] = [{"permitInsecure": True}]
    assert proxy_facets(contour, root) == {"encrypted_in_transit": False}
    assert proxy_kind(contour, {"spec": {"routes": []}}) == "k8s.route"
    assert proxy_facets(contour, {"spec": {"routes": []}}) == {}  # its root decides
    vs = "VirtualServer.k8s.nginx.org"
    redirect = {"secret": "s", "redirect": {"enable": True}}
    assert proxy_facets(vs, {"spec": {"tls": redirect}}) == {"encrypted_in_transit": True}
    assert proxy_facets(vs, {"spec": {"tls": {"secret": "s"}}}) == {
        "encrypted_in_transit": False}  # HTTP is served too
    # an Emissary Mapping's TLS is the installation's Hosts': not known from the Mapping
    assert proxy_facets("Mapping.getambassador.io", {"spec": {"tls": True}}) == {}
    tcp = {"spec": {"rules": [{"host": "db.example.com", "port": 9000}]}}
    assert proxy_facets("TCPIngress.configuration.konghq.com", tcp) == {
        "encrypted_in_transit": True}


def test_an_apisix_stream_route_to_the_ssh_port_reaches_it(tmp_path: Path) -> None:
    text = """\
---
apiVersion: apisix.apache.org/v2
kind: ApisixRoute
metadata: {name: web, namespace: shop}
spec:
  http:
    - name: site
      match: {paths: [/*]}
      backends: [{serviceName: web, servicePort: http}]
  stream:
    - name: ssh
      protocol: TCP
      match: {ingressPort: 2222}
      backend: {serviceName: web, servicePort: 22}
"""
    web = _web(tmp_path, text)
    assert web.status is Status.FAIL  # was PASS: ApisixRoutes were not read
    assert web.message.en == (
        "management port 22 reachable from the internet: internet → "
        "shop/ApisixRoute.apisix.apache.org/web:80,443,2222 → shop/Service/web:22 → "
        "shop/Deployment/web:22"
    )


def test_a_target_group_binding_is_an_uncertain_entry(tmp_path: Path) -> None:
    # the load balancer of its target group is made outside the manifests: it may be
    # internet-facing or internal, so the SSH port it registers is not known safe
    text = """\
---
apiVersion: elbv2.k8s.aws/v1beta1
kind: TargetGroupBinding
metadata: {name: web, namespace: shop}
spec:
  serviceRef: {name: web, port: 22}
  targetGroupARN: arn:aws:elasticloadbalancing:ap-southeast-1:111122223333:targetgroup/ssh/0
"""
    web = _web(tmp_path, text)
    assert web.status is Status.UNKNOWN  # was PASS
    assert "shop/TargetGroupBinding.elbv2.k8s.aws/web → shop/Service/web:22" in web.message.en


def test_an_nginx_upstream_whose_name_is_not_a_string_is_skipped(tmp_path: Path) -> None:
    # a list as an upstream's name stopped the whole scan (TypeError: unhashable type)
    text = NGINX_VS.replace("- {name: admin, service: web, port: 22}",
                            "- {name: [admin], service: web, port: 22}")
    assert _web(tmp_path, text).status is Status.PASS


def test_a_kong_ingress_routed_over_https_only_is_tls() -> None:
    # konghq.com/protocols: https: Kong answers plain HTTP with 426 (it was "plain-text
    # entry point", a wrong GDCC-GRAPH-003 FAIL in front of personal data)
    kong = {"metadata": {"annotations": {"konghq.com/protocols": "https, grpcs"}}, "spec": {}}
    assert ingress_facets(kong) == {"encrypted_in_transit": True}
    kong["metadata"]["annotations"]["konghq.com/protocols"] = "http,https"
    assert ingress_facets(kong) == {"encrypted_in_transit": False}


def _gloo(action: str, extra: str = "") -> str:
    return f"""\
---
apiVersion: gateway.solo.io/v1
kind: VirtualService
metadata: {{name: web, namespace: gloo-system}}
spec:
  virtualHost:
    domains: ["*"]
    routes:
      - matchers: [{{prefix: /}}]
        {action}
{extra}"""


UPSTREAM = """\
---
apiVersion: gloo.solo.io/v1
kind: Upstream
metadata: {name: shop-ssh, namespace: gloo-system}
spec:
  kube: {serviceName: web, serviceNamespace: shop, servicePort: 22}
"""


@pytest.mark.parametrize(
    ("text", "hops"),
    [
        # a kube destination: the Service and port it names
        (_gloo("routeAction: {single: {kube: {ref: {name: web, namespace: shop}, port: 22}}}"),
         "gloo-system/VirtualService.gateway.solo.io/web:80 → shop/Service/web:22"),
        # an Upstream of the scan, to its Service port
        (_gloo("routeAction: {single: {upstream: {name: shop-ssh, namespace: gloo-system}}}",
               UPSTREAM),
         "gloo-system/VirtualService.gateway.solo.io/web:80 → "
         "gloo-system/Upstream.gloo.solo.io/shop-ssh:80 → shop/Service/web:22"),
        # an Upstream discovery made (namespace-service-port), not in the scan
        (_gloo("routeAction: {single: {upstream: {name: shop-web-22, namespace: gloo-system}}}"),
         "gloo-system/VirtualService.gateway.solo.io/web:80 → shop/Service/web:22"),
    ],
)
def test_a_gloo_virtual_service_reaches_its_destination(
    tmp_path: Path, text: str, hops: str
) -> None:
    web = _web(tmp_path, text)
    assert web.status is Status.FAIL  # was PASS: Gloo's objects were not read
    assert web.message.en == (
        f"management port 22 reachable from the internet: internet → {hops} → "
        "shop/Deployment/web:22"
    )


def test_a_gloo_route_table_no_virtual_service_delegates_to_is_uncertain(
    tmp_path: Path,
) -> None:
    table = """\
---
apiVersion: gateway.solo.io/v1
kind: RouteTable
metadata: {name: admin, namespace: shop}
spec:
  routes:
    - matchers: [{prefix: /admin}]
      routeAction: {single: {kube: {ref: {name: web, namespace: shop}, port: 22}}}
"""
    assert _web(tmp_path, table).status is Status.UNKNOWN
    delegating = _gloo("delegateAction: {ref: {name: admin, namespace: shop}}") + table
    assert _web(tmp_path, delegating).status is Status.FAIL


def test_a_gloo_upstream_no_route_uses_is_not_reached(tmp_path: Path) -> None:
    assert _web(tmp_path, UPSTREAM).status is Status.PASS


SELECTED_TABLE = """\
---
apiVersion: gateway.solo.io/v1
kind: RouteTable
metadata: {name: admin, namespace: shop, labels: {team: shop}}
spec:
  routes:
    - matchers: [{prefix: /admin}]
      routeAction: {single: {kube: {ref: {name: web, namespace: shop}, port: 22}}}
"""


@pytest.mark.parametrize(
    ("selector", "status"),
    [
        # labels in the named namespaces: delegated to (it was UNKNOWN: "no root names it")
        ("{labels: {team: shop}, namespaces: [shop]}", Status.FAIL),
        ("{namespaces: ['*'], expressions: [{key: team, operator: in, values: [shop]}]}",
         Status.FAIL),
        # no namespaces: the VirtualService's own (gloo-system) only
        ("{labels: {team: shop}}", Status.UNKNOWN),
        ("{labels: {team: other}, namespaces: [shop]}", Status.UNKNOWN),
        # an operator Kubernetes selectors lack: not followed, uncertain as before
        ("{namespaces: [shop], expressions: [{key: team, operator: gt, values: ['1']}]}",
         Status.UNKNOWN),
    ],
)
def test_a_gloo_delegate_selector_picks_route_tables_by_labels(
    tmp_path: Path, selector: str, status: Status
) -> None:
    text = _gloo(f"delegateAction: {{selector: {selector}}}") + SELECTED_TABLE
    assert _web(tmp_path, text).status is status
