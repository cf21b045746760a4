"""Subnets written inside their virtual network (an AzAPI ``Microsoft.Network/virtualNetworks``
body's ``properties.subnets[]``, an ``azurerm_virtual_network``'s ``subnet`` blocks) have no
resource of their own: a network interface names one as ``"${<network>.id}/subnets/<name>"``.
Each such subnet now filters by its own NSG (``networkSecurityGroup.id`` /
``security_group``); before, any NSG in the network made "which subnet of vnet is meant" not
known, so a VM behind an NSG open to SSH and one in a subnet without NSG were both
GDCC-GRAPH-002 UNKNOWN."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

AZAPI = """\
resource "azapi_resource" "nsg" {
  type      = "Microsoft.Network/networkSecurityGroups@2024-05-01"
  name      = "nsg"
  parent_id = "/subscriptions/x/resourceGroups/rg"
  location  = "southeastasia"
  body = {
    properties = {
      securityRules = [{
        name = "ssh"
        properties = {
          access                   = "Allow"
          direction                = "Inbound"
          priority                 = 100
          protocol                 = "Tcp"
          sourceAddressPrefix      = "*"
          sourcePortRange          = "*"
          destinationAddressPrefix = "*"
          destinationPortRange     = "22"
        }
      }]
    }
  }
}
resource "azapi_resource" "vnet" {
  type      = "Microsoft.Network/virtualNetworks@2024-05-01"
  name      = "vnet"
  parent_id = "/subscriptions/x/resourceGroups/rg"
  location  = "southeastasia"
  body = {
    properties = {
      addressSpace = { addressPrefixes = ["10.0.0.0/16"] }
      subnets = [
        {
          name = "web"
          properties = {
            addressPrefix        = "10.0.1.0/24"
            networkSecurityGroup = { id = azapi_resource.nsg.id }
          }
        },
        {
          name = "data"
          properties = {
            addressPrefix    = "10.0.2.0/24"
            serviceEndpoints = [{ service = "Microsoft.Sql" }]
          }
        }
      ]
    }
  }
}
"""

AZURERM = """\
resource "azurerm_network_security_group" "nsg" {
  name                = "nsg"
  location            = "southeastasia"
  resource_group_name = "rg"
  security_rule {
    name                       = "ssh"
    priority                   = 100
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "22"
    source_address_prefix      = "*"
    destination_address_prefix = "*"
  }
}
resource "azurerm_virtual_network" "vnet" {
  name                = "vnet"
  location            = "southeastasia"
  resource_group_name = "rg"
  address_space       = ["10.0.0.0/16"]
  subnet {
    name             = "web"
    address_prefixes = ["10.0.1.0/24"]
    security_group   = azurerm_network_security_group.nsg.id
  }
  subnet {
    name             = "data"
    address_prefixes = ["10.0.2.0/24"]
  }
}
"""


def _vm(network: str, subnet: str) -> str:
    return f"""
resource "azurerm_public_ip" "vm" {{
  name                = "vm"
  location            = "southeastasia"
  resource_group_name = "rg"
  allocation_method   = "Static"
  sku                 = "Standard"
}}
resource "azurerm_network_interface" "vm" {{
  name                = "vm"
  location            = "southeastasia"
  resource_group_name = "rg"
  ip_configuration {{
    name                          = "ip"
    subnet_id                     = "${{{network}.id}}/subnets/{subnet}"
    private_ip_address_allocation = "Dynamic"
    public_ip_address_id          = azurerm_public_ip.vm.id
  }}
}}
resource "azurerm_linux_virtual_machine" "vm" {{
  name                  = "vm"
  resource_group_name   = "rg"
  location              = "southeastasia"
  size                  = "Standard_B1s"
  admin_username        = "azureuser"
  network_interface_ids = [azurerm_network_interface.vm.id]
  admin_ssh_key {{
    username   = "azureuser"
    public_key = "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC7 x"
  }}
  os_disk {{
    caching              = "ReadWrite"
    storage_account_type = "Standard_LRS"
  }}
  source_image_reference {{
    publisher = "Canonical"
    offer     = "0001-com-ubuntu-server-jammy"
    sku       = "22_04-lts"
    version   = "latest"
  }}
}}
"""


def _verdict(tmp_path: Path, text: str) -> tuple[Status, str]:
    (tmp_path / "main.tf").write_text(text, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-002",)))
    (found,) = [f for f in result.findings if f.address == "azurerm_linux_virtual_machine.vm"]
    return found.status, found.message.en


OPEN = (Status.FAIL, "management port 22 reachable from the internet: internet → vm:22")
CLOSED = (Status.PASS, "No management port is reachable from the internet through any path")


def test_an_azapi_inline_subnets_nsg_filters_its_vms(tmp_path: Path) -> None:
    assert _verdict(tmp_path, AZAPI + _vm("azapi_resource.vnet", "web")) == OPEN
    # the other inline subnet has no NSG: a Standard public IP stays closed
    assert _verdict(tmp_path, AZAPI + _vm("azapi_resource.vnet", "data")) == CLOSED


def test_an_azurerm_inline_subnets_nsg_filters_its_vms(tmp_path: Path) -> None:
    assert _verdict(tmp_path, AZURERM + _vm("azurerm_virtual_network.vnet", "web")) == OPEN
    assert _verdict(tmp_path, AZURERM + _vm("azurerm_virtual_network.vnet", "data")) == CLOSED


def test_an_association_through_the_networks_id_leaves_it_not_known(tmp_path: Path) -> None:
    association = """
resource "azurerm_subnet_network_security_group_association" "data" {
  subnet_id                 = "${azurerm_virtual_network.vnet.id}/subnets/data"
  network_security_group_id = azurerm_network_security_group.nsg.id
}
"""
    status, message = _verdict(
        tmp_path, AZURERM + association + _vm("azurerm_virtual_network.vnet", "data")
    )
    assert status is Status.UNKNOWN
    assert message.endswith("if what is not known allows it: internet → vm:22")
