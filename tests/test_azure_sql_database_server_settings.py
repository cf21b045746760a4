"""An Azure SQL database takes its minimum TLS version and its Microsoft Entra administrator
from its server: GDCC-ENC-004 ("encrypted_in_transit is not known") and GDCC-DB-001
("directory_auth is not known") were UNKNOWN on every ``azurerm_mssql_database``; they are
NOT_APPLICABLE with the reason, and the server is judged."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

TF = """\
resource "azurerm_mssql_server" "sql" {
  name                         = "sql"
  resource_group_name          = "rg"
  location                     = "southeastasia"
  version                      = "12.0"
  administrator_login          = "admin"
  minimum_tls_version          = "1.2"
  public_network_access_enabled = false
}
resource "azurerm_mssql_database" "db" {
  name      = "db"
  server_id = azurerm_mssql_server.sql.id
}
"""

REASON = (
    "does not apply to azurerm_mssql_database: an Azure SQL database takes its minimum TLS "
    "version and its Microsoft Entra administrator from its server (azurerm_mssql_server "
    "minimum_tls_version, azuread_administrator), where they are judged"
)


def test_database_tls_and_directory_auth_are_its_servers(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(TF, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-ENC-004", "GDCC-DB-001")))
    found = {(f.address, f.rule_id): (f.status, f.message.en) for f in result.findings}
    assert found == {
        ("azurerm_mssql_database.db", "GDCC-ENC-004"): (Status.NOT_APPLICABLE, REASON),
        ("azurerm_mssql_database.db", "GDCC-DB-001"): (Status.NOT_APPLICABLE, REASON),
        ("azurerm_mssql_server.sql", "GDCC-ENC-004"): (
            Status.PASS, "Traffic to load balancers, gateways and databases is encrypted"
        ),
        ("azurerm_mssql_server.sql", "GDCC-DB-001"): (
            Status.FAIL, "IAM / directory authentication is off"
        ),
    }
