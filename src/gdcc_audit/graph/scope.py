"""What was scanned: which parts of the configuration were not available to the audit.

A missing companion (no flow log for a network, no backup plan for a database) is a FAIL when
the whole configuration it belongs to was scanned, and UNKNOWN only when part of it was not:
a Terraform module whose source was not present, a Kubernetes object (cluster objects are
usually applied from many places), or a resource declared in a manifest excerpt.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from gdcc_audit.graph import cloudwan, lattice, transit
from gdcc_audit.load.lost import META_KEY as LOST_KEY
from gdcc_audit.normalize.lost import is_blind
from gdcc_audit.normalize.stack_units import CHILDREN, IMPORTS_FROM, SSM_FROM, groups

#: Origins whose files are complete units: everything a resource needs is in the scan.
WHOLE_UNIT_ORIGINS = frozenset({"terraform", "cloudformation", "heat"})

#: Resources that join networks (``graph.islands``), by type: the arguments naming what they
#: join. The mappers keep none of them as a canonical resource, so the scope reads them from
#: the loaded documents: a router's interface joins the router's networks (Neutron routes
#: between the subnets of its interfaces), a peering its two networks, a transit gateway,
#: Cloud WAN or CEN attachment every network attached to the same hub.
NETWORK_LINKS: dict[str, tuple[str, ...]] = {
    "openstack_networking_router_interface_v2": ("router_id", "subnet_id", "port_id"),
    "OS::Neutron::RouterInterface": ("router", "router_id", "subnet", "subnet_id", "port",
                                     "port_id"),
    "aws_vpc_peering_connection": ("vpc_id", "peer_vpc_id"),
    "aws_vpc_peering_connection_accepter": ("vpc_peering_connection_id",),
    "aws_ec2_transit_gateway_vpc_attachment": ("transit_gateway_id", "vpc_id"),
    "aws_ec2_transit_gateway_vpc_attachment_accepter": ("transit_gateway_attachment_id",),
    "aws_networkmanager_vpc_attachment": ("core_network_id", "vpc_arn"),
    "AWS::EC2::VPCPeeringConnection": ("VpcId", "PeerVpcId"),
    "AWS::EC2::TransitGatewayAttachment": ("TransitGatewayId", "VpcId"),
    "AWS::EC2::TransitGatewayVpcAttachment": ("TransitGatewayId", "VpcId"),
    "AWS::NetworkManager::VpcAttachment": ("CoreNetworkId", "VpcArn"),
    "azurerm_virtual_network_peering": ("virtual_network_name", "remote_virtual_network_id"),
    "azurerm_virtual_hub_connection": ("virtual_hub_id", "remote_virtual_network_id"),
    "google_compute_network_peering": ("network", "peer_network"),
    "huaweicloud_vpc_peering_connection": ("vpc_id", "peer_vpc_id"),
    "alicloud_cen_instance_attachment": ("instance_id", "child_instance_id"),
    # a route to a transit gateway or a peering joins the table's VPC to that hub (only
    # routes with such a target are links: ``ROUTE_HUBS``); inline ``route`` blocks of a
    # table are read by ``_route_ends``
    "aws_route": ("route_table_id", "transit_gateway_id", "vpc_peering_connection_id"),
    "aws_route_table": ("vpc_id",),
    "aws_default_route_table": ("default_route_table_id",),
    "AWS::EC2::Route": ("RouteTableId", "TransitGatewayId", "VpcPeeringConnectionId"),
}
#: Route types (and tables with inline ``route`` blocks) -> the route targets that join
#: networks: a route is a link only when it names one (a route to an internet or NAT
#: gateway joins nothing).
ROUTE_HUBS: dict[str, tuple[str, ...]] = {
    "aws_route": ("transit_gateway_id", "vpc_peering_connection_id"),
    "aws_route_table": ("transit_gateway_id", "vpc_peering_connection_id"),
    "aws_default_route_table": ("transit_gateway_id", "vpc_peering_connection_id"),
    "AWS::EC2::Route": ("TransitGatewayId", "VpcPeeringConnectionId"),
}
#: (link type, argument) -> (the type it names, that resource's arguments naming its
#: network): a router interface on a port joins the port's network (ports are no graph
#: resources, so the scope reads them from the documents).
THROUGH: dict[tuple[str, str], tuple[str, tuple[str, ...]]] = {
    ("openstack_networking_router_interface_v2", "port_id"):
        ("openstack_networking_port_v2", ("network_id", "fixed_ip")),
    ("OS::Neutron::RouterInterface", "port"): ("OS::Neutron::Port", ("network", "network_id")),
    ("OS::Neutron::RouterInterface", "port_id"):
        ("OS::Neutron::Port", ("network", "network_id")),
}
#: Arguments naming the hub a link joins (a router, a transit gateway, a peering): another
#: link naming the same hub joins the same networks, even when the hub is no graph resource.
LINK_HUBS = frozenset({
    "router_id", "router", "vpc_peering_connection_id", "transit_gateway_id",
    "transit_gateway_attachment_id", "core_network_id", "TransitGatewayId", "CoreNetworkId",
    "virtual_hub_id", "instance_id", "VpcPeeringConnectionId",
})
_INDEX = re.compile(r"\[[^\]]*\]")


@dataclass(frozen=True)
class Link:
    """A resource that joins networks: its unit (Terraform root scope, else its file), its
    address, and what it names: ``(argument, address)``, the address None when the argument
    is not a reference to a resource of the unit (an input, a lookup, a literal id)."""

    unit: str
    address: str
    ends: tuple[tuple[str, str | None], ...]
    #: The first end reaches the second but joins nothing else through them: two VPC
    #: attachments of one transit gateway, the first's route table routing to the second
    #: (``graph.transit``).
    adjacent: bool = False
    #: Why an end is not known, when it is worth naming (a table whose routes are not
    #: known): said beside "may be joined to other networks".
    why: str | None = None


def strip_index(address: str) -> str:
    """An address without its instance keys: ``module.a[0].aws_vpc.b["x"]`` is
    ``module.a.aws_vpc.b``."""
    return _INDEX.sub("", address)


@dataclass(frozen=True)
class Scope:
    """Per input file: what of its configuration was not available (empty: all of it was)."""

    missing: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    #: Input format of each file (``terraform``, ``kubernetes``, ``gdcc-tenant``...).
    formats: Mapping[str, str] = field(default_factory=dict)
    #: True when the user declared the input to be the whole tenant (``complete_inventory``).
    declared_complete: bool = False
    #: Per Terraform root (its scope, as the mapper writes it in ``Resource.attributes``):
    #: what of it was not available. A module file shared by several roots is judged with
    #: the root that instantiated the resource, not with whichever root came last.
    missing_by_root: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    #: Resources of the scan that join networks (``NETWORK_LINKS``).
    links: tuple[Link, ...] = ()
    #: (unit, target address) -> who reaches the target through VPC Lattice
    #: (``graph.lattice``; the unit as a ``Link``'s).
    lattice: Mapping[tuple[str, str], lattice.Reach] = field(default_factory=dict)
    #: CloudFormation templates that share stacks with another template of the scan (one
    #: nests the other, or imports its exports: ``normalize.stack_units``) -> their group's
    #: key; any other template is its own stack (``stack_of``).
    stacks: Mapping[str, str] = field(default_factory=dict)

    def stack_of(self, file: str) -> str:
        """The deployment a CloudFormation template's resources belong to: its group of
        templates that share stacks, else the template itself."""
        return self.stacks.get(file, file)

    def gaps(self, file: str | None, root: str | None = None) -> tuple[str, ...]:
        """What was not available for a resource of ``file`` (instantiated by Terraform root
        ``root`` when given); empty when its unit is whole."""
        if self.declared_complete:
            return ()
        origin = self.formats.get(file or "")
        if origin not in WHOLE_UNIT_ORIGINS:
            shown = {"gdcc-tenant": "a tenant manifest", "kubernetes": "Kubernetes"}.get(
                origin or "", origin or "this"
            )
            return (f"{shown} input lists resources, not a whole configuration",)
        if root is not None:
            return tuple(self.missing_by_root.get(root, ()))
        return tuple(self.missing.get(file or "", ()))

    @classmethod
    def from_documents(cls, documents: Iterable[Any], declared_complete: bool = False) -> Scope:
        """Read the gaps the loaders recorded: Terraform module calls not expanded, and parts
        not assessed whose target cannot be told (``normalize.lost.is_blind``)."""
        by_root: dict[str, list[str]] = {}
        own: dict[str, list[str]] = {}
        scope_of_root: dict[str, str] = {}
        files_of_root: dict[str, list[str]] = {}
        formats: dict[str, str] = {}
        links: list[Link] = []
        reach: dict[tuple[str, str], lattice.Reach] = {}
        shared: list[tuple[str, str]] = []  # CloudFormation templates that share stacks
        for document in documents:
            formats[document.path] = document.format
            data = getattr(document, "data", None)
            meta = getattr(document, "meta", None) or {}
            children = meta.get(CHILDREN)
            if isinstance(children, Mapping):
                shared.extend((document.path, str(c)) for c in children.values())
            shared.extend((document.path, str(p)) for p in meta.get(IMPORTS_FROM, ()))
            shared.extend((document.path, str(p)) for p in meta.get(SSM_FROM, ()))
            links.extend(_links(document.path, data, meta))
            reach.update(_lattice(document.path, data, meta))
            root = meta.get("root")
            lost = meta.get(LOST_KEY, ())
            blind = sorted({f"{p.where}: not assessed" for p in lost if is_blind(p)})
            unexpanded = getattr(data, "unexpanded_modules", None)
            if root is None or unexpanded is None:
                if blind:
                    own.setdefault(document.path, []).extend(blind)
                continue
            if blind:
                by_root.setdefault(root, []).extend(blind)
            files_of_root.setdefault(root, []).append(document.path)
            root_scope = document.meta.get("root_scope")
            if isinstance(root_scope, str):
                scope_of_root[root] = root_scope
            for item in unexpanded:
                if item.get("resourceless"):
                    continue  # declares no resource (``load.terraform.known_modules``)
                name = item.get("address") or "?"
                reason = item.get("reason") or "not available"
                source = item.get("source")
                shown = str(name) + (f" ({source})" if source else "")
                by_root.setdefault(root, []).append(f"{shown}: {reason}")
        missing = {
            path: tuple(sorted(set(by_root[root])))
            for root, paths in files_of_root.items()
            if root in by_root
            for path in paths
        }
        for path, gaps in own.items():
            missing[path] = tuple(sorted({*missing.get(path, ()), *gaps}))
        missing_by_root = {
            scope_of_root[root]: tuple(sorted(set(by_root.get(root, ()))))
            for root in files_of_root
            if root in scope_of_root
        }
        return cls(
            missing=missing,
            formats=formats,
            declared_complete=declared_complete,
            missing_by_root=missing_by_root,
            links=tuple(links),
            lattice=reach,
            stacks=groups(shared),
        )


@dataclass
class _Managed:
    """A Terraform unit's managed resources by address, instance keys kept: two attachments
    of one ``for_each`` (``aws_ec2_transit_gateway_vpc_attachment.this["a"]`` and ``["b"]``)
    are two links, each joining its own VPC; they were one address (keys stripped), so every
    VPC of the ``for_each`` was joined to every other. A reference without a key (a splat, an
    index not known) names the one instance of that address, else each of them
    (``graph.islands`` indexes the address without keys too)."""

    by_address: dict[str, Any] = field(default_factory=dict)
    by_name: dict[str, list[str]] = field(default_factory=dict)

    def add(self, resource: Any) -> None:
        self.by_address[resource.address] = resource
        self.by_name.setdefault(strip_index(resource.address), []).append(resource.address)

    def canon(self, target: str) -> str:
        """The address a reference names: itself, or the one instance of a keyless one."""
        if target in self.by_address:
            return target
        found = self.by_name.get(target, ())
        return found[0] if len(found) == 1 else target

    def get(self, target: str) -> Any:
        return self.by_address.get(self.canon(target))

    def targets(self, resource: Any, argument: str) -> list[str]:
        """:func:`_managed_targets`, each as :meth:`canon` names it."""
        return [self.canon(t) for t in _managed_targets(resource, argument)]


def _unit_and_managed(
    path: str, resources: list[Any], meta: Mapping[str, Any]
) -> tuple[str, _Managed]:
    """The scope unit of a loaded Terraform document (its root) and its managed resources."""
    unit = meta.get("root_scope")
    unit = unit if isinstance(unit, str) else str(meta.get("root") or path)
    managed = _Managed()
    for r in resources:
        if getattr(r, "mode", "managed") == "managed" and isinstance(
                getattr(r, "address", None), str):
            managed.add(r)
    return unit, managed


def _links(path: str, data: Any, meta: Mapping[str, Any]) -> Iterator[Link]:
    """The network links a loaded document declares (Terraform resources; CloudFormation and
    Heat template resources)."""
    resources = getattr(data, "resources", None)
    if isinstance(resources, list):
        unit, managed = _unit_and_managed(path, resources, meta)
        solved = transit.from_terraform(managed.by_address, managed.targets).solve()
        wan = cloudwan.from_terraform(managed.by_address, resources, managed.targets)
        for resource in resources:
            wanted = NETWORK_LINKS.get(getattr(resource, "type", ""))
            if wanted is None or getattr(resource, "mode", "managed") != "managed":
                continue
            ends = tuple(_tf_ends(resource, wanted, managed))
            address = resource.address
            if address in solved.attachments:
                ends = _routed_attachment(ends, "transit_gateway_id", address, solved)
            elif address in wan.attachments:
                # a Cloud WAN attachment placed in a segment: the segments join (_pairs)
                ends = _routed_attachment(ends, "core_network_id", address, wan)
            hubs = ROUTE_HUBS.get(resource.type)
            why = None
            if hubs is not None:
                routed = _through_tables(
                    tuple(_route_ends(resource, hubs, managed)), "transit_gateway_id",
                    _tf_route_vpcs(resource, managed), solved)
                if _routes_not_known(resource):
                    # (a ``dynamic "route"`` over an input: any of them may name a hub)
                    routed = (*routed, (hubs[0], None))
                    why = ROUTES_NOT_KNOWN.format(address)
                if not routed:
                    continue  # no route to a transit gateway or a peering: no link
                ends = tuple(e for e in ends if e[0] not in hubs) + routed
            yield Link(unit, address, ends, why=why)
        yield from _pairs(unit, solved)
        yield from _pairs(unit, wan)
        return
    if isinstance(data, Mapping):
        template = data.get("Resources") or data.get("resources")
        if isinstance(template, Mapping):
            yield from _template_links(path, template)


def _lattice(path: str, data: Any, meta: Mapping[str, Any]
             ) -> dict[tuple[str, str], lattice.Reach]:
    """Who reaches each target of a loaded document through VPC Lattice
    (``graph.lattice``), by (unit, address)."""
    resources = getattr(data, "resources", None)
    if isinstance(resources, list):
        if not any(getattr(r, "type", "").startswith(lattice.TF_TYPES) for r in resources):
            return {}
        unit, managed = _unit_and_managed(path, resources, meta)
        found = lattice.from_terraform(managed.by_address, managed.targets)
        return {(unit, address): reach for address, reach in found.items()}
    if isinstance(data, Mapping):
        template = data.get("Resources")
        if isinstance(template, Mapping):
            found = lattice.from_template(
                template, lambda value: _template_target(value, template))
            return {(path, name): reach for name, reach in found.items()}
    return {}


def _template_links(path: str, template: Mapping[str, Any]) -> Iterator[Link]:
    """The network links of a CloudFormation or Heat template's resources."""
    solved = transit.from_template(
        template, lambda value: _template_target(value, template)).solve()
    wan = cloudwan.from_template(template, lambda value: _template_target(value, template))
    for name, body in template.items():
        if not isinstance(body, Mapping):
            continue
        wanted = NETWORK_LINKS.get(str(body.get("Type") or body.get("type") or ""))
        if wanted is None:
            continue
        props = body.get("Properties") or body.get("properties") or {}
        if not isinstance(props, Mapping):
            continue
        kind = str(body.get("Type") or body.get("type"))
        hubs = ROUTE_HUBS.get(kind, ())
        if hubs and not any(props.get(h) is not None for h in hubs):
            continue  # a route to an internet or NAT gateway: no link
        ends = tuple(
            end
            for argument in wanted if props.get(argument) is not None
            for end in _template_ends(kind, argument, props[argument], template)
        )
        if name in solved.attachments:
            ends = _routed_attachment(ends, "TransitGatewayId", str(name), solved)
        elif name in wan.attachments:
            ends = _routed_attachment(ends, "CoreNetworkId", str(name), wan)
        if hubs:
            table = _template_target(props.get("RouteTableId"), template)
            table_body = template.get(table) if table is not None else None
            table_props = table_body.get("Properties") if isinstance(
                table_body, Mapping) else None
            vpc = _template_target(table_props.get("VpcId"), template) if isinstance(
                table_props, Mapping) else None
            routed = _through_tables(
                tuple(e for e in ends if e[0] in hubs), "TransitGatewayId",
                [vpc] if vpc is not None else [], solved)
            if not routed:
                continue
            ends = tuple(e for e in ends if e[0] not in hubs) + routed
        yield Link(path, str(name), ends)
    yield from _pairs(path, solved)
    yield from _pairs(path, wan)


def _routed_attachment(
    ends: tuple[tuple[str, str | None], ...], hub: str, address: str, solved: transit.Solved
) -> tuple[tuple[str, str | None], ...]:
    """A VPC attachment of a transit gateway of the scan: its gateway's route tables, not
    the gateway, join it (``_pairs``); one whose routing is not known names a hub not known
    (its island is open)."""
    if address in solved.mesh:
        # on the default table of a gateway that meshes by default: its hub (open when the
        # table routes to or for a VPN, a peering: networks not in the scan)
        return (*ends, (hub, None)) if address in solved.open else ends
    kept = tuple(e for e in ends if e[0] != hub)
    return (*kept, (hub, None)) if address in solved.open else kept


def _through_tables(
    routed: tuple[tuple[str, str | None], ...], hub: str, vpcs: list[str],
    solved: transit.Solved,
) -> tuple[tuple[str, str | None], ...]:
    """A VPC route to a transit gateway of the scan whose route tables are read: it joins
    nothing itself when the VPC is attached to that gateway in the scan (the gateway's
    tables decide what the attachment reaches); else its attachment (of another
    configuration) is taken to be on the default table of a gateway that meshes by default
    (its hub, as the default says), and not known otherwise (a hub not known)."""
    out: list[tuple[str, str | None]] = []
    for argument, target in routed:
        if argument != hub or target not in solved.gateways:
            out.append((argument, target))
        elif not vpcs or not all((target, v) in solved.attached for v in vpcs):
            out.append((argument, target if target in solved.meshed else None))
    return tuple(out)


def _tf_route_vpcs(resource: Any, managed: _Managed) -> list[str]:
    """The VPC of a route's table (of a table, its own) when the scan holds it."""
    if resource.type == "aws_route_table":
        return managed.targets(resource, "vpc_id")
    if resource.type == "aws_default_route_table":
        return managed.targets(resource, "default_route_table_id")
    tables = [managed.get(t) for t in managed.targets(resource, "route_table_id")]
    return [v for t in tables if t is not None for v in managed.targets(t, "vpc_id")]


def _pairs(unit: str, solved: transit.Solved) -> Iterator[Link]:
    """Two VPC attachments of one transit gateway, the first's route table routing to the
    second (one link per direction)."""
    for first, second in solved.pairs:
        yield Link(unit, f"{first}|{second}", (
            ("transit_gateway_attachment_id", first), ("transit_gateway_attachment_id", second),
        ), adjacent=True)


def _managed_targets(resource: Any, argument: str) -> list[str]:
    """The managed resources a Terraform argument (or block) references (their instance
    keys as the references write them)."""
    targets = [
        ref.target for ref in resource.references
        if ref.attribute == argument or ref.attribute.startswith(argument + ".")
    ]
    return [t for t in targets if not t.startswith("data.") and ".data." not in t]


def _tf_ends(
    resource: Any, wanted: tuple[str, ...], managed: _Managed
) -> Iterator[tuple[str, str | None]]:
    for argument in wanted:
        if resource.values.get(argument) in (None, "", []):
            continue
        targets = managed.targets(resource, argument)
        if not targets:
            yield argument, None  # an input, a lookup or a literal id: any network
        through = THROUGH.get((resource.type, argument))
        for target in targets:
            named = managed.get(target)
            if through is None:
                yield argument, target
            elif named is None or named.type != through[0]:
                yield argument, None  # not the port of the scan it should be: not known
            else:
                # a port of the scan: its network (and its fixed IPs' subnets)
                found = [t for a in through[1] for t in managed.targets(named, a)]
                yield from ((through[1][0], t) for t in found)
                if not found:
                    yield argument, None


#: Why a table's island is open when its inline routes are not known (Thai:
#: models/reason_words.py).
ROUTES_NOT_KNOWN = "the routes of {} are not known (a value not known writes them)"


def _routes_not_known(resource: Any) -> bool:
    """Whether a table's inline ``route`` blocks are not known (a ``dynamic "route"`` over
    an input without a default, an item not known)."""
    if resource.type not in ("aws_route_table", "aws_default_route_table"):
        return False
    routes = resource.values.get("route")
    if isinstance(routes, list):
        return any(not isinstance(item, Mapping) for item in routes)
    return routes is not None


def _route_ends(
    resource: Any, hubs: tuple[str, ...], managed: _Managed
) -> Iterator[tuple[str, str | None]]:
    """The transit gateways and peerings a route (or a table's inline ``route`` blocks)
    names: ``(argument, address)``, the address None when it is not a resource of the scan."""
    if resource.type in ("aws_route_table", "aws_default_route_table"):
        routes = resource.values.get("route")
        items = routes if isinstance(routes, list) else []
        paths = [f"route.{i}." for i in range(len(items))]
    else:
        items, paths = [resource.values], [""]
    for item, prefix in zip(items, paths, strict=True):
        if not isinstance(item, Mapping):
            continue
        for argument in hubs:
            if item.get(argument) in (None, ""):
                continue
            targets = managed.targets(resource, prefix + argument)
            if not targets:
                yield argument, None  # an input or a literal id: a hub outside the scan
            yield from ((argument, t) for t in targets)


def _template_ends(
    kind: str, argument: str, value: Any, resources: Mapping[str, Any]
) -> Iterator[tuple[str, str | None]]:
    """What a template link's property names; a router interface's ``port``: the port's
    network when the port is a resource of the template."""
    target = _template_target(value, resources)
    through = THROUGH.get((kind, argument))
    if through is None or target is None:
        yield argument, target
        return
    body = resources.get(target)
    props = body.get("Properties") or body.get("properties") if isinstance(
        body, Mapping) else None
    if not isinstance(body, Mapping) or str(body.get("Type") or body.get("type")) != through[0] \
            or not isinstance(props, Mapping):
        yield argument, None
        return
    found = [
        t for a in through[1] if props.get(a) is not None
        if (t := _template_target(props[a], resources)) is not None
    ]
    yield from ((through[1][0], t) for t in found)
    if not found:
        yield argument, None


def _template_target(value: Any, resources: Mapping[str, Any]) -> str | None:
    """The logical id of a template resource a property names (``Ref``, ``Fn::GetAtt``,
    ``get_resource``, ``get_attr``); None for anything else (a parameter, an import)."""
    if isinstance(value, Mapping) and len(value) == 1:
        (key, inner), = value.items()
        if key in ("Ref", "get_resource") and isinstance(inner, str):
            return inner if inner in resources else None
        if key in ("Fn::GetAtt", "get_attr"):
            head = inner.split(".")[0] if isinstance(inner, str) else (
                inner[0] if isinstance(inner, list) and inner else None)
            return head if isinstance(head, str) and head in resources else None
    return None
