"""Where the tasks of an Amazon ECS service run when they have no network interface of their
own: on the cluster's container instances, in their hosts' network.

A service without a network configuration runs tasks whose network mode is not ``awsvpc``
("If the network mode is awsvpc, ... you must specify a NetworkConfiguration value when you
create a service", ECS API reference, TaskDefinition ``networkMode``): ``bridge`` ("the
default network mode on Linux if a network mode isn't specified in the task definition"),
``host``, the Windows default (NAT) or ``none``, all on EC2 container instances (or external
ones, ECS Anywhere): docs.aws.amazon.com/AmazonECS/latest/developerguide/task-networking.html.
Such tasks have the security groups and subnets of the instances that host them, and listen
on host ports: in ``host`` mode the container ports; in ``bridge`` mode a port mapping's
``hostPort``, or when it is 0 or absent a port of the instance's ephemeral range ("the
default ephemeral port range ... /proc/sys/net/ipv4/ip_local_port_range. If this kernel
parameter is unavailable, the default ephemeral port range from 49153 through 65535 (Linux)
or 49152 through 65535 (Windows) is used", ECS API reference, PortMapping ``hostPort``;
Linux's default range starts at 32768): 32768-65535.

The mappers write what they find on the service (``attributes[ECS_NETWORK]``) and a
reference ``ecs_hosts`` to each host they find (an Auto Scaling group of a capacity provider,
a launch template or instance whose user data registers it in the cluster); the resource
graph makes the service a member of its hosts' groups (``graph/network.py``).
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import re
from collections.abc import Callable, Mapping
from typing import Any

from gdcc_audit.models.ports import port_number

#: ``Resource.attributes`` key on an ECS service whose tasks run in their hosts' network.
ECS_NETWORK = "ecs_network"
#: ``Reference.attribute`` of a service's reference to one of its hosts.
HOSTS = "ecs_hosts"
#: ``Resource.attributes`` key on a CloudFormation ECS cluster: the logical ids of the
#: container instances of its template a service naming it without a capacity provider
#: strategy runs on (``hosts``), and why they are not all known (``hosts_not_known``).
CLUSTER_HOSTS = "ecs_cluster_hosts"
#: Why a service's hosts are not known while its cluster is in another template of the scan
#: (replaced by that cluster's ``CLUSTER_HOSTS`` once every template is mapped).
CLUSTER_ELSEWHERE = "its cluster is in another template"
#: The host ports a ``bridge`` task is given when its mapping names none.
DYNAMIC_PORTS = (32768, 65535)
#: Capacity providers of Fargate: their tasks need ``awsvpc`` (never on hosts).
FARGATE_PROVIDERS = frozenset({"FARGATE", "FARGATE_SPOT"})
#: ``ECS_CLUSTER=name`` in user data (the agent's configuration: the cluster it joins).
_ECS_CLUSTER = re.compile(r"ECS_CLUSTER\s*=\s*['\"]?([A-Za-z0-9_\-]+)")

Known = Callable[[Any], bool]


def host_ports(mode: str | None, containers: Any) -> list[list[Any]] | None:
    """The ``[protocol, low, high]`` host ports the task's containers listen on in network
    mode ``mode`` (``bridge`` / ``host`` / ``default`` / ``none``, lower case); ``None`` when
    the mode or a port is not known (then any port may be)."""
    if mode is None or not isinstance(containers, list):
        return None
    if mode == "none":
        return []  # "the task's containers do not have external connectivity"
    found: list[list[Any]] = []
    for container in containers:
        if not isinstance(container, Mapping):
            return None
        mappings = container.get("portMappings", [])
        if not isinstance(mappings, list):
            return None
        for mapping in mappings:
            if not isinstance(mapping, Mapping):
                return None
            protocol = mapping.get("protocol", "tcp")
            if not isinstance(protocol, str):
                return None
            protocol = protocol.lower()
            host = mapping.get("hostPort")
            if host not in (None, 0, "0") and port_number(host) is None:
                return None
            number = port_number(host) or None
            if mode == "host":
                number = number or port_number(mapping.get("containerPort"))
                if number is None:
                    return None
                found.append([protocol, number, number])
            elif number is not None:
                found.append([protocol, number, number])
            else:
                found.append([protocol, *DYNAMIC_PORTS])
    return found


def network_mode(written: Any, windows: bool = False) -> str | None:
    """A task definition's network mode in lower case: ``bridge`` when not written on Linux,
    ``default`` (NAT) on Windows (task-networking.html); None when not known."""
    if written is None:
        return "default" if windows else "bridge"
    return written.lower() if isinstance(written, str) else None


def registers_in(user_data: Any, cluster_name: str | None) -> bool:
    """Whether user data written as text sets ``ECS_CLUSTER`` to ``cluster_name``."""
    if not isinstance(user_data, str) or not cluster_name:
        return False
    texts = [user_data]
    with contextlib.suppress(binascii.Error, ValueError):
        # base64encode(...) of a known text is evaluated by the loader
        texts.append(base64.b64decode(user_data, validate=True).decode("utf-8", "replace"))
    return any(cluster_name in _ECS_CLUSTER.findall(text) for text in texts)


def hosts_reason(hosts: list[Any], whys: list[str], cluster: str) -> str:
    """Why a cluster's container instances are not all known: the reasons found, or, when
    nothing at all names an instance of the cluster, that none was found."""
    if not hosts and not whys:
        whys = [
            f"no container instance of cluster {cluster} was found (no capacity provider with "
            "an Auto Scaling group, no launch template or instance whose user data sets "
            "ECS_CLUSTER)"
        ]
    return "; ".join(dict.fromkeys(whys))


def summary(mode: str | None, ports: list[list[Any]] | None, why: str) -> dict[str, Any]:
    """What the mappers write on a service under ``ECS_NETWORK``: the network mode, the host
    ports (None: any), and why its hosts are not all known ("" when they are)."""
    return {"mode": mode, "ports": ports, "hosts_not_known": why}


#: ``Resource.attributes`` key on an ECS service: what its task definition runs (the network
#: mode and each container's name, image and port mappings), for the resource graph's data
#: stores (``graph/ecs_stores.py``): a service whose task runs a database image is one.
ECS_CONTAINERS = "ecs_containers"


def _text(value: Any, known: Known) -> str | None:
    return value if isinstance(value, str) and known(value) else None


def task_containers(mode: str | None, containers: Any, known: Known) -> dict[str, Any] | None:
    """What the mappers write on a service under ``ECS_CONTAINERS``: the task's network mode
    (lower case; None when not known) and, for each container, its ``name``, ``image`` (None
    when not known) and ``ports``: ``[containerPort, hostPort]`` of each port mapping (None
    for a number not known or not written; ``ports`` None when the mappings are not known).
    None when the containers are not known."""
    if not isinstance(containers, list):
        return None
    found: list[dict[str, Any]] = []
    for container in containers:
        if not isinstance(container, Mapping):
            return None
        mappings = container.get("portMappings", [])
        ports: list[list[int | None]] | None = None
        if isinstance(mappings, list) and all(isinstance(m, Mapping) for m in mappings):
            ports = [
                [port_number(m.get("containerPort")), port_number(m.get("hostPort"))]
                for m in mappings
            ]
        found.append({
            "name": _text(container.get("name"), known),
            "image": _text(container.get("image"), known),
            "ports": ports,
        })
    return {"mode": mode, "containers": found}
