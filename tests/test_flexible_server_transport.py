"""Azure Database for PostgreSQL / MySQL flexible servers refuse unencrypted connections unless
a server parameter turns ``require_secure_transport`` off (documented defaults, cited in
``normalize/terraform/azurerm.py``). GDCC-ENC-004 was UNKNOWN on every flexible server
(Azure Verified Module PostgreSQL flexible server: both examples); a parameter turning it off
was not read (MySQL flexible server parameters were not read at all)."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

MAIN = """\
variable "transport" {
  type = string
}

resource "azurerm_postgresql_flexible_server" "plain" {
  name                = "pg-plain"
  resource_group_name = "rg"
  location            = "southeastasia"
}

resource "azurerm_postgresql_flexible_server" "off" {
  name                = "pg-off"
  resource_group_name = "rg"
  location            = "southeastasia"
}

resource "azurerm_postgresql_flexible_server_configuration" "off" {
  name      = "require_secure_transport"
  server_id = azurerm_postgresql_flexible_server.off.id
  value     = "OFF"
}

resource "azurerm_mysql_flexible_server" "plain" {
  name                = "my-plain"
  resource_group_name = "rg"
  location            = "southeastasia"
}

resource "azurerm_mysql_flexible_server" "off" {
  name                = "my-off"
  resource_group_name = "rg"
  location            = "southeastasia"
}

resource "azurerm_mysql_flexible_server_configuration" "off" {
  name                = "require_secure_transport"
  resource_group_name = "rg"
  server_name         = azurerm_mysql_flexible_server.off.name
  value               = "off"
}

resource "azurerm_mysql_flexible_server" "unknown" {
  name                = "my-unknown"
  resource_group_name = "rg"
  location            = "southeastasia"
}

resource "azurerm_mysql_flexible_server_configuration" "unknown" {
  name                = "require_secure_transport"
  resource_group_name = "rg"
  server_name         = azurerm_mysql_flexible_server.unknown.name
  value               = var.transport
}
"""


_DOCS = "https://learn.microsoft.com/azure/{}/flexible-server/how-to-connect-tls-ssl"


def test_secure_transport_of_flexible_servers(tmp_path: Path) -> None:
    main = tmp_path / "main.tf"
    main.write_text(MAIN, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-ENC-004",)))
    found = {(f.address or ""): (f.status, f.message.en) for f in result.findings}
    encrypted = "Traffic to load balancers, gateways and databases is encrypted"
    assert found == {
        # all five were UNKNOWN
        "azurerm_postgresql_flexible_server.plain": (Status.PASS, encrypted),
        "azurerm_mysql_flexible_server.plain": (Status.PASS, encrypted),
        "azurerm_postgresql_flexible_server.off": (
            Status.FAIL,
            "unencrypted connections are accepted",
        ),
        "azurerm_mysql_flexible_server.off": (Status.FAIL, "unencrypted connections are accepted"),
        "azurerm_mysql_flexible_server.unknown": (
            Status.UNKNOWN,
            "whether only encrypted connections (TLS) are accepted is not known from the input",
        ),
    }
    defaults = {
        (f.address or ""): f.evidence.get("defaults")
        for f in result.findings
        if f.status is Status.PASS
    }
    assert defaults == {
        f"azurerm_{engine}_flexible_server.plain": {
            "encrypted_in_transit": {
                "attribute": "require_secure_transport",
                "value": "default",
                "documentation": _DOCS.format(engine),
            }
        }
        for engine in ("postgresql", "mysql")
    }
