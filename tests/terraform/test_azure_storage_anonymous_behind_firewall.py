"""GDCC-DATA-001 wording for an Azure storage account read anonymously behind its network
rules: a static website (or a public container) on an account whose public network access is
off or whose firewall denies by default FAILs (anonymous reads are on), but not "anyone on the
internet": "The firewall rules remain in effect and will block anonymous traffic"
(learn.microsoft.com/azure/storage/common/storage-network-security). sweep11's find on
Azure/terraform-azurerm-avm-res-storage-storageaccount examples/static_website."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

ACCOUNT = """\
resource "azurerm_storage_account" "{name}" {{
  name                     = "{name}site"
  resource_group_name      = "rg"
  location                 = "southeastasia"
  account_tier             = "Standard"
  account_replication_type = "LRS"
  {extra}
  static_website {{ index_document = "index.html" }}
}}
"""

BEHIND = (
    "anyone on the networks its network rules admit can read this store without signing in "
    "(its endpoint is closed to the rest of the internet)"
)


def test_anonymous_reads_behind_network_rules(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(
        ACCOUNT.format(name="closed", extra="public_network_access_enabled = false")
        + ACCOUNT.format(
            name="deny",
            extra='network_rules {\n    default_action = "Deny"\n    '
            'ip_rules = ["203.0.113.0/24"]\n  }',
        )
        + ACCOUNT.format(name="open", extra=""),
        encoding="utf-8",
    )
    result = audit([tmp_path], Settings(rule_ids=("GDCC-DATA-001",)))
    found = {f.address: (f.status, f.message.en.split(": static website")[0])
             for f in result.findings}
    assert found == {
        "azurerm_storage_account.closed": (Status.FAIL, BEHIND),
        "azurerm_storage_account.deny": (Status.FAIL, BEHIND),
        "azurerm_storage_account.open": (
            Status.FAIL, "anyone on the internet can read this store"
        ),
    }
