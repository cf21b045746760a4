"""The TLS of a Kubernetes entry point that other objects of the scan decide (the mapper leaves
``encrypted_in_transit`` unset on it: not known from the object alone):

- a GKE Ingress or MultiClusterIngress with HTTPS that names a ``FrontendConfig``: HTTP is
  redirected when the FrontendConfig of that name in its namespace has
  ``redirectToHttps.enabled: true``; otherwise the load balancer serves HTTP too (GKE,
  Ingress configuration, "HTTP to HTTPS redirects");
- an Emissary ``Mapping``: the ``Host`` it is associated with decides. A Host whose
  ``requestPolicy.insecure.action`` is ``Route`` serves plain HTTP to its Mappings, one
  without a certificate (no ``tlsSecret``, ACME ``authority: none``) serves HTTP only; one
  with a certificate redirects (the default action, ``Redirect``) or rejects it (Emissary,
  Host CRD, "Secure and insecure requests"). A Mapping is associated with a Host when both
  have the same ``ambassador_id`` and the Host's ``mappingSelector`` (v2 ``selector``)
  labels are the Mapping's, and its ``hostname`` (v2 ``host``) is the Host's, or ``*`` (or
  not written: every Host). HTTP is known to be served when an associated Host routes it;
  known to be refused only when the Mapping names a hostname (no glob) and every Host of the scan of
  exactly that hostname (Envoy picks the exact virtual host before a wildcard one)
  redirects or rejects it. Anything else stays not known: Hosts outside the scan, a
  wildcard Host, a ``host_regex``, match expressions. Nor is HTTP known to be refused when
  an Emissary ``Listener`` of the scan takes plain HTTP as secure (``securityModel: SECURE``
  on a protocol without TLS: behind a load balancer that terminates TLS, its requests are
  never redirected; Emissary, Listener CRD, securityModel).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from gdcc_audit.graph.kube import name, namespace, object_kind, object_labels
from gdcc_audit.load.kube_kinds import (
    EMISSARY_HOST,
    EMISSARY_LISTENER,
    EMISSARY_MAPPING,
    GKE_FRONTEND_CONFIG,
    GKE_MULTI_CLUSTER_INGRESS,
)
from gdcc_audit.models.resource import Resource
from gdcc_audit.normalize.kubernetes.ingress_redirects import GCE_FRONTEND

#: A MultiClusterIngress's FrontendConfig annotation (Multi Cluster Ingress, HTTPS support).
_MCI_FRONTEND = "networking.gke.io/frontend-config"


def _map(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _spec(resource: Resource) -> Mapping[str, Any]:
    return _map(resource.attributes.get("spec"))


def _annotations(resource: Resource) -> Mapping[str, Any]:
    return _map(_map(resource.attributes.get("metadata")).get("annotations"))


def config_tls(entry: Resource, configs: list[Resource]) -> bool | None:
    """Whether every listener of ``entry`` is TLS as the scan's ``configs`` (Emissary Hosts,
    GKE FrontendConfigs) decide; None when they do not."""
    kind = object_kind(entry)
    if kind == EMISSARY_MAPPING:
        found = _mapping_tls(entry, [c for c in configs if object_kind(c) == EMISSARY_HOST])
        if found and any(_secure_plain_text(c) for c in configs
                         if object_kind(c) == EMISSARY_LISTENER and _ids(c) & _ids(entry)):
            return None
        return found
    key = _MCI_FRONTEND if kind == GKE_MULTI_CLUSTER_INGRESS else GCE_FRONTEND
    named = _annotations(entry).get(key)
    if not isinstance(named, str):
        return None
    redirects = {
        _map(_spec(c).get("redirectToHttps")).get("enabled") is True
        for c in configs
        if object_kind(c) == GKE_FRONTEND_CONFIG and name(c) == named
        and namespace(c) == namespace(entry)
    }
    return redirects.pop() if len(redirects) == 1 else None


def _ids(resource: Resource) -> set[str]:
    found = _spec(resource).get("ambassador_id")
    if isinstance(found, str):
        return {found}
    if isinstance(found, list) and found:
        return {str(f) for f in found}
    return {"default"}


def _selects(host: Resource, mapping: Resource) -> bool | None:
    """Whether the Host's mapping selector picks the Mapping (None: not known)."""
    spec = _spec(host)
    selector = spec.get("mappingSelector", spec.get("selector"))
    if selector is None:
        return True
    selector = _map(selector)
    if selector.get("matchExpressions"):
        return None
    labels = object_labels(mapping)
    return all(labels.get(str(k)) == str(v) for k, v in _map(selector.get("matchLabels")).items())


#: Listener protocols with TLS (Emissary, Listener CRD, protocol / protocolStack).
_TLS_PROTOCOLS = frozenset({"HTTPS", "HTTPSPROXY", "TLS"})


def _secure_plain_text(listener: Resource) -> bool:
    """A Listener that takes every request as secure on a protocol without TLS."""
    spec = _spec(listener)
    stack = spec.get("protocolStack")
    layers = {str(p) for p in stack} if isinstance(stack, list) else {str(spec.get("protocol"))}
    return str(spec.get("securityModel")) == "SECURE" and not layers & _TLS_PROTOCOLS


def _serves_http(host: Resource) -> bool:
    """A Host that routes insecure requests, or has no certificate to serve HTTPS with."""
    spec = _spec(host)
    action = _map(_map(spec.get("requestPolicy")).get("insecure")).get("action")
    authority = _map(spec.get("acmeProvider")).get("authority")
    certificate = bool(spec.get("tlsSecret")) or bool(spec.get("tlsContext")) \
        or bool(spec.get("tls")) or str(authority or "").lower() != "none"
    return str(action) == "Route" or not certificate


def _mapping_tls(mapping: Resource, hosts: list[Resource]) -> bool | None:
    spec = _spec(mapping)
    if spec.get("host_regex") is True:
        return None
    wanted = spec.get("hostname", spec.get("host"))
    wanted = wanted if isinstance(wanted, str) and wanted else "*"
    ids = _ids(mapping)
    associated: list[Resource] = []
    for host in hosts:
        hostname = _spec(host).get("hostname")
        if not isinstance(hostname, str) or not ids & _ids(host):
            continue
        if wanted in ("*", hostname) and _selects(host, mapping) is True:
            associated.append(host)
    if any(_serves_http(h) for h in associated):
        return False
    if "*" in wanted or not associated:
        return None
    exact = [h for h in hosts if _spec(h).get("hostname") == wanted and ids & _ids(h)]
    return True if len(exact) == len(associated) else None


#: The Gateway API's HTTPRoute (v1 group), whose RequestRedirect filter may send every
#: request of a plain HTTP listener to HTTPS.
_HTTP_ROUTE = "HTTPRoute.gateway.networking.k8s.io"


def redirects_to_https(route: Resource) -> bool:
    """An HTTPRoute every rule of which answers with a ``RequestRedirect`` to ``https``
    (Gateway API, HTTPRoute filters: "RequestRedirect defines a schema for a filter that
    responds to the request with an HTTP redirection"; its ``scheme``)."""
    rules = [_map(r) for r in _list(_spec(route).get("rules"))]
    return object_kind(route) == _HTTP_ROUTE and bool(rules) and all(
        any(_map(f).get("type") == "RequestRedirect"
            and str(_map(_map(f).get("requestRedirect")).get("scheme") or "").lower() == "https"
            for f in _list(r.get("filters")))
        for r in rules
    )
