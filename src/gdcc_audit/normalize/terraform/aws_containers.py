"""Amazon ECS task definitions: their containers judged as a pod's (see normalize.containers)."""

from __future__ import annotations

import json
from typing import Any

from gdcc_audit.load.terraform_model import UNKNOWN, UNKNOWN_TEXT, TfResource
from gdcc_audit.models.resource import Facets
from gdcc_audit.normalize.containers import task_facets
from gdcc_audit.normalize.ecs_network import (
    FARGATE_PROVIDERS,
    host_ports,
    hosts_reason,
    network_mode,
    registers_in,
    summary,
    task_containers,
)
from gdcc_audit.normalize.terraform.context import MapFn, Mapped, TfContext
from gdcc_audit.normalize.terraform.values import block, blocks


def _known(value: Any) -> bool:
    """A value the input gives: not UNKNOWN, and no text with an unknown part written in."""
    return value is not UNKNOWN and not (isinstance(value, str) and UNKNOWN_TEXT in value)


def container_definitions(r: TfResource) -> Any:
    """The containers of ``container_definitions`` (a JSON text; when it holds values that
    cannot be known, its rendering with those values marked unknown), else UNKNOWN."""
    value = r.values.get("container_definitions")
    if value is UNKNOWN:
        value = r.partial.get("container_definitions", UNKNOWN)
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            return UNKNOWN
    return value if isinstance(value, list) else UNKNOWN


def ecs_task_definition(r: TfResource, ctx: TfContext) -> Mapped:
    """``aws_ecs_task_definition``: privileged or root containers, read-only root file
    systems, capabilities, host namespaces (``network_mode`` / ``pid_mode`` / ``ipc_mode``),
    host paths bound by ``volume`` blocks and images by mutable tag, with the ECS API's
    defaults."""
    v = r.values
    modes = {"networkMode": v.get("network_mode"), "pidMode": v.get("pid_mode"),
             "ipcMode": v.get("ipc_mode")}  # fmt: skip
    volumes = blocks(v, "volume")  # None: dynamic blocks the input cannot expand
    host_paths = None if volumes is None else [
        b["host_path"] for b in volumes if b.get("host_path") is not None
    ]
    facets, defaults, undetermined = task_facets(
        container_definitions(r), modes, host_paths, _known
    )
    for name, default in defaults.items():
        ctx.note(r, name, facets[name], default=default)
    for name, items in undetermined.items():
        ctx.note(r, name, facets[name], undetermined=items)
    return "container.task", Facets(**facets)


MAPPINGS: dict[str, MapFn] = {"aws_ecs_task_definition": ecs_task_definition}


_CLUSTER = ("aws_ecs_cluster",)
_PROVIDER = ("aws_ecs_capacity_provider",)
_ASSOCIATION = "aws_ecs_cluster_capacity_providers"
_ASG = ("aws_autoscaling_group",)
#: What registers container instances in a cluster through its user data (``ECS_CLUSTER``).
_LAUNCHERS = ("aws_launch_template", "aws_launch_configuration", "aws_instance",
              "aws_spot_instance_request")


def service_network(r: TfResource, ctx: TfContext) -> tuple[dict[str, Any], list[str]] | None:
    """For an ``aws_ecs_service`` whose tasks run in their hosts' network (no
    ``network_configuration``: see :mod:`gdcc_audit.normalize.ecs_network`): its
    ``ECS_NETWORK`` summary and the addresses of its hosts. None for ``awsvpc`` tasks."""
    network = block(r.values, "network_configuration")
    launch = r.values.get("launch_type")
    launch = launch.upper() if isinstance(launch, str) else launch
    if network is None:
        return summary(None, None, "its network configuration is not known"), []
    if network or launch == "FARGATE":
        return None  # awsvpc: its own network interface (Fargate requires it)
    mode: str | None = None
    ports: list[list[Any]] | None = None
    task = ctx.referenced(r, "task_definition", ["aws_ecs_task_definition"])
    if task is not None:
        written = task.values.get("network_mode")
        family = block(task.values, "runtime_platform") or {}
        system = family.get("operating_system_family")
        windows = isinstance(system, str) and system.upper().startswith("WINDOWS")
        mode = None if written is UNKNOWN else network_mode(written, windows)
        if mode == "awsvpc":
            return None
        ports = host_ports(mode, container_definitions(task))
    hosts, why = _hosts(r, ctx, launch)
    return summary(mode, ports, why), [h.address for h in hosts]


def service_containers(r: TfResource, ctx: TfContext) -> dict[str, Any] | None:
    """For an ``aws_ecs_service`` whose ``task_definition`` is a task definition of the scan:
    its network mode and containers (``ecs_network.task_containers``); None otherwise."""
    task = ctx.referenced(r, "task_definition", ["aws_ecs_task_definition"])
    if task is None:
        return None
    written = task.values.get("network_mode")
    family = block(task.values, "runtime_platform") or {}
    system = family.get("operating_system_family")
    windows = isinstance(system, str) and system.upper().startswith("WINDOWS")
    mode = None if written is UNKNOWN else network_mode(written, windows)
    return task_containers(mode, container_definitions(task), _known)


def awsvpc_placement(r: TfResource) -> list[str]:
    """The arguments of ``network_configuration`` that place a service's awsvpc tasks
    (``network_configuration.security_groups`` / ``.subnets``) written on it (a value, a
    reference or a value not known): without groups, the VPC's default group holds them
    (``graph/defaults.py``)."""
    network = block(r.values, "network_configuration")
    if not network:
        return []
    return [f"network_configuration.{key}" for key in ("security_groups", "subnets")
            if network.get(key) not in (None, [], {})]


def _hosts(r: TfResource, ctx: TfContext, launch: Any) -> tuple[list[TfResource], str]:
    """The container instances a service's tasks may be placed on, and why they are not all
    known ("" when they are)."""
    if launch == "EXTERNAL":
        return [], "its tasks run on external instances (ECS Anywhere)"
    cluster = _cluster(r, ctx)
    if cluster is None:
        return [], "its cluster is not in the scan"
    associations, maybe = ctx.naming(
        ctx.by_type.get(_ASSOCIATION, ()), "cluster_name", _CLUSTER, cluster
    )
    strategy = blocks(r.values, "capacity_provider_strategy")
    if strategy is None:
        return [], "its capacity provider strategy is not known"
    holders: list[tuple[TfResource, str]] = [(r, "capacity_provider_strategy")]
    if not strategy and launch is None:
        # "If no capacityProviderStrategy or launchType is specified, the
        # defaultCapacityProviderStrategy for the cluster is used" (CreateService)
        holders = [(a, "default_capacity_provider_strategy") for a in associations]
        holders.append((cluster, "default_capacity_provider_strategy"))
        if not any(blocks(h.values, name) for h, name in holders):
            holders = []
    # without a strategy of its own, an association that may be this cluster's or another's
    # may place the tasks (its providers, its default strategy)
    whys = [
        f"{a.address} sets the capacity providers of this cluster or of another, chosen by a "
        "value not known before apply" for a in (maybe if not strategy else ())
    ]
    providers: list[TfResource] = []
    for holder, name in holders:
        items = blocks(holder.values, name)
        if items is None:
            whys.append(f"the capacity provider strategy of {holder.address} is not known")
            continue
        found, why = _providers(holder, name, [i.get("capacity_provider") for i in items], ctx)
        providers.extend(found)
        whys.extend(why)
    hosts: list[TfResource] = []
    if not holders:
        # the EC2 launch type: any container instance of the cluster
        for holder in (*associations, cluster):
            listed = holder.values.get("capacity_providers")
            named = listed if isinstance(listed, list) else ([] if listed is None else [listed])
            found, why = _providers(holder, "capacity_providers", named, ctx)
            providers.extend(found)
            whys.extend(why)
        hosts.extend(_registered(cluster, ctx))
    for provider in _unique(providers):
        group = ctx.referenced(provider, "auto_scaling_group_provider", _ASG)
        if group is not None:
            hosts.append(group)
        else:
            whys.append(f"the instances of capacity provider {provider.address} are not in the "
                        "scan")
    hosts = _unique(hosts)
    return hosts, hosts_reason(hosts, whys, cluster.address)


def _cluster(r: TfResource, ctx: TfContext) -> TfResource | None:
    """The ``aws_ecs_cluster`` of the scan a service runs in: by reference, name or ARN; the
    account's ``default`` cluster when it names none ("If you do not specify a cluster, the
    default cluster is assumed", CreateService)."""
    found = ctx.referenced(r, "cluster", _CLUSTER)
    if found is not None:
        return found
    literal = r.values.get("cluster", "default")
    if not isinstance(literal, str):
        return None
    name = literal.rsplit("cluster/", 1)[-1] if literal.startswith("arn:") else literal
    return next(
        (c for c in ctx.by_type.get(_CLUSTER[0], ())
         if c.module == r.module and c.values.get("name") == name),
        None,
    )


def _providers(
    holder: TfResource, attribute: str, names: list[Any], ctx: TfContext
) -> tuple[list[TfResource], list[str]]:
    """The capacity providers of the scan that ``names`` (written in ``attribute`` of
    ``holder``) are, and why some are not known. Fargate's are left out (their tasks need
    ``awsvpc``)."""
    referred = ctx.referenced_all(holder, attribute, _PROVIDER)
    found = list(referred)
    missing: list[str] = []
    unresolved = 0
    for name in names:
        if isinstance(name, str) and name.upper() in FARGATE_PROVIDERS:
            continue
        match = next(
            (p for p in ctx.by_type.get(_PROVIDER[0], ())
             if isinstance(name, str) and p.module == holder.module
             and p.values.get("name") == name),
            None,
        )
        if match is not None:
            found.append(match)
        elif isinstance(name, str):
            missing.append(f"capacity provider {name} is not in the scan")
        else:
            unresolved += 1
    if unresolved > len(referred):
        missing.append(f"a capacity provider of {holder.address} is not known")
    return _unique(found), missing


def _registered(cluster: TfResource, ctx: TfContext) -> list[TfResource]:
    """Launch templates, configurations and instances whose user data registers their
    instances in ``cluster`` (a reference to it, or ``ECS_CLUSTER=`` its name)."""
    name = cluster.values.get("name")
    found: list[TfResource] = []
    for kind in _LAUNCHERS:
        for launcher in ctx.by_type.get(kind, ()):
            refers = any(
                ref.attribute.split(".", 1)[0] in ("user_data", "user_data_base64")
                and ctx.resolve(launcher, ref.target) is cluster
                for ref in launcher.references
            )
            if refers or any(
                registers_in(launcher.values.get(key), name if isinstance(name, str) else None)
                for key in ("user_data", "user_data_base64")
            ):
                found.append(launcher)
    return found


def _unique(resources: list[TfResource]) -> list[TfResource]:
    """``resources`` without repeats, in order (a resource is not hashable)."""
    found: dict[str, TfResource] = {}
    for resource in resources:
        found.setdefault(resource.address, resource)
    return list(found.values())
