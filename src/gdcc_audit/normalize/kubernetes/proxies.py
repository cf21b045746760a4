"""Facets of the ingress proxies' own routing kinds (Contour ``HTTPProxy``, Kong
``TCPIngress`` / ``UDPIngress``, Emissary ``Mapping`` / ``TCPMapping``, NGINX
``VirtualServer`` / ``VirtualServerRoute`` / ``TransportServer``): whether the entry point
encrypts in transit, and which of them are routes a root delegates to rather than entry
points."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

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
    KONG_STREAMS,
    NGINX_TRANSPORT_SERVER,
    NGINX_VIRTUAL_SERVER,
    NGINX_VIRTUAL_SERVER_ROUTE,
    SKIPPER_ROUTE_GROUP,
    TRAEFIK_SERVICES,
)


def _map(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def proxy_kind(kind: str, obj: Mapping[str, Any]) -> str:
    """``k8s.route`` for an object only a root reaches (an HTTPProxy without a
    ``virtualhost``, "included" by a root: Contour, Inclusion and Delegation; a
    VirtualServerRoute; a TraefikService, which an IngressRoute names), ``k8s.ingress`` for
    the entry points."""
    if kind in (NGINX_VIRTUAL_SERVER_ROUTE, GLOO_ROUTE_TABLE, GLOO_UPSTREAM, *TRAEFIK_SERVICES):
        return "k8s.route"
    if kind == CONTOUR_HTTPPROXY and not _map(obj.get("spec")).get("virtualhost"):
        return "k8s.route"
    return "k8s.ingress"


def _contour(spec: Mapping[str, Any]) -> bool:
    """A root HTTPProxy whose ``virtualhost.tls`` gives a certificate or TLS passthrough and
    none of whose routes is ``permitInsecure``: Contour answers plain HTTP with a redirect to
    HTTPS then ("permitInsecure ... allows HTTP traffic" on that route, Contour, TLS
    Termination)."""
    tls = _map(_map(spec.get("virtualhost")).get("tls"))
    insecure = any(_map(r).get("permitInsecure") is True for r in _list(spec.get("routes")))
    return bool(tls) and not insecure


def _nginx(spec: Mapping[str, Any]) -> bool:
    """A VirtualServer with a TLS ``secret`` that redirects plain HTTP
    (``tls.redirect.enable``; without it the host is served over HTTP too), or one whose
    custom ``listener`` names no ``http`` listener: NGINX then listens on the named ones only
    (``https``; F5 NGINX Ingress Controller, VirtualServer ``listener``; its template's
    ``buildCustomListenerDirectives`` writes no plain ``listen`` without an HTTP port)."""
    tls = _map(spec.get("tls"))
    listener = spec.get("listener")
    if isinstance(listener, Mapping) and listener and not listener.get("http"):
        return True
    return bool(tls.get("secret")) and _map(tls.get("redirect")).get("enable") is True


def _kong(kind: str, spec: Mapping[str, Any]) -> bool:
    """A TCPIngress every rule of which names a ``host``: Kong routes it by SNI, so the
    stream is TLS ("If a Host is specified, the protocol must be TLS over TCP", TCPIngress
    reference); a UDPIngress carries plain UDP."""
    rules = [_map(r) for r in _list(spec.get("rules"))]
    return not kind.startswith("UDP") and bool(rules) and all(r.get("host") for r in rules)


#: Annotations of a GKE MultiClusterIngress: its pre-shared certificates (HTTPS) and the
#: FrontendConfig that may redirect HTTP to HTTPS (``redirectToHttps``); without one the
#: load balancer serves HTTP too (GKE, Multi Cluster Ingress, HTTPS support).
_MCI_CERTS = "networking.gke.io/pre-shared-certs"
_MCI_FRONTEND = "networking.gke.io/frontend-config"
#: Knative's HTTP option: ``redirected`` answers plain HTTP with a redirect; the default,
#: ``enabled``, serves it (Knative, Configuring HTTP, "Default: enabled").
_KNATIVE_HTTP = "networking.knative.dev/http-protocol"


def _annotations(obj: Mapping[str, Any]) -> Mapping[str, Any]:
    return _map(_map(obj.get("metadata")).get("annotations"))


def _multi_cluster(obj: Mapping[str, Any]) -> bool | None:
    """A MultiClusterIngress encrypts when it has HTTPS (a ``tls`` secret or pre-shared
    certificates) and its FrontendConfig may redirect HTTP (not known: None); without a
    FrontendConfig HTTP is served too."""
    annotations = _annotations(obj)
    spec = _map(_map(_map(obj.get("spec")).get("template")).get("spec"))
    https = bool(_list(spec.get("tls"))) or bool(annotations.get(_MCI_CERTS))
    if not https:
        return False
    return None if annotations.get(_MCI_FRONTEND) else False


def _domain_mapping(obj: Mapping[str, Any]) -> bool:
    """A DomainMapping with a ``tls.secretName`` ("the protocol is switched from HTTP to
    HTTPS") that redirects plain HTTP (``http-protocol: redirected``)."""
    tls = _map(_map(obj.get("spec")).get("tls"))
    redirected = str(_annotations(obj).get(_KNATIVE_HTTP) or "").lower() == "redirected"
    return bool(tls.get("secretName")) and redirected


def proxy_facets(kind: str, obj: Mapping[str, Any]) -> dict[str, Any]:
    """``encrypted_in_transit`` of an entry point; not set (not known) for an Emissary
    Mapping, whose TLS the Hosts (and a fallback certificate) of the installation decide, an
    ApisixRoute (its ApisixTls objects), a TargetGroupBinding (its load balancer's
    listeners), a Skipper RouteGroup (its load balancer's listeners and Skipper's global
    HTTPS redirect), and a delegate, whose root decides it."""
    spec = _map(obj.get("spec"))
    unknown = (EMISSARY_MAPPING, EMISSARY_TCP_MAPPING, APISIX_ROUTE, AWS_TARGET_GROUP_BINDING,
               SKIPPER_ROUTE_GROUP)
    if proxy_kind(kind, obj) == "k8s.route" or kind in unknown:
        return {}
    if kind == CONTOUR_HTTPPROXY:
        return {"encrypted_in_transit": _contour(spec)}
    if kind == NGINX_VIRTUAL_SERVER:
        return {"encrypted_in_transit": _nginx(spec)}
    if kind == GLOO_VIRTUAL_SERVICE:
        # with sslConfig it is served by the HTTPS gateway only
        return {"encrypted_in_transit": bool(spec.get("sslConfig"))}
    if kind == NGINX_TRANSPORT_SERVER:
        # TLS passed through to the Service, or terminated with the TLS secret
        listener = _map(spec.get("listener"))
        return {"encrypted_in_transit": listener.get("name") == "tls-passthrough"
                or bool(_map(spec.get("tls")).get("secret"))}
    if kind in KONG_STREAMS:
        return {"encrypted_in_transit": _kong(kind, spec)}
    if kind == GKE_MULTI_CLUSTER_INGRESS:
        found = _multi_cluster(obj)
        return {} if found is None else {"encrypted_in_transit": found}
    if kind == KNATIVE_DOMAIN_MAPPING:
        return {"encrypted_in_transit": _domain_mapping(obj)}
    return {}


#: An ingress-nginx TCP / UDP services entry: ``<namespace>/<service>:<port>[:PROXY][:PROXY]``
#: under the external port ("the key is the external port to use and the value indicates the
#: service to expose", ingress-nginx, Exposing TCP and UDP services).
_STREAM = re.compile(
    r"^([a-z0-9][-a-z0-9]*)/([a-z0-9][-a-z0-9.]*):([A-Za-z0-9-]+)(:(PROXY)?)?(:(PROXY)?)?$"
)


#: The attribute of a ConfigMap that holds its ingress-nginx TCP / UDP services.
STREAMS = "ingress_nginx_streams"


def ingress_nginx_streams(obj: Mapping[str, Any]) -> list[list[Any]]:
    """``[external port, namespace, Service, Service port]`` of each entry of a ConfigMap
    whose every ``data`` entry is an ingress-nginx TCP / UDP service (a port number key, a
    ``namespace/service:port`` value); none for any other ConfigMap."""
    found: list[list[Any]] = []
    for key, value in _map(obj.get("data")).items():
        matched = _STREAM.match(value) if isinstance(value, str) else None
        if not str(key).isdigit() or matched is None:
            return []
        port = matched[3]
        found.append([int(str(key)), matched[1], matched[2], int(port) if port.isdigit()
                      else port])
    return found
