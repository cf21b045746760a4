"""Connected networks: which networks of the scan "any internal address" spans.

A rule open to ``0.0.0.0/0`` (or to a whole virtual network) admits the internal addresses
that can route to the resource: those of its own network, and of the networks joined to it by
a router (an OpenStack router's interfaces), a peering or a transit hub. It does not admit a
server of another Terraform root or template whose network nothing joins to it (two
independent examples scanned together: diodonfrost/terraform-openstack-examples'
``04-instance-with-loadbalancer`` databases were reached through ``01-sample-instance``'s
server).

Networks are joined by the links of the scan (``graph.scope.NETWORK_LINKS``, read from the
loaded documents: the mappers keep none of them). A link that names something the scan does
not hold (an input, a looked-up network, a port) may join its networks to any other: they are
*open*, reached from and reaching the other networks only uncertainly. A link that names
nothing of the scan at all may join any two networks: then every network is open.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import pairwise

from gdcc_audit.graph.model import ResourceGraph, root_of
from gdcc_audit.graph.scope import LINK_HUBS, Link, strip_index
from gdcc_audit.models.resource import Resource


def unit_of(resource: Resource) -> str:
    """The unit a resource is declared in: its Terraform root scope, else its file."""
    root = root_of(resource)  # "" is the scan folder's own root
    return root if root is not None else (resource.location.file or "")


@dataclass
class Islands:
    """Networks of the scan grouped by what joins them."""

    graph: ResourceGraph
    _parent: dict[str, str] = field(default_factory=dict)
    _open: set[str] = field(default_factory=set)
    #: Every network is open: a link names nothing of the scan.
    everything_open: bool = False
    _names: dict[str, str] = field(default_factory=dict)
    #: Component root -> its first network (by id): the island's id.
    _first: dict[str, str] = field(default_factory=dict)
    #: Island -> the islands it reaches without being one with them: VPCs its transit
    #: gateway route tables route to (a direction: ``graph.transit``).
    _adjacent: dict[str, set[str]] = field(default_factory=dict)
    #: Island -> why it is open, where a link says (a table whose routes are not known).
    _why: dict[str, list[str]] = field(default_factory=dict)

    def build(self, links: Iterable[Link]) -> Islands:
        """Join the networks each link names."""
        links = list(links)
        index: dict[tuple[str, str], list[Resource]] = {}
        for resource in self.graph.resources():
            if resource.kind == "network.vpc":
                self._find(resource.id)
                self._names[resource.id] = resource.address or resource.name
            if resource.address and links:  # (no link: nothing to look up)
                # by its address, keys and all, and without them (a link's end naming no
                # instance stands for each: ``scope._Managed``)
                unit = unit_of(resource)
                index.setdefault((unit, resource.address), []).append(resource)
                if strip_index(resource.address) != resource.address:
                    index.setdefault((unit, strip_index(resource.address)), []).append(
                        resource)
        pairs: list[tuple[str, str]] = []
        whys: dict[str, list[str]] = {}
        for link in links:
            if link.adjacent:
                # two attachments of one transit gateway, the first's table routing to the
                # second: it reaches the second, not what the second reaches (no transitive
                # join), and is not reached back unless the second's table routes to it
                ends = [f"hub:{link.unit}:{t}" for _, t in link.ends if t is not None]
                pairs.extend(pairwise(ends))
                continue
            own = f"link:{link.unit}:{link.address}"
            # a link that is itself a hub (a peering) joins what names it (a route to it)
            self._union(own, f"hub:{link.unit}:{link.address}")
            loose = False
            for argument, target in link.ends:
                found = index.get((link.unit, target)) if target is not None else None
                if target is None or (not found and argument not in LINK_HUBS):
                    loose = True  # a network (or port) outside the scan: any network
                    continue
                if not found:
                    self._union(own, f"hub:{link.unit}:{target}")
                    continue
                for resource in found:
                    for key in self._keys(resource):
                        if key is None:
                            loose = True
                            continue
                        self._union(own, key)
            if loose:
                self._open.add(own)
                if link.why:
                    whys.setdefault(own, []).append(link.why)
        opened = {self._find(k) for k in self._open}
        if opened and not any(self._find(n) in opened for n in self._names):
            self.everything_open = True  # a link of unknown ends joins nothing known
        for network in sorted(self._names):
            self._first.setdefault(self._find(network), network)
        self._open = {self._first[r] for r in opened if r in self._first}
        for key, said in whys.items():
            island = self._first.get(self._find(key))
            if island is not None:
                self._why.setdefault(island, []).extend(said)
        for a, b in pairs:
            first, second = self._first.get(self._find(a)), self._first.get(self._find(b))
            if first is not None and second is not None and first != second:
                self._adjacent.setdefault(first, set()).add(second)
        return self

    def _keys(self, resource: Resource) -> list[str | None]:
        """What a link's end stands for: a network; a subnet's network (None: not known);
        a router or another resource: itself (links naming it join through it)."""
        if resource.kind == "network.vpc":
            return [resource.id]
        if resource.kind in ("network.subnet", "network.route_table"):
            vpcs = [v.id for v in self.graph.references(resource, "network.vpc")]
            return list(vpcs) if vpcs else [None]
        return [f"res:{resource.id}"]

    def _find(self, key: str) -> str:
        parent = self._parent.setdefault(key, key)
        if parent == key:
            return key
        root = self._find(parent)
        self._parent[key] = root
        return root

    def _union(self, a: str, b: str) -> None:
        ra, rb = self._find(a), self._find(b)
        if ra != rb:
            # the smaller key is the representative: the same on every run
            keep, drop = sorted((ra, rb))
            self._parent[drop] = keep

    def island(self, network: str) -> str:
        """The island a network (its resource id) belongs to: the id of its first network."""
        return self._first.get(self._find(network), network)

    def reach(self, islands: list[str]) -> list[str]:
        """The islands whose networks those of ``islands`` reach: themselves, and those
        their transit gateway route tables route to."""
        if not self._adjacent:
            return islands
        out = set(islands)
        for island in islands:
            out.update(self._adjacent.get(island, ()))
        return sorted(out)

    def why_open(self, island: str) -> str:
        """What the links that open the island say of it, after "; " ("" when none
        says)."""
        said = sorted(set(self._why.get(island, ())))
        return "".join(f"; {why}" for why in said)

    def is_open(self, island: str) -> bool:
        """Whether the island may be joined to networks the scan cannot tell."""
        return self.everything_open or island in self._open

    def name(self, island: str) -> str:
        """The island's first network, as its address."""
        return self._names.get(island, island)
