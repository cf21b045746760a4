"""The node pools of an AKS cluster (``azurerm_kubernetes_cluster``), for the resource graph.

A cluster's nodes are its ``default_node_pool`` block and every
``azurerm_kubernetes_cluster_node_pool`` naming it (``kubernetes_cluster_id``). Each pool
puts its nodes in ``vnet_subnet_id`` ("The ID of a Subnet where the Kubernetes Node Pool
should exist"; not written: AKS creates a virtual network of its own in the node resource
group) and gives them public IP addresses with ``node_public_ip_enabled`` (4.x) /
``enable_node_public_ip`` (3.x), "Defaults to ``false``" (azurerm kubernetes_cluster and
kubernetes_cluster_node_pool pages).

The pools merge into their cluster (``azurerm.node_pool``), so the graph could not tell
whose ``vnet_subnet_id`` a merged reference is: :func:`pool_links` writes the pools on the
cluster's ``attributes`` (:data:`NODE_POOLS`) with the reference target of each pool's
subnet (the pool's own reference is merged into the cluster's), read by
``graph/aks_nodes.py``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from gdcc_audit.load.terraform_model import TfResource
from gdcc_audit.models.resource import Reference
from gdcc_audit.normalize.terraform.values import block, flag

if TYPE_CHECKING:  # the context (and the HCL parser it imports) only for its type
    from gdcc_audit.normalize.terraform.context import TfContext

CLUSTER = "azurerm_kubernetes_cluster"
POOL = "azurerm_kubernetes_cluster_node_pool"
#: The cluster attribute listing its node pools: ``{"name", "public", "subnets"}`` each;
#: ``public`` None when not known, ``subnets`` the reference targets of its
#: ``vnet_subnet_id`` (empty when not written: a virtual network AKS creates; None when
#: written but not a reference).
NODE_POOLS = "node_pools"
_SUBNET = "vnet_subnet_id"
_PUBLIC = ("node_public_ip_enabled", "enable_node_public_ip")


def public_ip(values: Mapping[str, Any]) -> bool | None:
    """Whether a pool's nodes get public IP addresses (4.x name first); absent: ``false``."""
    for name in _PUBLIC:
        if values.get(name) is not None:
            return flag(values, name, False)
    return False


def pool_links(
    r: TfResource, ctx: TfContext, attributes: dict[str, Any], references: tuple[Reference, ...]
) -> tuple[Reference, ...]:
    """``references`` unchanged; the cluster's pools written on ``attributes``."""
    pools: list[tuple[str, Mapping[str, Any], list[tuple[str, str]]]] = []
    default = block(r.values, "default_node_pool")
    if default is not None:
        refs = [(ref.target, ref.attribute) for ref in r.references
                if ref.attribute == f"default_node_pool.0.{_SUBNET}"]
        pools.append(("default_node_pool", default, refs))
    maybe: set[str] = set()
    for pool in ctx.related([POOL]):
        hit = ctx.may_designate(pool, "kubernetes_cluster_id", [CLUSTER], r)
        if hit is False or (hit is None and public_ip(pool.values) is False):
            continue
        if hit is None:  # a pool with public node IPs of this cluster or another one
            maybe.add(pool.address)
        refs = [(ref.target, ref.attribute) for ref in pool.references
                if ref.attribute == _SUBNET]
        pools.append((pool.address, pool.values, refs))
    if not pools:
        return references
    listed: list[dict[str, Any]] = []
    for name, values, refs in pools:
        written = values.get(_SUBNET) is not None
        subnets: list[str] | None = [target for target, _ in refs] if refs else (
            [] if not written else None
        )
        public = None if name in maybe else public_ip(values)
        listed.append({"name": name, "public": public, "subnets": subnets})
    attributes[NODE_POOLS] = listed
    return references
