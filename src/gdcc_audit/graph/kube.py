"""Kubernetes objects as the graph needs them: labels, selectors, Service ports, Ingress
backends and NetworkPolicy peers, read from a ``k8s.*`` resource's attributes."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from gdcc_audit.load.kube_kinds import (
    GATEWAY_API,
    GKE_MULTI_CLUSTER_SERVICE,
    KIND_GROUPS,
    PROXY_KINDS,
    QUALIFIED_KINDS,
    WORKLOAD_KINDS,
    kind_of,
)
from gdcc_audit.models.resource import Resource
from gdcc_audit.normalize.kubernetes.ingress_redirects import GCE_FRONTEND
from gdcc_audit.normalize.kubernetes.knative import CLUSTER_LOCAL, DOMAINS, route_domain
from gdcc_audit.normalize.kubernetes.load_balancers import internal_lb


def _map(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def object_kind(resource: Resource) -> str:
    """The object's kind as the Kubernetes mapper names it (``Kind.group`` for the custom
    kinds it reads: ``HTTPProxy.projectcontour.io``), whether a manifest or a Terraform
    ``kubernetes_manifest`` / ``kubectl_manifest`` wrote it (its provider type is the
    Terraform type: an IngressRoute written so was read as a plain Ingress, routing nowhere)."""
    return kind_of(resource.attributes) or resource.provider_type


def namespace(resource: Resource) -> str:
    """The object's namespace (``default`` when not given)."""
    meta = _map(resource.attributes.get("metadata"))
    found = meta.get("namespace")
    return found if isinstance(found, str) and found else "default"


def namespace_known(resource: Resource) -> bool:
    """Whether the object's namespace is known: written, or not written (``default``); a
    Terraform value computed at apply time is not."""
    meta = _map(resource.attributes.get("metadata"))
    found = meta.get("namespace", "default")
    return isinstance(found, str) and bool(found)


#: The key of ``by_ns`` (pods by namespace, ``graph.network``) for the pods whose namespace is
#: not known (a Terraform value computed at apply time): they may be pods of any namespace.
UNKNOWN_NAMESPACE = "\0namespace not known"


def pods_key(workload: Resource) -> str:
    """The key of a workload's pods in ``by_ns``: its namespace, or ``UNKNOWN_NAMESPACE``."""
    return namespace(workload) if namespace_known(workload) else UNKNOWN_NAMESPACE


def namespace_pods(by_ns: Mapping[str, list[Resource]], where: str | None) -> list[Resource]:
    """The pods that may be in namespace ``where``: its own and those whose namespace is not
    known (they were taken as ``default``: a Service of another namespace selected none of
    them, and the pods it sends to were judged unreachable); every pod when ``where`` is not
    known (None)."""
    if where is None:
        return [pod for pods in by_ns.values() for pod in pods]
    return [*by_ns.get(where, ()), *by_ns.get(UNKNOWN_NAMESPACE, ())]


def known_namespace(resource: Resource) -> str | None:
    """The object's namespace, None when it is not known."""
    return namespace(resource) if namespace_known(resource) else None


def namespace_policies(
    workload: Resource, policies: list[Resource]
) -> tuple[list[Resource], frozenset[str]]:
    """The NetworkPolicies that may apply to a workload's pods (those of its namespace), and
    the ids of those that apply only perhaps: a policy whose namespace is not known, or any
    policy when the workload's namespace is not known."""
    own = namespace(workload)
    if not namespace_known(workload):
        return list(policies), frozenset(p.id for p in policies)
    found = [p for p in policies if not namespace_known(p) or namespace(p) == own]
    return found, frozenset(p.id for p in found if not namespace_known(p))


def name(resource: Resource) -> str:
    """The object's own ``metadata.name``."""
    found = _map(resource.attributes.get("metadata")).get("name")
    return found if isinstance(found, str) else resource.name


def labels(resource: Resource) -> dict[str, str | None] | None:
    """The labels of a workload's pods (its template), or of the object itself; a label
    whose value is not known (a Terraform value computed at apply time) None, and None for
    labels not known at all (``labels = var.labels``)."""
    spec = _map(resource.attributes.get("spec"))
    kind = resource.attributes.get("kind")
    template = _map(spec.get("template"))
    if kind == "CronJob":
        template = _map(_map(_map(spec.get("jobTemplate")).get("spec")).get("template"))
    meta = _map(template.get("metadata")) if template else _map(resource.attributes.get("metadata"))
    if "labels" in meta and meta["labels"] is None:
        return None
    return {str(k): None if v is None else str(v) for k, v in _map(meta.get("labels")).items()}


#: Types of a namespace's RoleBinding (manifest kind, Terraform kubernetes provider types): it
#: grants its role in that namespace only, nothing on cluster-scoped objects.
ROLE_BINDINGS = frozenset(
    {"RoleBinding", "kubernetes_role_binding", "kubernetes_role_binding_v1"}
)


#: A Knative Serving Service, as the Kubernetes mapper names its kind (``Kind.group``).
KNATIVE_SERVICE = "Service.serving.knative.dev"
#: The label that keeps a Knative Service off the external gateway (the older
#: ``serving.knative.dev/visibility`` too).
_KNATIVE_VISIBILITY = ("networking.knative.dev/visibility", "serving.knative.dev/visibility")
#: The port Knative sends requests to when the container declares none: "Knative serving
#: defaults to sending requests to 8080" (Knative serving, Migrating an existing service,
#: https://cloud.google.com/anthos/run/docs/migrating; also the PORT variable it sets).
KNATIVE_DEFAULT_PORT = 8080


def knative_published(resource: Resource) -> bool:
    """A Knative Service not labelled ``networking.knative.dev/visibility: cluster-local``:
    Knative publishes it on the external gateway when the cluster has an external domain,
    which the manifests do not show ("Configuring private Services",
    https://knative.dev/docs/serving/services/private-services/)."""
    if object_kind(resource) != KNATIVE_SERVICE:
        return False
    found = object_labels(resource)
    return not any(found.get(key) == "cluster-local" for key in _KNATIVE_VISIBILITY)


def knative_domains(objects: list[Resource]) -> list[Any] | None:
    """The domains the scan's ``knative-serving/config-domain`` configures; None when it
    holds none (or two that differ), or when it runs Knative's ``default-domain`` Job, which
    sets a magic DNS domain at run time when the default one is ``svc.cluster.local``."""
    found: list[list[Any]] = [
        r.attributes[DOMAINS] for r in objects
        if r.kind == "k8s.config_map" and isinstance(r.attributes.get(DOMAINS), list)]
    job = any(r.kind == "k8s.workload" and name(r) == "default-domain"
              and namespace(r) == "knative-serving" for r in objects)
    if job or not found or any(f != found[0] for f in found):
        return None
    return found[0]


def knative_cluster_local(resource: Resource, domains: list[Any] | None) -> bool:
    """A Knative Service the configured ``domains`` give the cluster-local domain: Knative
    makes its Route cluster-local, off the external gateway (knative.py)."""
    return domains is not None and route_domain(object_labels(resource), domains) \
        == CLUSTER_LOCAL


def object_labels(resource: Resource) -> dict[str, str]:
    """The object's own labels, with the automatic ``kubernetes.io/metadata.name`` of a
    Namespace."""
    meta = _map(resource.attributes.get("metadata"))
    found = {str(k): str(v) for k, v in _map(meta.get("labels")).items()}
    if resource.kind == "k8s.namespace" and isinstance(meta.get("name"), str):
        found.setdefault("kubernetes.io/metadata.name", meta["name"])
    return found


def _service_spec(resource: Resource) -> Mapping[str, Any]:
    """A Service's ``spec``; a GKE MultiClusterService's Service ``template.spec`` (the
    Services GKE derives from it in the member clusters select the pods)."""
    spec = _map(resource.attributes.get("spec"))
    if object_kind(resource) == GKE_MULTI_CLUSTER_SERVICE:
        return _map(_map(spec.get("template")).get("spec"))
    return spec


def service_type(resource: Resource) -> str:
    """``ClusterIP``, ``NodePort``, ``LoadBalancer`` or ``ExternalName``."""
    found = _service_spec(resource).get("type")
    return found if isinstance(found, str) else "ClusterIP"


def external_ips(resource: Resource) -> list[str]:
    """The Service's ``externalIPs``: addresses routed to the cluster's nodes on which the
    Service's ports are open, whatever its type ("Kubernetes Services can be exposed on
    those externalIPs", Service, External IPs)."""
    found = _service_spec(resource).get("externalIPs")
    return [str(ip) for ip in _list(found) if isinstance(ip, str) and ip]


def service_selector(resource: Resource) -> Mapping[str, Any] | None:
    """The Service's pod selector; None when it has none (endpoints managed by hand)."""
    found = _service_spec(resource).get("selector")
    return found if isinstance(found, Mapping) and found else None


def selector_unknown(resource: Resource) -> bool:
    """True when the Service has a selector whose value is not known (``selector =
    var.selector`` in Terraform): it may select any pod of its namespace."""
    spec = _service_spec(resource)
    return "selector" in spec and spec["selector"] is None


#: A Service port: ``(protocol, port, targetPort)``.
ServicePort = tuple[str, int, int | str | None]
#: The range a NodePort Service's ``nodePort`` is allocated from when not written: "the
#: Kubernetes control plane allocates a port from a range specified by
#: --service-node-port-range flag (default: 30000-32767)" (Kubernetes, Service, type: NodePort).
NODE_PORT_RANGE = (30000, 32767)


def _service_port_entries(resource: Resource) -> list[Mapping[str, Any]]:
    return [
        entry for entry in map(_map, _list(_service_spec(resource).get("ports")))
        if isinstance(entry.get("port"), int)
    ]


def _service_port(entry: Mapping[str, Any]) -> ServicePort:
    port: int = entry["port"]
    target = entry.get("targetPort", port)
    proto = str(entry.get("protocol") or "TCP").lower()
    return proto, port, target if isinstance(target, int | str) else None


def service_ports(resource: Resource) -> list[ServicePort]:
    """``(protocol, port, targetPort)`` of each Service port."""
    return [_service_port(entry) for entry in _service_port_entries(resource)]


def service_port(resource: Resource, wanted: int | str | None) -> ServicePort | None:
    """The Service port an Ingress backend names, by number or by name ("port.name is the
    name of the port on the Service", ServiceBackendPort; the older ``servicePort`` is either);
    None when it names none, or none the Service has."""
    for entry in _service_port_entries(resource):
        if wanted is not None and wanted in (entry["port"], entry.get("name")):
            return _service_port(entry)
    return None


def node_ports(resource: Resource) -> list[tuple[str, int, int | None]]:
    """``(protocol, first, last)`` a NodePort Service opens on the nodes: each port's
    ``nodePort``, or the allocation range when it is not written."""
    found: list[tuple[str, int, int | None]] = []
    for entry in _service_port_entries(resource):
        proto = _service_port(entry)[0]
        number = entry.get("nodePort")
        if isinstance(number, int) and not isinstance(number, bool) and number > 0:
            found.append((proto, number, None))
        else:
            found.append((proto, *NODE_PORT_RANGE))
    return found


def port_unknown(resource: Resource) -> bool:
    """True when a Service port's number is not known (``port = var.port`` in Terraform, a
    placeholder filled in at deploy time such as envsubst's ``${GRPC_PORT:-9002}``)."""
    return any(
        not isinstance(port := _map(item).get("port"), int) or isinstance(port, bool)
        for item in _list(_service_spec(resource).get("ports"))
    )


def _pod(resource: Resource) -> Mapping[str, Any]:
    """The workload's pod spec (its template's; a CronJob's job template's)."""
    spec = _map(resource.attributes.get("spec"))
    kind = resource.attributes.get("kind")
    if kind == "CronJob":
        spec = _map(_map(spec.get("jobTemplate")).get("spec"))
    return _map(_map(spec.get("template")).get("spec")) if kind != "Pod" else spec


def _pod_or_spec(resource: Resource) -> Mapping[str, Any]:
    """The workload's pod spec: its template's (a CronJob's job template's, as for a Job:
    its images, volumes and flags were not read), or its own ``spec`` when it has no
    template (a Pod)."""
    spec = _map(resource.attributes.get("spec"))
    if resource.attributes.get("kind") == "CronJob":
        spec = _map(_map(spec.get("jobTemplate")).get("spec"))
    return _map(_map(spec.get("template")).get("spec")) if spec.get("template") else spec


def containers(resource: Resource) -> list[Mapping[str, Any]]:
    """The containers of the workload's pod spec (not its init containers)."""
    return [_map(c) for c in _list(_pod(resource).get("containers"))]


def host_network(resource: Resource) -> bool:
    """True when the workload's pods run on the node's network (``hostNetwork: true``)."""
    return _pod(resource).get("hostNetwork") is True


def node_published(resource: Resource) -> list[tuple[str, int, bool]]:
    """``(protocol, port, host network)`` the workload's pods open on their node: each
    container port's ``hostPort`` ("Number of port to expose on the host", ContainerPort),
    and with ``hostNetwork: true`` every declared ``containerPort`` (the pod uses the node's
    network namespace: it listens on the node's addresses, and NetworkPolicies do not
    apply to it)."""
    host_network = _pod(resource).get("hostNetwork") is True
    found: list[tuple[str, int, bool]] = []
    for entry in _declared_ports(resource):
        proto = str(entry.get("protocol") or "TCP").lower()
        number = entry.get("hostPort")
        if isinstance(number, int) and not isinstance(number, bool) and number > 0:
            found.append((proto, number, host_network))
        elif host_network:
            found.append((proto, entry["containerPort"], True))
    return found


#: The kubelet API's port ("Kubelet API: 10250", Kubernetes "Ports and Protocols"): a port of
#: the node, which a pod shares only through ``hostNetwork`` or a ``hostPort``.
KUBELET_PORT = 10250


def may_share_node_port(resource: Resource, port: int) -> bool:
    """True unless the workload's pods are known to have their own network namespace for
    ``port``: no ``hostNetwork`` (absent or false) and no ``hostPort`` equal to it (nor one
    not known). Without them the pods' ``containerPort`` ``port`` is their own port, not
    the node's (prometheus-operator serves HTTPS on its own 10250, not the kubelet's)."""
    pod = _pod(resource)
    if pod.get("hostNetwork", False) is not False:
        return True  # true, or a value not known
    containers = pod.get("containers")
    if not isinstance(containers, list):
        return True  # the pod spec is not known
    for container in [*containers, *_list(pod.get("initContainers"))]:
        ports = _map(container).get("ports")
        if ports is not None and not isinstance(ports, list):
            return True  # its ports are not known
        for item in _list(ports):
            number = _map(item).get("hostPort")
            if number is None or number == 0:
                continue
            if not isinstance(number, int) or isinstance(number, bool) or number == port:
                return True
    return False


#: The Kubernetes API server's port ("Kubernetes API server: 6443", Kubernetes "Ports and
#: Protocols"): a management port of a pod that runs an API server of a cluster.
API_SERVER_PORT = 6443
#: Names in an image or a command that run a Kubernetes API server of a cluster (the
#: control plane in a pod: Kamaji, vcluster, k3s / k0s / RKE2 in a pod, kcp, OpenShift).
_API_SERVERS = ("kube-apiserver", "k3s", "k0s", "rke2", "vcluster", "kcp", "openshift-apiserver")
#: A flag only a Kubernetes API server (kube-apiserver or one built like it) takes.
_API_SERVER_FLAG = "--etcd-servers"


def may_run_api_server(resource: Resource) -> bool:
    """True unless every container of the workload is known and none runs a Kubernetes API
    server of a cluster: an image or a command naming one (``_API_SERVERS``), or the
    ``--etcd-servers`` flag. An aggregated API server (prometheus-adapter, metrics-server)
    serves one API group behind the cluster's API server, which authenticates for it: no
    cluster API. A value not known (an image from a variable) may be one."""
    pod = _pod(resource)
    containers = pod.get("containers")
    if not isinstance(containers, list):
        return True
    for item in [*containers, *_list(pod.get("initContainers"))]:
        container = _map(item)
        image = container.get("image")
        command, args = container.get("command"), container.get("args")
        if not isinstance(image, str) or not image or any(
            value is not None and not isinstance(value, list) for value in (command, args)
        ):
            return True
        words = [image, *(str(w) for w in [*_list(command), *_list(args)])]
        for word in (w.lower() for w in words):
            if word.startswith(_API_SERVER_FLAG) or any(n in word for n in _API_SERVERS):
                return True
    return False


def _declared_ports(resource: Resource) -> list[Mapping[str, Any]]:
    """The ``ports`` entries of the workload's containers that give a ``containerPort``."""
    pod = _pod(resource)
    return [
        _map(item)
        for container in _list(pod.get("containers"))
        for item in _list(_map(container).get("ports"))
        if isinstance(_map(item).get("containerPort"), int)
    ]


def writes_ports(resource: Resource) -> bool:
    """Whether a container of the workload writes a ``ports`` entry at all (its number may
    be a placeholder or a value not known)."""
    pod = _pod(resource)
    return any(
        _list(_map(container).get("ports"))
        for container in [*_list(pod.get("containers")), *_list(pod.get("initContainers"))]
    )


def container_ports(resource: Resource) -> list[tuple[str, int]]:
    """``(protocol, containerPort)`` the workload's containers declare."""
    return [
        (str(entry.get("protocol") or "TCP").lower(), entry["containerPort"])
        for entry in _declared_ports(resource)
    ]


def named_port(resource: Resource, port_name: str) -> int | None:
    """The ``containerPort`` a container of the workload names ``port_name``: where a
    Service's ``targetPort`` written as a name sends traffic ("If this is a string, it will
    be looked up as a named port in the target Pod's container ports", ServicePort,
    Kubernetes API reference). None when no container names a port so: the Service then
    sends that port to none of these pods."""
    for entry in _declared_ports(resource):
        if entry.get("name") == port_name:
            number: int = entry["containerPort"]
            return number
    return None


_STREAM_FLAG = re.compile(r"^--(tcp|udp)-services-configmap=(.+)$")


def stream_flags(resource: Resource) -> list[tuple[str, str, str]]:
    """``(transport, namespace, name)`` of the ConfigMaps a workload's containers name with
    ingress-nginx's ``--tcp-services-configmap`` / ``--udp-services-configmap`` (``ns/name``;
    ``$(POD_NAMESPACE)`` is the workload's namespace)."""
    pod = _pod_or_spec(resource)
    found: list[tuple[str, str, str]] = []
    for container in map(_map, _list(pod.get("containers"))):
        for item in [*_list(container.get("command")), *_list(container.get("args"))]:
            matched = _STREAM_FLAG.match(item) if isinstance(item, str) else None
            if matched is None:
                continue
            where, _, name = matched[2].rpartition("/")
            where = namespace(resource) if where in ("", "$(POD_NAMESPACE)") else where
            found.append((matched[1], where, name))
    return found


def container_of(resource: Resource, binary: str, image: str = "") -> Mapping[str, Any] | None:
    """The workload's container that runs ``binary`` (its command or first argument ends
    with it; or its image names ``image``, whose entry point it is); None when none does."""
    pod = _pod_or_spec(resource)
    for container in map(_map, _list(pod.get("containers"))):
        words = [str(w) for w in [*_list(container.get("command")), *_list(container.get("args"))]]
        named = str(container.get("image") or "").rsplit("/", 1)[-1].split(":", 1)[0]
        if any(w.endswith(binary) for w in words[:2]) or (image and named == image):
            return container
    return None


def container_flags(resource: Resource, binary: str, image: str = "") -> dict[str, str] | None:
    """``--flag=value`` options of the workload's container that runs ``binary``
    (:func:`container_of`); None when no container does."""
    container = container_of(resource, binary, image)
    if container is None:
        return None
    words = [str(w) for w in [*_list(container.get("command")), *_list(container.get("args"))]]
    return dict(w[2:].partition("=")[::2] for w in words if w.startswith("--"))


def pod_volumes(resource: Resource) -> dict[str, Mapping[str, Any]]:
    """The volumes of the workload's pod spec, by name."""
    pod = _pod_or_spec(resource)
    return {str(v.get("name")): v for v in map(_map, _list(pod.get("volumes")))}


def images(resource: Resource) -> list[str]:
    """Container images of a workload."""
    pod = _pod_or_spec(resource)
    return [
        str(_map(c).get("image"))
        for c in _list(pod.get("containers"))
        if isinstance(_map(c).get("image"), str)
    ]


def openshift_backends(resource: Resource) -> list[tuple[str, int | str | None]]:
    """``(service name, targetPort)`` an OpenShift Route sends to: ``to`` and its
    ``alternateBackends`` (kind ``Service``), with ``port.targetPort`` ("the target port on
    pods selected by the service this route points to. If this is a string, it will be looked
    up as a named port in the target endpoints port list", Route API reference)."""
    spec = _map(resource.attributes.get("spec"))
    target = _map(spec.get("port")).get("targetPort")
    port = target if isinstance(target, int | str) and not isinstance(target, bool) else None
    return [
        (ref["name"], port)
        for ref in map(_map, [spec.get("to"), *_list(spec.get("alternateBackends"))])
        if ref.get("kind", "Service") == "Service" and isinstance(ref.get("name"), str)
    ]


def endpoint_port(resource: Resource, wanted: int | str | None) -> ServicePort | None:
    """The Service port an OpenShift Route's ``targetPort`` picks: a name is a Service port's
    name (the endpoints' port names), a number a Service port's ``targetPort``; None when it
    gives none or the Service has no such port."""
    if isinstance(wanted, str):
        return service_port(resource, wanted)
    for entry in service_ports(resource):
        if wanted is not None and entry[2] == wanted:
            return entry
    return None


def ingress_backends(resource: Resource) -> list[tuple[str, int | str | None]]:
    """``(service name, port)`` an Ingress routes to; the port a number or a Service port's
    name."""
    return ingress_spec_backends(_map(resource.attributes.get("spec")))


def ingress_spec_backends(spec: Mapping[str, Any]) -> list[tuple[str, int | str | None]]:
    """``(service name, port)`` of the backends of an Ingress ``spec`` (the
    ``template.spec`` of a GKE MultiClusterIngress too)."""
    found: list[tuple[str, int | str | None]] = []

    def add(backend: Any) -> None:
        entry = _map(backend)
        service = _map(entry.get("service"))
        if isinstance(service.get("name"), str):
            port = _map(service.get("port"))
            found.append((service["name"], port.get("number") or port.get("name")))
        elif isinstance(entry.get("serviceName"), str):
            found.append((entry["serviceName"], entry.get("servicePort")))

    add(spec.get("defaultBackend") or spec.get("backend"))
    for rule in _list(spec.get("rules")):
        for path in _list(_map(_map(rule).get("http")).get("paths")):
            add(_map(path).get("backend"))
    return found


def ingress_tls(resource: Resource) -> bool | None:
    """True when the entry point terminates TLS: the mapper's ``encrypted_in_transit`` (an
    Ingress's ``tls``, a Gateway's listeners all HTTPS or TLS, an OpenShift Route's ``tls``
    without plain HTTP allowed), else an Ingress's ``tls``; None (not known) for a proxy's
    object the mapper left it unset on (an Emissary Mapping: the installation's Hosts decide)."""
    found = resource.facets.encrypted_in_transit
    if found is not None:
        return found
    annotations = _map(_map(resource.attributes.get("metadata")).get("annotations"))
    if object_kind(resource) in (*PROXY_KINDS, "Ingress") or GCE_FRONTEND in annotations:
        return None  # a GKE FrontendConfig may redirect HTTP; Traefik's entry points
    return bool(_list(_map(resource.attributes.get("spec")).get("tls")))


_CLASS_ANNOTATION = "kubernetes.io/ingress.class"
#: The Application Gateway Ingress Controller's annotation for the gateway's private
#: frontend address (AGIC annotations, use-private-ip).
_AGIC_PRIVATE = "appgw.ingress.kubernetes.io/use-private-ip"


def ingress_scheme(resource: Resource) -> tuple[str, str]:
    """``(scheme, how)`` of an Ingress's load balancer: ``internal`` for GKE's internal
    Ingress class (``kubernetes.io/ingress.class: gce-internal``: "Ingress for internal
    Application Load Balancers") and an AGIC Ingress with ``use-private-ip: "true"``; else
    ``public`` (an ALB's: ``kube_classes.ingress_scheme``)."""
    meta = _map(resource.attributes.get("metadata"))
    annotations = {str(k): str(v) for k, v in _map(meta.get("annotations")).items()}
    named = annotations.get(_CLASS_ANNOTATION) or _map(
        resource.attributes.get("spec")).get("ingressClassName")
    if named == "gce-internal":
        return "internal", "GKE internal Ingress (gce-internal)"
    if annotations.get(_AGIC_PRIVATE, "").lower() == "true":
        return "internal", "Application Gateway private frontend"
    return "public", "ingress controller"


#: GKE's GatewayClasses of internal Application Load Balancers (GKE, GatewayClass
#: capabilities: ``gke-l7-rilb``, ``gke-l7-rilb-mc``, ``gke-l7-cross-regional-internal-
#: managed-mc``); the others (``gke-l7-global-external-managed`` ...) are external.
_INTERNAL_GATEWAY_CLASSES = frozenset({
    "gke-l7-rilb", "gke-l7-rilb-mc", "gke-l7-cross-regional-internal-managed",
    "gke-l7-cross-regional-internal-managed-mc",
})
#: Istio's annotation for the type of the Service it deploys for a Gateway (default
#: ``LoadBalancer``; Istio, Gateway API, Automated Deployment).
_ISTIO_SERVICE_TYPE = "networking.istio.io/service-type"


def gateway_scheme(resource: Resource) -> tuple[str, str]:
    """``(scheme, how)`` of a Gateway API Gateway: ``internal`` for a GKE internal
    GatewayClass or an internal load balancer annotation in ``spec.infrastructure
    .annotations`` ("annotations that SHOULD be applied to any resources created in
    response to this Gateway", Gateway API) or the Gateway's own (Istio copies them to its
    Service); ``cluster`` when Istio deploys it behind a ``ClusterIP`` Service; else
    ``public``."""
    spec = _map(resource.attributes.get("spec"))
    own = _map(_map(resource.attributes.get("metadata")).get("annotations"))
    infrastructure = _map(_map(spec.get("infrastructure")).get("annotations"))
    named = spec.get("gatewayClassName")
    if named in _INTERNAL_GATEWAY_CLASSES:
        return "internal", f"GKE internal GatewayClass {named}"
    if internal_lb(infrastructure) or internal_lb(own):
        return "internal", "internal load balancer annotation"
    if str(infrastructure.get(_ISTIO_SERVICE_TYPE) or own.get(_ISTIO_SERVICE_TYPE)) \
            == "ClusterIP":
        return "cluster", "Istio gateway Service type ClusterIP"
    return "public", "Gateway listeners"


#: The transport of each Gateway listener protocol (Gateway API, ProtocolType: HTTP, HTTPS,
#: TLS, TCP, UDP; an implementation's own protocol is taken as TCP).
_LISTENER_TRANSPORT = {"UDP": "udp"}


def gateway_listeners(resource: Resource) -> list[tuple[str, int, str | None]]:
    """``(protocol, port, name)`` of each listener of a Gateway."""
    found: list[tuple[str, int, str | None]] = []
    for entry in map(_map, _list(_map(resource.attributes.get("spec")).get("listeners"))):
        port, name = entry.get("port"), entry.get("name")
        if isinstance(port, int) and not isinstance(port, bool):
            found.append((str(entry.get("protocol") or "").upper(), port,
                          name if isinstance(name, str) else None))
    return found


def listener_transport(protocol: str) -> str:
    """``tcp`` or ``udp``: what a listener of that protocol receives."""
    return _LISTENER_TRANSPORT.get(protocol, "tcp")


def route_parents(
    resource: Resource,
) -> list[tuple[str, str, str, str | None, int | None]]:
    """``(kind, namespace, name, sectionName, port)`` of each parent a Gateway API route
    attaches to (``parentRefs``: kind ``Gateway`` of the Gateway API group by default, the
    route's namespace when none is given). A ``Service`` parent (mesh routing, GAMMA) routes
    traffic inside the cluster: left out. The kind of another group is ``group/kind``."""
    found: list[tuple[str, str, str, str | None, int | None]] = []
    for ref in map(_map, _list(_map(resource.attributes.get("spec")).get("parentRefs"))):
        kind, group = str(ref.get("kind", "Gateway")), str(ref.get("group", GATEWAY_API))
        if kind == "Service" and group in ("", "core"):
            continue
        name, section, port = ref.get("name"), ref.get("sectionName"), ref.get("port")
        if isinstance(name, str):
            found.append((
                kind if group == GATEWAY_API else f"{group}/{kind}",
                str(ref.get("namespace") or namespace(resource)), name,
                section if isinstance(section, str) else None,
                port if isinstance(port, int) and not isinstance(port, bool) else None,
            ))
    return found


def istio_servers(resource: Resource) -> list[tuple[str, int]]:
    """``(transport, port)`` of each server of an Istio Gateway."""
    found: list[tuple[str, int]] = []
    for server in map(_map, _list(_map(resource.attributes.get("spec")).get("servers"))):
        port = _map(server.get("port"))
        number = port.get("number")
        if isinstance(number, int) and not isinstance(number, bool):
            found.append((listener_transport(str(port.get("protocol") or "").upper()), number))
    return found


def istio_egress(resource: Resource) -> bool:
    """An Istio Gateway whose ``selector`` is the egress gateway's label (``istio:
    egressgateway``, Istio's Egress Gateways task): it configures the mesh's way out, whose
    Service Istio's installation profiles make a ClusterIP one, so the pods of the cluster
    reach it, not the internet (the gateway's own Service, when scanned, is judged apart)."""
    return istio_selector(resource).get("istio") == "egressgateway"


def istio_selector(resource: Resource) -> Mapping[str, Any]:
    """The labels of the gateway pods an Istio Gateway configures (``selector``)."""
    return _map(_map(resource.attributes.get("spec")).get("selector"))


def istio_gateways(resource: Resource) -> list[tuple[str, str]]:
    """``(namespace, name)`` of each Gateway an Istio VirtualService is bound to
    (``gateways``: ``name`` in its own namespace or ``namespace/name``); ``mesh`` (the
    sidecars, inside the cluster) is left out."""
    found: list[tuple[str, str]] = []
    for item in _list(_map(resource.attributes.get("spec")).get("gateways")):
        if isinstance(item, str) and item != "mesh":
            where, _, name = item.rpartition("/")
            found.append((where or namespace(resource), name))
    return found


def istio_destinations(resource: Resource) -> list[tuple[str, str, int | None]]:
    """``(namespace, Service name, port)`` an Istio VirtualService routes to: every
    ``destination`` of its ``http``, ``tcp`` and ``tls`` routes (and HTTP ``mirror``); a host
    written short is in the VirtualService's namespace, ``name.namespace[.svc...]`` in that
    one."""
    spec = _map(resource.attributes.get("spec"))
    found: list[tuple[str, str, int | None]] = []

    def add(destination: Mapping[str, Any]) -> None:
        host = destination.get("host")
        if not isinstance(host, str) or not host:
            return
        parts = host.split(".")
        where = parts[1] if len(parts) > 1 else namespace(resource)
        number = _map(destination.get("port")).get("number")
        found.append((where, parts[0],
                      number if isinstance(number, int) and not isinstance(number, bool)
                      else None))

    for section in ("http", "tcp", "tls"):
        for rule in map(_map, _list(spec.get(section))):
            for route in map(_map, _list(rule.get("route"))):
                add(_map(route.get("destination")))
            add(_map(rule.get("mirror")))
    return found


#: The API groups of a multi-cluster ``ServiceImport``.
_SERVICE_IMPORT_GROUPS = frozenset({"net.gke.io", "multicluster.x-k8s.io"})


def route_backends(resource: Resource) -> list[tuple[str, str, int | None]]:
    """``(namespace, Service name, port)`` each rule of a Gateway API route sends requests
    to: its ``backendRefs`` (kind ``Service`` of the core group by default) and the backends
    a ``RequestMirror`` filter copies them to. A ``ServiceImport`` (multi-cluster Services:
    GKE's ``net.gke.io``, ``multicluster.x-k8s.io``) is the Service of its name and namespace
    that a ``ServiceExport`` exports from the member clusters, on the same ports (GKE,
    Multi-cluster Services; Gateway API, "ServiceImport" backends)."""
    found: list[tuple[str, str, int | None]] = []

    def add(ref: Mapping[str, Any]) -> None:
        name, port = ref.get("name"), ref.get("port")
        kind, group = ref.get("kind", "Service"), ref.get("group", "")
        if isinstance(name, str) and (
            (kind == "Service" and group in ("", "core"))
            or (kind == "ServiceImport" and group in _SERVICE_IMPORT_GROUPS)
        ):
            found.append((str(ref.get("namespace") or namespace(resource)), name,
                          port if isinstance(port, int) and not isinstance(port, bool) else None))

    for rule in map(_map, _list(_map(resource.attributes.get("spec")).get("rules"))):
        for ref in map(_map, _list(rule.get("backendRefs"))):
            add(ref)
        for item in map(_map, _list(rule.get("filters"))):
            add(_map(_map(item.get("requestMirror")).get("backendRef")))
    return found


#: A v1alpha1 listener: ``(protocol, port, route kind, route label selector, namespaces
#: "from", namespace label selector)``.
AlphaListener = tuple[str, int, Any, Mapping[str, Any], str, Mapping[str, Any]]


def alpha_listeners(resource: Resource) -> list[AlphaListener]:
    """Each listener of a v1alpha1 Gateway with the routes it selects (``routes``: their
    ``kind``, label ``selector`` (every route when empty), ``namespaces.from``: ``Same`` by
    default, ``All`` or ``Selector`` with its ``selector``)."""
    found: list[AlphaListener] = []
    for entry in map(_map, _list(_map(resource.attributes.get("spec")).get("listeners"))):
        port = entry.get("port")
        if isinstance(port, int) and not isinstance(port, bool):
            routes = _map(entry.get("routes"))
            places = _map(routes.get("namespaces"))
            found.append((str(entry.get("protocol") or "").upper(), port, routes.get("kind"),
                          _map(routes.get("selector")), str(places.get("from") or "Same"),
                          _map(places.get("selector"))))
    return found


def alpha_allowed(route: Resource, gateway: Resource) -> bool:
    """Whether a v1alpha1 route lets the Gateway attach it (``gateways.allow``:
    ``SameNamespace`` by default, ``All``, or ``FromList`` its ``gatewayRefs``)."""
    chosen = _map(_map(route.attributes.get("spec")).get("gateways"))
    allow = str(chosen.get("allow") or "SameNamespace")
    if allow == "All":
        return True
    if allow == "FromList":
        return any(
            ref.get("name") == name(gateway)
            and str(ref.get("namespace") or namespace(route)) == namespace(gateway)
            for ref in map(_map, _list(chosen.get("gatewayRefs")))
        )
    return namespace(route) == namespace(gateway)


def alpha_route_backends(resource: Resource) -> list[tuple[str, str, int | None]]:
    """``(namespace, Service name, port)`` a v1alpha1 route's rules ``forwardTo``: a
    ``serviceName``, or a ``backendRef`` of kind ``Service`` (or a ``ServiceImport``), in
    the route's namespace."""
    found: list[tuple[str, str, int | None]] = []
    for rule in map(_map, _list(_map(resource.attributes.get("spec")).get("rules"))):
        for target in map(_map, _list(rule.get("forwardTo"))):
            port = target.get("port")
            number = port if isinstance(port, int) and not isinstance(port, bool) else None
            ref = _map(target.get("backendRef"))
            if isinstance(target.get("serviceName"), str):
                found.append((namespace(resource), target["serviceName"], number))
            elif isinstance(ref.get("name"), str) and (
                (ref.get("kind", "Service") == "Service" and ref.get("group", "") in ("", "core"))
                or (ref.get("kind") == "ServiceImport"
                    and ref.get("group") in _SERVICE_IMPORT_GROUPS)
            ):
                found.append((namespace(resource), ref["name"], number))
    return found


def policy_selector(resource: Resource) -> Any:
    """The pods a NetworkPolicy applies to."""
    return _map(resource.attributes.get("spec")).get("podSelector", {})


def policy_limits_ingress(resource: Resource) -> bool:
    """True when the policy restricts inbound traffic of the pods it selects."""
    spec = _map(resource.attributes.get("spec"))
    types = spec.get("policyTypes")
    if isinstance(types, list):
        return "Ingress" in types
    return True  # without policyTypes, Ingress is always implied


def policy_limits_egress(resource: Resource) -> bool:
    """True when the policy restricts outbound traffic of the pods it selects:
    ``policyTypes`` lists Egress, or none is written and the policy has egress rules ("Egress
    will be set if the NetworkPolicy has any egress rules", Kubernetes, Network Policies,
    NetworkPolicySpec)."""
    spec = _map(resource.attributes.get("spec"))
    types = spec.get("policyTypes")
    if isinstance(types, list):
        return "Egress" in types
    return bool(_list(spec.get("egress")))


def policy_egress_rules(
    resource: Resource,
) -> list[tuple[list[Mapping[str, Any]], list[Any]]]:
    """Each egress rule of a NetworkPolicy: ``(to peers, ports)``; an empty peer list means
    every destination."""
    spec = _map(resource.attributes.get("spec"))
    return [
        ([_map(p) for p in _list(_map(r).get("to"))], _list(_map(r).get("ports")))
        for r in _list(spec.get("egress"))
    ]


def policy_rules(resource: Resource) -> list[tuple[list[Mapping[str, Any]], list[Any]]]:
    """Each ingress rule of a NetworkPolicy: ``(from peers, ports)``; an empty peer list
    means every source."""
    spec = _map(resource.attributes.get("spec"))
    return [
        ([_map(p) for p in _list(_map(r).get("from"))], _list(_map(r).get("ports")))
        for r in _list(spec.get("ingress"))
    ]


#: API groups where a wildcard reaches more than custom resources: the groups of the kinds
#: gdcc-audit reads (``KIND_GROUPS``, the qualified kinds' groups, ``*``), and those whose
#: objects are privilege escalation risks ("Role Based Access Control Good Practices",
#: Kubernetes): admission webhooks, certificate signing requests, tokens, API services
#: (which route a group's requests to a Service), OpenShift's security context constraints.
_ESCALATION_GROUPS = frozenset({
    "*", "admissionregistration.k8s.io", "certificates.k8s.io", "authentication.k8s.io",
    "authorization.k8s.io", "apiregistration.k8s.io", "security.openshift.io",
})


_BROAD_GROUPS = (
    _ESCALATION_GROUPS
    | frozenset(group for groups in KIND_GROUPS.values() for group in groups)
    # the custom kinds that run pods (Knative): their holder acts as service accounts; the
    # Gateway API's and OpenShift's routes publish Services but grant no identity
    | frozenset(group for (group, _kind), name in QUALIFIED_KINDS.items()
                if name in WORKLOAD_KINDS)
)


def custom_wildcards(role: Resource) -> list[str] | None:
    """The wildcard rules of a manifest Role / ClusterRole when each is confined to API groups
    of custom resources (``dex.coreos.com``: ``* on * in dex.coreos.com``): they reach those
    custom objects only, none of the kinds gdcc-audit reads nor an escalation risk. None when
    a wildcard reaches further, when the role has no wildcard rule of its own (an
    aggregated ClusterRole), or when its rules are not a manifest's."""
    rules = role.attributes.get("rules")
    if not isinstance(rules, list):
        return None
    found: list[str] = []
    for item in rules:
        rule = _map(item)
        groups = [str(g) for g in _list(rule.get("apiGroups"))]
        verbs = [str(v) for v in _list(rule.get("verbs"))]
        resources = [str(r) for r in _list(rule.get("resources"))]
        if "*" not in verbs and not any("*" in r for r in resources) and "*" not in groups:
            continue
        if not groups or any(g in _BROAD_GROUPS for g in groups):
            return None
        found.append(f"{name(role)}: {', '.join(verbs)} on {', '.join(resources)} in "
                     f"{', '.join(groups)}")
    return found or None


#: Signers whose certificates make their holder a node (``system:node:<name>``), which the
#: NodeRestriction admission keeps to the pods bound to it; any node name may be asked for
#: ("Certificates and Certificate Signing Requests", Kubernetes signers). The kubelet serving
#: signer issues server certificates: no identity.
_NODE_SIGNER = "kubernetes.io/kube-apiserver-client-kubelet"
_SERVING_SIGNER = "kubernetes.io/kubelet-serving"
_WRITES = frozenset({"create", "update", "patch", "*"})


def _path_parts(path: str) -> tuple[str, str, list[str]]:
    """``(verb, resource, names)`` of an ``escalation_paths`` entry (``"VERB on RESOURCE
    [named A, B]"``)."""
    verb, _, rest = path.partition(" on ")
    resource, _, named = rest.partition(" named ")
    return verb, resource, [n for n in named.split(", ") if n]


@dataclass(frozen=True)
class Escalations:
    """A role's escalate / bind / impersonate grants (``rbac_escalation``) as the identity
    blast radius follows them: ``unbounded`` give their holder any permission of its scope
    (escalate, bind or impersonate on anything, or on objects named but users, groups and
    roles of any power); ``accounts`` the service accounts a grant limited by
    ``resourceNames`` lets it impersonate (it acts as them, as with a token it may make);
    ``roles`` the ``(kind, name)`` of the roles a limited ``bind`` lets it bind (it may hold
    what they grant: "you can ... create a RoleBinding or ClusterRoleBinding ... if you
    have ... the bind verb on the referenced role", Using RBAC Authorization, Restrictions
    on role binding creation or update)."""

    unbounded: tuple[str, ...] = ()
    accounts: tuple[str, ...] = ()
    roles: tuple[tuple[str, str], ...] = ()


#: What an impersonating request may set only beside the user it impersonates: its UID and
#: its extra fields ("Impersonate-Uid ... Requires Impersonate-User", "Impersonate-Extra-...";
#: Authenticating, User impersonation,
#: https://kubernetes.io/docs/reference/access-authn-authz/authentication/#user-impersonation).
#: Alone they let the holder act as no one (impersonating the user is a grant listed itself,
#: which gives its holder any permission).
_WITH_A_USER = ("uids", "userextras/")

_BIND_KINDS = {"roles": ("Role",), "clusterroles": ("ClusterRole",), "*": ("Role", "ClusterRole")}


def escalations(grants: tuple[str, ...] | None) -> Escalations:
    """:class:`Escalations` of a role's ``rbac_escalation`` entries."""
    unbounded: list[str] = []
    accounts: list[str] = []
    roles: list[tuple[str, str]] = []
    for grant in grants or ():
        verb, resource, names = _path_parts(grant)
        if verb == "impersonate" and resource.startswith(_WITH_A_USER):
            continue  # sent only beside an impersonated user, a grant of its own
        if names and verb == "impersonate" and resource == "serviceaccounts":
            accounts.extend(names)
        elif names and verb == "bind" and resource in _BIND_KINDS:
            roles.extend((kind, n) for kind in _BIND_KINDS[resource] for n in names)
        else:
            unbounded.append(grant)
    return Escalations(tuple(unbounded), tuple(accounts), tuple(roles))


def escalates_to_everything(paths: tuple[str, ...]) -> tuple[str, ...]:
    """The escalation paths that give their holder every permission of the cluster: writing
    a mutating admission webhook, which may "mutate admitted objects" (pods, role bindings:
    RBAC Good Practices, Control admission webhooks), or approving requests of a client
    certificate signer other than the nodes' (``kubernetes.io/kube-apiserver-client``: "no
    subject restrictions", so a certificate of the ``system:masters`` group). Empty: none."""
    found: list[str] = []
    for path in paths:
        verb, resource, names = _path_parts(path)
        if (resource == "mutatingwebhookconfigurations" and verb in _WRITES) or (
            resource == "signers"
            and (not names or any(n not in (_NODE_SIGNER, _SERVING_SIGNER) for n in names))
        ):
            found.append(path)
    return tuple(found)


def escalation_accounts(
    paths: tuple[str, ...], runs_workloads: bool
) -> tuple[bool, tuple[str, ...] | None]:
    """The service accounts an escalation path lets its holder act as: ``(every account of
    the cluster, token accounts)``. Every account: the kubelet API (``nodes/proxy``: "command
    execution on every pod on the node(s)"), a node's client certificate (the pods bound to a
    node it names, any node), a hostPath PersistentVolume its own pods mount (the node's
    file system: every pod on it). Token accounts: those ``serviceaccounts/token`` names
    (``()``: every account of the role's scope; None: no token grant)."""
    everyone, tokens = False, None
    for path in paths:
        _verb, resource, names = _path_parts(path)
        if (
            resource == "nodes/proxy"
            or (resource == "signers" and _NODE_SIGNER in names)
            or (resource == "persistentvolumes" and runs_workloads)
        ):
            everyone = True
        elif resource == "serviceaccounts/token":
            tokens = () if not names or tokens == () else (*(tokens or ()), *names)
    return everyone, tokens
