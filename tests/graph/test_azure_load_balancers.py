"""Azure load balancers in the resource graph. A public ``azurerm_lb`` is reached from the
internet on the frontend ports of its rules, NAT rules and NAT pools, and forwards to the
backend port of their targets (backend pool members by NIC association or scale set, a NAT
rule's interface) what the targets' NSGs let in from the internet: the balancer keeps the
client's address. A Standard balancer is closed to a target without NSG, a Basic one open.
An internal balancer adds no path. Before, balancers were not read: a VM in a pool was
GDCC-GRAPH-002 UNKNOWN "exposure not known" (and a scale set's paths through one missing)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from gdcc_audit import api
from gdcc_audit.api import audit
from gdcc_audit.graph.model import ResourceGraph
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings
from iac_helpers import audit_keeping_graph, id_of

NETWORK = """
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
  # a virtual network rule admits the subnet only with the service's endpoint
  service_endpoints    = ["Microsoft.Sql"]
}
resource "azurerm_network_interface" "web" {
  name                = "web-nic"
  location            = "southeastasia"
  resource_group_name = "rg"
  ip_configuration {
    name                          = "internal"
    subnet_id                     = azurerm_subnet.app.id
    private_ip_address_allocation = "Dynamic"
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
resource "azurerm_public_ip" "lb" {
  name                = "lb-ip"
  location            = "southeastasia"
  resource_group_name = "rg"
  allocation_method   = "Static"
}
resource "azurerm_lb_backend_address_pool" "pool" {
  name            = "pool"
  loadbalancer_id = azurerm_lb.lb.id
}
resource "azurerm_network_interface_backend_address_pool_association" "web" {
  network_interface_id    = azurerm_network_interface.web.id
  ip_configuration_name   = "internal"
  backend_address_pool_id = azurerm_lb_backend_address_pool.pool.id
}
resource "azurerm_lb_rule" "https" {
  loadbalancer_id                = azurerm_lb.lb.id
  name                           = "https"
  protocol                       = "Tcp"
  frontend_port                  = 443
  backend_port                   = 443
  frontend_ip_configuration_name = "front"
  backend_address_pool_ids       = [azurerm_lb_backend_address_pool.pool.id]
}
"""


def _lb(public: bool = True, sku: str | None = None) -> str:
    front = (
        "public_ip_address_id = azurerm_public_ip.lb.id" if public
        else "subnet_id            = azurerm_subnet.app.id"
    )
    line = f'\n  sku                 = "{sku}"' if sku else ""
    return f"""
resource "azurerm_lb" "lb" {{
  name                = "lb"
  location            = "southeastasia"
  resource_group_name = "rg"{line}
  frontend_ip_configuration {{
    name                 = "front"
    {front}
  }}
}}
"""


NAT_SSH = """
resource "azurerm_lb_nat_rule" "ssh" {
  resource_group_name            = "rg"
  loadbalancer_id                = azurerm_lb.lb.id
  name                           = "ssh"
  protocol                       = "Tcp"
  frontend_port                  = 50001
  backend_port                   = 22
  frontend_ip_configuration_name = "front"
}
resource "azurerm_network_interface_nat_rule_association" "ssh" {
  network_interface_id  = azurerm_network_interface.web.id
  ip_configuration_name = "internal"
  nat_rule_id           = azurerm_lb_nat_rule.ssh.id
}
"""


def _nsg(*ports: str) -> str:
    rules = "".join(
        f"""
  security_rule {{
    name                       = "r{100 + i}"
    priority                   = {100 + i}
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "{port}"
    source_address_prefix      = "Internet"
    destination_address_prefix = "*"
  }}"""
        for i, port in enumerate(ports)
    )
    return f"""
resource "azurerm_network_security_group" "web" {{
  name                = "web"
  location            = "southeastasia"
  resource_group_name = "rg"{rules}
}}
resource "azurerm_subnet_network_security_group_association" "app" {{
  subnet_id                 = azurerm_subnet.app.id
  network_security_group_id = azurerm_network_security_group.web.id
}}
"""


def _graph(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, *blocks: str) -> ResourceGraph:
    """The graph an audit of ``blocks`` builds."""
    (tmp_path / "main.tf").write_text(NETWORK + "".join(blocks))
    return audit_keeping_graph(tmp_path, monkeypatch, Settings(rule_ids=("GDCC-GRAPH-002",)))[1]


def _id(graph: ResourceGraph, address: str) -> str:
    return id_of(graph, address)


def _admin(tmp_path: Path, *blocks: str) -> tuple[Status, str, list[Any]]:
    (tmp_path / "main.tf").write_text(NETWORK + "".join(blocks))
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-002",)))
    (finding,) = result.findings
    assert finding.address == "azurerm_linux_virtual_machine.web"
    hops = [(h["label"], h["ports"], h["certain"], h["via"])
            for h in finding.evidence.get("path_hops", [])]
    return finding.status, finding.message.en, hops


PASS = "No management port is reachable from the internet through any path"


def test_a_public_rule_forwards_its_port_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # 443 -> 443, the subnet's NSG allows 443 from the internet: no management port
    assert _admin(tmp_path, _lb(), _nsg("443")) == (Status.PASS, PASS, [])
    graph = _graph(tmp_path, monkeypatch, _lb(), _nsg("443"))
    web = _id(graph, "azurerm_linux_virtual_machine.web")
    (path,) = graph.paths_from_internet(web, port=443)
    assert (str(path), path.certain) == ("internet → lb:443 → web:443", True)
    assert [(h.label, str(h.ports), h.certain, h.via) for h in path.hops] == [
        ("internet", "None", True, None),
        ("lb", "443", True, "https on a public frontend"),
        ("web", "443", True, "https forwards to web-nic in pool; allowed by web"),
    ]
    # the NSG allows 22 too, but the balancer does not forward it
    assert _admin(tmp_path, _lb(), _nsg("443", "22")) == (Status.PASS, PASS, [])


def test_a_nat_rule_publishes_ssh(tmp_path: Path) -> None:
    # the balancer's node holds every frontend port it listens on (the rule's 443 too)
    status, message, hops = _admin(tmp_path, _lb(), _nsg("443", "22"), NAT_SSH)
    assert (status, message) == (
        Status.FAIL,
        "management port 22 reachable from the internet: internet → lb:443,50001 → web:22",
    )
    assert hops == [
        ("internet", None, True, None),
        ("lb", "443,50001", True, "ssh, https on a public frontend"),
        ("web", "22", True,
         "ssh forwards to web-nic in ssh; allowed by web | "
         "https forwards to web-nic in pool; allowed by web"),
    ]
    # the NSG does not let the internet in on 22: the NAT rule reaches nothing
    assert _admin(tmp_path, _lb(), _nsg("443"), NAT_SSH)[:2] == (Status.PASS, PASS)


def test_standard_is_closed_without_an_nsg_basic_is_open(tmp_path: Path) -> None:
    # no NSG anywhere: a Standard balancer (written, or the azurerm 4.x default) lets
    # nothing in; a Basic one everything its rules forward
    assert _admin(tmp_path, _lb(sku="Standard"), NAT_SSH)[:2] == (Status.PASS, PASS)
    assert _admin(tmp_path, _lb(), NAT_SSH)[:2] == (Status.PASS, PASS)
    status, message, hops = _admin(tmp_path, _lb(sku="Basic"), NAT_SSH)
    assert (status, message) == (
        Status.FAIL,
        "management port 22 reachable from the internet: internet → lb:443,50001 → web:22",
    )
    assert hops[-1] == (
        "web", "22", True,
        "ssh forwards to web-nic in ssh; no network security group on web-nic or its subnet; "
        "Basic load balancer, open by default | https forwards to web-nic in pool; no "
        "network security group on web-nic or its subnet; Basic load balancer, open by default",
    )


def test_an_internal_balancer_is_no_internet_path(tmp_path: Path) -> None:
    assert _admin(tmp_path, _lb(public=False), _nsg("443", "22"), NAT_SSH) == (
        Status.PASS, PASS, []
    )


def test_a_pool_outside_the_scan_stays_unknown(tmp_path: Path) -> None:
    # the NAT rule an interface is associated with is not in the scan: what it publishes
    # is not known (as before balancers were read)
    outside = """
variable "nat_rule_id" {}
resource "azurerm_network_interface_nat_rule_association" "ssh" {
  network_interface_id  = azurerm_network_interface.web.id
  ip_configuration_name = "internal"
  nat_rule_id           = var.nat_rule_id
}
"""
    status, message, _ = _admin(tmp_path, _lb(), _nsg("443", "22"), outside)
    assert (status, message) == (
        Status.UNKNOWN,
        "management port 22 reachable from the internet if what is not known allows it: "
        "internet → web:22",
    )


DATABASE = """
resource "azurerm_mssql_server" "db" {
  name                         = "db"
  resource_group_name          = "rg"
  location                     = "southeastasia"
  version                      = "12.0"
  administrator_login          = "sqladmin"
  administrator_login_password = var.password
}
variable "password" {
  sensitive = true
}
resource "azurerm_mssql_virtual_network_rule" "app" {
  name      = "app"
  server_id = azurerm_mssql_server.db.id
  subnet_id = azurerm_subnet.app.id
}
"""


def test_attack_path_through_the_balancer_to_a_database(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(NETWORK + _lb() + _nsg("443") + DATABASE)
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-005",)))
    found = {f.address: f for f in result.findings}
    db = found["azurerm_mssql_server.db"]
    assert (db.status, db.message.en) == (
        Status.FAIL,
        "a workload reachable from the internet can connect to port 1433: "
        "internet → lb:443 → web:443 → db:1433",
    )
    # the same without the balancer: web has no public IP, nothing reaches db
    (tmp_path / "main.tf").write_text(
        NETWORK.split('resource "azurerm_public_ip" "lb"', maxsplit=1)[0] + _nsg("443")
        + DATABASE
    )
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-005",)))
    assert {f.address: f.status for f in result.findings}["azurerm_mssql_server.db"] == (
        Status.PASS
    )


SCALE_SET = """
resource "azurerm_lb_nat_pool" "ssh" {
  resource_group_name            = "rg"
  loadbalancer_id                = azurerm_lb.lb.id
  name                           = "ssh"
  protocol                       = "Tcp"
  frontend_port_start            = 50000
  frontend_port_end              = 50119
  backend_port                   = 22
  frontend_ip_configuration_name = "front"
}
resource "azurerm_linux_virtual_machine_scale_set" "ss" {
  name                = "ss"
  resource_group_name = "rg"
  location            = "southeastasia"
  sku                 = "Standard_B1s"
  instances           = 2
  admin_username      = "azureuser"
  admin_ssh_key {
    username   = "azureuser"
    public_key = "ssh-rsa AAAA"
  }
  source_image_reference {
    publisher = "Canonical"
    offer     = "ubuntu-24_04-lts"
    sku       = "server"
    version   = "latest"
  }
  os_disk {
    caching              = "ReadWrite"
    storage_account_type = "Standard_LRS"
  }
  network_interface {
    name    = "nic"
    primary = true
    ip_configuration {
      name                                   = "internal"
      primary                                = true
      subnet_id                              = azurerm_subnet.app.id
      load_balancer_backend_address_pool_ids = [azurerm_lb_backend_address_pool.pool.id]
      load_balancer_inbound_nat_rules_ids    = [azurerm_lb_nat_pool.ssh.id]
    }
  }
}
"""


def test_a_scale_set_behind_a_nat_pool(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    graph = _graph(tmp_path, monkeypatch, _lb(), _nsg("443", "22"), SCALE_SET)
    ss = _id(graph, "azurerm_linux_virtual_machine_scale_set.ss")
    (path,) = graph.paths_from_internet(ss, port=22)
    assert (str(path), path.certain) == ("internet → lb:443,50000-50119 → ss:22", True)
    assert path.hops[-1].via == (
        "ssh forwards to ss in ssh; allowed by web | https forwards to ss in pool; allowed by web"
    )
    # the subnet's NSG lets only 443 in from the internet: the balancer forwards 443 only
    # (22 still comes from web through the virtual network's default rule)
    graph = _graph(tmp_path, monkeypatch, _lb(), _nsg("443"), SCALE_SET)
    ss, lb = (_id(graph, a) for a in ("azurerm_linux_virtual_machine_scale_set.ss",
                                      "azurerm_lb.lb"))
    assert str(graph.reach.edge(lb, ss)["ports"]) == "443"
    assert str(graph.paths_from_internet(ss, port=22)[0]) == (
        "internet → lb:443,50000-50119 → web:443 → ss:22"
    )


def test_a_pool_of_ip_addresses_may_hold_any_vm_of_its_network(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    by_address = """
resource "azurerm_lb_backend_address_pool_address" "a" {
  name                    = "a"
  backend_address_pool_id = azurerm_lb_backend_address_pool.pool.id
  virtual_network_id      = azurerm_virtual_network.vnet.id
  ip_address              = "10.0.1.10"
}
resource "azurerm_lb_rule" "ssh" {
  loadbalancer_id                = azurerm_lb.lb.id
  name                           = "ssh"
  protocol                       = "Tcp"
  frontend_port                  = 2222
  backend_port                   = 22
  frontend_ip_configuration_name = "front"
  backend_address_pool_ids       = [azurerm_lb_backend_address_pool.pool.id]
}
"""
    source = NETWORK.replace(
        'resource "azurerm_network_interface_backend_address_pool_association" "web"',
        'resource "azurerm_network_interface_backend_address_pool_association" "unused"',
    ).replace("network_interface_id    = azurerm_network_interface.web.id",
              "network_interface_id    = var.other_nic")
    (tmp_path / "main.tf").write_text(
        source + 'variable "other_nic" {}\n' + _lb() + _nsg("443", "22") + by_address
    )
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-002",)))
    (finding,) = result.findings
    assert (finding.status, finding.message.en) == (
        Status.UNKNOWN,
        "management port 22 reachable from the internet if what is not known allows it: "
        "internet → lb:443,2222 → web:22",
    )
    assert finding.evidence["path_hops"][-1]["via"] == (
        "https forwards to a (an IP address that may be web's); allowed by web | ssh forwards "
        "to a (an IP address that may be web's); allowed by web"
    )


def test_a_layer_4_balancer_has_no_tls_waf_or_access_log(tmp_path: Path) -> None:
    """An Azure load balancer passes connections through: TLS, WAF and access-log rules do
    not apply to it (they were not judged at all: azurerm_lb was not mapped)."""
    (tmp_path / "main.tf").write_text(NETWORK + _lb())
    rules = ("GDCC-ENC-004", "GDCC-ENC-005", "GDCC-NET-003", "GDCC-LOG-007", "GDCC-GRAPH-013")
    result = audit([tmp_path], Settings(rule_ids=rules))
    found = {(f.rule_id, f.address): f for f in result.findings}
    assert {k: f.status for k, f in found.items()} == {
        (rule, "azurerm_lb.lb"): Status.NOT_APPLICABLE for rule in rules
    }
    assert found[("GDCC-NET-003", "azurerm_lb.lb")].message.en.startswith(
        "does not apply to azurerm_lb: an Azure load balancer passes connections through "
        "(layer 4)"
    )
    kinds = {r.address: r.kind for r in result.resources}
    assert (kinds["azurerm_lb.lb"], kinds["azurerm_lb_rule.https"],
            kinds["azurerm_lb_backend_address_pool.pool"]) == (
        "network.load_balancer", "network.target_group", "network.target_group"
    )


def test_counted_associations_join_each_instance(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``element(azurerm_network_interface.n[*].id, count.index)`` in a counted association
    is interface *i* for instance *i*: both VMs are in the pool (the second was not)."""
    counted = NETWORK.replace(
        'resource "azurerm_network_interface" "web" {',
        'resource "azurerm_network_interface" "web" {\n  count = 2',
    ).replace(
        'resource "azurerm_linux_virtual_machine" "web" {',
        'resource "azurerm_linux_virtual_machine" "web" {\n  count = 2',
    ).replace(
        "network_interface_ids = [azurerm_network_interface.web.id]",
        "network_interface_ids = [azurerm_network_interface.web[count.index].id]",
    ).replace(
        'resource "azurerm_network_interface_backend_address_pool_association" "web" {\n'
        "  network_interface_id    = azurerm_network_interface.web.id",
        'resource "azurerm_network_interface_backend_address_pool_association" "web" {\n'
        "  count                   = 2\n"
        "  network_interface_id    = element(azurerm_network_interface.web[*].id, count.index)",
    )
    (tmp_path / "main.tf").write_text(counted + _lb() + _nsg("443"))
    built: list[ResourceGraph] = []

    class Keeping(ResourceGraph):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            built.append(self)

    monkeypatch.setattr(api, "ResourceGraph", Keeping)
    audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-002",)))
    graph = built[-1]
    for index in (0, 1):
        vm = _id(graph, f"azurerm_linux_virtual_machine.web[{index}]")
        (path,) = graph.paths_from_internet(vm, port=443)
        assert (str(path), path.certain) == ("internet → lb:443 → web:443", True)


def test_a_pool_of_a_balancer_outside_the_scan_stays_unknown(tmp_path: Path) -> None:
    """The pool is in the scan but its balancer is not (``loadbalancer_id`` from an input):
    that balancer's rules are not known, so neither is what reaches the VM."""
    source = NETWORK.replace(
        'name            = "pool"\n  loadbalancer_id = azurerm_lb.lb.id',
        'name            = "pool"\n  loadbalancer_id = var.lb_id',
    )
    assert source != NETWORK
    (tmp_path / "main.tf").write_text(source + 'variable "lb_id" {}\n' + _nsg("443", "22"))
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-002",)))
    assert {f.address: (f.status, f.message.en) for f in result.findings} == {
        "azurerm_linux_virtual_machine.web": (
            Status.UNKNOWN,
            "management port 22 reachable from the internet if what is not known allows it: "
            "internet → web:22",
        ),
    }


def _pinned(version: str) -> str:
    return f"""
terraform {{
  required_providers {{
    azurerm = {{
      source  = "hashicorp/azurerm"
      version = "{version}"
    }}
  }}
}}
"""


def test_sku_not_written_is_the_default_of_the_pinned_provider(tmp_path: Path) -> None:
    # azurerm 3.x sent sku = "Basic" when it is not written ("Defaults to Basic"; Standard
    # from 4.0): a 3.x root's balancer is open by default. Before, Standard was assumed
    # whatever the version (a wrong PASS).
    status, message, hops = _admin(tmp_path, _pinned("~> 3.100"), _lb(), NAT_SSH)
    assert (status, message) == (
        Status.FAIL,
        "management port 22 reachable from the internet: internet → lb:443,50001 → web:22",
    )
    default = "(provider default: 'sku' not set, azurerm ~> 3.100 (main.tf:75), not locked)"
    assert hops[-1] == (
        "web", "22", True,
        "ssh forwards to web-nic in ssh; no network security group on web-nic or its subnet; "
        f"Basic load balancer, open by default {default} | https forwards to web-nic in pool; "
        "no network security group on web-nic or its subnet; Basic load balancer, open by "
        f"default {default}",
    )
    assert _admin(tmp_path, _pinned("~> 4.0"), _lb(), NAT_SSH)[:2] == (Status.PASS, PASS)
    # both eras allowed, no lock file: not known
    status, message, hops = _admin(tmp_path, _pinned(">= 3.0"), _lb(), NAT_SSH)
    assert (status, message) == (
        Status.UNKNOWN,
        "management port 22 reachable from the internet if what is not known allows it: "
        "internet → lb:443,50001 → web:22",
    )
    assert hops[-1][3].startswith(
        "ssh forwards to web-nic in ssh; no network security group on web-nic or its subnet; "
        "load balancer SKU not known (the provider default of 'sku' changed between provider "
        "versions (basic for azurerm < 4.0, standard for azurerm >= 4.0) and the "
        "configuration allows azurerm >= 3.0 (main.tf:75) with no .terraform.lock.hcl in the "
        "scan to say which is used)"
    )
