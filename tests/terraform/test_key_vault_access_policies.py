"""Azure Key Vault access policies (``azurerm_key_vault_access_policy``, and a vault's inline
``access_policy`` blocks) grant their ``object_id`` the keys, secrets and certificates
permissions they list on their vault, as a role assignment at the vault's scope does. Neither
was read: an identity that may read the secrets of another system's vault had no way to it
(GDCC-GRAPH-006 UNKNOWN "permissions ... not known", never a FAIL); the access policy was
not judged."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

TERRAFORM = """\
data "azurerm_client_config" "current" {}
resource "azurerm_resource_group" "rg" {
  name     = "rg"
  location = "southeastasia"
}
resource "azurerm_key_vault" "payroll" {
  name                     = "payroll"
  resource_group_name      = azurerm_resource_group.rg.name
  location                 = "southeastasia"
  tenant_id                = data.azurerm_client_config.current.tenant_id
  sku_name                 = "standard"
  purge_protection_enabled = true
  tags                     = { "gdcc:system" = "payroll" }
}
resource "azurerm_user_assigned_identity" "web" {
  name                = "web"
  resource_group_name = azurerm_resource_group.rg.name
  location            = "southeastasia"
  tags                = { "gdcc:system" = "web" }
}
resource "azurerm_key_vault_access_policy" "web" {
  key_vault_id       = azurerm_key_vault.payroll.id
  tenant_id          = data.azurerm_client_config.current.tenant_id
  object_id          = azurerm_user_assigned_identity.web.principal_id
  secret_permissions = ["Get", "List"]
}
resource "azurerm_linux_virtual_machine" "vm" {
  name                  = "vm"
  resource_group_name   = azurerm_resource_group.rg.name
  location              = "southeastasia"
  size                  = "Standard_B1s"
  admin_username        = "azureuser"
  network_interface_ids = []
  identity {
    type = "SystemAssigned"
  }
  tags = { "gdcc:system" = "web" }
}
resource "azurerm_key_vault" "inline" {
  name                = "inline"
  resource_group_name = azurerm_resource_group.rg.name
  location            = "southeastasia"
  tenant_id           = data.azurerm_client_config.current.tenant_id
  sku_name            = "standard"
  tags                = { "gdcc:system" = "payroll" }
  access_policy {
    tenant_id          = data.azurerm_client_config.current.tenant_id
    object_id          = azurerm_linux_virtual_machine.vm.identity[0].principal_id
    secret_permissions = ["Get"]
  }
}
"""


def _findings(path: Path) -> dict[tuple[str, str | None], tuple[Status, str, dict[str, object]]]:
    result = audit([path], Settings(rule_ids=("GDCC-GRAPH-006", "GDCC-IAM-005")))
    addresses = {r.id: r.address for r in result.resources}
    return {
        (f.rule_id, addresses[f.resource_id]): (f.status, f.message.en, dict(f.evidence))
        for f in result.findings
    }


def test_an_access_policy_lets_its_principal_reach_the_vault(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(TERRAFORM, encoding="utf-8")
    found = _findings(tmp_path)
    # the grant's own line is named (it named the vault only)
    assert found[("GDCC-GRAPH-006", "azurerm_user_assigned_identity.web")] == (
        Status.FAIL, "reaches resources of other systems: payroll",
        {"reaches_resources": 2, "reaches_systems": ["payroll"],
         "reaches_data": ["azurerm_key_vault.payroll"],
         "granted_by": [f"azurerm_key_vault_access_policy.web at {tmp_path / 'main.tf'}:21"]},
    )
    # a VM's system-assigned identity named by a vault's inline access policy, at the
    # block's ``access_policy {`` line (was 49, its ``secret_permissions``: the only value
    # written in place)
    assert found[("GDCC-GRAPH-006", "azurerm_linux_virtual_machine.vm.identity")] == (
        Status.FAIL, "reaches resources of other systems: payroll",
        {"reaches_resources": 1, "reaches_systems": ["payroll"],
         "reaches_data": ["azurerm_key_vault.inline"],
         "granted_by": [
             f"access_policy.0 of azurerm_key_vault.inline at {tmp_path / 'main.tf'}:46"
         ]},
    )
    # the access policy is a grant of its own: no wildcard, no administrator
    assert found[("GDCC-IAM-005", "azurerm_key_vault_access_policy.web")][:2] == (
        Status.PASS, "Permission policies do not grant actions by wildcard",
    )


def test_a_vault_that_authorizes_by_rbac_ignores_its_access_policies(tmp_path: Path) -> None:
    """"When Azure RBAC permission model is enabled, all access policies permissions become
    invalid": the policies reach nothing (the identity's permissions stay not known)."""
    text = TERRAFORM.replace(
        '  sku_name                 = "standard"\n',
        '  sku_name                 = "standard"\n  enable_rbac_authorization = true\n',
    ).replace(
        '  sku_name            = "standard"\n',
        '  sku_name            = "standard"\n  rbac_authorization_enabled = true\n',
    )
    (tmp_path / "main.tf").write_text(text, encoding="utf-8")
    found = _findings(tmp_path)
    assert found[("GDCC-GRAPH-006", "azurerm_user_assigned_identity.web")][:2] == (
        Status.UNKNOWN,
        "the permissions of azurerm_user_assigned_identity.web are not known from the input",
    )
    assert found[("GDCC-GRAPH-006", "azurerm_linux_virtual_machine.vm.identity")][:2] == (
        Status.UNKNOWN,
        "the permissions of azurerm_linux_virtual_machine.vm.identity are not known from the "
        "input",
    )
