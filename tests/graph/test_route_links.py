"""A route to a transit gateway or a VPC peering joins its table's VPC to that hub
(``graph.scope.ROUTE_HUBS``): Terraform ``aws_route``, the inline ``route`` blocks of
``aws_route_table`` / ``aws_default_route_table``, CloudFormation ``AWS::EC2::Route``. Routes
were not read: a private server in a VPC whose table routes to a transit gateway of another
configuration PASSed GDCC-GRAPH-002 ("any internal address" was its own VPC only), while what
is on the hub's other side is not known; routes of two VPCs to one transit gateway of the
scan did not join them."""

from __future__ import annotations

from pathlib import Path

import pytest

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Finding, Status
from gdcc_audit.models.reason_words import reason_th
from gdcc_audit.settings import Settings

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "graph" / "connected_networks"
TGW_ROUTE = "    transit_gateway_id = var.transit_gateway_id\n"


def _finding(folder: Path, address: str) -> Finding:
    result = audit([folder], Settings(rule_ids=["GDCC-GRAPH-002"]))
    return next(f for f in result.findings if f.address == address)


def _variant(tmp_path: Path, old: str, new: str, extra: str = "") -> Path:
    text = (FIXTURES / "routes" / "main.tf").read_text(encoding="utf-8")
    assert old in text
    (tmp_path / "main.tf").write_text(text.replace(old, new) + extra, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(("folder", "app", "web"), [
    ("routes", "aws_instance.app", "web"), ("routes_cfn", "App", "Web"),
])
def test_a_route_to_a_transit_gateway_outside_the_scan_is_not_known(
    folder: str, app: str, web: str
) -> None:
    name = app.rsplit(".", maxsplit=1)[-1]
    # PASS on the old code: the route was not read
    found = _finding(FIXTURES / folder, app)
    assert found.status is Status.UNKNOWN
    assert found.message.en == (
        "management port 22 reachable from the internet if what is not known allows it: "
        f"internet → {web}:22 → {name}:22"
    )
    last = found.evidence["path_hops"][-1]
    assert last["certain"] is False
    assert "may be joined to other networks" in last["via"]
    assert "route names a network or hub not in the scan" in last["via"]
    assert "อาจเชื่อมกับเครือข่ายอื่น" in reason_th(last["via"])


def test_a_standalone_route_to_a_peering_outside_the_scan_is_not_known(tmp_path: Path) -> None:
    folder = _variant(
        tmp_path, TGW_ROUTE, "    nat_gateway_id = var.transit_gateway_id\n",
        'variable "peering_id" {\n  type = string\n}\n\n'
        'resource "aws_route" "b_peer" {\n  route_table_id            = aws_route_table.b.id\n'
        '  destination_cidr_block    = "172.16.0.0/12"\n'
        "  vpc_peering_connection_id = var.peering_id\n}\n",
    )
    assert _finding(folder, "aws_instance.app").status is Status.UNKNOWN


def test_routes_of_two_vpcs_to_one_transit_gateway_join_them(tmp_path: Path) -> None:
    folder = _variant(
        tmp_path, TGW_ROUTE, "    transit_gateway_id = aws_ec2_transit_gateway.hub.id\n",
        'resource "aws_ec2_transit_gateway" "hub" {}\n\n'
        'resource "aws_route_table" "a" {\n  vpc_id = aws_vpc.a.id\n  route {\n'
        '    cidr_block = "0.0.0.0/0"\n    gateway_id = aws_internet_gateway.a.id\n  }\n}\n\n'
        'resource "aws_route_table_association" "a" {\n  subnet_id      = aws_subnet.a.id\n'
        "  route_table_id = aws_route_table.a.id\n}\n\n"
        'resource "aws_route" "a_hub" {\n  route_table_id         = aws_route_table.a.id\n'
        '  destination_cidr_block = "10.20.0.0/16"\n'
        "  transit_gateway_id     = aws_ec2_transit_gateway.hub.id\n}\n",
    )
    found = _finding(folder, "aws_instance.app")
    assert found.status is Status.FAIL
    assert found.message.en == (
        "management port 22 reachable from the internet: internet → web:22 → app:22"
    )


def test_a_route_to_a_peering_of_the_scan_joins_like_the_peering(tmp_path: Path) -> None:
    # the route names the scan's peering of a and b: one island, as the peering says
    folder = _variant(
        tmp_path, TGW_ROUTE,
        "    vpc_peering_connection_id = aws_vpc_peering_connection.ab.id\n",
        'resource "aws_vpc_peering_connection" "ab" {\n  vpc_id      = aws_vpc.a.id\n'
        "  peer_vpc_id = aws_vpc.b.id\n}\n",
    )
    assert _finding(folder, "aws_instance.app").status is Status.FAIL


def test_a_route_to_a_nat_gateway_joins_nothing(tmp_path: Path) -> None:
    folder = _variant(tmp_path, TGW_ROUTE, "    nat_gateway_id = var.transit_gateway_id\n")
    found = _finding(folder, "aws_instance.app")
    assert found.status is Status.PASS
    assert found.message.en == "No management port is reachable from the internet through any path"


def test_a_table_whose_routes_are_not_known_is_named(tmp_path: Path) -> None:
    # a dynamic "route" over an input without a default: any route may name a transit
    # gateway or a peering (PASS on the old code: read as no route)
    folder = _variant(
        tmp_path,
        "  route {\n    cidr_block         = \"10.0.0.0/8\"\n" + TGW_ROUTE + "  }\n",
        '  dynamic "route" {\n    for_each = var.routes\n    content {\n'
        "      cidr_block         = route.value.cidr_block\n"
        '      transit_gateway_id = lookup(route.value, "transit_gateway_id", null)\n'
        "    }\n  }\n",
        'variable "routes" {\n  type = list(map(string))\n}\n',
    )
    found = _finding(folder, "aws_instance.app")
    assert found.status is Status.UNKNOWN
    last = found.evidence["path_hops"][-1]
    assert last["certain"] is False
    assert last["via"].startswith("aws_vpc.b may be joined to other networks (")
    assert "; the routes of aws_route_table.b are not known (a value not known writes them);" \
        in last["via"]
    assert "; ไม่ทราบ route ของ aws_route_table.b (เขียนจากค่าที่ไม่ทราบ);" in reason_th(last["via"])


def test_a_table_whose_dynamic_routes_default_to_none_joins_nothing(tmp_path: Path) -> None:
    folder = _variant(
        tmp_path,
        "  route {\n    cidr_block         = \"10.0.0.0/8\"\n" + TGW_ROUTE + "  }\n",
        '  dynamic "route" {\n    for_each = var.routes\n    content {\n'
        "      cidr_block         = route.value.cidr_block\n"
        '      transit_gateway_id = lookup(route.value, "transit_gateway_id", null)\n'
        "    }\n  }\n",
        'variable "routes" {\n  type    = list(map(string))\n  default = []\n}\n',
    )
    assert _finding(folder, "aws_instance.app").status is Status.PASS
