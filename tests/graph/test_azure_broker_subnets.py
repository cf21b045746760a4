"""The subnets a Service Bus or Event Hubs namespace's virtual network rules name are the
addresses it admits: a subnet of the scan is resolved to its range (the namespace admits that
subnet on AMQP 5671 / 5672 and HTTPS 443), a subnet the scan does not hold stays a source not
known. Before, every subnet rule was a source not known ("1 subnet(s)"), whatever the scan
held: a namespace that admitted only a scanned subnet looked reachable from the internet."""

from __future__ import annotations

from pathlib import Path

import pytest

from gdcc_audit.graph.model import ResourceGraph
from gdcc_audit.settings import Settings
from iac_helpers import audit_keeping_graph, id_of

PORTS = "443,5671,5672"

NAMESPACES = """\
variable "far_subnet" {
  type    = string
  default = "/subscriptions/x/resourceGroups/rg/providers/Microsoft.Network/x/o/subnets/f"
}
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
  service_endpoints    = ["Microsoft.ServiceBus", "Microsoft.EventHub"]
}
resource "azurerm_servicebus_namespace" "inline" {
  name                         = "inline"
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
  }
}
resource "azurerm_servicebus_namespace" "apart" {
  name                         = "apart"
  location                     = "southeastasia"
  resource_group_name          = "rg"
  sku                          = "Premium"
  capacity                     = 1
  premium_messaging_partitions = 1
}
resource "azurerm_servicebus_namespace_network_rule_set" "apart" {
  namespace_id   = azurerm_servicebus_namespace.apart.id
  default_action = "Deny"
  network_rules {
    subnet_id = azurerm_subnet.app.id
  }
}
resource "azurerm_eventhub_namespace" "hub" {
  name                = "hub"
  location            = "southeastasia"
  resource_group_name = "rg"
  sku                 = "Standard"
  network_rulesets {
    default_action = "Deny"
    virtual_network_rule {
      subnet_id = azurerm_subnet.app.id
    }
    virtual_network_rule {
      subnet_id = var.far_subnet
    }
  }
}
"""


@pytest.fixture(scope="module")
def graph(tmp_path_factory: pytest.TempPathFactory) -> ResourceGraph:
    folder: Path = tmp_path_factory.mktemp("brokers")
    (folder / "main.tf").write_text(NAMESPACES)
    with pytest.MonkeyPatch.context() as patch:
        _, built = audit_keeping_graph(folder, patch, Settings(rule_ids=("GDCC-GRAPH-005",)))
    return built


def _into(graph: ResourceGraph, address: str) -> dict[str, tuple[str, bool, str]]:
    node = id_of(graph, address)
    return {
        source: (str(data["ports"]), bool(data["certain"]), str(data["via"]))
        for source, data in graph.reach.pred.get(node, {}).items()
    }


def test_a_subnet_of_the_scan_is_what_the_namespace_admits(graph: ResourceGraph) -> None:
    app = "seg:" + id_of(graph, "azurerm_subnet.app")
    assert _into(graph, "azurerm_servicebus_namespace.inline") == {
        app: (PORTS, True, "inline allows app"),
    }
    # the rule set written apart from its namespace (azurerm_servicebus_namespace_network_rule_set)
    assert _into(graph, "azurerm_servicebus_namespace.apart") == {
        app: (PORTS, True, "apart allows app"),
    }


def test_a_subnet_beyond_the_scan_stays_not_known(graph: ResourceGraph) -> None:
    found = _into(graph, "azurerm_eventhub_namespace.hub")
    app = "seg:" + id_of(graph, "azurerm_subnet.app")
    assert found[app] == (PORTS, True, "hub allows app")
    # the subnet "f" is not in the scan: its addresses are not known
    assert [certain for source, (_, certain, _) in found.items() if source != app] == [False]
