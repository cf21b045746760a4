"""GDCC-NET-002 on a Service Bus namespace or Cosmos DB account whose firewall admits subnets
said "its firewall admits 1 subnet(s)": which subnets was not said. It now names each subnet
of the scan by its address (an azurerm or AzAPI subnet) and counts those not in the scan, in
English and Thai."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.settings import Settings

MAIN = """\
variable "outside" {
  type = string
}
resource "azurerm_subnet" "app" {
  name                 = "app"
  resource_group_name  = "rg"
  virtual_network_name = "vnet"
  address_prefixes     = ["10.0.1.0/24"]
  service_endpoints    = ["Microsoft.ServiceBus", "Microsoft.AzureCosmosDB"]
}
resource "azapi_resource" "data" {
  type      = "Microsoft.Network/virtualNetworks/subnets@2024-07-01"
  name      = "data"
  parent_id = "/subscriptions/x/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v"
  body = {
    properties = {
      addressPrefix    = "10.0.2.0/24"
      serviceEndpoints = [{ service = "Microsoft.ServiceBus" }]
    }
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
      subnet_id = azurerm_subnet.app.id
    }
    network_rules {
      subnet_id = azapi_resource.data.id
    }
    network_rules {
      subnet_id = var.outside
    }
  }
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
    id = azurerm_subnet.app.id
  }
}
"""


def test_the_subnets_a_firewall_admits_are_named(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(MAIN, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-NET-002",)))
    found = {f.address: f.message for f in result.findings}
    bus = found["azurerm_servicebus_namespace.bus"]
    assert "its firewall admits subnets azurerm_subnet.app, azapi_resource.data and 1 subnet " \
        "not in the scan: a firewall narrows" in bus.en
    assert "ไฟร์วอลล์อนุญาต subnet azurerm_subnet.app, azapi_resource.data และ subnet " \
        "ที่ไม่อยู่ในชุดที่ตรวจ 1 รายการ" in bus.th
    db = found["azurerm_cosmosdb_account.db"]
    assert "its firewall admits subnet azurerm_subnet.app: a firewall narrows" in db.en
    assert "ไฟร์วอลล์อนุญาต subnet azurerm_subnet.app:" in db.th
