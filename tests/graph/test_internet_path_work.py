"""GDCC-GRAPH-002 at scale: the work behind "is a management port reachable from the internet".

For every workload the internet reaches, the rule asked ``paths_from_internet`` once without a
port (to know it is reached at all: the whole path was built, hops and all, and dropped) and
once per management port, each looking through every edge into it twice (certain ways first,
then any), though most of those ports are let in by no edge at all (bench_graph 10k: 14,778 of
18,892 questions). The answers are the same; these tests hold both the answers and the work.
"""

from __future__ import annotations

from typing import Any

import pytest

from gdcc_audit.graph.model import ResourceGraph
from gdcc_audit.models import Reference, Resource, SourceLocation
from gdcc_audit.models.resource import Facets, IngressRule


def _res(name: str, kind: str, *refs: str, **facets: Any) -> Resource:
    return Resource(
        id=f"t/-/x_{kind}.{name}", kind=kind, name=name, provider="aws",
        provider_type=f"x_{kind}", tenant="t", address=name, facets=Facets(**facets),
        references=tuple(Reference(target=r, attribute="ref") for r in refs),
        location=SourceLocation(file="main.tf", start_line=1),
    )


def _allow(port: int, *sources: str) -> tuple[IngressRule, ...]:
    return (IngressRule(protocol="tcp", from_port=port, to_port=port, sources=sources),)


def _graph() -> ResourceGraph:
    """A public web server open to the internet on 22 and 443, an app server behind it on
    8080 (reached through the web server), and a private server nothing admits."""
    web_rules = (*_allow(22, "0.0.0.0/0"), *_allow(443, "0.0.0.0/0"))
    return ResourceGraph([
        _res("web-sg", "network.security_group", ingress=web_rules),
        _res("web", "compute.instance", "web-sg", public_endpoint=True),
        _res("app-sg", "network.security_group", ingress=_allow(8080, "sg:web-sg")),
        _res("app", "compute.instance", "app-sg", public_endpoint=False),
        _res("closed-sg", "network.security_group", ingress=()),
        _res("closed", "compute.instance", "closed-sg", public_endpoint=False),
    ])


def _id(name: str) -> str:
    return f"t/-/x_compute.instance.{name}"


def test_reached_from_internet_answers_as_a_path_does() -> None:
    graph = _graph()
    for name in ("web", "app", "closed"):
        assert graph.reached_from_internet(_id(name)) is bool(
            graph.paths_from_internet(to=_id(name))
        ), name
    assert graph.reached_from_internet(_id("web")) is True
    assert graph.reached_from_internet(_id("app")) is True
    assert graph.reached_from_internet(_id("closed")) is False


def test_reached_from_internet_builds_no_hops(monkeypatch: pytest.MonkeyPatch) -> None:
    graph = _graph()
    built: list[int] = []
    hops = ResourceGraph._hops

    def counting(self: ResourceGraph, chain: list[str], port: int | None) -> Any:
        built.append(len(chain))
        return hops(self, chain, port)

    monkeypatch.setattr(ResourceGraph, "_hops", counting)
    assert graph.reached_from_internet(_id("app"))
    assert built == []
    assert [str(p) for p in graph.paths_from_internet(to=_id("app"))] == [
        "internet → web:22,443 → app:8080"
    ]
    assert len(built) == 1  # the path shown is built, once


def test_a_port_no_edge_lets_in_is_answered_without_a_search(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    graph = _graph()
    searched: list[tuple[str, int | None]] = []
    way_in = ResourceGraph._way_in

    def counting(self: ResourceGraph, parents: Any, target: str, port: int | None,
                 *args: Any, **kwargs: Any) -> Any:
        searched.append((target, port))
        return way_in(self, parents, target, port, *args, **kwargs)

    monkeypatch.setattr(ResourceGraph, "_way_in", counting)
    # nothing lets 3389 into the web server, nor 22 into the app server
    assert graph.paths_from_internet(to=_id("web"), port=3389) == []
    assert graph.paths_from_internet(to=_id("app"), port=22) == []
    assert searched == []
    # ports some edge lets in are searched as before
    assert [str(p) for p in graph.paths_from_internet(to=_id("web"), port=22)] == [
        "internet → web:22"
    ]
    assert [str(p) for p in graph.paths_from_internet(to=_id("app"), port=8080)] == [
        "internet → web:22,443 → app:8080"
    ]
    assert searched == [(_id("web"), 22), (_id("app"), 8080)]


def test_the_build_finds_each_resources_groups_and_segments_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from gdcc_audit.graph.network import NetworkBuilder

    asked: dict[str, list[str]] = {"groups": [], "segments": []}
    groups_of, segments_of = NetworkBuilder._groups_of, NetworkBuilder._segments_of

    def groups(self: NetworkBuilder, resource: Resource) -> list[Resource]:
        asked["groups"].append(resource.name)
        return groups_of(self, resource)

    def segments(self: NetworkBuilder, resource: Resource) -> list[Resource]:
        asked["segments"].append(resource.name)
        return segments_of(self, resource)

    monkeypatch.setattr(NetworkBuilder, "_groups_of", groups)
    monkeypatch.setattr(NetworkBuilder, "_segments_of", segments)
    graph = _graph()
    edges = {(s, t) for s, t, _ in graph.reach.edges()}
    assert ("t/-/x_compute.instance.web", "sg:t/-/x_network.security_group.web-sg") in edges
    for name, names in asked.items():
        assert len(names) == len(set(names)), name  # once per resource (three or four before)
    assert sorted(asked["groups"]) == ["app", "closed", "web"]
