"""Azure Databricks and Machine Learning workspaces were judged by no rule ("Not judged").
Their defaults changed with azurerm 4.0 ("`custom_parameters.no_public_ip` now defaults to
`true`"; a Machine Learning workspace's "`public_network_access_enabled` now defaults to
`true`"), so they are decided for the provider versions the root runs with."""

from __future__ import annotations

from pathlib import Path

import pytest

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Finding, Status
from gdcc_audit.settings import Settings

WORKSPACES = """\
resource "azurerm_databricks_workspace" "dbw" {
  name                = "dbw"
  resource_group_name = "rg"
  location            = "southeastasia"
  sku                 = "premium"
}
resource "azurerm_databricks_workspace" "private" {
  name                                  = "private"
  resource_group_name                   = "rg"
  location                              = "southeastasia"
  sku                                   = "premium"
  public_network_access_enabled         = false
  network_security_group_rules_required = "NoAzureDatabricksRules"
  custom_parameters {
    no_public_ip = true
  }
}
resource "azurerm_machine_learning_workspace" "ml" {
  name                    = "ml"
  location                = "southeastasia"
  resource_group_name     = "rg"
  application_insights_id = "ai"
  key_vault_id            = "kv"
  storage_account_id      = "sa"
  identity {
    type = "SystemAssigned"
  }
}
"""
_VERSIONS = """\
terraform {
  required_providers {
    azurerm = {
      source  = "hashicorp/azurerm"
      version = "~> %s.0"
    }
  }
}
"""


def _findings(folder: Path, major: int) -> dict[tuple[str, str], Finding]:
    (folder / "main.tf").write_text(WORKSPACES, encoding="utf-8")
    (folder / "versions.tf").write_text(_VERSIONS % major, encoding="utf-8")
    result = audit([folder], Settings(
        rule_ids=["GDCC-CLU-002", "GDCC-CLU-005", "GDCC-CLU-006", "GDCC-NET-004",
                  "GDCC-GRAPH-002"]
    ))
    addresses = {r.id: r.address for r in result.resources}
    return {(str(addresses[f.resource_id]), f.rule_id): f for f in result.findings}


@pytest.mark.parametrize(
    ("major", "status", "message"),
    [
        (3, Status.FAIL, "nodes get public IP addresses (provider default (azurerm ~> 3.0 "
                         "(versions.tf:3), not locked): 'custom_parameters.0.no_public_ip' not "
                         "set)"),
        (4, Status.PASS, "Cluster nodes have no public IP addresses"),
    ],
)
def test_databricks_node_public_ips_follow_the_provider_version(
    tmp_path: Path, major: int, status: Status, message: str
) -> None:
    found = _findings(tmp_path, major)
    nodes = found[("azurerm_databricks_workspace.dbw", "GDCC-CLU-005")]
    assert (nodes.status, nodes.message.en) == (status, message)
    assert found[("azurerm_databricks_workspace.private", "GDCC-CLU-005")].status is Status.PASS
    public = found[("azurerm_databricks_workspace.dbw", "GDCC-CLU-002")]
    assert (public.status, public.message.en) == (
        Status.FAIL,
        "the API server endpoint is public (provider default: 'public_network_access_enabled' "
        "not set)",
    )
    # no Kubernetes: no local accounts to judge
    assert found[("azurerm_databricks_workspace.dbw", "GDCC-CLU-006")].status is (
        Status.NOT_APPLICABLE
    )
    # the workspace serves HTTPS only: no management port on any path
    assert found[("azurerm_databricks_workspace.dbw", "GDCC-GRAPH-002")].status is Status.PASS


@pytest.mark.parametrize(
    ("major", "status", "message"),
    [
        (3, Status.UNKNOWN, "whether the endpoint is public is not known from the input: no "
                            "documentation states what azurerm < 4.0 sends when "
                            "'public_network_access_enabled' is not set (azurerm ~> 3.0 "
                            "(versions.tf:3), not locked)"),
        (4, Status.FAIL, "the endpoint is public (provider default (azurerm ~> 4.0 "
                         "(versions.tf:3), not locked): 'public_network_access_enabled' not "
                         "set)"),
    ],
)
def test_machine_learning_public_access_follows_the_provider_version(
    tmp_path: Path, major: int, status: Status, message: str
) -> None:
    found = _findings(tmp_path, major)[("azurerm_machine_learning_workspace.ml", "GDCC-NET-004")]
    assert (found.status, found.message.en) == (status, message)
