"""Transit gateway route tables: which VPC attachments of one transit gateway reach each other.

A transit gateway routes the traffic entering it from an attachment by the one route table the
attachment is associated with ("Each attachment is associated with exactly one route table",
AWS Transit Gateway guide, tgw-route-tables.html); that table's routes — propagated by
attachments (a propagation) or written (a static route; a blackhole route drops) — say which
attachments it reaches. Unless the gateway says otherwise
(``default_route_table_association`` / ``default_route_table_propagation``,
CloudFormation ``DefaultRouteTableAssociation`` / ``DefaultRouteTablePropagation``: "enable"
by default, Terraform registry aws_ec2_transit_gateway and AWS::EC2::TransitGateway), every
attachment is associated with, and propagates to, the gateway's default route table, and so
reaches every other such attachment; a Terraform VPC attachment may opt out
(``transit_gateway_default_route_table_association`` / ``_propagation``, default true,
registry aws_ec2_transit_gateway_vpc_attachment).

A VPC attachment reaches another when the table it is associated with routes to it ("the
route table associated with the attachment [is used] to route traffic from the attachment",
"Route propagation ... the routes are propagated to the route table"; AWS Transit Gateway
guide, how-transit-gateways-work.html / tgw-route-tables.html): a direction, since stop 48
(the graph joined them both ways when either table routed to the other, so a VPC that an
isolated table routes to reached back into it: an inspection or shared-services VPC whose
table holds every spoke's propagation made each spoke reachable from it and it from each).
The answer to a connection needs the other table's route back; a route one way is taken to
deliver what it carries (a request reaches the service, a UDP datagram needs no answer), so
the reading is never narrower than the tables. Reaches through a gateway are not transitive:
two spokes reaching a shared-services VPC do not reach each other (``Islands.reach``).

What the scan does not tell stays uncertain: an attachment whose table is not known (an
association naming a table of another configuration, a default setting from an input), or
whose table routes to (or is used by) an attachment that is no VPC attachment of the scan (a
VPN, a peering, an input) is *open* (it may be joined to networks not in the scan). A gateway
that is not a resource of the scan is not read here: attachments to it join through the hub
as before (``graph.scope``).
"""

from __future__ import annotations

import ipaddress
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from gdcc_audit.models.unknown import UNKNOWN

#: Terraform / CloudFormation types read here.
TF_GATEWAY = "aws_ec2_transit_gateway"
TF_ATTACHMENT = "aws_ec2_transit_gateway_vpc_attachment"
CFN_GATEWAY = "AWS::EC2::TransitGateway"
CFN_ATTACHMENTS = frozenset({"AWS::EC2::TransitGatewayAttachment",
                             "AWS::EC2::TransitGatewayVpcAttachment"})
_DEFAULT = "default:"
#: Attachments that are no VPC attachment, with the argument naming their gateway.
TF_OTHERS = {
    "aws_vpn_connection": "transit_gateway_id",
    "aws_ec2_transit_gateway_peering_attachment": "transit_gateway_id",
    "aws_ec2_transit_gateway_connect": "transit_gateway_id",
    "aws_dx_gateway_association": "associated_gateway_id",
}
CFN_OTHERS = frozenset({"AWS::EC2::VPNConnection", "AWS::EC2::TransitGatewayPeeringAttachment",
                        "AWS::EC2::TransitGatewayConnect"})


@dataclass
class _Gateway:
    #: whether attachments are associated with / propagate to its default table (None:
    #: not known)
    associate: bool | None = True
    propagate: bool | None = True
    #: its default association / propagation table: a table of the scan, "" for the
    #: implicit default table, None when not known
    association_table: str | None = ""
    propagation_table: str | None = ""


@dataclass
class _Attachment:
    gateway: str
    associate: bool | None = True
    propagate: bool | None = True


@dataclass
class Routing:
    """One unit's transit gateways of the scan, their tables and who uses them. Names are the
    unit's addresses (Terraform, with instance keys) or logical ids; None: not a resource
    of the unit (an input, a literal id, a lookup)."""

    gateways: dict[str, _Gateway] = field(default_factory=dict)
    attachments: dict[str, _Attachment] = field(default_factory=dict)
    #: attachment -> its VPC (None: not known)
    vpcs: dict[str, str | None] = field(default_factory=dict)
    tables: dict[str, str | None] = field(default_factory=dict)
    associations: list[tuple[str | None, str | None]] = field(default_factory=list)
    #: propagations and static routes (not blackholes): (attachment, table)
    reaches: list[tuple[str | None, str | None]] = field(default_factory=list)
    #: attachments to a gateway of the unit that are no VPC attachment (a VPN connection,
    #: a peering attachment, a Direct Connect gateway association, a Connect attachment):
    #: name -> gateway. They reach networks outside the scan (on premises, another Region).
    others: dict[str, str] = field(default_factory=dict)
    #: propagations, before blackholes are read: (attachment, table)
    propagations: list[tuple[str | None, str | None]] = field(default_factory=list)
    #: blackhole routes: (table, destination range)
    blackholes: set[tuple[str, Any]] = field(default_factory=set)
    #: VPC -> its ranges, IPv4 and IPv6 (``_V4_NOT_KNOWN`` / ``_V6_NOT_KNOWN`` for a range
    #: whose value is not known: an IPAM pool, an Amazon-provided IPv6 block, an input)
    ranges: dict[str, list[Any]] = field(default_factory=dict)
    #: attachment -> whether it propagates its VPC's IPv6 ranges (``ipv6_support`` /
    #: ``Ipv6Support``, default "disable"; None when not known)
    ipv6: dict[str, bool | None] = field(default_factory=dict)

    def propagate(self) -> None:
        """Put the propagations into ``reaches``, but for one whose VPC's ranges the
        blackhole routes of that table drop, each range whole: "Static routes have a higher
        priority than propagated routes" for the same destination, a more specific route
        wins (longest prefix match), and a blackhole route "drops traffic that matches the
        route" (AWS Transit Gateway guide, tgw-route-tables.html, "Route evaluation order" /
        "Create a static route"). So blackholes of the range, or of parts of it that
        together cover it (summed with ``ipaddress``), drop it; a wider blackhole (the
        propagated VPC range is more specific and wins) or one leaving a part of the range
        drops nothing read here. Since stop 49 the pieces are summed, and IPv6 ranges are
        read: propagated only when the attachment enables IPv6 support ("When disabled
        ... IPv6 routes do not propagate. The default is disable", EC2 API reference,
        CreateTransitGatewayVpcAttachmentRequestOptions), so a VPC's IPv6 range needs no
        blackhole then; before, a VPC with any other range was never dropped."""
        for attachment, table in self.propagations:
            vpc = self.vpcs.get(attachment) if attachment is not None else None
            if (table is not None and vpc is not None and vpc in self.ranges
                    and self._dropped(table, self.ranges[vpc],
                                      self.ipv6.get(str(attachment), False))):
                continue
            self.reaches.append((attachment, table))

    def _dropped(self, table: str, ranges: list[Any], ipv6: bool | None) -> bool:
        """Whether the blackholes of ``table`` cover each of ``ranges`` that is propagated
        (IPv6 ones only when the attachment's ``ipv6`` support is not known to be off)."""
        wanted = [r for r in ranges
                  if r is _V4_NOT_KNOWN or (r is not _V6_NOT_KNOWN and r.version == 4)
                  or ipv6 is not False]
        if not wanted:
            return False
        for network in wanted:
            if isinstance(network, str):
                return False  # a range whose value is not known: not known to be dropped
            pieces = [hole for name, hole in self.blackholes if name == table
                      and hole.version == network.version and hole.subnet_of(network)]
            if list(ipaddress.collapse_addresses(pieces)) != [network]:
                return False
        return True

    def solve(self) -> Solved:
        solved = Solved(gateways=frozenset(self.gateways), meshed=frozenset(
            name for name, g in self.gateways.items()
            if g.associate is True and g.propagate is True
            and g.association_table == "" and g.propagation_table == ""
        ))
        modeled = {a for a, att in self.attachments.items() if att.gateway in self.gateways}
        if not modeled:
            return solved
        associated: dict[str, set[str]] = {}
        reached: dict[str, set[str]] = {}
        foreign_senders: set[str] = set()
        foreign_reach: set[str] = set()
        open_: set[str] = set()
        for name in sorted(modeled):
            attachment = self.attachments[name]
            gateway = self.gateways[attachment.gateway]
            for wanted, flag, chosen in (
                (True, (gateway.associate, attachment.associate), gateway.association_table),
                (False, (gateway.propagate, attachment.propagate), gateway.propagation_table),
            ):
                if False in flag:
                    continue  # not associated with (propagated to) the default table
                if None in flag or chosen is None:
                    open_.add(name)  # whether (and which) default table is not known
                    continue
                default = chosen or _DEFAULT + attachment.gateway
                if wanted:
                    associated.setdefault(name, set()).add(default)
                else:
                    reached.setdefault(default, set()).add(name)
        for attachment_name, table_name in self.associations:
            table = self._table(table_name)
            if attachment_name in modeled and table is not None:
                associated.setdefault(attachment_name, set()).add(table)
            elif attachment_name in modeled:
                open_.add(attachment_name)  # routed by a table of another configuration
            elif table is not None:
                foreign_senders.add(table)  # a VPN, a peering, an input sends by it
        for attachment_name, table_name in self.reaches:
            table = self._table(table_name)
            if attachment_name in modeled and table is not None:
                reached.setdefault(table, set()).add(attachment_name)
            elif attachment_name in modeled:
                open_.add(attachment_name)  # reached from a table not known
            elif table is not None:
                foreign_reach.add(table)  # it routes to a network not in the scan
        pairs: set[tuple[str, str]] = set()
        for name in sorted(modeled):
            for table in associated.get(name, ()):
                if table in foreign_reach:
                    open_.add(name)
                for other in reached.get(table, ()):
                    if other != name:
                        pairs.add((name, other))  # name's table routes to other
        self._others_on_defaults(modeled, foreign_senders, foreign_reach, open_)
        for name in sorted(modeled):
            for table in associated.get(name, ()):
                if table in foreign_reach:
                    open_.add(name)
        for table in foreign_senders:
            open_.update(reached.get(table, ()))
        solved.attachments = frozenset(modeled)
        solved.mesh = frozenset(
            name for name in modeled
            if (hub := self.attachments[name].gateway) in solved.meshed
            and associated.get(name) == {_DEFAULT + hub}
            and name in reached.get(_DEFAULT + hub, ())
        )
        solved.open = frozenset(open_)
        solved.pairs = tuple(sorted(pairs))
        solved.attached = frozenset(
            (self.attachments[a].gateway, vpc) for a in modeled
            if (vpc := self.vpcs.get(a)) is not None
        )
        return solved

    def _others_on_defaults(self, modeled: set[str], senders: set[str], reach: set[str],
                            open_: set[str]) -> None:
        """A VPN, peering, Direct Connect or Connect attachment with no association
        (propagation) of the scan is associated with (propagates to) its gateway's default
        tables as the gateway's settings say, like a VPC attachment: the VPCs that table
        routes to are reached from networks outside the scan, and those it routes for reach
        them (open). They were not read: a VPN on a meshed gateway left its VPCs closed."""
        associated = {a for a, _ in self.associations}
        propagated = {a for a, _ in self.reaches}
        for name, hub in self.others.items():
            gateway = self.gateways.get(hub)
            if gateway is None:
                continue
            for flag, chosen, written, into in (
                (gateway.associate, gateway.association_table, associated, senders),
                (gateway.propagate, gateway.propagation_table, propagated, reach),
            ):
                if flag is False or name in written:
                    continue
                if flag is None or chosen is None:
                    # which table, if any, is not known: every attachment of the gateway
                    open_.update(a for a in modeled if self.attachments[a].gateway == hub)
                    continue
                into.add(chosen or _DEFAULT + hub)

    def _table(self, name: str | None) -> str | None:
        """A table of the scan (a gateway named where a table is: its default table)."""
        if name is None:
            return None
        if name in self.gateways:
            return _DEFAULT + name
        return name if name in self.tables and self.tables[name] in self.gateways else None


@dataclass
class Solved:
    """What the route tables say: the VPC attachments of gateways of the scan (their hub no
    longer joins them, but for the ``mesh``), those of them that are open, the pairs of them
    that reach each other, and (gateway, VPC) of each such attachment."""

    gateways: frozenset[str] = frozenset()
    #: gateways whose attachments are associated with, and propagate to, the default table
    #: by default: a VPC routing to one whose attachment is not in the scan is taken to be
    #: on that table (the default)
    meshed: frozenset[str] = frozenset()
    attachments: frozenset[str] = frozenset()
    #: attachments on the default table of a ``meshed`` gateway: joined through its hub
    mesh: frozenset[str] = frozenset()
    open: frozenset[str] = frozenset()
    #: (sender, receiver): the table the sender is associated with routes to the receiver
    pairs: tuple[tuple[str, str], ...] = ()
    attached: frozenset[tuple[str, str]] = frozenset()


def _flag(value: Any, default: bool = True) -> bool | None:
    """An enable/disable or boolean setting: its default when unset, None when not known."""
    if value is None:
        return default
    if value is UNKNOWN or not isinstance(value, (str, bool)):
        return None
    if isinstance(value, bool):
        return value
    lowered = value.lower()
    if lowered in ("enable", "true"):
        return True
    if lowered in ("disable", "false"):
        return False
    return None


# -- Terraform -----------------------------------------------------------------------------

def _one(targets: list[str]) -> str | None:
    return targets[0] if len(targets) == 1 else None


def _range(value: Any) -> Any:
    """An IPv4 or IPv6 range written as text (None otherwise)."""
    if not isinstance(value, str):
        return None
    try:
        return ipaddress.ip_network(value, strict=False)
    except ValueError:
        return None


#: A VPC's ranges besides its primary IPv4 range (Terraform / CloudFormation).
_TF_MORE_RANGES = ("aws_vpc_ipv4_cidr_block_association", "aws_vpc_ipv6_cidr_block_association")
_CFN_MORE_RANGES = "AWS::EC2::VPCCidrBlock"
#: A range of a VPC whose value is not known (IPv4, IPv6).
_V4_NOT_KNOWN = "ipv4 not known"
_V6_NOT_KNOWN = "ipv6 not known"


def _written(value: Any, version: int) -> Any:
    """A range of ``version`` written as text, else ``_V4_NOT_KNOWN`` / ``_V6_NOT_KNOWN``."""
    found = _range(value)
    if found is not None and found.version == version:
        return found
    return _V4_NOT_KNOWN if version == 4 else _V6_NOT_KNOWN


def _tf_vpc_ranges(values: Mapping[str, Any]) -> list[Any]:
    """The ranges of an ``aws_vpc`` or of a CIDR block association: ``cidr_block`` (else an
    IPv4 IPAM pool's: not known), and an IPv6 block when one is asked for
    (``assign_generated_ipv6_cidr_block``: Amazon's, not known; ``ipv6_cidr_block``; an
    IPv6 IPAM pool)."""
    found: list[Any] = []
    if values.get("cidr_block") not in (None, "") or values.get("ipv4_ipam_pool_id") not in (
            None, ""):
        found.append(_written(values.get("cidr_block"), 4))
    if any(values.get(k) not in (None, False, "") for k in (
            "assign_generated_ipv6_cidr_block", "ipv6_cidr_block", "ipv6_ipam_pool_id")):
        found.append(_written(values.get("ipv6_cidr_block"), 6))
    return found


def _cfn_vpc_ranges(props: Mapping[str, Any]) -> list[Any]:
    """The ranges of an ``AWS::EC2::VPC`` or ``AWS::EC2::VPCCidrBlock`` (as above:
    ``CidrBlock`` / ``Ipv4IpamPoolId``; ``Ipv6CidrBlock``, ``AmazonProvidedIpv6CidrBlock``,
    ``Ipv6IpamPoolId``, ``Ipv6Pool``)."""
    found: list[Any] = []
    if props.get("CidrBlock") is not None or props.get("Ipv4IpamPoolId") is not None:
        found.append(_written(props.get("CidrBlock"), 4))
    if any(props.get(k) not in (None, False, "false") for k in (
            "Ipv6CidrBlock", "AmazonProvidedIpv6CidrBlock", "Ipv6IpamPoolId", "Ipv6Pool")):
        found.append(_written(props.get("Ipv6CidrBlock"), 6))
    return found


def from_terraform(managed: Mapping[str, Any], targets: Any) -> Routing:
    """The routing of one Terraform unit (``managed``: its managed resources by address
    without keys; ``targets(resource, argument)``: the managed addresses an argument
    references)."""
    routing = Routing()
    for address, resource in managed.items():
        values = resource.values
        kind = resource.type
        if kind == TF_GATEWAY:
            routing.gateways[address] = _Gateway(
                associate=_flag(values.get("default_route_table_association")),
                propagate=_flag(values.get("default_route_table_propagation")),
            )
        elif kind == TF_ATTACHMENT:
            gateway = _one(targets(resource, "transit_gateway_id"))
            if gateway is not None:
                routing.attachments[address] = _Attachment(
                    gateway,
                    _flag(values.get("transit_gateway_default_route_table_association")),
                    _flag(values.get("transit_gateway_default_route_table_propagation")),
                )
                routing.vpcs[address] = _one(targets(resource, "vpc_id"))
                routing.ipv6[address] = _flag(values.get("ipv6_support"), default=False)
        elif kind == "aws_ec2_transit_gateway_route_table":
            routing.tables[address] = _one(targets(resource, "transit_gateway_id"))
        elif kind in TF_OTHERS:
            named = _one(targets(resource, TF_OTHERS[kind]))
            if named is not None:
                routing.others[address] = named
    if not routing.gateways:
        return routing  # (no gateway of the unit: nothing below is read)
    for resource in managed.values():
        kind = resource.type
        if not kind.startswith("aws_ec2_transit_gateway_"):
            continue
        table = _one(targets(resource, "transit_gateway_route_table_id"))
        attachment = _one(targets(resource, "transit_gateway_attachment_id"))
        if kind == "aws_ec2_transit_gateway_route_table_association":
            routing.associations.append((attachment, table))
        elif kind == "aws_ec2_transit_gateway_route_table_propagation":
            routing.propagations.append((attachment, table))
        elif kind == "aws_ec2_transit_gateway_route":
            if _flag(resource.values.get("blackhole"), default=False) is True:
                # a blackhole route drops what it matches
                dropped = _range(resource.values.get("destination_cidr_block"))
                if table is not None and dropped is not None:
                    routing.blackholes.add((table, dropped))
                continue
            if resource.values.get("transit_gateway_attachment_id") not in (None, ""):
                routing.reaches.append((attachment, table))
        elif kind in ("aws_ec2_transit_gateway_default_route_table_association",
                      "aws_ec2_transit_gateway_default_route_table_propagation"):
            hub = routing.gateways.get(_one(targets(resource, "transit_gateway_id")) or "")
            if hub is None:
                continue
            chosen = table if table is not None and table in routing.tables else None
            if kind.endswith("association"):
                hub.association_table = chosen
            else:
                hub.propagation_table = chosen
    if routing.blackholes:
        _tf_ranges(routing, managed, targets)
    routing.propagate()
    return routing


def _tf_ranges(routing: Routing, managed: Mapping[str, Any], targets: Any) -> None:
    """``Routing.ranges`` of the attached VPCs of a Terraform unit (its own and its CIDR
    block associations'; a VPC not of the unit has none read)."""
    more: dict[str, list[Any]] = {}
    for r in managed.values():
        if r.type in _TF_MORE_RANGES:
            named = targets(r, "vpc_id")
            ranges = _tf_vpc_ranges(r.values) or [
                _V4_NOT_KNOWN if r.type == _TF_MORE_RANGES[0] else _V6_NOT_KNOWN]
            for vpc in named:
                more.setdefault(vpc, []).extend(ranges)
    for vpc in {v for v in routing.vpcs.values() if v is not None}:
        resource = managed.get(vpc)
        if resource is not None and resource.type == "aws_vpc":
            routing.ranges[vpc] = _tf_vpc_ranges(resource.values) + more.get(vpc, [])


# -- CloudFormation ------------------------------------------------------------------------

def from_template(resources: Mapping[str, Any], target: Any) -> Routing:
    """The routing of one CloudFormation template (``target(value)``: the logical id a
    property names, None for a parameter or an import)."""
    routing = Routing()
    if not any(isinstance(b, Mapping) and b.get("Type") == CFN_GATEWAY
               for b in resources.values()):
        return routing
    bodies = {
        name: (str(body.get("Type") or ""), props)
        for name, body in resources.items()
        if isinstance(body, Mapping)
        and isinstance(props := body.get("Properties") or {}, Mapping)
    }
    for name, (kind, props) in bodies.items():
        if kind == CFN_GATEWAY:
            gateway = _Gateway(
                associate=_flag(props.get("DefaultRouteTableAssociation")),
                propagate=_flag(props.get("DefaultRouteTablePropagation")),
            )
            for key, attribute in (("AssociationDefaultRouteTableId", "association_table"),
                                   ("PropagationDefaultRouteTableId", "propagation_table")):
                if props.get(key) is not None:
                    setattr(gateway, attribute, target(props[key]))
            routing.gateways[name] = gateway
    for name, (kind, props) in bodies.items():
        if kind in CFN_ATTACHMENTS:
            gateway_name = target(props.get("TransitGatewayId"))
            if gateway_name is not None:
                routing.attachments[name] = _Attachment(gateway_name)
                routing.vpcs[name] = target(props.get("VpcId"))
                options = props.get("Options")
                routing.ipv6[name] = _flag(
                    options.get("Ipv6Support") if isinstance(options, Mapping) else (
                        None if options is None else UNKNOWN), default=False)
        elif kind == "AWS::EC2::TransitGatewayRouteTable":
            routing.tables[name] = target(props.get("TransitGatewayId"))
        elif kind in CFN_OTHERS:
            named = target(props.get("TransitGatewayId"))
            if named is not None:
                routing.others[name] = named
    for kind, props in bodies.values():
        table = target(props.get("TransitGatewayRouteTableId"))
        attachment = target(props.get("TransitGatewayAttachmentId"))
        if kind == "AWS::EC2::TransitGatewayRouteTableAssociation":
            routing.associations.append((attachment, table))
        elif kind == "AWS::EC2::TransitGatewayRouteTablePropagation":
            routing.propagations.append((attachment, table))
        elif kind == "AWS::EC2::TransitGatewayRoute":
            if _flag(props.get("Blackhole"), default=False) is True:
                dropped = _range(props.get("DestinationCidrBlock"))
                if table is not None and dropped is not None:
                    routing.blackholes.add((table, dropped))
                continue
            if props.get("TransitGatewayAttachmentId") is not None:
                routing.reaches.append((attachment, table))
    if routing.blackholes:
        more: dict[str | None, list[Any]] = {}
        for k, p in bodies.values():
            if k == _CFN_MORE_RANGES:
                more.setdefault(target(p.get("VpcId")), []).extend(
                    _cfn_vpc_ranges(p) or [_V4_NOT_KNOWN])
        for vpc in set(routing.vpcs.values()):
            kind, props = bodies.get(vpc or "", ("", {}))
            if kind == "AWS::EC2::VPC":
                routing.ranges[str(vpc)] = _cfn_vpc_ranges(props) + more.get(vpc, [])
    routing.propagate()
    for gateway in routing.gateways.values():
        # a default table the template names must be one of its tables (else not known)
        for attribute in ("association_table", "propagation_table"):
            chosen = getattr(gateway, attribute)
            if chosen and chosen not in routing.tables:
                setattr(gateway, attribute, None)
    return routing
