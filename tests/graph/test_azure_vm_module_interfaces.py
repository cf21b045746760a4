"""An Azure VM module shaped as Azure Verified Modules' virtual machine: the caller passes a
map of network interfaces (``network_interfaces``: their subnet, a public IP or none, read
from other modules), the module makes one ``azurerm_network_interface`` per entry with a
``dynamic "ip_configuration"`` over it, and the VM lists them in the caller's order
(``[for k in local.ordered : azurerm_network_interface.nic[k].id]``).

Two readings were lost: the VM's ``network_interface_ids`` carried every reference of the
caller's map (``module.naming``, ``module.vnet``), so its interfaces were 'not in the scan'
(GDCC-CMP-001 UNKNOWN although the module's own default, no public IP, decides it); and the
interface's subnet and public IP, read through the ``dynamic`` block's value, had their
references under ``ip_configuration`` as a whole, so the graph found neither (GDCC-GRAPH-002
UNKNOWN 'the subnet of nic is not in the scan' whatever the subnet's NSG says)."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.load.discover import discover
from gdcc_audit.load.terraform import TerraformLoader
from gdcc_audit.load.terraform_model import TfDocument
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

MODULE = """\
variable "name" {
  type = string
}
variable "network_interfaces" {
  type = map(object({
    name       = string
    is_primary = optional(bool, false)
    ip_configurations = map(object({
      name                          = string
      private_ip_subnet_resource_id = optional(string)
      create_public_ip_address      = optional(bool, false)
      public_ip_address_resource_id = optional(string)
    }))
  }))
}
locals {
  ordered = concat(
    [for k, v in var.network_interfaces : k if v.is_primary],
    [for k, v in var.network_interfaces : k if !v.is_primary],
  )
  ip_configs = { for item in flatten([
    for nk, nv in var.network_interfaces : [
      for ik, iv in nv.ip_configurations : { key = "${nk}-${ik}", ip = iv }
    ]
  ]) : item.key => item }
}
resource "azurerm_public_ip" "made" {
  for_each            = { for k, v in local.ip_configs : k => v if v.ip.create_public_ip_address }
  name                = "${var.name}-${each.key}"
  location            = "southeastasia"
  resource_group_name = "rg"
  allocation_method   = "Static"
}
resource "azurerm_network_interface" "nic" {
  for_each            = var.network_interfaces
  name                = each.value.name
  location            = "southeastasia"
  resource_group_name = "rg"
  dynamic "ip_configuration" {
    for_each = each.value.ip_configurations
    content {
      name                          = ip_configuration.value.name
      private_ip_address_allocation = "Dynamic"
      subnet_id                     = ip_configuration.value.private_ip_subnet_resource_id
      public_ip_address_id = (
        ip_configuration.value.create_public_ip_address
        ? azurerm_public_ip.made["${each.key}-${ip_configuration.key}"].id
        : ip_configuration.value.public_ip_address_resource_id
      )
    }
  }
}
resource "azurerm_linux_virtual_machine" "this" {
  name                  = var.name
  resource_group_name   = "rg"
  location              = "southeastasia"
  size                  = "Standard_B1s"
  admin_username        = "azureuser"
  network_interface_ids = [for k in local.ordered : azurerm_network_interface.nic[k].id]
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

ROOT = """\
module "naming" {
  source  = "Azure/naming/azurerm"
  version = "0.4.0"
}
resource "azurerm_virtual_network" "vnet" {
  name                = "vnet"
  location            = "southeastasia"
  resource_group_name = "rg"
  address_space       = ["10.0.0.0/16"]
}
resource "azurerm_subnet" "vm" {
  name                 = "vm"
  resource_group_name  = "rg"
  virtual_network_name = azurerm_virtual_network.vnet.name
  address_prefixes     = ["10.0.1.0/24"]
}
resource "azurerm_network_security_group" "ssh" {
  name                = "ssh"
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
    source_address_prefix      = "Internet"
    destination_address_prefix = "*"
  }
}
resource "azurerm_subnet_network_security_group_association" "vm" {
  subnet_id                 = azurerm_subnet.vm.id
  network_security_group_id = azurerm_network_security_group.ssh.id
}
resource "azurerm_public_ip" "given" {
  name                = "given"
  location            = "southeastasia"
  resource_group_name = "rg"
  allocation_method   = "Static"
}
module "vm" {
  source = "./vm"
  name   = module.naming.virtual_machine.name_unique
  network_interfaces = {
    nic1 = {
      name = "${module.naming.network_interface.name_unique}-1"
      ip_configurations = {
        ip1 = {
          name                          = "${module.naming.network_interface.name_unique}-ip1"
          private_ip_subnet_resource_id = azurerm_subnet.vm.id%s
        }
      }
    }
  }
}
"""


def _verdicts(
    tmp_path: Path, public: str, root: str = ROOT, module: str = MODULE
) -> dict[str, tuple[Status, str]]:
    (tmp_path / "vm").mkdir(exist_ok=True)
    (tmp_path / "vm" / "main.tf").write_text(module, encoding="utf-8")
    (tmp_path / "main.tf").write_text(root % public, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-CMP-001", "GDCC-GRAPH-002")))
    return {
        f.rule_id: (f.status, f.message.en)
        for f in result.findings
        if f.address == "module.vm.azurerm_linux_virtual_machine.this"
    }


def test_the_modules_default_decides_no_public_ip(tmp_path: Path) -> None:
    assert _verdicts(tmp_path, "") == {
        "GDCC-CMP-001": (Status.PASS, "Instances have no public IP address"),
        "GDCC-GRAPH-002": (
            Status.PASS, "No management port is reachable from the internet through any path"
        ),
    }


def test_a_public_ip_and_subnet_given_through_the_map_are_followed(tmp_path: Path) -> None:
    given = "\n          public_ip_address_resource_id = azurerm_public_ip.given.id"
    # names from a resource of the scan (a module not read, as module.naming, may associate
    # an NSG with the interface: not known)
    root = ROOT.replace(
        'module "naming" {\n  source  = "Azure/naming/azurerm"\n  version = "0.4.0"\n}',
        'resource "random_string" "naming" {\n  length = 6\n}',
    )
    for name in ("virtual_machine", "network_interface"):
        root = root.replace(f"module.naming.{name}.name_unique", "random_string.naming.result")
    assert _verdicts(tmp_path, given, root) == {
        "GDCC-CMP-001": (Status.FAIL, "it has a public IP address"),
        # the subnet's NSG (the association in the root) opens 22 to the internet
        "GDCC-GRAPH-002": (
            Status.FAIL,
            "management port 22 reachable from the internet: internet → module.vm.this:22",
        ),
    }


def _vm_refs(tmp_path: Path, module: str) -> list[str]:
    (tmp_path / "vm").mkdir(exist_ok=True)
    (tmp_path / "vm" / "main.tf").write_text(module, encoding="utf-8")
    (tmp_path / "main.tf").write_text(ROOT % "", encoding="utf-8")
    loader, settings = TerraformLoader(), Settings()
    found = discover([tmp_path], [loader], settings)
    targets = []
    for item in loader.load(found.claims.get(loader.name, []), settings):
        assert isinstance(item.data, TfDocument)
        for r in item.data.resources:
            if r.address == "module.vm.azurerm_linux_virtual_machine.this":
                targets += [
                    ref.target for ref in r.references if ref.attribute == "network_interface_ids"
                ]
    return sorted(targets)


def test_the_for_over_the_callers_keys_holds_only_the_interfaces(tmp_path: Path) -> None:
    # the loader keeps a ``for``'s collection apart from what its values pick (89b3b690):
    # the list refers to the interface alone, not to module.naming / the subnet the caller's
    # map reads (what azurerm.nic_read_only dropped before)
    assert _vm_refs(tmp_path, MODULE) == ['module.vm.azurerm_network_interface.nic["nic1"]']


#: the VM takes its interface by a key computed from the caller's map (not a ``for``)
PICKED = MODULE.replace(
    "network_interface_ids = [for k in local.ordered : azurerm_network_interface.nic[k].id]",
    "network_interface_ids = [azurerm_network_interface.nic[local.ordered[0]].id]",
)


def test_an_interface_picked_by_a_key_read_from_the_callers_map(tmp_path: Path) -> None:
    # a known index key only chose the interface: what the key read (module.naming and the
    # subnet, through the caller's map) is not what the list holds (the loader keeps it
    # apart, evaluate.index_key; azurerm.nic_read_only did it for VMs alone before)
    assert _vm_refs(tmp_path, PICKED) == ['module.vm.azurerm_network_interface.nic["nic1"]']
    assert _verdicts(tmp_path, "", module=PICKED)["GDCC-CMP-001"] == (
        Status.PASS, "Instances have no public IP address"
    )


#: the key is not known (a name computed at apply): what it reads may decide which
#: interface, so it stays with the list
UNKNOWN_KEY = MODULE.replace(
    "network_interface_ids = [for k in local.ordered : azurerm_network_interface.nic[k].id]",
    "network_interface_ids = [azurerm_network_interface.nic[random_pet.pick.id].id]",
)


def test_an_interface_picked_by_a_key_not_known_keeps_what_the_key_reads(
    tmp_path: Path,
) -> None:
    assert _vm_refs(tmp_path, UNKNOWN_KEY) == [
        "module.vm.azurerm_network_interface.nic", "module.vm.random_pet.pick"
    ]
