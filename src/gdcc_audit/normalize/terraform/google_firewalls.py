"""Which VPC firewall rules of the scan govern a Compute Engine instance or template.

A VPC firewall rule applies to the instances of its ``network``: to all of them when it names
no target, else to those with one of its ``target_tags`` (network tags) or running as one of
its ``target_service_accounts``. Ingress that no rule allows is denied ("implied deny ingress
rule", cloud.google.com/firewall/docs/firewalls#default_firewall_rules). So when an
instance's networks are in the scan and every rule of the scan can be told to apply or not,
its filtering is known: the rules that apply, or none. It cannot be told for a network not in
the scan (a shared VPC of another project, a literal self link), nor for a rule whose network,
direction, target tags or service accounts are not known.

The project's ``default`` network is not a resource of the scan but is told apart: an
interface whose network is ``default`` (a name, a self link ``.../networks/default``, a data
source named ``default``, or a subnetwork ``default``: the default network's auto-mode subnets
take its name), or that names neither network nor subnetwork ("if neither the network nor the
subnetwork is specified, the default network global/networks/default is used", Compute Engine
API, instances.insert ``networkInterfaces[].network``; the Terraform provider refuses that
form, so it only comes from other tools' plans). The firewall rules of the scan on the default
network govern it like any other; the rules Google pre-populates there are added by the graph
(``graph.defaults``), certain only when the scan creates the project.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from gdcc_audit.load.terraform_model import TfResource
from gdcc_audit.normalize.terraform.context import TfContext
from gdcc_audit.normalize.terraform.google_firewall_policies import (
    EVERY_NETWORK,
    POLICY_RULES,
    policy_networks,
)
from gdcc_audit.normalize.terraform.values import blocks, string_list, text

#: Types whose instances the VPC firewall rules govern (a template stands for its instances).
INSTANCE_TYPES = frozenset(
    {
        "google_compute_instance",
        "google_compute_instance_template",
        "google_compute_region_instance_template",
    }
)

_NETWORK = ["google_compute_network"]
#: The key of the project's ``default`` network in the sets of networks below.
DEFAULT_NETWORK = "default"
_MEMO = "google_firewalls.ingress_rules"
_SUBNETWORK = ["google_compute_subnetwork"]


def _default_name(value: Any, kind: str) -> bool:
    """Whether a literal network (``kind`` "networks") or subnetwork name or self link names
    the default network (its auto-mode subnets are named ``default`` too)."""
    return isinstance(value, str) and (value == "default" or value.endswith(f"/{kind}/default"))


def _network_key(
    r: TfResource,
    ctx: TfContext,
    values: Mapping[str, Any],
    path: str,
    placed: bool,
    attribute: str = "network",
) -> str | None:
    """The address of the network ``path`` (an interface's ``network_interface.N``, or ``""``
    for ``r``'s own arguments) names, ``DEFAULT_NETWORK`` for the default network; None when
    not known or not in the scan. ``placed``: ``r`` sits in that network (an interface, a GKE
    cluster), so a subnetwork places it there and none written is the default network; else
    ``r`` only names one (a firewall rule, in ``attribute``)."""
    prefix = f"{path}." if path else ""
    network = ctx.referenced(r, f"{prefix}{attribute}", _NETWORK)
    if network is None and placed:
        subnet = ctx.referenced(r, f"{prefix}subnetwork", _SUBNETWORK)
        if subnet is not None and subnet.mode == "managed":
            network = ctx.referenced(subnet, "network", _NETWORK)
        elif subnet is not None and _default_name(subnet.values.get("name"), "subnetworks"):
            return DEFAULT_NETWORK
    if network is not None and network.mode == "managed":
        return network.address
    if network is not None:
        # a data source: the default network when it looks it up by that name; another
        # network not in the scan (a rule on it governs none of the scan's instances)
        if _default_name(network.values.get("name"), "networks"):
            return DEFAULT_NETWORK
        return None if placed else network.address
    written, subnetwork = values.get(attribute), values.get("subnetwork") if placed else None
    if _default_name(written, "networks"):
        return DEFAULT_NETWORK
    if written is None and placed and (
        subnetwork is None or _default_name(subnetwork, "subnetworks")
    ):
        return DEFAULT_NETWORK
    return None


def _networks(r: TfResource, ctx: TfContext) -> set[str] | None:
    """Addresses of the networks of each network interface (``DEFAULT_NETWORK`` for the
    project's default network); None when one is not in the scan."""
    interfaces = blocks(r.values, "network_interface")
    if not interfaces:
        return None
    found: set[str] = set()
    for index, interface in enumerate(interfaces):
        key = _network_key(r, ctx, interface, f"network_interface.{index}", placed=True)
        if key is None:
            return None
        found.add(key)
    return found


def on_default_network(r: TfResource, ctx: TfContext) -> bool:
    """Whether an interface of the instance or template is on the project's default
    network."""
    interfaces = blocks(r.values, "network_interface") or []
    return any(
        _network_key(r, ctx, interface, f"network_interface.{index}", placed=True)
        == DEFAULT_NETWORK
        for index, interface in enumerate(interfaces)
    )


def _strings(values: Mapping[str, Any], name: str) -> frozenset[str] | None:
    """A list of literal strings (empty when absent); None when any part is not known."""
    found = string_list(values, name)
    return None if found is None else frozenset(found)


@dataclass(frozen=True)
class _Rule:
    """What decides whom an ingress rule governs: ``network`` is the address of its network
    of the scan ("" for another network); ``None`` fields are not known."""

    address: str
    network: str | None
    tags: frozenset[str] | None
    accounts: frozenset[str] | None


def _ingress_rules(ctx: TfContext) -> list[_Rule] | None:
    """The ingress rules of the document's root, read once per document; None when the
    direction of one is not known."""
    if _MEMO in ctx.memo:
        found: list[_Rule] | None = ctx.memo[_MEMO]
        return found
    rules: list[_Rule] = []
    for rule in ctx.by_type.get("google_compute_firewall", ()):
        if rule.mode != "managed":
            continue
        direction = text(rule.values, "direction", "INGRESS")
        if direction is None:
            ctx.memo[_MEMO] = None
            return None
        if direction != "INGRESS":
            continue
        # a literal name of no network of the scan is another network (or the default
        # network); a value not known may be any
        where = _network_key(rule, ctx, rule.values, "", placed=False)
        if where is None and isinstance(rule.values.get("network"), str):
            where = ""
        tags = _strings(rule.values, "target_tags")
        accounts = _strings(rule.values, "target_service_accounts")
        rules.append(
            _Rule(
                rule.address,
                where,
                tags,
                accounts,
            )
        )
    for kind in POLICY_RULES:
        for rule in ctx.by_type.get(kind, ()):
            if rule.mode != "managed":
                continue
            direction = text(rule.values, "direction")
            if direction is None:
                ctx.memo[_MEMO] = None
                return None
            if direction.upper() == "INGRESS":
                rules.extend(_policy_rules(rule, ctx))
    ctx.memo[_MEMO] = rules
    return rules


def _attached_network(association: TfResource, ctx: TfContext) -> str | None:
    """The network key of a policy association's ``attachment_target``: a network of the
    scan, the default network, ``""`` for another network written as text; None when not
    known."""
    where = _network_key(
        association, ctx, association.values, "", placed=False, attribute="attachment_target"
    )
    if where is None and isinstance(association.values.get("attachment_target"), str):
        return ""
    return where


def _policy_rules(rule: TfResource, ctx: TfContext) -> list[_Rule]:
    """A firewall policy rule as one ``_Rule`` per network it governs (its network not known:
    one rule that cannot be told to apply or not). Its targets are secure tags or service
    accounts, never network tags: any target makes whom it governs not told apart."""
    networks = policy_networks(rule, ctx, lambda a: _attached_network(a, ctx))
    accounts = _strings(rule.values, "target_service_accounts")
    secure = blocks(rule.values, "target_secure_tags")
    if accounts is not None and secure is not None and secure:
        accounts = accounts | {"secure tag"}
    elif secure is None:
        accounts = None
    if networks is None:
        return [_Rule(rule.address, None, frozenset(), accounts)]
    return [_Rule(rule.address, n, frozenset(), accounts) for n in sorted(networks)]


def _applies(rule: _Rule, networks: set[str], tags: frozenset[str]) -> bool | None:
    """Whether ``rule`` governs an instance on ``networks`` with ``tags``."""
    if rule.network is None:
        return None
    if rule.network != EVERY_NETWORK and rule.network not in networks:
        return False
    if rule.accounts is None or rule.tags is None:
        return None
    if rule.accounts:
        return None  # the instance's service account is seldom a literal: not told apart
    return not rule.tags or bool(rule.tags & tags)


def governing_firewalls(r: TfResource, ctx: TfContext) -> tuple[str, ...] | None:
    """Addresses of the VPC firewall rules of the scan that govern ``r`` (possibly none);
    None when that cannot be told."""
    networks = _networks(r, ctx)
    if networks is None:
        return None
    tags = _strings(r.values, "tags")
    if tags is None:
        return None
    rules = _ingress_rules(ctx)
    if rules is None:
        return None
    found: list[str] = []
    for rule in rules:
        applies = _applies(rule, networks, tags)
        if applies is None:
            return None
        if applies and rule.address not in found:
            found.append(rule.address)
    return tuple(found)


#: ``google_dataproc_cluster``: its master and worker VMs' network settings.
_DATAPROC_GCE = "cluster_config.0.gce_cluster_config.0"


def dataproc_firewalls(cluster: TfResource, ctx: TfContext) -> tuple[str, ...] | None:
    """Addresses of the VPC firewall rules of the scan that govern the VMs of a
    ``google_dataproc_cluster`` (possibly none); None when that cannot be told. Its VMs sit
    in ``gce_cluster_config.network`` / ``subnetwork`` ("If neither networkUri nor
    subnetworkUri is specified, the "default" network of the project is used",
    cloud.google.com/dataproc/docs/reference/rest/v1/ClusterConfig#GceClusterConfig) with
    its ``tags``."""
    values = _dataproc_gce(cluster)
    if values is None:
        return None
    network = _network_key(cluster, ctx, values, _DATAPROC_GCE, placed=True)
    tags = _strings(values, "tags")
    rules = _ingress_rules(ctx)
    if network is None or tags is None or rules is None:
        return None
    found: list[str] = []
    for rule in rules:
        applies = _applies(rule, {network}, tags)
        if applies is None:
            return None
        if applies and rule.address not in found:
            found.append(rule.address)
    return tuple(found)


def dataproc_on_default_network(cluster: TfResource, ctx: TfContext) -> bool:
    """Whether a Dataproc cluster's VMs are on the project's default network."""
    values = _dataproc_gce(cluster)
    if values is None:
        return False
    key = _network_key(cluster, ctx, values, _DATAPROC_GCE, placed=True)
    return key == DEFAULT_NETWORK


def _dataproc_gce(cluster: TfResource) -> Mapping[str, Any] | None:
    """A Dataproc cluster's ``cluster_config.gce_cluster_config`` (empty when the config
    has none); None when there is no ``cluster_config`` or its blocks are not known."""
    config = blocks(cluster.values, "cluster_config")
    gce = None if not config else blocks(config[0], "gce_cluster_config")
    if not config or gce is None:
        return None
    return gce[0] if gce else {}


#: GKE adds the network tag ``gke-<cluster name>-<hash>-node`` to its nodes; the hash is not in
#: the configuration, so a rule that targets a tag of that shape may govern them.
_GKE_NODE_TAG = "gke-"


def _node_tags(cluster: TfResource, ctx: TfContext) -> frozenset[str] | None:
    """The network tags of a GKE cluster's nodes: its default pool's and inline pools'
    ``node_config.tags`` and those of every ``google_container_node_pool`` of the scan that
    names it; None when one is not known."""
    configs: list[Mapping[str, Any]] = [cluster.values]
    inline = blocks(cluster.values, "node_pool")
    if inline is None:
        return None
    configs.extend(inline)
    certain, maybe = ctx.naming(
        ctx.by_type.get("google_container_node_pool", ()), "cluster",
        ["google_container_cluster"], cluster,
    )
    configs.extend(pool.values for pool in certain)
    tags = _tags_of(configs)
    if tags is None or not maybe:
        return tags
    # a pool that may be another cluster's: its tags are the nodes' only if it adds none
    extra = _tags_of([pool.values for pool in maybe])
    return tags if extra is not None and extra <= tags else None


def _tags_of(configs: list[Mapping[str, Any]]) -> frozenset[str] | None:
    """The ``node_config.tags`` of ``configs``; None when one is not known."""
    tags: set[str] = set()
    for values in configs:
        config = blocks(values, "node_config")
        if config is None:
            return None
        for item in config:
            found = _strings(item, "tags")
            if found is None:
                return None
            tags |= found
    return frozenset(tags)


def cluster_network(cluster: TfResource, ctx: TfContext) -> str | None:
    """The address of the network of a ``google_container_cluster`` of the scan,
    ``DEFAULT_NETWORK`` for the project's default network ("network - ... If left
    unspecified, the default network will be used", google_container_cluster); None when not
    known or not in the scan."""
    return _network_key(cluster, ctx, cluster.values, "", placed=True)


def node_firewalls(cluster: TfResource, ctx: TfContext) -> tuple[str, ...] | None:
    """Addresses of the VPC firewall rules of the scan that govern the nodes of a
    ``google_container_cluster`` (possibly none); None when that cannot be told: its network
    is neither a network of the scan nor the default network, a node's tags are not known, or
    a rule's network or targets are not known or may be the tag GKE adds. On the default
    network, the rules of the scan on ``default`` (its pre-populated rules are added by the
    graph, ``graph/defaults.py``). The rules GKE
    creates for a cluster admit only the control plane, the nodes' and the Pods' own ranges
    ("Automatically created firewall rules", cloud.google.com/kubernetes-engine/docs/
    concepts/firewall-rules): none opens a node to the internet."""
    network = cluster_network(cluster, ctx)
    if network is None:
        return None
    tags = _node_tags(cluster, ctx)
    rules = _ingress_rules(ctx)
    if tags is None or rules is None:
        return None
    found: list[str] = []
    for rule in rules:
        gke_tag = rule.tags and any(t.startswith(_GKE_NODE_TAG) for t in rule.tags)
        if gke_tag and rule.network in (None, network):
            return None
        applies = _applies(rule, {network}, tags)
        if applies is None:
            return None
        if applies and rule.address not in found:
            found.append(rule.address)
    return tuple(found)
