"""Transit gateway route tables (``graph/transit.py``): a transit gateway of the scan joins
two VPC attachments only where the route table one is associated with routes to the other
(a propagation, a static route that is no blackhole); by default ("enable") every attachment
is associated with and propagates to the gateway's default table. Before, the gateway joined
every VPC attached or routed to it: two VPCs on separate tables with no route between them
FAILed GDCC-GRAPH-002 through each other. What the scan does not tell (a table of another
configuration, a setting from an input, a route to a VPN attachment) stays uncertain."""

from __future__ import annotations

from pathlib import Path

import pytest

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Finding, Status
from gdcc_audit.models.reason_words import reason_th
from gdcc_audit.settings import Settings

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "graph" / "tgw_tables"
PASS_TEXT = "No management port is reachable from the internet through any path"
FAIL_TEXT = "management port 22 reachable from the internet: internet → web:22 → app:22"
TABLE_B = 'resource "aws_ec2_transit_gateway_route_table" "b" {'
DISABLED = (
    '  default_route_table_association = "disable"\n'
    '  default_route_table_propagation = "disable"\n'
)


def _finding(folder: Path, address: str) -> Finding:
    result = audit([folder], Settings(rule_ids=["GDCC-GRAPH-002"]))
    return next(f for f in result.findings if f.address == address)


def _variant(tmp_path: Path, extra: str = "", old: str = "", new: str = "") -> Path:
    text = (FIXTURES / "terraform" / "main.tf").read_text(encoding="utf-8")
    if old:
        assert old in text
        text = text.replace(old, new)
    (tmp_path / "main.tf").write_text(text + extra, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(("folder", "app"), [
    ("terraform", "aws_instance.app"), ("cloudformation", "App"),
])
def test_separate_tables_with_no_route_between_them_do_not_join(folder: str, app: str) -> None:
    # FAIL on the old code: "internet → web:22 → app:22" through the gateway
    found = _finding(FIXTURES / folder, app)
    assert found.status is Status.PASS
    assert found.message.en == PASS_TEXT


def test_a_propagation_into_the_other_table_joins(tmp_path: Path) -> None:
    folder = _variant(tmp_path, (
        'resource "aws_ec2_transit_gateway_route_table_propagation" "b_in_a" {\n'
        "  transit_gateway_attachment_id  = aws_ec2_transit_gateway_vpc_attachment.b.id\n"
        "  transit_gateway_route_table_id = aws_ec2_transit_gateway_route_table.a.id\n}\n"
    ))
    found = _finding(folder, "aws_instance.app")
    assert found.status is Status.FAIL
    assert found.message.en == FAIL_TEXT


def test_a_route_one_way_reaches_that_way_only(tmp_path: Path) -> None:
    # a propagates into b's table: b's VPC reaches a's, a's table still routes to nothing of
    # b. FAIL on the old code ("internet → web:22 → app:22": joined both ways)
    folder = _variant(tmp_path, (
        'resource "aws_ec2_transit_gateway_route_table_propagation" "a_in_b" {\n'
        "  transit_gateway_attachment_id  = aws_ec2_transit_gateway_vpc_attachment.a.id\n"
        "  transit_gateway_route_table_id = aws_ec2_transit_gateway_route_table.b.id\n}\n"
    ))
    found = _finding(folder, "aws_instance.app")
    assert found.status is Status.PASS
    assert found.message.en == PASS_TEXT


def test_a_route_one_way_in_a_template_reaches_that_way_only(tmp_path: Path) -> None:
    text = (FIXTURES / "cloudformation" / "template.yaml").read_text(encoding="utf-8")
    (tmp_path / "template.yaml").write_text(text + (
        "  PropagateAInB:\n    Type: AWS::EC2::TransitGatewayRouteTablePropagation\n"
        "    Properties: {TransitGatewayAttachmentId: !Ref AttachA, "
        "TransitGatewayRouteTableId: !Ref HubTableB}\n"
    ), encoding="utf-8")
    assert _finding(tmp_path, "App").status is Status.PASS


def test_a_cloudformation_propagation_into_the_other_table_joins(tmp_path: Path) -> None:
    text = (FIXTURES / "cloudformation" / "template.yaml").read_text(encoding="utf-8")
    (tmp_path / "template.yaml").write_text(text + (
        "  PropagateBInA:\n    Type: AWS::EC2::TransitGatewayRouteTablePropagation\n"
        "    Properties: {TransitGatewayAttachmentId: !Ref AttachB, "
        "TransitGatewayRouteTableId: !Ref HubTableA}\n"
    ), encoding="utf-8")
    found = _finding(tmp_path, "App")
    assert found.status is Status.FAIL
    assert found.message.en == "management port 22 reachable from the internet: internet → " \
        "Web:22 → App:22"


def _static_route(blackhole: bool) -> str:
    target = ("  blackhole = true\n" if blackhole else
              "  transit_gateway_attachment_id  = aws_ec2_transit_gateway_vpc_attachment.b.id\n")
    return (
        'resource "aws_ec2_transit_gateway_route" "to_b" {\n'
        '  destination_cidr_block         = "10.20.0.0/16"\n'
        "  transit_gateway_route_table_id = aws_ec2_transit_gateway_route_table.a.id\n"
        f"{target}}}\n"
    )


@pytest.mark.parametrize(("blackhole", "status"), [(False, Status.FAIL), (True, Status.PASS)])
def test_a_static_route_joins_and_a_blackhole_does_not(
    tmp_path: Path, blackhole: bool, status: Status
) -> None:
    found = _finding(_variant(tmp_path, _static_route(blackhole)), "aws_instance.app")
    assert found.status is status


B_IN_A = (
    'resource "aws_ec2_transit_gateway_route_table_propagation" "b_in_a" {\n'
    "  transit_gateway_attachment_id  = aws_ec2_transit_gateway_vpc_attachment.b.id\n"
    "  transit_gateway_route_table_id = aws_ec2_transit_gateway_route_table.a.id\n}\n"
)


def _blackhole(cidr: str) -> str:
    return (
        'resource "aws_ec2_transit_gateway_route" "drop_b" {\n'
        f'  destination_cidr_block         = "{cidr}"\n'
        "  transit_gateway_route_table_id = aws_ec2_transit_gateway_route_table.a.id\n"
        "  blackhole                      = true\n}\n"
    )


SECONDARY = (
    'resource "aws_vpc_ipv4_cidr_block_association" "b" {\n'
    '  vpc_id     = aws_vpc.b.id\n  cidr_block = "10.21.0.0/16"\n}\n'
)


@pytest.mark.parametrize(("extra", "status"), [
    # b's propagated 10.20.0.0/16 dropped by a static blackhole of the same range: FAIL on
    # the old code (the propagation joined them whatever the blackhole)
    (_blackhole("10.20.0.0/16"), Status.PASS),
    # a wider blackhole loses to the more specific propagated range
    (_blackhole("10.0.0.0/8"), Status.FAIL),
    # a part of b only
    (_blackhole("10.20.1.0/24"), Status.FAIL),
    # b has another range, which the blackhole leaves propagated
    (_blackhole("10.20.0.0/16") + SECONDARY, Status.FAIL),
])
def test_a_blackhole_of_the_vpcs_range_drops_its_propagation(
    tmp_path: Path, extra: str, status: Status
) -> None:
    found = _finding(_variant(tmp_path, B_IN_A + extra), "aws_instance.app")
    assert found.status is status


def _drop(name: str, cidr: str) -> str:
    return _blackhole(cidr).replace('"drop_b"', f'"{name}"')


GENERATED_V6 = "  assign_generated_ipv6_cidr_block = true\n"
WRITTEN_V6 = '  ipv6_cidr_block = "2600:1f18:abcd:1200::/56"\n'
V6_ON = 'subnet_ids         = [aws_subnet.b.id]\n  ipv6_support       = "enable"\n'


@pytest.mark.parametrize(("extra", "old", "new", "status"), [
    # two halves together cover b's 10.20.0.0/16: FAIL on the old code (each range had to
    # be blackholed exactly)
    (_drop("low", "10.20.0.0/17") + _drop("high", "10.20.128.0/17"), "", "", Status.PASS),
    # the halves and a wider route: the halves still drop it
    (_drop("low", "10.20.0.0/17") + _drop("high", "10.20.128.0/17")
     + _drop("wide", "10.0.0.0/8"), "", "", Status.PASS),
    # one half only
    (_drop("low", "10.20.0.0/17") + _drop("other", "10.30.0.0/17"), "", "", Status.FAIL),
    # b's secondary range dropped too: FAIL on the old code (a VPC with another range was
    # never dropped)
    (_drop("main", "10.20.0.0/16") + SECONDARY + _drop("second", "10.21.0.0/16"),
     "", "", Status.PASS),
    # a secondary range from an IPAM pool: not known to be dropped
    (_drop("main", "10.20.0.0/16") + SECONDARY.replace(
        'cidr_block = "10.21.0.0/16"', "ipv4_ipam_pool_id = var.pool\n  ipv4_netmask_length = 16"),
     "", "", Status.FAIL),
], ids=["halves", "halves-and-wider", "one-half", "secondary-too", "secondary-from-ipam"])
def test_blackholes_in_pieces_drop_the_propagation(
    tmp_path: Path, extra: str, old: str, new: str, status: Status
) -> None:
    found = _finding(_variant(tmp_path, B_IN_A + extra, old, new), "aws_instance.app")
    assert found.status is status


B_VPC = 'resource "aws_vpc" "b" {\n  cidr_block = "10.20.0.0/16"\n'


@pytest.mark.parametrize(("vpc_b", "attachment", "extra", "status"), [
    # an IPv6 range of b, its attachment not enabling IPv6 (the default "disable"): the
    # range is not propagated, so the IPv4 blackhole drops b. FAIL on the old code (a VPC
    # with an IPv6 range was never dropped)
    (GENERATED_V6, "", "", Status.PASS),
    # IPv6 enabled: Amazon's range is not known, b stays reached
    (GENERATED_V6, V6_ON, "", Status.FAIL),
    # IPv6 enabled, a written range blackholed too (FAIL on the old code)
    (WRITTEN_V6, V6_ON, _drop("v6", "2600:1f18:abcd:1200::/56"), Status.PASS),
    # ... or only a part of it
    (WRITTEN_V6, V6_ON, _drop("v6", "2600:1f18:abcd:1200::/64"), Status.FAIL),
], ids=["v6-not-propagated", "v6-amazon-enabled", "v6-dropped", "v6-part"])
def test_ipv6_ranges_and_blackholes(
    tmp_path: Path, vpc_b: str, attachment: str, extra: str, status: Status
) -> None:
    folder = _variant(tmp_path, B_IN_A + _drop("main", "10.20.0.0/16") + extra,
                      B_VPC, B_VPC + vpc_b)
    if attachment:
        text = (folder / "main.tf").read_text(encoding="utf-8")
        old = "subnet_ids         = [aws_subnet.b.id]\n"
        assert old in text
        (folder / "main.tf").write_text(text.replace(old, attachment), encoding="utf-8")
    found = _finding(folder, "aws_instance.app")
    assert found.status is status


def test_cloudformation_blackholes_in_pieces_and_ipv6(tmp_path: Path) -> None:
    text = (FIXTURES / "cloudformation" / "template.yaml").read_text(encoding="utf-8")
    (tmp_path / "template.yaml").write_text(text + (
        "  PropagateBInA:\n    Type: AWS::EC2::TransitGatewayRouteTablePropagation\n"
        "    Properties: {TransitGatewayAttachmentId: !Ref AttachB, "
        "TransitGatewayRouteTableId: !Ref HubTableA}\n"
        "  V6B:\n    Type: AWS::EC2::VPCCidrBlock\n"
        "    Properties: {VpcId: !Ref VpcB, AmazonProvidedIpv6CidrBlock: true}\n"
        "  DropLow:\n    Type: AWS::EC2::TransitGatewayRoute\n"
        "    Properties: {TransitGatewayRouteTableId: !Ref HubTableA, Blackhole: true, "
        "DestinationCidrBlock: 10.20.0.0/17}\n"
        "  DropHigh:\n    Type: AWS::EC2::TransitGatewayRoute\n"
        "    Properties: {TransitGatewayRouteTableId: !Ref HubTableA, Blackhole: true, "
        "DestinationCidrBlock: 10.20.128.0/17}\n"
    ), encoding="utf-8")
    # FAIL on the old code (pieces not summed, and an IPv6 block kept b)
    assert _finding(tmp_path, "App").status is Status.PASS
    enabled = (tmp_path / "template.yaml").read_text(encoding="utf-8")
    old = "VpcId: !Ref VpcB, SubnetIds: [!Ref SubnetB]}"
    assert enabled.count(old) == 1
    (tmp_path / "template.yaml").write_text(enabled.replace(
        old, old[:-1] + ", Options: {Ipv6Support: enable}}"), encoding="utf-8")
    assert _finding(tmp_path, "App").status is Status.FAIL


def test_a_cloudformation_blackhole_drops_the_propagation(tmp_path: Path) -> None:
    text = (FIXTURES / "cloudformation" / "template.yaml").read_text(encoding="utf-8")
    (tmp_path / "template.yaml").write_text(text + (
        "  PropagateBInA:\n    Type: AWS::EC2::TransitGatewayRouteTablePropagation\n"
        "    Properties: {TransitGatewayAttachmentId: !Ref AttachB, "
        "TransitGatewayRouteTableId: !Ref HubTableA}\n"
        "  DropB:\n    Type: AWS::EC2::TransitGatewayRoute\n"
        "    Properties: {TransitGatewayRouteTableId: !Ref HubTableA, Blackhole: true, "
        "DestinationCidrBlock: 10.20.0.0/16}\n"
    ), encoding="utf-8")
    assert _finding(tmp_path, "App").status is Status.PASS


def test_the_default_table_joins_every_attachment_by_default(tmp_path: Path) -> None:
    # no explicit table: the default ("enable") association and propagation, a full mesh
    text = (FIXTURES / "terraform" / "main.tf").read_text(encoding="utf-8")
    text = text.replace(DISABLED, "")
    cut = text.index('resource "aws_ec2_transit_gateway_route_table" "a"')
    end = text.index('resource "aws_route_table" "a"')
    (tmp_path / "main.tf").write_text(text[:cut] + text[end:], encoding="utf-8")
    found = _finding(tmp_path, "aws_instance.app")
    assert found.status is Status.FAIL
    assert found.message.en == FAIL_TEXT


def test_attachments_opting_out_of_the_default_table_are_apart(tmp_path: Path) -> None:
    text = (FIXTURES / "terraform" / "main.tf").read_text(encoding="utf-8")
    text = text.replace(DISABLED, "").replace(
        "  vpc_id             = aws_vpc.b.id\n",
        "  vpc_id             = aws_vpc.b.id\n"
        "  transit_gateway_default_route_table_association = false\n"
        "  transit_gateway_default_route_table_propagation = false\n",
    )
    # b is on its own table; a is on the default table (nothing propagates b there)
    (tmp_path / "main.tf").write_text(text, encoding="utf-8")
    assert _finding(tmp_path, "aws_instance.app").status is Status.PASS


def test_a_table_of_another_configuration_is_not_known(tmp_path: Path) -> None:
    folder = _variant(
        tmp_path, 'variable "table_id" {\n  type = string\n}\n',
        "  transit_gateway_route_table_id = aws_ec2_transit_gateway_route_table.b.id\n}\n\n"
        'resource "aws_ec2_transit_gateway_route_table_propagation" "a_in_a"',
        "  transit_gateway_route_table_id = var.table_id\n}\n\n"
        'resource "aws_ec2_transit_gateway_route_table_propagation" "a_in_a"',
    )
    found = _finding(folder, "aws_instance.app")
    assert found.status is Status.UNKNOWN
    last = found.evidence["path_hops"][-1]
    assert last["certain"] is False
    assert "may be joined to other networks" in last["via"]
    assert "transit gateway route table" in last["via"]
    assert "อาจเชื่อมกับเครือข่ายอื่น" in reason_th(last["via"])


def test_a_default_setting_from_an_input_is_not_known(tmp_path: Path) -> None:
    folder = _variant(
        tmp_path, 'variable "associate" {\n  type = string\n}\n',
        '  default_route_table_association = "disable"\n',
        "  default_route_table_association = var.associate\n",
    )
    assert _finding(folder, "aws_instance.app").status is Status.UNKNOWN


def test_a_route_to_a_vpn_attachment_is_not_known(tmp_path: Path) -> None:
    # b's table routes to an attachment not of the scan (a VPN): what is there is not known
    folder = _variant(tmp_path, (
        'variable "vpn_attachment_id" {\n  type = string\n}\n\n'
        'resource "aws_ec2_transit_gateway_route" "b_vpn" {\n'
        '  destination_cidr_block         = "192.168.0.0/16"\n'
        "  transit_gateway_route_table_id = aws_ec2_transit_gateway_route_table.b.id\n"
        "  transit_gateway_attachment_id  = var.vpn_attachment_id\n}\n"
    ))
    assert _finding(folder, "aws_instance.app").status is Status.UNKNOWN


def test_spokes_of_a_shared_services_table_do_not_reach_each_other(tmp_path: Path) -> None:
    # a and b (spokes) each reach the shared VPC s and s reaches both; a and b do not
    # reach each other (a transit gateway does not route a spoke's traffic through s)
    shared = (
        'resource "aws_vpc" "s" {\n  cidr_block = "10.30.0.0/16"\n}\n\n'
        'resource "aws_ec2_transit_gateway_vpc_attachment" "s" {\n'
        "  transit_gateway_id = aws_ec2_transit_gateway.hub.id\n  vpc_id = aws_vpc.s.id\n}\n\n"
        'resource "aws_ec2_transit_gateway_route_table" "s" {\n'
        "  transit_gateway_id = aws_ec2_transit_gateway.hub.id\n}\n\n"
        'resource "aws_ec2_transit_gateway_route_table_association" "s" {\n'
        "  transit_gateway_attachment_id  = aws_ec2_transit_gateway_vpc_attachment.s.id\n"
        "  transit_gateway_route_table_id = aws_ec2_transit_gateway_route_table.s.id\n}\n"
    )
    for name, (attachment, table) in {
        "s_in_a": ("s", "a"), "s_in_b": ("s", "b"), "a_in_s": ("a", "s"), "b_in_s": ("b", "s"),
    }.items():
        shared += (
            f'resource "aws_ec2_transit_gateway_route_table_propagation" "{name}" {{\n'
            "  transit_gateway_attachment_id  = "
            f"aws_ec2_transit_gateway_vpc_attachment.{attachment}.id\n"
            f"  transit_gateway_route_table_id = aws_ec2_transit_gateway_route_table.{table}.id\n"
            "}\n"
        )
    found = _finding(_variant(tmp_path, shared), "aws_instance.app")
    assert found.status is Status.PASS
    # a server of s admitting SSH from anywhere is reached from web (a reaches s)
    server = (
        'resource "aws_subnet" "s" {\n  vpc_id = aws_vpc.s.id\n  cidr_block = "10.30.1.0/24"\n}\n'
        'resource "aws_security_group" "ssh_s" {\n  vpc_id = aws_vpc.s.id\n  ingress {\n'
        "    from_port = 22\n    to_port = 22\n    protocol = \"tcp\"\n"
        '    cidr_blocks = ["0.0.0.0/0"]\n  }\n}\n'
        'resource "aws_instance" "tools" {\n  ami = "ami-0123456789abcdef0"\n'
        '  instance_type = "t3.micro"\n  subnet_id = aws_subnet.s.id\n'
        "  vpc_security_group_ids = [aws_security_group.ssh_s.id]\n}\n"
    )
    (tmp_path / "main.tf").write_text(
        (tmp_path / "main.tf").read_text(encoding="utf-8") + server, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=["GDCC-GRAPH-002"]))
    by_address = {f.address: f for f in result.findings}
    assert by_address["aws_instance.tools"].status is Status.FAIL
    assert by_address["aws_instance.tools"].message.en == (
        "management port 22 reachable from the internet: internet → web:22 → tools:22"
    )
    # app is reached only through tools (s reaches b): a real hop, not a spoke-to-spoke join
    assert by_address["aws_instance.app"].message.en == (
        "management port 22 reachable from the internet: internet → web:22 → tools:22 → app:22"
    )


def _without_attachment_b(text: str) -> str:
    for start in ('resource "aws_ec2_transit_gateway_vpc_attachment" "b"',
                  'resource "aws_ec2_transit_gateway_route_table_association" "b"',
                  'resource "aws_ec2_transit_gateway_route_table_propagation" "b_in_b"'):
        cut = text.index(start)
        text = text[:cut] + text[text.index("}\n", cut) + 2:]
    return text


@pytest.mark.parametrize(("defaults", "status"), [(False, Status.UNKNOWN), (True, Status.FAIL)])
def test_a_vpc_routing_to_the_gateway_without_an_attachment_of_the_scan(
    tmp_path: Path, defaults: bool, status: Status
) -> None:
    # b's attachment is of another configuration: with the gateway's defaults it is on the
    # default table with a (FAIL); with the defaults disabled its table is not known
    text = _without_attachment_b((FIXTURES / "terraform" / "main.tf").read_text(encoding="utf-8"))
    if defaults:
        text = text.replace(DISABLED, "")
        cut = text.index('resource "aws_ec2_transit_gateway_route_table" "a"')
        text = text[:cut] + text[text.index('resource "aws_route_table" "a"'):]
    (tmp_path / "main.tf").write_text(text, encoding="utf-8")
    assert _finding(tmp_path, "aws_instance.app").status is status
