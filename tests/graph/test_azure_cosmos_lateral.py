"""GDCC-GRAPH-005 on Cosmos DB accounts: an account listens on HTTPS 443 and, by its API,
10255 (MongoDB) or 10350 (Cassandra), none of them a usual database port. An internet-facing
VM in a subnet the account's virtual network rule admits reached it on 443, and the account
was PASS "No internet-facing workload can move laterally to a data store's database port"
(azurerm and AzAPI alike)."""

from __future__ import annotations

from pathlib import Path

import pytest

from gdcc_audit.api import audit
from gdcc_audit.graph.store_ports import store_ports
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings
from iac_helpers import audit_keeping_graph

WEB = """\
resource "azurerm_virtual_network" "vnet" {
  name                = "vnet"
  location            = "southeastasia"
  resource_group_name = "rg"
  address_space       = ["10.0.0.0/16"]
}
resource "azurerm_subnet" "web" {
  name                 = "web"
  resource_group_name  = "rg"
  virtual_network_name = azurerm_virtual_network.vnet.name
  address_prefixes     = ["10.0.1.0/24"]
  service_endpoints    = ["Microsoft.AzureCosmosDB"]
}
resource "azurerm_public_ip" "pip" {
  name                = "pip"
  location            = "southeastasia"
  resource_group_name = "rg"
  allocation_method   = "Static"
  sku                 = "Standard"
}
resource "azurerm_network_interface" "nic" {
  name                = "nic"
  location            = "southeastasia"
  resource_group_name = "rg"
  ip_configuration {
    name                          = "ip"
    subnet_id                     = azurerm_subnet.web.id
    private_ip_address_allocation = "Dynamic"
    public_ip_address_id          = azurerm_public_ip.pip.id
  }
}
resource "azurerm_network_security_group" "nsg" {
  name                = "nsg"
  location            = "southeastasia"
  resource_group_name = "rg"
  security_rule {
    name                       = "https"
    priority                   = 100
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "443"
    source_address_prefix      = "*"
    destination_address_prefix = "*"
  }
}
resource "azurerm_subnet_network_security_group_association" "web" {
  subnet_id                 = azurerm_subnet.web.id
  network_security_group_id = azurerm_network_security_group.nsg.id
}
resource "azurerm_linux_virtual_machine" "web" {
  name                            = "web"
  location                        = "southeastasia"
  resource_group_name             = "rg"
  size                            = "Standard_B1s"
  admin_username                  = "azureuser"
  network_interface_ids           = [azurerm_network_interface.nic.id]
  disable_password_authentication = true
  admin_ssh_key {
    username   = "azureuser"
    public_key = "ssh-rsa AAAA"
  }
  os_disk {
    caching              = "ReadWrite"
    storage_account_type = "Standard_LRS"
  }
  source_image_reference {
    publisher = "Canonical"
    offer     = "ubuntu"
    sku       = "22_04-lts"
    version   = "latest"
  }
}
"""

ACCOUNTS = """\
resource "azurerm_cosmosdb_account" "mongo" {
  name                              = "mongo"
  location                          = "southeastasia"
  resource_group_name               = "rg"
  offer_type                        = "Standard"
  kind                              = "MongoDB"
  is_virtual_network_filter_enabled = true
  virtual_network_rule {
    id = azurerm_subnet.web.id
  }
  consistency_policy {
    consistency_level = "Session"
  }
  geo_location {
    location          = "southeastasia"
    failover_priority = 0
  }
}
resource "azapi_resource" "nosql" {
  type      = "Microsoft.DocumentDB/databaseAccounts@2024-05-15"
  name      = "nosql"
  parent_id = "/subscriptions/x/resourceGroups/rg"
  location  = "southeastasia"
  body = {
    properties = {
      databaseAccountOfferType = "Standard"
      locations                = [{ locationName = "southeastasia", failoverPriority = 0 }]
    }
  }
}
resource "azurerm_cosmosdb_account" "closed" {
  name                          = "closed"
  location                      = "southeastasia"
  resource_group_name           = "rg"
  offer_type                    = "Standard"
  public_network_access_enabled = false
  consistency_policy {
    consistency_level = "Session"
  }
  geo_location {
    location          = "southeastasia"
    failover_priority = 0
  }
}
"""


def test_a_web_server_that_reaches_an_account_on_443_fails(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(WEB + ACCOUNTS)
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-005",), cache=False))
    found = {f.address: (f.status, f.message.en) for f in result.findings}
    lateral = "a workload reachable from the internet can connect to port 443"
    # the subnet its virtual network rule admits holds the internet-facing VM
    assert found["azurerm_cosmosdb_account.mongo"] == (
        Status.FAIL, f"{lateral}: internet → web:443 → mongo:443"
    )
    # an AzAPI account with no firewall admits every address, the VM's too
    assert found["azapi_resource.nosql"] == (
        Status.FAIL, f"{lateral}: internet → web:443 → nosql:443"
    )
    assert found["azurerm_cosmosdb_account.closed"][0] is Status.PASS


def test_an_account_listens_on_443_and_its_api_port(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "main.tf").write_text(WEB + ACCOUNTS)
    _, graph = audit_keeping_graph(tmp_path, monkeypatch, Settings(rule_ids=("GDCC-GRAPH-005",)))
    ports = {
        r.address: store_ports(r).ports for r in graph.resources()
        if r.address in ("azurerm_cosmosdb_account.mongo", "azapi_resource.nosql",
                         "azurerm_cosmosdb_account.closed")
    }
    assert ports == {
        "azurerm_cosmosdb_account.mongo": (443, 10255),
        "azapi_resource.nosql": (443,),
        # it admits nothing: its HTTPS endpoint
        "azurerm_cosmosdb_account.closed": (443,),
    }
