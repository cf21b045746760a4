"""A management port open to a public range of /8 (IPv6 /16) or wider is open to the internet
(GDCC-NET-001), as the resource graph already reads such a range: ``0.0.0.0/4``, ``64.0.0.0/2``,
``::/1`` or a network ACL allowing ``0.0.0.0/1`` PASSed, because only sources covering every
address (a /0, a provider word, ranges that together cover all) counted. Found with KICS's
query tests ("Sensitive Port Is Exposed To Entire Network" and odd CIDRs)."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models import cidr
from gdcc_audit.models.finding import Finding, Status
from gdcc_audit.settings import Settings

TF = """\
resource "aws_security_group" "slash4" {
  name = "slash4"
  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/4"]
  }
}

resource "aws_security_group" "v6_half" {
  name = "v6-half"
  ingress {
    from_port        = 3389
    to_port          = 3389
    protocol         = "tcp"
    ipv6_cidr_blocks = ["::/1"]
  }
}

resource "aws_security_group" "halves" {
  name = "halves"
  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/1", "128.0.0.0/1"]
  }
}

resource "aws_security_group" "private_wide" {
  name = "private-wide"
  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["10.0.0.0/8", "172.16.0.0/12"]
  }
}

resource "aws_security_group" "narrow_public" {
  name = "narrow-public"
  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["203.0.113.0/24"]
  }
}

resource "aws_network_acl" "half_open" {
  vpc_id = "vpc-1"
  ingress {
    protocol   = "tcp"
    rule_no    = 100
    action     = "allow"
    cidr_block = "0.0.0.0/1"
    from_port  = 22
    to_port    = 22
  }
  ingress {
    protocol   = "-1"
    rule_no    = 200
    action     = "deny"
    cidr_block = "0.0.0.0/0"
    from_port  = 0
    to_port    = 0
  }
}

resource "aws_network_acl" "denied_first" {
  vpc_id = "vpc-1"
  ingress {
    protocol   = "-1"
    rule_no    = 50
    action     = "deny"
    cidr_block = "0.0.0.0/0"
    from_port  = 0
    to_port    = 0
  }
  ingress {
    protocol   = "tcp"
    rule_no    = 100
    action     = "allow"
    cidr_block = "0.0.0.0/1"
    from_port  = 22
    to_port    = 22
  }
}
"""

CFN = """\
Resources:
  Quarter:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: a quarter of IPv4
      SecurityGroupIngress:
        - IpProtocol: tcp
          FromPort: 22
          ToPort: 22
          CidrIp: 64.0.0.0/2
"""


def _net001(tmp_path: Path) -> dict[str, Finding]:
    (tmp_path / "main.tf").write_text(TF)
    (tmp_path / "sg.yaml").write_text(CFN)
    result = audit([tmp_path], Settings(rule_ids=("GDCC-NET-001",)))
    return {f.address: f for f in result.findings if f.address}


def test_wide_public_range_opens_management_ports(tmp_path: Path) -> None:
    found = _net001(tmp_path)
    assert {address: f.status for address, f in found.items()} == {
        "aws_security_group.slash4": Status.FAIL,
        "aws_security_group.v6_half": Status.FAIL,
        "aws_security_group.halves": Status.FAIL,
        "aws_security_group.private_wide": Status.PASS,
        "aws_security_group.narrow_public": Status.PASS,
        "aws_network_acl.half_open": Status.FAIL,
        "aws_network_acl.denied_first": Status.PASS,
        "Quarter": Status.FAIL,
    }
    slash4 = found["aws_security_group.slash4"]
    assert slash4.evidence["ports"] == [22]
    assert slash4.evidence["sources"] == ["0.0.0.0/4"]
    assert slash4.message.en.startswith("port 22 is open to the internet (0.0.0.0/4)")
    assert found["aws_security_group.v6_half"].evidence["sources"] == ["::/1"]
    # ranges that cover every address together are still "the whole internet"
    halves = found["aws_security_group.halves"]
    assert halves.message.en.startswith("port 22 is open to the whole internet")
    assert halves.evidence["sources"] == ["0.0.0.0/1", "128.0.0.0/1"]
    acl = found["aws_network_acl.half_open"]
    assert acl.evidence["ports"] == [22]
    assert acl.evidence["sources"] == ["0.0.0.0/1"]
    assert acl.message.en.startswith("the network ACL lets the internet (0.0.0.0/1) reach port 22")
    assert found["Quarter"].evidence["sources"] == ["64.0.0.0/2"]


def test_is_wide_public() -> None:
    assert cidr.is_wide_public("0.0.0.0/0")
    assert cidr.is_wide_public("0.0.0.0/1")
    assert cidr.is_wide_public("64.0.0.0/2")
    assert cidr.is_wide_public("8.0.0.0/8")
    assert cidr.is_wide_public("2000::/3")
    assert cidr.is_wide_public("::/1")
    assert not cidr.is_wide_public("8.0.0.0/9")
    assert not cidr.is_wide_public("10.0.0.0/8")
    assert not cidr.is_wide_public("224.0.0.0/3")
    assert not cidr.is_wide_public("fc00::/7")
    assert not cidr.is_wide_public("2001:db8::/32")
    assert not cidr.is_wide_public("sg-123")
    assert cidr.open_to_internet(["10.0.0.0/8", "0.0.0.0/4"])
    assert not cidr.open_to_internet(["10.0.0.0/8", "192.168.0.0/16"])
