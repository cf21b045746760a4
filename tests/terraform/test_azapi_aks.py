"""AKS clusters written with AzAPI (``Microsoft.ContainerService/managedClusters``) were judged
by no rule ("azapi_resource (Microsoft.ContainerService/managedClusters)" not judged); they are
read from their ``body`` and get the verdicts ``azurerm_kubernetes_cluster`` gets on the same
configuration, a property left out taking the ARM default."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.result import AuditResult
from gdcc_audit.settings import Settings
from iac_helpers import run

RULES = ["GDCC-CLU-001", "GDCC-CLU-002", "GDCC-CLU-003", "GDCC-CLU-004", "GDCC-CLU-005",
         "GDCC-CLU-006", "GDCC-GRAPH-002"]

# the same two clusters twice: all defaults, and hardened (private API server, KMS, network
# policy, no local accounts, audit log sent), one node pool with public IPs on the first
AZURERM = """\
resource "azurerm_kubernetes_cluster" "plain" {
  name                = "plain"
  location            = "southeastasia"
  resource_group_name = "rg"
  dns_prefix          = "plain"
  default_node_pool {
    name       = "system"
    vm_size    = "Standard_D2s_v5"
    node_count = 1
  }
  identity { type = "SystemAssigned" }
}
resource "azurerm_kubernetes_cluster_node_pool" "public" {
  name                   = "public"
  kubernetes_cluster_id  = azurerm_kubernetes_cluster.plain.id
  vm_size                = "Standard_D2s_v5"
  node_public_ip_enabled = true
}
resource "azurerm_kubernetes_cluster" "hardened" {
  name                    = "hardened"
  location                = "southeastasia"
  resource_group_name     = "rg"
  dns_prefix              = "hardened"
  private_cluster_enabled = true
  local_account_disabled  = true
  default_node_pool {
    name       = "system"
    vm_size    = "Standard_D2s_v5"
    node_count = 1
  }
  network_profile {
    network_plugin = "azure"
    network_policy = "calico"
  }
  key_management_service {
    key_vault_key_id = "https://kv.vault.azure.net/keys/k/1"
  }
  identity { type = "SystemAssigned" }
}
resource "azurerm_monitor_diagnostic_setting" "audit" {
  name                       = "audit"
  target_resource_id         = azurerm_kubernetes_cluster.hardened.id
  log_analytics_workspace_id = "/subscriptions/x/resourceGroups/rg/workspaces/w"
  enabled_log { category = "kube-audit-admin" }
}
"""

AZAPI = """\
resource "azapi_resource" "plain" {
  type      = "Microsoft.ContainerService/managedClusters@2024-02-01"
  name      = "plain"
  location  = "southeastasia"
  parent_id = "/subscriptions/x/resourceGroups/rg"
  body = {
    properties = {
      dnsPrefix         = "plain"
      agentPoolProfiles = [{ name = "system", vmSize = "Standard_D2s_v5", count = 1 }]
    }
  }
}
resource "azapi_resource" "public" {
  type      = "Microsoft.ContainerService/managedClusters/agentpools@2024-02-01"
  name      = "public"
  parent_id = azapi_resource.plain.id
  body      = { properties = { vmSize = "Standard_D2s_v5", enableNodePublicIP = true } }
}
resource "azapi_resource" "hardened" {
  type      = "Microsoft.ContainerService/managedClusters@2026-03-01"
  name      = "hardened"
  location  = "southeastasia"
  parent_id = "/subscriptions/x/resourceGroups/rg"
  body = {
    properties = {
      dnsPrefix             = "hardened"
      disableLocalAccounts  = true
      apiServerAccessProfile = { enablePrivateCluster = true }
      agentPoolProfiles     = [{ name = "system", vmSize = "Standard_D2s_v5", count = 1 }]
      networkProfile        = { networkPlugin = "azure", networkPolicy = "calico" }
      securityProfile = {
        azureKeyVaultKms = { enabled = true, keyId = "https://kv.vault.azure.net/keys/k/1" }
      }
    }
  }
}
resource "azurerm_monitor_diagnostic_setting" "audit" {
  name                       = "audit"
  target_resource_id         = azapi_resource.hardened.id
  log_analytics_workspace_id = "/subscriptions/x/resourceGroups/rg/workspaces/w"
  enabled_log { category = "kube-audit-admin" }
}
"""


def _verdicts(
    tmp_path: Path, name: str, text: str
) -> tuple[AuditResult, dict[tuple[str, str], str]]:
    folder = tmp_path / name
    folder.mkdir()
    (folder / "main.tf").write_text(text, encoding="utf-8")
    result = audit([folder], Settings(rule_ids=RULES))
    names = {r.id: r.address.rsplit(".", 1)[-1] for r in result.resources if r.address}
    return result, {(names[f.resource_id], f.rule_id): f.status.value for f in result.findings}


def test_azapi_clusters_get_the_azurerm_verdicts(tmp_path: Path) -> None:
    _, azurerm = _verdicts(tmp_path, "azurerm", AZURERM)
    result, azapi = _verdicts(tmp_path, "azapi", AZAPI)
    assert azapi == azurerm
    assert azapi == {
        ("plain", "GDCC-CLU-001"): "FAIL",
        ("plain", "GDCC-CLU-002"): "FAIL",
        ("plain", "GDCC-CLU-003"): "FAIL",
        ("plain", "GDCC-CLU-004"): "FAIL",
        ("plain", "GDCC-CLU-005"): "FAIL",
        ("plain", "GDCC-CLU-006"): "FAIL",
        # a node pool gives its nodes public IPs: reached from the internet on ports AKS's
        # own network security group decides (not known)
        ("plain", "GDCC-GRAPH-002"): "UNKNOWN",
        ("hardened", "GDCC-CLU-001"): "PASS",
        ("hardened", "GDCC-CLU-002"): "PASS",
        ("hardened", "GDCC-CLU-003"): "PASS",
        ("hardened", "GDCC-CLU-004"): "PASS",
        ("hardened", "GDCC-CLU-005"): "PASS",
        ("hardened", "GDCC-CLU-006"): "PASS",
        # its nodes share a network with the plain cluster's public nodes (a lateral path)
        ("hardened", "GDCC-GRAPH-002"): "UNKNOWN",
    }
    assert "azapi_resource (Microsoft.ContainerService/managedClusters)" not in result.not_judged


def test_absent_properties_are_labelled_arm_defaults(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(AZAPI, encoding="utf-8")
    resources, errors, _ = run(tmp_path)
    assert not errors
    plain = resources["azapi_resource.plain"]
    assert plain.defaults["public_endpoint"].attribute == (
        "properties.apiServerAccessProfile.enablePrivateCluster"
    )
    assert plain.defaults["public_endpoint"].version == "api-version 2024-02-01"
    assert plain.defaults["directory_auth"].doc == (
        "https://learn.microsoft.com/azure/aks/manage-local-accounts-managed-azure-ad"
    )
    assert plain.defaults["network_policy_enforced"].attribute == (
        "properties.networkProfile.networkPolicy"
    )
    # the agent pool child resource gives its nodes public IPs: written, not a default
    assert "node_public_ip" not in plain.defaults
    hardened = resources["azapi_resource.hardened"]
    assert hardened.defaults.keys() == {"node_public_ip"}


def test_a_body_not_known_is_not_judged_on_defaults(tmp_path: Path) -> None:
    _, found = _verdicts(tmp_path, "unknown", """\
variable "body" {}
resource "azapi_resource" "aks" {
  type      = "Microsoft.ContainerService/managedClusters@2026-03-01"
  name      = "aks"
  parent_id = "/subscriptions/x/resourceGroups/rg"
  body      = var.body
}
""")
    assert found[("aks", "GDCC-CLU-002")] == "UNKNOWN"
    assert found[("aks", "GDCC-CLU-006")] == "UNKNOWN"


def test_a_private_azapi_cluster_is_a_managed_control_plane_in_the_graph(tmp_path: Path) -> None:
    azurerm_only = AZURERM.split('resource "azurerm_kubernetes_cluster" "hardened"')[1]
    azapi_only = AZAPI.split('resource "azapi_resource" "hardened"')[1]
    _, azurerm = _verdicts(tmp_path, "azurerm", 'resource "azurerm_kubernetes_cluster" "hardened"'
                           + azurerm_only)
    result, azapi = _verdicts(tmp_path, "azapi", 'resource "azapi_resource" "hardened"'
                              + azapi_only)
    assert azapi[("hardened", "GDCC-GRAPH-002")] == "PASS"
    assert azapi == azurerm
    finding = next(f for f in result.findings if f.rule_id == "GDCC-GRAPH-002")
    assert finding.message.en.startswith(
        "the managed control plane serves only the Kubernetes API (TCP 443)"
    )


def test_a_jsonencode_body_is_read(tmp_path: Path) -> None:
    """azapi 1.x takes ``body = jsonencode({...})``, a JSON string: every AzAPI resource so
    written was read as a body not known (every verdict UNKNOWN); it is now decoded."""
    _, found = _verdicts(tmp_path, "json", """\
variable "tier" {}
resource "azapi_resource" "aks" {
  type      = "Microsoft.ContainerService/managedClusters@2023-04-02-preview"
  name      = "aks"
  parent_id = "/subscriptions/x/resourceGroups/rg"
  body = jsonencode({
    properties = {
      dnsPrefix              = "aks"
      apiServerAccessProfile = { enablePrivateCluster = true }
      agentPoolProfiles      = [{ name = "system", vmSize = "Standard_D2s_v5", count = 1 }]
    }
  })
}
resource "azapi_resource" "unknown" {
  type      = "Microsoft.ContainerService/managedClusters@2023-04-02-preview"
  name      = "unknown"
  parent_id = "/subscriptions/x/resourceGroups/rg"
  body      = jsonencode({ properties = { disableLocalAccounts = var.tier } })
}
""")
    assert found[("aks", "GDCC-CLU-002")] == "PASS"
    assert found[("aks", "GDCC-CLU-006")] == "FAIL"  # local accounts on by default
    assert found[("unknown", "GDCC-CLU-006")] == "UNKNOWN"


def test_an_update_of_the_cluster_keeps_its_pools(tmp_path: Path) -> None:
    """With an ``azapi_update_resource`` of the cluster merged in, the reader gets a copy of
    the cluster: its children (agent pools, found by ``parent_id``) must still be its own."""
    _, found = _verdicts(tmp_path, "updated", AZAPI + """\
resource "azapi_update_resource" "version" {
  type        = "Microsoft.ContainerService/managedClusters@2024-02-01"
  resource_id = azapi_resource.plain.id
  body        = { properties = { kubernetesVersion = "1.30" } }
}
""")
    assert found[("plain", "GDCC-CLU-005")] == "FAIL"  # the public agent pool still counts
