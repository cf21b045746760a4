"""``AWS::ECS::Service`` tasks that run in their hosts' network (no ``AwsvpcConfiguration``):
which container instances of the template host them (see
:mod:`gdcc_audit.normalize.ecs_network`). The service gets an ``ecs_hosts`` reference to each
(the Auto Scaling group of a capacity provider, a launch template, launch configuration or
instance whose ``UserData`` registers it in the cluster) and ``attributes[ECS_NETWORK]``.
Every service whose task definition is in the template also gets what it runs
(``attributes[ECS_CONTAINERS]``: a database container makes it a data store of the graph)."""

from __future__ import annotations

import json
import re
from typing import Any

from gdcc_audit.models.resource import Reference
from gdcc_audit.normalize.cloudformation.build import Pending
from gdcc_audit.normalize.cloudformation.values import ResourceRef, dig, is_known
from gdcc_audit.normalize.containers import camel
from gdcc_audit.normalize.ecs_network import (
    CLUSTER_ELSEWHERE,
    CLUSTER_HOSTS,
    ECS_CONTAINERS,
    ECS_NETWORK,
    FARGATE_PROVIDERS,
    HOSTS,
    host_ports,
    hosts_reason,
    network_mode,
    registers_in,
    summary,
    task_containers,
)

_PROVIDER = "AWS::ECS::CapacityProvider"
_ASSOCIATION = "AWS::ECS::ClusterCapacityProviderAssociations"
#: The unmapped types read (logical id -> (type, resolved properties)).
TYPES = frozenset({_PROVIDER, _ASSOCIATION})
#: What registers container instances in a cluster, and where its user data is.
_LAUNCHERS = {
    "AWS::EC2::LaunchTemplate": ("LaunchTemplateData", "UserData"),
    "AWS::AutoScaling::LaunchConfiguration": ("UserData",),
    "AWS::EC2::Instance": ("UserData",),
}
Resources = dict[str, tuple[str, dict[str, Any]]]


def link_ecs_hosts(items: list[Pending], context: Resources) -> None:
    """Write on each ECS service of the template what its task definition runs and, when its
    tasks run in their hosts' network, what is known of those hosts."""
    by_id = {item.logical_id: item for item in items}
    for item in items:
        if item.provider_type == "AWS::ECS::Cluster":
            # what a service of another template that names it without a strategy runs on
            # (``normalize/ecs_clusters.py`` gives it to that service)
            hosts, why = _cluster_hosts(item, None, None, by_id, context)
            item.found[CLUSTER_HOSTS] = {"hosts": hosts, "hosts_not_known": why}
        if item.provider_type != "AWS::ECS::Service":
            continue
        containers = _containers(item, by_id)
        if containers is not None:
            item.found[ECS_CONTAINERS] = containers
        found = _service_network(item, by_id, context)
        if found is None:
            continue
        item.found[ECS_NETWORK] = found[0]
        item.references.extend(Reference(target=h, attribute=HOSTS) for h in found[1])


def _service_network(
    item: Pending, by_id: dict[str, Pending], context: Resources
) -> tuple[dict[str, Any], list[str]] | None:
    props = item.props
    launch = props.get("LaunchType")
    launch = launch.upper() if isinstance(launch, str) else launch
    network = props.get("NetworkConfiguration")
    if network is not None and not isinstance(network, dict):
        return summary(None, None, "its network configuration is not known"), []
    if network or launch == "FARGATE":
        return None  # awsvpc: its own network interface (Fargate requires it)
    mode: str | None = None
    ports: list[list[Any]] | None = None
    task = _pending(props.get("TaskDefinition"), by_id, "AWS::ECS::TaskDefinition")
    if task is not None:
        system = dig(task.props, "RuntimePlatform", "OperatingSystemFamily")
        windows = isinstance(system, str) and system.upper().startswith("WINDOWS")
        mode = network_mode(task.props.get("NetworkMode"), windows)
        if mode == "awsvpc":
            return None
        ports = host_ports(mode, camel(task.props.get("ContainerDefinitions")))
    hosts, why = _hosts(item, launch, by_id, context)
    return summary(mode, ports, why), hosts


def _containers(item: Pending, by_id: dict[str, Pending]) -> dict[str, Any] | None:
    """What the service's task definition of the template runs (``task_containers``)."""
    task = _pending(item.props.get("TaskDefinition"), by_id, "AWS::ECS::TaskDefinition")
    if task is None:
        return None
    system = dig(task.props, "RuntimePlatform", "OperatingSystemFamily")
    windows = isinstance(system, str) and system.upper().startswith("WINDOWS")
    mode = network_mode(task.props.get("NetworkMode"), windows)
    return task_containers(mode, camel(task.props.get("ContainerDefinitions")), is_known)


def _pending(value: Any, by_id: dict[str, Pending], kind: str) -> Pending | None:
    if isinstance(value, ResourceRef):
        found = by_id.get(value.target)
        return found if found is not None and found.provider_type == kind else None
    return None


def _cluster(value: Any, by_id: dict[str, Pending]) -> Pending | None:
    """The template's cluster a service names (``Ref``, name or ARN; the ``default`` cluster
    when it names none: "If you do not specify a cluster, the default cluster is assumed",
    CreateService)."""
    found = _pending(value, by_id, "AWS::ECS::Cluster")
    if found is not None or isinstance(value, ResourceRef):
        return found
    literal = "default" if value is None else value
    if not isinstance(literal, str):
        return None
    name = literal.rsplit("cluster/", 1)[-1] if literal.startswith("arn:") else literal
    return next(
        (p for p in by_id.values()
         if p.provider_type == "AWS::ECS::Cluster" and p.props.get("ClusterName") == name),
        None,
    )


def _hosts(
    item: Pending, launch: Any, by_id: dict[str, Pending], context: Resources
) -> tuple[list[str], str]:
    """The logical ids of the container instances the service's tasks may be placed on, and
    why they are not all known ("" when they are)."""
    if launch == "EXTERNAL":
        return [], "its tasks run on external instances (ECS Anywhere)"
    named = item.props.get("Cluster")
    cluster = _cluster(named, by_id)
    strategy = item.props.get("CapacityProviderStrategy")
    if cluster is None:
        if _elsewhere(named) and strategy is None and launch is None:
            return [], CLUSTER_ELSEWHERE
        return [], "its cluster is not in the template"
    return _cluster_hosts(cluster, strategy, launch, by_id, context)


def _elsewhere(named: Any) -> bool:
    """Whether a service's ``Cluster`` is a cluster of another template of the scan (a
    parent's or a sibling's, passed as a parameter: its canonical id)."""
    return isinstance(named, ResourceRef) and f"{_CLUSTER}." in named.target


_CLUSTER = "AWS::ECS::Cluster"


def _cluster_hosts(
    cluster: Pending, strategy: Any, launch: Any, by_id: dict[str, Pending], context: Resources
) -> tuple[list[str], str]:
    """The logical ids of the container instances of ``cluster`` that a service with
    ``strategy`` and ``launch`` type may be placed on, and why they are not all known."""
    associations = [
        props for kind, props in context.values()
        if kind == _ASSOCIATION and _same(props.get("Cluster"), cluster)
    ]
    whys: list[str] = []
    if strategy is not None and not isinstance(strategy, list):
        return [], "its capacity provider strategy is not known"
    strategies: list[Any] = [strategy] if strategy else []
    if not strategy and launch is None:
        # "If no capacityProviderStrategy or launchType is specified, the
        # defaultCapacityProviderStrategy for the cluster is used" (CreateService)
        strategies = [
            s for s in (*(a.get("DefaultCapacityProviderStrategy") for a in associations),
                        cluster.props.get("DefaultCapacityProviderStrategy"))
            if s
        ]
    names: list[Any] = []
    for listed in strategies:
        if not isinstance(listed, list):
            whys.append(f"a capacity provider strategy of cluster {cluster.logical_id} is not "
                        "known")
            continue
        names.extend(i.get("CapacityProvider") if isinstance(i, dict) else None for i in listed)
    hosts: list[str] = []
    if not strategies:
        # the EC2 launch type: any container instance of the cluster
        for listed in (*(a.get("CapacityProviders") for a in associations),
                       cluster.props.get("CapacityProviders")):
            if listed is not None and not isinstance(listed, list):
                whys.append(f"the capacity providers of cluster {cluster.logical_id} are not "
                            "known")
            names.extend(listed if isinstance(listed, list) else [])
        hosts.extend(_registered(cluster, by_id))
    for name in names:
        if isinstance(name, str) and name.upper() in FARGATE_PROVIDERS:
            continue
        provider = _provider(name, context)
        group = dig(provider, "AutoScalingGroupProvider", "AutoScalingGroupArn")
        if isinstance(group, ResourceRef) and group.target in by_id:
            hosts.append(group.target)
        elif provider is None:
            whys.append(f"capacity provider {_label(name)} is not in the template")
        else:
            whys.append(f"the instances of capacity provider {_label(name)} are not in the "
                        "template")
    hosts = list(dict.fromkeys(hosts))
    return hosts, hosts_reason(hosts, whys, cluster.logical_id)


def _same(value: Any, cluster: Pending) -> bool:
    """Whether ``value`` names ``cluster`` (a ``Ref`` to it or its ``ClusterName``)."""
    if isinstance(value, ResourceRef):
        return value.target == cluster.logical_id
    return isinstance(value, str) and value == cluster.props.get("ClusterName")


def _provider(name: Any, context: Resources) -> dict[str, Any] | None:
    if isinstance(name, ResourceRef):
        kind, props = context.get(name.target, ("", {}))
        return props if kind == _PROVIDER else None
    if isinstance(name, str):
        return next(
            (props for kind, props in context.values()
             if kind == _PROVIDER and props.get("Name") == name),
            None,
        )
    return None


def _label(name: Any) -> str:
    return name.target if isinstance(name, ResourceRef) else str(name)


def _registered(cluster: Pending, by_id: dict[str, Pending]) -> list[str]:
    """Launch templates, configurations and instances whose user data registers their
    instances in ``cluster`` (a reference to it, or ``ECS_CLUSTER=`` its name)."""
    name = cluster.props.get("ClusterName")
    found: list[str] = []
    for item in by_id.values():
        path = _LAUNCHERS.get(item.provider_type)
        if path is None:
            continue
        refers = any(
            ref.target == cluster.logical_id and "UserData" in ref.attribute
            for ref in item.references
        )
        named = name if isinstance(name, str) else None
        if refers or registers_in(dig(item.props, *path), named) or _init_registers(
            item, cluster.logical_id, named
        ):
            found.append(item.logical_id)
    return found


def _init_registers(item: Pending, cluster: str, name: str | None) -> bool:
    """Whether the launcher's cfn-init metadata (``AWS::CloudFormation::Init`` commands and
    files, which its user data runs) sets ``ECS_CLUSTER`` to the cluster: ``${Cluster}`` in an
    ``Fn::Sub``, a ``Ref`` after ``ECS_CLUSTER=`` in an ``Fn::Join``, or its name written
    (ecs-refarch-cloudformation: ``echo ECS_CLUSTER=${ECSCluster} >> /etc/ecs/ecs.config``;
    the cluster had no container instance, and its services ran on any)."""
    if item.init is None:
        return False
    text = json.dumps(item.init[0], default=str)
    written = re.escape(cluster)
    return bool(
        re.search(r"ECS_CLUSTER\s*=\s*['\"]?\$\{" + written + r"\}", text)
        or re.search(r'ECS_CLUSTER\s*=\s*", \{"Ref": "' + written + '"', text)
    ) or registers_in(text, name)
