"""The graph as data (the ``graph`` member of the JSON result) and as GraphML or DOT.

``to_data`` is plain JSON: nodes (resources, ``internet``, helper nodes of the reachability
graph, ``unresolved:`` targets) and edges of two families: dependency edges (``type`` is the
relation: reference, containment, attachment, encryption, logging, grant, unresolved) and
network edges (``type: network`` with ``ports``, ``certain``, ``via``). The writers below take
that data, so ``gdcc-audit graph`` and a saved JSON result give the same files.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from gdcc_audit.graph.paths import INTERNET, service_of_port

if TYPE_CHECKING:
    from gdcc_audit.graph.model import ResourceGraph

GRAPH_DATA_VERSION = 1
_HELPERS = {"sg": "group", "seg": "segment", "anywhere": "anywhere", "k8s": "pods",
            "nodes": "nodes", "service-port": "service port", "forwarded-by": "forwarded by"}


def to_data(graph: ResourceGraph) -> dict[str, Any]:
    """Nodes and edges of both graphs, JSON-ready and sorted (stable across runs)."""
    nodes: dict[str, dict[str, Any]] = {}
    for resource in graph.resources():
        nodes[resource.id] = {
            "id": resource.id,
            "kind": resource.kind,
            "label": resource.name,
            "system": resource.system,
            "file": resource.location.file,
            "line": resource.location.start_line,
            "personal_data": graph.personal_data(resource),
            "classification": graph.classification(resource),
        }
    edges: list[dict[str, Any]] = []
    for source, target, kind, attribute in graph.dependency_edges():
        if target not in nodes:
            nodes[target] = {"id": target, "kind": "unresolved", "label": target[11:]}
        edges.append({"source": source, "target": target, "type": kind, "attribute": attribute})
    for source, target, data in graph.reach.edges():
        for node in (source, target):
            if node not in nodes:
                head = node.split(":", 1)[0]
                kind = "internet" if node == INTERNET else _HELPERS.get(head, "helper")
                label = node
                owner = service_of_port(node) or node.split(":", 1)[-1]
                if ":" in node and (found := graph.get(owner)) is not None:
                    label = f"{kind} {found.name}"
                    if owner != node.split(":", 1)[1]:
                        label += f" {node.rpartition(':')[2]}"
                nodes[node] = {"id": node, "kind": kind, "label": label}
        edges.append(
            {
                "source": source,
                "target": target,
                "type": "network",
                "ports": str(data["ports"]),
                "certain": bool(data["certain"]),
                "via": data["via"],
            }
        )
    nodes.setdefault(INTERNET, {"id": INTERNET, "kind": "internet", "label": INTERNET})
    edges.sort(key=lambda e: (e["type"], e["source"], e["target"]))
    return {
        "version": GRAPH_DATA_VERSION,
        "nodes": sorted(nodes.values(), key=lambda n: n["id"]),
        "edges": edges,
        "unresolved": [
            {"source": u.source, "target": u.target, "attribute": u.attribute}
            for u in graph.unresolved()
        ],
    }


def _hop_nodes(evidence: Mapping[str, Any], into: set[str]) -> None:
    """Node ids of a finding's ``path_hops`` evidence (merged findings keep them in ``parts``)."""
    hops = evidence.get("path_hops")
    if isinstance(hops, list):
        for hop in hops:
            if isinstance(hop, Mapping) and isinstance(hop.get("node"), str):
                into.add(hop["node"])
    parts = evidence.get("parts")
    if isinstance(parts, list):
        for part in parts:
            if isinstance(part, Mapping):
                _hop_nodes(part, into)


def path_subgraph(
    data: Mapping[str, Any], evidences: Iterable[Mapping[str, Any]]
) -> dict[str, Any]:
    """The graph cut down to what reports need: the nodes on the findings' attack paths
    (``path_hops`` evidence), the edges between them, every unresolved reference, and how many
    nodes and edges the whole graph has (``complete`` is False). This is the default JSON
    result's ``graph``; ``scan --full-graph`` and ``gdcc-audit graph`` keep the whole graph."""
    if data.get("complete") is False:
        return dict(data)
    wanted: set[str] = set()
    for evidence in evidences:
        _hop_nodes(evidence, wanted)
    nodes = [n for n in data.get("nodes", ()) if n.get("id") in wanted]
    kept = {n["id"] for n in nodes}
    edges = [e for e in data.get("edges", ()) if e["source"] in kept and e["target"] in kept]
    return {
        "version": data.get("version", GRAPH_DATA_VERSION),
        "complete": False,
        "total_nodes": len(data.get("nodes", ())),
        "total_edges": len(data.get("edges", ())),
        "nodes": nodes,
        "edges": edges,
        "unresolved": list(data.get("unresolved", ())),
    }


def to_graphml(data: dict[str, Any]) -> str:
    """GraphML 1.0 (readable by networkx, Gephi, yEd, Cytoscape)."""
    ns = "http://graphml.graphdrawing.org/xmlns"
    from xml.etree import ElementTree as ET  # only for GraphML (a scan never writes it)

    root = ET.Element("graphml", xmlns=ns)
    node_keys = ("kind", "label", "system", "file", "line", "personal_data", "classification")
    edge_keys = ("type", "attribute", "ports", "certain", "via")
    for name in node_keys:
        ET.SubElement(root, "key", id=f"n_{name}", attrib={"for": "node", "attr.name": name,
                                                           "attr.type": "string"})
    for name in edge_keys:
        ET.SubElement(root, "key", id=f"e_{name}", attrib={"for": "edge", "attr.name": name,
                                                           "attr.type": "string"})
    body = ET.SubElement(root, "graph", id="gdcc", edgedefault="directed")
    for node in data["nodes"]:
        element = ET.SubElement(body, "node", id=node["id"])
        for name in node_keys:
            if node.get(name) is not None:
                ET.SubElement(element, "data", key=f"n_{name}").text = _text(node[name])
    for index, edge in enumerate(data["edges"]):
        element = ET.SubElement(
            body, "edge", id=f"e{index}", source=edge["source"], target=edge["target"]
        )
        for name in edge_keys:
            if edge.get(name) is not None:
                ET.SubElement(element, "data", key=f"e_{name}").text = _text(edge[name])
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode")


def to_dot(data: dict[str, Any]) -> str:
    """Graphviz DOT: network edges solid with their ports, dependency edges dashed."""
    lines = ["digraph gdcc {", "  rankdir=LR;", '  node [shape=box, fontname="Sarabun"];']
    for node in data["nodes"]:
        shape = _DOT_SHAPES.get(str(node["kind"]).split(".")[0], "box")
        label = f"{node['label']}\\n{node['kind']}"
        lines.append(f"  {_quote(node['id'])} [label={_quote(label)}, shape={shape}];")
    for edge in data["edges"]:
        if edge["type"] == "network":
            style = "solid" if edge["certain"] else "dotted"
            attrs = f"label={_quote(edge['ports'])}, style={style}"
        else:
            attrs = f"label={_quote(edge['type'])}, style=dashed, color=gray"
        lines.append(f"  {_quote(edge['source'])} -> {_quote(edge['target'])} [{attrs}];")
    lines.append("}")
    return "\n".join(lines) + "\n"


_DOT_SHAPES = {
    "database": "cylinder",
    "storage": "folder",
    "internet": "doublecircle",
    "network": "hexagon",
    "group": "ellipse",
    "segment": "ellipse",
}


def _quote(text: Any) -> str:
    escaped = str(text).replace("\\", "\\\\").replace('"', '\\"').replace("\\\\n", "\\n")
    return f'"{escaped}"'


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return str(value).lower()
    return str(value)
