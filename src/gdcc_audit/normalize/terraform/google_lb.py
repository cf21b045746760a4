"""Google Cloud load balancing, for the resource graph (``graph/google_lb.py``).

A forwarding rule is the load balancer's address and ports: it is mapped as an address
(``network.public_ip``) of what it targets, external unless its ``load_balancing_scheme`` is
internal ("Default value is ``EXTERNAL``", registry.terraform.io/providers/hashicorp/google/
latest/docs/resources/compute_forwarding_rule and compute_global_forwarding_rule). What
forwards requests on (URL maps, backend services, target pools, unmanaged instance groups) is
mapped as ``network.target_group``: no rule judges them, the graph follows them to their
backends. The arguments the graph needs that are lists or blocks (a forwarding rule's
``ports``, an instance group's ``named_port`` blocks) are kept in ``attributes`` by
:func:`lb_attributes`.

Network endpoint groups are forwarders too: a serverless NEG
(``google_compute_region_network_endpoint_group``, ``network_endpoint_type`` "Default value is
SERVERLESS", registry.terraform.io/providers/hashicorp/google/latest/docs/resources/
compute_region_network_endpoint_group) sends to the Cloud Run service, function or App Engine
service its ``cloud_run`` / ``cloud_function`` / ``app_engine`` block names; a zonal NEG to the
instances its ``google_compute_network_endpoint(s)`` register. :func:`external_route` finds
the external load balancer of the scan that reaches a serverless service.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from gdcc_audit.load.terraform_model import UNKNOWN, TfResource
from gdcc_audit.models.cidr import parse
from gdcc_audit.models.resource import CLIENT_VERSIONS, Facets
from gdcc_audit.normalize.terraform.context import MapFn, Mapped, TfContext
from gdcc_audit.normalize.terraform.values import block, blocks, text

FORWARDING_RULES = frozenset(
    {"google_compute_global_forwarding_rule", "google_compute_forwarding_rule"}
)
#: Network endpoint groups: serverless (regional), zonal (VM endpoints), global (internet).
NEGS = frozenset(
    {"google_compute_region_network_endpoint_group", "google_compute_network_endpoint_group",
     "google_compute_global_network_endpoint_group"}
)
#: Resources that register endpoints in a zonal NEG.
ENDPOINTS = frozenset({"google_compute_network_endpoint", "google_compute_network_endpoints"})
SERVICES = ("google_compute_backend_service", "google_compute_region_backend_service")
URL_MAPS = ("google_compute_url_map", "google_compute_region_url_map")
#: Where a URL map names backend services.
URL_MAP_LINKS = ("default_service", "path_matcher", "host_rule", "default_route_action")
_HTTP_PROXIES = (
    "google_compute_target_http_proxy", "google_compute_target_https_proxy",
    "google_compute_region_target_http_proxy", "google_compute_region_target_https_proxy",
)
#: The serverless NEG block naming each kind of serverless service, and its attribute.
_SERVERLESS_BLOCKS = {
    "google_cloud_run_service": (("cloud_run", "service"),),
    "google_cloud_run_v2_service": (("cloud_run", "service"),),
    "google_cloudfunctions_function": (("cloud_function", "function"),),
    # a 2nd gen function is a Cloud Run service: either block names it
    "google_cloudfunctions2_function": (("cloud_function", "function"), ("cloud_run", "service")),
}
_GROUPS = frozenset(
    {"google_compute_instance_group_manager", "google_compute_region_instance_group_manager",
     "google_compute_instance_group"}
)


def forwarding_rule(r: TfResource, ctx: TfContext) -> Mapped:
    """``google_compute_forwarding_rule`` / ``_global_forwarding_rule``: external (reached from
    the internet) unless the scheme is ``INTERNAL*``; not known when the scheme is not."""
    scheme = text(r.values, "load_balancing_scheme", "EXTERNAL")
    external = None if scheme is None else not scheme.upper().startswith("INTERNAL")
    return "network.public_ip", Facets(public_endpoint=external)


def forwarder(r: TfResource, ctx: TfContext) -> Mapped:
    """URL maps, backend services, target pools, target instances (protocol forwarding),
    unmanaged instance groups: what a load balancer forwards requests through to its
    backends."""
    return "network.target_group", Facets()


def _client_versions(values: Mapping[str, Any]) -> dict[str, Any]:
    """``{CLIENT_VERSIONS: [v]}``: the IP version of a forwarding rule's address, hence of
    the clients it takes: its ``ip_version`` ("IPV4" or "IPV6"), else the version of a
    literal ``ip_address``, else IPv4 when neither is written (an ephemeral IPv4 address
    unless IPv6 is asked for: gcloud compute forwarding-rules create ``--ip-version``, "IPV4"
    by default); empty when a value is not known."""
    version, address = values.get("ip_version"), values.get("ip_address")
    if isinstance(version, str) and version.upper() in ("IPV4", "IPV6"):
        return {CLIENT_VERSIONS: [6 if version.upper() == "IPV6" else 4]}
    if version is not None:
        return {}
    if address is None:
        return {CLIENT_VERSIONS: [4]}
    network = parse(address) if isinstance(address, str) else None
    return {} if network is None else {CLIENT_VERSIONS: [network.version]}


def lb_attributes(kind: str, values: Mapping[str, Any]) -> dict[str, Any]:
    """``{"ports": [...]}`` of a forwarding rule (literal ports; None for one not known) and
    ``{"named_ports": {name: port}}`` of an instance group (``None`` when a block is not
    known); empty for other types or when not written."""
    if kind in FORWARDING_RULES:
        made: dict[str, Any] = _client_versions(values)
        ports = values.get("ports")
        if isinstance(ports, list) and ports:
            made["ports"] = [p if isinstance(p, str | int) else None for p in ports]
        return made
    if kind in _GROUPS:
        found = blocks(values, "named_port")
        if found is None:
            return {"named_ports": None}
        named: dict[str, Any] = {}
        for item in found:
            name, port = item.get("name"), item.get("port")
            if not isinstance(name, str):
                return {"named_ports": None}
            named[name] = port if isinstance(port, int | str) else None
        return {"named_ports": named} if named else {}
    return {}


def _names(ref: str, target: TfResource, ctx: TfContext, holder: TfResource) -> bool:
    """Whether the reference target ``ref`` of ``holder`` designates ``target`` (also through
    an attribute the index does not strip: ``.self_link``, ``.uri``)."""
    found = ctx.resolve(holder, ref) or ctx.resolve(holder, ref.rsplit(".", 1)[0])
    return found is not None and found.address == target.address


def referrers(
    target: TfResource, types: tuple[str, ...], attributes: tuple[str, ...], ctx: TfContext
) -> list[TfResource]:
    """Resources of ``types`` of the root whose ``attributes`` (first part of a reference's
    attribute path) refer to ``target``."""
    return [
        candidate
        for kind in types
        for candidate in ctx.related((kind,))
        if any(
            ref.attribute.split(".", 1)[0] in attributes and _names(ref.target, target, ctx,
                                                                    candidate)
            for ref in candidate.references
        )
    ]


def serverless_negs(target: TfResource, ctx: TfContext) -> list[TfResource]:
    """The serverless NEGs of the root that name ``target`` (a Cloud Run service or a
    function): by a reference in their ``cloud_run`` / ``cloud_function`` block, or by the
    literal name the service has (names are unique in a project and region)."""
    found: list[TfResource] = []
    name = target.values.get("name")
    for neg in ctx.related(("google_compute_region_network_endpoint_group",)):
        for block_name, attribute in _SERVERLESS_BLOCKS.get(target.type, ()):
            written = block(neg.values, block_name)
            if not written:
                continue
            value = written.get(attribute)
            by_ref = any(
                ref.attribute.split(".", 1)[0] == block_name
                and _names(ref.target, target, ctx, neg)
                for ref in neg.references
            )
            if by_ref or (isinstance(name, str) and name and value == name):
                found.append(neg)
                break
    return found


def _iap_on(service: TfResource) -> bool | None:
    """Whether Identity-Aware Proxy guards a backend service (its ``iap`` block, enabled
    unless ``enabled = false``); None when not known."""
    found = blocks(service.values, "iap")
    if found is None:
        return None
    if not found:
        return False
    enabled = found[0].get("enabled", True)
    return None if enabled is UNKNOWN else bool(enabled)


def external_route(target: TfResource, ctx: TfContext) -> list[TfResource] | None:
    """The chain by which an external Application Load Balancer of the root reaches a
    serverless service: forwarding rule, target proxy, URL map, backend service, serverless
    NEG; None when the root has none (a backend service guarded by IAP does not count: its
    callers must sign in)."""
    for neg in serverless_negs(target, ctx):
        for service in referrers(neg, SERVICES, ("backend",), ctx):
            if _iap_on(service) is not False:
                continue
            # a proxy choosing between URL maps (a conditional) may not use this one
            fronts = [(m, p) for m in referrers(service, URL_MAPS, URL_MAP_LINKS, ctx)
                      for p in referrers(m, _HTTP_PROXIES, ("url_map",), ctx)
                      if len(ctx.referenced_all(p, "url_map", URL_MAPS)) == 1]
            for url_map, proxy in fronts:
                for rule in referrers(proxy, tuple(FORWARDING_RULES), ("target",), ctx):
                    scheme = text(rule.values, "load_balancing_scheme", "EXTERNAL")
                    if scheme is not None and not scheme.upper().startswith("INTERNAL"):
                        return [rule, proxy, url_map, service, neg]
    return None


MAPPINGS: dict[str, MapFn] = {
    **dict.fromkeys(FORWARDING_RULES, forwarding_rule),
    **dict.fromkeys(
        ("google_compute_url_map", "google_compute_region_url_map", *NEGS, *ENDPOINTS,
         "google_compute_backend_service",
         "google_compute_region_backend_service", "google_compute_target_pool",
         "google_compute_target_instance", "google_compute_instance_group"),
        forwarder,
    ),
}
