"""Transit gateway attachments, route tables and their associations made with ``for_each`` /
``count`` (``graph/scope.py`` ``_Managed``, ``graph/islands.py``): each instance is its own
link, joining its own VPC, as its references' keys say. They were one address (the keys
stripped), so the attachments of every VPC of the ``for_each`` were one link and joined
every VPC to every other, whatever the gateway's route tables said (the shape of
terraform-aws-transit-gateway's ``vpc_attachments`` and of hub-and-spoke roots): the private
server of VPC b FAILed GDCC-GRAPH-002 through VPC a's public web server.

And a VPN connection, a transit gateway peering, a Direct Connect gateway association or a
Connect attachment to a gateway of the scan is on its default tables as the gateway's
settings say (``transit.Routing._others_on_defaults``): the VPCs those tables route to are
joined to networks outside the scan (open). They were not read."""

from __future__ import annotations

from pathlib import Path

import pytest

from gdcc_audit.api import audit
from gdcc_audit.graph.islands import Islands
from gdcc_audit.models.finding import Finding, Status
from gdcc_audit.settings import Settings
from iac_helpers import audit_keeping_graph, id_of

PASS_TEXT = "No management port is reachable from the internet through any path"
FAIL_TEXT = "management port 22 reachable from the internet: internet → web:22 → app:22"

ROOT = """\
locals {
  vpcs = {
    a = "10.10.0.0/16"
    b = "10.20.0.0/16"
  }
}

resource "aws_vpc" "this" {
  for_each   = local.vpcs
  cidr_block = each.value
}

resource "aws_subnet" "this" {
  for_each                = local.vpcs
  vpc_id                  = aws_vpc.this[each.key].id
  cidr_block              = cidrsubnet(each.value, 8, 1)
  map_public_ip_on_launch = each.key == "a"
}

resource "aws_internet_gateway" "a" {
  vpc_id = aws_vpc.this["a"].id
}

resource "aws_security_group" "ssh" {
  for_each = local.vpcs
  vpc_id   = aws_vpc.this[each.key].id
  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_instance" "web" {
  ami                         = "ami-0123456789abcdef0"
  instance_type               = "t3.micro"
  subnet_id                   = aws_subnet.this["a"].id
  vpc_security_group_ids      = [aws_security_group.ssh["a"].id]
  associate_public_ip_address = true
}

resource "aws_instance" "app" {
  ami                         = "ami-0123456789abcdef0"
  instance_type               = "t3.micro"
  subnet_id                   = aws_subnet.this["b"].id
  vpc_security_group_ids      = [aws_security_group.ssh["b"].id]
  associate_public_ip_address = false
}

resource "aws_ec2_transit_gateway" "hub" {
  default_route_table_association = "disable"
  default_route_table_propagation = "disable"
}

resource "aws_ec2_transit_gateway_vpc_attachment" "this" {
  for_each           = local.vpcs
  transit_gateway_id = aws_ec2_transit_gateway.hub.id
  vpc_id             = aws_vpc.this[each.key].id
  subnet_ids         = [aws_subnet.this[each.key].id]
}

resource "aws_ec2_transit_gateway_route_table" "this" {
  for_each           = local.vpcs
  transit_gateway_id = aws_ec2_transit_gateway.hub.id
}

resource "aws_ec2_transit_gateway_route_table_association" "this" {
  for_each                       = local.vpcs
  transit_gateway_attachment_id  = aws_ec2_transit_gateway_vpc_attachment.this[each.key].id
  transit_gateway_route_table_id = aws_ec2_transit_gateway_route_table.this[each.key].id
}

resource "aws_ec2_transit_gateway_route_table_propagation" "this" {
  for_each                       = local.vpcs
  transit_gateway_attachment_id  = aws_ec2_transit_gateway_vpc_attachment.this[each.key].id
  transit_gateway_route_table_id = aws_ec2_transit_gateway_route_table.this[each.key].id
}

resource "aws_route_table" "this" {
  for_each = local.vpcs
  vpc_id   = aws_vpc.this[each.key].id
  route {
    cidr_block         = "10.0.0.0/8"
    transit_gateway_id = aws_ec2_transit_gateway.hub.id
  }
}

resource "aws_route" "internet" {
  route_table_id         = aws_route_table.this["a"].id
  destination_cidr_block = "0.0.0.0/0"
  gateway_id             = aws_internet_gateway.a.id
}

resource "aws_route_table_association" "this" {
  for_each       = local.vpcs
  subnet_id      = aws_subnet.this[each.key].id
  route_table_id = aws_route_table.this[each.key].id
}
"""
B_IN_A = """
resource "aws_ec2_transit_gateway_route_table_propagation" "b_in_a" {
  transit_gateway_attachment_id  = aws_ec2_transit_gateway_vpc_attachment.this["b"].id
  transit_gateway_route_table_id = aws_ec2_transit_gateway_route_table.this["a"].id
}
"""


def _finding(tmp_path: Path, text: str) -> Finding:
    (tmp_path / "main.tf").write_text(text, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=["GDCC-GRAPH-002"]))
    return next(f for f in result.findings if f.address == "aws_instance.app")


def test_for_each_attachments_on_their_own_tables_do_not_join(tmp_path: Path) -> None:
    # FAIL on the old code: "internet → web:22 → app:22", the two attachments one address
    found = _finding(tmp_path, ROOT)
    assert found.status is Status.PASS
    assert found.message.en == PASS_TEXT


def test_a_propagation_between_instances_joins_them(tmp_path: Path) -> None:
    found = _finding(tmp_path, ROOT + B_IN_A)
    assert found.status is Status.FAIL
    assert found.message.en == FAIL_TEXT


@pytest.mark.parametrize("joined", [False, True])
def test_count_attachments_are_kept_apart_too(tmp_path: Path, joined: bool) -> None:
    text = ROOT.replace(
        'resource "aws_ec2_transit_gateway_vpc_attachment" "this" {\n'
        "  for_each           = local.vpcs\n"
        "  transit_gateway_id = aws_ec2_transit_gateway.hub.id\n"
        "  vpc_id             = aws_vpc.this[each.key].id\n"
        "  subnet_ids         = [aws_subnet.this[each.key].id]\n",
        'resource "aws_ec2_transit_gateway_vpc_attachment" "this" {\n'
        "  count              = 2\n"
        "  transit_gateway_id = aws_ec2_transit_gateway.hub.id\n"
        '  vpc_id             = aws_vpc.this[["a", "b"][count.index]].id\n'
        '  subnet_ids         = [aws_subnet.this[["a", "b"][count.index]].id]\n',
    ).replace("aws_ec2_transit_gateway_vpc_attachment.this[each.key]",
              'aws_ec2_transit_gateway_vpc_attachment.this[each.key == "a" ? 0 : 1]')
    if joined:
        text += B_IN_A.replace('vpc_attachment.this["b"]', "vpc_attachment.this[1]")
    found = _finding(tmp_path, text)
    assert found.status is (Status.FAIL if joined else Status.PASS)


MESH = """\
resource "aws_vpc" "a" {
  cidr_block = "10.10.0.0/16"
}

resource "aws_subnet" "a" {
  vpc_id     = aws_vpc.a.id
  cidr_block = "10.10.1.0/24"
}

resource "aws_ec2_transit_gateway" "hub" {}

resource "aws_ec2_transit_gateway_vpc_attachment" "a" {
  transit_gateway_id = aws_ec2_transit_gateway.hub.id
  vpc_id             = aws_vpc.a.id
  subnet_ids         = [aws_subnet.a.id]
}
"""
VPN = """
resource "aws_customer_gateway" "office" {
  bgp_asn    = 65000
  ip_address = "203.0.113.10"
  type       = "ipsec.1"
}

resource "aws_vpn_connection" "office" {
  customer_gateway_id = aws_customer_gateway.office.id
  transit_gateway_id  = aws_ec2_transit_gateway.hub.id
  type                = "ipsec.1"
}
"""
PEERING = """
resource "aws_ec2_transit_gateway_peering_attachment" "west" {
  transit_gateway_id      = aws_ec2_transit_gateway.hub.id
  peer_transit_gateway_id = "tgw-0123456789abcdef0"
  peer_region             = "us-west-2"
}
"""


@pytest.mark.parametrize(("extra", "opened"), [
    ("", False), (VPN, True), (PEERING, True),
    # a gateway whose attachments stay off its default table: the VPN is on no table of it
    (VPN + "#off", False),
])
def test_a_vpn_or_peering_on_the_default_table_opens_its_vpcs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, extra: str, opened: bool
) -> None:
    # the VPN (or peering) was not read: the VPCs on the default table it propagates to
    # were taken as joined to nothing outside the scan
    text = MESH + extra.replace("#off", "")
    if extra.endswith("#off"):
        text = text.replace(
            'resource "aws_ec2_transit_gateway" "hub" {}',
            'resource "aws_ec2_transit_gateway" "hub" {\n'
            '  default_route_table_association = "disable"\n'
            '  default_route_table_propagation = "disable"\n}')
    (tmp_path / "main.tf").write_text(text, encoding="utf-8")
    _, graph = audit_keeping_graph(tmp_path, monkeypatch,
                                   Settings(rule_ids=["GDCC-GRAPH-002"]))
    islands = Islands(graph).build(graph.scope.links)
    assert islands.is_open(islands.island(id_of(graph, "aws_vpc.a"))) is opened
