"""GDCC-LOG-003 on a Log Analytics workspace locked by a management lock declared in another
root of the scan (``envs/logs`` holds the workspace, ``envs/guard`` the lock on its resource
group, looked up by name). Each root is judged as a whole, so the workspace FAILed "no
management lock of the scan is on the workspace" although the scan held one. A lock of
another root whose scope is no resource of its own root now PASSes when its lookup or
literal id names the workspace's resource group (or the workspace), is UNKNOWN naming it when
its scope is not known (a subscription's id, an input) or its count is not known, and is
left out when it names another group."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.settings import Settings

WORKSPACE = """\
resource "azurerm_log_analytics_workspace" "logs" {
  name                = "central-logs"
  location            = "southeastasia"
  resource_group_name = "rg-logs"
  retention_in_days   = 365
}
"""

BY_NAME = """\
data "azurerm_resource_group" "logs" {
  name = "rg-logs"
}
resource "azurerm_management_lock" "logs" {
  name       = "logs"
  scope      = data.azurerm_resource_group.logs.id
  lock_level = "CanNotDelete"
}
"""

BY_ID = """\
resource "azapi_resource" "lock" {
  type      = "Microsoft.Authorization/locks@2020-05-01"
  name      = "lock"
  parent_id = "/subscriptions/0/resourceGroups/RG-LOGS"
  body      = { properties = { level = "ReadOnly" } }
}
"""

SUBSCRIPTION = """\
data "azurerm_subscription" "current" {}
resource "azurerm_management_lock" "sub" {
  name       = "sub"
  scope      = data.azurerm_subscription.current.id
  lock_level = "CanNotDelete"
}
"""

MAYBE = """\
variable "locked" {
  type = bool
}
data "azurerm_resource_group" "logs" {
  name = "rg-logs"
}
resource "azurerm_management_lock" "maybe" {
  count      = var.locked ? 1 : 0
  name       = "maybe"
  scope      = data.azurerm_resource_group.logs.id
  lock_level = "CanNotDelete"
}
"""

OTHER_GROUP = """\
data "azurerm_resource_group" "apps" {
  name = "rg-apps"
}
resource "azurerm_management_lock" "apps" {
  name       = "apps"
  scope      = data.azurerm_resource_group.apps.id
  lock_level = "CanNotDelete"
}
resource "azurerm_management_lock" "other" {
  name       = "other"
  scope      = "/subscriptions/0/resourceGroups/rg-net"
  lock_level = "CanNotDelete"
}
"""


AZAPI_WORKSPACE = """\
resource "azapi_resource" "logs" {
  type      = "Microsoft.OperationalInsights/workspaces@2023-09-01"
  name      = "central-logs"
  location  = "southeastasia"
  parent_id = "/subscriptions/0/resourceGroups/rg-logs"
  body      = { properties = { retentionInDays = 365 } }
}
"""


def _log003(
    tmp_path: Path, guard: str, workspace: str = WORKSPACE,
    address: str = "azurerm_log_analytics_workspace.logs",
) -> tuple[str, str]:
    (tmp_path / "logs").mkdir()
    (tmp_path / "guard").mkdir()
    (tmp_path / "logs" / "main.tf").write_text(workspace, encoding="utf-8")
    (tmp_path / "guard" / "main.tf").write_text(guard, encoding="utf-8")
    report = audit([tmp_path], Settings(rule_ids=("GDCC-LOG-003",)))
    (found,) = [f for f in report.findings if f.address == address]
    return found.status.value, found.message.en


def test_lock_of_another_root_on_the_group_by_name_passes(tmp_path: Path) -> None:
    status, message = _log003(tmp_path, BY_NAME)
    assert status == "PASS"
    assert (
        "the management lock azurerm_management_lock.logs of root guard (its scope: rg-logs) "
        "is on it" in message
    )


def test_lock_of_another_root_on_the_group_by_literal_id_passes(tmp_path: Path) -> None:
    status, message = _log003(tmp_path, BY_ID)
    assert status == "PASS"
    assert "azapi_resource.lock of root guard" in message
    assert "/subscriptions/0/resourceGroups/RG-LOGS" in message


def test_lock_of_another_root_on_a_subscription_is_unknown(tmp_path: Path) -> None:
    status, message = _log003(tmp_path, SUBSCRIPTION)
    assert status == "UNKNOWN"
    assert (
        "whether the management lock azurerm_management_lock.sub of root guard (its scope is "
        "not known) exists and applies to it is not known" in message
    )


def test_lock_of_another_root_whose_count_is_not_known_is_unknown(tmp_path: Path) -> None:
    status, message = _log003(tmp_path, MAYBE)
    assert status == "UNKNOWN"
    assert "azurerm_management_lock.maybe" in message


def test_locks_of_another_root_on_other_groups_leave_the_fail(tmp_path: Path) -> None:
    status, message = _log003(tmp_path, OTHER_GROUP)
    assert status == "FAIL"
    assert "no management lock of the scan is on the workspace" in message


BY_WORKSPACE_NAME = """\
data "azurerm_log_analytics_workspace" "logs" {
  name                = "central-logs"
  resource_group_name = "rg-logs"
}
resource "azurerm_management_lock" "ws" {
  name       = "ws"
  scope      = data.azurerm_log_analytics_workspace.logs.id
  lock_level = "CanNotDelete"
}
"""

AZAPI_LOOKUP = """\
data "azapi_resource" "vault" {
  type      = "Microsoft.KeyVault/vaults@2023-07-01"
  name      = "central-logs"
  parent_id = "/subscriptions/0/resourceGroups/rg-sec"
}
resource "azurerm_management_lock" "vault" {
  name       = "vault"
  scope      = data.azapi_resource.vault.id
  lock_level = "CanNotDelete"
}
"""


def test_lock_of_another_root_on_the_workspace_by_name_passes(tmp_path: Path) -> None:
    status, message = _log003(tmp_path, BY_WORKSPACE_NAME)
    assert status == "PASS"
    assert "azurerm_management_lock.ws of root guard (its scope: central-logs)" in message


def test_azapi_lookup_of_the_same_name_is_not_the_workspace(tmp_path: Path) -> None:
    # a data "azapi_resource" may be of any type: a key vault named as the AzAPI workspace
    status, message = _log003(
        tmp_path, AZAPI_LOOKUP, AZAPI_WORKSPACE, "azapi_resource.logs"
    )
    assert status == "UNKNOWN"
    assert "azurerm_management_lock.vault of root guard (its scope is not known)" in message
