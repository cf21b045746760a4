"""PostgreSQL / MySQL flexible servers written with AzAPI were judged by no rule; they are read
from their ``body`` and child resources (firewall rules, server parameters) and get the
verdicts ``azurerm_postgresql_flexible_server`` / ``azurerm_mysql_flexible_server`` get on the
same configuration."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.settings import Settings
from iac_helpers import run

RULES = ["GDCC-NET-002", "GDCC-ENC-004", "GDCC-DATA-009", "GDCC-DB-001", "GDCC-DB-002",
         "GDCC-DB-003", "GDCC-DB-004", "GDCC-BCK-001", "GDCC-GRAPH-001"]

# a public PostgreSQL server open to every address, with TLS required off; a private MySQL
# server with zone-redundant HA and 14 days of backups
AZURERM = """\
resource "azurerm_postgresql_flexible_server" "pg" {
  name                   = "pg"
  resource_group_name    = "rg"
  location               = "southeastasia"
  version                = "16"
  sku_name               = "B_Standard_B1ms"
  administrator_login    = "pgadmin"
  administrator_password = var.password
}
resource "azurerm_postgresql_flexible_server_firewall_rule" "all" {
  name             = "all"
  server_id        = azurerm_postgresql_flexible_server.pg.id
  start_ip_address = "0.0.0.0"
  end_ip_address   = "255.255.255.255"
}
resource "azurerm_postgresql_flexible_server_configuration" "tls" {
  name      = "require_secure_transport"
  server_id = azurerm_postgresql_flexible_server.pg.id
  value     = "OFF"
}
resource "azurerm_mysql_flexible_server" "my" {
  name                          = "my"
  resource_group_name           = "rg"
  location                      = "southeastasia"
  sku_name                      = "GP_Standard_D2ds_v4"
  administrator_login           = "myadmin"
  administrator_password        = var.password
  backup_retention_days         = 14
  public_network_access_enabled = false
  high_availability {
    mode = "ZoneRedundant"
  }
}
variable "password" {
  type      = string
  sensitive = true
}
"""

AZAPI = """\
resource "azapi_resource" "pg" {
  type      = "Microsoft.DBforPostgreSQL/flexibleServers@2024-08-01"
  name      = "pg"
  location  = "southeastasia"
  parent_id = "/subscriptions/x/resourceGroups/rg"
  body = {
    sku = { name = "Standard_B1ms", tier = "Burstable" }
    properties = {
      version                    = "16"
      administratorLogin         = "pgadmin"
      administratorLoginPassword = var.password
    }
  }
}
resource "azapi_resource" "all" {
  type      = "Microsoft.DBforPostgreSQL/flexibleServers/firewallRules@2024-08-01"
  name      = "all"
  parent_id = azapi_resource.pg.id
  body      = { properties = { startIpAddress = "0.0.0.0", endIpAddress = "255.255.255.255" } }
}
resource "azapi_resource" "tls" {
  type      = "Microsoft.DBforPostgreSQL/flexibleServers/configurations@2024-08-01"
  name      = "require_secure_transport"
  parent_id = azapi_resource.pg.id
  body      = { properties = { value = "OFF", source = "user-override" } }
}
resource "azapi_resource" "my" {
  type      = "Microsoft.DBforMySQL/flexibleServers@2023-12-30"
  name      = "my"
  location  = "southeastasia"
  parent_id = "/subscriptions/x/resourceGroups/rg"
  body = {
    sku = { name = "Standard_D2ds_v4", tier = "GeneralPurpose" }
    properties = {
      administratorLogin         = "myadmin"
      administratorLoginPassword = var.password
      backup                     = { backupRetentionDays = 14 }
      network                    = { publicNetworkAccess = "Disabled" }
      highAvailability           = { mode = "ZoneRedundant" }
    }
  }
}
variable "password" {
  type      = string
  sensitive = true
}
"""


def _verdicts(tmp_path: Path, name: str, text: str) -> dict[tuple[str, str], str]:
    folder = tmp_path / name
    folder.mkdir()
    (folder / "main.tf").write_text(text, encoding="utf-8")
    result = audit([folder], Settings(rule_ids=RULES))
    names = {r.id: r.address.rsplit(".", 1)[-1] for r in result.resources if r.address}
    return {(names[f.resource_id], f.rule_id): f.status.value for f in result.findings
            if names[f.resource_id] in ("pg", "my")}


def test_azapi_flexible_servers_get_the_azurerm_verdicts(tmp_path: Path) -> None:
    azurerm = _verdicts(tmp_path, "azurerm", AZURERM)
    azapi = _verdicts(tmp_path, "azapi", AZAPI)
    assert azapi == azurerm
    # patched by the provider (no minor-version setting): NOT_APPLICABLE for both
    assert azapi[("pg", "GDCC-DB-002")] == azapi[("my", "GDCC-DB-002")] == "NOT_APPLICABLE"
    assert {k: v for k, v in azapi.items() if v != "NOT_APPLICABLE"} == {
        ("pg", "GDCC-NET-002"): "FAIL",  # public access
        ("pg", "GDCC-ENC-004"): "FAIL",  # require_secure_transport OFF
        ("pg", "GDCC-DATA-009"): "PASS",  # TLS 1.2: the service denies older
        ("pg", "GDCC-DB-001"): "FAIL",  # passwords only
        ("pg", "GDCC-DB-004"): "PASS",  # log_connections / log_disconnections on by default
        ("pg", "GDCC-BCK-001"): "PASS",  # 7 days by default
        ("my", "GDCC-NET-002"): "PASS",  # public network access disabled
        ("my", "GDCC-ENC-004"): "PASS",  # require_secure_transport ON by default
        ("my", "GDCC-DB-001"): "FAIL",
        ("my", "GDCC-BCK-001"): "PASS",
    }


def test_firewall_rules_and_defaults_are_read(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(AZAPI, encoding="utf-8")
    resources, errors, _ = run(tmp_path)
    assert not errors
    pg, my = resources["azapi_resource.pg"], resources["azapi_resource.my"]
    assert [(i.from_port, i.sources, i.declared_by) for i in pg.facets.ingress or ()] == [
        (5432, ("0.0.0.0/0",), "azapi_resource.all"),
    ]
    assert pg.facets.backup_retention_days == 7
    assert pg.defaults["backup_retention_days"].attribute == (
        "properties.backup.backupRetentionDays"
    )
    assert (my.facets.high_availability, my.facets.backup_retention_days) == (True, 14)
    assert my.facets.ingress == ()
