"""GDCC-NET-001 on an Azure VM with no public IP address whose subnet (and so its NSG) is
outside the scan: Azure Verified Modules' examples take the subnet from a registry module
(``module.vnet``) that was not read. It stays UNKNOWN (lead's decision, stop 45): a public
load balancer, application gateway or firewall DNAT rule outside the scan may forward the
internet to it, filtered only by that NSG. It said 'inbound rules are not known'; the
message now says why, in English and Thai."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

TF = """\
data "azurerm_subnet" "vm" {
  name                 = "vm"
  virtual_network_name = "shared"
  resource_group_name  = "network"
}
resource "azurerm_network_interface" "vm" {
  name                = "vm"
  location            = "southeastasia"
  resource_group_name = "rg"
  ip_configuration {
    name                          = "ip"
    subnet_id                     = data.azurerm_subnet.vm.id
    private_ip_address_allocation = "Dynamic"
  }
}
resource "azurerm_linux_virtual_machine" "vm" {
  name                  = "vm"
  resource_group_name   = "rg"
  location              = "southeastasia"
  size                  = "Standard_B1s"
  admin_username        = "azureuser"
  network_interface_ids = [azurerm_network_interface.vm.id]
  admin_ssh_key {
    username   = "azureuser"
    public_key = "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC7 x"
  }
  os_disk {
    caching              = "ReadWrite"
    storage_account_type = "Standard_LRS"
  }
  source_image_reference {
    publisher = "Canonical"
    offer     = "0001-com-ubuntu-server-jammy"
    sku       = "22_04-lts"
    version   = "latest"
  }
}
"""


def _net001(tmp_path: Path, text: str) -> tuple[Status, str, str]:
    (tmp_path / "main.tf").write_text(text)
    report = audit([tmp_path], Settings(rule_ids=("GDCC-NET-001",)))
    [found] = [f for f in report.findings if f.address == "azurerm_linux_virtual_machine.vm"]
    return found.status, found.message.en, found.message.th


def test_a_private_vm_whose_subnet_is_outside_the_scan_says_why(tmp_path: Path) -> None:
    status, en, th = _net001(tmp_path, TF)
    assert status is Status.UNKNOWN
    assert en == (
        "it has no public IP address of its own (network interface vm), but the network "
        "security group that filters it is not known: the subnet of vm is not in the scan; "
        "a public load balancer, application gateway or firewall DNAT rule outside the scan "
        "may still forward the internet to it, filtered only by that group"
    )
    assert th.startswith("เครื่องนี้ไม่มี public IP ของตนเอง (network interface vm)")
    assert "subnet ของ vm ไม่อยู่ในการตั้งค่าที่ตรวจ" in th
    assert "load balancer สาธารณะ, application gateway หรือกฎ DNAT" in th


def test_a_public_ip_not_known_keeps_the_plain_reason(tmp_path: Path) -> None:
    text = TF.replace(
        'private_ip_address_allocation = "Dynamic"\n  }',
        'private_ip_address_allocation = "Dynamic"\n'
        "    public_ip_address_id          = data.azurerm_public_ip.vm.id\n  }",
    ) + 'data "azurerm_public_ip" "vm" {\n  name = "vm"\n  resource_group_name = "rg"\n}\n'
    status, en, _ = _net001(tmp_path, text)
    assert status is Status.UNKNOWN
    assert "no public IP address of its own" not in en
