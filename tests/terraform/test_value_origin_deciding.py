"""Settings a module input gives that had no deciding attribute named point at that input:
a CloudWatch log group's / Log Analytics workspace's ``retention_in_days`` (GDCC-LOG-001),
an RDS instance's ``backup_retention_period`` (GDCC-BCK-002), ``auto_minor_version_upgrade``
(GDCC-DB-002) and ``iam_database_authentication_enabled`` (GDCC-DB-001). Before, these
FAILs named no line (terraform-azurerm-aks's ``log_retention_in_days`` default 30,
terraform-aws-vpc's flow log group, cloudposse's RDS instance)."""

from __future__ import annotations

import os
from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

MAIN = """\
module "logs" {
  source = "./m"
}
"""

MODULE = """\
variable "retention" {
  default = 30
}

variable "backups" {
  default = 0
}

variable "minor" {
  default = false
}

variable "iam_auth" {
  default = false
}

resource "aws_cloudwatch_log_group" "this" {
  name              = "flow"
  retention_in_days = var.retention
}

resource "azurerm_log_analytics_workspace" "this" {
  name                = "ws"
  location            = "southeastasia"
  resource_group_name = "rg"
  retention_in_days   = var.retention
}

resource "aws_db_instance" "this" {
  identifier                          = "db"
  engine                              = "mysql"
  instance_class                      = "db.t3.micro"
  storage_encrypted                   = true
  backup_retention_period             = var.backups
  auto_minor_version_upgrade          = var.minor
  iam_database_authentication_enabled = var.iam_auth
}
"""


def test_retention_backups_patching_and_iam_auth_point_at_their_inputs(tmp_path: Path) -> None:
    (tmp_path / "m").mkdir()
    (tmp_path / "main.tf").write_text(MAIN, encoding="utf-8")
    (tmp_path / "m" / "main.tf").write_text(MODULE, encoding="utf-8")
    cwd = Path.cwd()
    os.chdir(tmp_path)
    try:
        result = audit(
            [Path(".")],
            Settings(rule_ids=("GDCC-LOG-001", "GDCC-BCK-002", "GDCC-DB-002", "GDCC-DB-001")),
        )
    finally:
        os.chdir(cwd)
    found = {
        (f.address, f.rule_id): (f.status, f.evidence.get("value_set_at"))
        for f in result.findings
        if f.status in (Status.PASS, Status.FAIL)
    }

    def unset(name: str, line: int) -> str:
        return (f"./main.tf:1 (module.logs does not set {name}: default of module input "
                f"{name} at m/main.tf:{line})")

    assert found[("module.logs.aws_cloudwatch_log_group.this", "GDCC-LOG-001")] == (
        Status.FAIL, {"log_retention_days": unset("retention", 2)}
    )
    assert found[("module.logs.azurerm_log_analytics_workspace.this", "GDCC-LOG-001")] == (
        Status.FAIL, {"log_retention_days": unset("retention", 2)}
    )
    db = "module.logs.aws_db_instance.this"
    assert found[(db, "GDCC-BCK-002")][1] == {"backup_retention_days": unset("backups", 6)}
    assert found[(db, "GDCC-DB-002")] == (Status.FAIL, {"auto_patching": unset("minor", 10)})
    assert found[(db, "GDCC-DB-001")] == (Status.FAIL, {"directory_auth": unset("iam_auth", 14)})
