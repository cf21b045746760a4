"""References to another resource's written arguments (``aws_vpc.main.cidr_block``) take the
value written there; computed attributes (``id``, ``arn``) and unknown instances stay UNKNOWN,
and the reference is still recorded for the graph."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.load.terraform_model import UNKNOWN
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

from .helpers import load, resources

TF = """\
resource "aws_vpc" "web" {
  cidr_block = "172.16.0.0/16"
}

resource "aws_subnet" "private" {
  count      = 2
  vpc_id     = aws_vpc.web.id
  cidr_block = cidrsubnet(aws_vpc.web.cidr_block, 8, count.index)
}

resource "aws_subnet" "named" {
  for_each   = { a = "10.9.1.0/24", b = "0.0.0.0/0" }
  cidr_block = each.value
}

resource "aws_security_group" "db" {
  vpc_id = aws_vpc.web.id
  ingress {
    from_port   = 3306
    to_port     = 3306
    protocol    = "tcp"
    cidr_blocks = ["${aws_vpc.web.cidr_block}", aws_subnet.private[1].cidr_block]
  }
}

resource "aws_security_group" "open" {
  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = [aws_subnet.named["b"].cidr_block]
  }
}

resource "aws_security_group" "unknown" {
  ingress {
    from_port   = 5432
    to_port     = 5432
    protocol    = "tcp"
    cidr_blocks = [aws_subnet.named["zzz"].cidr_block, aws_subnet.private[0].arn]
  }
}

resource "aws_security_group" "loop" {
  name        = aws_security_group.loop.description
  description = aws_security_group.loop.name
}
"""


def _write(tmp_path: Path) -> Path:
    (tmp_path / "main.tf").write_text(TF, encoding="utf-8")
    return tmp_path


def test_written_arguments_resolve_per_instance(tmp_path: Path) -> None:
    documents, errors = load(_write(tmp_path))
    assert errors == []
    found = resources(documents)
    assert found["aws_subnet.private[0]"].values["cidr_block"] == "172.16.0.0/24"
    assert found["aws_subnet.private[1]"].values["cidr_block"] == "172.16.1.0/24"
    db = found["aws_security_group.db"].values["ingress"][0]
    assert db["cidr_blocks"] == ["172.16.0.0/16", "172.16.1.0/24"]
    assert found["aws_security_group.open"].values["ingress"][0]["cidr_blocks"] == ["0.0.0.0/0"]
    # An instance key that does not exist and a computed attribute: not known.
    assert found["aws_security_group.unknown"].values["ingress"][0]["cidr_blocks"] == [
        UNKNOWN,
        UNKNOWN,
    ]
    # A cycle (Terraform refuses it) is not guessed.
    assert found["aws_security_group.loop"].values["name"] is UNKNOWN
    # The reference is still recorded (graph edges), with the attribute that holds it.
    targets = {(r.target, r.attribute) for r in found["aws_security_group.db"].references}
    assert ("aws_vpc.web", "ingress.0.cidr_blocks") in targets
    assert ("aws_subnet.private[1]", "ingress.0.cidr_blocks") in targets
    assert ("aws_vpc.web", "vpc_id") in targets


def test_sources_taken_from_other_resources_are_judged(tmp_path: Path) -> None:
    result = audit([_write(tmp_path)], Settings(now="2026-11-23"))
    verdicts = {
        f.address: f.status
        for f in result.findings
        if f.rule_id == "GDCC-NET-001" and f.address is not None
    }
    assert verdicts["aws_security_group.db"] is Status.PASS
    assert verdicts["aws_security_group.open"] is Status.FAIL
    assert verdicts["aws_security_group.unknown"] is Status.UNKNOWN
