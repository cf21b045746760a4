"""A secret passed down modules through ``cond ? null : var.password`` arguments (as
terraform-aws-modules/terraform-aws-rds writes ``password_wo``) is pointed at the line where
the password is written, not at the condition's input: the value is a non-empty string, so
each conditional gave its ``var.password`` result. Before, "value set at" named the caller's
``manage_password = false`` line (examples/replica-postgres: main.tf:55 for the password at
52)."""

from __future__ import annotations

import os
from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

ROOT = """\
module "db" {
  source = "./modules/db"

  password_wo     = "UberSecretPassword"
  manage_password = false
}

module "managed" {
  source = "./modules/db"

  manage_password = true
}
"""

WRAPPER = """\
variable "password_wo" {
  default = null
}
variable "manage_password" {
  default = true
}

module "db_instance" {
  source = "./instance"

  password_wo     = var.manage_password ? null : var.password_wo
  manage_password = var.manage_password
}
"""

INSTANCE = """\
variable "password_wo" {
  default = null
}
variable "manage_password" {
  default = true
}
variable "replica" {
  default = false
}

resource "aws_db_instance" "this" {
  engine                      = "postgres"
  instance_class              = "db.t3.micro"
  allocated_storage           = 20
  username                    = "app"
  storage_encrypted           = true
  manage_master_user_password = !var.replica && var.manage_password ? true : null
  password_wo                 = !var.replica && var.manage_password ? null : var.password_wo
}
"""


def test_secret_through_null_branches_points_at_the_password(tmp_path: Path) -> None:
    instance = tmp_path / "modules" / "db" / "instance"
    instance.mkdir(parents=True)
    (tmp_path / "main.tf").write_text(ROOT, encoding="utf-8")
    (tmp_path / "modules" / "db" / "main.tf").write_text(WRAPPER, encoding="utf-8")
    (instance / "main.tf").write_text(INSTANCE, encoding="utf-8")
    cwd = Path.cwd()
    os.chdir(tmp_path)
    try:
        result = audit([Path(".")], Settings(rule_ids=("GDCC-SECRET-001",)))
    finally:
        os.chdir(cwd)
    found = {
        f.address: (f.evidence.get("paths"), f.evidence.get("value_set_at"))
        for f in result.findings
        if f.status == Status.FAIL
    }
    # the managed instance has no password written: no finding for it
    assert found == {
        "module.db.module.db_instance.aws_db_instance.this": (
            ["password_wo"], {"password_wo": "./main.tf:4"},
        ),
    }
    secret = next(f for f in result.findings if f.status == Status.FAIL)
    assert secret.message is not None
    assert secret.message.en.endswith("(value set at ./main.tf:4)")
