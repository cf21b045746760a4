"""GDCC-LOG-002 on Azure: only a diagnostic setting of the subscription exports the activity
log (the control-plane audit trail, one per subscription for every region), on when it sends
the Administrative category or the ``allLogs`` group; ``azurerm_monitor_log_profile`` (legacy)
too. A diagnostic setting of one resource (a key vault, a database, an AKS cluster) sends that
resource's logs: no audit trail (kind ``logging.resource_log``), judged through the resource
it targets. Before, every diagnostic setting was an audit trail: UNKNOWN "whether it covers
every region is not known" on resource-level settings, and the subscription's PASS was
UNKNOWN too."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

WORKSPACE = """
data "azurerm_subscription" "current" {}
data "azurerm_client_config" "current" {}
data "azurerm_key_vault" "kv" {
  name                = "kv"
  resource_group_name = "rg"
}
variable "target" {}
resource "azurerm_log_analytics_workspace" "w" {
  name                = "w"
  location            = "southeastasia"
  resource_group_name = "rg"
}
resource "azurerm_key_vault" "kv" {
  name                = "kv"
  location            = "southeastasia"
  resource_group_name = "rg"
  tenant_id           = "t"
  sku_name            = "standard"
}
"""


def _setting(name: str, target: str, log: str) -> str:
    return f"""
resource "azurerm_monitor_diagnostic_setting" "{name}" {{
  name                       = "{name}"
  target_resource_id         = {target}
  log_analytics_workspace_id = azurerm_log_analytics_workspace.w.id
  enabled_log {{
    {log}
  }}
}}
"""


def _scan(tmp_path: Path, *blocks: str) -> dict[str, tuple[Status, str]]:
    (tmp_path / "main.tf").write_text(WORKSPACE + "".join(blocks))
    result = audit([tmp_path], Settings(rule_ids=("GDCC-LOG-002",)))
    return {f.address or "": (f.status, f.message.en) for f in result.findings}


ON = (Status.PASS, "The control-plane audit trail is on in every region")


def test_a_subscription_setting_exports_the_activity_log(tmp_path: Path) -> None:
    found = _scan(
        tmp_path,
        _setting("sub", "data.azurerm_subscription.current.id", 'category = "Administrative"'),
        _setting("literal", '"/subscriptions/00000000-0000-0000-0000-000000000000"',
                 'category_group = "allLogs"'),
        _setting("security", "data.azurerm_subscription.current.id", 'category = "Security"'),
    )
    assert found == {
        "azurerm_monitor_diagnostic_setting.sub": ON,
        "azurerm_monitor_diagnostic_setting.literal": ON,
        # the subscription's setting without the Administrative category: no audit trail
        "azurerm_monitor_diagnostic_setting.security": (
            Status.FAIL,
            "the audit trail is off (it sends neither the Administrative category of the "
            "activity log nor the allLogs group)",
        ),
    }


def test_a_resource_setting_is_no_audit_trail(tmp_path: Path) -> None:
    found = _scan(
        tmp_path,
        _setting("kv", "azurerm_key_vault.kv.id", 'category = "AuditEvent"'),
        _setting(
            "rg",
            '"/subscriptions/0000/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv"',
            'category = "AuditEvent"',
        ),
    )
    assert found == {}  # was UNKNOWN "whether it covers every region is not known"
    (tmp_path / "main.tf").write_text(
        WORKSPACE + _setting("kv", "azurerm_key_vault.kv.id", 'category = "AuditEvent"')
    )
    result = audit([tmp_path], Settings())
    kinds = {r.address: r.kind for r in result.resources}
    assert kinds["azurerm_monitor_diagnostic_setting.kv"] == "logging.resource_log"
    assert not [f for f in result.findings
                if f.address == "azurerm_monitor_diagnostic_setting.kv"]


def test_a_target_not_known_stays_unknown(tmp_path: Path) -> None:
    why = (
        "its target_resource_id is not known before apply: it may be the subscription (whose "
        "activity log it would export) or one resource"
    )
    found = _scan(
        tmp_path,
        _setting("var", "var.target", 'category = "Administrative"'),
        # an id built from a lookup: a subscription or a resource under it
        _setting("built", '"/subscriptions/${data.azurerm_client_config.current.subscription_id}"',
                 'category = "Administrative"'),
    )
    assert found == {
        "azurerm_monitor_diagnostic_setting.var": (
            Status.UNKNOWN, f"whether the audit trail is on is not known from the input: {why}"
        ),
        "azurerm_monitor_diagnostic_setting.built": (
            Status.UNKNOWN, f"whether the audit trail is on is not known from the input: {why}"
        ),
    }


def test_a_log_profile_is_the_activity_log_export(tmp_path: Path) -> None:
    found = _scan(
        tmp_path,
        """
resource "azurerm_monitor_log_profile" "p" {
  name       = "default"
  categories = ["Action", "Delete", "Write"]
  locations  = ["global", "southeastasia"]
  storage_account_id = var.target
  retention_policy {
    enabled = true
    days    = 365
  }
}
""",
    )
    assert found == {
        "azurerm_monitor_log_profile.p": (
            Status.PASS, "The control-plane audit trail is on in every region"
        ),
    }
