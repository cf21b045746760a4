"""What the resource graph and the azurerm readers take from an AzAPI virtual network
(``Microsoft.Network/virtualNetworks``) or subnet (``.../subnets``), mapped as
``azurerm_virtual_network`` / ``azurerm_subnet`` (``azapi_network``):

- a subnet's ``networkSecurityGroup.id`` is its NSG, as an
  ``azurerm_subnet_network_security_group_association`` (the graph reads the reference as
  ``network_security_group_id``; one written but not in the scan: not known, never none);
- its ``addressPrefix`` (or one ``addressPrefixes`` item), a network's one
  ``addressSpace.addressPrefixes`` item: its range (``address_prefix``);
- its ``serviceEndpoints[].service``: its service endpoints, which a database's or
  messaging namespace's virtual network rule needs (``azurerm.lacks_endpoint``).

(learn.microsoft.com/rest/api/virtualnetwork/subnets/create-or-update: ``addressPrefix``,
``addressPrefixes``, ``networkSecurityGroup``, ``serviceEndpoints``.)

Subnets written inside their network (an AzAPI network's ``properties.subnets[]``, an
``azurerm_virtual_network``'s ``subnet`` blocks) have no resource of their own: a network
interface naming one as ``"${<network>.id}/subnets/<name>"`` refers to the network. The
network notes each inline subnet's NSG (``INLINE_SUBNETS``: name -> the NSG's address, ``""``
for none, None when not known) and the interface the names it writes (``SUBNET_NAMES``), so
the graph filters the interface by that subnet's NSG; before, any NSG in the network made
"which subnet of vnet is meant" not known, a VM behind a closed or open subnet alike.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from gdcc_audit.load.terraform_model import UNKNOWN, TfResource
from gdcc_audit.models.resource import Reference
from gdcc_audit.normalize.terraform import azapi_body as body
from gdcc_audit.normalize.terraform.azapi_children import NSG
from gdcc_audit.normalize.terraform.context import TfContext

VNET = "Microsoft.Network/virtualNetworks"
SUBNET = "Microsoft.Network/virtualNetworks/subnets"
#: The reference attribute the resource graph reads a subnet's NSG from (``graph/azure.py``).
NSG_ATTRIBUTE = "network_security_group_id"
#: ``Resource.attributes`` of a virtual network: its inline subnets' NSGs by subnet name.
INLINE_SUBNETS = "inline_subnets"
#: ``Resource.attributes`` of a network interface: the subnet names its ``subnet_id`` values
#: write after ``/subnets/`` (a network's inline subnet).
SUBNET_NAMES = "subnet_names"
_NAMED_SUBNET = re.compile(r"/subnets/([A-Za-z0-9._-]+)$")


def is_subnet(r: TfResource | None) -> bool:
    """Whether ``r`` is an ``azurerm_subnet`` or an AzAPI subnet."""
    return r is not None and (
        r.type == "azurerm_subnet"
        or (r.type == "azapi_resource" and body.same_type(body.arm_type(r), SUBNET))
    )


def subnet_prefixes(r: TfResource) -> tuple[str, ...] | None:
    """An AzAPI subnet's ``addressPrefix`` / ``addressPrefixes``, a network's
    ``addressSpace.addressPrefixes``; None when not written as texts."""
    properties = body.properties(r)
    if properties is None:
        return None
    if body.same_type(body.arm_type(r), VNET):
        space = properties.get("addressSpace")
        written = space.get("addressPrefixes") if isinstance(space, Mapping) else None
    else:
        written = properties.get("addressPrefixes") or properties.get("addressPrefix")
    if isinstance(written, str):
        written = [written]
    if not isinstance(written, list) or not written:
        return None
    if not all(isinstance(item, str) for item in written):
        return None
    return tuple(written)


def service_endpoints(r: TfResource) -> tuple[str, ...] | None:
    """An AzAPI subnet's ``serviceEndpoints[].service`` (empty when not written); None when
    not known."""
    properties = body.properties(r)
    if properties is None:
        return None
    written = properties.get("serviceEndpoints")
    if written is None:
        return ()
    if not isinstance(written, list):
        return None
    found = [item.get("service") if isinstance(item, Mapping) else None for item in written]
    if not all(isinstance(item, str) for item in found):
        return None
    return tuple(str(item) for item in found)


def graph_attributes(r: TfResource) -> dict[str, Any]:
    """What the resource graph reads of an AzAPI network or subnet: its one range
    (``address_prefix``), and for a subnet whose ``networkSecurityGroup`` is written,
    ``network_security_group_id`` (so that a group not in the scan is not known, never
    none)."""
    kind = body.arm_type(r)
    if r.type != "azapi_resource" or not reads_network(r):
        return {}
    found: dict[str, Any] = {}
    prefixes = subnet_prefixes(r)
    if prefixes is not None and len(prefixes) == 1:
        found["address_prefix"] = prefixes[0]
    properties = body.properties(r)
    if body.same_type(kind, SUBNET):
        group = UNKNOWN if properties is None else properties.get("networkSecurityGroup")
        if group is not None:
            found[NSG_ATTRIBUTE] = "written"
    return found


def _is_nsg(found: TfResource | None) -> bool:
    return found is not None and (
        found.type == "azurerm_network_security_group"
        or (found.type == "azapi_resource" and body.same_type(body.arm_type(found), NSG))
    )


def graph_links(
    r: TfResource, ctx: TfContext, attributes: dict[str, Any],
    references: tuple[Reference, ...],
) -> tuple[Reference, ...]:
    """An AzAPI network or subnet, or an ``azurerm_subnet``, for the resource graph
    (:func:`graph_attributes` noted on ``attributes``): a subnet's ``body`` references to a
    network security group become ``network_security_group_id`` ones (the only NSG a
    subnet's body names is its own), and so do those of an ``azapi_update_resource`` that
    sets its ``networkSecurityGroup`` (:func:`_updates`; it was not read: the subnet had no
    NSG, and a VM behind a Standard public IP that the update's NSG opens PASSed
    GDCC-GRAPH-002). Other resources: ``references`` unchanged."""
    if r.type == "azurerm_network_interface":
        names = subnet_names(r)
        if names:
            attributes[SUBNET_NAMES] = names
    if r.type == "azurerm_virtual_network" or (
        r.type == "azapi_resource" and body.same_type(body.arm_type(r), VNET)
    ):
        inline = inline_subnets(r, ctx)
        if inline:
            attributes[INLINE_SUBNETS] = inline
    if not reads_network(r):
        return references
    attributes.update(graph_attributes(r))
    if r.type != "azurerm_subnet" and not body.same_type(body.arm_type(r), SUBNET):
        return references
    found = [
        Reference(target=ref.target, attribute=NSG_ATTRIBUTE)
        if ref.attribute.split(".", 1)[0] == "body" and _is_nsg(ctx.resolve(r, ref.target))
        else ref
        for ref in references
    ]
    for update in _updates(r, ctx):
        properties = body.properties(update)
        group = UNKNOWN if properties is None else properties.get("networkSecurityGroup")
        if group is None:
            continue
        attributes[NSG_ATTRIBUTE] = "written"  # not in the scan: not known, never none
        for ref in update.references:
            target = ctx.resolve(update, ref.target)
            if ref.attribute.split(".", 1)[0] == "body" and target is not None and _is_nsg(target):
                found.append(Reference(target=target.address, attribute=NSG_ATTRIBUTE))
    return tuple(dict.fromkeys(found))


def _updates(r: TfResource, ctx: TfContext) -> list[TfResource]:
    """The ``azapi_update_resource`` of the root that change subnet ``r`` (by
    ``resource_id``, else by ``name``)."""
    found: list[TfResource] = []
    for update in ctx.related(["azapi_update_resource"]):
        if not body.same_type(body.arm_type(update), SUBNET):
            continue
        if update.values.get("resource_id") is not None:
            named = ctx.referenced(update, "resource_id", ["azapi_resource", "azurerm_subnet"])
        else:
            named = ctx.referenced(update, "name", ["azapi_resource"])
        if named is not None and named.address == r.address:
            found.append(update)
    return found


def reads_network(r: TfResource) -> bool:
    """Whether ``r`` is an AzAPI network or subnet, or an ``azurerm_subnet``
    (:func:`graph_links`)."""
    if r.type == "azurerm_subnet":
        return True
    if r.type != "azapi_resource":
        return False
    kind = body.arm_type(r)
    return body.same_type(kind, VNET) or body.same_type(kind, SUBNET)


def subnet_names(nic: TfResource) -> list[str]:
    """The subnet names a network interface's ``ip_configuration`` ``subnet_id`` values
    write after ``/subnets/`` (``"${azapi_resource.vnet.id}/subnets/web"``)."""
    found: list[str] = []
    for path, shape in nic.shapes.items():
        parts = path.split(".")
        if len(parts) == 3 and parts[0] == "ip_configuration" and parts[2] == "subnet_id":
            matched = _NAMED_SUBNET.search(shape)
            if matched is not None and matched[1] not in found:
                found.append(matched[1])
    return found


def inline_subnets(r: TfResource, ctx: TfContext) -> dict[str, str | None]:
    """A virtual network's inline subnets: name -> the address of its NSG (a resource of the
    scan), ``""`` when none is written, None when one is written but not known (not in the
    scan, or which of several the references do not tell)."""
    azurerm = r.type == "azurerm_virtual_network"
    found = _azurerm_inline(r, ctx) if azurerm else _azapi_inline(r, ctx)
    if any(
        (named := ctx.resolve(other, ref.target)) is not None and named.address == r.address
        for other in ctx.related(_SETTERS) for ref in other.references
    ):
        # an association or update naming the network (``"${vnet.id}/subnets/web"``) may set
        # an inline subnet's NSG: none written is not known then
        return {name: group or None for name, group in found.items()}
    return found


#: Resources that may set an inline subnet's NSG through the network's id.
_SETTERS = ("azurerm_subnet_network_security_group_association", "azapi_update_resource")


def _azapi_inline(r: TfResource, ctx: TfContext) -> dict[str, str | None]:
    """An AzAPI network's ``properties.subnets[]`` (``networkSecurityGroup.id``)."""
    properties = body.properties(r)
    written = properties.get("subnets") if properties is not None else None
    if not isinstance(written, list):
        return {}
    groups = list(dict.fromkeys(
        found.address for ref in r.references
        if ref.attribute.split(".", 1)[0] == "body"
        and _is_nsg(found := ctx.resolve(r, ref.target)) and found is not None
    ))
    inline: dict[str, str | None] = {}
    #: subnets naming an NSG whose id is not known and not one resource's id (a
    #: ``jsonencode`` body, a text): the body's one other NSG may be theirs
    pending: list[str] = []
    for index, item in enumerate(written):
        name = item.get("name") if isinstance(item, Mapping) else None
        if not isinstance(name, str):
            continue
        inner = item.get("properties")
        group = inner.get("networkSecurityGroup") if isinstance(inner, Mapping) else UNKNOWN
        inline[name] = None
        if group is None:
            inline[name] = ""
        elif isinstance(group, Mapping) and group.get("id") is UNKNOWN:
            # the NSG this subnet's own ``id`` names (``TfResource.designated``)
            read = r.designated.get(
                f"body.properties.subnets.{index}.properties.networkSecurityGroup.id"
            )
            named = ctx.resolve(r, read) if read else None
            if named is not None and _is_nsg(named) and named.address in groups:
                inline[name] = named.address
            elif not read:
                pending.append(name)
    others = [group for group in groups if group not in inline.values()]
    if len(pending) == 1 and len(others) == 1:
        inline[pending[0]] = others[0]  # the one NSG the body names besides
    return inline


def _azurerm_inline(r: TfResource, ctx: TfContext) -> dict[str, str | None]:
    """An ``azurerm_virtual_network``'s ``subnet`` blocks (``security_group``)."""
    written = r.values.get("subnet")
    if not isinstance(written, list):
        return {}
    inline: dict[str, str | None] = {}
    for index, item in enumerate(written):
        name = item.get("name") if isinstance(item, Mapping) else None
        if not isinstance(name, str):
            continue
        group = item.get("security_group")
        if group is None or group == "":
            inline[name] = ""
            continue
        targets = [found for ref in r.references
                   if ref.attribute == f"subnet.{index}.security_group"
                   and _is_nsg(found := ctx.resolve(r, ref.target))]
        inline[name] = targets[0].address if len(targets) == 1 and targets[0] else None
    return inline
