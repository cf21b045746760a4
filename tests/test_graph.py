"""ResourceGraph: references resolve by address within a file, and networkx sees the same edges."""

from __future__ import annotations

from gdcc_audit.graph.model import ResourceGraph
from gdcc_audit.models import Reference, Resource, SourceLocation


def _res(name: str, kind: str, file: str, refs: tuple[str, ...] = ()) -> Resource:
    return Resource(
        id=f"-/-/{file}:{name}", kind=kind, name=name, provider="aws",
        provider_type=f"aws_{kind.split('.')[1]}", address=f"aws_{kind.split('.')[1]}.{name}",
        references=tuple(Reference(target=r, attribute="vpc_id") for r in refs),
        location=SourceLocation(file=file, start_line=1),
    )


def test_references_resolve_in_the_same_file_first() -> None:
    vpc_a = _res("main", "network.vpc", "a.tf")
    vpc_b = _res("main", "network.vpc", "b.tf")
    log = _res("flow", "logging.flow_log", "b.tf", refs=("aws_vpc.main",))
    graph = ResourceGraph([vpc_a, vpc_b, log])
    assert [r.id for r in graph.referrers(vpc_b, "logging.flow_log")] == [log.id]
    assert list(graph.referrers(vpc_a)) == []
    assert [r.id for r in graph.references(log)] == [vpc_b.id]
    assert [r.id for r in graph.connected(vpc_b)] == [log.id]


def test_networkx_view_has_the_same_edges_and_follows_additions() -> None:
    vpc = _res("main", "network.vpc", "a.tf")
    log = _res("flow", "logging.flow_log", "a.tf", refs=("aws_vpc.main",))
    sg = _res("web", "network.security_group", "a.tf")
    graph = ResourceGraph([vpc, log, sg])
    assert list(graph.nx.edges(data=True)) == [
        (log.id, vpc.id, {"attribute": "vpc_id", "relation": "containment"})
    ]
    graph.add_edge(sg.id, vpc.id, "vpc_id")
    assert graph.nx.has_edge(sg.id, vpc.id)
    assert [r.id for r in graph.referrers(vpc)] == [log.id, sg.id]
