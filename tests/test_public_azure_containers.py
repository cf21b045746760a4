"""Azure blob containers: ``container_access_type`` ``blob`` / ``container`` is anonymous read
(GDCC-DATA-001 FAIL, the setting named), unless the storage account disallows anonymous
access (``allow_nested_items_to_be_public = false``: Azure rejects every anonymous request,
whatever the container says: PASS)."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

MAIN = """\
resource "azurerm_storage_account" "closed" {
  name                            = "closed"
  resource_group_name             = "rg"
  location                        = "southeastasia"
  account_tier                    = "Standard"
  account_replication_type        = "LRS"
  allow_nested_items_to_be_public = false
}

resource "azurerm_storage_container" "blob_on_closed" {
  name                  = "blob-on-closed"
  storage_account_name  = azurerm_storage_account.closed.name
  container_access_type = "container"
}

resource "azurerm_storage_account" "open" {
  name                     = "open"
  resource_group_name      = "rg"
  location                 = "southeastasia"
  account_tier             = "Standard"
  account_replication_type = "LRS"
}

resource "azurerm_storage_container" "blob_on_open" {
  name                  = "blob-on-open"
  storage_account_id    = azurerm_storage_account.open.id
  container_access_type = "blob"
}

resource "azurerm_storage_container" "private_on_open" {
  name                 = "private-on-open"
  storage_account_name = azurerm_storage_account.open.name
}

variable "allow" {
  type = bool
}

resource "azurerm_storage_account" "from_variable" {
  name                            = "fromvariable"
  resource_group_name             = "rg"
  location                        = "southeastasia"
  account_tier                    = "Standard"
  account_replication_type        = "LRS"
  allow_nested_items_to_be_public = var.allow
}

resource "azurerm_storage_container" "blob_on_variable" {
  name                  = "blob-on-variable"
  storage_account_name  = azurerm_storage_account.from_variable.name
  container_access_type = "blob"
}

resource "azurerm_storage_container" "account_elsewhere" {
  name                  = "account-elsewhere"
  storage_account_name  = "defined-elsewhere"
  container_access_type = "blob"
}
"""


def test_container_access_and_the_account_switch(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(MAIN)
    result = audit([tmp_path], Settings(rule_ids=("GDCC-DATA-001",)))
    found = {f.address: f for f in result.findings if f.address}
    containers = {a: f.status for a, f in found.items() if "container" in a}
    assert containers == {
        "azurerm_storage_container.blob_on_closed": Status.PASS,
        "azurerm_storage_container.blob_on_open": Status.FAIL,
        "azurerm_storage_container.private_on_open": Status.PASS,
        "azurerm_storage_container.blob_on_variable": Status.UNKNOWN,
        # an account outside the scan may allow it (the provider's default): FAIL as written
        "azurerm_storage_container.account_elsewhere": Status.FAIL,
    }
    line = MAIN.splitlines().index('resource "azurerm_storage_container" "blob_on_open" {') + 1
    assert found["azurerm_storage_container.blob_on_open"].evidence == {
        "public_access": True,
        "data_classification": None,
        "granted_by": [
            "container_access_type blob by azurerm_storage_container.blob_on_open "
            f"at {tmp_path / 'main.tf'}:{line}"
        ],
    }
