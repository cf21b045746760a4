"""An AzAPI Log Analytics workspace (``azapi_resource`` of type
``Microsoft.OperationalInsights/workspaces``) was "not judged": neither its retention
(GDCC-LOG-001) nor its tamper resistance (GDCC-LOG-003) was read. It is read as
``azurerm_log_analytics_workspace``: ``retentionInDays`` as written, else the documented
default (30 days; 7 on the legacy Free tier), and a management lock on the workspace or its
resource group (``parent_id``, an AzAPI or azurerm group or a literal id) PASSes LOG-003."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.settings import Settings

MAIN = """\
resource "azapi_resource" "rg" {
  type     = "Microsoft.Resources/resourceGroups@2024-03-01"
  name     = "rg-logs"
  location = "southeastasia"
}
resource "azapi_resource" "plain" {
  type      = "Microsoft.OperationalInsights/workspaces@2023-09-01"
  name      = "plain"
  location  = "southeastasia"
  parent_id = azapi_resource.rg.id
  body      = { properties = { sku = { name = "PerGB2018" } } }
}
resource "azapi_resource" "kept" {
  type      = "Microsoft.OperationalInsights/workspaces@2023-09-01"
  name      = "kept"
  location  = "southeastasia"
  parent_id = "/subscriptions/0/resourceGroups/ops"
  body      = { properties = { retentionInDays = 365 } }
}
resource "azapi_resource" "free" {
  type      = "Microsoft.OperationalInsights/workspaces@2020-08-01"
  name      = "free"
  location  = "southeastasia"
  parent_id = "/subscriptions/0/resourceGroups/other"
  body      = jsonencode({ properties = { sku = { name = "Free" } } })
}
resource "azapi_resource" "unknown_tier" {
  type      = "Microsoft.OperationalInsights/workspaces@2023-09-01"
  name      = "unknown-tier"
  location  = "southeastasia"
  parent_id = "/subscriptions/0/resourceGroups/ops"
  body      = { properties = { sku = { name = var.tier } } }
}
variable "tier" {
  type = string
}
resource "azapi_resource" "ops_lock" {
  type      = "Microsoft.Authorization/locks@2020-05-01"
  name      = "ops"
  parent_id = "/subscriptions/0/resourceGroups/ops"
  body      = { properties = { level = "CanNotDelete" } }
}
resource "azapi_resource" "rg_lock" {
  type      = "Microsoft.Authorization/locks@2020-05-01"
  name      = "rg"
  parent_id = azapi_resource.rg.id
  body      = { properties = { level = "ReadOnly" } }
}
"""


def _findings(tmp_path: Path) -> dict[tuple[str, str], tuple[str, str]]:
    (tmp_path / "main.tf").write_text(MAIN, encoding="utf-8")
    report = audit([tmp_path], Settings(rule_ids=("GDCC-LOG-001", "GDCC-LOG-003")))
    assert not any("OperationalInsights" in kind for kind in report.not_judged)
    return {
        (f.address.removeprefix("azapi_resource."), f.rule_id): (f.status.value, f.message.en)
        for f in report.findings
    }


def test_azapi_workspace_retention_written_or_default(tmp_path: Path) -> None:
    found = _findings(tmp_path)
    assert found[("kept", "GDCC-LOG-001")][0] == "PASS"
    status, message = found[("plain", "GDCC-LOG-001")]
    assert status == "FAIL"
    assert "log retention is 30 days" in message
    assert "'retentionInDays' not set" in message
    assert "api-version 2023-09-01" in message
    status, message = found[("free", "GDCC-LOG-001")]
    assert status == "FAIL"
    assert "log retention is 7 days" in message
    assert found[("unknown_tier", "GDCC-LOG-001")][0] == "UNKNOWN"


def test_azapi_workspace_lock_by_group(tmp_path: Path) -> None:
    found = _findings(tmp_path)
    status, message = found[("plain", "GDCC-LOG-003")]
    assert status == "PASS"
    assert "the management lock azapi_resource.rg_lock (ReadOnly) on it" in message
    status, message = found[("kept", "GDCC-LOG-003")]
    assert status == "PASS"
    assert "azapi_resource.ops_lock (CanNotDelete)" in message
    status, message = found[("free", "GDCC-LOG-003")]
    assert status == "FAIL"
    assert "no management lock of the scan is on the workspace" in message
