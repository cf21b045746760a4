"""GDCC-CLU-004 on AKS clusters with the Cilium data plane (Azure CNI Powered by Cilium) and
no ``network_policy``: "Cilium enforces network policies to allow or deny traffic between
pods. With Cilium, you don't need to install a separate network policy engine such as Azure
Network Policy Manager or Calico" (learn.microsoft.com/azure/aks/azure-cni-powered-by-cilium).
They were FAIL "NetworkPolicy is not enforced" (azurerm ``network_data_plane`` / 3.x
``ebpf_data_plane``, AzAPI ``networkDataplane``); a data plane not known may be Cilium."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

POOL = """
  default_node_pool {
    name       = "default"
    node_count = 1
    vm_size    = "Standard_D2_v2"
  }
  identity {
    type = "SystemAssigned"
  }
"""


def _cluster(name: str, profile: str) -> str:
    return (
        f'resource "azurerm_kubernetes_cluster" "{name}" {{\n'
        f'  name                = "{name}"\n  location            = "southeastasia"\n'
        f'  resource_group_name = "rg"\n  dns_prefix          = "{name}"\n{POOL}'
        f"  network_profile {{\n{profile}  }}\n}}\n"
    )


CLUSTERS = (
    'variable "plane" {\n  type = string\n}\n'
    + _cluster("cilium", '    network_plugin      = "azure"\n    network_plugin_mode = "overlay"\n'
               '    network_data_plane  = "cilium"\n')
    + _cluster("ebpf", '    network_plugin      = "azure"\n    network_plugin_mode = "overlay"\n'
               '    ebpf_data_plane     = "cilium"\n')
    + _cluster("azure", '    network_plugin = "azure"\n')
    + _cluster("plane", '    network_plugin     = "azure"\n    network_data_plane = var.plane\n')
    + """
resource "azapi_resource" "aks" {
  type      = "Microsoft.ContainerService/managedClusters@2024-02-01"
  name      = "aks"
  parent_id = "/subscriptions/x/resourceGroups/rg"
  location  = "southeastasia"
  body = {
    properties = {
      dnsPrefix         = "aks"
      agentPoolProfiles = [{ name = "sys", count = 1, vmSize = "Standard_D2_v2", mode = "System" }]
      networkProfile = {
        networkPlugin     = "azure"
        networkPluginMode = "overlay"
        networkDataplane  = "cilium"
      }
    }
  }
}
"""
)

CILIUM = (
    "The cluster enforces NetworkPolicy (the Cilium data plane: Azure CNI Powered by Cilium "
    "enforces network policies without a separate engine "
    "(learn.microsoft.com/azure/aks/azure-cni-powered-by-cilium))"
)


def test_the_cilium_data_plane_enforces_network_policies(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(CLUSTERS)
    result = audit([tmp_path], Settings(rule_ids=("GDCC-CLU-004",), cache=False))
    found = {f.address: (f.status, f.message.en) for f in result.findings}
    assert found == {
        "azurerm_kubernetes_cluster.cilium": (Status.PASS, CILIUM),
        "azurerm_kubernetes_cluster.ebpf": (Status.PASS, CILIUM),
        "azapi_resource.aks": (Status.PASS, CILIUM),
        # network_data_plane "Defaults to azure": no policy engine, none enforced
        "azurerm_kubernetes_cluster.azure": (Status.FAIL, "NetworkPolicy is not enforced"),
        # the data plane is an input without a value: it may be cilium
        "azurerm_kubernetes_cluster.plane": (
            Status.UNKNOWN, "whether NetworkPolicy is enforced is not known from the input"
        ),
    }


AUTOMATIC = """
variable "sku" {
  type = string
}
resource "azapi_resource" "automatic" {
  type      = "Microsoft.ContainerService/managedClusters@2025-03-01"
  name      = "automatic"
  parent_id = "/subscriptions/x/resourceGroups/rg"
  location  = "southeastasia"
  body = {
    sku = {
      name = "Automatic"
      tier = "Standard"
    }
    properties = {
      agentPoolProfiles = [{ name = "systempool", count = 3, mode = "System" }]
    }
  }
}
resource "azapi_resource" "base" {
  type      = "Microsoft.ContainerService/managedClusters@2025-03-01"
  name      = "base"
  parent_id = "/subscriptions/x/resourceGroups/rg"
  location  = "southeastasia"
  body = {
    sku = {
      name = "Base"
      tier = "Free"
    }
    properties = {
      dnsPrefix         = "base"
      agentPoolProfiles = [{ name = "sys", count = 1, vmSize = "Standard_D2_v2", mode = "System" }]
    }
  }
}
resource "azapi_resource" "either" {
  type      = "Microsoft.ContainerService/managedClusters@2025-03-01"
  name      = "either"
  parent_id = "/subscriptions/x/resourceGroups/rg"
  location  = "southeastasia"
  body = {
    sku = {
      name = var.sku
      tier = "Standard"
    }
    properties = {
      agentPoolProfiles = [{ name = "systempool", count = 3, mode = "System" }]
    }
  }
}
"""


def test_an_aks_automatic_cluster_runs_the_cilium_data_plane(tmp_path: Path) -> None:
    # "AKS Automatic clusters use managed Virtual Network powered by Azure CNI Overlay with
    # Cilium" (learn.microsoft.com/azure/aks/intro-aks-automatic): Azure/terraform
    # quickstart 101-aks-automatic-azapi was FAIL on the REST default networkPolicy none
    (tmp_path / "main.tf").write_text(AUTOMATIC)
    result = audit([tmp_path], Settings(rule_ids=("GDCC-CLU-004",), cache=False))
    found = {f.address: (f.status, f.message.en) for f in result.findings}
    assert found["azapi_resource.automatic"] == (
        Status.PASS,
        "The cluster enforces NetworkPolicy (sku Automatic: AKS Automatic clusters use Azure "
        "CNI Overlay with Cilium (learn.microsoft.com/azure/aks/intro-aks-automatic), which "
        "enforces network policies without a separate engine "
        "(learn.microsoft.com/azure/aks/azure-cni-powered-by-cilium))",
    )
    # a Base (Standard AKS) cluster keeps the REST default: none enforced
    assert found["azapi_resource.base"][0] is Status.FAIL
    # a SKU not known may be Automatic
    assert found["azapi_resource.either"][0] is Status.UNKNOWN
