"""The routing objects of ingress proxies that are not the Kubernetes Ingress: Contour's
``HTTPProxy``, Kong's ``TCPIngress`` / ``UDPIngress``, Emissary's ``Mapping`` /
``TCPMapping``, NGINX's ``VirtualServer`` / ``VirtualServerRoute`` / ``TransportServer``,
APISIX's ``ApisixRoute``, the AWS Load Balancer Controller's ``TargetGroupBinding``, Gloo
Edge's ``VirtualService`` / ``RouteTable``, Skipper's ``RouteGroup``, GKE's
``MultiClusterIngress``, Knative's ``DomainMapping`` and Traefik's ``TraefikService``.
Each publishes Services on its proxy's ports, as an Ingress does; read from a ``k8s.*``
resource's attributes: the ports it is reached on, the Service ports it sends to, and the
objects it delegates to."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from gdcc_audit.graph.kube import ingress_spec_backends, namespace, object_kind
from gdcc_audit.load.kube_kinds import (
    APISIX_ROUTE,
    AWS_TARGET_GROUP_BINDING,
    CONTOUR_HTTPPROXY,
    EMISSARY_MAPPING,
    EMISSARY_TCP_MAPPING,
    GKE_MULTI_CLUSTER_INGRESS,
    GLOO_ROUTE_TABLE,
    GLOO_UPSTREAM,
    GLOO_VIRTUAL_SERVICE,
    KNATIVE_DOMAIN_MAPPING,
    KNATIVE_SERVING,
    KONG_STREAMS,
    NGINX_GLOBAL_CONFIGURATION,
    NGINX_TRANSPORT_SERVER,
    NGINX_VIRTUAL_SERVER,
    NGINX_VIRTUAL_SERVER_ROUTE,
    SKIPPER_ROUTE_GROUP,
    TRAEFIK_SERVICES,
)
from gdcc_audit.models.resource import Resource

#: ``(namespace, Service name, port)``: the port a Service port's number or name.
Backend = tuple[str, str, int | str | None]
#: ``(transport, port)`` an entry point is reached on; a port None is any port (it is set
#: where the manifests do not show it: a listener of the proxy's own configuration).
EntryPort = tuple[str, int | None]


def _map(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _port(value: Any) -> int | str | None:
    return value if isinstance(value, int | str) and not isinstance(value, bool) else None


def _spec(resource: Resource) -> Mapping[str, Any]:
    return _map(resource.attributes.get("spec"))


# -- Contour HTTPProxy -------------------------------------------------------------------


def contour_root(resource: Resource) -> bool:
    """A root HTTPProxy: one with a ``virtualhost`` ("Root HTTPProxies ... must have a
    virtualhost"; the others are reached only through a root's ``includes``)."""
    return bool(_map(resource.attributes.get("spec")).get("virtualhost"))


def _contour(resource: Resource) -> tuple[list[EntryPort], list[Backend]]:
    spec = _spec(resource)
    tls = bool(_map(_map(spec.get("virtualhost")).get("tls")))
    ports: list[EntryPort] = [("tcp", 443)] if tls else []
    if resource.facets.encrypted_in_transit is not True:  # HTTP is not only redirected
        ports.append(("tcp", 80))
    where = namespace(resource)
    backends: list[Backend] = []
    # a Contour Service reference is in the proxy's namespace (no namespace field)
    for route in map(_map, _list(spec.get("routes"))):
        for service in map(_map, _list(route.get("services"))):
            if isinstance(service.get("name"), str):
                backends.append((where, service["name"], _port(service.get("port"))))
    for service in map(_map, _list(_map(spec.get("tcpproxy")).get("services"))):
        if isinstance(service.get("name"), str):
            backends.append((where, service["name"], _port(service.get("port"))))
    return ports, backends


def _contour_children(resource: Resource) -> list[tuple[str, str]]:
    spec = _spec(resource)
    tcp = _map(spec.get("tcpproxy"))
    refs = [*_list(spec.get("includes")), tcp.get("include"), tcp.get("includes")]
    return [
        (str(ref.get("namespace") or namespace(resource)), ref["name"])
        for ref in map(_map, refs) if isinstance(ref.get("name"), str)
    ]


# -- Kong TCPIngress / UDPIngress --------------------------------------------------------


def _kong(resource: Resource) -> tuple[list[EntryPort], list[Backend]]:
    transport = "udp" if object_kind(resource).startswith("UDP") else "tcp"
    ports: list[EntryPort] = []
    backends: list[Backend] = []
    for rule in map(_map, _list(_spec(resource).get("rules"))):
        number = rule.get("port")
        ports.append((transport, number if isinstance(number, int) else None))
        backend = _map(rule.get("backend"))
        if isinstance(backend.get("serviceName"), str):
            backends.append((namespace(resource), backend["serviceName"],
                             _port(backend.get("servicePort"))))
    return ports, backends


# -- Emissary Mapping / TCPMapping -------------------------------------------------------

#: The ports Emissary's Service publishes (its Helm chart and YAML install: 80 and 443).
EMISSARY_PORTS: list[EntryPort] = [("tcp", 80), ("tcp", 443)]


def emissary_service(resource: Resource) -> Backend | None:
    """The Service of a Mapping's ``service`` (``[scheme://]name[.namespace][:port]``): a
    name without a namespace is in the Mapping's namespace (Emissary's Kubernetes resolver,
    unless the ambassador Module sets ``use_ambassador_namespace_for_service_resolution``),
    a port not written 443 when Emissary originates TLS (``https://`` or ``tls``), else 80
    (Emissary, Mapping ``service``)."""
    spec = _spec(resource)
    text = spec.get("service")
    if not isinstance(text, str) or not text:
        return None
    scheme, _, rest = text.rpartition("://")
    host, _, port = rest.partition("/")[0].partition(":")
    parts = host.split(".")
    tls = scheme == "https" or bool(spec.get("tls"))
    number = int(port) if port.isdigit() else (443 if tls else 80)
    return (parts[1] if len(parts) > 1 else namespace(resource)), parts[0], number


def _emissary(resource: Resource) -> tuple[list[EntryPort], list[Backend]]:
    found = emissary_service(resource)
    backends = [found] if found else []
    if object_kind(resource) == EMISSARY_TCP_MAPPING:
        number = _spec(resource).get("port")
        return [("tcp", number if isinstance(number, int) else None)], backends
    return list(EMISSARY_PORTS), backends


# -- NGINX VirtualServer / VirtualServerRoute / TransportServer --------------------------


def _passes(value: Any) -> Iterator[str]:
    """The upstream names an NGINX route's actions use, at any depth (``action.pass``,
    ``action.proxy.upstream``; in ``splits``, ``matches`` ...)."""
    if isinstance(value, Mapping):
        for key, item in value.items():
            if key == "pass" and isinstance(item, str):
                yield item
            elif key == "proxy" and isinstance(_map(item).get("upstream"), str):
                yield item["upstream"]
            else:
                yield from _passes(item)
    elif isinstance(value, list):
        for item in value:
            yield from _passes(item)


def _upstreams(resource: Resource, used: set[str]) -> list[Backend]:
    return [
        (namespace(resource), up["service"], _port(up.get("port")))
        for up in map(_map, _list(_spec(resource).get("upstreams")))
        if isinstance(up.get("service"), str) and isinstance(up.get("name"), str)
        and up["name"] in used
    ]


#: A GlobalConfiguration listener: its protocol (``HTTP``, ``TCP``, ``UDP``), port and ``ssl``.
NginxListener = tuple[str, int, bool]


def nginx_listeners(configs: Iterable[Resource]) -> dict[str, list[NginxListener]] | None:
    """The listeners of the NGINX GlobalConfigurations of the scan by name; None when the
    scan holds none (a custom listener's port is then not known)."""
    found: dict[str, list[NginxListener]] = {}
    held = False
    for config in configs:
        if object_kind(config) != NGINX_GLOBAL_CONFIGURATION:
            continue
        held = True
        for item in map(_map, _list(_spec(config).get("listeners"))):
            port, listener = item.get("port"), item.get("name")
            if isinstance(port, int) and not isinstance(port, bool) and isinstance(listener, str):
                found.setdefault(listener, []).append(
                    (str(item.get("protocol") or "").upper(), port, item.get("ssl") is True))
    return found if held else None


def _custom_ports(spec: Mapping[str, Any],
                  listeners: dict[str, list[NginxListener]] | None) -> list[EntryPort]:
    """The ports of a VirtualServer's custom ``listener``: the GlobalConfiguration's HTTP
    listener it names as ``http`` (``ssl`` false) and, with a TLS secret, the one it names as
    ``https`` (``ssl`` true); a name of no such listener opens nothing
    (``buildListenersForVSConfiguration``). Any port when the scan holds no
    GlobalConfiguration."""
    if listeners is None:
        return [("tcp", None)]
    custom = _map(spec.get("listener"))
    wanted = [(custom.get("http"), False)]
    if _map(spec.get("tls")).get("secret"):
        wanted.append((custom.get("https"), True))
    return [("tcp", port) for named, ssl in wanted if isinstance(named, str)
            for protocol, port, secure in listeners.get(named, ())
            if protocol == "HTTP" and secure == ssl]


def _nginx(resource: Resource, listeners: dict[str, list[NginxListener]] | None = None
           ) -> tuple[list[EntryPort], list[Backend]]:
    spec = _spec(resource)
    if object_kind(resource) == NGINX_TRANSPORT_SERVER:
        listener = _map(spec.get("listener"))
        transport = "udp" if str(listener.get("protocol") or "").upper() == "UDP" else "tcp"
        # the built-in tls-passthrough listener is the HTTPS port; the others are defined
        # in the controller's GlobalConfiguration (any port when the scan does not hold it)
        named = listener.get("name")
        ports: list[EntryPort] = [(transport, 443 if named == "tls-passthrough" else None)]
        if named != "tls-passthrough" and isinstance(named, str) and listeners:
            ports = [(transport, port) for protocol, port, _ in listeners.get(named, ())
                     if protocol.lower() == transport] or ports
        return ports, _upstreams(resource, set(_passes(spec.get("action"))))
    section = "subroutes" if object_kind(resource) == NGINX_VIRTUAL_SERVER_ROUTE else "routes"
    backends = _upstreams(resource, set(_passes(spec.get(section))))
    if object_kind(resource) == NGINX_VIRTUAL_SERVER_ROUTE:
        return [], backends
    if spec.get("listener"):  # custom listeners of the GlobalConfiguration
        return _custom_ports(spec, listeners), backends
    ports = [("tcp", 443)] if _map(spec.get("tls")).get("secret") else []
    if resource.facets.encrypted_in_transit is not True:  # HTTP is not only redirected
        ports.append(("tcp", 80))
    return ports, backends


def _nginx_children(resource: Resource) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    for route in map(_map, _list(_spec(resource).get("routes"))):
        ref = route.get("route")
        if isinstance(ref, str) and ref:
            where, _, name = ref.rpartition("/")
            found.append((where or namespace(resource), name))
    return found


def nginx_route_selectors(resource: Resource) -> list[Mapping[str, Any]]:
    """The label selectors of a VirtualServer's ``routes[].routeSelector``: the
    VirtualServerRoutes they select are its routes too."""
    return [
        _map(_map(route).get("routeSelector"))
        for route in _list(_spec(resource).get("routes"))
        if _map(route).get("routeSelector")
    ]


# -- APISIX ApisixRoute, AWS TargetGroupBinding ------------------------------------------

#: The ports APISIX's gateway Service publishes (its Helm chart: 80 and 443).
APISIX_PORTS: list[EntryPort] = [("tcp", 80), ("tcp", 443)]


def _apisix(resource: Resource) -> tuple[list[EntryPort], list[Backend]]:
    spec = _spec(resource)
    ports: list[EntryPort] = list(APISIX_PORTS) if _list(spec.get("http")) else []
    refs: list[Mapping[str, Any]] = []
    for rule in map(_map, _list(spec.get("http"))):
        refs += [_map(b) for b in _list(rule.get("backends"))] + [_map(rule.get("backend"))]
    for rule in map(_map, _list(spec.get("stream"))):
        number = _map(rule.get("match")).get("ingressPort")
        transport = "udp" if str(rule.get("protocol") or "").upper() == "UDP" else "tcp"
        ports.append((transport, number if isinstance(number, int) else None))
        refs.append(_map(rule.get("backend")))
    return ports, [
        (namespace(resource), ref["serviceName"], _port(ref.get("servicePort")))
        for ref in refs if isinstance(ref.get("serviceName"), str)
    ]


def _target_group(resource: Resource) -> tuple[list[EntryPort], list[Backend]]:
    ref = _map(_spec(resource).get("serviceRef"))
    if not isinstance(ref.get("name"), str):
        return [("tcp", None)], []
    return [("tcp", None)], [(namespace(resource), ref["name"], _port(ref.get("port")))]


def published(resource: Resource) -> bool:
    """Whether the object is surely reached from the internet: not a TargetGroupBinding,
    whose load balancer (and listeners, and scheme: it may be internal) is made outside the
    manifests: an uncertain path, never none."""
    return object_kind(resource) != AWS_TARGET_GROUP_BINDING


# -- Gloo Edge VirtualService / RouteTable / Upstream ------------------------------------


def _gloo_routes(resource: Resource) -> list[Mapping[str, Any]]:
    spec = _spec(resource)
    if object_kind(resource) == GLOO_VIRTUAL_SERVICE:
        spec = _map(spec.get("virtualHost"))
    return [_map(r) for r in _list(spec.get("routes"))]


def _gloo_destinations(resource: Resource) -> Iterator[Mapping[str, Any]]:
    for route in _gloo_routes(resource):
        action = _map(route.get("routeAction"))
        yield _map(action.get("single"))
        for item in map(_map, _list(_map(action.get("multi")).get("destinations"))):
            yield _map(item.get("destination"))


def _gloo(resource: Resource) -> tuple[list[EntryPort], list[Backend]]:
    spec = _spec(resource)
    kind = object_kind(resource)
    if kind == GLOO_UPSTREAM:
        kube = _map(spec.get("kube"))
        if not isinstance(kube.get("serviceName"), str):
            return [], []
        where = kube.get("serviceNamespace")
        return [], [(where if isinstance(where, str) else namespace(resource),
                     kube["serviceName"], _port(kube.get("servicePort")))]
    backends: list[Backend] = []
    for destination in _gloo_destinations(resource):
        kube = _map(destination.get("kube"))
        ref = _map(kube.get("ref"))
        if isinstance(ref.get("name"), str):
            where = ref.get("namespace")
            backends.append((where if isinstance(where, str) else namespace(resource),
                             ref["name"], _port(kube.get("port"))))
    if kind == GLOO_ROUTE_TABLE:
        return [], backends
    # the gateway proxy's Service: 80 for the HTTP gateway, 443 for the HTTPS one
    return [("tcp", 443 if spec.get("sslConfig") else 80)], backends


def _gloo_children(resource: Resource) -> list[tuple[str, str, str]]:
    found: list[tuple[str, str, str]] = []
    for destination in _gloo_destinations(resource):
        ref = _map(destination.get("upstream"))
        if isinstance(ref.get("name"), str):
            where = ref.get("namespace")
            found.append((GLOO_UPSTREAM, where if isinstance(where, str)
                          else namespace(resource), ref["name"]))
    for route in _gloo_routes(resource):
        action = _map(route.get("delegateAction"))
        ref = _map(action.get("ref")) or action  # the older form names the table itself
        if isinstance(ref.get("name"), str):
            where = ref.get("namespace")
            found.append((GLOO_ROUTE_TABLE, where if isinstance(where, str)
                          else namespace(resource), ref["name"]))
    return found


#: Gloo's RouteTableSelector operators as a Kubernetes label selector's (``gt`` / ``lt``
#: have none: such a selector is not followed).
_GLOO_OPERATORS = {"in": "In", "notin": "NotIn", "=": "In", "==": "In", "!=": "NotIn",
                   "exists": "Exists", "!": "DoesNotExist"}


def gloo_selectors(resource: Resource) -> list[tuple[dict[str, Any], list[str]]]:
    """``(label selector, namespaces)`` of each route's ``delegateAction.selector``: the
    RouteTables whose labels match (``labels``, ``expressions``) in those ``namespaces``
    (the owner's when none, every one for ``*``: Gloo, RouteTableSelector). A selector with
    an operator that is not a Kubernetes one (``gt``, ``lt``) is left out (its tables stay
    reached uncertainly)."""
    found: list[tuple[dict[str, Any], list[str]]] = []
    for route in _gloo_routes(resource):
        action = _map(route.get("delegateAction"))
        chosen = _map(action.get("selector"))
        if not chosen or action.get("name") or action.get("namespace"):
            continue  # the older inline name / namespace win over a selector
        expressions = []
        for item in map(_map, _list(chosen.get("expressions"))):
            operator = _GLOO_OPERATORS.get(str(item.get("operator") or "").lower())
            if operator is None:
                break
            expressions.append({"key": item.get("key"), "operator": operator,
                                "values": _list(item.get("values"))})
        else:
            spaces = [str(n) for n in _list(chosen.get("namespaces"))] or [namespace(resource)]
            found.append(({"matchLabels": dict(_map(chosen.get("labels"))),
                           "matchExpressions": expressions}, spaces))
    return found


def discovered_upstream(name: str, port: int, service: tuple[str, str]) -> bool:
    """Whether ``name`` is the Upstream Gloo's discovery creates for a Service port:
    ``<namespace>-<service>-<port>`` (Gloo Edge, Upstream discovery)."""
    return name == f"{service[0]}-{service[1]}-{port}"


def delegate(resource: Resource) -> bool:
    """Whether the object is a route a root delegates to (reached uncertainly when no root of
    the scan names it); a Gloo Upstream and a TraefikService are backends, reached only
    when a route uses them."""
    return object_kind(resource) != GLOO_UPSTREAM and object_kind(resource) not in TRAEFIK_SERVICES


# -- Skipper RouteGroup, GKE MultiClusterIngress, Knative DomainMapping -------------------

#: The ports an HTTP proxy's load balancer listens on: 80 and 443 (Skipper behind its cloud
#: load balancer, "1.2.3.4:80" and "1.2.3.4:443", Skipper, Ingress Controller deployment).
HTTP_PORTS: list[EntryPort] = [("tcp", 80), ("tcp", 443)]


def _skipper(resource: Resource) -> tuple[list[EntryPort], list[Backend]]:
    """A RouteGroup's ``type: service`` backends that its routes or ``defaultBackends``
    name (``backendName``): a backend no route uses receives nothing."""
    spec = _spec(resource)
    refs = [*_list(spec.get("defaultBackends"))]
    for route in map(_map, _list(spec.get("routes"))):
        refs += _list(route.get("backends"))
    used = {_map(ref).get("backendName") for ref in refs}
    backends: list[Backend] = [
        (namespace(resource), item["serviceName"], _port(item.get("servicePort")))
        for item in map(_map, _list(spec.get("backends")))
        if item.get("type") == "service" and isinstance(item.get("serviceName"), str)
        and item.get("name") in used
    ]
    return list(HTTP_PORTS), backends


def _tls_ports(resource: Resource, https: bool) -> list[EntryPort]:
    """443 when the entry point has HTTPS, and 80 unless it surely only redirects it."""
    ports: list[EntryPort] = [("tcp", 443)] if https else []
    if resource.facets.encrypted_in_transit is not True:
        ports.append(("tcp", 80))
    return ports


def _multi_cluster(resource: Resource) -> tuple[list[EntryPort], list[Backend]]:
    """A MultiClusterIngress: the backends of its Ingress ``template`` (MultiClusterServices
    of its namespace), on 443 with HTTPS and on 80."""
    template = _map(_map(_spec(resource).get("template")).get("spec"))
    annotations = _map(_map(resource.attributes.get("metadata")).get("annotations"))
    https = bool(_list(template.get("tls"))) or bool(
        annotations.get("networking.gke.io/pre-shared-certs"))
    return _tls_ports(resource, https), [
        (namespace(resource), name, port) for name, port in ingress_spec_backends(template)
    ]


def _domain_ref(resource: Resource) -> tuple[str, str, str] | None:
    """``(api group, namespace, name)`` of a DomainMapping's ``ref`` (its namespace when
    none is written); None without a name."""
    ref = _map(_spec(resource).get("ref"))
    if not isinstance(ref.get("name"), str):
        return None
    api = str(ref.get("apiVersion") or "")
    group = api.rsplit("/", 1)[0] if "/" in api else ""
    where = ref.get("namespace")
    return group, where if isinstance(where, str) and where else namespace(resource), ref["name"]


def _domain_mapping(resource: Resource) -> tuple[list[EntryPort], list[Backend]]:
    """A DomainMapping: 443 with ``tls`` and 80; a Kubernetes Service ``ref`` on its URL's
    port (80); a Knative Service ``ref`` is a workload (:func:`knative_targets`)."""
    ports = _tls_ports(resource, bool(_map(_spec(resource).get("tls")).get("secretName")))
    ref = _domain_ref(resource)
    kind = _map(_spec(resource).get("ref")).get("kind")
    if ref is None or ref[0] != "" or kind != "Service":
        return ports, []
    return ports, [(ref[1], ref[2], 80)]


def knative_targets(resource: Resource) -> list[tuple[str, str]]:
    """``(namespace, name)`` of the Knative Service a DomainMapping serves (``ref`` of kind
    ``Service`` in ``serving.knative.dev``)."""
    if object_kind(resource) != KNATIVE_DOMAIN_MAPPING:
        return []
    ref = _domain_ref(resource)
    kind = _map(_spec(resource).get("ref")).get("kind", "Service")
    if ref is None or ref[0] != KNATIVE_SERVING or kind != "Service":
        return []
    return [(ref[1], ref[2])]


# -- Traefik TraefikService ---------------------------------------------------------------


def _traefik_refs(resource: Resource) -> list[Mapping[str, Any]]:
    """The services a TraefikService balances (``weighted.services``) or mirrors
    (``mirroring`` and its ``mirrors``)."""
    spec = _spec(resource)
    mirroring = _map(spec.get("mirroring"))
    return [
        *map(_map, _list(_map(spec.get("weighted")).get("services"))),
        mirroring, *map(_map, _list(mirroring.get("mirrors"))),
    ]


def traefik_service_refs(
    refs: list[Mapping[str, Any]], where: str
) -> tuple[list[Backend], list[tuple[str, str]]]:
    """Of Traefik service references (an IngressRoute's ``routes[].services``, a
    TraefikService's): the Services (``kind: Service``, the default) and the ``(namespace,
    name)`` of the TraefikServices."""
    backends: list[Backend] = []
    named: list[tuple[str, str]] = []
    for ref in refs:
        name, kind = ref.get("name"), ref.get("kind", "Service")
        if not isinstance(name, str):
            continue
        place = str(ref.get("namespace") or where)
        if kind == "TraefikService":
            named.append((place, name))
        elif kind == "Service":
            backends.append((place, name, _port(ref.get("port"))))
    return backends, named


def traefik_route_refs(resource: Resource) -> tuple[list[Backend], list[tuple[str, str]]]:
    """The Services and TraefikServices a Traefik IngressRoute (``TCP`` / ``UDP``) sends to:
    each ``routes[].services`` entry, in the route's namespace when it names none."""
    refs = [
        _map(service)
        for route in map(_map, _list(_spec(resource).get("routes")))
        for service in _list(route.get("services"))
    ]
    return traefik_service_refs(refs, namespace(resource))


def _traefik_service(resource: Resource) -> tuple[list[EntryPort], list[Backend]]:
    return [], traefik_service_refs(_traefik_refs(resource), namespace(resource))[0]


# -- all of them --------------------------------------------------------------------------


def routing(resource: Resource, nginx: dict[str, list[NginxListener]] | None = None
            ) -> tuple[list[EntryPort], list[Backend]]:
    """The ports the proxy object is reached on (none for a delegate) and the Service ports
    it sends to; ``nginx``: the listeners of the scan's NGINX GlobalConfigurations
    (:func:`nginx_listeners`)."""
    kind = object_kind(resource)
    if kind == CONTOUR_HTTPPROXY:
        ports, backends = _contour(resource)
        return (ports if contour_root(resource) else []), backends
    if kind in KONG_STREAMS:
        return _kong(resource)
    if kind in (EMISSARY_MAPPING, EMISSARY_TCP_MAPPING):
        return _emissary(resource)
    if kind == APISIX_ROUTE:
        return _apisix(resource)
    if kind == AWS_TARGET_GROUP_BINDING:
        return _target_group(resource)
    if kind in (GLOO_VIRTUAL_SERVICE, GLOO_ROUTE_TABLE, GLOO_UPSTREAM):
        return _gloo(resource)
    if kind == SKIPPER_ROUTE_GROUP:
        return _skipper(resource)
    if kind == GKE_MULTI_CLUSTER_INGRESS:
        return _multi_cluster(resource)
    if kind == KNATIVE_DOMAIN_MAPPING:
        return _domain_mapping(resource)
    if kind in TRAEFIK_SERVICES:
        return _traefik_service(resource)
    return _nginx(resource, nginx)


def children(resource: Resource) -> list[tuple[str, str, str]]:
    """``(kind, namespace, name)`` of each object the proxy object delegates to by name: an
    HTTPProxy's ``includes`` (and ``tcpproxy.include``), a VirtualServer's ``routes[].route``."""
    kind = object_kind(resource)
    if kind == CONTOUR_HTTPPROXY:
        return [(kind, where, name) for where, name in _contour_children(resource)]
    if kind == NGINX_VIRTUAL_SERVER:
        return [(NGINX_VIRTUAL_SERVER_ROUTE, where, name)
                for where, name in _nginx_children(resource)]
    if kind in (GLOO_VIRTUAL_SERVICE, GLOO_ROUTE_TABLE):
        return _gloo_children(resource)
    if kind in TRAEFIK_SERVICES:
        named = traefik_service_refs(_traefik_refs(resource), namespace(resource))[1]
        return [(kind, where, name) for where, name in named]
    return []


def label(resource: Resource) -> str:
    """How the path names the proxy an entry point is published on."""
    kind = object_kind(resource)
    if kind == CONTOUR_HTTPPROXY:
        return "Contour Envoy"
    if kind in KONG_STREAMS:
        return "Kong proxy stream listener"
    if kind in (EMISSARY_MAPPING, EMISSARY_TCP_MAPPING):
        return "Emissary-ingress"
    if kind == NGINX_TRANSPORT_SERVER:
        return "NGINX Ingress Controller listener"
    if kind == APISIX_ROUTE:
        return "APISIX gateway"
    if kind == AWS_TARGET_GROUP_BINDING:
        return "target group of a load balancer outside the manifests (it may be internal)"
    if kind == GLOO_VIRTUAL_SERVICE:
        return "Gloo gateway proxy"
    if kind == SKIPPER_ROUTE_GROUP:
        return "Skipper ingress"
    if kind == GKE_MULTI_CLUSTER_INGRESS:
        return "Multi Cluster Ingress external load balancer"
    if kind == KNATIVE_DOMAIN_MAPPING:
        return "Knative external gateway (domain mapping)"
    return "NGINX Ingress Controller"
