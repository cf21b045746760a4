"""An Azure database's backup retention set by a module argument: the FAIL points at the line
to change (``value set at``), as an RDS instance's does.

terraform-azurerm-avm-res-sql-server's database submodule writes
``short_term_retention_policy { retention_days = var.short_term_retention_policy.retention_days }``
and its examples set ``retention_days = 1`` in the call: GDCC-BCK-002 FAILed 'backup retention
is 1 day' without saying where the 1 is written (the retention attribute was not among the
attributes that decide ``backup_retention_days``: ``normalize/defaults._DECIDING``)."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

MODULE = """\
variable "days" {
  default = 35
}
resource "azurerm_postgresql_flexible_server" "pg" {
  name                  = "pg"
  resource_group_name   = "rg"
  location              = "southeastasia"
  backup_retention_days = var.days
}
resource "azurerm_mssql_database" "sql" {
  name      = "sql"
  server_id = "/subscriptions/x/resourceGroups/rg/providers/Microsoft.Sql/servers/s"
  short_term_retention_policy {
    retention_days = var.days
  }
}
resource "azurerm_mssql_database" "plain" {
  name      = "plain"
  server_id = "/subscriptions/x/resourceGroups/rg/providers/Microsoft.Sql/servers/s"
}
"""

ROOT = """\
module "db" {
  source = "./db"
  days   = 3
}
"""


def test_retention_set_by_the_caller_points_at_the_call(tmp_path: Path) -> None:
    (tmp_path / "db").mkdir()
    (tmp_path / "db" / "main.tf").write_text(MODULE, encoding="utf-8")
    (tmp_path / "main.tf").write_text(ROOT, encoding="utf-8")
    report = audit([tmp_path], Settings(rule_ids=("GDCC-BCK-002",)))
    found = {f.address: (f.status, f.message.en) for f in report.findings}
    at = f"{tmp_path / 'main.tf'}:3"
    assert found == {
        "module.db.azurerm_postgresql_flexible_server.pg": (
            Status.FAIL, f"backup retention is 3 days; at least 7 days required (value set at {at})"
        ),
        "module.db.azurerm_mssql_database.sql": (
            Status.FAIL, f"backup retention is 3 days; at least 7 days required (value set at {at})"
        ),
        # no block: Azure's 7-day point-in-time restore, nothing written to point at
        "module.db.azurerm_mssql_database.plain": (
            Status.PASS, "Backups are kept for at least 7 days"
        ),
    }


#: Azure Verified Modules' shape: a block made by a ``dynamic`` over a map of one wrapping the
#: input, its content reading the input itself
DYNAMIC = """\
variable "short_term_retention_policy" {
  type = object({
    retention_days           = number
    backup_interval_in_hours = number
  })
  default = {
    retention_days           = 35
    backup_interval_in_hours = 12
  }
}
resource "azurerm_mssql_database" "this" {
  name      = "db"
  server_id = "/subscriptions/x/resourceGroups/rg/providers/Microsoft.Sql/servers/s"
  dynamic "short_term_retention_policy" {
    for_each = (
      var.short_term_retention_policy != null ? { this = var.short_term_retention_policy } : {}
    )
    content {
      retention_days           = var.short_term_retention_policy.retention_days
      backup_interval_in_hours = var.short_term_retention_policy.backup_interval_in_hours
    }
  }
}
"""

DYNAMIC_ROOT = """\
module "db" {
  source = "./db"
  short_term_retention_policy = {
    retention_days           = 1
    backup_interval_in_hours = 12
  }
}
"""


def test_a_dynamic_block_over_a_map_of_one_reading_the_input(tmp_path: Path) -> None:
    (tmp_path / "db").mkdir()
    (tmp_path / "db" / "main.tf").write_text(DYNAMIC, encoding="utf-8")
    (tmp_path / "main.tf").write_text(DYNAMIC_ROOT, encoding="utf-8")
    report = audit([tmp_path], Settings(rule_ids=("GDCC-BCK-002",)))
    assert [(f.status, f.message.en) for f in report.findings] == [
        (
            Status.FAIL,
            "backup retention is 1 day; at least 7 days required "
            f"(value set at {tmp_path / 'main.tf'}:4)",
        )
    ]
