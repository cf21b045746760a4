"""Alibaba Cloud load balancer backends: what a Classic Load Balancer (SLB), an Application
Load Balancer (ALB) or a Network Load Balancer (NLB) forwards to, on which ports
(``NetworkBuilder._forwarding`` follows them through each backend's security groups).

From the provider's pages (registry.terraform.io/providers/aliyun/alicloud/latest/docs/
resources/):

* SLB: a listener (``alicloud_slb_listener``) forwards its ``frontend_port`` to the
  ``backend_port`` of the balancer's default server group, or, with ``server_group_id``, to a
  vServer group (``alicloud_slb_server_group``, each ``servers`` block's ``port``; one server
  of it: ``alicloud_slb_server_group_server_attachment`` with its ``port``). An
  ``alicloud_slb_rule`` (slb_rule: "forwarding rules ... based on domain names and URLs")
  forwards its listener's requests to the vServer group of its ``server_group_id``. The
  default server group holds the servers of ``alicloud_slb_backend_server``
  (``backend_servers``), ``alicloud_slb_attachment`` (``instance_ids``) and the instances of
  a scaling group naming the balancer in ``loadbalancer_ids`` ("the scaling group will add
  ECS instances to the default server group", resources/ess_scaling_group; the normalizer
  gives its scaling configuration a reference :data:`ALICLOUD_SCALING_BALANCERS`). A TCP /
  UDP listener passes the client's own address to the backend (CLB layer-4 listeners keep
  the source address), so the backend's security groups must admit the client; an HTTP /
  HTTPS listener connects from the balancer's own addresses, 100.64.0.0/10, which security
  groups admit with no rule ("CLB uses the 100.64.0.0/10 CIDR block ... You do not need to
  add an allow rule in your ECS security group", Alibaba Cloud CLB user guide,
  help.aliyun.com/en/slb/classic-load-balancer/user-guide/health-check-overview): such a
  backend is reached on the forwarded ports whatever its groups admit.
* ALB: an ``alicloud_alb_listener`` listens on ``listener_port`` (``listener_protocol``
  HTTP, HTTPS or QUIC) and forwards to the server groups of its ``default_actions`` and of
  the forward (and traffic mirror) actions of the ``alicloud_alb_rule`` resources naming it
  (``listener_id``); an ``alicloud_alb_server_group``'s ``servers`` blocks (``server_type``
  Ecs, Eni, Eci, Ip or Fc) are reached on their ``port``.
* NLB: an ``alicloud_nlb_listener`` listens on ``listener_port`` ("If you set the value to
  0, the listener listens by port range": ``start_port``-``end_port``; ``listener_protocol``
  TCP, UDP or TCPSSL) and forwards to its ``server_group_id``, an ``alicloud_nlb_server_group``
  whose servers are ``alicloud_nlb_server_group_server_attachment`` resources, each on its
  ``port`` (with ``any_port_enabled``, "all-port forwarding": on the listener's ports).
* Both connect to their backends from local addresses of their own vSwitches ("An upgraded
  ALB instance uses local IP addresses assigned from the vSwitch where it is deployed for
  communication with backend servers", Alibaba Cloud ALB user guide, create-and-manage-a-
  server-group; an NLB without client IP preservation, ``preserve_client_ip_enabled``
  "false (default)", resources/nlb_server_group, does the same): a rule admitting those
  vSwitches admits them for certain; whether security groups admit them otherwise is not
  documented (an ALB not upgraded connects from 100.64.0.0/10, as a CLB does): the forwarded
  ports are reached perhaps whatever the groups admit (UNKNOWN, never a PASS). An NLB group
  with client IP preservation (:func:`client_preserved`) passes the client's own address: an
  internet client is admitted by a rule admitting the internet only.
* ESS: a scaling group's instances join an ALB / NLB server group through an
  ``alicloud_ess_server_group_attachment`` (``type`` ALB or NLB, ``port``) or its
  ``alb_server_group`` blocks, and an SLB vServer group through its ``vserver_groups``
  blocks (``vserver_attributes``: ``vserver_group_id``, ``port``): the normalizer gives them
  a reference :data:`ALICLOUD_SCALING_GROUPS` to the group and their port in
  :data:`ALICLOUD_GROUP_PORTS`.

A balancer with no listener of the scan forwards to its backends on ports not known
(uncertainly). One with listeners is entered from the internet per listener
(``NetworkBuilder._add_listened``): each listener's helper node gets its own ports and
forwards what :func:`backends` gives for that listener alone.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from gdcc_audit.graph.cidr import is_internet
from gdcc_audit.graph.ports import PortSet
from gdcc_audit.models.ports import port_number
from gdcc_audit.models.resource import (
    ALICLOUD_GROUP_PORTS,
    ALICLOUD_LISTENER_ADMITS,
    ALICLOUD_LISTENER_GROUP_NOT_KNOWN,
    ALICLOUD_SCALING_BALANCERS,
    ALICLOUD_SCALING_GROUPS,
    ALICLOUD_SERVER_PORTS,
)

if TYPE_CHECKING:
    from gdcc_audit.graph.model import ResourceGraph
    from gdcc_audit.models.resource import Resource

#: Classic Load Balancer types (``alicloud_slb`` is the former name).
SLB_BALANCERS = frozenset({"alicloud_slb_load_balancer", "alicloud_slb"})
#: Application and Network Load Balancers.
ALB_NLB = frozenset({"alicloud_alb_load_balancer", "alicloud_nlb_load_balancer"})
BALANCERS = SLB_BALANCERS | ALB_NLB
LISTENERS = frozenset({"alicloud_slb_listener", "alicloud_alb_listener", "alicloud_nlb_listener"})
#: What adds servers to a Classic Load Balancer's default server group.
DEFAULT_BACKENDS = frozenset({"alicloud_slb_backend_server", "alicloud_slb_attachment"})
SERVER_GROUP = "alicloud_slb_server_group"
#: A Classic Load Balancer's primary/secondary server group ("Provides a Load Balancer
#: Master slave server group resource", resources/slb_master_slave_server_group): its
#: ``servers`` blocks (``server_id``, ``port``) are reached as a vServer group's, through a
#: listener's ``master_slave_server_group_id``. It was not read: a listener forwarding SSH to
#: one PASSed GDCC-GRAPH-002 on its servers.
MASTER_SLAVE_GROUP = "alicloud_slb_master_slave_server_group"
#: The Classic Load Balancer's server groups a listener names.
SLB_GROUPS = frozenset({SERVER_GROUP, MASTER_SLAVE_GROUP})
#: Server groups whose members are their ``servers`` blocks and their server attachments.
SERVER_GROUPS = frozenset({*SLB_GROUPS, "alicloud_alb_server_group", "alicloud_nlb_server_group"})
GROUP_SERVERS = frozenset({"alicloud_slb_server_group_server_attachment",
                           "alicloud_nlb_server_group_server_attachment"})
#: Forwarding rules: an SLB rule names its balancer, an ALB rule its listener.
SLB_RULE = "alicloud_slb_rule"
ALB_RULE = "alicloud_alb_rule"
#: A listener's attributes naming the vServer groups it forwards to.
_GROUP_ATTRIBUTES = ("server_group_id", "master_slave_server_group_id")
#: Listener protocols that connect to the backend from the balancer's own addresses.
_LAYER7 = frozenset({"http", "https"})
_SERVERS_BLOCK = re.compile(r"^servers\.(\d+)\.")
#: Why a backend of a layer-7 listener is reached whatever its security groups admit.
LAYER7_WHY = (
    "an HTTP / HTTPS listener connects from the balancer's own addresses (100.64.0.0/10), "
    "which security groups admit with no rule"
)
#: Why a backend of an ALB / NLB is reached perhaps beyond what admits its vSwitches.
LOCAL_WHY = (
    "the balancer connects from its local addresses (of its vSwitches, or 100.64.0.0/10 "
    "on an instance not upgraded), which its security groups may admit"
)
#: Why a backend of an NLB server group with client IP preservation must admit the client.
CLIENT_WHY = "client IP preservation: the server sees the client's own address"
#: Why a vServer group is reached through a listener whose group is not known.
GROUP_NOT_KNOWN_WHY = "the listener's server group is not known: perhaps this one of its balancer"
#: Why a backend of a balancer with no listener of the scan is reached on ports not known.
NO_LISTENER_WHY = "no listener of the scan names the balancer: the ports it forwards are not known"

Backend = tuple["Resource", PortSet, "Resource", "str | None"]


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


def _on(value: object) -> bool:
    return value is True or (isinstance(value, str) and value.lower() == "true")


def _udp(group: Resource) -> bool:
    return str(group.attributes.get("protocol") or "").lower() == "udp"


def _vserver_group(
    graph: ResourceGraph, group: Resource, listened: PortSet | None = None
) -> Iterator[tuple[Resource, PortSet, Resource]]:
    """The members of a server group with their ports and what names them: its ``servers``
    blocks' (each on its block's ``port``), its server attachments' (on theirs) and a scaling
    group's instances (on the port it gives); every port where it is not known. An NLB group
    with all-port forwarding: the ports its listener opens (``listened``)."""
    ports = group.attributes.get(ALICLOUD_SERVER_PORTS)
    protocol = "udp" if _udp(group) else "tcp"
    every_port = _on(group.attributes.get("any_port_enabled")) and listened is not None

    def on(number: int | None) -> PortSet:
        if every_port and listened is not None:
            return listened
        return PortSet.every() if number is None else PortSet.of(protocol, number)

    for target, attribute in graph.reference_attributes(group):
        match = _SERVERS_BLOCK.match(attribute)
        if match is not None:
            index = int(match.group(1))
            own = ports[index] if isinstance(ports, list) and index < len(ports) else None
            yield target, on(port_number(own)), group
        elif attribute.split(".", 1)[0] == "servers":
            # a block of no known index (a ``dynamic "servers"`` block): any block's port
            yield target, _any_block(ports, on), group
    for holder in graph.referrers(group):
        if holder.provider_type in GROUP_SERVERS:
            own = port_number(holder.attributes.get("port"))
            for target in graph.references(holder):
                if target.id != group.id:
                    yield target, on(own), holder
            continue
        given = holder.attributes.get(ALICLOUD_GROUP_PORTS)
        if isinstance(given, dict) and group.address in given and any(
            target.id == group.id and attribute == ALICLOUD_SCALING_GROUPS
            for target, attribute in graph.reference_attributes(holder)
        ):
            yield holder, on(port_number(given[group.address])), holder


def _any_block(ports: object, on: Callable[[int | None], PortSet]) -> PortSet:
    """The ports of every ``servers`` block (every port when one is not known)."""
    numbers = [port_number(p) for p in ports] if isinstance(ports, list) else [None]
    found = PortSet()
    for number in numbers or [None]:
        found = found.union(on(number))
    return found


def frontend_ports(listener: Resource) -> PortSet | None:
    """The ports an Alibaba Cloud listener opens: an SLB listener's ``frontend_port``, an ALB
    listener's ``listener_port`` (QUIC: UDP), an NLB listener's ``listener_port`` or, when
    that is 0, ``start_port``-``end_port`` (UDP: UDP); none when its whitelist ACL admits no
    wide public range (``ALICLOUD_LISTENER_ADMITS``: SLB ``acl_status = "on"``, ``acl_type =
    "white"``; an ALB listener's ``White`` ACL attachment); None for others or when not
    known."""
    kind = listener.provider_type
    if kind not in LISTENERS:
        return None
    values = listener.attributes
    admitted = values.get(ALICLOUD_LISTENER_ADMITS)
    if isinstance(admitted, list) and not any(
        isinstance(source, str) and is_internet(source) for source in admitted
    ):
        return PortSet()  # a whitelist of addresses that are not the internet
    if kind == "alicloud_slb_listener":
        number = port_number(values.get("frontend_port"), 1)
        return None if number is None else PortSet.of("tcp", number)
    protocol = str(values.get("listener_protocol") or "").lower()
    transport = "udp" if protocol in ("udp", "quic") else "tcp"
    number = port_number(values.get("listener_port"))
    if number == 0 and kind == "alicloud_nlb_listener":
        low = port_number(values.get("start_port"), 1)
        high = port_number(values.get("end_port"), 1)
        if low is None or high is None or high < low:
            return None
        return PortSet.of(transport, low, high)
    return None if not number else PortSet.of(transport, number)


def frontend_port(listener: Resource) -> object:
    """An SLB listener's ``frontend_port`` (the port the balancer opens); None for others."""
    if listener.provider_type != "alicloud_slb_listener":
        return None
    return listener.attributes.get("frontend_port")


def _groups_like(graph: ResourceGraph, balancer: Resource) -> list[Resource]:
    """The server groups of the scan an ALB's (NLB's) listener may name: ALB (NLB) server
    groups of the balancer's VPC (any, when either names no VPC of the scan)."""
    kind = balancer.provider_type.replace("_load_balancer", "_server_group")
    vpcs = {v.id for v in graph.references(balancer, "network.vpc")}
    return [g for g in graph.resources() if g.provider_type == kind and (
        not vpcs or not (theirs := {v.id for v in graph.references(g, "network.vpc")})
        or bool(vpcs & theirs))]


def _named_groups(graph: ResourceGraph, holder: Resource) -> list[Resource]:
    return [target for target in graph.references(holder)
            if target.provider_type in SERVER_GROUPS]


def listeners_of(graph: ResourceGraph, balancer: Resource) -> list[Resource]:
    """The listeners of the scan naming an Alibaba Cloud balancer."""
    return [item for item in graph.referrers(balancer, "network.load_balancer")
            if item.provider_type in LISTENERS]


def _same_frontend(rule: Resource, listener: Resource) -> bool:
    """Whether an ``alicloud_slb_rule`` belongs to ``listener``: the rule names its balancer
    and the listener's ``frontend_port`` (resources/slb_rule); a port not known on either
    side may be the listener's."""
    mine = port_number(rule.attributes.get("frontend_port"), 1)
    theirs = port_number(listener.attributes.get("frontend_port"), 1)
    return mine is None or theirs is None or mine == theirs


def backends(
    graph: ResourceGraph, balancer: Resource, only: Resource | None = None
) -> Iterator[Backend]:
    """What an Alibaba Cloud load balancer forwards to: (target, ports, what names it, why it
    is reached only perhaps). Targets are every resource named; the caller keeps endpoints.
    ``only``: one of its listeners, whose forwarding alone is wanted (a request entering on
    that listener's port reaches its server groups and rules only: the whitelisted SSH
    listener beside an open HTTPS listener of one balancer was reached through the HTTPS
    port)."""
    listeners = listeners_of(graph, balancer)
    if only is not None:
        listeners = [only]
    if balancer.provider_type in ALB_NLB:
        yield from _alb_nlb(graph, balancer, listeners)
        return
    default = list(_default_group(graph, balancer))
    if not listeners:
        groups = [g for g in graph.referrers(balancer, "network.target_group")
                  if g.provider_type in SLB_GROUPS]
        for target, holder in default:
            yield target, PortSet.every(), holder, NO_LISTENER_WHY
        for group in groups:
            for target, _, holder in _vserver_group(graph, group):
                yield target, PortSet.every(), holder, NO_LISTENER_WHY
        return
    # forwarding rules (domain / URL) of HTTP / HTTPS listeners: to their vServer groups
    for rule in graph.referrers(balancer, "network.target_group"):
        if rule.provider_type == SLB_RULE and (only is None or _same_frontend(rule, only)):
            for group in _named_groups(graph, rule):
                for target, ports, holder in _vserver_group(graph, group):
                    yield target, ports, holder, None
                    yield target, ports, holder, LAYER7_WHY
    for listener in listeners:
        protocol = str(listener.attributes.get("protocol") or "").lower()
        layer7 = protocol in _LAYER7
        named = [
            target for target, attribute in graph.reference_attributes(listener)
            if attribute in _GROUP_ATTRIBUTES and target.provider_type in SLB_GROUPS
        ]
        written = any(listener.attributes.get(a) not in (None, "") for a in _GROUP_ATTRIBUTES)
        if not named and listener.attributes.get(ALICLOUD_LISTENER_GROUP_NOT_KNOWN) is True:
            # a group given by an input: any vServer group of its balancer, not for certain
            # (was read as none written: the default group, and a vServer group forwarding
            # SSH PASSed)
            for group in graph.referrers(balancer, "network.target_group"):
                if group.provider_type in SLB_GROUPS:
                    for target, ports, holder in _vserver_group(graph, group):
                        yield target, ports, holder, GROUP_NOT_KNOWN_WHY
            continue
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


def client_preserved(balancer: Resource, listener: Resource, group: Resource) -> bool:
    """Whether an NLB passes the client's own address to the servers of ``group`` behind
    ``listener``: the group's ``preserve_client_ip_enabled`` ("false (default)",
    resources/nlb_server_group; the NLB API CreateServerGroup ``PreserveClientIpEnabled``
    too), on a group of servers (``server_group_type`` ``Instance``, the default), behind a
    TCP or UDP listener of an IPv4 balancer. Client IP preservation "is unavailable" (the
    balancer's own addresses reach the server) "when an IPv6 client accesses an IPv4
    service, the NLB instance uses a TCPSSL listener, or the NLB instance is associated with
    an IP-type server group" (NLB user guide, obtain-client-ip-addresses,
    help.aliyun.com/en/slb/network-load-balancer/use-cases/obtain-client-ip-addresses).
    An ALB has no such setting (it proxies: its own addresses)."""
    if balancer.provider_type != "alicloud_nlb_load_balancer":
        return False
    if not _on(group.attributes.get("preserve_client_ip_enabled")):
        return False
    kind = str(group.attributes.get("server_group_type") or "Instance").lower()
    protocol = str(listener.attributes.get("listener_protocol") or "").lower()
    version = str(balancer.attributes.get("address_ip_version") or "ipv4").lower()
    return kind == "instance" and protocol in ("tcp", "udp") and version == "ipv4"


def _alb_nlb(
    graph: ResourceGraph, balancer: Resource, listeners: list[Resource]
) -> Iterator[Backend]:
    """An ALB's or NLB's backends: the servers of the groups its listeners and their rules
    name (a server group names no balancer: with no listener of the scan, none is known),
    reached from the balancer's local addresses, or with client IP preservation on
    (:func:`client_preserved`) from the client's own (:data:`CLIENT_WHY`: a rule must admit
    the client; one admitting the balancer's vSwitch admits no internet client)."""
    for listener in listeners:
        groups = _named_groups(graph, listener)
        if not groups and listener.attributes.get(ALICLOUD_LISTENER_GROUP_NOT_KNOWN) is True:
            # its server group given by an input: any of the scan of its kind and network,
            # not for certain (was none: the servers behind it were not reached)
            listened = frontend_ports(listener)
            for group in _groups_like(graph, balancer):
                for target, ports, holder in _vserver_group(graph, group, listened):
                    yield target, ports, holder, GROUP_NOT_KNOWN_WHY
            continue
        doubted: list[Resource] = []
        for rule in graph.referrers(listener, "network.target_group"):
            if rule.provider_type == ALB_RULE:
                named = _named_groups(graph, rule)
                groups += [g for g in named if g not in groups]
                if not named and rule.attributes.get(ALICLOUD_LISTENER_GROUP_NOT_KNOWN) is True:
                    # a rule forwarding to a group given by an input (was to nothing)
                    doubted += [g for g in _groups_like(graph, balancer) if g not in doubted]
        listened = frontend_ports(listener)
        for group in doubted:
            for target, ports, holder in _vserver_group(graph, group, listened):
                yield target, ports, holder, GROUP_NOT_KNOWN_WHY
        for group in groups:
            client = client_preserved(balancer, listener, group)
            for target, ports, holder in _vserver_group(graph, group, listened):
                if client:
                    yield target, ports, holder, CLIENT_WHY
                    continue
                yield target, ports, holder, None
                yield target, ports, holder, LOCAL_WHY
