"""A security group rule resource whose source group is the group it belongs to
(``referenced_security_group_id = each.value.self ? aws_security_group.db.id : ...``, as
terraform-aws-eks' node group module writes; ``source_security_group_id`` naming its own
group) admits the group's own members. Its id is known only after apply and the rule's
reference to its own group is no link to another, so the source was "not resolved":
GDCC-GRAPH-004 UNKNOWN "db allows sg:unknown (not resolved)" on a database that admits
only its own group."""

from __future__ import annotations

from pathlib import Path

import pytest

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

TERRAFORM = '''\
variable "rules" {
  default = {
    self_all = { self = true, referenced_security_group_id = null }
  }
}
resource "aws_vpc" "main" { cidr_block = "10.0.0.0/16" }
resource "aws_security_group" "db" {
  name   = "db"
  vpc_id = aws_vpc.main.id
}
RULE
resource "aws_db_instance" "db" {
  engine                      = "postgres"
  instance_class              = "db.t3.micro"
  allocated_storage           = 20
  username                    = "app"
  manage_master_user_password = true
  vpc_security_group_ids      = [aws_security_group.db.id]
}
'''

VPC_RULE = '''\
resource "aws_vpc_security_group_ingress_rule" "this" {
  for_each                     = var.rules
  security_group_id            = aws_security_group.db.id
  ip_protocol                  = "tcp"
  from_port                    = 5432
  to_port                      = 5432
  referenced_security_group_id = (
    each.value.self ? aws_security_group.db.id : each.value.referenced_security_group_id
  )
}
'''

CLASSIC_RULE = '''\
resource "aws_security_group_rule" "this" {
  type                     = "ingress"
  security_group_id        = aws_security_group.db.id
  protocol                 = "tcp"
  from_port                = 5432
  to_port                  = 5432
  source_security_group_id = aws_security_group.db.id
}
'''


@pytest.mark.parametrize("rule", [VPC_RULE, CLASSIC_RULE], ids=["vpc-rule", "classic-rule"])
def test_a_rule_naming_its_own_group_admits_its_members(tmp_path: Path, rule: str) -> None:
    (tmp_path / "main.tf").write_text(TERRAFORM.replace("RULE", rule), encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-004",)))
    [finding] = result.findings
    assert (finding.status, finding.message.en) == (
        Status.PASS, "The data tier is segmented from the web tier"
    )


def test_an_unresolved_reference_is_named_as_written(tmp_path: Path) -> None:
    """A source that is a reference the scan cannot resolve (the range of a VPC looked up by a
    data source) is named as the user wrote it, not with the graph's internal ``ref:``
    marker."""
    (tmp_path / "main.tf").write_text(
        """
provider "aws" {
  region = "ap-southeast-7"
}
data "aws_vpc" "x" {
  id = "vpc-123"
}
resource "aws_security_group" "db" {
  vpc_id = "vpc-123"
  ingress {
    from_port   = 5432
    to_port     = 5432
    protocol    = "tcp"
    cidr_blocks = [data.aws_vpc.x.cidr_block]
  }
}
resource "aws_db_instance" "db" {
  engine                 = "postgres"
  instance_class         = "db.t3.micro"
  publicly_accessible    = true
  vpc_security_group_ids = [aws_security_group.db.id]
  storage_encrypted      = true
}
"""
    )
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-004",)))
    (finding,) = [f for f in result.findings if f.rule_id == "GDCC-GRAPH-004"]
    assert finding.status == Status.UNKNOWN
    assert finding.evidence["admits"] == "db allows data.aws_vpc.x (not resolved)"
    assert "ref:" not in finding.message.en
