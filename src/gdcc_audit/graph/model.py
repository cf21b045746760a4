"""ResourceGraph: resources as nodes, references as labelled edges.

Rules query it through ``references`` / ``referrers``; those run on plain adjacency maps, so a
scan does not pay for importing networkx (~100 ms). ``nx`` builds the networkx ``DiGraph``
(2.6 and 3.x) on first use, for plugins and graph reporters that want its algorithms.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from gdcc_audit.models.resource import Resource

if TYPE_CHECKING:
    import networkx


class ResourceGraph:
    """A directed graph: an edge ``a -> b`` means resource ``a`` refers to resource ``b``."""

    def __init__(self, resources: Iterable[Resource]) -> None:
        self._by_id: dict[str, Resource] = {}
        self._out: dict[str, dict[str, str]] = {}
        self._in: dict[str, dict[str, str]] = {}
        self._nx: networkx.DiGraph[str] | None = None
        by_address: dict[tuple[str | None, str], str] = {}
        listed = list(resources)
        for resource in listed:
            self._by_id[resource.id] = resource
            self._out[resource.id] = {}
            self._in[resource.id] = {}
            for alias in _aliases(resource):
                by_address.setdefault((resource.location.file, alias), resource.id)
                by_address.setdefault((None, alias), resource.id)
        for resource in listed:
            for ref in resource.references:
                target = (
                    by_address.get((resource.location.file, ref.target))
                    or by_address.get((None, ref.target))
                    or (ref.target if ref.target in self._by_id else None)
                )
                if target is not None and target != resource.id:
                    self.add_edge(resource.id, target, ref.attribute)

    def add_edge(self, source: str, target: str, attribute: str) -> None:
        """Add ``source -> target`` (both canonical ids of resources in the graph)."""
        if source not in self._by_id or target not in self._by_id:
            raise KeyError(f"both ends must be resources of the graph: {source} -> {target}")
        self._out[source].setdefault(target, attribute)
        self._in[target].setdefault(source, attribute)
        if self._nx is not None:
            self._nx.add_edge(source, target, attribute=attribute)

    @property
    def nx(self) -> networkx.DiGraph[str]:
        """The graph as a networkx DiGraph (built on first use; edges carry ``attribute``)."""
        if self._nx is None:
            import networkx

            graph: networkx.DiGraph[str] = networkx.DiGraph()
            graph.add_nodes_from(self._by_id)
            for source, targets in self._out.items():
                for target, attribute in targets.items():
                    graph.add_edge(source, target, attribute=attribute)
            self._nx = graph
        return self._nx

    def __len__(self) -> int:
        return len(self._by_id)

    def get(self, resource_id: str) -> Resource | None:
        """The resource with this canonical id."""
        return self._by_id.get(resource_id)

    def references(self, resource: Resource, kind: str | None = None) -> Iterator[Resource]:
        """Resources this resource refers to, optionally of one kind."""
        for target in self._out.get(resource.id, {}):
            found = self._by_id[target]
            if kind is None or found.kind == kind:
                yield found

    def referrers(self, resource: Resource, kind: str | None = None) -> Iterator[Resource]:
        """Resources that refer to this resource, optionally of one kind."""
        for source in self._in.get(resource.id, {}):
            found = self._by_id[source]
            if kind is None or found.kind == kind:
                yield found

    def connected(self, resource: Resource, kind: str | None = None) -> Iterator[Resource]:
        """Resources linked in either direction."""
        seen: set[str] = set()
        for found in (*self.references(resource, kind), *self.referrers(resource, kind)):
            if found.id not in seen:
                seen.add(found.id)
                yield found


def _aliases(resource: Resource) -> set[str]:
    names = {resource.id, f"{resource.provider_type}.{resource.name}"}
    if resource.address:
        names.add(resource.address)
    return names
