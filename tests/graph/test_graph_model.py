"""ResourceGraph on hand-made resources: ports and address ranges, paths and their evidence,
unresolved references, cycles, blast radius, scope, exports, and an ERROR for one rule only."""

from __future__ import annotations

import ipaddress
import json
from pathlib import Path
from typing import Any

import pytest

from gdcc_audit.evaluate.engine import evaluate
from gdcc_audit.evaluate.rule import Outcome, RuleContext, rule
from gdcc_audit.graph import export
from gdcc_audit.graph.cidr import SegmentIndex, is_internet
from gdcc_audit.graph.model import ResourceGraph
from gdcc_audit.graph.ports import PortSet
from gdcc_audit.graph.scope import Scope
from gdcc_audit.models import Reference, Resource, SourceLocation
from gdcc_audit.models.finding import Status
from gdcc_audit.models.resource import Facets, IngressRule, PolicyStatement
from gdcc_audit.settings import Settings


def _res(name: str, kind: str, *refs: str, file: str = "main.tf", **facets: Any) -> Resource:
    attributes = {"cidr_block": facets.pop("cidr")} if "cidr" in facets else {}
    return Resource(
        id=f"t/-/x_{kind}.{name}", kind=kind, name=name, provider="aws",
        provider_type=f"x_{kind}", tenant="t", address=name, facets=Facets(**facets),
        attributes=attributes,
        references=tuple(Reference(target=r, attribute="ref") for r in refs),
        location=SourceLocation(file=file, start_line=1),
    )


def _allow(port: int, *sources: str) -> tuple[IngressRule, ...]:
    return (IngressRule(protocol="tcp", from_port=port, to_port=port, sources=sources),)


def _three_tier(db_source: str = "sg:app-sg") -> list[Resource]:
    return [
        _res("lb-sg", "network.security_group", ingress=_allow(443, "0.0.0.0/0")),
        _res("lb", "network.load_balancer", "lb-sg", public_endpoint=True),
        _res("app-sg", "network.security_group", ingress=_allow(8080, "sg:lb-sg")),
        _res("app", "compute.instance", "app-sg", public_endpoint=False),
        _res("db-sg", "network.security_group", ingress=_allow(5432, db_source)),
        _res("db", "database.instance", "db-sg", public_endpoint=False, personal_data=True),
    ]


def test_port_sets_intersect_and_cover() -> None:
    web = PortSet.of("tcp", 80).union(PortSet.of("tcp", 443))
    assert str(web) == "80,443"
    assert str(web.intersect(PortSet.of("tcp", 400, 500))) == "443"
    assert not web.intersect(PortSet.of("udp", 443))
    assert PortSet.every().covers(5432)
    assert not web.covers(22)
    rule = IngressRule(protocol="-1", from_port=None, to_port=None, sources=("10.0.0.0/8",))
    assert PortSet.from_rule(rule).is_every


def test_internet_sources_and_segment_search_in_ipv4_and_ipv6() -> None:
    for source in ("0.0.0.0/0", "::/0", "*", "0.0.0.0/1"):
        assert is_internet(source), source
    assert not is_internet("10.0.0.0/8")
    assert not is_internet("203.0.113.7/32")  # one public host is not "the internet"
    index = SegmentIndex().build(
        [
            ("vpc", ipaddress.ip_network("10.0.0.0/16")),
            ("web", ipaddress.ip_network("10.0.1.0/24")),
            ("data", ipaddress.ip_network("10.0.2.0/24")),
            ("v6", ipaddress.ip_network("2001:db8::/56")),
        ]
    )
    assert sorted(index.overlapping(ipaddress.ip_network("10.0.1.128/25"))) == ["vpc", "web"]
    assert sorted(index.overlapping(ipaddress.ip_network("10.0.0.0/8"))) == [
        "data", "vpc", "web"
    ]
    assert index.overlapping(ipaddress.ip_network("2001:db8:0:ff::/64")) == ["v6"]
    assert index.overlapping(ipaddress.ip_network("192.168.0.0/16")) == []


def test_a_chain_of_trusted_groups_is_a_path_with_the_ports_of_each_hop() -> None:
    graph = ResourceGraph(_three_tier())
    (path,) = graph.paths_from_internet(to="t/-/x_database.instance.db")
    assert str(path) == "internet → lb:443 → app:8080 → db:5432"
    assert path.certain
    assert [h.via for h in path.hops][1:] == [
        "public endpoint", "app-sg allows lb-sg", "db-sg allows app-sg"
    ]
    assert graph.reachable("t/-/x_compute.instance.app", "t/-/x_database.instance.db", 5432)
    assert graph.reachable("t/-/x_compute.instance.app", "t/-/x_database.instance.db", 22) is False


def test_the_segmented_twin_has_no_path() -> None:
    graph = ResourceGraph([*_three_tier("sg:admin-sg"), _res("admin-sg", "network.security_group",
                                                             ingress=())])
    assert graph.paths_from_internet(to="t/-/x_database.instance.db") == []


def test_an_address_range_rule_reaches_through_the_subnets_it_covers() -> None:
    resources = [
        _res("vpc", "network.vpc", cidr="10.0.0.0/16"),
        _res("public", "network.subnet", "vpc", cidr="10.0.1.0/24", public_access=True),
        _res("web-sg", "network.security_group", ingress=_allow(443, "0.0.0.0/0")),
        _res("web", "compute.instance", "web-sg", "public"),
        _res("db-sg", "network.security_group", ingress=_allow(3306, "10.0.0.0/16")),
        _res("db", "database.instance", "db-sg", public_endpoint=False),
        _res("igw", "network.router", "vpc"),
    ]
    graph = ResourceGraph(resources)
    (path,) = graph.paths_from_internet(to="t/-/x_database.instance.db")
    assert str(path) == "internet → web:443 → db:3306"
    assert graph.segmentation(resources[5]) == (
        False, "address range vpc, which holds internet-facing web"
    )


def test_unresolved_references_are_kept_and_cycles_are_legal() -> None:
    resources = [
        _res("a-sg", "network.security_group", "b-sg", ingress=_allow(22, "sg:b-sg")),
        _res("b-sg", "network.security_group", "a-sg", ingress=_allow(22, "sg:a-sg")),
        _res("vm", "compute.instance", "a-sg", "subnet-from-another-account",
             public_endpoint=False),
    ]
    graph = ResourceGraph(resources)
    assert [(u.source, u.target) for u in graph.unresolved()] == [
        ("t/-/x_compute.instance.vm", "subnet-from-another-account")
    ]
    assert graph.nx.has_edge("t/-/x_compute.instance.vm", "unresolved:subnet-from-another-account")
    assert graph.paths_from_internet(to="t/-/x_compute.instance.vm") == []
    data = export.to_data(graph)
    assert {"id": "unresolved:subnet-from-another-account", "kind": "unresolved",
            "label": "subnet-from-another-account"} in data["nodes"]


def test_blast_radius_follows_policies_and_wildcards_reach_everything() -> None:
    db = _res("db", "database.instance")
    role = _res("role", "identity.role", wildcard_permissions=False)
    connect = PolicyStatement(actions=("rds-db:connect",), resources=("ref:db",))
    policy = _res(
        "policy", "identity.policy", "role", "db", permissions=(connect,),
        wildcard_permissions=False,
    )
    admin = _res("admin", "identity.role")
    admin_policy = _res("admin-policy", "identity.policy", "admin", admin_privileges=True)
    graph = ResourceGraph([db, role, policy, admin, admin_policy])
    radius = graph.blast_radius(role)
    assert radius.resources == (db.id, policy.id)
    assert radius.data == (db.id,)
    assert (radius.unbounded, radius.not_known) == (False, ())
    assert graph.blast_radius(admin).unbounded
    assert len(graph.blast_radius(admin).resources) == 5


def test_companions_say_whether_the_whole_configuration_was_scanned() -> None:
    vpc = _res("vpc", "network.vpc", file="net/main.tf")
    log = _res("log", "logging.flow_log", "vpc", file="net/logging.tf")
    other = _res("other", "network.vpc", file="app/main.tf")
    scope = Scope(
        missing={"app/main.tf": ("module.x (git::https://example): remote source",)},
        formats={"net/main.tf": "terraform", "net/logging.tf": "terraform",
                 "app/main.tf": "terraform"},
    )
    graph = ResourceGraph([vpc, log, other], scope=scope)
    assert graph.companions(vpc, "logging.flow_log").found == (log.id,)
    missing = graph.companions(other, "logging.flow_log")
    assert (missing.found, missing.complete) == ((), False)
    assert missing.missing == ("module.x (git::https://example): remote source",)


def test_a_failing_graph_query_is_an_error_for_that_rule_only(monkeypatch: Any) -> None:
    graph = ResourceGraph(_three_tier())

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("query failed")

    monkeypatch.setattr(graph, "blast_radius", broken)
    meta = {
        "title": {"en": "t", "th": "ท"}, "rationale": {"en": "r", "th": "ร"},
        "remediation": {"en": "f", "th": "ฟ"}, "severity": "high",
        "kinds": ["database.instance"], "controls": ["ISO27001-2022:A.8.20"],
    }

    @rule(id="X-GRAPH-001", **meta)
    def uses_blast(resource: Resource, context: RuleContext) -> Outcome:
        context.graph.blast_radius(resource)
        return Outcome(Status.PASS)

    @rule(id="X-GRAPH-002", **meta)
    def uses_paths(resource: Resource, context: RuleContext) -> Outcome:
        found = context.graph.paths_from_internet(to=resource)
        return Outcome(Status.FAIL if found else Status.PASS)

    findings = list(
        evaluate(_three_tier(), [uses_blast, uses_paths], tenants=(), graph=graph,
                 settings=Settings())
    )
    assert {(f.rule_id, f.status) for f in findings} == {
        ("X-GRAPH-001", Status.ERROR), ("X-GRAPH-002", Status.FAIL)
    }


def test_exports_are_readable_graphml_and_dot(tmp_path: Path) -> None:
    from xml.etree import ElementTree as ET

    data = export.to_data(ResourceGraph(_three_tier()))
    json.dumps(data)
    root = ET.fromstring(export.to_graphml(data))
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    edge = next(
        e for e in root.iterfind("g:graph/g:edge", ns)
        if (e.get("source"), e.get("target")) == ("internet", "t/-/x_network.load_balancer.lb")
    )
    assert {d.get("key"): d.text for d in edge.iterfind("g:data", ns)} == {
        "e_type": "network", "e_ports": "443", "e_certain": "true", "e_via": "public endpoint"
    }
    dot = export.to_dot(data)
    assert '"internet" -> "t/-/x_network.load_balancer.lb" [label="443", style=solid];' in dot


def test_graph_cli_writes_every_format(tmp_path: Path) -> None:
    from gdcc_audit.cli.app import run

    example = Path(__file__).parent.parent / "fixtures" / "graph" / "terraform" / "exposed"
    for fmt in ("json", "graphml", "dot", "html"):
        out = tmp_path / f"g.{fmt}"
        assert run(["graph", str(example), "--format", fmt, "--output", str(out)]) == 0
        assert out.stat().st_size > 500
    data = json.loads((tmp_path / "g.json").read_text(encoding="utf-8"))
    network = {(e["source"].rsplit(".", 1)[-1], e["target"].rsplit(".", 1)[-1])
               for e in data["edges"] if e["type"] == "network"}
    assert ("internet", "web") in network
    html = (tmp_path / "g.html").read_text(encoding="utf-8")
    assert "internet → web:443 → citizens:5432" in html
    assert "<script" not in html


def test_graph_conditions_of_the_rule_language() -> None:
    from gdcc_audit.errors import RuleError
    from gdcc_audit.evaluate.conditions import compile_condition

    resources = _three_tier()
    graph = ResourceGraph(resources)
    db = resources[-1]
    reachable = compile_condition({"graph": "internet_reachable", "equals": False}, "t", {})
    verdict = reachable.evaluate(db, {}, graph)
    assert verdict.status == Status.FAIL
    assert verdict.evidence["path"] == "internet → lb:443 → app:8080 → db:5432"
    on_ssh = compile_condition(
        {"graph": "internet_reachable", "port": 22, "equals": False}, "t", {}
    )
    assert on_ssh.evaluate(db, {}, graph).status == Status.PASS
    keys = compile_condition({"graph": "neighbours", "kind": "crypto.key", "gte": 1}, "t", {})
    assert keys.evaluate(db, {}, graph).status == Status.FAIL
    logs = compile_condition(
        {"graph": "companions", "kind": "logging.flow_log", "gte": 1}, "t", {}
    )
    unknown = logs.evaluate(db, {}, graph)  # hand-made resources: not a whole configuration
    assert unknown.status == Status.UNKNOWN
    with pytest.raises(RuleError, match="unknown graph query 'paths'"):
        compile_condition({"graph": "paths", "equals": 1}, "t", {})
    with pytest.raises(RuleError, match="needs 'kind'"):
        compile_condition({"graph": "companions", "gte": 1}, "t", {})
    with pytest.raises(RuleError, match="needs the resource graph"):
        reachable.evaluate(db, {})


def test_declared_data_flows_are_edges_between_systems() -> None:
    from pydantic import ValidationError

    from gdcc_audit.models.tenant import Tenant

    base = {
        "id": "t",
        "agency": {"name_th": "ก", "name_en": "A"},
        "systems": [
            {"id": "web", "name_th": "ว", "name_en": "W"},
            {"id": "hr", "name_th": "บ", "name_en": "H", "personal_data": True},
        ],
    }
    tenant = Tenant.model_validate(
        {**base, "data_flows": [{"source": "web", "target": "hr", "personal_data": True}]}
    )
    systems = [
        Resource(id=f"t/{s}/gdcc_system.{s}", kind="system", name=s, provider="gdcc",
                 provider_type="gdcc_system", tenant="t", system=s,
                 location=SourceLocation(file="tenant.yaml", start_line=1))
        for s in ("web", "hr")
    ]
    graph = ResourceGraph(systems, [tenant])
    assert [(r.name, personal) for r, personal in graph.data_flows(systems[0])] == [("hr", True)]
    assert graph.nx.edges[systems[0].id, systems[1].id]["relation"] == "data_flow"
    with pytest.raises(ValidationError, match=r"data_flows\[0\].target: 'payroll' is not a system"):
        Tenant.model_validate({**base, "data_flows": [{"source": "web", "target": "payroll"}]})


def test_reach_digraph_and_its_networkx_views_have_the_same_nodes_and_edges() -> None:
    graph = ResourceGraph([*_three_tier(), _res("logs", "logging.flow_log", "lb", "gone")])
    reach = graph.reach
    network = graph.network  # networkx, for plugins: built from the same edges
    assert list(network.nodes) == list(reach.nodes)
    assert list(network.edges(data=True)) == list(reach.edges())
    for node in reach.nodes:  # searches visit neighbours in the same order as on networkx
        assert list(network.adj[node]) == list(reach.adj[node])
        assert list(network.pred[node]) == list(reach.pred[node])
    lb = "t/-/x_network.load_balancer.lb"
    assert reach.has_edge("internet", lb)
    assert not reach.has_edge(lb, "internet")
    assert reach.edge("internet", lb) == network.edges["internet", lb]
    dependency = sorted(
        (s, t, d["relation"], d["attribute"]) for s, t, d in graph.nx.edges(data=True)
    )
    assert sorted(graph.dependency_edges()) == dependency
    assert ("t/-/x_logging.flow_log.logs", "unresolved:gone", "unresolved", "ref") in dependency
    # An edge added after the first question is seen by both views (rebuilt).
    graph.add_edge("t/-/x_compute.instance.app", "t/-/x_database.instance.db", "ref")
    assert graph.network is not network
    assert list(graph.network.edges(data=True)) == list(graph.reach.edges())


def test_digraph_add_edge_updates_data_shared_by_both_directions() -> None:
    from gdcc_audit.graph.digraph import Digraph

    g = Digraph()
    g.add_edge("a", "b", ports="22")
    g.add_edge("a", "b", certain=True)
    g.add_node("c", kind="x")
    assert list(g.nodes) == ["a", "b", "c"]
    assert g.nodes["c"] == {"kind": "x"}
    assert g.edge("a", "b") == {"ports": "22", "certain": True}
    assert g.pred["b"]["a"] is g.adj["a"]["b"]
    assert "c" in g
    assert "d" not in g
    assert len(g) == 3
    assert list(g.edges()) == [("a", "b", {"ports": "22", "certain": True})]
    with pytest.raises(KeyError):
        g.edge("b", "a")


def test_release_empties_the_networkx_graphs_and_a_later_question_rebuilds_them() -> None:
    graph = ResourceGraph(_three_tier())
    before = export.to_data(graph)
    assert len(graph.network) > 1
    dependency, network = graph.nx, graph.network
    graph.release()
    assert len(dependency) == len(network) == 0  # emptied: no cycle keeps the edges alive
    assert export.to_data(graph) == before  # built again on the next question
