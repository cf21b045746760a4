"""Azure public IPs and Google external forwarding rules whose ``count`` / ``for_each`` is not
known may not be created where what they publish is (``EXISTS_MAYBE``), as an AWS Elastic IP
(tests/graph/test_maybe_elastic_ips.py): the exposure is not known, naming why. Before, an
interface reading ``one(azurerm_public_ip.vm[*].id)`` or ``try(azurerm_public_ip.vm[0].id,
null)`` under ``count = var.public ? 1 : 0`` made its VM public for certain (GDCC-CMP-001,
GDCC-NET-001, GDCC-GRAPH-002 FAIL), and a Google forwarding rule under such a ``count``
published its backends for certain (GDCC-GRAPH-005 / GRAPH-002 FAIL). Created together with
what they publish (the same module and expansion), they still publish it for certain."""

from __future__ import annotations

import shutil
from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

AZURE = """\
variable "public" {
  type = bool
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
}
resource "azurerm_public_ip" "vm" {
  count               = var.public ? 1 : 0
  name                = "vm-ip"
  location            = "southeastasia"
  resource_group_name = "rg"
  allocation_method   = "Static"
  sku                 = "Basic"
}
resource "azurerm_network_interface" "vm" {
  name                = "vm-nic"
  location            = "southeastasia"
  resource_group_name = "rg"
  ip_configuration {
    name                          = "internal"
    subnet_id                     = azurerm_subnet.app.id
    private_ip_address_allocation = "Dynamic"
    public_ip_address_id          = ADDRESS
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
AZURE_RULES = ("GDCC-CMP-001", "GDCC-GRAPH-002")


def _azure(tmp_path: Path, address: str, text: str = AZURE) -> dict[str, tuple[Status, str]]:
    (tmp_path / "main.tf").write_text(text.replace("ADDRESS", address), encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=AZURE_RULES))
    return {
        f.rule_id: (f.status, f.message.en)
        for f in result.findings
        if f.address == "azurerm_linux_virtual_machine.vm"
    }


MAYBE = {
    "GDCC-CMP-001": (
        Status.UNKNOWN,
        "whether it has a public IP address is not known from the input: public IP "
        "azurerm_public_ip.vm of network interface azurerm_network_interface.vm may not be "
        "created: count / for_each not known (reads var.public)",
    ),
    "GDCC-GRAPH-002": (
        Status.UNKNOWN,
        "management ports 22, 3389, 5985, 5986, 23, 2375, 2376, 6443, 10250 reachable from "
        "the internet if what is not known allows it: internet → vm:22",
    ),
}


def test_an_azure_public_ip_that_may_not_be_created(tmp_path: Path) -> None:
    assert _azure(tmp_path, "one(azurerm_public_ip.vm[*].id)") == MAYBE
    assert _azure(tmp_path, "try(azurerm_public_ip.vm[0].id, null)") == MAYBE


def test_an_azure_public_ip_created_with_its_interface_publishes_it(tmp_path: Path) -> None:
    # the interface and the VM under the same count as the address: created together
    text = AZURE.replace(
        'resource "azurerm_network_interface" "vm" {\n',
        'resource "azurerm_network_interface" "vm" {\n  count               = var.public ? 1 : 0\n',
    ).replace("[azurerm_network_interface.vm.id]", "[azurerm_network_interface.vm[0].id]")
    found = _azure(tmp_path, "azurerm_public_ip.vm[0].id", text)
    assert found["GDCC-CMP-001"] == (Status.FAIL, "it has a public IP address")


GCE = Path(__file__).parent.parent / "fixtures" / "graph" / "gce_load_balancing"
COUNTED = 'variable "lb" {\n  type = bool\n}\n'


def _google(tmp_path: Path, case: str, rule: str, expansion: str) -> dict[tuple[str, str], tuple]:
    shutil.copytree(GCE / case, tmp_path / case)
    main = tmp_path / case / "main.tf"
    head = f'resource "{rule}" {{\n'
    text = main.read_text(encoding="utf-8")
    assert head in text
    main.write_text(COUNTED + text.replace(head, head + f"  {expansion}\n"), encoding="utf-8")
    result = audit([tmp_path / case], Settings(rule_ids=("GDCC-GRAPH-002", "GDCC-GRAPH-005")))
    return {
        (f.rule_id, f.address or ""): (f.status, f.message.en, [h["via"] for h in
                                                              f.evidence.get("path_hops", [])])
        for f in result.findings
    }


def test_a_google_proxy_forwarding_rule_that_may_not_be_created(tmp_path: Path) -> None:
    found = _google(tmp_path, "proxy", 'google_compute_global_forwarding_rule" "web',
                    "count = var.lb ? 1 : 0")
    assert found[("GDCC-GRAPH-005", "google_compute_instance.db")] == (
        Status.UNKNOWN,
        "a workload reachable from the internet can connect to port 5432 if what is not "
        "known allows it: internet → web-proxy:80 → web:8080 → db:5432",
        [
            None,
            "external forwarding rule web, which may not be created: count / for_each not "
            "known (reads var.lb); filtering not known",
            "forwards through backend service web; from-lb allows 130.211.0.0/22",
            "to-db allows 10.0.0.0/24",
        ],
    )


def test_a_google_passthrough_rule_that_may_not_be_created(tmp_path: Path) -> None:
    found = _google(tmp_path, "passthrough", 'google_compute_forwarding_rule" "all',
                    'for_each = var.lb ? toset(["a"]) : toset([])')
    status, message, hops = found[("GDCC-GRAPH-002", "google_compute_instance.www")]
    assert (status, message) == (
        Status.UNKNOWN,
        "management port 22 reachable from the internet if what is not known allows it: "
        "internet → www:22",
    )
    assert hops == [
        None,
        "external forwarding rule all, which may not be created: count / for_each not known "
        "(reads var.lb); to www; www allows 0.0.0.0/0",
    ]
