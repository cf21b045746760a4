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
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from gdcc_audit.load.terraform_model import TfResource
from gdcc_audit.models.resource import Facets
from gdcc_audit.normalize.terraform.context import MapFn, Mapped, TfContext
from gdcc_audit.normalize.terraform.values import blocks, text

FORWARDING_RULES = frozenset(
    {"google_compute_global_forwarding_rule", "google_compute_forwarding_rule"}
)
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
    """URL maps, backend services, target pools, unmanaged instance groups: what a load
    balancer forwards requests through to its backends."""
    return "network.target_group", Facets()


def lb_attributes(kind: str, values: Mapping[str, Any]) -> dict[str, Any]:
    """``{"ports": [...]}`` of a forwarding rule (literal ports; None for one not known) and
    ``{"named_ports": {name: port}}`` of an instance group (``None`` when a block is not
    known); empty for other types or when not written."""
    if kind in FORWARDING_RULES:
        ports = values.get("ports")
        if isinstance(ports, list) and ports:
            return {"ports": [p if isinstance(p, str | int) else None for p in ports]}
        return {}
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


MAPPINGS: dict[str, MapFn] = {
    **dict.fromkeys(FORWARDING_RULES, forwarding_rule),
    **dict.fromkeys(
        ("google_compute_url_map", "google_compute_region_url_map",
         "google_compute_backend_service",
         "google_compute_region_backend_service", "google_compute_target_pool",
         "google_compute_instance_group"),
        forwarder,
    ),
}
