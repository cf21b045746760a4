"""What reaches the nodes of an AKS cluster's node pools through the network security group
(NSG) of each pool's subnet.

Each pool's nodes sit in its ``vnet_subnet_id`` (``normalize/terraform/aks_pools.py``). Two
NSGs filter them, as for any Azure VM (``graph/azure.py``): the subnet's, which the
configuration writes, and the one AKS creates in the node resource group for the nodes'
interfaces, whose rules AKS manages ("As you create Services, such as a LoadBalancer, the
Azure platform automatically configures any necessary network security group rules",
learn.microsoft.com/azure/aks/concepts-network, "Network security groups"). The second is not
in the configuration: what the subnet's NSG lets in is what may reach the nodes at most
(never surely), and a subnet's NSG that lets nothing in from a source bounds it to nothing.
A pool without ``vnet_subnet_id`` is in a virtual network AKS creates (NSG not known); a
subnet with no NSG leaves only the one AKS manages (not known).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from gdcc_audit.graph import azure
from gdcc_audit.models.resource import Resource
from gdcc_audit.normalize.terraform.aks_pools import NODE_POOLS

if TYPE_CHECKING:
    from gdcc_audit.graph.model import ResourceGraph

#: The interface layer of every AKS node: an NSG AKS manages, not in the configuration.
MANAGED = azure.Layer(
    why="AKS manages the network security group of the nodes' network interfaces (not in "
        "the configuration)"
)


@dataclass(frozen=True)
class Pool:
    """One node pool: whether its nodes have public IP addresses (None: not known), what its
    subnet's NSG lets in at most (None: not known, ``why``), and the NSGs that decide it."""

    name: str
    public: bool | None
    rules: azure.Rules | None
    why: str
    groups: tuple[str, ...] = ()


def pools(graph: ResourceGraph, cluster: Resource) -> list[Pool] | None:
    """The cluster's node pools; None when the mapper did not list them."""
    listed = cluster.attributes.get(NODE_POOLS)
    if not isinstance(listed, list) or not listed:
        return None
    out: list[Pool] = []
    for item in listed:
        if not isinstance(item, dict):
            return None
        name = str(item.get("name", ""))
        public = item.get("public")
        public = public if isinstance(public, bool) else None
        written = item.get("subnets")
        if written == []:
            out.append(Pool(name, public, None,
                            f"node pool {name} is in a virtual network AKS creates (no "
                            "vnet_subnet_id)"))
            continue
        targets = [graph.resolve(cluster, str(t)) for t in written or ()]
        subnets = [t for t in targets if t is not None and t.kind == "network.subnet"]
        if not subnets or len(subnets) < len(targets):
            out.append(Pool(name, public, None, f"the subnet of node pool {name} is not in the "
                                                "scan"))
            continue
        for target in subnets:
            layer = azure.subnet_layer(graph, target)
            rules, _open, why = azure.combine(layer, MANAGED)
            names = tuple(o.name for _, o in layer.rules or () if o is not None)
            out.append(Pool(name, public, rules, why, tuple(dict.fromkeys(names))))
    return out
