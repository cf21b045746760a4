"""Azure SQL: backups belong to each database (automatic, 7 days of point-in-time restore by
default), so the server is NOT_APPLICABLE to the backup rules (was UNKNOWN) and the database
is judged on its own retention."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

TF = """\
resource "azurerm_mssql_server" "main" {
  name                          = "sql-main"
  resource_group_name           = "rg"
  location                      = "southeastasia"
  version                       = "12.0"
  administrator_login           = "sqladmin"
  administrator_login_password  = var.password
}

resource "azurerm_mssql_database" "app" {
  name      = "app"
  server_id = azurerm_mssql_server.main.id
}

resource "azurerm_mssql_database" "short" {
  name      = "short"
  server_id = azurerm_mssql_server.main.id
  short_term_retention_policy {
    retention_days = 1
  }
}

variable "password" {
  sensitive = true
}
"""


def test_backups_are_judged_per_database(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(TF, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-BCK-001", "GDCC-BCK-002")))
    found = {(f.address, f.rule_id): (f.status, f.message.en) for f in result.findings}
    why = (
        "does not apply to azurerm_mssql_server: an Azure SQL server keeps no backups of its "
        "own: every database on it is backed up automatically, with its own retention "
        "(azurerm_mssql_database short_term_retention_policy), where it is judged"
    )
    assert found[("azurerm_mssql_server.main", "GDCC-BCK-001")] == (Status.NOT_APPLICABLE, why)
    assert found[("azurerm_mssql_server.main", "GDCC-BCK-002")] == (Status.NOT_APPLICABLE, why)
    assert found[("azurerm_mssql_database.app", "GDCC-BCK-001")][0] == Status.PASS
    assert found[("azurerm_mssql_database.app", "GDCC-BCK-002")][0] == Status.PASS
    assert found[("azurerm_mssql_database.short", "GDCC-BCK-002")][0] == Status.FAIL


def test_the_seven_days_without_a_retention_block_are_azures_default(tmp_path: Path) -> None:
    # (avm-res-sql-server's Hyperscale databases, whose policy block a dynamic leaves out,
    # PASSed with nothing saying the 7 days are Azure's default)
    (tmp_path / "main.tf").write_text(TF, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-BCK-002",)))
    found = {f.address: f for f in result.findings}
    app = found["azurerm_mssql_database.app"]
    assert app.status is Status.PASS
    assert app.evidence["defaults"] == {
        "backup_retention_days": {
            "attribute": "short_term_retention_policy.0.retention_days",
            "value": "default",
            "documentation": "https://learn.microsoft.com/azure/azure-sql/database/"
            "automated-backups-overview#backup-retention",
        }
    }
    assert "defaults" not in found["azurerm_mssql_database.short"].evidence


def test_no_type_is_listed_twice_in_the_absent_table() -> None:
    """A second entry for a type in ``ABSENT`` (a ``**`` spread, then a key) silently replaced
    the first: the Azure SQL server lost "patched by the provider" that way."""
    import ast
    import collections

    from gdcc_audit.normalize import absent

    tree = ast.parse(Path(absent.__file__).read_text(encoding="utf-8"))
    table = next(
        node.value
        for node in tree.body
        if isinstance(node, ast.AnnAssign)
        and isinstance(node.target, ast.Name)
        and node.target.id == "ABSENT"
    )
    assert isinstance(table, ast.Dict)
    seen: collections.Counter[str] = collections.Counter()
    for key, value in zip(table.keys, table.values, strict=True):
        if key is None:  # a spread: its keys, computed with the module's names
            spread = eval(compile(ast.Expression(value), "absent", "eval"), vars(absent))
            seen.update(list(spread))
        else:
            seen[ast.literal_eval(key)] += 1
    assert [name for name, count in seen.items() if count > 1] == []


def test_the_server_is_still_patched_by_the_provider(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(TF, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-DB-002",)))
    found = {f.address: f.status for f in result.findings}
    assert found["azurerm_mssql_server.main"] == Status.NOT_APPLICABLE
