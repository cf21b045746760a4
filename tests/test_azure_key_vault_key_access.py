"""Nobody anonymous can use an Azure Key Vault key: every Key Vault request carries a
Microsoft Entra token (learn.microsoft.com/azure/key-vault/general/authentication), and who
may use a key is granted to Entra principals. GDCC-ENC-006 was UNKNOWN on every
``azurerm_key_vault_key`` (Azure Verified Module container registry, cmk-encryption)."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

MAIN = """\
resource "azurerm_key_vault_key" "cmk" {
  name         = "registry-cmk"
  key_vault_id = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv"
  key_type     = "RSA"
  key_size     = 2048
  key_opts     = ["unwrapKey", "wrapKey"]
}
"""


def test_key_vault_key_is_not_public(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(MAIN, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-ENC-006",)))
    found = {(f.address or ""): (f.status, f.message.en, f.evidence) for f in result.findings}
    assert found == {
        "azurerm_key_vault_key.cmk": (
            Status.PASS,
            "Key policies do not let everyone use the key",
            {"public_access": False},
        )
    }
