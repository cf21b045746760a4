"""Kubernetes kinds as gdcc-audit names them, and label selectors: the small leaf of the
Kubernetes loader that the graph, the rules and the Terraform mapper read (a Terraform-only
scan imports this, not :mod:`gdcc_audit.load.kubernetes` with kustomize, Helm and the secret
readers). :mod:`gdcc_audit.load.kubernetes` uses these names too."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

FORMAT = "kubernetes"

#: Knative Serving's API group: its ``Service``, ``Configuration`` and ``Revision`` run pods
#: from a pod template (Knative Serving API reference,
#: https://knative.dev/docs/serving/reference/serving-api/): they are not the core kinds of
#: the same name.
KNATIVE_SERVING = "serving.knative.dev"
#: Custom kinds judged as workloads, by (API group, kind): the name gdcc-audit gives them
#: (``Kind.group``, as kubectl qualifies a kind) keeps them apart from core kinds.
#: Knative Eventing's sources group: a ``ContainerSource`` runs the pods of its
#: ``spec.template``, "a template in the shape of Deployment.spec.template" (Knative,
#: ContainerSource reference,
#: https://knative.dev/docs/eventing/custom-event-source/containersource/reference/).
KNATIVE_SOURCES = "sources.knative.dev"
#: Elastic Cloud on Kubernetes: the kinds whose pod templates the operator runs
#: (normalize/kubernetes/eck.py), by (API group, kind).
ECK_KINDS = {
    (group, kind): f"{kind}.{group}"
    for group, kind in (
        ("elasticsearch.k8s.elastic.co", "Elasticsearch"), ("kibana.k8s.elastic.co", "Kibana"),
        ("apm.k8s.elastic.co", "ApmServer"),
        ("enterprisesearch.k8s.elastic.co", "EnterpriseSearch"),
        ("beat.k8s.elastic.co", "Beat"), ("agent.k8s.elastic.co", "Agent"),
        ("logstash.k8s.elastic.co", "Logstash"), ("maps.k8s.elastic.co", "ElasticMapsServer"),
    )
}
#: The OpenTelemetry Operator's collector: its pods are built from the custom resource's
#: fields (normalize/kubernetes/otel.py), ``opentelemetry.io`` v1alpha1 and v1beta1.
OTEL_COLLECTOR = "OpenTelemetryCollector.opentelemetry.io"
#: The annotation asking the OpenTelemetry Operator to inject a sidecar collector into a pod
#: (``pkg/sidecar/annotation.go``; "Sidecar injection", docs/collector/sidecar-injection.md):
#: "true" (the one sidecar collector of the pod's namespace), a collector's name (in the
#: pod's namespace) or ``namespace/name``; "false" asks for none. A Namespace so annotated
#: asks for its pods, the pod's own value deciding unless it is "true".
SIDECAR_INJECT = "sidecar.opentelemetry.io/inject"


def sidecar_wanted(pod_value: Any, namespace_value: Any) -> str:
    """The injection the operator decides from the pod's and its namespace's annotation
    (``annotationValue``): "" none asked."""
    pod = str(pod_value or "")
    space = str(namespace_value or "")
    if not space:
        return pod
    if not pod:
        return space
    if pod.lower() != "true" or space.lower() == "false":
        return pod
    return space


_QUALIFIED_WORKLOADS = {
    ("opentelemetry.io", "OpenTelemetryCollector"): OTEL_COLLECTOR,
    **{
        (KNATIVE_SERVING, kind): f"{kind}.{KNATIVE_SERVING}"
        for kind in ("Service", "Configuration", "Revision")
    },
    (KNATIVE_SOURCES, "ContainerSource"): f"ContainerSource.{KNATIVE_SOURCES}",
    **ECK_KINDS,
}
#: The Gateway API's group (https://gateway-api.sigs.k8s.io/reference/spec/): a ``Gateway``
#: listens on its listeners' ports and the routes attached to it (``parentRefs``) send
#: requests to their ``backendRefs`` (Services, by port).
GATEWAY_API = "gateway.networking.k8s.io"
#: The Gateway API route kinds (``HTTPRoute`` ... ``UDPRoute``).
ROUTE_KINDS = frozenset(
    f"{kind}.{GATEWAY_API}"
    for kind in ("HTTPRoute", "GRPCRoute", "TLSRoute", "TCPRoute", "UDPRoute")
)
GATEWAY = f"Gateway.{GATEWAY_API}"
#: The Gateway API's first group (``networking.x-k8s.io``, v1alpha1): a Gateway listener
#: selects its routes (``routes``: kind, label selector, namespaces) and a route allows
#: Gateways (``gateways.allow``), instead of naming its parents; a route's rules
#: ``forwardTo`` Services (``serviceName`` or ``backendRef``, ``port``) (Gateway API
#: v1alpha1 reference).
GATEWAY_API_ALPHA = "networking.x-k8s.io"
GATEWAY_ALPHA = f"Gateway.{GATEWAY_API_ALPHA}"
ALPHA_ROUTE_KINDS = frozenset(
    f"{kind}.{GATEWAY_API_ALPHA}" for kind in ("HTTPRoute", "TLSRoute", "TCPRoute", "UDPRoute")
)
#: An OpenShift ``Route`` (route.openshift.io): the cluster's router publishes a Service on
#: the route's host, on 80 and 443 (OpenShift, Route API reference).
OPENSHIFT_ROUTE = "Route.route.openshift.io"
#: Istio's networking group: a ``Gateway`` configures the mesh's ingress gateway pods to
#: listen on its servers' ports, and a ``VirtualService`` bound to it (``gateways``) routes
#: requests to Services (``destination.host`` / ``port``) (Istio, Gateway and VirtualService
#: references).
ISTIO_NETWORKING = "networking.istio.io"
ISTIO_GATEWAY = f"Gateway.{ISTIO_NETWORKING}"
ISTIO_VIRTUAL_SERVICE = f"VirtualService.{ISTIO_NETWORKING}"
#: Traefik's routes (``traefik.io``, formerly ``traefik.containo.us``): an ``IngressRoute``
#: (``TCP`` / ``UDP``) publishes the Services of its ``routes[].services`` on the proxy's
#: entry points (Traefik, Kubernetes IngressRoute reference); k3s installs Traefik.
_TRAEFIK = {
    (group, kind): f"{kind}.{group}"
    for group in ("traefik.io", "traefik.containo.us")
    for kind in ("IngressRoute", "IngressRouteTCP", "IngressRouteUDP")
}
TRAEFIK_ROUTES = frozenset(_TRAEFIK.values())
#: Traefik's HTTP routes, whose TLS an entry point's ``http.tls`` may give.
TRAEFIK_HTTP_ROUTES = frozenset(f"IngressRoute.{g}" for g in ("traefik.io", "traefik.containo.us"))
#: Contour's ``HTTPProxy`` (``projectcontour.io``): a root proxy (``spec.virtualhost``)
#: publishes its ``routes`` and ``tcpproxy`` Services on Envoy's ports and delegates paths to
#: the proxies it ``includes``, which have no virtual host of their own (Contour, HTTPProxy
#: Fundamentals, Inclusion and Delegation, https://projectcontour.io/docs/main/config/).
CONTOUR_HTTPPROXY = "HTTPProxy.projectcontour.io"
#: Kong's ``TCPIngress`` / ``UDPIngress`` (``configuration.konghq.com``): each rule sends
#: what the proxy receives on its ``port`` to a Service's ``servicePort`` (Kong Ingress
#: Controller, CRD reference).
KONG_STREAMS = frozenset(
    f"{kind}.configuration.konghq.com" for kind in ("TCPIngress", "UDPIngress")
)
#: Emissary-ingress (Ambassador, ``getambassador.io``): a ``Mapping`` sends the requests of
#: its prefix to ``service`` (``[scheme://]name[.namespace][:port]``), a ``TCPMapping`` what
#: arrives on its ``port`` (Emissary, Mapping and TCPMapping references).
EMISSARY_MAPPING = "Mapping.getambassador.io"
EMISSARY_TCP_MAPPING = "TCPMapping.getambassador.io"
#: F5 NGINX Ingress Controller (``k8s.nginx.org``): a ``VirtualServer`` publishes the
#: ``upstreams`` its routes pass to and delegates paths to ``VirtualServerRoute``s; a
#: ``TransportServer`` sends a TCP / UDP listener to an upstream (NGINX, VirtualServer and
#: VirtualServerRoute, TransportServer resources).
NGINX_VIRTUAL_SERVER = "VirtualServer.k8s.nginx.org"
NGINX_VIRTUAL_SERVER_ROUTE = "VirtualServerRoute.k8s.nginx.org"
NGINX_TRANSPORT_SERVER = "TransportServer.k8s.nginx.org"
#: Its ``GlobalConfiguration``: the listeners (name, port, protocol, ``ssl``) a TransportServer
#: or a VirtualServer's custom ``listener`` names (NGINX, GlobalConfiguration resource).
NGINX_GLOBAL_CONFIGURATION = "GlobalConfiguration.k8s.nginx.org"
#: Apache APISIX's ``ApisixRoute`` (``apisix.apache.org``): its ``http`` rules send to their
#: ``backends`` (an older rule's ``backend``), its ``stream`` rules what arrives on
#: ``match.ingressPort`` to their ``backend`` (APISIX Ingress Controller, ApisixRoute/v2).
APISIX_ROUTE = "ApisixRoute.apisix.apache.org"
#: The AWS Load Balancer Controller's ``TargetGroupBinding`` (``elbv2.k8s.aws``): registers
#: the pods of ``serviceRef`` (a Service and port) in a target group of a load balancer made
#: outside the cluster (AWS Load Balancer Controller, TargetGroupBinding).
AWS_TARGET_GROUP_BINDING = "TargetGroupBinding.elbv2.k8s.aws"
#: Gloo Edge (``gateway.solo.io``): a ``VirtualService`` publishes its ``virtualHost.routes``
#: on the gateway proxy (HTTPS with ``sslConfig``), a route sends to a ``kube`` destination
#: (a Service and port) or an ``Upstream`` (``gloo.solo.io``; ``kube.serviceName`` /
#: ``servicePort``), or delegates to ``RouteTable``s (Gloo Edge, VirtualService, RouteTable
#: and Upstream references).
GLOO_VIRTUAL_SERVICE = "VirtualService.gateway.solo.io"
GLOO_ROUTE_TABLE = "RouteTable.gateway.solo.io"
GLOO_UPSTREAM = "Upstream.gloo.solo.io"
#: Zalando Skipper's ``RouteGroup`` (``zalando.org``): its routes (and ``defaultBackends``)
#: send to the ``backends`` they name, a ``type: service`` backend being a Service's
#: ``serviceName`` / ``servicePort`` ("it works the same way as in case of Ingress
#: definitions", Skipper, Route groups).
SKIPPER_ROUTE_GROUP = "RouteGroup.zalando.org"
#: GKE's ``MultiClusterIngress`` (``networking.gke.io``): an Ingress ``template`` whose
#: backends name ``MultiClusterService``s, each a Service ``template`` (selector, ports) GKE
#: derives in the member clusters; it is served by an external Application Load Balancer
#: (GKE, Multi Cluster Ingress).
GKE_MULTI_CLUSTER_INGRESS = "MultiClusterIngress.networking.gke.io"
GKE_MULTI_CLUSTER_SERVICE = "MultiClusterService.networking.gke.io"
#: Knative's ``DomainMapping`` (``serving.knative.dev``): serves the object of its ``ref`` (a
#: Knative Service by default, or a Kubernetes Service) on a domain through the external
#: gateway, "accessible from public internet" even when that Service is cluster-local
#: (Knative, Configuring custom domains).
KNATIVE_DOMAIN_MAPPING = f"DomainMapping.{KNATIVE_SERVING}"
#: Traefik's ``TraefikService``: a weighted or mirroring service over Services (and other
#: TraefikServices) an IngressRoute names with ``kind: TraefikService`` (Traefik, Kubernetes
#: CRD, Kind: TraefikService).
TRAEFIK_SERVICES = frozenset(
    f"TraefikService.{group}" for group in ("traefik.io", "traefik.containo.us")
)
#: The proxies' own kinds, read as entry points (``k8s.ingress``) or, for the objects only
#: a root delegates to, routes (``k8s.route``).
_PROXIES = {
    ("projectcontour.io", "HTTPProxy"): CONTOUR_HTTPPROXY,
    **{("configuration.konghq.com", kind.split(".", 1)[0]): kind for kind in KONG_STREAMS},
    ("getambassador.io", "Mapping"): EMISSARY_MAPPING,
    ("getambassador.io", "TCPMapping"): EMISSARY_TCP_MAPPING,
    **{
        ("k8s.nginx.org", kind.split(".", 1)[0]): kind
        for kind in (NGINX_VIRTUAL_SERVER, NGINX_VIRTUAL_SERVER_ROUTE, NGINX_TRANSPORT_SERVER)
    },
    ("apisix.apache.org", "ApisixRoute"): APISIX_ROUTE,
    ("elbv2.k8s.aws", "TargetGroupBinding"): AWS_TARGET_GROUP_BINDING,
    ("gateway.solo.io", "VirtualService"): GLOO_VIRTUAL_SERVICE,
    ("gateway.solo.io", "RouteTable"): GLOO_ROUTE_TABLE,
    ("gloo.solo.io", "Upstream"): GLOO_UPSTREAM,
    ("zalando.org", "RouteGroup"): SKIPPER_ROUTE_GROUP,
    ("networking.gke.io", "MultiClusterIngress"): GKE_MULTI_CLUSTER_INGRESS,
    (KNATIVE_SERVING, "DomainMapping"): KNATIVE_DOMAIN_MAPPING,
    **{(kind.split(".", 1)[1], "TraefikService"): kind for kind in TRAEFIK_SERVICES},
}
PROXY_KINDS = frozenset(_PROXIES.values())
#: Configuration read for the TLS of the entry points it applies to (not entry points):
#: Emissary's ``Host`` (its certificate and insecure request policy) and ``Listener`` (its
#: security model), and GKE's
#: ``FrontendConfig`` (its HTTPS redirect).
EMISSARY_HOST = "Host.getambassador.io"
EMISSARY_LISTENER = "Listener.getambassador.io"
GKE_FRONTEND_CONFIG = "FrontendConfig.networking.gke.io"
#: The IngressClassParams of the AWS Load Balancer Controller and of EKS Auto Mode (an
#: IngressClass's ``spec.parameters``: the scheme, certificates, redirect, group of its ALBs).
ALB_CLASS_PARAMS = frozenset({"IngressClassParams.elbv2.k8s.aws",
                              "IngressClassParams.eks.amazonaws.com"})
#: Traefik's ``Middleware``: a route's ``redirectScheme`` to HTTPS (Traefik, Kubernetes CRD,
#: Kind: Middleware).
TRAEFIK_MIDDLEWARES = frozenset(
    f"Middleware.{group}" for group in ("traefik.io", "traefik.containo.us")
)
#: Gateway API ``ListenerSet`` (Standard channel since v1.5) and its experimental
#: ``XListenerSet``: listeners added to a Gateway that accepts them
#: (``graph/kube_listener_sets.py``).
LISTENER_SETS = frozenset({
    f"ListenerSet.{GATEWAY_API}", "XListenerSet.gateway.networking.x-k8s.io",
})
_PROXY_CONFIGS = {
    **{(kind.split(".", 1)[1], "Middleware"): kind for kind in TRAEFIK_MIDDLEWARES},
    **{(kind.split(".", 1)[1], kind.split(".", 1)[0]): kind for kind in LISTENER_SETS},
    ("k8s.nginx.org", "GlobalConfiguration"): NGINX_GLOBAL_CONFIGURATION,
    ("elbv2.k8s.aws", "IngressClassParams"): "IngressClassParams.elbv2.k8s.aws",
    ("eks.amazonaws.com", "IngressClassParams"): "IngressClassParams.eks.amazonaws.com",
    ("getambassador.io", "Host"): EMISSARY_HOST,
    ("getambassador.io", "Listener"): EMISSARY_LISTENER,
    ("networking.gke.io", "FrontendConfig"): GKE_FRONTEND_CONFIG,
}
PROXY_CONFIG_KINDS = frozenset(_PROXY_CONFIGS.values())
#: The canonical kind of an ingress controller's configuration (PROXY_CONFIG_KINDS, and the
#: IngressClass).
PROXY_CONFIG = "k8s.proxy_config"
QUALIFIED_KINDS = {
    **_QUALIFIED_WORKLOADS,
    **_TRAEFIK,
    **_PROXIES,
    **_PROXY_CONFIGS,
    **{(GATEWAY_API, kind.split(".", 1)[0]): kind for kind in (*sorted(ROUTE_KINDS), GATEWAY)},
    **{
        (GATEWAY_API_ALPHA, kind.split(".", 1)[0]): kind
        for kind in (*sorted(ALPHA_ROUTE_KINDS), GATEWAY_ALPHA)
    },
    ("route.openshift.io", "Route"): OPENSHIFT_ROUTE,
    ("networking.gke.io", "MultiClusterService"): GKE_MULTI_CLUSTER_SERVICE,
    (ISTIO_NETWORKING, "Gateway"): ISTIO_GATEWAY,
    (ISTIO_NETWORKING, "VirtualService"): ISTIO_VIRTUAL_SERVICE,
}
#: Kinds that run pods from a pod spec; Argo Rollouts' ``Rollout`` and OpenShift's
#: ``DeploymentConfig`` keep their pod template where a Deployment does.
WORKLOAD_KINDS = frozenset(
    {"Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController",
     "Job", "CronJob", "Rollout", "DeploymentConfig", *_QUALIFIED_WORKLOADS.values()}
)
#: The API groups each known kind is served under (``""`` is the core group, ``v1``):
#: Kubernetes API reference, https://kubernetes.io/docs/reference/kubernetes-api/, with the
#: older groups manifests still use (``extensions/v1beta1`` Deployments, DaemonSets,
#: ReplicaSets, Ingresses, NetworkPolicies and PodSecurityPolicies), OpenShift's
#: ``authorization.openshift.io`` RBAC (the same ``rules`` / ``roleRef`` / ``subjects``) and
#: ``apps.openshift.io`` DeploymentConfigs. A kind of the same name in another group is a
#: custom resource (a Knative ``Service``, a Crossplane ``Configuration``), not this kind.
_RBAC = frozenset({"rbac.authorization.k8s.io", "authorization.openshift.io"})
_APPS = frozenset({"apps", "extensions"})
KIND_GROUPS: dict[str, frozenset[str]] = {
    **dict.fromkeys(
        ("List", "Pod", "Service", "ReplicationController", "Namespace", "Secret", "ConfigMap",
         "ServiceAccount", "PersistentVolume", "PersistentVolumeClaim", "LimitRange",
         "ResourceQuota", "Endpoints", "PodTemplate"),
        frozenset({""}),
    ),
    **dict.fromkeys(("Deployment", "StatefulSet", "DaemonSet", "ReplicaSet"), _APPS),
    "Job": frozenset({"batch"}),
    "CronJob": frozenset({"batch"}),
    "Rollout": frozenset({"argoproj.io"}),
    "DeploymentConfig": frozenset({"apps.openshift.io"}),
    "Ingress": frozenset({"networking.k8s.io", "extensions"}),
    "NetworkPolicy": frozenset({"networking.k8s.io", "extensions"}),
    "IngressClass": frozenset({"networking.k8s.io"}),
    **dict.fromkeys(("Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding"), _RBAC),
    "StorageClass": frozenset({"storage.k8s.io"}),
    "CSIDriver": frozenset({"storage.k8s.io"}),
    "PodSecurityPolicy": frozenset({"policy", "extensions"}),
    "PodDisruptionBudget": frozenset({"policy"}),
    "HorizontalPodAutoscaler": frozenset({"autoscaling"}),
    "EndpointSlice": frozenset({"discovery.k8s.io"}),
    "PriorityClass": frozenset({"scheduling.k8s.io"}),
    "CustomResourceDefinition": frozenset({"apiextensions.k8s.io"}),
    "ValidatingWebhookConfiguration": frozenset({"admissionregistration.k8s.io"}),
    "MutatingWebhookConfiguration": frozenset({"admissionregistration.k8s.io"}),
    "APIService": frozenset({"apiregistration.k8s.io"}),
    "RuntimeClass": frozenset({"node.k8s.io"}),
    "Lease": frozenset({"coordination.k8s.io"}),
}
#: Kinds a file is Kubernetes for when it holds one of them (in their API group).
KNOWN_KINDS = frozenset(KIND_GROUPS) | frozenset(QUALIFIED_KINDS.values())
#: An ``apiVersion`` as Kubernetes writes it: ``v1`` or ``group/v1beta2``.
API_VERSION = re.compile(r"^([a-z0-9][a-z0-9.-]*/)?v\d+((alpha|beta)\d+)?$")


def is_list(data: Any) -> bool:
    """A list of objects: ``kind: List``, or a typed list (``RoleList``, ``ConfigMapList``:
    what ``kubectl get -o yaml`` writes, and what kube-prometheus ships its per-namespace
    Roles in) with an ``items`` list. kubectl applies the items of any object whose ``items``
    is a list, each by its own ``apiVersion`` and ``kind`` (apimachinery
    ``unstructured.Unstructured.IsList``; "kubectl apply" reads List kinds item by item)."""
    if not isinstance(data, Mapping):
        return False
    kind = data.get("kind")
    if kind == "List":
        return True
    return (
        isinstance(kind, str)
        and kind.endswith("List")
        and len(kind) > len("List")
        and isinstance(data.get("items"), list)
    )


def kind_of(data: Any) -> str | None:
    """The kind gdcc-audit reads an object as: its ``kind`` when the ``apiVersion`` is a group
    that serves that kind, ``Kind.group`` for the custom kinds it judges (a Knative
    ``Service`` is ``Service.serving.knative.dev``), ``List`` for a list of objects
    (:func:`is_list`), None for any other (a custom resource).

    A core ``apiVersion`` (``v1``, no group) keeps any known kind: no custom resource is
    served without a group, so a ``v1`` CronJob is a mistyped CronJob, not another kind.
    """
    if not isinstance(data, Mapping):
        return None
    api, kind = data.get("apiVersion"), data.get("kind")
    if not isinstance(api, str) or not isinstance(kind, str) or API_VERSION.match(api) is None:
        return None
    if is_list(data):
        return "List"
    group = api.rsplit("/", 1)[0] if "/" in api else ""
    qualified = QUALIFIED_KINDS.get((group, kind))
    if qualified is not None:
        return qualified
    groups = KIND_GROUPS.get(kind)
    if groups is None or (group and group not in groups):
        return None
    return kind


def is_kubernetes(data: Any) -> bool:
    """An object with a Kubernetes ``apiVersion`` and a known ``kind`` of that API group."""
    return kind_of(data) is not None


def _as_map(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def selector_matches(selector: Any, found: Mapping[str, str | None] | None) -> bool | None:
    """Whether a label selector (``matchLabels``/``matchExpressions`` or a plain map, as a
    Service uses) selects ``found``; None when that cannot be told: the selector cannot be
    read, or a value it compares is not known (None: a Terraform value computed at apply
    time, or ``found`` None, labels not known at all)."""
    if selector is None:
        return None
    if not isinstance(selector, Mapping):
        return None
    plain = "matchLabels" not in selector and "matchExpressions" not in selector
    match_labels = selector if plain else _as_map(selector.get("matchLabels"))
    expressions = _as_list(selector.get("matchExpressions")) if not plain else []
    if found is None:
        return None if match_labels or expressions else True
    unsure = False
    for key, value in match_labels.items():
        if str(key) not in found:
            return False
        if value is None or found[str(key)] is None:
            unsure = True
        elif found[str(key)] != str(value):
            return False
    for expression in expressions:
        expr = _as_map(expression)
        key, op = str(expr.get("key")), expr.get("operator")
        listed = _as_list(expr.get("values"))
        label_unknown = key in found and found[key] is None
        if op in ("In", "NotIn") and (label_unknown or None in listed):
            unsure = True
            continue
        values = [str(v) for v in listed]
        if op == "In" and found.get(key) not in values:
            return False
        if op == "NotIn" and found.get(key) in values:
            return False
        if op == "Exists" and key not in found:
            return False
        if op == "DoesNotExist" and key in found:
            return False
        if op not in ("In", "NotIn", "Exists", "DoesNotExist"):
            return None
    return None if unsure else True
