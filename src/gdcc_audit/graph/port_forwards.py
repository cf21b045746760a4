"""Ports a public address forwards to a server that has none of its own.

- Huawei Cloud NAT gateway DNAT rules (``huaweicloud_nat_dnat_rule``): "DNAT enables
  servers in a VPC to provide services accessible from the Internet ... requests to the EIP
  on the specified port are forwarded to the server's port" (Huawei Cloud NAT Gateway, "DNAT
  Overview"); a rule names the EIP (``floating_ip_id``), the server's port (``port_id``) or
  address (``private_ip``), ``protocol`` (``tcp``, ``udp`` or ``any``: every port) and
  ``internal_service_port`` or ``internal_service_port_range``.
- OpenStack floating IP port forwarding (``openstack_networking_portforwarding_v2``,
  Neutron's port forwarding extension): ``floatingip_id``, ``internal_port_id``,
  ``protocol``, ``internal_port`` (or ``internal_port_range``).
- Alibaba Cloud NAT gateway DNAT entries (``alicloud_forward_entry``,
  ``normalize/terraform/alicloud_dnat.py``): ``external_ip``, ``internal_ip`` (an ECS
  instance's ``private_ip``), ``ip_protocol``, ``internal_port`` (a port, a range ``80/90``,
  or ``any``); whether the external IP is public is read by the mapper (``PUBLIC_ADDRESS``).

Only the destination is translated: the server's security groups see the client's internet
address, so what reaches it is what they admit from the internet on the forwarded ports.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from gdcc_audit.graph import azure
from gdcc_audit.graph.ports import PortSet
from gdcc_audit.models.ports import port_number
from gdcc_audit.models.resource import PUBLIC_ADDRESS, Resource
from gdcc_audit.normalize.terraform.azure_firewall import DNAT_RULES, DNAT_TYPES

if TYPE_CHECKING:
    from gdcc_audit.graph.model import ResourceGraph

#: Forwarding rule types -> (public address attribute, attributes naming the server (its
#: port, or its private address), port attribute, port range attribute).
TYPES: dict[str, tuple[str, tuple[str, ...], str, str]] = {
    "huaweicloud_nat_dnat_rule": (
        "floating_ip_id", ("port_id", "private_ip"), "internal_service_port",
        "internal_service_port_range",
    ),
    "openstack_networking_portforwarding_v2": (
        "floatingip_id", ("internal_port_id", "internal_ip_address"), "internal_port",
        "internal_port_range",
    ),
    "alicloud_forward_entry": ("external_ip", ("internal_ip",), "internal_port", "internal_port"),
}
#: The attribute holding a rule's protocol where it is not ``protocol``.
_PROTOCOL = {"alicloud_forward_entry": "ip_protocol"}
_SERVERS = ("compute.instance", "compute.scaling_group")
#: Azure Firewall DNAT rule collections (below).
AZURE_DNAT_TYPES = DNAT_TYPES


def forwarded_ports(rule: Resource) -> PortSet | None:
    """The server ports a rule forwards to; None when they are not known."""
    _, _, single, span = TYPES[rule.provider_type]
    protocol = rule.attributes.get(_PROTOCOL.get(rule.provider_type, "protocol"))
    if not isinstance(protocol, str):
        return None
    protocol = protocol.lower()
    if protocol == "any":
        return PortSet.every()  # "any": all ports of the server
    if protocol not in ("tcp", "udp"):
        return None
    port = port_number(rule.attributes.get(single))
    if port is not None and port > 0:
        return PortSet.of(protocol, port)
    written = rule.attributes.get(span)
    if isinstance(written, str) and written.strip():
        low, _, high = written.replace(":", "-").replace("/", "-").partition("-")
        first, last = port_number(low.strip()), port_number((high or low).strip())
        if first is not None and last is not None:
            return PortSet.of(protocol, first, last)
    return None


def public(graph: ResourceGraph, rule: Resource) -> bool | None:
    """Whether the rule's public address is known to be on the internet: an EIP or floating
    IP of the scan (both public addresses), or what the mapper read (``PUBLIC_ADDRESS``:
    False for an Alibaba VPC NAT gateway's address); None when it is not known."""
    said = rule.attributes.get(PUBLIC_ADDRESS)
    if isinstance(said, bool):
        return said
    address, *_ = TYPES[rule.provider_type]
    return True if any(
        target.kind == "network.public_ip" and attribute.split(".", 1)[0] == address
        for target, attribute in graph.reference_attributes(rule)
    ) else None


def servers(graph: ResourceGraph, rule: Resource) -> Iterator[Resource]:
    """The servers a rule forwards to: named through their port or address (Huawei
    ``huaweicloud_compute_instance.x.network[0].port`` / ``.fixed_ip_v4``), or holding the
    port it names
    (OpenStack ``openstack_networking_port_v2`` that an instance's ``network`` uses)."""
    _, names, *_ = TYPES[rule.provider_type]
    for target, attribute in graph.reference_attributes(rule):
        if attribute.split(".", 1)[0] not in names:
            continue
        if target.kind in _SERVERS:
            yield target
        else:
            yield from (s for kind in _SERVERS for s in graph.referrers(target, kind))
    # a port folded into the instance that uses it (no node of its own): the instance names
    # the same port
    named = {u.target for u in graph.unresolved(rule) if u.attribute.split(".", 1)[0] in names}
    if named:
        for kind in _SERVERS:
            for server in graph.of_kind(kind):
                if named & {u.target for u in graph.unresolved(server)}:
                    yield server


# -- Azure Firewall DNAT -----------------------------------------------------------------
#
# An Azure Firewall DNAT rule (``normalize/terraform/azure_firewall.py``) forwards what reaches
# the firewall's public address from its sources to a private address on the translated
# ports. Unlike the rules above, both ends are translated: "When the destination is a private
# IP address in the virtual network, the source IP address will translate to one of the IP
# addresses in the AzureFirewallSubnet of the virtual network" (Microsoft, "Azure Firewall NAT
# Behaviors", Azure Network Security Blog): the host's NSGs see the firewall's private address,
# which the ``VirtualNetwork`` tag holds (peered virtual networks included), so the default
# ``AllowVnetInBound`` lets it in.


@dataclass(frozen=True)
class Dnat:
    """One DNAT rule: its sources (None: not known), whether it listens on a public address,
    the host ports it forwards to (None: not known), the reference targets of its translated
    address and the literal one."""

    name: str
    sources: tuple[str, ...] | None
    public: bool | None
    ports: PortSet | None
    targets: tuple[str, ...]
    address: str | None
    #: The subnets holding a literal translated address no interface writes.
    subnets: tuple[str, ...] = ()


def _dnat_ports(item: dict[str, Any]) -> PortSet | None:
    port = item.get("port")
    protocols = item.get("protocols")
    if not isinstance(port, int) or not isinstance(protocols, list) or not protocols:
        return None
    found = PortSet()
    for protocol in protocols:
        if protocol in ("tcp", "udp"):
            found = found.union(PortSet.of(protocol, port))
        elif protocol == "any":
            found = found.union(PortSet.of("tcp", port)).union(PortSet.of("udp", port))
        else:
            return None
    return found


def dnat_rules(resource: Resource) -> list[Dnat]:
    """The DNAT rules the mapper listed on a rule collection."""
    listed = resource.attributes.get(DNAT_RULES)
    out: list[Dnat] = []
    for item in listed if isinstance(listed, list) else ():
        if not isinstance(item, dict):
            continue
        sources = item.get("sources")
        public = item.get("public")
        address = item.get("address")
        out.append(Dnat(
            name=str(item.get("name", "")),
            sources=tuple(map(str, sources)) if isinstance(sources, list) else None,
            public=public if isinstance(public, bool) else None,
            ports=_dnat_ports(item),
            targets=tuple(map(str, item.get("targets") or ())),
            address=address if isinstance(address, str) and address else None,
            subnets=tuple(map(str, item.get("subnets") or ())),
        ))
    return out


def dnat_hosts(graph: ResourceGraph, holder: Resource, rule: Dnat) -> tuple[list[Resource], bool]:
    """The Azure VMs a DNAT rule's translated address names (a network interface's
    ``private_ip_address``, a VM's), and whether every reference was resolved to one."""
    found: dict[str, Resource] = {}
    complete = bool(rule.targets)
    for name in rule.targets:
        target = graph.resolve(holder, name)
        if target is None:
            complete = False
        elif target.kind == "network.interface":
            found.update((v.id, v) for v in graph.referrers(target) if azure.applies(v))
        elif azure.applies(target):
            found[target.id] = target
        else:
            complete = False
    return list(found.values()), complete
