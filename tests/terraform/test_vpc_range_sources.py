"""A security group rule whose source is a VPC's or subnet's own range, not known
(``cidr_blocks = [data.aws_vpc.this.cidr_block]``, ``[aws_vpc.main.cidr_block]`` with the
VPC's block from an input): an AWS VPC block is IPv4 /16 to /28 (IPv6 /44 to /64), the VPC's
own address space, and packets from the internet keep their public source address, so the
source is never the internet (GDCC-NET-001 PASS; was UNKNOWN). A source that may be such a
range or something else (a condition, ``coalesce`` or ``concat`` with an input, a range
computed from it) stays not known; a written ``0.0.0.0/0`` beside it still fails. In the
resource graph the range of a VPC of the scan is that VPC's network (GDCC-GRAPH-004 PASS for
a database admitting only it; was UNKNOWN "rule sources not known")."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

PASS_TEXT = "Management ports are not open to the internet"

MAIN = """\
variable "vpc_cidr" { type = string }
variable "on" { type = bool }
variable "cidr" { type = string }
variable "extra" { type = list(string) }

data "aws_vpc" "this" { default = true }
data "aws_subnet" "app" { id = "subnet-1" }
data "aws_vpc" "many" {
  count = 2
  id    = "vpc-${count.index}"
}

resource "aws_vpc" "main" {
  cidr_block                       = var.vpc_cidr
  assign_generated_ipv6_cidr_block = true
}

resource "aws_security_group" "looked_up" {
  name = "looked-up"
  ingress {
    from_port   = 3306
    to_port     = 3306
    protocol    = "tcp"
    cidr_blocks = [data.aws_vpc.this.cidr_block, data.aws_subnet.app.cidr_block]
  }
}

resource "aws_security_group" "own_vpc" {
  name   = "own-vpc"
  vpc_id = aws_vpc.main.id
  ingress {
    from_port        = 22
    to_port          = 22
    protocol         = "tcp"
    cidr_blocks      = [aws_vpc.main.cidr_block]
    ipv6_cidr_blocks = [aws_vpc.main.ipv6_cidr_block]
  }
}

resource "aws_security_group" "ruled" {
  name = "ruled"
}

resource "aws_security_group_rule" "indexed" {
  type              = "ingress"
  security_group_id = aws_security_group.ruled.id
  from_port         = 5432
  to_port           = 5432
  protocol          = "tcp"
  cidr_blocks       = [data.aws_vpc.many[1].cidr_block]
}

resource "aws_vpc_security_group_ingress_rule" "redis" {
  security_group_id = aws_security_group.ruled.id
  from_port         = 6379
  to_port           = 6379
  ip_protocol       = "tcp"
  cidr_ipv4         = aws_vpc.main.cidr_block
}

resource "aws_security_group" "chosen" {
  name = "chosen"
  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = [var.on ? data.aws_vpc.this.cidr_block : var.cidr]
  }
}

resource "aws_security_group" "coalesced" {
  name = "coalesced"
  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = [coalesce(var.cidr, data.aws_vpc.this.cidr_block)]
  }
}

resource "aws_security_group" "extended" {
  name = "extended"
  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = concat(var.extra, [data.aws_vpc.this.cidr_block])
  }
}

resource "aws_security_group" "computed" {
  name = "computed"
  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = [cidrsubnet(data.aws_vpc.this.cidr_block, 4, 1)]
  }
}

resource "aws_security_group" "open_too" {
  name = "open-too"
  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0", aws_vpc.main.cidr_block]
  }
}
"""

#: address -> (status, English message, evidence keys and values)
EXPECTED: dict[str, tuple[Status, str, dict[str, Any]]] = {
    "aws_security_group.looked_up": (Status.PASS, PASS_TEXT, {"undetermined_ports": None}),
    "aws_security_group.own_vpc": (Status.PASS, PASS_TEXT, {"undetermined_ports": None}),
    # its rule resources: data.aws_vpc.many[1] (5432), aws_vpc.main in cidr_ipv4 (6379)
    "aws_security_group.ruled": (Status.PASS, PASS_TEXT, {"undetermined_ports": None}),
    "aws_security_group.chosen": (
        Status.UNKNOWN,
        "cannot tell whether port 22 is open to the internet",
        {"undetermined_ports": [22]},
    ),
    "aws_security_group.coalesced": (
        Status.UNKNOWN,
        "cannot tell whether port 22 is open to the internet",
        {"undetermined_ports": [22]},
    ),
    "aws_security_group.extended": (
        Status.UNKNOWN,
        "cannot tell whether port 22 is open to the internet",
        {"undetermined_ports": [22]},
    ),
    "aws_security_group.computed": (
        Status.UNKNOWN,
        "cannot tell whether port 22 is open to the internet",
        {"undetermined_ports": [22]},
    ),
    "aws_security_group.open_too": (
        Status.FAIL,
        "port 22 is open to the whole internet (0.0.0.0/0)",
        {"sources": ["0.0.0.0/0"], "undetermined_ports": None},
    ),
}


@pytest.fixture(scope="module")
def findings(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    root = tmp_path_factory.mktemp("vpcrange")
    (root / "main.tf").write_text(MAIN, encoding="utf-8")
    result = audit([root], Settings(rule_ids=("GDCC-NET-001",)))
    assert not [i for i in result.inputs if i.status.value != "assessed"]
    return {f.address: f for f in result.findings}


@pytest.mark.parametrize("address", sorted(EXPECTED))
def test_vpc_range_source(findings: dict[str, Any], address: str) -> None:
    status, message, evidence = EXPECTED[address]
    found = findings[address]
    assert (found.status, found.message.en) == (status, message)
    assert {name: found.evidence.get(name) for name in evidence} == evidence


GRAPH = """\
variable "vpc_cidr" { type = string }

resource "aws_vpc" "main" { cidr_block = var.vpc_cidr }
resource "aws_internet_gateway" "gw" { vpc_id = aws_vpc.main.id }
resource "aws_subnet" "pub" {
  vpc_id     = aws_vpc.main.id
  cidr_block = cidrsubnet(var.vpc_cidr, 8, 1)
}
resource "aws_route_table" "rt" {
  vpc_id = aws_vpc.main.id
  route {
    cidr_block = "0.0.0.0/0"
    gateway_id = aws_internet_gateway.gw.id
  }
}
resource "aws_route_table_association" "a" {
  subnet_id      = aws_subnet.pub.id
  route_table_id = aws_route_table.rt.id
}
resource "aws_security_group" "db" {
  name   = "db"
  vpc_id = aws_vpc.main.id
  ingress {
    from_port   = 3306
    to_port     = 3306
    protocol    = "tcp"
    cidr_blocks = [aws_vpc.main.cidr_block]
  }
}
resource "aws_db_subnet_group" "g" {
  name       = "g"
  subnet_ids = [aws_subnet.pub.id]
}
resource "aws_db_instance" "rds" {
  engine                 = "mysql"
  instance_class         = "db.t3.micro"
  publicly_accessible    = true
  storage_encrypted      = true
  vpc_security_group_ids = [aws_security_group.db.id]
  db_subnet_group_name   = aws_db_subnet_group.g.name
}
"""


def test_a_database_admitting_its_vpc_range_is_not_reached_from_the_internet(
    tmp_path: Path,
) -> None:
    """A publicly accessible database in a public subnet whose group admits only its VPC's
    range (from an input): GDCC-GRAPH-004 PASS (was UNKNOWN "rule sources not known")."""
    (tmp_path / "main.tf").write_text(GRAPH, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-004", "GDCC-NET-001")))
    found = {(f.address, f.rule_id): f.status for f in result.findings}
    assert found[("aws_db_instance.rds", "GDCC-GRAPH-004")] is Status.PASS
    assert found[("aws_security_group.db", "GDCC-NET-001")] is Status.PASS


ASSOCIATIONS = """\
data "aws_vpc" "x" { default = true }
variable "extra" { type = list(string) }

resource "aws_security_group" "assoc" {
  name = "assoc"
  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = data.aws_vpc.x.cidr_block_associations[*].cidr_block
  }
}

resource "aws_security_group" "mixed" {
  name = "mixed"
  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = concat(var.extra, data.aws_vpc.x.cidr_block_associations[*].cidr_block)
  }
}

resource "aws_security_group_rule" "r" {
  type              = "ingress"
  security_group_id = "sg-1"
  from_port         = 3389
  to_port           = 3389
  protocol          = "tcp"
  cidr_blocks       = data.aws_vpc.x.cidr_block_associations.*.cidr_block
}
"""


def test_every_range_of_a_looked_up_vpc(tmp_path: Path) -> None:
    """``data.aws_vpc.x.cidr_block_associations[*].cidr_block``: the VPC's blocks, however
    many, each its own range: never the internet (GDCC-NET-001 PASS; was UNKNOWN). With an
    input beside them (``concat(var.extra, ...)``) it stays not known."""
    (tmp_path / "main.tf").write_text(ASSOCIATIONS, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-NET-001",)))
    assert {f.address: (f.status.value, f.message.en) for f in result.findings} == {
        "aws_security_group.assoc": ("PASS", PASS_TEXT),
        "aws_security_group.mixed": (
            "UNKNOWN", "cannot tell whether port 22 is open to the internet"
        ),
        "aws_security_group_rule.r": ("PASS", PASS_TEXT),
    }
