"""Loader for Kubernetes manifests: multi-document YAML (or JSON) of known API kinds.

Each YAML document becomes its own Document (``meta["index"]`` is its position in the file);
a ``List`` keeps its items and the mapper expands them. Helm chart templates are refused here
(they must be rendered first): discover.py sets them aside with that reason.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gdcc_audit.errors import InputError
from gdcc_audit.load.helm_secret_names import chart_of, secret_name_values
from gdcc_audit.load.helmfile import is_helmfile
from gdcc_audit.load.ignored_values import META_KEY as IGNORED_VALUES
from gdcc_audit.load.ignored_values import shadows
from gdcc_audit.load.interface import Claim, Document, Loader, ParsedFile
from gdcc_audit.load.kustomize import build, changes_objects, emitted
from gdcc_audit.load.lost import META_KEY as LOST_KEY
from gdcc_audit.load.lost import LostPart
from gdcc_audit.load.yamltree import LocatedDocument
from gdcc_audit.secrets.detect import detect_secrets
from gdcc_audit.secrets.kubernetes import custom_resource_secrets

if TYPE_CHECKING:
    from gdcc_audit.settings import Settings

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
_API_VERSION = re.compile(r"^([a-z0-9][a-z0-9.-]*/)?v\d+((alpha|beta)\d+)?$")


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
    if not isinstance(api, str) or not isinstance(kind, str) or _API_VERSION.match(api) is None:
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


#: File names kustomize reads as a kustomization (kubectl kustomize, "Kustomization File").
KUSTOMIZATION_FILES = frozenset({"kustomization.yaml", "kustomization.yml", "Kustomization"})
#: ``meta`` key of a kustomization document (its generators are mapped, nothing else).
KUSTOMIZATION = "kustomization"
_GENERATORS = ("secretGenerator", "configMapGenerator")
#: ``meta`` key of an object as a kustomization builds it: the file it is written in.
KUSTOMIZE_BUILT = "kustomize_built"


def has_generators(data: Any) -> bool:
    """A kustomization document with a ``secretGenerator`` or ``configMapGenerator`` list:
    the Secrets and ConfigMaps kustomize builds from it (their literal values and files are
    written in the repository, so a secret in them is a secret in the configuration); or a
    ``helmCharts`` list with a secret written in a chart's ``valuesInline`` (the values
    kustomize renders the chart with, read for secrets as a values file is)."""
    if not isinstance(data, Mapping):
        return False
    if any(isinstance(data.get(key), list) and data.get(key) for key in _GENERATORS):
        return True
    charts = data.get("helmCharts")
    return isinstance(charts, list) and any(
        isinstance(chart, Mapping) and isinstance(chart.get("valuesInline"), Mapping)
        and bool(detect_secrets(chart["valuesInline"]))
        for chart in charts
    )


#: ``meta`` key of a Helm chart's values file: read for secrets only (its templates, which
#: make the objects, are set aside until rendered).
HELM_VALUES = "helm_values"
#: ``meta`` key of a values document: the value paths its chart's templates give as a
#: Secret's name or key (``load.helm_secret_names``): names, not secrets.
HELM_SECRET_NAMES = "helm_secret_names"
#: Names Helm charts and their users give values files: ``values.yaml``, ``values-prod.yaml``,
#: ``values.prod.yaml``, ``prod-values.yaml``, ``ci/test-values.yaml`` (``helm install -f``).
_VALUES_NAME = re.compile(r"(?:values(?:[-_.][^/]*)?|[^/]*[-_.]values)\.ya?ml", re.IGNORECASE)


def values_name(path: Path) -> bool:
    """Whether a file is named as Helm values files are, or is a YAML file in a chart's
    ``ci/`` folder (chart-testing installs the chart once with each file there as values:
    ``ci/hostAliases.yml``, ``ci/enable-artifact-repo-ref.yaml``; they were not recognised)."""
    if _VALUES_NAME.fullmatch(path.name) is not None:
        return True
    return (
        path.suffix.lower() in (".yaml", ".yml")
        and path.parent.name == "ci"
        and _chart_folder(str(path.parent.parent))
    )


@lru_cache(maxsize=1024)
def _chart_folder(folder: str) -> bool:
    """Whether ``folder`` holds a Helm chart (its ``Chart.yaml``)."""
    return (Path(folder) / "Chart.yaml").is_file()


def is_helm_values(path: Path, parsed: ParsedFile) -> bool:
    """A Helm values file: named as values files are, holding YAML mappings (one at least)
    and no Kubernetes object (a manifest named ``values.yaml`` is read as a manifest)."""
    return values_name(path) and values_documents(parsed)


def values_documents(parsed: ParsedFile) -> bool:
    """Whether a file holds YAML mappings (one at least) and no Kubernetes object: values."""
    data = [d.data for d in parsed.documents if d.data is not None]
    return bool(data) and all(
        isinstance(d, Mapping) and not _is_custom_resource(d) and not is_kubernetes(d)
        for d in data
    )


def _is_custom_resource(data: Mapping[str, Any]) -> bool:
    """An object of a kind gdcc-audit does not know (a custom resource, a kind of an API
    group it does not read) with a Kubernetes ``apiVersion``."""
    api, kind = data.get("apiVersion"), data.get("kind")
    return (
        isinstance(api, str)
        and isinstance(kind, str)
        and bool(kind)
        and _API_VERSION.match(api) is not None
    )


#: Kinds of kustomize's own files (``kustomize.config.k8s.io``).
_KUSTOMIZE_KINDS = frozenset({"Kustomization", "Component"})


def unread_kinds_reason(documents: Iterable[Any]) -> str | None:
    """Why a file of Kubernetes-style objects that no loader took is not read: its objects
    are all of kinds gdcc-audit does not read (custom resources: ``SparkApplication``,
    Karpenter ``NodePool``), or it is a kustomization without generators. None when it
    holds something else. It was listed as *not recognised* without a word."""
    kinds: list[str] = []
    for data in documents:
        if not isinstance(data, Mapping) or not _is_custom_resource(data):
            return None
        kinds.append(f"{data['kind']} ({data['apiVersion']})")
    if not kinds:
        return None
    if all(k.split(" ", 1)[0] in _KUSTOMIZE_KINDS and "kustomize.config.k8s.io/" in k
           for k in kinds):
        return (
            "kustomization: the files it names are read on their own; to audit the objects "
            "it makes, render it first (kustomize build)"
        )
    unique = list(dict.fromkeys(kinds))
    more = f" and {len(unique) - 3} more" if len(unique) > 3 else ""
    return (
        f"Kubernetes objects of kinds no rule reads ({', '.join(unique[:3])}{more}): "
        "not judged"
    )


def _problem(path: str, doc: LocatedDocument) -> InputError | None:
    """Why the document (an object, or a List whose ``items`` is not a list) cannot be
    assessed; None when it can (a List's items are looked at by :func:`_item_problems`)."""
    data = doc.data
    if is_list(data):
        if not isinstance(data.get("items"), list):
            return InputError(
                path, "a List has no items list", doc.line_of("/items"), field="items"
            )
        return None
    return _item_problem(path, doc, data, "")


def _item_problems(path: str, doc: LocatedDocument) -> dict[int, InputError]:
    """The items of a List that cannot be assessed, by position, each with its error: kubectl
    applies a List item by item, so one item without a kind or a name loses that item only,
    and the others are judged (a List with one broken item was not assessed at all: a
    privileged Pod beside it was never judged)."""
    items = doc.data.get("items")
    found: dict[int, InputError] = {}
    for index, item in enumerate(items if isinstance(items, list) else ()):
        if item is None:
            continue  # an empty list entry
        problem = _item_problem(path, doc, item, f"/items/{index}")
        if problem is not None:
            found[index] = problem
    return found


def _item_problem(path: str, doc: LocatedDocument, item: Any, pointer: str) -> InputError | None:
    """Why an object (a document, or the List item at ``pointer``) cannot be assessed."""
    if not isinstance(item, Mapping) or not isinstance(item.get("kind"), str):
        # (a document of its own has a kind: it was read as a Kubernetes object)
        return InputError(path, "a List item has no kind", doc.line_of(pointer))
    metadata = item.get("metadata")
    name = metadata.get("name") or metadata.get("generateName") if isinstance(
        metadata, Mapping
    ) else None
    if not isinstance(name, str):
        return InputError(
            path,
            f"{item['kind']} has no metadata.name",
            doc.line_of(pointer + "/metadata"),
            field="metadata.name",
        )
    return _pod_spec_problem(path, doc, item, pointer)


#: Where each workload kind keeps its pod spec.
_POD_SPEC = {
    "Pod": ("spec",),
    f"Revision.{KNATIVE_SERVING}": ("spec",),
    "CronJob": ("spec", "jobTemplate", "spec", "template", "spec"),
}


def _pod_spec_problem(
    path: str, doc: LocatedDocument, item: Mapping[str, Any], pointer: str
) -> InputError | None:
    """A workload whose pod spec or containers have the wrong type (they would be read as
    having no containers, and every container rule would pass)."""
    kind = kind_of(item)
    if kind not in WORKLOAD_KINDS:
        return None
    keys = _POD_SPEC.get(str(kind), ("spec", "template", "spec"))
    value: Any = item
    where = pointer
    for key in keys:
        if value is None:
            return None  # no pod spec at all: nothing to judge (the mapper says so)
        if not isinstance(value, Mapping):
            return _wrong_type(path, doc, where, "an object")
        value = value.get(key)
        where += "/" + key
    if value is None:
        return None
    if not isinstance(value, Mapping):
        return _wrong_type(path, doc, where, "an object")
    for field in ("containers", "initContainers", "ephemeralContainers"):
        containers = value.get(field)
        if containers is None:
            continue
        if not isinstance(containers, list):
            return _wrong_type(path, doc, f"{where}/{field}", "a list")
        for index, container in enumerate(containers):
            if not isinstance(container, Mapping):
                return _wrong_type(path, doc, f"{where}/{field}/{index}", "an object")
    return None


def _wrong_type(path: str, doc: LocatedDocument, pointer: str, expected: str) -> InputError:
    field = pointer.strip("/").replace("/", ".")
    return InputError(
        path, f"{field} should be {expected}: not assessed", doc.line_of(pointer), field=field
    )


#: Kinds that configure other objects by name: a binding gives a ServiceAccount a role, a
#: NetworkPolicy guards a namespace's pods. A lost object of another kind changes no other
#: object's verdict (a lost Pod is not another Pod's settings).
CONFIGURING_KINDS = frozenset({"RoleBinding", "ClusterRoleBinding", "NetworkPolicy"})


def object_names(obj: Any) -> tuple[str, ...]:
    """The names a lost object (or each item of a lost List) of a kind that configures
    others gives: every string it writes but its own name, labels and annotations."""
    items = obj.get("items") if is_list(obj) else [obj]
    names: dict[str, None] = {}
    for item in items if isinstance(items, list) else ():
        kind = item.get("kind") if isinstance(item, Mapping) else None
        if not isinstance(kind, str) or kind not in CONFIGURING_KINDS:
            continue  # a kind that is not text (a YAML tag's mapping) configures nothing
        metadata = item.get("metadata")
        stack: list[Any] = [v for k, v in item.items() if k != "metadata"]
        if isinstance(metadata, Mapping):
            stack.append(metadata.get("namespace"))
        while stack:
            value = stack.pop()
            if isinstance(value, Mapping):
                stack.extend(value.values())
            elif isinstance(value, list):
                stack.extend(value)
            elif isinstance(value, str) and 0 < len(value) <= 253:
                names[value] = None
    return tuple(names)


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


def _ignored(doc: LocatedDocument) -> dict[str, Any]:
    """The document's meta entry of the values a duplicate key's reading ignores (none when
    no key is written twice with two values)."""
    found = shadows(doc) if doc.duplicates else ()
    return {IGNORED_VALUES: found} if found else {}


#: ``meta`` key of an object's document: the OpenTelemetryCollectors of the load
#: (``collectors``: (namespace, name) → object) and its Namespaces' annotations
#: (``namespaces``), shared by every document of the load: which sidecar collector the
#: OpenTelemetry Operator injects into an annotated pod (``normalize.kubernetes.otel``).
SIDECARS_KEY = "otel_sidecars"


def _index_sidecars(sidecars: dict[str, dict[Any, Any]], data: Any) -> None:
    """Note the OpenTelemetryCollectors and Namespaces of a document (a List's items)."""
    objects = data.get("items") if is_list(data) else [data]
    for obj in objects if isinstance(objects, list) else []:
        if not isinstance(obj, Mapping):
            continue
        kind = kind_of(obj)
        written = obj.get("metadata")
        metadata: Mapping[str, Any] = written if isinstance(written, Mapping) else {}
        name = str(metadata.get("name") or "")
        annotations = metadata.get("annotations")
        if kind == OTEL_COLLECTOR:
            sidecars["collectors"][(str(metadata.get("namespace") or "default"), name)] = obj
        elif kind == "Namespace" and isinstance(annotations, Mapping):
            sidecars["namespaces"][name] = annotations


def _built(
    path: str, doc: LocatedDocument, sha256: str, settings: Settings, lost: list[LostPart],
    parsed: dict[str, Any], sidecars: dict[str, dict[Any, Any]],
) -> Iterator[Document | InputError]:
    """The objects a kustomization's patches or ``images`` change, as it builds them
    (:mod:`gdcc_audit.load.kustomize`), each located at the line of its first change; what
    it cannot apply is an error of the kustomization naming it, and an object it may change
    is then not assessed as built (its names kept from a PASS, as a lost object's)."""
    built = build(path, doc.data, doc, settings.max_file_bytes, parsed)
    for line, message in built.problems:
        yield InputError(path, f"kustomize: {message}", line)
    for item in emitted(built):
        line = item.changed[0]
        metadata = item.obj.get("metadata")
        name = metadata.get("name") if isinstance(metadata, Mapping) else None
        if item.unknown:
            yield InputError(
                path,
                f"kustomize: {item.kind} {name} as this kustomization builds it is not "
                f"assessed ({'; '.join(dict.fromkeys(item.unknown))})",
                line,
            )
            names = object_names(item.obj)
            if names:
                lost.append(LostPart(path, line, names))
            continue
        located = LocatedDocument(item.obj, {"": (line, line)}, doc.index)
        yield Document(
            path, FORMAT, item.obj, sha256, located,
            meta={"index": doc.index, LOST_KEY: lost, KUSTOMIZE_BUILT: item.origin,
                  SIDECARS_KEY: sidecars},
        )


class KubernetesLoader(Loader):
    """Reads Kubernetes manifests (one or many objects per file)."""

    name = "kubernetes"

    def recognise(self, parsed: ParsedFile) -> bool:
        """Files with an object of a kind gdcc-audit knows, or a custom resource with a
        secret written in it (read for that secret; its kind is listed as not judged)."""
        if any(is_kubernetes(d.data) for d in parsed.documents):
            return True
        customs = [
            d.data for d in parsed.documents
            if isinstance(d.data, Mapping) and _is_custom_resource(d.data)
            and d.data.get("kind") != "CustomResourceDefinition"
        ]
        if not customs:
            return False
        return any(custom_resource_secrets(d) for d in customs)

    def claim(self, path: Path, parsed: ParsedFile | None) -> bool:
        """Manifests, kustomization files with Secret or ConfigMap generators, and Helm values
        files (read for secrets only)."""
        if parsed is not None and path.name in KUSTOMIZATION_FILES:
            return any(has_generators(d.data) or changes_objects(d.data)
                       for d in parsed.documents)
        if parsed is not None and is_helm_values(path, parsed):
            return True
        if parsed is not None and is_helmfile(path, [d.data for d in parsed.documents]):
            return True  # its values written in place, its repositories' passwords
        return super().claim(path, parsed)

    def load(self, claims: Sequence[Claim], settings: Settings) -> Iterator[Document | InputError]:
        # Objects not assessed, with the names written in them; shared by every document of
        # the load (objects name objects of other files: one cluster), filled as they come.
        lost: list[LostPart] = []
        built_from: dict[str, Any] = {}  # the files kustomizations build from, parsed once
        # the sidecar collectors and namespaces of the load, filled as they come (mapped
        # once every file is loaded)
        sidecars: dict[str, dict[Any, Any]] = {"collectors": {}, "namespaces": {}}
        for claim in claims:
            assert claim.parsed is not None  # manifests are always claimed from parsed files
            path = str(claim.path)
            helmfile = is_helmfile(claim.path, [d.data for d in claim.parsed.documents])
            values = (
                claim.named_by is not None or helmfile
                or is_helm_values(claim.path, claim.parsed)
            )
            chart = chart_of(claim.path) if values else None
            if claim.named_by is not None:  # the chart of the release naming it
                chart = claim.named_by[1].get("chart") or chart
            secret_names = sorted(secret_name_values(chart)) if chart is not None else []
            for doc in claim.parsed.documents:
                if values:
                    if isinstance(doc.data, Mapping):  # an empty document: nothing written
                        yield Document(
                            path, FORMAT, doc.data, claim.parsed.sha256, doc,
                            meta={"index": doc.index, HELM_VALUES: True,
                                  HELM_SECRET_NAMES: secret_names, **_ignored(doc)},
                        )
                    continue
                if not isinstance(doc.data, Mapping):
                    kind = "a list" if isinstance(doc.data, list) else "a scalar"
                    yield InputError(
                        path,
                        f"document {doc.index + 1} is {kind}, not a Kubernetes object: "
                        "not assessed",
                        doc.line_of(""),
                    )
                    continue
                if claim.path.name in KUSTOMIZATION_FILES:
                    if has_generators(doc.data):
                        yield Document(
                            path, FORMAT, doc.data, claim.parsed.sha256, doc,
                            meta={"index": doc.index, KUSTOMIZATION: True},
                        )
                    if changes_objects(doc.data):
                        yield from _built(path, doc, claim.parsed.sha256, settings, lost,
                                          built_from, sidecars)
                    continue
                if not is_kubernetes(doc.data):
                    if _is_custom_resource(doc.data):
                        # Read so that the result names its kind as not judged.
                        yield Document(path, FORMAT, doc.data, claim.parsed.sha256, doc)
                    continue
                problem = _problem(path, doc)
                if problem is not None:
                    yield problem
                    names = object_names(doc.data)
                    if names:
                        lost.append(LostPart(path, doc.line_of("") or problem.line or 1, names))
                    continue
                data = doc.data
                broken = _item_problems(path, doc) if is_list(data) else {}
                if broken:
                    items = list(data["items"])
                    for index, error in broken.items():
                        yield error
                        names = object_names({"kind": "List", "items": [items[index]]})
                        if names:
                            lost.append(LostPart(path, error.line or 1, names))
                        items[index] = None  # not mapped (an empty entry)
                    if all(item is None for item in items):
                        continue  # nothing left to assess: the file is not assessed
                    data = {**data, "items": items}
                _index_sidecars(sidecars, data)
                yield Document(
                    path,
                    FORMAT,
                    data,
                    claim.parsed.sha256,
                    doc,
                    meta={"index": doc.index, LOST_KEY: lost, SIDECARS_KEY: sidecars,
                          **_ignored(doc)},
                )
