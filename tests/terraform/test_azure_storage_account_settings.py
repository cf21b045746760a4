"""Blob versioning and HTTPS-only transfer are settings of an Azure storage account, not of
its containers; a storage account without ``blob_properties`` has versioning off by the
provider's default, and says so.

terraform-azurerm-avm-res-compute-virtualmachine's examples (windows_w_gallery_application,
windows_w_run_command) declare an ``azurerm_storage_container`` in their own account:
GDCC-DATA-005 and GDCC-DATA-008 were UNKNOWN on the container 'whether object versioning is
on / whether only encrypted connections are accepted is not known', though neither exists on
a container (its account FAILs DATA-005 and PASSes DATA-008). And the account's FAIL 'object
versioning is off' did not say it is the provider's default ("versioning_enabled ...
Default to false", registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/
storage_account#versioning_enabled)."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

TEXT = """\
resource "azurerm_storage_account" "app" {
  name                     = "appsa"
  resource_group_name      = "rg"
  location                 = "southeastasia"
  account_tier             = "Standard"
  account_replication_type = "LRS"
}
resource "azurerm_storage_container" "app" {
  name                  = "app"
  container_access_type = "blob"
  storage_account_id    = azurerm_storage_account.app.id
}
resource "azurerm_storage_account" "kept" {
  name                     = "keptsa"
  resource_group_name      = "rg"
  location                 = "southeastasia"
  account_tier             = "Standard"
  account_replication_type = "LRS"
  blob_properties {
    versioning_enabled = true
  }
}
"""

ON_THE_ACCOUNT = (
    "does not apply to azurerm_storage_container: blob versioning "
    "(blob_properties.versioning_enabled) and HTTPS-only transfer (https_traffic_only_enabled) "
    "are settings of the whole storage account, where they are judged"
)


def test_container_settings_are_the_accounts(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(TEXT, encoding="utf-8")
    rules = ("GDCC-DATA-001", "GDCC-DATA-005", "GDCC-DATA-008")
    report = audit([tmp_path], Settings(rule_ids=rules))
    found = {(f.rule_id, f.address): (f.status, f.message.en) for f in report.findings}
    container = "azurerm_storage_container.app"
    assert found["GDCC-DATA-005", container] == (Status.NOT_APPLICABLE, ON_THE_ACCOUNT)
    assert found["GDCC-DATA-008", container] == (Status.NOT_APPLICABLE, ON_THE_ACCOUNT)
    # the container's own access level is still judged
    assert found["GDCC-DATA-001", container][0] is Status.FAIL
    assert found["GDCC-DATA-005", "azurerm_storage_account.app"] == (
        Status.FAIL,
        "object versioning is off (provider default: 'blob_properties.0.versioning_enabled' "
        "not set)",
    )
    assert found["GDCC-DATA-008", "azurerm_storage_account.app"][0] is Status.PASS
    assert found["GDCC-DATA-005", "azurerm_storage_account.kept"][0] is Status.PASS
