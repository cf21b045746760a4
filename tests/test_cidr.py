"""Address ranges are judged as ranges: every /0 prefix is the whole internet."""

from __future__ import annotations

from pathlib import Path

import pytest

from gdcc_audit.api import audit
from gdcc_audit.models import cidr
from gdcc_audit.models.finding import Status
from gdcc_audit.models.resource import IngressRule
from gdcc_audit.settings import Settings


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("0.0.0.0/0", True),
        ("192.168.1.0/0", True),  # host bits do not narrow a /0
        ("10.0.0.0/0", True),
        ("::/0", True),
        ("2001:db8::/0", True),
        ("0::0/0", True),
        ("*", True),
        ("Internet", True),
        ("any", True),
        ("0.0.0.0/1", False),
        ("10.0.0.0/8", False),
        ("2001:db8::/32", False),
        ("sg-0123", False),
        ("", False),
    ],
)
def test_is_any(source: str, expected: bool) -> None:
    assert cidr.is_any(source) is expected


def test_ranges_that_together_cover_everything() -> None:
    assert cidr.covers_internet(["0.0.0.0/1", "128.0.0.0/1"])
    assert cidr.covers_internet(["::/1", "8000::/1"])
    assert not cidr.covers_internet(["0.0.0.0/1", "128.0.0.0/2"])
    assert not cidr.covers_internet(["::/1", "128.0.0.0/1"])  # halves of different versions


def test_public_private_contains_overlaps() -> None:
    assert cidr.is_public("0.0.0.0/1") is True  # first and last address private, not the range
    assert cidr.is_public("10.1.0.0/16") is False
    assert cidr.is_public("fd00::/8") is False
    assert cidr.is_public("8.8.8.8") is True
    assert cidr.is_public("sg-1") is None
    assert cidr.contains("10.0.0.0/8", "10.1.2.0/24") is True
    assert cidr.contains("10.0.0.0/8", "11.0.0.0/24") is False
    assert cidr.contains("::/0", "10.0.0.0/8") is None
    assert cidr.overlaps("10.0.0.0/8", "10.2.0.0/16") is True
    assert cidr.overlaps("10.0.0.0/8", "::/0") is False
    assert cidr.overlaps("10.0.0.0/8", "alb-sg") is None


def test_ingress_rule_names_the_sources_that_open_it() -> None:
    rule = IngressRule(from_port=22, to_port=22, sources=("10.0.0.0/8", "192.168.1.0/0"))
    assert rule.from_internet is True
    assert rule.internet_sources == ("192.168.1.0/0",)
    halves = IngressRule(from_port=22, to_port=22, sources=("0.0.0.0/1", "128.0.0.0/1"))
    assert halves.internet_sources == ("0.0.0.0/1", "128.0.0.0/1")
    assert IngressRule(sources=("10.0.0.0/8",)).from_internet is False


TF = """\
resource "aws_security_group" "slash_zero" {
  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["192.168.1.0/0"]
  }
}

resource "aws_security_group" "many" {
  dynamic "ingress" {
    for_each = [22, 3389, 5432]
    content {
      from_port        = ingress.value
      to_port          = ingress.value
      protocol         = "tcp"
      ipv6_cidr_blocks = ["2001:db8::/0"]
    }
  }
}

resource "aws_security_group" "private" {
  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["10.0.0.0/8"]
  }
}
"""

CFN = """\
Resources:
  SlashZero:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: x
      SecurityGroupIngress:
        - {IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 172.16.0.0/0}
        - {IpProtocol: tcp, FromPort: 3389, ToPort: 3389, CidrIpv6: "::/0"}
"""


def test_slash_zero_fails_in_terraform_and_cloudformation(tmp_path: Path) -> None:
    (tmp_path / "tf").mkdir()
    (tmp_path / "tf" / "main.tf").write_text(TF, encoding="utf-8")
    (tmp_path / "sg.yaml").write_text(CFN, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-NET-001",)))
    verdicts = {
        f.resource_name: (f.status, f.evidence.get("ports"), f.evidence.get("sources"))
        for f in result.findings
    }
    assert verdicts == {
        "slash_zero": (Status.FAIL, [22], ["192.168.1.0/0"]),
        # one finding per resource and rule: every exposed port is in its evidence
        "many": (Status.FAIL, [22, 3389, 5432], ["2001:db8::/0"]),
        "private": (Status.PASS, None, None),
        "SlashZero": (Status.FAIL, [22, 3389], ["172.16.0.0/0", "::/0"]),
    }
    many = next(f for f in result.findings if f.resource_name == "many")
    assert many.message.en == (
        "ports 22, 3389, 5432 are open to the whole internet (2001:db8::/0)"
    )
    assert many.evidence_key == ""


def test_fingerprint_stays_when_more_ports_open(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(TF, encoding="utf-8")
    settings = Settings(rule_ids=("GDCC-NET-001",), rule_parameters={"GDCC-NET-001": {
        "ports": [22]}})
    before = {f.resource_name: f.fingerprint for f in audit([tmp_path], settings).findings}
    settings = Settings(rule_ids=("GDCC-NET-001",))
    after = {f.resource_name: f.fingerprint for f in audit([tmp_path], settings).findings}
    assert before == after
