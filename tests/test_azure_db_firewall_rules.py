"""Azure database server firewall rules (``azurerm_mssql_firewall_rule``,
``azurerm_redis_firewall_rule``, ``azurerm_postgresql_flexible_server_firewall_rule``...) are
read with their server: GDCC-NET-002 says which rule admits every address
(0.0.0.0-255.255.255.255) and which admits all Azure services (0.0.0.0-0.0.0.0, SQL family
only); a server with public network access off is not judged on them. They were not mapped."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

MAIN = """\
resource "azurerm_mssql_server" "open" {
  name                         = "open"
  resource_group_name          = "rg"
  location                     = "southeastasia"
  version                      = "12.0"
  administrator_login          = "sqladmin"
  administrator_login_password = var.password
}

resource "azurerm_mssql_firewall_rule" "all" {
  name             = "all"
  server_id        = azurerm_mssql_server.open.id
  start_ip_address = "0.0.0.0"
  end_ip_address   = "255.255.255.255"
}

resource "azurerm_mssql_firewall_rule" "azure" {
  name             = "azure"
  server_id        = azurerm_mssql_server.open.id
  start_ip_address = "0.0.0.0"
  end_ip_address   = "0.0.0.0"
}

resource "azurerm_mssql_server" "closed" {
  name                          = "closed"
  resource_group_name           = "rg"
  location                      = "southeastasia"
  version                       = "12.0"
  public_network_access_enabled = false
}

resource "azurerm_mssql_firewall_rule" "ignored" {
  name             = "ignored"
  server_id        = azurerm_mssql_server.closed.id
  start_ip_address = "0.0.0.0"
  end_ip_address   = "255.255.255.255"
}

resource "azurerm_redis_cache" "cache" {
  name                = "cache"
  location            = "southeastasia"
  resource_group_name = "rg"
  capacity            = 1
  family              = "C"
  sku_name            = "Standard"
}

resource "azurerm_redis_firewall_rule" "everyone" {
  name                = "everyone"
  redis_cache_name    = azurerm_redis_cache.cache.name
  resource_group_name = "rg"
  start_ip            = "0.0.0.0"
  end_ip              = "255.255.255.255"
}

resource "azurerm_redis_firewall_rule" "zero" {
  name                = "zero"
  redis_cache_name    = azurerm_redis_cache.cache.name
  resource_group_name = "rg"
  start_ip            = "0.0.0.0"
  end_ip              = "0.0.0.0"
}

resource "azurerm_postgresql_flexible_server" "pg" {
  name                = "pg"
  resource_group_name = "rg"
  location            = "southeastasia"
  version             = "16"
}

resource "azurerm_postgresql_flexible_server_firewall_rule" "office" {
  name             = "office"
  server_id        = azurerm_postgresql_flexible_server.pg.id
  start_ip_address = "203.0.113.1"
  end_ip_address   = "203.0.113.9"
}
"""


def test_firewall_rules_are_named_on_their_server(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(MAIN)
    result = audit([tmp_path], Settings(rule_ids=("GDCC-NET-002",), cache=False))
    found = {f.address: f for f in result.findings}
    # the rule resources are read with their servers, not judged (or dropped) on their own
    assert {a: f.status for a, f in found.items()} == {
        "azurerm_mssql_server.open": Status.FAIL,
        "azurerm_mssql_server.closed": Status.PASS,
        "azurerm_redis_cache.cache": Status.FAIL,
        "azurerm_postgresql_flexible_server.pg": Status.FAIL,
    }
    sql = found["azurerm_mssql_server.open"]
    why = (
        "firewall rule azurerm_mssql_firewall_rule.all admits every address "
        "(0.0.0.0-255.255.255.255); azurerm_mssql_firewall_rule.azure admits all Azure "
        "services (0.0.0.0-0.0.0.0: any client hosted in Azure, other customers' included)"
    )
    assert sql.message.en == f"the endpoint is public ({why})"
    assert sql.evidence["decided_by"] == {"public_endpoint": why}
    # 0.0.0.0-0.0.0.0 means "Azure services" on the SQL family only
    redis = found["azurerm_redis_cache.cache"]
    assert redis.evidence["decided_by"] == {
        "public_endpoint": "firewall rule azurerm_redis_firewall_rule.everyone admits every "
        "address (0.0.0.0-255.255.255.255)"
    }
    # a narrow range is not named; public access off ignores the rules
    assert "decided_by" not in found["azurerm_postgresql_flexible_server.pg"].evidence
    assert found["azurerm_mssql_server.closed"].evidence == {"public_endpoint": False}


EITHER = """\
variable "x" {
  type = bool
}
resource "azurerm_mssql_server" "a" {
  name                = "a"
  resource_group_name = "rg"
  location            = "southeastasia"
  version             = "12.0"
  administrator_login = "sqladmin"
}
resource "azurerm_mssql_server" "b" {
  name                = "b"
  resource_group_name = "rg"
  location            = "southeastasia"
  version             = "12.0"
  administrator_login = "sqladmin"
}
resource "azurerm_mssql_server" "c" {
  name                = "c"
  resource_group_name = "rg"
  location            = "southeastasia"
  version             = "12.0"
  administrator_login = "sqladmin"
}
resource "azurerm_mssql_firewall_rule" "all" {
  name             = "all"
  server_id        = var.x ? azurerm_mssql_server.a.id : azurerm_mssql_server.b.id
  start_ip_address = "0.0.0.0"
  end_ip_address   = "255.255.255.255"
}
resource "azurerm_subnet" "s" {
  name                 = "s"
  resource_group_name  = "rg"
  virtual_network_name = "v"
  address_prefixes     = ["10.0.1.0/24"]
}
resource "azurerm_mssql_virtual_network_rule" "subnet" {
  name      = "subnet"
  server_id = var.x ? azurerm_mssql_server.c.id : azurerm_mssql_server.b.id
  subnet_id = azurerm_subnet.s.id
}
"""


def test_a_rule_that_may_name_the_server_is_not_dropped(tmp_path: Path) -> None:
    """A firewall or virtual network rule whose ``server_id`` a condition chooses named
    neither server: each PASSed GDCC-GRAPH-004 "admits no address" though the rule may admit
    every address there. What it admits is now not known on each candidate."""
    (tmp_path / "main.tf").write_text(EITHER, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-004",)))
    found = {f.address: (f.status, f.message.en) for f in result.findings}
    not_known = "cannot tell which addresses it admits: the addresses admitted by {} are not known"
    assert found == {
        "azurerm_mssql_server.a": (
            Status.UNKNOWN, not_known.format("azurerm_mssql_firewall_rule.all")
        ),
        "azurerm_mssql_server.b": (
            Status.UNKNOWN, not_known.format("azurerm_mssql_firewall_rule.all")
        ),
        "azurerm_mssql_server.c": (
            Status.UNKNOWN, not_known.format("azurerm_mssql_virtual_network_rule.subnet")
        ),
    }
