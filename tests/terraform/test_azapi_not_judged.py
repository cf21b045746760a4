"""AzAPI resources were all judged by no rule and reported as "azapi_resource: N", which
did not say that an AKS cluster was among them: each is now named by its ARM type. Storage
accounts and key vaults (Azure Verified Modules now write them with AzAPI) are read from their
``body``."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.settings import Settings

TERRAFORM = """\
variable "preview" {
  type    = bool
  default = false
}
variable "unknown_type" {
  type = string
}
resource "azapi_resource" "rules" {
  type = (var.preview ? "Microsoft.Insights/dataCollectionRules@2024-03-11-preview"
  : "Microsoft.Insights/dataCollectionRules@2023-03-11")
  name      = "rules"
  parent_id = "/subscriptions/x/resourceGroups/rg"
  body      = { properties = { description = "rules" } }
}
resource "azapi_resource" "vault" {
  type      = "Microsoft.KeyVault/vaults@2023-07-01"
  name      = "kv"
  parent_id = "/subscriptions/x/resourceGroups/rg"
}
resource "azapi_update_resource" "vault_rbac" {
  type        = "Microsoft.KeyVault/vaults@2023-07-01"
  resource_id = azapi_resource.vault.id
  body        = { properties = { enableRbacAuthorization = true } }
}
resource "azapi_resource" "computed" {
  type      = var.unknown_type
  name      = "x"
  parent_id = "/subscriptions/x/resourceGroups/rg"
}
"""


def test_azapi_resources_are_not_judged_by_arm_type(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(TERRAFORM, encoding="utf-8")
    result = audit([tmp_path], Settings())
    assert dict(result.not_judged) == {
        "azapi_resource (ARM type not known)": 1,
        "azapi_resource (Microsoft.Insights/dataCollectionRules)": 1,
        "azapi_update_resource (Microsoft.KeyVault/vaults)": 1,
    }


STORAGE = """\
resource "azapi_resource" "private" {
  type      = "Microsoft.Storage/storageAccounts@2023-05-01"
  name      = "private"
  parent_id = "/subscriptions/x/resourceGroups/rg"
  body = {
    kind = "StorageV2"
    properties = {
      allowBlobPublicAccess    = false
      minimumTlsVersion        = "TLS1_2"
      publicNetworkAccess      = "Disabled"
      supportsHttpsTrafficOnly = true
    }
  }
}
resource "azapi_resource" "open" {
  type      = "Microsoft.Storage/storageAccounts@2023-05-01"
  name      = "open"
  parent_id = "/subscriptions/x/resourceGroups/rg"
  body = {
    kind = "StorageV2"
    properties = {
      allowBlobPublicAccess = true
      minimumTlsVersion     = "TLS1_0"
    }
  }
}
resource "azapi_resource" "vault" {
  type      = "Microsoft.KeyVault/vaults@2023-07-01"
  name      = "kv"
  parent_id = "/subscriptions/x/resourceGroups/rg"
  body = {
    properties = {
      enablePurgeProtection = true
      networkAcls           = { defaultAction = "Deny", bypass = "AzureServices" }
    }
  }
}
"""


def test_storage_accounts_and_key_vaults_are_read_from_their_body(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(STORAGE, encoding="utf-8")
    result = audit([tmp_path], Settings(
        rule_ids=["GDCC-NET-004", "GDCC-DATA-006", "GDCC-DATA-008", "GDCC-DATA-009"]
    ))
    addresses = {r.id: r.address for r in result.resources}
    found = {(addresses[f.resource_id], f.rule_id): f.status.value for f in result.findings
             if f.status.value != "NOT_APPLICABLE"}
    assert found == {
        ("azapi_resource.private", "GDCC-NET-004"): "PASS",
        ("azapi_resource.private", "GDCC-DATA-006"): "PASS",
        ("azapi_resource.private", "GDCC-DATA-008"): "PASS",
        ("azapi_resource.private", "GDCC-DATA-009"): "PASS",
        # no networkAcls: every network; anonymous blob access allowed; TLS 1.0
        ("azapi_resource.open", "GDCC-NET-004"): "FAIL",
        ("azapi_resource.open", "GDCC-DATA-006"): "FAIL",
        # supportsHttpsTrafficOnly not written: true since api-version 2019-04-01
        ("azapi_resource.open", "GDCC-DATA-008"): "PASS",
        ("azapi_resource.open", "GDCC-DATA-009"): "FAIL",
        ("azapi_resource.vault", "GDCC-NET-004"): "PASS",
    }
    assert result.not_judged == {}


def test_an_anonymous_container_or_static_website_makes_the_account_public(
    tmp_path: Path,
) -> None:
    (tmp_path / "main.tf").write_text(STORAGE + """\
resource "azapi_resource" "anonymous" {
  type      = "Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01"
  name      = "public"
  parent_id = "${azapi_resource.open.id}/blobServices/default"
  body      = { properties = { publicAccess = "Blob" } }
}
resource "azapi_update_resource" "versions" {
  type        = "Microsoft.Storage/storageAccounts/blobServices@2023-05-01"
  resource_id = "${azapi_resource.private.id}/blobServices/default"
  body        = { properties = { isVersioningEnabled = true } }
}
""", encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=["GDCC-DATA-001", "GDCC-DATA-005"]))
    addresses = {r.id: r.address for r in result.resources}
    found = {(addresses[f.resource_id], f.rule_id): (f.status.value, f.message.en)
             for f in result.findings if addresses[f.resource_id] != "azapi_resource.vault"}
    assert found[("azapi_resource.open", "GDCC-DATA-001")] == (
        "FAIL", "anyone on the internet can read this store: azapi_resource.anonymous "
        "publicAccess Blob",
    )
    assert found[("azapi_resource.private", "GDCC-DATA-001")][0] == "PASS"
    assert found[("azapi_resource.private", "GDCC-DATA-005")][0] == "PASS"
    # versioning is off unless a blob-service update turns it on
    assert found[("azapi_resource.open", "GDCC-DATA-005")][0] == "FAIL"


def test_an_azapi_update_of_a_resource_is_merged_into_it(tmp_path: Path) -> None:
    """Before, an ``azapi_update_resource`` was never merged into the AzAPI resource it
    changes: a storage account created with public network access off PASSed GDCC-NET-004
    although an update turned it on; now FAIL. An update whose body is not known leaves the
    verdict not known."""
    (tmp_path / "main.tf").write_text(STORAGE + """\
resource "azapi_update_resource" "open_up" {
  type        = "Microsoft.Storage/storageAccounts@2023-05-01"
  resource_id = azapi_resource.private.id
  body        = { properties = { publicNetworkAccess = "Enabled" } }
}
variable "vault_body" {}
resource "azapi_update_resource" "vault" {
  type        = "Microsoft.KeyVault/vaults@2023-07-01"
  resource_id = azapi_resource.vault.id
  body        = var.vault_body
}
""", encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=["GDCC-NET-004", "GDCC-DATA-006"]))
    addresses = {r.id: r.address for r in result.resources}
    found = {(addresses[f.resource_id], f.rule_id): f.status.value for f in result.findings}
    assert found[("azapi_resource.private", "GDCC-NET-004")] == "FAIL"
    # what the update does not write stays as created
    assert found[("azapi_resource.private", "GDCC-DATA-006")] == "PASS"
    assert found[("azapi_resource.vault", "GDCC-NET-004")] == "UNKNOWN"
