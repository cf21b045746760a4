"""Azure Synapse: a dedicated SQL pool is encrypted at rest only with ``data_encrypted``
(GDCC-ENC-001), and a workspace (and its pools) use a customer-managed key only with a
``customer_managed_key`` block (GDCC-ENC-002)."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

MAIN = """\
resource "azurerm_synapse_workspace" "own_key" {
  name                                 = "own-key"
  resource_group_name                  = "rg"
  location                             = "southeastasia"
  storage_data_lake_gen2_filesystem_id = "fs"
  customer_managed_key {
    key_versionless_id = "https://vault.vault.azure.net/keys/synapse"
    key_name           = "synapse"
  }
  identity {
    type = "SystemAssigned"
  }
  tags = { gdcc_system = "analytics" }
}

resource "azurerm_synapse_workspace" "microsoft_key" {
  name                                 = "microsoft-key"
  resource_group_name                  = "rg"
  location                             = "southeastasia"
  storage_data_lake_gen2_filesystem_id = "fs"
  identity {
    type = "SystemAssigned"
  }
  tags = { gdcc_system = "analytics" }
}

resource "azurerm_synapse_sql_pool" "encrypted" {
  name                 = "encrypted"
  synapse_workspace_id = azurerm_synapse_workspace.own_key.id
  sku_name             = "DW100c"
  create_mode          = "Default"
  data_encrypted       = true
  tags                 = { gdcc_system = "analytics" }
}

resource "azurerm_synapse_sql_pool" "plain" {
  name                 = "plain"
  synapse_workspace_id = azurerm_synapse_workspace.microsoft_key.id
  sku_name             = "DW100c"
  create_mode          = "Default"
  tags                 = { gdcc_system = "analytics" }
}
"""

MANIFEST = """\
apiVersion: gdcc-audit/v1
kind: Tenant
metadata: {name: synapse}
agency: {name_th: หน่วยงานทดสอบ, name_en: Test Agency}
iac: [main.tf]
systems:
  - id: analytics
    name_th: ระบบวิเคราะห์ข้อมูล
    name_en: Analytics
    security_category: {confidentiality: high, integrity: high, availability: medium}
"""


def test_synapse_encryption(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(MAIN)
    (tmp_path / "tenant.yaml").write_text(MANIFEST)
    rules = ("GDCC-ENC-001", "GDCC-ENC-002", "GDCC-DB-002")
    result = audit([tmp_path / "tenant.yaml"], Settings(rule_ids=rules))
    found = {(f.rule_id, f.address): f.status for f in result.findings if f.address}
    assert found == {
        ("GDCC-ENC-001", "azurerm_synapse_workspace.own_key"): Status.PASS,
        ("GDCC-ENC-001", "azurerm_synapse_workspace.microsoft_key"): Status.PASS,
        ("GDCC-ENC-001", "azurerm_synapse_sql_pool.encrypted"): Status.PASS,
        ("GDCC-ENC-001", "azurerm_synapse_sql_pool.plain"): Status.FAIL,
        ("GDCC-ENC-002", "azurerm_synapse_workspace.own_key"): Status.PASS,
        ("GDCC-ENC-002", "azurerm_synapse_workspace.microsoft_key"): Status.FAIL,
        ("GDCC-ENC-002", "azurerm_synapse_sql_pool.encrypted"): Status.PASS,
        ("GDCC-ENC-002", "azurerm_synapse_sql_pool.plain"): Status.FAIL,
        # patched by Microsoft: no minor-upgrade setting
        ("GDCC-DB-002", "azurerm_synapse_workspace.own_key"): Status.NOT_APPLICABLE,
        ("GDCC-DB-002", "azurerm_synapse_workspace.microsoft_key"): Status.NOT_APPLICABLE,
        ("GDCC-DB-002", "azurerm_synapse_sql_pool.encrypted"): Status.NOT_APPLICABLE,
        ("GDCC-DB-002", "azurerm_synapse_sql_pool.plain"): Status.NOT_APPLICABLE,
    }
