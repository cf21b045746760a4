"""Route tables, network ACLs, egress rules and target groups in reachability: exact paths and
ports, a deny or a private route table that removes a path existing without it, and a route
table missing from the scan that keeps the path, uncertain."""

from __future__ import annotations

import datetime as dt
import ipaddress
from pathlib import Path

import pytest

from gdcc_audit.graph.model import ResourceGraph
from gdcc_audit.graph.ports import PortSet
from gdcc_audit.graph.routing import evaluate
from gdcc_audit.models.resource import AclRule, IngressRule, Route
from gdcc_audit.models.result import AuditResult, InputStatus
from gdcc_audit.settings import Settings
from iac_helpers import audit_keeping_graph

from .test_graph_iac import _path, _verdicts

FIXTURES = Path(__file__).parent.parent / "fixtures" / "graph"
GRAPH_RULES = tuple(f"GDCC-GRAPH-{n:03d}" for n in range(1, 14))
NOW = dt.datetime(2026, 11, 23, tzinfo=dt.UTC)


def _scan(path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[AuditResult, ResourceGraph]:
    """Audit ``path`` with the graph rules and keep the graph the audit built."""
    result, graph = audit_keeping_graph(path, monkeypatch, Settings(rule_ids=GRAPH_RULES, now=NOW))
    assert all(i.status == InputStatus.ASSESSED for i in result.inputs), result.inputs
    return result, graph


def _node(graph: ResourceGraph, name: str) -> str:
    return next(r.id for r in graph.resources() if r.id.endswith(name))


def _without(graph: ResourceGraph, *kinds: str, names: tuple[str, ...] = ()) -> ResourceGraph:
    """The same resources without those of ``kinds`` (or named ``names``)."""
    kept = [
        r for r in graph.resources()
        if r.kind not in kinds and not any(r.id.endswith(n) for n in names)
    ]
    return ResourceGraph(kept, scope=graph.scope)


def _text(graph: ResourceGraph, name: str, port: int) -> list[str]:
    return [str(p) for p in graph.paths_from_internet(_node(graph, name), port=port)]


# -- Terraform ---------------------------------------------------------------------------


@pytest.fixture
def terraform(monkeypatch: pytest.MonkeyPatch) -> tuple[AuditResult, ResourceGraph]:
    return _scan(FIXTURES / "terraform" / "routing", monkeypatch)


def test_terraform_routes_acls_and_target_groups_decide_the_verdicts(
    terraform: tuple[AuditResult, ResourceGraph],
) -> None:
    result, _ = terraform
    assert _verdicts(result) == {
        ("GDCC-GRAPH-001", "citizens"): "PASS",  # the data subnet's ACL denies 5432 from app
        ("GDCC-GRAPH-001", "ledger"): "FAIL",
        ("GDCC-GRAPH-002", "api"): "PASS",
        ("GDCC-GRAPH-002", "citizens"): "PASS",
        ("GDCC-GRAPH-002", "hidden"): "FAIL",  # likewise: its own route is private
        ("GDCC-GRAPH-002", "ledger"): "PASS",
        ("GDCC-GRAPH-002", "web"): "PASS",  # the public subnet's ACL denies 22
        ("GDCC-GRAPH-003", "front"): "PASS",
        ("GDCC-GRAPH-005", "citizens"): "PASS",
        ("GDCC-GRAPH-005", "ledger"): "FAIL",
        ("GDCC-GRAPH-008", "public"): "PASS",
        ("GDCC-GRAPH-008", "main"): "PASS",
        ("GDCC-GRAPH-013", "front"): "FAIL",
        # the "https" listener has no access log of its own: NOT_APPLICABLE (it PASSed)
    }
    # the target group's attachment overrides its port: 8443, not 8080 nor 8000-9000
    assert _path(result, "GDCC-GRAPH-001", "ledger") == (
        "internet → front:443 → api:8443 → ledger:5432"
    )
    assert _path(result, "GDCC-GRAPH-002", "hidden") == "internet → web:443 → hidden:22"


def test_a_network_acl_deny_removes_a_path_that_exists_without_it(
    terraform: tuple[AuditResult, ResourceGraph],
) -> None:
    _, graph = terraform
    assert _text(graph, "aws_instance.web", 443) == ["internet → web:443"]
    assert _text(graph, "aws_instance.web", 22) == []
    assert _text(graph, "aws_instance.citizens", 5432) == []
    open_acls = _without(graph, "network.acl")
    assert _text(open_acls, "aws_instance.web", 22) == ["internet → web:22"]
    assert _text(open_acls, "aws_instance.citizens", 5432) == [
        "internet → front:443 → api:8443 → citizens:5432"
    ]
    edge = graph.network.edges["internet", _node(graph, "aws_instance.web")]
    assert str(edge["ports"]) == "443"
    assert edge["via"] == (
        "subnet assigns public IPs; network ACL public of subnet public blocks 22"
    )


def test_a_private_route_table_removes_a_path_that_exists_without_it(
    terraform: tuple[AuditResult, ResourceGraph],
) -> None:
    _, graph = terraform
    hidden = _node(graph, "aws_instance.hidden")
    assert not graph.network.has_edge("internet", hidden)
    no_tables = _without(graph, "network.route_table")
    # no route table of the VPC scanned: the gateway test of before decides (certain here)
    paths = no_tables.paths_from_internet(hidden, port=443)
    assert [str(p) for p in paths] == ["internet → hidden:443"]
    assert paths[0].certain


def test_a_route_table_missing_from_the_scan_keeps_the_path_uncertain(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    result, graph = _scan(FIXTURES / "terraform" / "routing-missing", monkeypatch)
    assert _verdicts(result) == {
        ("GDCC-GRAPH-001", "registry"): "UNKNOWN",  # not PASS: the path stays
        ("GDCC-GRAPH-002", "registry"): "PASS",
        ("GDCC-GRAPH-005", "registry"): "PASS",
        ("GDCC-GRAPH-008", "registry"): "PASS",
        ("GDCC-GRAPH-008", "main"): "PASS",
    }
    assert _path(result, "GDCC-GRAPH-001", "registry") == "internet → registry:5432"
    edge = graph.network.edges["internet", _node(graph, "aws_instance.registry")]
    assert (str(edge["ports"]), edge["certain"]) == ("5432", False)
    assert edge["via"] == (
        "subnet assigns public IPs; the route table registry associates is not in the scan"
    )


def test_terraform_routing_resources_are_mapped(
    terraform: tuple[AuditResult, ResourceGraph],
) -> None:
    _, graph = terraform
    public = graph.get(_node(graph, "aws_route_table.public"))
    assert public is not None
    assert public.facets.routes == (
        Route(destination="0.0.0.0/0", target="internet_gateway"),
        Route(destination="::/0", target="internet_gateway"),  # from aws_route.public_v6
    )
    assert {r.name for r in graph.references(public, "network.subnet")} == {"public"}
    private = graph.get(_node(graph, "aws_route_table.private"))
    assert private is not None
    assert private.facets.routes == (Route(destination="0.0.0.0/0", target="nat_gateway"),)
    assert {r.name for r in graph.references(private, "network.subnet")} == {
        "app", "data", "hidden"
    }
    acl = graph.get(_node(graph, "aws_network_acl.data"))
    assert acl is not None
    # each entry says which aws_network_acl_rule declares it, and where
    tf = acl.location.file
    assert acl.facets.acl_rules == (
        AclRule(number=100, allow=False, protocol="tcp", from_port=5432, to_port=5432,
                cidr="10.0.2.0/24", declared_by="aws_network_acl_rule.data_no_pg_from_app",
                declared_at=f"{tf}:101"),
        AclRule(number=200, allow=True, protocol="all", from_port=0, to_port=65535,
                cidr="10.0.0.0/16", declared_by="aws_network_acl_rule.data_vpc_in",
                declared_at=f"{tf}:111"),
        AclRule(number=100, egress=True, allow=True, protocol="all", from_port=0,
                to_port=65535, cidr="10.0.0.0/16", declared_by="aws_network_acl_rule.data_vpc_out",
                declared_at=f"{tf}:119"),
    )
    attachment = graph.get(_node(graph, "aws_lb_target_group_attachment.api"))
    assert attachment is not None
    assert attachment.kind == "network.target_group"


# -- CloudFormation ----------------------------------------------------------------------


def test_cloudformation_routes_acls_and_target_groups(monkeypatch: pytest.MonkeyPatch) -> None:
    result, graph = _scan(FIXTURES / "cloudformation" / "routing.yaml", monkeypatch)
    assert _verdicts(result) == {
        ("GDCC-GRAPH-001", "Records"): "FAIL",
        ("GDCC-GRAPH-002", "Api"): "PASS",
        ("GDCC-GRAPH-002", "Hidden"): "FAIL",
        ("GDCC-GRAPH-002", "Records"): "PASS",
        ("GDCC-GRAPH-002", "Web"): "PASS",
        ("GDCC-GRAPH-003", "Front"): "PASS",
        ("GDCC-GRAPH-005", "Records"): "FAIL",
        ("GDCC-GRAPH-008", "PublicSubnet"): "PASS",
        ("GDCC-GRAPH-008", "Vpc"): "PASS",
        # the "Https" listener has no access log of its own: NOT_APPLICABLE (it PASSed)
        ("GDCC-GRAPH-013", "Front"): "FAIL",
    }
    assert _path(result, "GDCC-GRAPH-001", "Records") == (
        "internet → Front:443 → Api:8443 → Records:5432"
    )
    assert _path(result, "GDCC-GRAPH-002", "Hidden") == "internet → Web:443 → Hidden:22"
    assert _text(graph, ":Web", 443) == ["internet → Web:443"]
    assert _text(graph, ":Web", 22) == []
    assert _text(_without(graph, "network.acl"), ":Web", 22) == ["internet → Web:22"]
    hidden = _node(graph, ":Hidden")
    assert not graph.network.has_edge("internet", hidden)  # elastic IP, private route table
    assert _text(_without(graph, "network.route_table"), ":Hidden", 443) == [
        "internet → Hidden:443"
    ]
    api_group = graph.get(_node(graph, ":ApiGroup"))
    db_group = graph.get(_node(graph, ":DbGroup"))
    assert api_group is not None
    assert db_group is not None
    assert api_group.facets.egress == (
        IngressRule(protocol="tcp", from_port=5432, to_port=5432, sources=("ref:DbGroup",)),
    )
    # a standalone egress rule does not remove the allow-all rule AWS created
    assert db_group.facets.egress == (
        IngressRule(protocol="all", from_port=0, to_port=65535, sources=("0.0.0.0/0", "::/0")),
    )


# -- network ACL evaluation -------------------------------------------------------------

V4 = ipaddress.ip_network


def _acl(*rules: tuple[int | None, bool | None, str, int, int, str | None]) -> list[AclRule]:
    return [
        AclRule(number=n, allow=a, protocol=p, from_port=lo, to_port=hi, cidr=c)
        for n, a, p, lo, hi, c in rules
    ]


def test_acl_first_match_wins_by_number_and_nothing_matching_denies() -> None:
    rules = _acl((200, True, "tcp", 0, 65535, "0.0.0.0/0"), (100, False, "tcp", 22, 22,
                                                              "0.0.0.0/0"))
    passed, certain = evaluate(rules, False, None, PortSet.of("tcp", 20, 25))
    assert (str(passed), certain) == ("20-21,23-25", True)
    assert evaluate(rules, False, None, PortSet.of("udp", 53)) == (PortSet(), True)


def test_acl_deny_of_part_of_the_source_does_not_cut_the_path() -> None:
    rules = _acl((100, False, "tcp", 5432, 5432, "10.0.2.0/25"),
                 (200, True, "all", 0, 65535, "10.0.0.0/16"))
    app = [V4("10.0.2.0/24")]
    assert str(evaluate(rules, False, app, PortSet.of("tcp", 5432))[0]) == "5432"
    assert str(evaluate(rules, False, [V4("10.0.2.0/26")], PortSet.of("tcp", 5432))[0]) == ""


def test_acl_ipv6_entries_judge_the_ipv6_internet() -> None:
    rules = _acl((100, False, "all", 0, 65535, "0.0.0.0/0"), (110, True, "tcp", 443, 443,
                                                             "::/0"))
    passed, certain = evaluate(rules, False, None, PortSet.of("tcp", 443))
    assert (str(passed), certain) == ("443", True)  # IPv4 denied, IPv6 allowed
    assert str(evaluate(rules, False, None, PortSet.of("tcp", 80))[0]) == ""


def test_acl_entries_not_known_pass_uncertainly_and_never_deny() -> None:
    rules = _acl((None, False, "tcp", 443, 443, "0.0.0.0/0"), (100, None, "all", 0, 65535,
                                                              "0.0.0.0/0"))
    passed, certain = evaluate(rules, False, None, PortSet.of("tcp", 443))
    assert (str(passed), certain) == ("443", False)


def test_port_sets_subtract() -> None:
    assert str(PortSet.every().minus(PortSet.of("tcp", 22))) == "0-21,23-65535,udp/0-65535,icmp"
    assert str(PortSet.of("tcp", 100, 200).minus(PortSet.of("tcp", 150))) == "100-149,151-200"
    assert not PortSet.of("tcp", 443).minus(PortSet.every())
