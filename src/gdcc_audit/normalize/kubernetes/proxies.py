"""Facets of the ingress proxies' own routing kinds (Contour ``HTTPProxy``, Kong
``TCPIngress`` / ``UDPIngress``, Emissary ``Mapping`` / ``TCPMapping``, NGINX
``VirtualServer`` / ``VirtualServerRoute`` / ``TransportServer``): whether the entry point
encrypts in transit, and which of them are routes a root delegates to rather than entry
points."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from gdcc_audit.load.kubernetes import (
    APISIX_ROUTE,
    AWS_TARGET_GROUP_BINDING,
    CONTOUR_HTTPPROXY,
    EMISSARY_MAPPING,
    EMISSARY_TCP_MAPPING,
    GLOO_ROUTE_TABLE,
    GLOO_UPSTREAM,
    GLOO_VIRTUAL_SERVICE,
    KONG_STREAMS,
    NGINX_TRANSPORT_SERVER,
    NGINX_VIRTUAL_SERVER,
    NGINX_VIRTUAL_SERVER_ROUTE,
)


def _map(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def proxy_kind(kind: str, obj: Mapping[str, Any]) -> str:
    """``k8s.route`` for an object only a root reaches (an HTTPProxy without a
    ``virtualhost``, "included" by a root: Contour, Inclusion and Delegation; a
    VirtualServerRoute), ``k8s.ingress`` for the entry points."""
    if kind in (NGINX_VIRTUAL_SERVER_ROUTE, GLOO_ROUTE_TABLE, GLOO_UPSTREAM):
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
    (``tls.redirect.enable``; without it the host is served over HTTP too)."""
    tls = _map(spec.get("tls"))
    return bool(tls.get("secret")) and _map(tls.get("redirect")).get("enable") is True


def _kong(kind: str, spec: Mapping[str, Any]) -> bool:
    """A TCPIngress every rule of which names a ``host``: Kong routes it by SNI, so the
    stream is TLS ("If a Host is specified, the protocol must be TLS over TCP", TCPIngress
    reference); a UDPIngress carries plain UDP."""
    rules = [_map(r) for r in _list(spec.get("rules"))]
    return not kind.startswith("UDP") and bool(rules) and all(r.get("host") for r in rules)


def proxy_facets(kind: str, obj: Mapping[str, Any]) -> dict[str, Any]:
    """``encrypted_in_transit`` of an entry point; not set (not known) for an Emissary
    Mapping, whose TLS the Hosts (and a fallback certificate) of the installation decide, an
    ApisixRoute (its ApisixTls objects), a TargetGroupBinding (its load balancer's
    listeners), and a delegate, whose root decides it."""
    spec = _map(obj.get("spec"))
    unknown = (EMISSARY_MAPPING, EMISSARY_TCP_MAPPING, APISIX_ROUTE, AWS_TARGET_GROUP_BINDING)
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
    return {}
