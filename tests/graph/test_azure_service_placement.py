"""Azure data services sit in no subnet of the tenant: the subnets their virtual network rules
name are subnets they admit. A Cosmos DB account was placed in the subnet of its
``virtual_network_rule``, so its public endpoint was read through that subnet's routes ("no
internet gateway found for its network": GDCC-GRAPH-001 UNKNOWN on an account open to every
address) and it counted as a workload of that subnet. A subnet of the root named by an
account in a module is its written range (it was a source not known)."""

from __future__ import annotations

from pathlib import Path

import pytest

from gdcc_audit.api import audit
from gdcc_audit.graph.network import NetworkBuilder
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings
from iac_helpers import audit_keeping_graph, id_of

ROOT = """\
resource "azurerm_virtual_network" "vnet" {
  name                = "vnet"
  location            = "southeastasia"
  resource_group_name = "rg"
  address_space       = ["10.0.0.0/16"]
}
resource "azurerm_subnet" "app" {
  name                 = "app"
  resource_group_name  = "rg"
  virtual_network_name = azurerm_virtual_network.vnet.name
  address_prefixes     = ["10.0.1.0/24"]
  service_endpoints    = ["Microsoft.AzureCosmosDB"]
}
resource "azurerm_route_table" "hub" {
  name                = "hub"
  location            = "southeastasia"
  resource_group_name = "rg"
  route {
    name                   = "all"
    address_prefix         = "0.0.0.0/0"
    next_hop_type          = "VirtualAppliance"
    next_hop_in_ip_address = "10.1.0.4"
  }
}
resource "azurerm_subnet_route_table_association" "app" {
  subnet_id      = azurerm_subnet.app.id
  route_table_id = azurerm_route_table.hub.id
}
resource "azurerm_cosmosdb_account" "open" {
  name                              = "open"
  location                          = "southeastasia"
  resource_group_name               = "rg"
  offer_type                        = "Standard"
  is_virtual_network_filter_enabled = true
  ip_range_filter                   = ["0.0.0.0/0"]
  virtual_network_rule {
    id = azurerm_subnet.app.id
  }
  consistency_policy {
    consistency_level = "Session"
  }
  geo_location {
    location          = "southeastasia"
    failover_priority = 0
  }
  tags = {
    "gdcc:personal-data" = "true"
  }
}
module "acct" {
  source    = "./acct"
  subnet_id = azurerm_subnet.app.id
}
"""

MODULE = """\
variable "subnet_id" {
  type = string
}
resource "azurerm_cosmosdb_account" "this" {
  name                              = "moduled"
  location                          = "southeastasia"
  resource_group_name               = "rg"
  offer_type                        = "Standard"
  is_virtual_network_filter_enabled = true
  virtual_network_rule {
    id = var.subnet_id
  }
  consistency_policy {
    consistency_level = "Session"
  }
  geo_location {
    location          = "southeastasia"
    failover_priority = 0
  }
}
"""


def _write(folder: Path) -> Path:
    (folder / "main.tf").write_text(ROOT)
    (folder / "acct").mkdir()
    (folder / "acct" / "main.tf").write_text(MODULE)
    return folder


def test_an_account_sits_in_no_subnet_it_admits(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _write(tmp_path)
    _, graph = audit_keeping_graph(folder, monkeypatch, Settings(rule_ids=("GDCC-GRAPH-001",)))
    account = graph.get(id_of(graph, "azurerm_cosmosdb_account.open"))
    assert account is not None
    assert NetworkBuilder(graph).segments_of(account) == []
    into = {
        source.split(":")[0]: (str(data["ports"]), bool(data["certain"]), str(data["via"]))
        for source, data in graph.reach.pred[account.id].items()
    }
    # its public endpoint, not read through the routes of the subnet it admits
    assert into["internet"] == ("443", True, "public endpoint")
    result = audit([folder], Settings(rule_ids=("GDCC-GRAPH-001",), cache=False))
    found = {f.address: (f.status, f.message.en) for f in result.findings}
    assert found["azurerm_cosmosdb_account.open"] == (
        Status.FAIL,
        "open holds personal data and is reachable from the internet: internet → open:443",
    )


def test_a_root_subnet_named_in_a_module_is_its_range(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _write(tmp_path)
    _, graph = audit_keeping_graph(folder, monkeypatch, Settings(rule_ids=("GDCC-GRAPH-004",)))
    node = id_of(graph, "module.acct.azurerm_cosmosdb_account.this")
    app = "seg:" + id_of(graph, "azurerm_subnet.app")
    assert {
        source: (str(data["ports"]), bool(data["certain"]), str(data["via"]))
        for source, data in graph.reach.pred[node].items()
    } == {app: ("443", True, "moduled allows 10.0.1.0/24")}
    result = audit([folder], Settings(rule_ids=("GDCC-GRAPH-004",), cache=False))
    found = {f.address: (f.status, f.message.en) for f in result.findings}
    assert found["module.acct.azurerm_cosmosdb_account.this"] == (
        Status.PASS, "The data tier is segmented from the web tier"
    )
