"""Entra ID (Azure AD) sign-in of Azure databases (GDCC-DB-001): an administrator set by a
resource of its own, the flexible PostgreSQL ``authentication`` block and its default; and
the Google instance service account written as an empty email (the default account)."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Finding, Status
from gdcc_audit.settings import Settings

_DOCS = "https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/"

SERVERS = """\
resource "azurerm_sql_server" "with_admin" {
  name                = "with-admin"
  resource_group_name = "rg"
  location            = "southeastasia"
  version             = "12.0"
}

resource "azurerm_sql_active_directory_administrator" "admin" {
  server_name         = azurerm_sql_server.with_admin.name
  resource_group_name = "rg"
  login               = "dba"
  tenant_id           = "t"
  object_id           = "o"
}

resource "azurerm_sql_server" "without" {
  name                = "without"
  resource_group_name = "rg"
  location            = "southeastasia"
  version             = "12.0"
}

resource "azurerm_postgresql_server" "with_admin" {
  name                    = "pg-admin"
  location                = "southeastasia"
  resource_group_name     = "rg"
  sku_name                = "GP_Gen5_2"
  version                 = "11"
  ssl_enforcement_enabled = true
}

resource "azurerm_postgresql_active_directory_administrator" "admin" {
  server_name         = "pg-admin"
  resource_group_name = "rg"
  login               = "dba"
  tenant_id           = "t"
  object_id           = "o"
}

resource "azurerm_mysql_server" "without" {
  name                    = "my-plain"
  location                = "southeastasia"
  resource_group_name     = "rg"
  sku_name                = "GP_Gen5_2"
  version                 = "8.0"
  ssl_enforcement_enabled = true
}

resource "azurerm_postgresql_flexible_server" "entra" {
  name                = "flex-entra"
  resource_group_name = "rg"
  location            = "southeastasia"
  version             = "16"
  authentication {
    active_directory_auth_enabled = true
    tenant_id                     = "t"
  }
}

resource "azurerm_postgresql_flexible_server" "passwords" {
  name                = "flex-passwords"
  resource_group_name = "rg"
  location            = "southeastasia"
  version             = "16"
}

resource "azurerm_mysql_flexible_server" "with_admin" {
  name                = "myflex"
  resource_group_name = "rg"
  location            = "southeastasia"
}

resource "azurerm_mysql_flexible_server_active_directory_administrator" "admin" {
  server_id   = azurerm_mysql_flexible_server.with_admin.id
  identity_id = "i"
  login       = "dba"
  object_id   = "o"
  tenant_id   = "t"
}

resource "azurerm_mysql_flexible_server" "without" {
  name                = "myflex-plain"
  resource_group_name = "rg"
  location            = "southeastasia"
}
"""


def _run(tmp_path: Path, text: str, rule: str) -> dict[str, Finding]:
    (tmp_path / "main.tf").write_text(text)
    result = audit([tmp_path], Settings(rule_ids=(rule,), cache=False))
    return {f.address or "": f for f in result.findings}


def test_entra_administrators_and_defaults(tmp_path: Path) -> None:
    found = _run(tmp_path, SERVERS, "GDCC-DB-001")
    assert {a: f.status for a, f in found.items()} == {
        # was FAIL: the administrator resource was not read
        "azurerm_sql_server.with_admin": Status.PASS,
        "azurerm_sql_server.without": Status.FAIL,
        # single and flexible servers were UNKNOWN
        "azurerm_postgresql_server.with_admin": Status.PASS,
        "azurerm_mysql_server.without": Status.FAIL,
        "azurerm_postgresql_flexible_server.entra": Status.PASS,
        "azurerm_postgresql_flexible_server.passwords": Status.FAIL,
        "azurerm_mysql_flexible_server.with_admin": Status.PASS,
        "azurerm_mysql_flexible_server.without": Status.FAIL,
    }
    passwords = found["azurerm_postgresql_flexible_server.passwords"]
    assert passwords.evidence == {
        "directory_auth": False,
        "defaults": {
            "directory_auth": {
                "attribute": "authentication.active_directory_auth_enabled",
                "value": "default",
                "documentation": f"{_DOCS}postgresql_flexible_server#active_directory_auth_enabled",
            }
        },
    }
    assert found["azurerm_mysql_server.without"].evidence == {"directory_auth": False}


INSTANCES = """\
resource "google_compute_instance" "empty_email" {
  name         = "empty-email"
  machine_type = "e2-small"
  zone         = "asia-southeast1-a"
  boot_disk {
    initialize_params {
      image = "debian-cloud/debian-12"
    }
  }
  network_interface {
    network = "default"
  }
  service_account {
    email  = ""
    scopes = ["cloud-platform"]
  }
}

resource "google_compute_instance" "named_default" {
  name         = "named-default"
  machine_type = "e2-small"
  zone         = "asia-southeast1-a"
  boot_disk {
    initialize_params {
      image = "debian-cloud/debian-12"
    }
  }
  network_interface {
    network = "default"
  }
  service_account {
    email  = "default"
    scopes = ["cloud-platform"]
  }
}

resource "google_compute_instance" "own" {
  name         = "own"
  machine_type = "e2-small"
  zone         = "asia-southeast1-a"
  boot_disk {
    initialize_params {
      image = "debian-cloud/debian-12"
    }
  }
  network_interface {
    network = "default"
  }
  service_account {
    email  = "app@agency-prod.iam.gserviceaccount.com"
    scopes = ["cloud-platform"]
  }
}
"""


def test_empty_service_account_email_is_the_default_account(tmp_path: Path) -> None:
    """The provider sends an empty email as "default" (was PASS)."""
    found = _run(tmp_path, INSTANCES, "GDCC-CMP-006")
    assert {a: f.status for a, f in found.items()} == {
        "google_compute_instance.empty_email": Status.FAIL,
        "google_compute_instance.named_default": Status.FAIL,
        "google_compute_instance.own": Status.PASS,
    }
