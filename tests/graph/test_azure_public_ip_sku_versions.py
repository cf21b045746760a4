"""A VM's public IP whose ``sku`` is not written takes the default of the azurerm provider
version the root runs with: Basic ("Open by default") before 4.0, Standard (closed until an
NSG allows) from 4.0, not known when the version constraint admits both. Before, Standard
was assumed whatever the version: a 3.x root's VM without NSG PASSed GDCC-NET-001."""

from __future__ import annotations

from pathlib import Path

import pytest

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

VM = """
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
}
resource "azurerm_public_ip" "web" {
  name                = "web-ip"
  location            = "southeastasia"
  resource_group_name = "rg"
  allocation_method   = "Static"
}
resource "azurerm_network_interface" "web" {
  name                = "web-nic"
  location            = "southeastasia"
  resource_group_name = "rg"
  ip_configuration {
    name                          = "internal"
    subnet_id                     = azurerm_subnet.app.id
    private_ip_address_allocation = "Dynamic"
    public_ip_address_id          = azurerm_public_ip.web.id
  }
}
resource "azurerm_linux_virtual_machine" "web" {
  name                  = "web"
  resource_group_name   = "rg"
  location              = "southeastasia"
  size                  = "Standard_B1s"
  admin_username        = "azureuser"
  network_interface_ids = [azurerm_network_interface.web.id]
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
    offer     = "ubuntu-24_04-lts"
    sku       = "server"
    version   = "latest"
  }
}
"""

PORTS = "ports 22, 3389, 3306, 5432, 1433, 1521, 27017, 6379, 9200, 5985, 5986, 23"


def _net001(tmp_path: Path, version: str) -> tuple[Status, str]:
    (tmp_path / "versions.tf").write_text(
        'terraform {\n  required_providers {\n    azurerm = {\n'
        f'      source  = "hashicorp/azurerm"\n      version = "{version}"\n    }}\n  }}\n}}\n'
    )
    (tmp_path / "main.tf").write_text(VM)
    result = audit([tmp_path], Settings(rule_ids=("GDCC-NET-001",), cache=False))
    (finding,) = result.findings
    assert finding.address == "azurerm_linux_virtual_machine.web"
    return finding.status, finding.message.en


@pytest.mark.parametrize(
    ("version", "status", "message"),
    [
        (
            "~> 3.100",
            Status.FAIL,
            f"{PORTS} are open to the whole internet: no network security group on web-nic or "
            "its subnet, and its Basic SKU public IP is open by default (provider default: "
            "'sku' not set, azurerm ~> 3.100 (versions.tf:3), not locked)",
        ),
        (
            "~> 4.0",
            Status.PASS,
            "no network security group filters it, but no public IP address lets the "
            "internet in (none, or of the Standard SKU: closed until an NSG allows)",
        ),
        (
            ">= 3.0",
            Status.UNKNOWN,
            f"cannot tell whether {PORTS} are open to the internet: no network security group "
            "on web-nic or its subnet, and whether its public IP is of the Basic SKU (open by "
            "default) is not known (the provider default of 'sku' changed between provider "
            "versions (basic for azurerm < 4.0, standard for azurerm >= 4.0) and the "
            "configuration allows azurerm >= 3.0 (versions.tf:3) with no .terraform.lock.hcl "
            "in the scan to say which is used)",
        ),
    ],
)
def test_public_ip_sku_follows_the_provider_version(
    tmp_path: Path, version: str, status: Status, message: str
) -> None:
    assert _net001(tmp_path, version) == (status, message)
