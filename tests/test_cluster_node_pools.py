"""Node pools written apart give their cluster nodes with public IP addresses
(GDCC-CLU-005): an AKS ``azurerm_kubernetes_cluster_node_pool`` with public node IPs, a GKE
``google_container_node_pool`` that turns private nodes off. Both clusters PASSed on their
default pool alone."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

CLUSTERS = """\
resource "azurerm_kubernetes_cluster" "public_pool" {
  name                = "public-pool"
  location            = "southeastasia"
  resource_group_name = "rg"
  dns_prefix          = "pp"
  default_node_pool {
    name       = "default"
    node_count = 1
    vm_size    = "Standard_D2_v2"
  }
  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_kubernetes_cluster_node_pool" "public" {
  name                   = "public"
  kubernetes_cluster_id  = azurerm_kubernetes_cluster.public_pool.id
  vm_size                = "Standard_D2_v2"
  node_public_ip_enabled = true
}

resource "azurerm_kubernetes_cluster" "private_pools" {
  name                = "private-pools"
  location            = "southeastasia"
  resource_group_name = "rg"
  dns_prefix          = "pr"
  default_node_pool {
    name       = "default"
    node_count = 1
    vm_size    = "Standard_D2_v2"
  }
  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_kubernetes_cluster_node_pool" "private" {
  name                  = "private"
  kubernetes_cluster_id = azurerm_kubernetes_cluster.private_pools.id
  vm_size               = "Standard_D2_v2"
}

resource "google_container_cluster" "gke" {
  name                     = "gke"
  location                 = "asia-southeast1"
  remove_default_node_pool = true
  initial_node_count       = 1
  private_cluster_config {
    enable_private_nodes    = true
    enable_private_endpoint = true
    master_ipv4_cidr_block  = "172.16.0.0/28"
  }
}

resource "google_container_node_pool" "public" {
  name    = "public"
  cluster = google_container_cluster.gke.id
  network_config {
    enable_private_nodes = false
  }
}

resource "google_container_cluster" "gke_inherited" {
  name                     = "gke-inherited"
  location                 = "asia-southeast1"
  remove_default_node_pool = true
  initial_node_count       = 1
  private_cluster_config {
    enable_private_nodes    = true
    enable_private_endpoint = true
    master_ipv4_cidr_block  = "172.16.0.16/28"
  }
}

resource "google_container_node_pool" "inherited" {
  name    = "inherited"
  cluster = google_container_cluster.gke_inherited.id
}
"""


def test_node_pools_with_public_ips(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(CLUSTERS)
    result = audit([tmp_path], Settings(rule_ids=("GDCC-CLU-005",), cache=False))
    found = {f.address: f for f in result.findings}
    assert {a: f.status for a, f in found.items()} == {
        "azurerm_kubernetes_cluster.public_pool": Status.FAIL,
        "azurerm_kubernetes_cluster.private_pools": Status.PASS,
        "google_container_cluster.gke": Status.FAIL,
        "google_container_cluster.gke_inherited": Status.PASS,
    }
    assert found["azurerm_kubernetes_cluster.public_pool"].evidence == {"node_public_ip": True}
