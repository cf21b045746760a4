"""A database's TLS (GDCC-ENC-004) is decided by its parameter group's settings: when the
group named is one of the scan (``parameter_group_name = var.create_group ?
aws_db_parameter_group.this[0].id : var.group_name``, terraform-aws-rds), the input choosing
it is not where the value is, so the finding names no ``value set at`` there (before: the
``create_group`` default, a line whose change fixes nothing); with no group created the
choice still points at that input (the engine's default group decides)."""

from __future__ import annotations

import os
from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

MAIN = """\
variable "create_group" {
  default = true
}

variable "group_name" {
  default = null
}

resource "aws_db_parameter_group" "this" {
  count  = var.create_group ? 1 : 0
  name   = "pg"
  family = "postgres16"
}

resource "aws_db_instance" "db" {
  identifier           = "db"
  engine               = "postgres"
  engine_version       = "16.3"
  instance_class       = "db.t3.micro"
  storage_encrypted    = true
  parameter_group_name = var.create_group ? aws_db_parameter_group.this[0].id : var.group_name
}
"""


def test_a_group_of_the_scan_is_not_pointed_at_the_input_choosing_it(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(MAIN, encoding="utf-8")
    cwd = Path.cwd()
    os.chdir(tmp_path)
    try:
        result = audit([Path(".")], Settings(rule_ids=("GDCC-ENC-004",)))
    finally:
        os.chdir(cwd)
    found = [(f.address, f.status, f.evidence.get("value_set_at")) for f in result.findings]
    # PostgreSQL 16's rds.force_ssl defaults to 1 (the group does not change it): PASS,
    # decided by the group, not by create_group
    assert found == [("aws_db_instance.db", Status.PASS, None)]
