"""ResourceGraph: resources as nodes, references as labelled edges (networkx, 2.6 and 3.x)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import networkx as nx

from gdcc_audit.models.resource import Resource


class ResourceGraph:
    """A directed graph: an edge ``a -> b`` means resource ``a`` refers to resource ``b``."""

    def __init__(self, resources: Iterable[Resource]) -> None:
        self._graph: nx.DiGraph[str] = nx.DiGraph()
        self._by_id: dict[str, Resource] = {}
        by_address: dict[tuple[str | None, str], str] = {}
        listed = list(resources)
        for resource in listed:
            self._by_id[resource.id] = resource
            self._graph.add_node(resource.id)
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
                    self._graph.add_edge(resource.id, target, attribute=ref.attribute)

    @property
    def nx(self) -> nx.DiGraph[str]:
        """The underlying networkx graph (for reporters and plugins, not for rules)."""
        return self._graph

    def __len__(self) -> int:
        return len(self._by_id)

    def get(self, resource_id: str) -> Resource | None:
        """The resource with this canonical id."""
        return self._by_id.get(resource_id)

    def references(self, resource: Resource, kind: str | None = None) -> Iterator[Resource]:
        """Resources this resource refers to, optionally of one kind."""
        for target in self._graph.successors(resource.id):
            found = self._by_id[target]
            if kind is None or found.kind == kind:
                yield found

    def referrers(self, resource: Resource, kind: str | None = None) -> Iterator[Resource]:
        """Resources that refer to this resource, optionally of one kind."""
        for source in self._graph.predecessors(resource.id):
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
