"""An AzAPI storage account (``Microsoft.Storage/storageAccounts``) has blob versioning off
unless a blob-service update (``.../blobServices``) turns ``isVersioningEnabled`` on. An
update whose account is not known (``resource_id = "${var.account_id}/blobServices/default"``)
was skipped: the account FAILed GDCC-DATA-005 'object versioning is off' though that update
may be its own and turn versioning on. Now it is not known; an update that turns it off, or
writes nothing of it, changes nothing."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

TF = """\
variable "account_id" {
  type = string
}
resource "azapi_resource" "logs" {
  type      = "Microsoft.Storage/storageAccounts@2023-05-01"
  name      = "gdcclogs"
  parent_id = "/subscriptions/x/resourceGroups/rg"
  location  = "southeastasia"
  body = {
    kind = "StorageV2"
    sku  = { name = "Standard_GRS" }
    properties = {
      minimumTlsVersion     = "TLS1_2"
      allowBlobPublicAccess = false
      publicNetworkAccess   = "Disabled"
    }
  }
}
resource "azapi_update_resource" "blob" {
  type        = "Microsoft.Storage/storageAccounts/blobServices@2023-05-01"
  resource_id = "${var.account_id}/blobServices/default"
  body = {
    properties = { isVersioningEnabled = true }
  }
}
"""


#: No update of the account writes it: off, Azure's default (versioning-overview).
_DEFAULT = (
    "object versioning is off (provider default: 'isVersioningEnabled of a "
    "Microsoft.Storage/storageAccounts/blobServices update' not set)"
)


def _versioning(tmp_path: Path, text: str) -> tuple[Status, str]:
    (tmp_path / "main.tf").write_text(text)
    report = audit([tmp_path], Settings(rule_ids=("GDCC-DATA-005",)))
    (found,) = [f for f in report.findings if f.address == "azapi_resource.logs"]
    return found.status, found.message.en


def test_an_update_of_an_account_not_known_may_turn_versioning_on(tmp_path: Path) -> None:
    assert _versioning(tmp_path, TF) == (
        Status.UNKNOWN, "whether object versioning is on is not known from the input"
    )


def test_an_update_turning_it_off_changes_nothing(tmp_path: Path) -> None:
    off = TF.replace("isVersioningEnabled = true", "isVersioningEnabled = false")
    assert _versioning(tmp_path, off) == (Status.FAIL, _DEFAULT)
    mine = TF.replace("${var.account_id}", "${azapi_resource.logs.id}")
    assert _versioning(tmp_path, mine) == (
        Status.PASS, "Object storage keeps previous versions of objects"
    )


def test_an_account_no_update_names_says_default(tmp_path: Path) -> None:
    alone = TF[: TF.index('resource "azapi_update_resource"')]
    assert _versioning(tmp_path, alone) == (Status.FAIL, _DEFAULT)
    off = TF.replace("isVersioningEnabled = true", "isVersioningEnabled = false").replace(
        "${var.account_id}", "${azapi_resource.logs.id}"
    )
    assert _versioning(tmp_path, off) == (Status.FAIL, "object versioning is off")
