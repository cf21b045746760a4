"""Route tables and network ACLs: whether a subnet is reachable from the internet at all, and
which ports a subnet's ACL lets in.

A subnet is internet-routable when its route table (the one associated with it, else its
VPC's main table) sends a default route (``0.0.0.0/0``, ``::/0``) to an internet gateway.
That is judged only when route tables of its VPC were scanned; when none were, nothing is
concluded (the caller keeps its gateway test). A VPC's main table that no scanned resource
manages is the one AWS creates: only the local route (the default VPC's: a default route to
its internet gateway), used only when the whole configuration was scanned.

Alibaba Cloud route tables decide only in a VPC whose IPv4 gateway is active for certain
(``ALICLOUD_IPV4_GATEWAY_ACTIVE``), and only for ECS instances: otherwise a public IP or EIP
reaches the internet whatever the route tables say (``normalize/terraform/alicloud_routing``).
There a vSwitch with no attached table uses the VPC's system route table, which routes to
the gateway only by a route entry of the scan.

Network ACLs are stateless and ordered: the entry with the lowest number that matches the
protocol, port and address decides; nothing matching means deny. A subnet with no scanned
ACL has its VPC's default ACL, which allows everything unless a scanned resource manages it.
The answer is "some host of the source can pass", so a deny of part of the source's
addresses does not cut a path, and the reply must pass the outbound entries (ephemeral ports).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from gdcc_audit.graph.acl_numbers import settled_entries
from gdcc_audit.graph.cidr import is_internet, parse_network
from gdcc_audit.graph.ports import PortSet
from gdcc_audit.models import cidr
from gdcc_audit.models.cidr import Network
from gdcc_audit.models.resource import (
    ALICLOUD_IPV4_GATEWAY_ACTIVE,
    ONLY_WITH,
    AclRule,
    Resource,
    exists_with,
)

if TYPE_CHECKING:
    from gdcc_audit.graph.model import ResourceGraph

#: Where a reply goes back to: the client's ephemeral ports.
EPHEMERAL = PortSet.of("tcp", 1024, 65535).union(PortSet.of("udp", 1024, 65535))
#: A peer of ``None`` is the internet (any public address, IPv4 or IPv6).
Peer = Sequence[Network] | None
_DEFAULT_VPC_TYPES = frozenset({"aws_default_vpc"})
#: Alibaba Cloud resources whose public address an active IPv4 gateway carries by the route
#: table of their vSwitch: "An IPv4 gateway provides the network address translation service
#: for resources that are assigned public IPv4 addresses, such as Elastic Compute Service
#: (ECS) instances" (Alibaba Cloud VPC, IPv4 gateway overview); an Auto Scaling configuration
#: stands for the ECS instances it launches, as a launch template a scaling group launches
#: from does. For others (a CLB's or an RDS instance's public
#: endpoint) the route tables are not read.
_ALICLOUD_ROUTED = frozenset({"alicloud_instance", "alicloud_ess_scaling_configuration",
                              "alicloud_ecs_launch_template", "alicloud_launch_template",
                              "alicloud_ecs_instance_set", "alicloud_auto_provisioning_group"})


@dataclass(frozen=True)
class Gate:
    """What a subnet boundary lets through: ports, whether that is certain, and why."""

    ports: PortSet
    certain: bool = True
    why: str = ""


@dataclass
class Routing:
    """Route tables and ACLs of the scanned subnets, indexed once per graph."""

    graph: ResourceGraph
    table_of: dict[str, list[Resource]] = field(default_factory=dict)
    main_of: dict[str, Resource] = field(default_factory=dict)
    vpcs_with_tables: set[str] = field(default_factory=set)
    acl_of: dict[str, list[Resource]] = field(default_factory=dict)
    default_acl_of: dict[str, Resource] = field(default_factory=dict)
    networks: dict[str, Network] = field(default_factory=dict)
    #: Resources whose subnets are not all in the scan (a scaling group launching into a
    #: subnet list with an input in it): no ACL of theirs is known to cut a port.
    partly_placed: set[str] = field(default_factory=set)

    def index(self, resources: Sequence[Resource]) -> Routing:
        """Read the tables and ACLs (and their associations) of ``resources``."""
        for resource in resources:
            if resource.provider_type == "alicloud_vpc" and resource.attributes.get(
                ALICLOUD_IPV4_GATEWAY_ACTIVE
            ):
                self.vpcs_with_tables.add(resource.id)  # its system table: no route to it
            if resource.kind not in ("network.route_table", "network.acl"):
                continue
            if resource.provider_type.startswith("alicloud_") and not self._gated(resource):
                continue
            table = resource.kind == "network.route_table"
            for target in self.graph.references(resource):
                if target.kind == "network.subnet":
                    owners = self.table_of if table else self.acl_of
                    owners.setdefault(target.id, []).append(resource)
                elif target.kind == "network.vpc":
                    if table:
                        self.vpcs_with_tables.add(target.id)
                    if resource.facets.vpc_default:
                        (self.main_of if table else self.default_acl_of)[target.id] = resource
        return self

    def _gated(self, table: Resource) -> bool:
        """Whether an Alibaba route table is of a VPC whose IPv4 gateway is active for
        certain (named directly, or through a vSwitch it is attached to)."""
        vpcs = list(self.graph.references(table, "network.vpc"))
        for subnet in self.graph.references(table, "network.subnet"):
            vpcs.extend(self.graph.references(subnet, "network.vpc"))
        return any(v.attributes.get(ALICLOUD_IPV4_GATEWAY_ACTIVE) for v in vpcs)

    # -- routes -------------------------------------------------------------------------
    def routable(
        self, subnets: Sequence[Resource], target: Resource | None = None
    ) -> tuple[bool | None, str]:
        """Whether the internet can route to these subnets (one suffices): True, False, or
        None with why not known; ``(None, "")`` when no route table of their VPC was scanned.
        ``target``: what is placed there; a route table association only another value
        creates (``ONLY_WITH``, unless ``target``'s too) routes it to the internet only
        uncertainly (it was for certain)."""
        if (target is not None and target.provider_type.startswith("alicloud_")
                and target.provider_type not in _ALICLOUD_ROUTED):
            return None, ""
        states = [self._subnet_route(s, target) for s in subnets if s.kind == "network.subnet"]
        for state in states:
            if state[0] is True:
                return state
        if states and all(s[0] is False for s in states):
            return False, states[0][1]
        unknown = [s for s in states if s[0] is None and s[1]]
        return (None, unknown[0][1]) if unknown else (None, "")

    def _subnet_route(
        self, subnet: Resource, target: Resource | None
    ) -> tuple[bool | None, str]:
        found = self._own_route(subnet, target)
        if found[0] is True or target is None:
            return found
        for table in self.table_of.get(subnet.id) or ():
            if not exists_with(target, table) and self._judge(table)[0] is not False:
                return None, (f"{table.name} ({table.attributes[ONLY_WITH]}) may route "
                              f"{subnet.name} to the internet")
        return found

    def _own_route(self, subnet: Resource, target: Resource | None) -> tuple[bool | None, str]:
        tables = [t for t in self.table_of.get(subnet.id) or ()
                  if target is None or exists_with(target, t)]
        if tables:
            results = [self._judge(t) for t in tables]
            return next((r for r in results if r[0] is not False), results[0])
        vpcs = list(self.graph.references(subnet, "network.vpc"))
        if not vpcs or vpcs[0].id not in self.vpcs_with_tables:
            return None, ""
        vpc = vpcs[0]
        if vpc.id in self.main_of:
            return self._judge(self.main_of[vpc.id])
        if self.graph.scope.gaps(subnet.location.file):
            return None, f"route table of {subnet.name} may be in a part not scanned"
        if vpc.provider_type == "alicloud_vpc":
            return False, (
                f"{subnet.name} uses the system route table of {vpc.name}, to which no route "
                "entry of the scan adds a route to its IPv4 gateway"
            )
        if vpc.provider_type in _DEFAULT_VPC_TYPES:
            return True, f"the default VPC's main route table routes {subnet.name} to the internet"
        return False, (
            f"{subnet.name} uses the main route table of {vpc.name}, which has only its local "
            "route (not managed in the scanned code)"
        )

    def _judge(self, table: Resource) -> tuple[bool | None, str]:
        routes = table.facets.routes
        if routes is None:
            kind = table.provider_type.lower()
            if "association" in kind or "attachment" in kind:
                return None, f"the route table {table.name} associates is not in the scan"
            return None, f"routes of route table {table.name} not known"
        to_gateway = [r for r in routes if r.target == "internet_gateway"]
        if any(r.destination is not None and is_internet(r.destination) for r in to_gateway):
            return True, f"route table {table.name} routes to an internet gateway"
        if to_gateway or any(r.target is None for r in routes):
            return None, f"routes of {table.name} only partly known"
        return False, f"route table {table.name} has no route to an internet gateway"

    # -- network ACLs ---------------------------------------------------------------------
    def inbound(
        self, target: Resource, peer: Peer, ports: PortSet, *, crossing: bool = False
    ) -> Gate:
        """The ports of ``ports`` that the ACLs of ``target``'s subnets let in from ``peer``
        (and let the reply out to it). A subnet whose address range overlaps the peer's is
        not filtered (traffic inside a subnet does not cross its ACL) unless ``crossing``
        says the traffic comes from another subnet."""
        subnets = list(self.graph.references(target, "network.subnet"))
        if not subnets or not ports or target.id in self.partly_placed:
            return Gate(ports)
        passed = PortSet()
        certain = True
        whys: list[str] = []
        for subnet in subnets:
            gate = self._subnet_gate(subnet, peer, ports, crossing, target)
            passed = passed.union(gate.ports)
            certain = certain and gate.certain
            if gate.why:
                whys.append(gate.why)
        return Gate(passed, certain, "; ".join(dict.fromkeys(whys)))

    def _subnet_gate(
        self, subnet: Resource, peer: Peer, ports: PortSet, crossing: bool, target: Resource
    ) -> Gate:
        own = self.networks.get(subnet.id)
        if not crossing and peer is not None and own is not None and any(
            p.version == own.version and p.overlaps(own)
            for p in peer
        ):
            return Gate(ports)
        # an ACL only another value associates (``ONLY_WITH``) is not the one of a subnet
        # where ``target`` is: a deny-all ACL created only when IsProd holds cut the path
        # to a server the defaults create (a wrong PASS)
        acls = [a for a in self.acl_of.get(subnet.id) or () if exists_with(target, a)]
        if not acls:
            vpc = next(iter(self.graph.references(subnet, "network.vpc")), None)
            default = self.default_acl_of.get(vpc.id) if vpc is not None else None
            if default is None:
                return Gate(ports)  # the VPC's default ACL: allows all unless managed
            acls = [default]
        passed, certain = PortSet(), True
        for acl in acls:
            if acl.facets.acl_rules is None:
                return Gate(ports, False, f"entries of network ACL {acl.name} not known")
            rules = settled_entries(acl.facets.acl_rules)
            inn, sure_in = evaluate(rules, False, peer, ports)
            back, sure_back = evaluate(rules, True, peer, EPHEMERAL)
            if not back:
                if sure_back:
                    inn = PortSet()
                else:
                    sure_in = False
            passed = passed.union(inn)
            certain = certain and sure_in and sure_back
        why = ""
        cut = ports.minus(passed)
        if cut:
            why = f"network ACL {acls[0].name} of subnet {subnet.name} blocks {cut}"
        return Gate(passed, certain, why)


def _reach(rule_cidr: str | None, peer: Peer) -> str:
    """How much of the peer an entry's address range covers: ``all``, ``part``, ``none`` or
    ``unknown``."""
    if rule_cidr is None:
        return "unknown"
    network = parse_network(rule_cidr)
    if network is None:
        return "unknown"
    if peer is None:  # the internet: every public address of both versions
        if network.prefixlen == 0:
            return "part"  # all of one IP version: some internet hosts, not all (the other)
        return "part" if cidr.is_public(rule_cidr) else "none"
    overlapping = [
        item for item in peer
        if item.version == network.version and item.overlaps(network)
    ]
    if not overlapping:
        return "none"
    inside = all(item.subnet_of(network) for item in overlapping)  # type: ignore[arg-type]
    return "all" if inside and len(overlapping) == len(peer) else "part"


def _ports(rule: AclRule) -> PortSet | None:
    if rule.protocol == "unknown":
        return None
    if rule.protocol in ("all", "icmp", "icmpv6"):
        return PortSet.of(rule.protocol, 0, 65535)
    if rule.from_port is None or rule.to_port is None:
        return None
    return PortSet.of(rule.protocol, rule.from_port, rule.to_port)


def evaluate(
    rules: Sequence[AclRule], egress: bool, peer: Peer, ports: PortSet
) -> tuple[PortSet, bool]:
    """The ports of ``ports`` that some host of ``peer`` gets through the entries of one
    direction, lowest number first (first match decides; none matching denies), and whether
    that is certain. An entry of unknown number, action, ports or range may allow (it is
    counted as passing) and never denies surely."""
    wanted = sorted(
        (r for r in rules if r.egress == egress),
        key=lambda r: (r.number is None, r.number or 0),
    )
    undecided = {"v4": ports, "v6": ports} if peer is None else {"any": ports}
    passed, certain = PortSet(), True
    for rule in wanted:
        span = _ports(rule)
        reach = _reach(rule.cidr, peer)
        if reach == "none":
            continue
        unsure = span is None or reach == "unknown" or rule.allow is None or rule.number is None
        for family, left in undecided.items():
            if peer is None and reach != "unknown" and _family(rule.cidr) != family:
                continue
            hit = left if span is None else left.intersect(span)
            if not hit:
                continue
            if unsure:
                certain = False
                if rule.allow is not False:
                    passed = passed.union(hit)
                continue
            if rule.allow:
                passed = passed.union(hit)
            if reach == "all" or (peer is None and _whole(rule.cidr)):
                undecided[family] = left.minus(hit)
    return passed, certain


def _family(rule_cidr: str | None) -> str:
    network = parse_network(rule_cidr)
    return "v6" if network is not None and network.version == 6 else "v4"


def _whole(rule_cidr: str | None) -> bool:
    network = parse_network(rule_cidr)
    return network is not None and network.prefixlen == 0
