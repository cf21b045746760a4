"""AzAPI resources are judged by no rule; they were reported as "azapi_resource: 3", which
did not say that an AKS cluster and a key vault were among them. Each is now named by its
ARM type."""

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
resource "azapi_resource" "aks" {
  type = (var.preview ? "Microsoft.ContainerService/managedClusters@2026-03-02-preview"
  : "Microsoft.ContainerService/managedClusters@2026-03-01")
  name      = "aks"
  parent_id = "/subscriptions/x/resourceGroups/rg"
  body      = { properties = { dnsPrefix = "aks" } }
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
        "azapi_resource (Microsoft.ContainerService/managedClusters)": 1,
        "azapi_resource (Microsoft.KeyVault/vaults)": 1,
        "azapi_update_resource (Microsoft.KeyVault/vaults)": 1,
    }
