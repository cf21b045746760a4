"""The node configurations of a GKE cluster: where its nodes' settings are written.

A ``google_container_cluster``'s nodes come from its default node pool (the cluster's own
``node_config``, unless ``remove_default_node_pool = true``), its inline ``node_pool`` blocks
(but one named ``default-pool`` when the default pool is removed)
and every ``google_container_node_pool`` of the scan naming it (``cluster``). A setting of
the nodes (secure boot, the metadata server workloads see) is judged on each of them. A pool
whose ``cluster`` is one of several a value not known chooses (``var.on ?
google_container_cluster.a.name : google_container_cluster.b.name``) may be the cluster's:
``NodeConfig.maybe``, a setting it lowers is not known on the cluster, not certain.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from gdcc_audit.load.terraform_model import TfResource
from gdcc_audit.normalize.terraform.context import TfContext
from gdcc_audit.normalize.terraform.values import block, blocks, flag, text

CLUSTER = "google_container_cluster"
#: ``remove_default_node_pool = true`` deletes the pool of this name once the cluster is made
#: (the provider's resourceContainerClusterCreate deletes ``nodePools/default-pool``), an
#: inline ``node_pool`` block of that name included.
_DEFAULT_POOL = "default-pool"
POOL = "google_container_node_pool"


@dataclass(frozen=True)
class NodeConfig:
    """One pool's ``node_config`` (None: not known before apply), named for a finding."""

    name: str
    config: Mapping[str, Any] | None
    #: The pool may be another cluster's (see the module docstring).
    maybe: bool = False


def node_configs(cluster: TfResource, ctx: TfContext) -> list[NodeConfig] | None:
    """The node configurations of ``cluster``'s pools; None when the pools are not known
    (inline ``node_pool`` blocks made by a dynamic block, or ``remove_default_node_pool``
    not known). An empty list: every pool is outside the scan (the default pool removed and
    no pool of the scan names the cluster)."""
    v = cluster.values
    found: list[NodeConfig] = []
    removed = flag(v, "remove_default_node_pool", False)
    inline = blocks(v, "node_pool")
    if removed is None or inline is None:
        return None
    if not removed and not inline:
        found.append(NodeConfig("default node pool", block(v, "node_config")))
    for index, pool in enumerate(inline):
        name = text(pool, "name") or f"node_pool[{index}]"
        if removed and name == _DEFAULT_POOL:
            continue
        found.append(NodeConfig(f"node pool {name}", block(pool, "node_config")))
    certain, maybe = ctx.naming(ctx.by_type.get(POOL, ()), "cluster", [CLUSTER], cluster)
    for resource in certain + maybe:
        config = block(resource.values, "node_config")
        found.append(NodeConfig(resource.address, config, resource in maybe))
    return found
