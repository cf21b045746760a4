"""Alibaba Cloud Classic Load Balancer (SLB) backends: what an ``alicloud_slb_load_balancer``
forwards to, on which ports (``NetworkBuilder._forwarding`` follows them through each backend's
security groups).

From the provider's pages (registry.terraform.io/providers/aliyun/alicloud/latest/docs/
resources/): a listener (``alicloud_slb_listener``) forwards its ``frontend_port`` to the
``backend_port`` of the balancer's default server group, or, with ``server_group_id``, to a
vServer group (``alicloud_slb_server_group``, each ``servers`` block's ``port``; one server of
it: ``alicloud_slb_server_group_server_attachment`` with its ``port``). The default server group
holds the servers of ``alicloud_slb_backend_server`` (``backend_servers``),
``alicloud_slb_attachment`` (``instance_ids``) and the instances of a scaling group naming the
balancer in ``loadbalancer_ids`` ("the scaling group will add ECS instances to the default
server group", resources/ess_scaling_group; the normalizer gives its scaling configuration a
reference :data:`ALICLOUD_SCALING_BALANCERS`). A TCP / UDP listener passes the client's own
address to the backend (CLB layer-4 listeners keep the source address), so the backend's
security groups must admit the client; an HTTP / HTTPS listener connects from the balancer's
own addresses (100.64.0.0/10), which this module does not read: such a backend is reached
uncertainly besides what its groups admit from the internet. A balancer with no listener of
the scan forwards to its backends on ports not known (uncertainly).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from gdcc_audit.graph.ports import PortSet
from gdcc_audit.models.ports import port_number
from gdcc_audit.models.resource import ALICLOUD_SCALING_BALANCERS, ALICLOUD_SERVER_PORTS

if TYPE_CHECKING:
    from gdcc_audit.graph.model import ResourceGraph
    from gdcc_audit.models.resource import Resource

#: Classic Load Balancer types (``alicloud_slb`` is the former name) and its listener's.
BALANCERS = frozenset({"alicloud_slb_load_balancer", "alicloud_slb"})
LISTENERS = frozenset({"alicloud_slb_listener"})
#: What adds servers to a balancer's default server group.
DEFAULT_BACKENDS = frozenset({"alicloud_slb_backend_server", "alicloud_slb_attachment"})
SERVER_GROUP = "alicloud_slb_server_group"
GROUP_SERVER = "alicloud_slb_server_group_server_attachment"
#: A listener's attributes naming the vServer groups it forwards to.
_GROUP_ATTRIBUTES = ("server_group_id", "master_slave_server_group_id")
#: Listener protocols that connect to the backend from the balancer's own addresses.
_LAYER7 = frozenset({"http", "https"})
_SERVERS_BLOCK = re.compile(r"^servers\.(\d+)\.")
#: Why a backend of a layer-7 listener is reached only perhaps.
LAYER7_WHY = (
    "an HTTP / HTTPS listener connects from the balancer's own addresses (100.64.0.0/10), "
    "which its security groups may admit"
)
#: Why a backend of a balancer with no listener of the scan is reached on ports not known.
NO_LISTENER_WHY = "no listener of the scan names the balancer: the ports it forwards are not known"


def _default_group(graph: ResourceGraph, balancer: Resource) -> Iterator[tuple[Resource, Resource]]:
    """The members of the balancer's default server group, each with what names it (a backend
    server / attachment resource, or the scaling configuration itself)."""
    for holder in graph.referrers(balancer):
        if holder.provider_type in DEFAULT_BACKENDS:
            for target in graph.references(holder):
                yield target, holder
        elif any(
            target.id == balancer.id and attribute == ALICLOUD_SCALING_BALANCERS
            for target, attribute in graph.reference_attributes(holder)
        ):
            yield holder, holder


def _vserver_group(
    graph: ResourceGraph, group: Resource
) -> Iterator[tuple[Resource, PortSet, Resource]]:
    """The members of a vServer group with their ports and what names them: its ``servers``
    blocks' (each on its block's ``port``) and its server attachments' (on theirs); every
    port where it is not known."""
    ports = group.attributes.get(ALICLOUD_SERVER_PORTS)
    for target, attribute in graph.reference_attributes(group):
        match = _SERVERS_BLOCK.match(attribute)
        if match is None:
            continue
        index = int(match.group(1))
        own = ports[index] if isinstance(ports, list) and index < len(ports) else None
        yield target, _tcp(own), group
    for attachment in graph.referrers(group):
        if attachment.provider_type != GROUP_SERVER:
            continue
        own = port_number(attachment.attributes.get("port"))
        for target in graph.references(attachment):
            if target.id != group.id:
                yield target, _tcp(own), attachment


def frontend_port(listener: Resource) -> object:
    """An SLB listener's ``frontend_port`` (the port the balancer opens); None for others."""
    if listener.provider_type not in LISTENERS:
        return None
    return listener.attributes.get("frontend_port")


def _tcp(number: int | None) -> PortSet:
    return PortSet.every() if number is None else PortSet.of("tcp", number)


def backends(
    graph: ResourceGraph, balancer: Resource
) -> Iterator[tuple[Resource, PortSet, Resource, str | None]]:
    """What a Classic Load Balancer forwards to: (target, ports, what names it, why it is
    reached only perhaps). Targets are every resource named; the caller keeps endpoints."""
    listeners = [
        item for item in graph.referrers(balancer, "network.load_balancer")
        if item.provider_type in LISTENERS
    ]
    default = list(_default_group(graph, balancer))
    if not listeners:
        groups = [g for g in graph.referrers(balancer, "network.target_group")
                  if g.provider_type == SERVER_GROUP]
        for target, holder in default:
            yield target, PortSet.every(), holder, NO_LISTENER_WHY
        for group in groups:
            for target, _, holder in _vserver_group(graph, group):
                yield target, PortSet.every(), holder, NO_LISTENER_WHY
        return
    for listener in listeners:
        protocol = str(listener.attributes.get("protocol") or "").lower()
        layer7 = protocol in _LAYER7
        named = [
            target for target, attribute in graph.reference_attributes(listener)
            if attribute in _GROUP_ATTRIBUTES and target.provider_type == SERVER_GROUP
        ]
        written = any(listener.attributes.get(a) not in (None, "") for a in _GROUP_ATTRIBUTES)
        if named or written:
            # a vServer group (one beyond the scan: its members are not the scan's)
            for group in named:
                for target, ports, holder in _vserver_group(graph, group):
                    yield target, ports, holder, None
                    if layer7:
                        yield target, ports, holder, LAYER7_WHY
            continue
        own = port_number(listener.attributes.get("backend_port"))
        ports = (PortSet.every() if own is None
                 else PortSet.of("udp" if protocol == "udp" else "tcp", own))
        for target, holder in default:
            yield target, ports, holder, None
            if layer7:
                yield target, ports, holder, LAYER7_WHY
