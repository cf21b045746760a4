"""A virtual network rule admits a subnet's traffic only when the subnet has the service
endpoint of the service (Microsoft.Sql for SQL / PostgreSQL / MySQL / MariaDB servers,
Microsoft.AzureCosmosDB, Microsoft.ServiceBus, Microsoft.EventHub): without it the subnet's
traffic reaches the service from public addresses, which the rule does not admit, and Azure
refuses the rule unless ``ignore_missing_vnet_service_endpoint``
(learn.microsoft.com/azure/azure-sql/database/vnet-service-endpoint-rule-overview). Before,
a rule was read as admitting its subnet whatever the subnet's endpoints."""

from __future__ import annotations

from pathlib import Path

import pytest

from gdcc_audit.api import audit
from gdcc_audit.graph.model import ResourceGraph
from gdcc_audit.settings import Settings
from iac_helpers import audit_keeping_graph, id_of

RULES = """\
variable "endpoints" {
  type = list(string)
}
variable "pw" {
  type      = string
  sensitive = true
}
resource "azurerm_virtual_network" "vnet" {
  name                = "vnet"
  location            = "southeastasia"
  resource_group_name = "rg"
  address_space       = ["10.0.0.0/16"]
}
resource "azurerm_subnet" "with" {
  name                 = "with"
  resource_group_name  = "rg"
  virtual_network_name = azurerm_virtual_network.vnet.name
  address_prefixes     = ["10.0.1.0/24"]
  service_endpoints    = ["Microsoft.Sql", "Microsoft.AzureCosmosDB", "Microsoft.ServiceBus"]
}
resource "azurerm_subnet" "without" {
  name                 = "without"
  resource_group_name  = "rg"
  virtual_network_name = azurerm_virtual_network.vnet.name
  address_prefixes     = ["10.0.2.0/24"]
  service_endpoints    = ["Microsoft.Storage"]
}
resource "azurerm_subnet" "maybe" {
  name                 = "maybe"
  resource_group_name  = "rg"
  virtual_network_name = azurerm_virtual_network.vnet.name
  address_prefixes     = ["10.0.3.0/24"]
  service_endpoints    = var.endpoints
}
resource "azurerm_mssql_server" "sql" {
  name                         = "sql"
  resource_group_name          = "rg"
  location                     = "southeastasia"
  version                      = "12.0"
  administrator_login          = "a"
  administrator_login_password = var.pw
}
resource "azurerm_mssql_virtual_network_rule" "with" {
  name      = "with"
  server_id = azurerm_mssql_server.sql.id
  subnet_id = azurerm_subnet.with.id
}
resource "azurerm_mssql_virtual_network_rule" "without" {
  name                                 = "without"
  server_id                            = azurerm_mssql_server.sql.id
  subnet_id                            = azurerm_subnet.without.id
  ignore_missing_vnet_service_endpoint = true
}
resource "azurerm_mssql_virtual_network_rule" "maybe" {
  name      = "maybe"
  server_id = azurerm_mssql_server.sql.id
  subnet_id = azurerm_subnet.maybe.id
}
resource "azurerm_cosmosdb_account" "db" {
  name                              = "db"
  location                          = "southeastasia"
  resource_group_name               = "rg"
  offer_type                        = "Standard"
  is_virtual_network_filter_enabled = true
  consistency_policy {
    consistency_level = "Session"
  }
  geo_location {
    location          = "southeastasia"
    failover_priority = 0
  }
  virtual_network_rule {
    id = azurerm_subnet.with.id
  }
  virtual_network_rule {
    id                                   = azurerm_subnet.without.id
    ignore_missing_vnet_service_endpoint = true
  }
}
resource "azurerm_servicebus_namespace" "bus" {
  name                         = "bus"
  location                     = "southeastasia"
  resource_group_name          = "rg"
  sku                          = "Premium"
  capacity                     = 1
  premium_messaging_partitions = 1
  network_rule_set {
    default_action = "Deny"
    network_rules {
      subnet_id = azurerm_subnet.without.id
      ignore_missing_vnet_service_endpoint = true
    }
    network_rules {
      subnet_id = azurerm_subnet.with.id
    }
  }
}
"""


@pytest.fixture(scope="module")
def graph(tmp_path_factory: pytest.TempPathFactory) -> ResourceGraph:
    folder: Path = tmp_path_factory.mktemp("endpoints")
    (folder / "main.tf").write_text(RULES)
    with pytest.MonkeyPatch.context() as patch:
        _, built = audit_keeping_graph(folder, patch, Settings(rule_ids=("GDCC-GRAPH-005",)))
    return built


def _into(graph: ResourceGraph, address: str) -> dict[str, tuple[str, bool, str]]:
    node = id_of(graph, address)
    return {
        source: (str(data["ports"]), bool(data["certain"]), str(data["via"]))
        for source, data in graph.reach.pred.get(node, {}).items()
    }


def _seg(graph: ResourceGraph, name: str) -> str:
    return "seg:" + id_of(graph, f"azurerm_subnet.{name}")


def test_a_sql_rule_admits_only_a_subnet_with_the_sql_endpoint(graph: ResourceGraph) -> None:
    found = _into(graph, "azurerm_mssql_server.sql")
    assert found[_seg(graph, "with")] == ("1433", True, "sql allows with")
    # service endpoints not known: the subnet may have Microsoft.Sql
    assert found[_seg(graph, "maybe")] == ("1433", True, "sql allows maybe")
    # Microsoft.Storage only: its traffic reaches the server from public addresses
    assert _seg(graph, "without") not in found


def test_cosmos_and_service_bus_rules_need_their_endpoints(graph: ResourceGraph) -> None:
    cosmos = _into(graph, "azurerm_cosmosdb_account.db")
    assert set(cosmos) == {_seg(graph, "with")}
    bus = _into(graph, "azurerm_servicebus_namespace.bus")
    assert set(bus) == {_seg(graph, "with")}


def test_the_allow_azure_services_rule_is_named_in_the_segmentation_fail(tmp_path: Path) -> None:
    # a SQL server whose only way in is its 0.0.0.0-0.0.0.0 rule: "any address" is any client
    # hosted in Azure, other customers' included, not the internet (the FAIL said only "any
    # address on port(s) 1433"); Thai too
    folder = tmp_path
    (folder / "main.tf").write_text(RULES + """
resource "azurerm_mssql_firewall_rule" "azure" {
  name             = "azure"
  server_id        = azurerm_mssql_server.sql.id
  start_ip_address = "0.0.0.0"
  end_ip_address   = "0.0.0.0"
}
""")
    result = audit([folder], Settings(rule_ids=("GDCC-GRAPH-004",), cache=False))
    found = {f.address: f.message for f in result.findings}
    message = found["azurerm_mssql_server.sql"]
    assert message.en == (
        "the data tier is not segmented from the web tier: it admits any address on port(s) "
        "1433 (sql admits all Azure services: any client hosted in Azure, other customers' "
        "included)"
    )
    assert message.th.endswith(
        "ที่อยู่ใดก็ได้ ทางพอร์ต 1433 (sql อนุญาตบริการ Azure ทั้งหมด: ไคลเอนต์ใดก็ได้ที่อยู่ใน Azure "
        "รวมถึงของลูกค้ารายอื่น)"
    )
