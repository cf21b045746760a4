"""Parts not assessed that name a resource connected to another one in the graph.

A graph rule (tagged ``graph``) judges a resource through the resources linked to it: a
database is reachable from the internet through its security groups, subnets and route
tables. A part of the input that was not assessed and names one of them (a security group
rule cut short) may open the path, so such a rule's PASS on any resource of the same
connected part of the graph is UNKNOWN, naming the part and the resource it names.
"""

from __future__ import annotations

from gdcc_audit.graph.model import ResourceGraph
from gdcc_audit.models.resource import LostMention, Resource

#: Facets a part can set that change what the graph reads (paths, exposure, grants); a part
#: that can set only other facets (a duplicated versioning companion) does not count.
GRAPH_FACETS = frozenset(
    {"ingress", "egress", "routes", "acl_rules", "public_endpoint", "public_access", "permissions"}
)


def _counts(mention: LostMention) -> bool:
    return mention.named and (mention.facets is None or bool(GRAPH_FACETS & set(mention.facets)))


def connected_lost(graph: ResourceGraph) -> dict[str, tuple[LostMention, ...]]:
    """Resource id -> the parts not assessed that name *another* resource of its connected
    part of the graph (each ``where`` is ``file:line: address``). Empty when no part was
    lost, so a whole scan costs nothing."""
    sources = [r for r in graph.resources() if any(_counts(m) for m in r.lost)]
    if not sources:
        return {}
    component: dict[str, int] = {}
    members: list[list[Resource]] = []
    for source in sources:
        if source.id in component:
            continue
        index = len(members)
        component[source.id] = index
        found = [source]
        queue = [source]
        while queue:
            node = queue.pop()
            for other in graph.connected(node):
                if other.id not in component:
                    component[other.id] = index
                    found.append(other)
                    queue.append(other)
        members.append(found)
    by_component: dict[int, list[tuple[str, LostMention]]] = {}
    for source in sources:
        label = source.address or source.name
        for mention in source.lost:
            if _counts(mention):
                entry = LostMention(
                    where=f"{mention.where}: {label}", unexpanded=mention.unexpanded
                )
                by_component.setdefault(component[source.id], []).append((source.id, entry))
    out: dict[str, tuple[LostMention, ...]] = {}
    for index, entries in by_component.items():
        for resource in members[index]:
            others = tuple(dict.fromkeys(m for owner, m in entries if owner != resource.id))
            if others:
                out[resource.id] = others
    return out
