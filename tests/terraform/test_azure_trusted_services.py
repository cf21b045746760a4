"""A storage account's or key vault's firewall that denies by default still lets trusted
Microsoft services in when ``bypass`` names ``AzureServices`` (a storage account's default):
a fixed list of Azure services that still authenticate, not every client hosted in Azure
(unlike the SQL family's 0.0.0.0 "Allow Azure services" rule, read as any address). GDCC-NET-004
stays PASS and now says so; it said nothing of the bypass."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

TF = """
resource "azurerm_storage_account" "inline" {
  name                     = "inline"
  resource_group_name      = "rg"
  location                 = "southeastasia"
  account_tier             = "Standard"
  account_replication_type = "LRS"
  network_rules {
    default_action = "Deny"
    ip_rules       = ["203.0.113.0/24"]
  }
}
resource "azurerm_storage_account" "apart" {
  name                     = "apart"
  resource_group_name      = "rg"
  location                 = "southeastasia"
  account_tier             = "Standard"
  account_replication_type = "LRS"
}
resource "azurerm_storage_account_network_rules" "apart" {
  storage_account_id = azurerm_storage_account.apart.id
  default_action     = "Deny"
  bypass             = ["Logging", "AzureServices"]
}
resource "azurerm_storage_account" "none" {
  name                     = "none"
  resource_group_name      = "rg"
  location                 = "southeastasia"
  account_tier             = "Standard"
  account_replication_type = "LRS"
  network_rules {
    default_action = "Deny"
    bypass         = ["None"]
  }
}
resource "azurerm_key_vault" "trusted" {
  name                = "trusted"
  location            = "southeastasia"
  resource_group_name = "rg"
  tenant_id           = "00000000-0000-0000-0000-000000000000"
  sku_name            = "standard"
  network_acls {
    default_action = "Deny"
    bypass         = "AzureServices"
  }
}
resource "azurerm_key_vault" "closed" {
  name                = "closed"
  location            = "southeastasia"
  resource_group_name = "rg"
  tenant_id           = "00000000-0000-0000-0000-000000000000"
  sku_name            = "standard"
  network_acls {
    default_action = "Deny"
    bypass         = "None"
  }
}
"""

TITLE = (
    "Key vaults, storage accounts, web apps, disks, snapshots, event hubs, registries and AI, "
    "data and machine learning services do not accept connections from every network"
)
STORAGE = (
    TITLE + " (its firewall denies other networks; bypass AzureServices lets only Microsoft's "
    "trusted Azure services through, each still authorized by the account's keys or Azure "
    "RBAC, not every client hosted in Azure "
    "(learn.microsoft.com/azure/storage/common/storage-network-security))"
)
VAULT = (
    TITLE + " (its firewall denies other networks; bypass AzureServices lets only trusted "
    "Microsoft services through, each still signing in with Microsoft Entra ID and authorized "
    "by the vault's access policies or Azure RBAC, not every client hosted in Azure "
    "(learn.microsoft.com/azure/key-vault/general/overview-vnet-service-endpoints))"
)


def test_the_trusted_services_bypass_is_named(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(TF)
    result = audit([tmp_path], Settings(rule_ids=("GDCC-NET-004",), cache=False))
    found = {f.address: (f.status, f.message.en) for f in result.findings}
    assert found == {
        # bypass not written: the account's default, AzureServices
        "azurerm_storage_account.inline": (Status.PASS, STORAGE),
        # the rules written apart decide: the reason says where
        "azurerm_storage_account.apart": (
            Status.PASS, STORAGE.replace(
                TITLE, f"{TITLE} (value set at {tmp_path / 'main.tf'}:22)"
            ),
        ),
        "azurerm_storage_account.none": (Status.PASS, TITLE),
        "azurerm_key_vault.trusted": (Status.PASS, VAULT),
        "azurerm_key_vault.closed": (Status.PASS, TITLE),
    }


AZAPI = """
resource "azapi_resource" "account" {
  type      = "Microsoft.Storage/storageAccounts@2023-05-01"
  name      = "account"
  parent_id = "/subscriptions/x/resourceGroups/rg"
  location  = "southeastasia"
  body = {
    kind = "StorageV2"
    sku  = { name = "Standard_LRS" }
    properties = {
      networkAcls = {
        defaultAction = "Deny"
      }
    }
  }
}
resource "azapi_resource" "vault" {
  type      = "Microsoft.KeyVault/vaults@2023-07-01"
  name      = "vault"
  parent_id = "/subscriptions/x/resourceGroups/rg"
  location  = "southeastasia"
  body = {
    properties = {
      tenantId = "00000000-0000-0000-0000-000000000000"
      sku      = { family = "A", name = "standard" }
      networkAcls = {
        defaultAction = "Deny"
        bypass        = "None"
      }
    }
  }
}
"""


def test_an_azapi_account_or_vault_says_the_same(tmp_path: Path) -> None:
    # networkAcls.bypass not written: AzureServices, the REST default of both
    (tmp_path / "main.tf").write_text(AZAPI)
    result = audit([tmp_path], Settings(rule_ids=("GDCC-NET-004",), cache=False))
    found = {f.address: (f.status, f.message.en) for f in result.findings}
    assert found == {
        "azapi_resource.account": (Status.PASS, STORAGE),
        "azapi_resource.vault": (Status.PASS, TITLE),
    }
