"""Entry points of ingress controllers that were not read (stop 33): Skipper's
``RouteGroup``, GKE's ``MultiClusterIngress`` (to ``MultiClusterService``s), Knative's
``DomainMapping`` and Traefik's ``TraefikService``. A pod published only through one was not
reached from the internet, so a route to its SSH port PASSed GDCC-GRAPH-002 (a wrong PASS)."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.models.finding import Finding, Status
from gdcc_audit.normalize.kubernetes.proxies import proxy_facets
from iac_helpers import WEB_WORKLOAD, graph002_finding


def _finding(tmp_path: Path, text: str, address: str = "Deployment/shop/web") -> Finding:
    return graph002_finding(tmp_path, WEB_WORKLOAD + text, address)


def _route_group(port: int, used: str = "ssh") -> str:
    return f"""\
---
apiVersion: zalando.org/v1
kind: RouteGroup
metadata: {{name: web, namespace: shop}}
spec:
  hosts: [web.example.org]
  backends:
    - {{name: ssh, type: service, serviceName: web, servicePort: {port}}}
    - {{name: other, type: shunt}}
  defaultBackends:
    - backendName: {used}
"""


def test_a_skipper_route_group_to_the_ssh_port_reaches_it(tmp_path: Path) -> None:
    web = _finding(tmp_path, _route_group(22))
    assert web.status is Status.FAIL  # was PASS: RouteGroups were not read
    assert web.message.en == (
        "management port 22 reachable from the internet: internet → "
        "shop/RouteGroup.zalando.org/web:80,443 → shop/Service/web:22 → "
        "shop/Deployment/web:22"
    )


def test_a_route_group_backend_no_route_uses_receives_nothing(tmp_path: Path) -> None:
    assert _finding(tmp_path, _route_group(22, used="other")).status is Status.PASS
    assert _finding(tmp_path, _route_group(80)).status is Status.PASS


def _multi_cluster(port: int, annotations: str = "{}") -> str:
    return f"""\
---
apiVersion: networking.gke.io/v1
kind: MultiClusterService
metadata: {{name: mweb, namespace: shop}}
spec:
  template:
    spec:
      selector: {{app: web}}
      ports: [{{name: ssh, protocol: TCP, port: {port}, targetPort: {port}}}]
---
apiVersion: networking.gke.io/v1
kind: MultiClusterIngress
metadata: {{name: mci, namespace: shop, annotations: {annotations}}}
spec:
  template:
    spec:
      backend: {{serviceName: mweb, servicePort: {port}}}
"""


def test_a_multi_cluster_ingress_reaches_its_multi_cluster_service_pods(
    tmp_path: Path,
) -> None:
    web = _finding(tmp_path, _multi_cluster(22))
    assert web.status is Status.FAIL  # was PASS: MultiClusterIngresses were not read
    assert web.message.en == (
        "management port 22 reachable from the internet: internet → "
        "shop/MultiClusterIngress.networking.gke.io/mci:80 → "
        "shop/MultiClusterService.networking.gke.io/mweb:22 → shop/Deployment/web:22"
    )
    assert _finding(tmp_path, _multi_cluster(8080)).status is Status.PASS


def test_a_multi_cluster_ingress_serves_http_unless_a_frontend_config_may_redirect() -> None:
    def facets(annotations: dict[str, str]) -> dict[str, object]:
        obj = {"apiVersion": "networking.gke.io/v1", "kind": "MultiClusterIngress",
               "metadata": {"name": "m", "annotations": annotations},
               "spec": {"template": {"spec": {}}}}
        return proxy_facets("MultiClusterIngress.networking.gke.io", obj)

    certs = {"networking.gke.io/pre-shared-certs": "certs"}
    assert facets({}) == {"encrypted_in_transit": False}
    assert facets(certs) == {"encrypted_in_transit": False}  # HTTP is served too
    assert facets({**certs, "networking.gke.io/frontend-config": "fc"}) == {}  # not known


KNATIVE = """\
---
apiVersion: serving.knative.dev/v1
kind: Service
metadata:
  name: shell
  namespace: shop
  labels: {networking.knative.dev/visibility: cluster-local}
spec:
  template:
    spec:
      containers:
        - image: shop/shell:1.0
          ports: [{containerPort: 22}]
"""

DOMAIN_MAPPING = """\
---
apiVersion: serving.knative.dev/v1beta1
kind: DomainMapping
metadata: {name: shell.example.org, namespace: shop}
spec:
  ref: {name: shell, kind: Service, apiVersion: serving.knative.dev/v1}
"""


def test_a_domain_mapping_publishes_a_cluster_local_knative_service(tmp_path: Path) -> None:
    address = "Service.serving.knative.dev/shop/shell"
    assert _finding(tmp_path, KNATIVE, address).status is Status.PASS  # cluster-local
    shell = _finding(tmp_path, KNATIVE + DOMAIN_MAPPING, address)
    assert shell.status is Status.FAIL  # was PASS: DomainMappings were not read
    assert shell.message.en == (
        "management port 22 reachable from the internet: internet → "
        "shop/DomainMapping.serving.knative.dev/shell.example.org:80 → "
        "shop/Service.serving.knative.dev/shell:22"
    )


def test_a_domain_mapping_to_a_kubernetes_service_uses_its_port_80(tmp_path: Path) -> None:
    text = DOMAIN_MAPPING.replace("serving.knative.dev/v1}", "v1}").replace("shell,", "web,")
    assert _finding(tmp_path, text).status is Status.PASS  # port 80 → 8080, not 22


def test_a_domain_mapping_encrypts_with_tls_and_redirected_http() -> None:
    def facets(spec: dict[str, object], annotations: dict[str, str]) -> dict[str, object]:
        obj = {"metadata": {"name": "d", "annotations": annotations}, "spec": spec}
        return proxy_facets("DomainMapping.serving.knative.dev", obj)

    tls = {"tls": {"secretName": "cert"}}
    redirected = {"networking.knative.dev/http-protocol": "redirected"}
    assert facets(tls, {}) == {"encrypted_in_transit": False}  # http-protocol: enabled
    assert facets(tls, redirected) == {"encrypted_in_transit": True}
    assert facets({}, redirected) == {"encrypted_in_transit": False}


TRAEFIK = """\
---
apiVersion: traefik.io/v1alpha1
kind: IngressRoute
metadata: {name: web, namespace: shop}
spec:
  entryPoints: [websecure]
  routes:
    - match: Host(`web.example.org`)
      kind: Rule
      services: [{name: split, kind: TraefikService}]
---
apiVersion: traefik.io/v1alpha1
kind: TraefikService
metadata: {name: split, namespace: shop}
spec:
  weighted:
    services: [{name: mirror, kind: TraefikService, weight: 1}]
---
apiVersion: traefik.io/v1alpha1
kind: TraefikService
metadata: {name: mirror, namespace: shop}
spec:
  mirroring:
    name: web
    port: 80
    mirrors: [{name: web, port: 22, percent: 10}]
"""


def test_a_traefik_service_sends_the_ingress_route_on(tmp_path: Path) -> None:
    web = _finding(tmp_path, TRAEFIK)
    assert web.status is Status.FAIL  # was PASS: TraefikServices were not read
    assert web.message.en == (
        "management port 22 reachable from the internet: internet → "
        "shop/IngressRoute.traefik.io/web:80,443 → shop/TraefikService.traefik.io/split:80,443 "
        "→ shop/TraefikService.traefik.io/mirror → shop/Service/web:22 → "
        "shop/Deployment/web:22"
    )


def test_a_traefik_service_no_route_names_is_not_reached(tmp_path: Path) -> None:
    alone = TRAEFIK.split("---\napiVersion: traefik.io/v1alpha1\nkind: TraefikService", 1)[1]
    text = "---\napiVersion: traefik.io/v1alpha1\nkind: TraefikService" + alone
    assert _finding(tmp_path, text).status is Status.PASS


AMBASSADOR = """\
---
apiVersion: v1
kind: Service
metadata:
  name: gateway
  namespace: shop
  annotations:
    getambassador.io/config: |
      ---
      apiVersion: ambassador/v1
      kind: Module
      name: ambassador
      config: {diagnostics: {enabled: false}}
      ---
      apiVersion: ambassador/v1
      kind: TCPMapping
      name: shell
      port: 2222
      service: web.shop:22
spec:
  selector: {app: gateway}
  ports: [{port: 80}]
"""


def test_an_ambassador_annotation_mapping_is_read(tmp_path: Path) -> None:
    web = _finding(tmp_path, AMBASSADOR)
    assert web.status is Status.FAIL  # was PASS: the annotation's Mappings were not read
    assert web.message.en == (
        "management port 22 reachable from the internet: internet → "
        "shop/TCPMapping.getambassador.io/shell:2222 → shop/Service/web:22 → "
        "shop/Deployment/web:22"
    )


def test_an_annotation_that_is_not_yaml_maps_nothing(tmp_path: Path) -> None:
    text = AMBASSADOR.replace("      config: {diagnostics", "      config: [{diagnostics")
    assert _finding(tmp_path, text).status is Status.PASS


TCP_SERVICES = """\
---
apiVersion: v1
kind: ConfigMap
metadata: {name: tcp-services, namespace: ingress-nginx}
data:
  2222: "shop/web:22"
"""

CONTROLLER = """\
---
apiVersion: v1
kind: Service
metadata: {name: ingress-nginx-controller, namespace: ingress-nginx}
spec:
  type: LoadBalancer
  selector: {app: ingress-nginx}
  ports: [{name: http, port: 80}, {name: ssh, port: 2222}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: ingress-nginx-controller, namespace: ingress-nginx}
spec:
  selector: {matchLabels: {app: ingress-nginx}}
  template:
    metadata: {labels: {app: ingress-nginx}}
    spec:
      containers:
        - name: controller
          image: registry.k8s.io/ingress-nginx/controller:v1.10.0
          args:
            - /nginx-ingress-controller
            - --tcp-services-configmap=$(POD_NAMESPACE)/tcp-services
          ports: [{containerPort: 80}, {containerPort: 2222}]
"""


def test_ingress_nginx_tcp_services_no_controller_names_are_uncertain(tmp_path: Path) -> None:
    web = _finding(tmp_path, TCP_SERVICES)
    assert web.status is Status.UNKNOWN  # was PASS: TCP services ConfigMaps were not read
    assert web.message.en == (
        "management port 22 reachable from the internet if what is not known allows it: "
        "internet → "
        "ingress-nginx/ConfigMap/tcp-services:2222 → shop/Service/web:22 → "
        "shop/Deployment/web:22"
    )
    # the controller that names it (its pods behind a LoadBalancer) reaches it surely
    assert _finding(tmp_path, TCP_SERVICES + CONTROLLER).status is Status.FAIL
    other = TCP_SERVICES.replace('"shop/web:22"', '"not a service reference"')
    assert _finding(tmp_path, other).status is Status.PASS
