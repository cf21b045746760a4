"""``azurerm_kubernetes_automatic_cluster`` (azurerm 4.81+, Azure/terraform quickstart
101-aks-automatic) was not mapped: no managed-Kubernetes rule judged it. It is now read with
AKS Automatic's documented configuration (normalize/terraform/aks_automatic.py): Cilium,
Azure RBAC, workload identity preconfigured; the API server public unless a
``private_cluster`` block is written; no KMS; local accounts not known. AzAPI clusters of the
``Automatic`` SKU get the same authorization and workload-identity verdicts."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings


def _automatic(name: str, extra: str = "") -> str:
    return (
        f'resource "azurerm_kubernetes_automatic_cluster" "{name}" {{\n'
        f'  name                = "{name}"\n  location            = "southeastasia"\n'
        f'  resource_group_name = "rg"\n  identity {{\n    type = "SystemAssigned"\n  }}\n'
        f"{extra}}}\n"
    )


def _found(tmp_path: Path, text: str, *rules: str) -> dict[tuple[str, str], tuple[Status, str]]:
    (tmp_path / "main.tf").write_text(text)
    result = audit([tmp_path], Settings(rule_ids=rules, cache=False))
    return {(f.address, f.rule_id): (f.status, f.message.en) for f in result.findings}


ADDRESS = "azurerm_kubernetes_automatic_cluster.auto"


def test_every_managed_kubernetes_rule_judges_an_automatic_cluster(tmp_path: Path) -> None:
    found = _found(tmp_path, _automatic("auto"), *(f"GDCC-CLU-00{n}" for n in range(1, 10)))
    assert found == {
        (ADDRESS, "GDCC-CLU-001"): (
            Status.FAIL,
            "Kubernetes Secrets are not encrypted with a managed key "
            "(azurerm_kubernetes_automatic_cluster has no KMS setting and AKS Automatic does "
            "not turn KMS etcd encryption on (learn.microsoft.com/azure/aks/intro-aks-automatic))",
        ),
        (ADDRESS, "GDCC-CLU-002"): (
            Status.FAIL,
            "the API server endpoint is public (provider default: 'private_cluster' not set)",
        ),
        (ADDRESS, "GDCC-CLU-003"): (
            Status.FAIL,
            "control-plane logs are not sent to the log service (provider default: "
            "'azurerm_monitor_diagnostic_setting' not set; a diagnostic setting made outside "
            "the scanned configuration (by hand or by Azure Policy) would send the cluster's "
            "audit log)",
        ),
        (ADDRESS, "GDCC-CLU-004"): (
            Status.PASS,
            "The cluster enforces NetworkPolicy (AKS Automatic clusters use Azure CNI Overlay "
            "with Cilium (learn.microsoft.com/azure/aks/intro-aks-automatic), which enforces "
            "network policies without a separate engine "
            "(learn.microsoft.com/azure/aks/azure-cni-powered-by-cilium))",
        ),
        (ADDRESS, "GDCC-CLU-005"): (
            Status.PASS,
            "Cluster nodes have no public IP addresses (AKS provisions an Automatic cluster's "
            "nodes (node autoprovisioning) without public IP addresses: the resource has no "
            "setting for them and enableNodePublicIP is off by default "
            "(learn.microsoft.com/azure/aks/use-node-public-ips))",
        ),
        (ADDRESS, "GDCC-CLU-006"): (
            Status.UNKNOWN,
            "whether IAM / directory authentication is on is not known from the input: it has "
            "no setting for local accounts; AKS enables them by default on its clusters and "
            "Microsoft does not document whether an Automatic cluster does (the Azure CLI "
            "disables them itself when it creates one)",
        ),
        (ADDRESS, "GDCC-CLU-007"): (
            Status.NOT_APPLICABLE,
            "no grant that could open this cluster to everyone is read for its type (a "
            "Kubernetes cluster's endpoint is judged by GDCC-CLU-002, its RBAC bindings by "
            "GDCC-K8S-018)",
        ),
        (ADDRESS, "GDCC-CLU-008"): (
            Status.PASS,
            "Cluster authorization uses Kubernetes RBAC, not legacy ABAC (AKS Automatic "
            "preconfigures Azure RBAC for Kubernetes authorization, which cannot be turned off "
            "(learn.microsoft.com/azure/aks/intro-aks-automatic))",
        ),
        (ADDRESS, "GDCC-CLU-009"): (
            Status.PASS,
            "Workloads get cloud credentials through workload identity, not node credentials "
            "(AKS Automatic preconfigures workload identity and the OIDC issuer "
            "(learn.microsoft.com/azure/aks/concepts-identity))",
        ),
    }


def test_the_api_server_is_private_with_a_private_cluster_block(tmp_path: Path) -> None:
    text = (
        'variable "private" {\n  type = bool\n}\n'
        + _automatic("private", "  private_cluster {\n"
                     "    public_fully_qualified_domain_name_enabled = true\n  }\n")
        + _automatic("ranges", '  api_server_access {\n'
                     '    authorized_ip_ranges = ["203.0.113.0/24"]\n  }\n')
        + _automatic("maybe", "  dynamic \"private_cluster\" {\n"
                     "    for_each = var.private ? [1] : []\n    content {}\n  }\n")
    )
    found = _found(tmp_path, text, "GDCC-CLU-002")
    statuses = {address: status for (address, _rule), (status, _m) in found.items()}
    assert statuses == {
        "azurerm_kubernetes_automatic_cluster.private": Status.PASS,
        "azurerm_kubernetes_automatic_cluster.ranges": Status.FAIL,
        "azurerm_kubernetes_automatic_cluster.maybe": Status.UNKNOWN,
    }


def test_a_diagnostic_setting_sends_its_audit_log(tmp_path: Path) -> None:
    text = _automatic("auto") + """
resource "azurerm_monitor_diagnostic_setting" "audit" {
  name                       = "audit"
  target_resource_id         = azurerm_kubernetes_automatic_cluster.auto.id
  log_analytics_workspace_id = "/subscriptions/x/workspaces/w"
  enabled_log {
    category = "kube-audit-admin"
  }
}
"""
    found = _found(tmp_path, text, "GDCC-CLU-003")
    assert found[(ADDRESS, "GDCC-CLU-003")][0] is Status.PASS


AZAPI = """
resource "azapi_resource" "automatic" {
  type      = "Microsoft.ContainerService/managedClusters@2026-02-01"
  name      = "automatic"
  parent_id = "/subscriptions/x/resourceGroups/rg"
  location  = "southeastasia"
  identity {
    type = "SystemAssigned"
  }
  body = {
    sku = {
      name = "Automatic"
    }
  }
}
resource "azapi_resource" "base" {
  type      = "Microsoft.ContainerService/managedClusters@2026-02-01"
  name      = "base"
  parent_id = "/subscriptions/x/resourceGroups/rg"
  location  = "southeastasia"
  body = {
    properties = {
      dnsPrefix         = "base"
      agentPoolProfiles = [{ name = "sys", count = 1, vmSize = "Standard_D2_v2", mode = "System" }]
    }
  }
}
"""


def test_an_azapi_automatic_cluster_gets_the_automatic_defaults(tmp_path: Path) -> None:
    # Azure/terraform quickstart 101-aks-automatic-azapi: CLU-006 was FAIL on the REST
    # default disableLocalAccounts false, CLU-008 / CLU-009 UNKNOWN ("no default documented")
    found = _found(tmp_path, AZAPI, "GDCC-CLU-006", "GDCC-CLU-008", "GDCC-CLU-009")
    statuses = {key: status for key, (status, _m) in found.items()}
    assert statuses == {
        ("azapi_resource.automatic", "GDCC-CLU-006"): Status.UNKNOWN,
        ("azapi_resource.automatic", "GDCC-CLU-008"): Status.PASS,
        ("azapi_resource.automatic", "GDCC-CLU-009"): Status.PASS,
        # a Base cluster keeps the REST defaults
        ("azapi_resource.base", "GDCC-CLU-006"): Status.FAIL,
        ("azapi_resource.base", "GDCC-CLU-008"): Status.UNKNOWN,
        ("azapi_resource.base", "GDCC-CLU-009"): Status.UNKNOWN,
    }
    assert found[("azapi_resource.automatic", "GDCC-CLU-008")][1].endswith(
        "(AKS Automatic preconfigures Azure RBAC for Kubernetes authorization, which cannot "
        "be turned off (learn.microsoft.com/azure/aks/intro-aks-automatic))"
    )
