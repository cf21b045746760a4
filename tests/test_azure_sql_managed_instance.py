"""Azure SQL Managed Instance (``azurerm_mssql_managed_instance``) was read by no rule
("Not judged"). Now a database: public only through the public data endpoint (off by
default), TLS 1.2 by default, TLS and TDE always on, Entra sign-in with an administrator
(inline or its own resource), backups on each managed database."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Finding, Status
from gdcc_audit.settings import Settings

_PAGE = "https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/"


def _instance(name: str, extra: str = "") -> str:
    return f"""
resource "azurerm_mssql_managed_instance" "{name}" {{
  name                         = "{name}"
  resource_group_name          = "rg"
  location                     = "southeastasia"
  license_type                 = "BasePrice"
  sku_name                     = "GP_Gen5"
  storage_size_in_gb           = 32
  subnet_id                    = var.subnet_id
  vcores                       = 4
  administrator_login          = "mradministrator"
  administrator_login_password = var.password
  {extra}
}}
"""


INSTANCES = (
    'variable "subnet_id" {}\nvariable "password" {\n  sensitive = true\n}\n'
    + _instance("private")
    + _instance("public", 'public_data_endpoint_enabled = true\n  minimum_tls_version = "1.0"')
    + """
resource "azurerm_mssql_managed_instance_active_directory_administrator" "admin" {
  managed_instance_id = azurerm_mssql_managed_instance.public.id
  login_username      = "dbadmins"
  object_id           = "00000000-0000-0000-0000-000000000000"
  tenant_id           = "00000000-0000-0000-0000-000000000000"
}
"""
)


def _run(tmp_path: Path) -> dict[tuple[str, str], Finding]:
    (tmp_path / "main.tf").write_text(INSTANCES)
    rules = ("GDCC-NET-002", "GDCC-DATA-009", "GDCC-ENC-004", "GDCC-DB-001", "GDCC-BCK-001")
    result = audit([tmp_path], Settings(rule_ids=rules, cache=False))
    return {(f.address or "", f.rule_id): f for f in result.findings}


def test_managed_instances_are_judged(tmp_path: Path) -> None:
    found = _run(tmp_path)
    status = {(a.split(".")[-1], rule): f.status for (a, rule), f in found.items()}
    assert status == {
        ("private", "GDCC-NET-002"): Status.PASS,
        ("private", "GDCC-DATA-009"): Status.PASS,
        ("private", "GDCC-ENC-004"): Status.PASS,
        ("private", "GDCC-DB-001"): Status.FAIL,
        ("private", "GDCC-BCK-001"): Status.NOT_APPLICABLE,
        ("public", "GDCC-NET-002"): Status.FAIL,
        ("public", "GDCC-DATA-009"): Status.FAIL,
        ("public", "GDCC-ENC-004"): Status.PASS,
        ("public", "GDCC-DB-001"): Status.PASS,
        ("public", "GDCC-BCK-001"): Status.NOT_APPLICABLE,
    }
    private = "azurerm_mssql_managed_instance.private"
    assert found[private, "GDCC-NET-002"].evidence == {
        "public_endpoint": False,
        "defaults": {
            "public_endpoint": {
                "attribute": "public_data_endpoint_enabled",
                "value": "default",
                "documentation": f"{_PAGE}mssql_managed_instance#public_data_endpoint_enabled",
            }
        },
    }
    public = "azurerm_mssql_managed_instance.public"
    assert found[public, "GDCC-NET-002"].message.en == "the endpoint is public"
    assert found[public, "GDCC-DATA-009"].message.en == (
        "accepts TLS 1.0: the minimum must be TLS 1.2 or later"
    )
    assert found[private, "GDCC-BCK-001"].message.en == (
        "does not apply to azurerm_mssql_managed_instance: an Azure SQL Managed Instance "
        "keeps no backups of its own: every database on it is backed up automatically, with "
        "its own retention (azurerm_mssql_managed_database short_term_retention_days)"
    )


DATABASES = """
variable "instance_id" {}
resource "azurerm_mssql_managed_database" "kept" {
  name                      = "kept"
  managed_instance_id       = var.instance_id
  short_term_retention_days = 14
}
resource "azurerm_mssql_managed_database" "plain" {
  name                = "plain"
  managed_instance_id = var.instance_id
}
"""


def test_managed_databases_are_backed_up_and_take_the_rest_from_their_instance(
    tmp_path: Path,
) -> None:
    # azurerm_mssql_managed_database was read by no rule ("Not judged")
    (tmp_path / "main.tf").write_text(DATABASES)
    rules = ("GDCC-BCK-001", "GDCC-BCK-002", "GDCC-NET-002", "GDCC-ENC-001")
    result = audit([tmp_path], Settings(rule_ids=rules, cache=False))
    found = {(f.address.split(".")[-1], f.rule_id): f for f in result.findings if f.address}
    assert {key: f.status for key, f in found.items()} == {
        ("kept", "GDCC-BCK-001"): Status.PASS,
        ("kept", "GDCC-BCK-002"): Status.PASS,
        ("kept", "GDCC-NET-002"): Status.NOT_APPLICABLE,
        ("kept", "GDCC-ENC-001"): Status.PASS,
        ("plain", "GDCC-BCK-001"): Status.PASS,
        # the provider page gives no default retention
        ("plain", "GDCC-BCK-002"): Status.UNKNOWN,
        ("plain", "GDCC-NET-002"): Status.NOT_APPLICABLE,
        ("plain", "GDCC-ENC-001"): Status.PASS,
    }
    assert found["kept", "GDCC-BCK-002"].evidence == {"backup_retention_days": 14}
    assert found["plain", "GDCC-NET-002"].message.en == (
        "does not apply to azurerm_mssql_managed_database: a database of an Azure SQL Managed "
        "Instance takes its network access, minimum TLS version and Microsoft Entra "
        "administrator from its instance (azurerm_mssql_managed_instance), where they are "
        "judged"
    )
