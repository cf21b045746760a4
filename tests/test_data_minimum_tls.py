"""GDCC-DATA-009: no rule read the minimum TLS version mapped for data services, so an Azure
storage account with ``min_tls_version = "TLS1_1"``, an SQL server with
``minimum_tls_version = "Disabled"`` or an OpenSearch domain on its TLS 1.0 default policy had
no failing finding (GDCC-ENC-005 judges load balancers and gateways only)."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Finding, Status
from gdcc_audit.settings import Settings

TF = """\
resource "azurerm_storage_account" "dflt" {
  name                     = "dflt"
  resource_group_name      = "rg"
  location                 = "southeastasia"
  account_tier             = "Standard"
  account_replication_type = "LRS"
}

resource "azurerm_storage_account" "old" {
  name                     = "old"
  resource_group_name      = "rg"
  location                 = "southeastasia"
  account_tier             = "Standard"
  account_replication_type = "LRS"
  min_tls_version          = "TLS1_0"
}

resource "azurerm_mssql_server" "any" {
  name                = "any"
  resource_group_name = "rg"
  location            = "southeastasia"
  version             = "12.0"
  minimum_tls_version = "Disabled"
}

variable "tls" {
  type = string
}

resource "azurerm_redis_cache" "var" {
  name                = "var"
  location            = "southeastasia"
  resource_group_name = "rg"
  capacity            = 1
  family              = "C"
  sku_name            = "Standard"
  minimum_tls_version = var.tls
}

resource "aws_opensearch_domain" "os" {
  domain_name = "os"
}

resource "aws_db_instance" "db" {
  engine         = "postgres"
  engine_version = "16.3"
  instance_class = "db.t3.micro"
}
"""


def test_data_services_minimum_tls(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(TF)
    result = audit([tmp_path], Settings(rule_ids=("GDCC-DATA-009",)))
    found: dict[str, Finding] = {f.address: f for f in result.findings if f.address}
    assert {a: f.status for a, f in found.items()} == {
        "azurerm_storage_account.dflt": Status.PASS,
        "azurerm_storage_account.old": Status.FAIL,
        "azurerm_mssql_server.any": Status.FAIL,
        "azurerm_redis_cache.var": Status.UNKNOWN,
        "aws_opensearch_domain.os": Status.FAIL,
        "aws_db_instance.db": Status.NOT_APPLICABLE,
    }
    old = found["azurerm_storage_account.old"]
    assert old.evidence == {"tls_min_version": "1.0"}
    assert old.message is not None
    assert old.message.en == "accepts TLS 1.0: the minimum must be TLS 1.2 or later"
    # "Disabled" allows every TLS version
    assert found["azurerm_mssql_server.any"].evidence == {"tls_min_version": "1.0"}
    # the default is labelled with its page and the provider version it is from: nothing
    # pins azurerm, so the newest provider's (azurerm 2.x sent TLS1_0)
    label = found["azurerm_storage_account.dflt"].evidence["defaults"]["tls_min_version"]
    assert label["attribute"] == "min_tls_version"
    assert label["documentation"].endswith("storage_account#min_tls_version")
    assert label["provider_version"] == "azurerm >= 3.0, no version pinned"
    assert label["unless"].startswith("no azurerm provider version is pinned")
    assert found["azurerm_redis_cache.var"].evidence == {"tls_min_version": None}
    assert found["aws_opensearch_domain.os"].evidence == {"tls_min_version": "1.0"}
    skipped = found["aws_db_instance.db"]
    assert skipped.message is not None
    assert skipped.message.en == (
        "no minimum TLS version setting of aws_db_instance is read: its TLS versions are not "
        "judged by this rule"
    )


def test_minimum_is_a_parameter(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(TF)
    settings = Settings(
        rule_ids=("GDCC-DATA-009",), rule_parameters={"GDCC-DATA-009": {"min_version": "1.0"}}
    )
    result = audit([tmp_path], settings)
    statuses = {f.address: f.status for f in result.findings if f.address}
    assert statuses["azurerm_storage_account.old"] == Status.PASS
    assert statuses["aws_opensearch_domain.os"] == Status.PASS


FLEXIBLE = """\
resource "azurerm_postgresql_flexible_server" "plain" {
  name                = "plain"
  resource_group_name = "rg"
  location            = "southeastasia"
  version             = "16"
}

resource "azurerm_postgresql_flexible_server" "tls13" {
  name                = "tls13"
  resource_group_name = "rg"
  location            = "southeastasia"
  version             = "16"
}

resource "azurerm_postgresql_flexible_server_configuration" "tls13" {
  name      = "ssl_min_protocol_version"
  server_id = azurerm_postgresql_flexible_server.tls13.id
  value     = "TLSv1.3"
}

resource "azurerm_postgresql_flexible_server" "old" {
  name                = "old"
  resource_group_name = "rg"
  location            = "southeastasia"
  version             = "16"
}

resource "azurerm_postgresql_flexible_server_configuration" "old" {
  name      = "ssl_min_protocol_version"
  server_id = azurerm_postgresql_flexible_server.old.id
  value     = "TLSv1.1"
}
"""


def test_postgresql_flexible_server(tmp_path: Path) -> None:
    """A flexible server denies TLS 1.0 / 1.1 (a fact, said in the message); a lower
    ssl_min_protocol_version written still FAILs: the setting is what was asked for."""
    (tmp_path / "main.tf").write_text(FLEXIBLE)
    result = audit([tmp_path], Settings(rule_ids=("GDCC-DATA-009",)))
    found = {f.address: f for f in result.findings if f.address}
    assert {a: (f.status, f.evidence["tls_min_version"]) for a, f in found.items()} == {
        "azurerm_postgresql_flexible_server.plain": (Status.PASS, "1.2"),
        "azurerm_postgresql_flexible_server.tls13": (Status.PASS, "1.3"),
        "azurerm_postgresql_flexible_server.old": (Status.FAIL, "1.1"),
    }
    plain = found["azurerm_postgresql_flexible_server.plain"]
    assert plain.message is not None
    assert "denies TLS 1.0 and 1.1 connections" in plain.message.en
