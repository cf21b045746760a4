"""Splitting "any internal address" by connected networks (``NetworkBuilder._within_networks``,
``graph/islands.py``) does its work once per base and island, not once per sender and island:
at 10,000 resources of ``benchmarks/bench_graph.py`` (17 islands, 1,642 senders) every sender
asked whether each island its base reaches is open (29,573 ``is_open`` calls), and the islands
indexed every resource by address though the scan held no link to look up."""

from __future__ import annotations

from typing import Any

import pytest

from gdcc_audit.graph import islands as islands_module
from gdcc_audit.graph.model import ResourceGraph
from gdcc_audit.graph.scope import Scope
from gdcc_audit.models import Reference, Resource, SourceLocation
from gdcc_audit.models.resource import Facets, IngressRule
from gdcc_audit.models.tenant import Tenant

_NETWORKS = 12
_SERVERS = 5


def _tenant() -> Tenant:
    return Tenant.model_validate({
        "id": "t", "agency": {"name_th": "หน่วยงาน", "name_en": "Agency"},
        "systems": [{"id": "s", "name_th": "ระบบ", "name_en": "System"}],
    })


def _resources() -> list[Resource]:
    out: list[Resource] = []

    def add(name: str, kind: str, refs: tuple[str, ...] = (), **facets: Any) -> str:
        rid = f"t/s/{kind}.{name}"
        out.append(Resource(
            id=rid, kind=kind, name=name, provider="aws", provider_type=f"test_{kind}",
            tenant="t", system="s", address=name, facets=Facets(**facets),
            references=tuple(Reference(target=r, attribute="ref") for r in refs),
            location=SourceLocation(file=f"net{len(out) % _NETWORKS}.tf", start_line=1),
        ))
        return rid

    for n in range(_NETWORKS):
        vpc = add(f"vpc{n}", "network.vpc")
        subnet = add(f"subnet{n}", "network.subnet", (vpc,))
        group = add(f"sg{n}", "network.security_group", (), ingress=(
            IngressRule(protocol="tcp", from_port=22, to_port=22, sources=("0.0.0.0/0",)),
        ))
        for s in range(_SERVERS):
            add(f"app{n}_{s}", "compute.instance", (group, subnet), public_endpoint=False)
    return out


def _network(monkeypatch: pytest.MonkeyPatch) -> tuple[ResourceGraph, dict[str, int]]:
    calls = {"is_open": 0, "unit_of": 0}
    is_open, unit_of = islands_module.Islands.is_open, islands_module.unit_of

    def counted_is_open(self: islands_module.Islands, island: str) -> bool:
        calls["is_open"] += 1
        return is_open(self, island)

    def counted_unit_of(resource: Resource) -> str:
        calls["unit_of"] += 1
        return unit_of(resource)

    monkeypatch.setattr(islands_module.Islands, "is_open", counted_is_open)
    monkeypatch.setattr(islands_module, "unit_of", counted_unit_of)
    graph = ResourceGraph(_resources(), [_tenant()], Scope())
    graph.network  # noqa: B018 - builds the reachability graph
    return graph, calls


def test_each_network_is_its_own_island(monkeypatch: pytest.MonkeyPatch) -> None:
    graph, _ = _network(monkeypatch)
    edges = set(graph.network.edges())
    island = "anywhere:t:aws:net:t/s/network.vpc.vpc3"
    assert (island, "t/s/compute.instance.app3_0") in edges
    assert ("t/s/compute.instance.app3_1", island) in edges
    assert ("t/s/compute.instance.app4_1", island) not in edges
    assert not any(a == "anywhere:t:aws" or b == "anywhere:t:aws" for a, b in edges)


def test_islands_are_asked_once_per_base_not_per_sender(monkeypatch: pytest.MonkeyPatch) -> None:
    _, calls = _network(monkeypatch)
    senders = _NETWORKS * _SERVERS
    # each sender asks about its own island; each island the base reaches is asked about
    # twice in all (whether a sender reaches an open one; its node's edges)
    assert calls["is_open"] <= senders + 2 * _NETWORKS
    # no link in the scan: no resource is looked up by address
    assert calls["unit_of"] == 0
