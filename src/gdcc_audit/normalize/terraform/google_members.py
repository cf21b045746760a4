"""The VMs a target pool, target instance or unmanaged instance group names by a literal link.

A ``google_compute_target_instance`` names its one VM in ``instance``, a
``google_compute_target_pool`` its VMs in ``instances``, a ``google_compute_instance_group``
in ``instances``. A Terraform reference (``google_compute_instance.vm.self_link``) is an edge of
the resource graph already; a literal is not, and a VM named so was not a member: behind an
external forwarding rule on port 22 and a 0.0.0.0/0 rule, a VM without an external IP of its
own PASSed GDCC-GRAPH-002 (wrong PASS).

The forms the provider accepts: a self link
(``https://www.googleapis.com/compute/v1/projects/p/zones/z/instances/vm``), a relative path
(``projects/p/zones/z/instances/vm``, ``zones/z/instances/vm``), a target pool's
``zone/name`` ("a list of instance URLs in the zone/name format", the target instance's bare
``name`` ("If name is given, the zone will default to the given zone or the provider-default
zone and the project will default to the provider-level project", registry.terraform.io/
providers/hashicorp/google/latest/docs/resources/compute_target_instance and
compute_target_pool). Such a link names a Compute Engine instance of the same root when its
name is the instance's literal ``name`` and its zone and project, where both are written
literally, agree: a **member** (a link that says no project is the provider's, which is not
compared). When the name agrees but a zone or project of either side is
not written or not known, the link may name it: a **member perhaps**, kept with the reason
(``MEMBERS_MAYBE``); the graph's edges to it are then not certain.
"""

from __future__ import annotations

import re
from typing import Any

from gdcc_audit.load.terraform_model import UNKNOWN, UNKNOWN_TEXT, TfResource
from gdcc_audit.models.resource import MEMBERS_MAYBE, PRESERVED_EXTERNAL, Reference
from gdcc_audit.normalize.terraform.context import TfContext
from gdcc_audit.normalize.terraform.values import block, blocks

#: What holds literal links to VMs: the type and its argument.
LINKS = {
    "google_compute_target_instance": "instance",
    "google_compute_target_pool": "instances",
    "google_compute_instance_group": "instances",
}
#: The instances a link may name.
_INSTANCES = ("google_compute_instance", "google_compute_instance_from_template")
#: The reference attribute of a VM named by a literal link.
MEMBER_LINK = "member_link"
_PATH = re.compile(
    r"^(?:https://(?:www|compute)\.googleapis\.com/compute/(?:v1|beta)/)?"
    r"(?:projects/(?P<project>[^/]+)/)?zones/(?P<zone>[^/]+)/instances/(?P<name>[^/]+)$"
)
_ZONE_NAME = re.compile(r"^(?P<zone>[a-z]+-[a-z]+\d+-[a-z])/(?P<name>[^/]+)$")
_NAME = re.compile(r"^[a-z]([-a-z0-9]*[a-z0-9])?$")


def parse_link(link: str, bare_zone: str | None, bare: bool) -> tuple[str | None, str | None,
                                                                    str] | None:
    """``(project, zone, name)`` of a literal link to a VM (``None`` for a part it does not
    say); a bare name (when ``bare``) takes ``bare_zone``. None when not such a link."""
    found = _PATH.match(link) or _ZONE_NAME.match(link)
    if found is not None:
        parts = found.groupdict()
        return parts.get("project"), parts["zone"], parts["name"]
    if bare and _NAME.match(link):
        return None, bare_zone, link
    return None


def _links(resource: TfResource, key: str) -> list[str]:
    """The links written in ``key`` (a text or a list of texts): each literal, or its written
    shape when a part is an input (``projects/${var.project}/zones/z/instances/vm``, the
    part not known as ``UNKNOWN_TEXT``)."""
    written = resource.values.get(key)
    if isinstance(written, str):
        return [written]
    if written is UNKNOWN:
        shape = resource.shapes.get(key)
        return [shape] if isinstance(shape, str) else []
    if not isinstance(written, list):
        return []
    found: list[str] = []
    for index, item in enumerate(written):
        shape = item if isinstance(item, str) else resource.shapes.get(f"{key}.{index}")
        if isinstance(shape, str):
            found.append(shape)
    return found


def _literal(values: Any, key: str) -> str | None:
    value = values.get(key)
    return value if isinstance(value, str) and value else None


def _compare(
    link: tuple[str | None, str | None, str], vm: TfResource
) -> tuple[bool, list[str]]:
    """Whether ``link`` may name ``vm``, and which parts could not be compared."""
    project, zone, name = link
    if _literal(vm.values, "name") != name:
        return False, []
    open_parts: list[str] = []
    for part, said in (("zone", zone), ("project", project)):
        own = _literal(vm.values, part)
        if said is not None and own is not None:
            if said != own:
                return False, []
        else:
            open_parts.append(part)
    return True, open_parts


def member_links(
    resource: TfResource, ctx: TfContext, attributes: dict[str, Any]
) -> tuple[Reference, ...]:
    """References to the VMs of the root that ``resource``'s literal links name (notes the
    members perhaps in ``attributes[MEMBERS_MAYBE]``); empty for other types or no link."""
    key = LINKS.get(resource.type)
    if key is None:
        return ()
    links = _links(resource, key)
    bare = resource.type == "google_compute_target_instance"
    home_zone = _literal(resource.values, "zone")
    vms = ctx.related(_INSTANCES)
    found: list[Reference] = []
    maybe: dict[str, str] = {}
    for link in links:
        if not isinstance(link, str):
            continue
        parsed = parse_link(link, home_zone, bare)
        if parsed is None or UNKNOWN_TEXT in parsed[2]:
            continue
        shown = link.replace(UNKNOWN_TEXT, "…")
        parsed = (
            None if parsed[0] is None or UNKNOWN_TEXT in parsed[0] else parsed[0],
            None if parsed[1] is None or UNKNOWN_TEXT in parsed[1] else parsed[1],
            parsed[2],
        )
        for vm in vms:
            named, open_parts = _compare(parsed, vm)
            if not named:
                continue
            found.append(Reference(target=vm.address, attribute=MEMBER_LINK))
            if open_parts:
                maybe[vm.address] = (
                    f"{resource.address} names {shown}: the same name as {vm.address}, "
                    f"whose {' and '.join(open_parts)} cannot be compared (not written, or "
                    "not known, on one side)"
                )
    if maybe:
        attributes[MEMBERS_MAYBE] = maybe
    return tuple(found)


#: Managed instance groups, and the per-instance config argument naming one of each kind.
GROUP_MANAGERS = {
    "google_compute_instance_group_manager": (
        "google_compute_per_instance_config", "instance_group_manager"),
    "google_compute_region_instance_group_manager": (
        "google_compute_region_per_instance_config", "region_instance_group_manager"),
}


def preserved_external(resource: TfResource, ctx: TfContext) -> dict[str, Any]:
    """``{PRESERVED_EXTERNAL: [addresses]}`` of the per-instance configs that preserve an
    external IP (a ``preserved_state.external_ip`` block, or one not known) for an instance
    of the managed group ``resource``; empty when none does. A stateful external IP is IPv4
    ("You can preserve internal and external IPv4 addresses ... IPv6 addresses are not
    supported", cloud.google.com/compute/docs/instance-groups/
    configuring-stateful-ip-addresses-in-migs): that instance has an external IPv4 address
    even when its templates give none, or only an IPv6 one."""
    kind = GROUP_MANAGERS.get(resource.type)
    if kind is None:
        return {}
    config_type, argument = kind
    found = []
    for config in ctx.related((config_type,)):
        named = ctx.referenced(config, argument, (resource.type,))
        if named is None or named.address != resource.address:
            continue
        state = block(config.values, "preserved_state")
        external = blocks(state, "external_ip") if state else []
        if external is None or external:
            found.append(config.address)
    return {PRESERVED_EXTERNAL: found} if found else {}


#: The types :func:`graph_links` reads.
TYPES = frozenset(LINKS) | frozenset(GROUP_MANAGERS)


def graph_links(
    resource: TfResource, ctx: TfContext, attributes: dict[str, Any],
    references: tuple[Reference, ...],
) -> tuple[Reference, ...]:
    """``references`` with the VMs a literal link names (:func:`member_links`); a managed
    group's preserved external IPs noted on ``attributes`` (:func:`preserved_external`)."""
    if resource.type in GROUP_MANAGERS:
        attributes.update(preserved_external(resource, ctx))
        return references
    return tuple(dict.fromkeys(references + member_links(resource, ctx, attributes)))
