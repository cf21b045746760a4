"""An AzAPI storage account (``Microsoft.Storage/storageAccounts``) that writes neither
``allowBlobPublicAccess`` nor ``minimumTlsVersion`` was UNKNOWN on GDCC-DATA-006 and
GDCC-DATA-009 (Azure Verified Modules' storage examples, web-site's function storage).

- ``allowBlobPublicAccess``: the REST API specs (azure-rest-api-specs, Microsoft.Storage
  stable/<version>/storage.json) say "The default interpretation is true for this property"
  up to api-version 2022-09-01 and "... false ..." from 2023-01-01: the body's api-version
  decides, and the finding says "default" with the version. A preview version is not
  pinned (UNKNOWN), and so is an account an update not known (``resource_id =
  var.account_id``) may open.
- ``minimumTlsVersion``: Azure Storage refuses TLS 1.0 and 1.1 on every account since
  3 February 2026, whatever the api-version: 1.2, by default.
"""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

ACCOUNT = """\
resource "azapi_resource" "{name}" {{
  type      = "Microsoft.Storage/storageAccounts@{version}"
  name      = "{name}"
  parent_id = "/subscriptions/x/resourceGroups/rg"
  location  = "southeastasia"
  body = {{
    kind       = "StorageV2"
    sku        = {{ name = "Standard_GRS" }}
    properties = {{ supportsHttpsTrafficOnly = true{extra} }}
  }}
}}
"""


def _tf(*accounts: tuple[str, str, str]) -> str:
    return "".join(
        ACCOUNT.format(name=name, version=version, extra=extra) for name, version, extra in accounts
    )


def _findings(tmp_path: Path, text: str, rule: str) -> dict[str, tuple[Status, str, object]]:
    (tmp_path / "main.tf").write_text(text)
    report = audit([tmp_path], Settings(rule_ids=(rule,)))
    return {
        f.address: (f.status, f.message.en, (f.evidence or {}).get("defaults"))
        for f in report.findings if f.address.startswith("azapi_resource.")
    }


def test_anonymous_blob_access_by_api_version(tmp_path: Path) -> None:
    found = _findings(tmp_path, _tf(
        ("older", "2022-09-01", ""),
        ("newer", "2023-05-01", ""),
        ("first", "2023-01-01", ""),
        ("preview", "2021-09-01-preview", ""),
        ("written", "2021-02-01", ", allowBlobPublicAccess = false"),
    ), "GDCC-DATA-006")
    doc = "https://learn.microsoft.com/rest/api/storagerp/storage-accounts/create"
    assert found["azapi_resource.older"] == (
        Status.FAIL,
        "public-access prevention is off (provider default (api-version 2022-09-01): "
        "'properties.allowBlobPublicAccess' not set)",
        {"public_access_block": {
            "attribute": "properties.allowBlobPublicAccess", "value": "default",
            "documentation": doc, "provider_version": "api-version 2022-09-01",
        }},
    )
    for name, version in (("newer", "2023-05-01"), ("first", "2023-01-01")):
        status, _, defaults = found[f"azapi_resource.{name}"]
        assert status is Status.PASS
        assert defaults == {"public_access_block": {
            "attribute": "properties.allowBlobPublicAccess", "value": "default",
            "documentation": doc, "provider_version": f"api-version {version}",
        }}
    assert found["azapi_resource.preview"][:2] == (
        Status.UNKNOWN, "whether public-access prevention is on is not known from the input"
    )
    assert found["azapi_resource.written"][0] is Status.PASS
    assert found["azapi_resource.written"][2] is None


def test_an_update_of_an_account_not_known_may_open_it(tmp_path: Path) -> None:
    text = _tf(("newer", "2023-05-01", "")) + """\
variable "account_id" {
  type = string
}
resource "azapi_update_resource" "open" {
  type        = "Microsoft.Storage/storageAccounts@2023-05-01"
  resource_id = var.account_id
  body = {
    properties = { allowBlobPublicAccess = true }
  }
}
"""
    assert found_status(tmp_path, text) is Status.UNKNOWN
    # one that writes something else leaves the default
    assert found_status(
        tmp_path, text.replace("allowBlobPublicAccess = true", "accessTier = \"Cool\"")
    ) is Status.PASS


def found_status(tmp_path: Path, text: str) -> Status:
    return _findings(tmp_path, text, "GDCC-DATA-006")["azapi_resource.newer"][0]


def test_minimum_tls_not_written_is_the_platform_floor(tmp_path: Path) -> None:
    found = _findings(tmp_path, _tf(
        ("older", "2021-02-01", ""),
        ("weak", "2023-05-01", ', minimumTlsVersion = "TLS1_0"'),
    ), "GDCC-DATA-009")
    status, _, defaults = found["azapi_resource.older"]
    assert status is Status.PASS
    assert defaults == {"tls_min_version": {
        "attribute": "properties.minimumTlsVersion", "value": "default",
        "documentation": "https://learn.microsoft.com/azure/storage/common/"
        "transport-layer-security-configure-minimum-version",
    }}
    # as written
    assert found["azapi_resource.weak"][0] is Status.FAIL
    assert found["azapi_resource.weak"][2] is None
