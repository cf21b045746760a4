"""Azure virtual machines in the reachability graph: their network interfaces, the subnets of
those, and the network security groups (NSGs) of both.

Inbound, "Azure processes the rules in a network security group associated to a subnet first,
if there's one, and then the rules in a network security group associated to the network
interface, if there's one. This includes intra-subnet traffic as well"; "To allow port 80 to
the virtual machine, both NSG1 and NSG2 must have a rule that allows port 80 from the
internet"; "All network traffic is allowed through a subnet and network interface if they
don't have a network security group associated to them" (learn.microsoft.com/azure/
virtual-network/network-security-group-how-it-works). So what reaches a VM through one network
interface is what the subnet's NSG allows **and** the interface's NSG allows (an intersection,
where AWS security groups add up), everything when neither has one; a VM with several
interfaces is reached through any of them. The default rules of every NSG are in its ingress
(``normalize/terraform/azure_nsg``: ``AllowVnetInBound`` as a rule for ``VirtualNetwork``,
``DenyAllInBound`` as "nothing else").

A public IP address of the Standard SKU is "Secure by default model and be closed to inbound
traffic when used as a frontend. Allow traffic with network security group (NSG) is
required"; a Basic one is "Open by default. Network security groups are recommended but
optional" (learn.microsoft.com/azure/virtual-network/ip-services/public-ip-addresses, "SKU").
The azurerm provider creates a Standard one when ``sku`` is not written ("Defaults to
`Standard`", azurerm ``public_ip`` page, since provider 4.0; 3.x defaulted to ``Basic``, and
"`sku` can no longer be set to `Basic` as of 31 March 2025 for new resources"): the mapper
writes the SKU of the provider versions the root runs with (``VERSIONED_ATTRIBUTES`` in
``normalize.versioned_defaults``; None, not known, when the versions allowed disagree), and
:func:`sku_note` says so.

Not known, never "no group": a network interface or subnet that is not in the scan, an NSG
association whose group is not in the scan (or is not written as a reference), a group whose
rules are not known, and a part of the configuration that was not scanned (a module not read
may associate a group).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from gdcc_audit.graph.cidr import is_internet
from gdcc_audit.graph.ports import PortSet
from gdcc_audit.models import cidr
from gdcc_audit.models.common import Text
from gdcc_audit.models.ports import port_number
from gdcc_audit.models.resource import IngressRule, Resource

if TYPE_CHECKING:
    from gdcc_audit.graph.model import ResourceGraph

VM_TYPES = frozenset(
    {"azurerm_linux_virtual_machine", "azurerm_windows_virtual_machine", "azurerm_virtual_machine"}
)
SCALE_SET_TYPES = frozenset(
    {"azurerm_linux_virtual_machine_scale_set", "azurerm_windows_virtual_machine_scale_set"}
)
#: The service tag for the virtual network's address space (and peered and on-premises
#: networks): the source of the default ``AllowVnetInBound`` rule.
VNET_TAG = "virtualnetwork"
_NSG_ATTRIBUTE = "network_security_group_id"
#: Resources that associate an NSG with an interface or subnet (merged into it).
_ASSOCIATIONS = frozenset(
    {"azurerm_network_interface_security_group_association",
     "azurerm_subnet_network_security_group_association"}
)
_PROTOCOLS = frozenset({"tcp", "udp", "icmp", "all"})
_INDEX = re.compile(r"\[[^\[\]]*\]$")

Rules = list[tuple[IngressRule, Resource | None]]


def applies(resource: Resource) -> bool:
    """True for an Azure VM or scale set (reached through its network interfaces)."""
    return resource.provider_type in VM_TYPES or resource.provider_type in SCALE_SET_TYPES


@dataclass(frozen=True)
class Layer:
    """One filtering point (a subnet or a network interface): the rules of its NSG with the
    group holding each, ``open`` when no NSG is associated, neither when not known (``why``).
    Rules with a ``why``: what one of several candidate groups lets in (at most)."""

    rules: Rules | None = None
    open: bool = False
    why: str = ""


@dataclass(frozen=True)
class Route:
    """Traffic into a VM through one network interface and one of its subnets."""

    interface: str
    #: What passes both NSGs at most; None when not known.
    rules: Rules | None
    #: No NSG on the way: everything passes (a Standard SKU public IP still refuses the
    #: internet).
    open: bool
    #: Whether the interface has a public IP address.
    public: bool | None
    #: ``standard`` or ``basic``; None when not known.
    sku: str | None
    #: Why ``rules`` may let in less than they say (an NSG on the way is not known).
    why: str = ""
    #: The NSGs on the way (subnet's first).
    groups: tuple[str, ...] = ()
    #: The id of the network interface (a scale set's own id for its instances).
    nic: str = ""
    #: Where ``sku`` comes from when it is not written: the provider default of the versions
    #: the root runs with, or why it is not known (:func:`sku_note`).
    sku_note: Text | None = None

    @property
    def sure(self) -> bool:
        """True when every NSG on the way is known."""
        return not self.why


def links(graph: ResourceGraph, holder: Resource) -> list[tuple[str, Resource | None]]:
    """``(attribute, target)`` of every reference of ``holder``; the target is None when it
    is not in the scan. A reference to a counted resource without an index
    (``element(azurerm_network_interface.vm[*].id, count.index)``) means its instances, which
    share one configuration: the first stands for them (as the mappers resolve it)."""
    found: list[tuple[str, Resource | None]] = [
        (attribute, target) for target, attribute in graph.reference_attributes(holder)
    ]
    for item in graph.unresolved(holder):
        if item.target.endswith("]"):
            # ``x[0]`` of a resource whose count was not known (kept without an index)
            target = graph.resolve(holder, _INDEX.sub("", item.target))
        else:
            target = graph.resolve(holder, item.target + "[0]")
        found.append((item.attribute, target))
    return found


def _named(
    found: Sequence[tuple[str, Resource | None]], last: str, kinds: Iterable[str]
) -> tuple[list[Resource], bool]:
    """The targets of the references whose attribute has the part ``last`` and whose kind is
    one of ``kinds``, and whether one such reference is not in the scan."""
    wanted = tuple(kinds)
    targets: dict[str, Resource] = {}
    outside = False
    for attribute, target in found:
        if last not in attribute.split("."):
            continue
        if target is None:
            outside = True
        elif target.kind in wanted:
            targets.setdefault(target.id, target)
    return list(targets.values()), outside


def nics(graph: ResourceGraph, resource: Resource) -> tuple[list[Resource], bool]:
    """The network interfaces of a VM, and whether one is not in the scan."""
    return _named(links(graph, resource), "network_interface_ids", ("network.interface",))


def subnets_of_nic(graph: ResourceGraph, nic: Resource) -> tuple[list[Resource], bool]:
    """The subnets of a network interface's IP configurations, and whether one is not in the
    scan."""
    return _named(links(graph, nic), "subnet_id", ("network.subnet", "network.vpc"))


def routes(graph: ResourceGraph, resource: Resource) -> list[Route] | None:
    """Every way into an Azure VM or scale set; None when its network interfaces are not
    known (not in the scan, or none written)."""
    if resource.provider_type in SCALE_SET_TYPES:
        return _scale_set_routes(graph, resource)
    interfaces, outside = nics(graph, resource)
    if not interfaces or outside:
        return None
    found: list[Route] = []
    for nic in interfaces:
        refs = links(graph, nic)
        groups, unresolved = _named(refs, _NSG_ATTRIBUTE, ("network.security_group",))
        own = _layer(graph, nic, groups, unresolved)
        subnets, missing = _named(refs, "subnet_id", ("network.subnet", "network.vpc"))
        layers = [layer for s in subnets for layer in _subnet_layers(graph, nic, s)]
        if missing or not subnets:
            layers.append(Layer(why=f"the subnet of {nic.name} is not in the scan"))
        sku, note = _sku(graph, nic)
        for layer in layers:
            rules, open_, why = combine(layer, own)
            found.append(Route(nic.name, rules, open_, nic.facets.public_endpoint, sku, why,
                               _names(layer, own), nic.id, note))
    return found


def _scale_set_routes(graph: ResourceGraph, resource: Resource) -> list[Route] | None:
    """A scale set's instances: each inline ``network_interface`` block (its
    ``network_security_group_id`` and the subnets of its ``ip_configuration`` blocks)."""
    by_index: dict[str, tuple[list[Resource], list[Resource], list[str]]] = {}
    for attribute, target in links(graph, resource):
        parts = attribute.split(".")
        if len(parts) < 3 or parts[0] != "network_interface":
            continue
        groups, subnets, outside = by_index.setdefault(parts[1], ([], [], []))
        if target is None:
            outside.append(parts[-1])
        elif parts[-1] == _NSG_ATTRIBUTE and target.kind == "network.security_group":
            groups.append(target)
        elif parts[-1] == "subnet_id" and target.kind in ("network.subnet", "network.vpc"):
            subnets.append(target)
    if not by_index:
        return None
    found: list[Route] = []
    for groups, subnets, outside in by_index.values():
        own = _layer(graph, resource, groups, unresolved=_NSG_ATTRIBUTE in outside)
        layers = [subnet_layer(graph, s) for s in subnets]
        if "subnet_id" in outside or not subnets:
            layers.append(Layer(why=f"a subnet of {resource.name} is not in the scan"))
        for layer in layers:
            rules, open_, why = combine(layer, own)
            # the SKU of the instances' public IPs is not written in the scale set
            found.append(Route(resource.name, rules, open_, resource.facets.public_endpoint,
                               None, why, _names(layer, own), resource.id))
    return found


def _names(*layers: Layer) -> tuple[str, ...]:
    names = [o.name for layer in layers for _, o in layer.rules or () if o is not None]
    return tuple(dict.fromkeys(names))


def _subnet_layers(graph: ResourceGraph, nic: Resource, subnet: Resource) -> list[Layer]:
    """The filtering of the subnets of ``subnet`` an interface is in: a virtual network's
    inline subnets the interface names (``"${vnet.id}/subnets/web"``, ``INLINE_SUBNETS`` /
    ``SUBNET_NAMES``: normalize/terraform/azapi_subnets.py) each by its own NSG; otherwise
    :func:`subnet_layer`."""
    # (imported here: the module reads Terraform, which a Kubernetes scan does not load)
    from gdcc_audit.normalize.terraform.azapi_subnets import INLINE_SUBNETS, SUBNET_NAMES

    names = nic.attributes.get(SUBNET_NAMES)
    inline = subnet.attributes.get(INLINE_SUBNETS)
    if (
        subnet.kind != "network.vpc" or not isinstance(names, list) or not names
        or not isinstance(inline, dict) or any(name not in inline for name in names)
    ):
        return [subnet_layer(graph, subnet)]
    layers: list[Layer] = []
    for name in names:
        group = inline[name]
        found = graph.resolve(subnet, group) if isinstance(group, str) and group else None
        if group == "":
            layers.append(_layer(graph, subnet, []))
        elif found is not None and found.kind == "network.security_group":
            layers.append(_layer(graph, subnet, [found]))
        else:
            layers.append(Layer(why=f"the network security group of subnet {name} of "
                                    f"{subnet.name} is not known"))
    return layers


def subnet_layer(graph: ResourceGraph, subnet: Resource) -> Layer:
    if subnet.kind == "network.vpc":
        # ``azurerm_virtual_network.v.subnet[...]``: an inline subnet of the network, which
        # one is not told; open only when none of its subnets names a group
        groups = list(graph.references(subnet, "network.security_group"))
        if groups or graph.unresolved(subnet):
            return Layer(why=f"which subnet of {subnet.name} is meant is not known")
        return _layer(graph, subnet, [])
    groups, outside = _named(links(graph, subnet), _NSG_ATTRIBUTE, ("network.security_group",))
    written = subnet.attributes.get(_NSG_ATTRIBUTE) not in (None, "")
    return _layer(graph, subnet, groups, unresolved=outside or (written and not groups))


def _layer(
    graph: ResourceGraph, holder: Resource, groups: Sequence[Resource], unresolved: bool = False
) -> Layer:
    """The NSG filtering of a subnet or network interface (``groups``: the NSGs it names;
    ``unresolved``: it names one that is not in the scan)."""
    outside = unresolved
    merged = holder.attributes.get("merged_from")
    associated = isinstance(merged, list) and any(
        not _ASSOCIATIONS.isdisjoint(str(address).split(".")) for address in merged
    )
    if outside or (associated and not groups):
        return Layer(why=f"the network security group of {holder.name} is not in the scan")
    if groups:
        rules: Rules = []
        for group in groups:
            if group.facets.ingress is None:
                return Layer(why=f"the rules of network security group {group.name} are not known")
            rules.extend((rule, group) for rule in group.facets.ingress)
        if len(groups) > 1:
            # "You can associate zero, or one, network security group to each virtual network
            # subnet and network interface" (network-security-group-how-it-works): several
            # are alternatives (a conditional expression, a count not known); any may be it
            names = ", ".join(g.name for g in groups)
            return Layer(rules=rules, why=f"which of {names} is associated with {holder.name} "
                                          "is not known")
        return Layer(rules=rules)
    if graph.scope.gaps(holder.location.file):
        return Layer(why=f"a network security group may be associated with {holder.name} in a "
                         "part of the configuration not scanned")
    return Layer(open=True)


def sku_note(resource: Resource) -> Text | None:
    """Why a public IP's or load balancer's SKU is what it is when ``sku`` is not written:
    the provider default of the versions the root runs with, or why it is not known (the
    versions allowed disagree); None when ``sku`` is written."""
    unknown = resource.attributes.get("sku_unknown")
    if isinstance(unknown, dict):
        return Text(en=str(unknown.get("en", "")), th=str(unknown.get("th", "")))
    version = resource.attributes.get("sku_default")
    if isinstance(version, str):
        return Text(
            en=f"provider default: 'sku' not set, {version}",
            th=f"ค่าเริ่มต้นของผู้ให้บริการ: ไม่ได้กำหนด 'sku', {version}",
        )
    return None


def _sku(graph: ResourceGraph, nic: Resource) -> tuple[str | None, Text | None]:
    """The SKU of the interface's public IP addresses: ``standard`` when all are Standard
    (written, or not written: the provider's default), ``basic`` when one is Basic, None when
    one is not in the scan or its SKU is not known; with the :func:`sku_note` of an address
    that decides it."""
    found: dict[str | None, Text | None] = {}
    addresses, outside = _named(links(graph, nic), "public_ip_address_id", ("network.public_ip",))
    for address in addresses:
        sku = address.attributes.get("sku", "Standard")
        key = sku.lower() if isinstance(sku, str) else None
        found[key] = found.get(key) or sku_note(address)
    if outside:
        found.setdefault(None, None)
    if "basic" in found:
        return "basic", found["basic"]
    if None in found or not found or set(found) - {"standard", "standardv2"}:
        return None, found.get(None)
    return "standard", None


def combine(subnet: Layer, nic: Layer) -> tuple[Rules | None, bool, str]:
    """What passes the subnet's NSG and then the interface's: ``(rules, open, why)``, ``why``
    saying which layer is not known. The rules of a known layer next to one not known are
    what passes at most (the other may narrow them); one layer not known and the other
    without an NSG: not known (None)."""
    known = [layer for layer in (subnet, nic) if layer.rules is not None]
    unknown = [layer for layer in (subnet, nic) if layer.rules is None and not layer.open]
    why = "; ".join(layer.why for layer in (subnet, nic) if layer.why)
    if not known and not unknown:
        return [], True, ""
    if not known:
        return None, False, why
    rules = known[0].rules or []
    for layer in known[1:]:
        rules = intersect(rules, layer.rules or [])
    return rules, False, why


def intersect(first: Rules, second: Rules) -> Rules:
    """The traffic both rule lists let in: each pair of rules meets on the ports and the
    sources they share (held by the second list's group)."""
    out: Rules = []
    for a, _ in first:
        for b, owner in second:
            out.extend((rule, owner) for rule in meet(a, b))
    return out


def _ports(rule: IngressRule) -> PortSet | None:
    found = PortSet.from_rule(rule)
    if any(r.protocol not in _PROTOCOLS for r in found.ranges):
        return None  # a protocol that is not known may be any
    return found


def meet(a: IngressRule, b: IngressRule) -> list[IngressRule]:
    """What two inbound rules both let in (an empty list when nothing). A rule whose protocol
    is not known gives the other's ports with sources not known."""
    sources = cross(a.sources, b.sources)
    if sources == ():
        return []
    pa, pb = _ports(a), _ports(b)
    if pa is None or pb is None:
        sources = None
    ports = (pa or PortSet.every()).intersect(pb or PortSet.every())
    return [
        IngressRule(protocol=r.protocol, from_port=r.low, to_port=r.high, sources=sources)
        for r in ports.ranges
    ]


def cross(a: Sequence[str] | None, b: Sequence[str] | None) -> tuple[str, ...] | None:
    """The sources both lists admit; None when either is not known."""
    if a is None or b is None:
        return None
    out: list[str] = []
    for left in a:
        for right in b:
            out.extend(s for s in _meet_source(left, right) if s not in out)
    return tuple(out)


def _meet_source(left: str, right: str) -> Iterable[str]:
    """What two source prefixes both admit (an address range, a tag or nothing). A service tag
    other than ``VirtualNetwork`` is kept as it is: the graph does not resolve it (an uncertain
    source)."""
    if cidr.is_any(left):
        return (right,)
    if cidr.is_any(right):
        return (left,)
    one, two = cidr.parse(left), cidr.parse(right)
    if one is not None and two is not None:
        if one.version != two.version:
            return ()
        if one.subnet_of(two):  # type: ignore[arg-type]
            return (left,)
        if two.subnet_of(one):  # type: ignore[arg-type]
            return (right,)
        return ()
    if one is None and two is None:
        if left.lower() == right.lower():
            return (left,)
        # two different tags: keep the one that is not VirtualNetwork (uncertain)
        return (right,) if left.lower() == VNET_TAG else (left,)
    tag, network = (left, two) if one is None else (right, one)
    assert network is not None
    if tag.lower() == VNET_TAG:
        # the virtual network's addresses are private ones here
        return tuple(cidr.non_public_parts(network))
    return (tag,)


# -- load balancers --------------------------------------------------------------------
#
# A public Azure load balancer forwards what reaches a frontend port of one of its rules to
# the backend port of the rule's backend pool members (a NAT rule: of one interface, or of
# each pool member on its own frontend port; a NAT pool: of each scale-set instance). It is
# a pass-through: "Load Balancer ... doesn't terminate or originate flows" and the client's
# address is kept, so the backend's NSGs judge the client (the internet) on the backend
# port. A Standard load balancer is "Closed to inbound flows unless allowed by a network
# security group"; a Basic one is "Open by default" (learn.microsoft.com/azure/
# load-balancer/skus, "Security"; Basic was retired on 30 September 2025). azurerm 4.0:
# "The `sku` property now defaults to `Standard`" (4.0 upgrade guide, `azurerm_lb`; 3.x
# defaulted to Basic). An internal balancer (private frontend) serves its virtual network,
# whose hosts reach the backends directly anyway: no edge.

LB_TYPE = "azurerm_lb"
POOL_TYPE = "azurerm_lb_backend_address_pool"
POOL_ADDRESS_TYPE = "azurerm_lb_backend_address_pool_address"
NAT_RULE_TYPE = "azurerm_lb_nat_rule"
NAT_POOL_TYPE = "azurerm_lb_nat_pool"
LB_RULE_TYPE = "azurerm_lb_rule"
FORWARDER_TYPES = frozenset({LB_RULE_TYPE, NAT_RULE_TYPE, NAT_POOL_TYPE})


@dataclass(frozen=True)
class Forward:
    """The ports one rule, NAT rule or NAT pool of a load balancer listens on (``front``)
    and sends to (``back``); ``why`` says what of them is not known (empty: all known)."""

    front: PortSet
    back: PortSet
    why: str = ""


def _span(protocol: str, low: int | None, high: int | None) -> PortSet | None:
    if low is None or high is None:
        return None
    if low == 0 and high == 0:
        # "HA ports": a rule of frontend and backend port 0 balances every port
        return PortSet.of(protocol, 0, 65535) if protocol != "all" else PortSet.every()
    return PortSet.of(protocol, low, high)


def forward_ports(part: Resource) -> Forward:
    """What a load balancing rule, NAT rule or NAT pool forwards (its ``protocol``,
    ``frontend_port`` or ``frontend_port_start``..``frontend_port_end``, ``backend_port``).
    A value not known is every port of the protocol."""
    values = part.attributes
    written = values.get("protocol")
    protocol = written.lower() if isinstance(written, str) else "all"
    unknown: list[str] = [] if isinstance(written, str) else ["protocol"]
    single = port_number(values.get("frontend_port"))
    start = port_number(values.get("frontend_port_start"))
    end = port_number(values.get("frontend_port_end"))
    front = _span(protocol, single, single) if single is not None else _span(protocol, start, end)
    back_port = port_number(values.get("backend_port"))
    back = _span(protocol, back_port, back_port)
    if front is None:
        unknown.append("frontend port")
    if back is None:
        unknown.append("backend port")
    why = f"{' and '.join(unknown)} of {part.name} not known" if unknown else ""
    every = PortSet.every()
    return Forward(front or every, back or every, why)


def forwarded_members(
    graph: ResourceGraph, part: Resource
) -> list[tuple[Resource, frozenset[str] | None, str]]:
    """``(target, interfaces, via)`` for each VM or scale set a rule, NAT rule or NAT pool
    sends to: ``interfaces`` the ids of the target's network interfaces in it (None: every
    way into the target, a scale set's instances). Pools in IP-address form are
    ``pool_addresses``."""
    found: list[tuple[Resource, frozenset[str] | None, str]] = []
    pools = [p for p in graph.references(part, "network.target_group")
             if p.provider_type == POOL_TYPE]
    holders = [*pools, part]
    for holder in holders:
        for nic in graph.referrers(holder, "network.interface"):
            for vm in graph.referrers(nic):
                if vm.provider_type in VM_TYPES:
                    found.append((vm, frozenset({nic.id}), f"{nic.name} in {holder.name}"))
        for member in graph.referrers(holder):
            if member.provider_type in SCALE_SET_TYPES:
                found.append((member, None, f"{member.name} in {holder.name}"))
    return found


def pool_addresses(graph: ResourceGraph, part: Resource) -> list[Resource]:
    """The backend addresses (``azurerm_lb_backend_address_pool_address``) of the pools a
    rule or NAT rule sends to: IP addresses in a virtual network, matched to no interface."""
    pools = [p for p in graph.references(part, "network.target_group")
             if p.provider_type == POOL_TYPE]
    return [a for p in pools for a in graph.referrers(p, "network.target_group")
            if a.provider_type == POOL_ADDRESS_TYPE]


def lb_sku(balancer: Resource) -> str | None:
    """``standard``, ``basic`` or ``gateway``; not written: Standard (azurerm 4.0 default);
    written but not known: None."""
    if "sku" not in balancer.attributes:
        return "standard"
    sku = balancer.attributes.get("sku")
    return sku.lower() if isinstance(sku, str) else None


def through_balancer(
    routes: Sequence[Route] | None,
    interfaces: frozenset[str] | None,
    ports: PortSet,
    sku: str | None,
    note: Text | None = None,
) -> list[tuple[PortSet, bool, str]]:
    """``(ports, certain, via)``: what of ``ports`` a public load balancer's clients (the
    internet, their address kept) may send to a target through the interfaces
    ``interfaces`` (None: every way in), after the NSGs of each interface and its subnet."""
    if routes is None:
        return [(ports, False, "target filtering not known")]
    out: list[tuple[PortSet, bool, str]] = []
    for route in routes:
        if interfaces is not None and route.nic not in interfaces:
            continue
        if route.open:
            if sku == "standard":
                continue  # closed to inbound flows unless an NSG allows them
            label = "Basic load balancer, open by default" if sku == "basic" else (
                "load balancer SKU not known"
            )
            if note is not None:
                label = f"{label} ({note.en})"
            out.append((ports, sku == "basic",
                        f"no network security group on {route.interface} or its subnet; "
                        f"{label}"))
            continue
        if route.rules is None:
            out.append((ports, False, f"filtering not known: {route.why}"))
            continue
        allowed, unknown = PortSet(), PortSet()
        for rule, _owner in route.rules:
            if rule.sources is None:
                unknown = unknown.union(PortSet.from_rule(rule))
            elif any(is_internet(source) for source in rule.sources):
                allowed = allowed.union(PortSet.from_rule(rule))
        via = f"allowed by {' and '.join(route.groups)}" if route.groups else (
            f"through {route.interface}"
        )
        if not route.sure:
            via = f"{via}; {route.why}"
        out.append((allowed.intersect(ports), route.sure, via))
        if unknown:
            out.append((unknown.intersect(ports), False, f"{via}; sources not known"))
    return out


# -- application gateways --------------------------------------------------------------
#
# An application gateway is a reverse proxy: it ends the client's connection on a listener
# port and opens its own to a backend, from its instances' addresses in the gateway subnet
# ("the backend servers see the application gateway's private IP address as the source",
# learn.microsoft.com/azure/application-gateway/how-application-gateway-works). So the
# internet reaches it on the ports of the listeners of its public frontends, and the backends'
# NSGs judge the gateway's subnet (``VirtualNetwork`` covers it), not the internet.

GATEWAY_TYPE = "azurerm_application_gateway"


def is_gateway(resource: Resource) -> bool:
    """Whether the resource is an application gateway: ``azurerm_application_gateway`` or an
    AzAPI ``Microsoft.Network/applicationGateways`` (``normalize/terraform/azapi_gateway.py``
    gives it the same facets)."""
    from gdcc_audit.normalize.terraform.azapi_body import TYPES, is_arm

    if resource.provider_type == GATEWAY_TYPE:
        return True
    if resource.provider_type not in TYPES:
        return False  # azapi_gateway (and the azurerm mappers it imports) only for AzAPI
    from gdcc_audit.normalize.terraform.azapi_gateway import GATEWAY

    return is_arm(resource, GATEWAY)


def gateway_members(graph: ResourceGraph, gateway: Resource) -> list[Resource]:
    """The VMs whose network interface is in a backend pool of the gateway
    (``azurerm_network_interface_application_gateway_backend_address_pool_association``) and
    the scale sets naming one (``application_gateway_backend_address_pool_ids``): which pool
    is not told apart (``tolist(....backend_address_pool).0.id``)."""
    found: list[Resource] = []
    for nic in graph.referrers(gateway, "network.interface"):
        found.extend(vm for vm in graph.referrers(nic) if vm.provider_type in VM_TYPES)
    found.extend(r for r in graph.referrers(gateway) if r.provider_type in SCALE_SET_TYPES)
    return list({r.id: r for r in found}.values())


def listener_ports(gateway: Resource) -> tuple[PortSet, PortSet] | None:
    """The ports its listeners accept from the internet surely, and those whose frontend is
    not known to be private or public; None when the listeners are not known."""
    if gateway.facets.ingress is None:
        return None
    sure, maybe = PortSet(), PortSet()
    for rule in gateway.facets.ingress:
        if rule.sources is None:
            maybe = maybe.union(PortSet.from_rule(rule))
        elif any(is_internet(source) for source in rule.sources):
            sure = sure.union(PortSet.from_rule(rule))
    return sure, maybe


def backend_ports(gateway: Resource) -> tuple[PortSet, tuple[str, ...] | None]:
    """The ports the gateway sends to its backends (every port when not known) and the IP
    addresses and FQDNs its pools list (None when not known)."""
    if gateway.facets.egress is None:
        return PortSet.every(), None
    ports = PortSet()
    listed: list[str] = []
    for rule in gateway.facets.egress:
        ports = ports.union(PortSet.from_rule(rule))
        if rule.sources is None:
            return ports or PortSet.every(), None
        listed.extend(s for s in rule.sources if s not in listed)
    return ports, tuple(listed)
