"""GDCC-LOG-003 (logs stored tamper-resistant) on Azure Log Analytics workspaces
(``azurerm_log_analytics_workspace``). It was UNKNOWN with no reason on every workspace
(Azure/terraform-azurerm-avm-ptn-aks-production). Azure Monitor Logs is append-only, but its
data can be purged, its tables deleted and its retention shortened unless a lock is set on the
workspace (learn.microsoft.com/azure/azure-monitor/logs/data-security#tamper-proofing-and-
immutability): a management lock of the scan on the workspace, its resource group or
subscription PASSes (as an AWS log group's deletion protection does), none FAILs saying so,
a lock whose scope or existence is not known is UNKNOWN."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.settings import Settings

DOC = "learn.microsoft.com/azure/azure-monitor/logs/data-security#tamper-proofing-and-immutability"

MAIN = """\
resource "azurerm_resource_group" "rg" {
  name     = "rg"
  location = "southeastasia"
}
resource "azurerm_log_analytics_workspace" "plain" {
  name                = "plain"
  location            = "southeastasia"
  resource_group_name = "other"
}
resource "azurerm_log_analytics_workspace" "locked" {
  name                = "locked"
  location            = "southeastasia"
  resource_group_name = "other"
}
resource "azurerm_management_lock" "ws" {
  name       = "ws"
  scope      = azurerm_log_analytics_workspace.locked.id
  lock_level = "CanNotDelete"
}
resource "azurerm_log_analytics_workspace" "in_group" {
  name                = "in-group"
  location            = "southeastasia"
  resource_group_name = azurerm_resource_group.rg.name
}
resource "azurerm_management_lock" "rg" {
  name       = "rg"
  scope      = azurerm_resource_group.rg.id
  lock_level = "ReadOnly"
}
resource "azurerm_log_analytics_workspace" "by_id" {
  name                = "by-id"
  location            = "southeastasia"
  resource_group_name = "ops"
}
resource "azurerm_management_lock" "ops" {
  name       = "ops"
  scope      = "/subscriptions/0/resourceGroups/ops"
  lock_level = "CanNotDelete"
}
resource "azurerm_log_analytics_workspace" "azapi" {
  name                = "azapi"
  location            = "southeastasia"
  resource_group_name = "other"
}
resource "azapi_resource" "lock" {
  type      = "Microsoft.Authorization/locks@2020-05-01"
  name      = "lock"
  parent_id = azurerm_log_analytics_workspace.azapi.id
  body      = { properties = { level = "CanNotDelete" } }
}
"""


def _log003(tmp_path: Path, main: str) -> dict[str, tuple[str, str]]:
    (tmp_path / "main.tf").write_text(main, encoding="utf-8")
    report = audit([tmp_path], Settings(rule_ids=("GDCC-LOG-003",)))
    return {
        f.address.removeprefix("azurerm_log_analytics_workspace."): (
            f.status.value, f.message.en
        ) for f in report.findings
    }


def test_a_workspace_is_tamper_resistant_under_a_lock(tmp_path: Path) -> None:
    found = _log003(tmp_path, MAIN)
    assert found["plain"] == ("FAIL", (
        "logs are not protected against tampering (no management lock of the scan is on the "
        "workspace, its resource group or subscription: Azure Monitor Logs is append-only, but "
        f"its data can be purged, its tables deleted and its retention shortened ({DOC}))"
    ))
    assert found["locked"] == ("PASS", (
        "Logs are stored tamper-resistant (the management lock azurerm_management_lock.ws "
        "(CanNotDelete) on it blocks purge, table delete and retention changes "
        f"({DOC}))"
    ))
    # a lock on its resource group, by reference or by a literal id
    assert found["in_group"][0] == "PASS"
    assert "azurerm_management_lock.rg (ReadOnly)" in found["in_group"][1]
    assert found["by_id"][0] == "PASS"
    # an AzAPI lock whose parent is the workspace (the AVM modules' lock)
    assert found["azapi"][0] == "PASS"
    assert "azapi_resource.lock (CanNotDelete)" in found["azapi"][1]


def test_a_lock_that_may_not_exist_is_no_proof(tmp_path: Path) -> None:
    main = MAIN.replace(
        '  name       = "ws"\n', '  count      = var.lock ? 1 : 0\n  name       = "ws"\n'
    ) + 'variable "lock" {\n  type = bool\n}\n'
    found = _log003(tmp_path, main)
    assert found["locked"] == ("UNKNOWN", (
        "whether logs are protected against tampering is not known from the input: whether "
        "the management lock azurerm_management_lock.ws exists and applies to it is not known"
    ))
    assert found["plain"][0] == "FAIL"
