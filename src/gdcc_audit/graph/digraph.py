"""A small directed graph with edge attributes, for the graph questions rules ask.

Importing networkx costs 0.1-0.2 s, more than a pre-commit run may spend in total, and the
questions rules ask need only adjacency: successors and predecessors with their edge data.
``Digraph`` keeps them in insertion-ordered dicts with the same semantics as
``networkx.DiGraph`` (adding an edge adds its ends; adding it again updates its data; one data
dict shared by both directions), so searches visit nodes in the same order as they did on
networkx. ``to_networkx`` gives the networkx view for plugins and exporters that want one.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import networkx

EdgeData = dict[str, Any]


class Digraph:
    """Nodes with ordered successors (``adj``) and predecessors (``pred``)."""

    __slots__ = ("adj", "nodes", "pred")

    def __init__(self) -> None:
        #: ``adj[u][v]`` is the data of edge ``u -> v``; ``pred[v][u]`` the same dict.
        self.adj: dict[str, dict[str, EdgeData]] = {}
        self.pred: dict[str, dict[str, EdgeData]] = {}
        #: Node attributes, in insertion order.
        self.nodes: dict[str, dict[str, Any]] = {}

    def add_node(self, node: str, **attributes: Any) -> None:
        """Add ``node`` (or update its attributes)."""
        if node not in self.nodes:
            self.nodes[node] = {}
            self.adj[node] = {}
            self.pred[node] = {}
        self.nodes[node].update(attributes)

    def add_edge(self, source: str, target: str, **attributes: Any) -> None:
        """Add ``source -> target`` (and its ends); an existing edge's data is updated."""
        if source not in self.nodes:
            self.add_node(source)
        if target not in self.nodes:
            self.add_node(target)
        data = self.adj[source].get(target)
        if data is None:
            data = {}
            self.adj[source][target] = data
            self.pred[target][source] = data
        data.update(attributes)

    def __contains__(self, node: object) -> bool:
        return node in self.nodes

    def __len__(self) -> int:
        return len(self.nodes)

    def has_edge(self, source: str, target: str) -> bool:
        """Whether ``source -> target`` is an edge."""
        return target in self.adj.get(source, ())

    def edge(self, source: str, target: str) -> EdgeData:
        """The data of edge ``source -> target`` (KeyError when there is none)."""
        return self.adj[source][target]

    def edges(self) -> Iterator[tuple[str, str, EdgeData]]:
        """``(source, target, data)`` of every edge, sources in node order."""
        for source, targets in self.adj.items():
            for target, data in targets.items():
                yield source, target, data

    def to_networkx(self) -> networkx.DiGraph[str]:
        """The same nodes and edges (with copies of their data) as a networkx DiGraph."""
        import networkx

        graph: networkx.DiGraph[str] = networkx.DiGraph()
        for node, attributes in self.nodes.items():
            graph.add_node(node, **attributes)
        for source, target, data in self.edges():
            graph.add_edge(source, target, **data)
        return graph
