"""Azure VMs reach the network through their network interfaces: the NSG of the interface and
the NSG of its subnet must both allow the traffic (an intersection); with no NSG on either,
everything passes, except from the internet through a Standard SKU public IP (closed until an
NSG allows). Before, no NSG association was read and every Azure VM with a public IP was
GDCC-GRAPH-002 UNKNOWN whatever its NSGs said."""

from __future__ import annotations

from pathlib import Path

import pytest

from gdcc_audit.api import audit
from gdcc_audit.graph.azure import cross, meet
from gdcc_audit.graph.model import ResourceGraph
from gdcc_audit.models.finding import Status
from gdcc_audit.models.resource import IngressRule
from gdcc_audit.settings import Settings
from iac_helpers import audit_keeping_graph, id_of

NETWORK = """
resource "azurerm_virtual_network" "vnet" {
  name                = "vnet"
  location            = "westeurope"
  resource_group_name = "rg"
  address_space       = ["10.0.0.0/16"]
}
resource "azurerm_subnet" "app" {
  name                 = "app"
  resource_group_name  = "rg"
  virtual_network_name = azurerm_virtual_network.vnet.name
  address_prefixes     = ["10.0.1.0/24"]
}
"""


def _vm(name: str = "vm", public: bool = True) -> str:
    address = f"\n    public_ip_address_id          = azurerm_public_ip.{name}.id" if public else ""
    return f"""
resource "azurerm_network_interface" "{name}" {{
  name                = "{name}-nic"
  location            = "westeurope"
  resource_group_name = "rg"
  ip_configuration {{
    name                          = "internal"
    subnet_id                     = azurerm_subnet.app.id
    private_ip_address_allocation = "Dynamic"{address}
  }}
}}
resource "azurerm_linux_virtual_machine" "{name}" {{
  name                  = "{name}"
  resource_group_name   = "rg"
  location              = "westeurope"
  size                  = "Standard_B1s"
  admin_username        = "azureuser"
  network_interface_ids = [azurerm_network_interface.{name}.id]
  admin_ssh_key {{
    username   = "azureuser"
    public_key = "ssh-rsa AAAA"
  }}
  os_disk {{
    caching              = "ReadWrite"
    storage_account_type = "Standard_LRS"
  }}
  source_image_reference {{
    publisher = "Canonical"
    offer     = "ubuntu-24_04-lts"
    sku       = "server"
    version   = "latest"
  }}
}}
"""


def _ip(name: str = "vm", sku: str | None = "Basic") -> str:
    line = f'\n  sku                 = "{sku}"' if sku else ""
    return f"""
resource "azurerm_public_ip" "{name}" {{
  name                = "{name}-ip"
  location            = "westeurope"
  resource_group_name = "rg"
  allocation_method   = "Static"{line}
}}
"""


def _rule(priority: int, access: str, port: str, source: str) -> str:
    return f"""
  security_rule {{
    name                       = "r{priority}"
    priority                   = {priority}
    direction                  = "Inbound"
    access                     = "{access}"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "{port}"
    source_address_prefix      = "{source}"
    destination_address_prefix = "*"
  }}"""


def _nsg(name: str, *rules: str) -> str:
    return f"""
resource "azurerm_network_security_group" "{name}" {{
  name                = "{name}"
  location            = "westeurope"
  resource_group_name = "rg"{''.join(rules)}
}}
"""


def _on_nic(nsg: str, nic: str = "vm", group: str | None = None) -> str:
    return f"""
resource "azurerm_network_interface_security_group_association" "{nic}" {{
  network_interface_id      = azurerm_network_interface.{nic}.id
  network_security_group_id = {group or f"azurerm_network_security_group.{nsg}.id"}
}}
"""


def _on_subnet(nsg: str) -> str:
    return f"""
resource "azurerm_subnet_network_security_group_association" "app" {{
  subnet_id                 = azurerm_subnet.app.id
  network_security_group_id = azurerm_network_security_group.{nsg}.id
}}
"""


SSH_FROM_INTERNET = _rule(100, "Allow", "22", "Internet")


def _exposure(tmp_path: Path, *blocks: str) -> dict[str, tuple[Status, str]]:
    (tmp_path / "main.tf").write_text(NETWORK + "".join(blocks))
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-002",)))
    return {f.address or "": (f.status, f.message.en) for f in result.findings}


def test_a_nic_nsg_allowing_ssh_from_the_internet_fails_with_the_path(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(
        NETWORK + _vm() + _ip() + _nsg("web", SSH_FROM_INTERNET) + _on_nic("web")
    )
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-002",)))
    (finding,) = result.findings
    assert (finding.address, finding.status, finding.message.en) == (
        "azurerm_linux_virtual_machine.vm",
        Status.FAIL,
        "management port 22 reachable from the internet: internet → vm:22",
    )
    hops = finding.evidence["path_hops"]
    assert [(h["label"], h["ports"], h["certain"], h["via"]) for h in hops] == [
        ("internet", None, True, None),
        ("vm", "22", True, "public IP of vm-nic; allowed by web"),
    ]


def test_the_subnet_nsg_and_the_nic_nsg_must_both_allow(tmp_path: Path) -> None:
    # the NIC's group allows 22 and 443 from the internet, the subnet's only 443: 22 is closed
    nic = _nsg("web", SSH_FROM_INTERNET, _rule(110, "Allow", "443", "Internet"))
    subnet = _nsg("tier", _rule(100, "Allow", "443", "Internet"))
    assert _exposure(tmp_path, _vm(), _ip(), nic, _on_nic("web"), subnet, _on_subnet("tier")) == {
        "azurerm_linux_virtual_machine.vm": (
            Status.PASS, "No management port is reachable from the internet through any path"
        ),
    }
    # a subnet group that denies 22 before allowing everything: the same
    subnet = _nsg("tier", _rule(100, "Deny", "22", "*"), _rule(200, "Allow", "*", "*"))
    assert _exposure(tmp_path, _vm(), _ip(), nic, _on_nic("web"), subnet, _on_subnet("tier"))[
        "azurerm_linux_virtual_machine.vm"
    ][0] is Status.PASS
    # the subnet's group alone decides when the NIC has none
    subnet = _nsg("tier", SSH_FROM_INTERNET)
    assert _exposure(tmp_path, _vm(), _ip(), subnet, _on_subnet("tier")) == {
        "azurerm_linux_virtual_machine.vm": (
            Status.FAIL,
            "management port 22 reachable from the internet: internet → vm:22",
        ),
    }


def test_no_nsg_with_a_basic_public_ip_lets_everything_in(tmp_path: Path) -> None:
    assert _exposure(tmp_path, _vm(), _ip(sku="Basic")) == {
        "azurerm_linux_virtual_machine.vm": (
            Status.FAIL,
            "management ports 22, 3389, 5985, 5986, 23, 2375, 2376, 6443, 10250 reachable from the "
            "internet: internet → vm:22",
        ),
    }


def test_a_standard_public_ip_is_closed_without_an_nsg(tmp_path: Path) -> None:
    closed = {
        "azurerm_linux_virtual_machine.vm": (
            Status.PASS, "No management port is reachable from the internet through any path"
        ),
    }
    assert _exposure(tmp_path, _vm(), _ip(sku="Standard")) == closed
    # not written: the provider's default is Standard
    assert _exposure(tmp_path, _vm(), _ip(sku=None)) == closed
    # an NSG that allows SSH opens it
    assert _exposure(
        tmp_path, _vm(), _ip(sku="Standard"), _nsg("web", SSH_FROM_INTERNET), _on_nic("web")
    )["azurerm_linux_virtual_machine.vm"][0] is Status.FAIL


def test_an_nsg_outside_the_scan_is_not_known(tmp_path: Path) -> None:
    variable = 'variable "nsg_id" {\n  type = string\n}\n'
    found = _exposure(tmp_path, variable, _vm(), _ip(), _on_nic("x", group="var.nsg_id"))
    assert found == {
        "azurerm_linux_virtual_machine.vm": (
            Status.UNKNOWN,
            "management ports 22, 3389, 5985, 5986, 23, 2375, 2376, 6443, 10250 reachable from the "
            "internet if what is not known allows it: internet → vm:22",
        ),
    }
    # a known subnet group that allows only 443 still closes 22 (the unknown one can only
    # narrow it)
    subnet = _nsg("tier", _rule(100, "Allow", "443", "Internet"))
    assert _exposure(
        tmp_path, variable, _vm(), _ip(), _on_nic("x", group="var.nsg_id"), subnet,
        _on_subnet("tier"),
    )["azurerm_linux_virtual_machine.vm"][0] is Status.PASS


def test_a_private_vm_is_not_reached_from_the_internet(tmp_path: Path) -> None:
    assert _exposure(tmp_path, _vm(public=False))["azurerm_linux_virtual_machine.vm"][0] is (
        Status.PASS
    )


SCALE_SET = """
resource "azurerm_linux_virtual_machine_scale_set" "ss" {
  name                = "ss"
  resource_group_name = "rg"
  location            = "westeurope"
  sku                 = "Standard_B1s"
  instances           = 2
  admin_username      = "azureuser"
  admin_ssh_key {
    username   = "azureuser"
    public_key = "ssh-rsa AAAA"
  }
  os_disk {
    caching              = "ReadWrite"
    storage_account_type = "Standard_LRS"
  }
  network_interface {
    name                      = "nic"
    primary                   = true
    network_security_group_id = azurerm_network_security_group.web.id
    ip_configuration {
      name      = "internal"
      primary   = true
      subnet_id = azurerm_subnet.app.id
      public_ip_address {
        name = "pip"
      }
    }
  }
}
"""


def _graph(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, *blocks: str) -> ResourceGraph:
    """The graph an audit of ``blocks`` builds."""
    (tmp_path / "main.tf").write_text(NETWORK + "".join(blocks))
    return audit_keeping_graph(tmp_path, monkeypatch, Settings(rule_ids=("GDCC-GRAPH-002",)))[1]


def _id(graph: ResourceGraph, address: str) -> str:
    return id_of(graph, address)


def test_a_scale_set_is_judged_on_both_groups(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    nic = _nsg("web", SSH_FROM_INTERNET, _rule(110, "Allow", "443", "Internet"))
    graph = _graph(tmp_path, monkeypatch, SCALE_SET, nic)
    ss = _id(graph, "azurerm_linux_virtual_machine_scale_set.ss")
    (path,) = graph.paths_from_internet(ss, port=22)
    assert (str(path), path.certain) == ("internet → ss:22", True)
    subnet = _nsg("tier", _rule(100, "Allow", "443", "Internet"))
    graph = _graph(tmp_path, monkeypatch, SCALE_SET, nic, subnet, _on_subnet("tier"))
    ss = _id(graph, "azurerm_linux_virtual_machine_scale_set.ss")
    assert graph.paths_from_internet(ss, port=22) == []
    assert str(graph.paths_from_internet(ss, port=443)[0]) == "internet → ss:443"


def test_the_virtual_network_reaches_a_vm_through_the_default_rule(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # db's group allows only 443 from the internet; its default AllowVnetInBound lets the
    # web VM of the same virtual network in on every port
    graph = _graph(
        tmp_path, monkeypatch, _vm("web"), _ip("web"), _vm("db", public=False),
        _nsg("dbnsg", _rule(100, "Allow", "443", "Internet")), _on_nic("dbnsg", nic="db"),
    )
    web, db = (_id(graph, f"azurerm_linux_virtual_machine.{n}") for n in ("web", "db"))
    assert graph.reachable(web, db, port=5432) is True
    # a deny of the virtual network in db's group closes it
    graph = _graph(
        tmp_path, monkeypatch, _vm("web"), _ip("web"), _vm("db", public=False),
        _nsg("dbnsg", _rule(4000, "Deny", "*", "VirtualNetwork")), _on_nic("dbnsg", nic="db"),
    )
    web, db = (_id(graph, f"azurerm_linux_virtual_machine.{n}") for n in ("web", "db"))
    assert graph.reachable(web, db, port=5432) is False


def test_sources_and_ports_meet() -> None:
    assert cross(("0.0.0.0/0",), ("10.0.0.0/8",)) == ("10.0.0.0/8",)
    assert cross(("10.0.0.0/8",), ("10.1.0.0/16", "192.168.0.0/16")) == ("10.1.0.0/16",)
    assert cross(("10.0.0.0/8",), ("2001:db8::/32",)) == ()
    assert cross(("VirtualNetwork",), ("10.0.0.0/7",)) == ("10.0.0.0/8",)
    assert cross(("VirtualNetwork",), ("AzureLoadBalancer",)) == ("AzureLoadBalancer",)
    assert cross(None, ("10.0.0.0/8",)) is None
    ssh = IngressRule(protocol="tcp", from_port=22, to_port=22, sources=("0.0.0.0/0",))
    every = IngressRule(protocol="all", from_port=0, to_port=65535, sources=("10.0.0.0/8",))
    assert meet(ssh, every) == [
        IngressRule(protocol="tcp", from_port=22, to_port=22, sources=("10.0.0.0/8",))
    ]
    udp = IngressRule(protocol="udp", from_port=0, to_port=65535, sources=("0.0.0.0/0",))
    assert meet(ssh, udp) == []
    # a protocol not known: the other's ports, with sources not known
    odd = IngressRule(protocol="unknown", sources=("0.0.0.0/0",))
    assert meet(odd, ssh) == [IngressRule(protocol="tcp", from_port=22, to_port=22, sources=None)]


OTHER_NETWORK = """
resource "azurerm_virtual_network" "other" {
  name                = "other"
  location            = "westeurope"
  resource_group_name = "rg"
  address_space       = ["10.9.0.0/16"]
}
resource "azurerm_subnet" "other" {
  name                 = "other"
  resource_group_name  = "rg"
  virtual_network_name = azurerm_virtual_network.other.name
  address_prefixes     = ["10.9.1.0/24"]
}
"""


def test_a_vm_without_nsg_is_open_to_its_own_network_only_surely(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # web is public (its group allows 443); lone has no NSG and no public IP, and its own
    # group-less neighbour "near" shares web's network while "far" sits in another one
    far = _vm("far", public=False).replace("azurerm_subnet.app.id", "azurerm_subnet.other.id")
    graph = _graph(
        tmp_path, monkeypatch, OTHER_NETWORK, _vm("web"), _ip("web"),
        _nsg("webnsg", _rule(100, "Allow", "443", "Internet")), _on_nic("webnsg", nic="web"),
        _vm("near", public=False), far,
    )
    web, near, far_id = (
        _id(graph, f"azurerm_linux_virtual_machine.{n}") for n in ("web", "near", "far")
    )
    assert graph.reachable(web, near, port=22) is True
    # another network: only through a peering or gateway, and the scan's peerings are read
    # (graph/islands.py): none joins them, so far is not reached (was uncertain)
    assert graph.reachable(web, far_id, port=22) is False
    assert [str(p) for p in graph.paths_from_internet(near, port=22)] == [
        "internet → web:443 → near:22"
    ]
    # an NSG rule for every address does not join networks either
    graph = _graph(
        tmp_path, monkeypatch, OTHER_NETWORK, _vm("web"), _ip("web"),
        _nsg("webnsg", _rule(100, "Allow", "443", "Internet")), _on_nic("webnsg", nic="web"),
        far, _nsg("farnsg", _rule(100, "Allow", "22", "*")), _on_nic("farnsg", nic="far"),
    )
    web, far_id = (_id(graph, f"azurerm_linux_virtual_machine.{n}") for n in ("web", "far"))
    assert graph.reachable(web, far_id, port=22) is False


#: The management and database ports GDCC-NET-001 checks (rules/packs/gdcc-core/network.yaml).
NET_001_PORTS = "22, 3389, 3306, 5432, 1433, 1521, 27017, 6379, 9200, 5985, 5986, 23"


def _net001(tmp_path: Path, *blocks: str) -> dict[str, tuple[Status, str]]:
    (tmp_path / "main.tf").write_text(NETWORK + "".join(blocks))
    result = audit([tmp_path], Settings(rule_ids=("GDCC-NET-001",)))
    return {f.address or "": (f.status, f.message.en) for f in result.findings}


def test_net_001_judges_a_vm_on_the_nsgs_of_its_interfaces(tmp_path: Path) -> None:
    # was UNKNOWN "inbound rules are not known" for every Azure VM
    found = _net001(tmp_path, _vm(), _ip(), _nsg("web", SSH_FROM_INTERNET), _on_nic("web"))
    assert found == {
        "azurerm_linux_virtual_machine.vm": (
            Status.NOT_APPLICABLE, "judged on its network security groups: web"
        ),
        "azurerm_network_security_group.web": (
            Status.FAIL, "port 22 is open to the whole internet (0.0.0.0/0)"
        ),
    }
    assert _net001(tmp_path, _vm(), _ip(sku="Basic")) == {
        "azurerm_linux_virtual_machine.vm": (
            Status.FAIL,
            f"ports {NET_001_PORTS} are open to the whole internet: no network security group "
            "on vm-nic or its subnet, and its Basic SKU public IP is open by default",
        ),
    }
    closed = {
        "azurerm_linux_virtual_machine.vm": (
            Status.PASS,
            "no network security group filters it, but no public IP address lets the internet "
            "in (none, or of the Standard SKU: closed until an NSG allows)",
        ),
    }
    assert _net001(tmp_path, _vm(), _ip(sku="Standard")) == closed
    assert _net001(tmp_path, _vm(public=False)) == closed
    # the public IP is not in the scan: its SKU is not known
    found = _net001(tmp_path, _vm().replace("azurerm_public_ip.vm.id", "var.ip"),
                    'variable "ip" {\n  type = string\n}\n')
    assert found["azurerm_linux_virtual_machine.vm"] == (
        Status.UNKNOWN,
        f"cannot tell whether ports {NET_001_PORTS} are open to the internet: no network "
        "security group on vm-nic or its subnet, and whether its public IP is of the Basic SKU "
        "(open by default) is not known",
    )


def test_groups_named_by_a_condition_are_alternatives(tmp_path: Path) -> None:
    # an interface has one NSG at most: a conditional association names candidates, and
    # what only one of them allows is not sure (was a FAIL through the union of both)
    variable = 'variable "own" {\n  type = bool\n}\n'
    either = "var.own ? azurerm_network_security_group.a.id : azurerm_network_security_group.b.id"
    found = _exposure(
        tmp_path, variable, _vm(), _ip(), _nsg("a", SSH_FROM_INTERNET),
        _nsg("b", _rule(100, "Allow", "443", "Internet")), _on_nic("a", group=either),
    )
    assert found == {
        "azurerm_linux_virtual_machine.vm": (
            Status.UNKNOWN,
            "management port 22 reachable from the internet if what is not known allows it: "
            "internet → vm:22",
        ),
    }


def _in_pool(nic: str, kind: str) -> str:
    if kind == "pool":
        return f"""
resource "azurerm_network_interface_backend_address_pool_association" "{nic}" {{
  network_interface_id    = azurerm_network_interface.{nic}.id
  ip_configuration_name   = "internal"
  backend_address_pool_id = var.pool_id
}}
"""
    return f"""
resource "azurerm_network_interface_nat_rule_association" "{nic}" {{
  network_interface_id  = azurerm_network_interface.{nic}.id
  ip_configuration_name = "internal"
  nat_rule_id           = var.nat_rule_id
}}
"""


def test_a_vm_behind_a_load_balancer_is_not_passed(tmp_path: Path) -> None:
    """A VM without a public IP in a load balancer's backend pool or inbound NAT rule may be
    published by the balancer (NAT rules often publish 22 / 3389 on a high port). Balancers
    are not mapped: its exposure is not known, no longer PASS "no public IP address"."""
    vars_ = 'variable "pool_id" {}\nvariable "nat_rule_id" {}\n'
    nsg = _nsg("open", SSH_FROM_INTERNET) + _on_subnet("open")
    (tmp_path / "alone").mkdir()
    found = _exposure(tmp_path / "alone", vars_, _vm("alone", public=False), nsg)
    assert {a: s for a, (s, _) in found.items()} == {
        "azurerm_linux_virtual_machine.alone": Status.PASS,
    }
    (tmp_path / "pooled").mkdir()
    found = _exposure(
        tmp_path / "pooled",
        vars_,
        _vm("pooled", public=False),
        _in_pool("pooled", "pool"),
        _vm("natted", public=False),
        _in_pool("natted", "nat"),
        nsg,
    )
    assert {a: s for a, (s, _) in found.items()} == {
        "azurerm_linux_virtual_machine.pooled": Status.UNKNOWN,  # was PASS
        "azurerm_linux_virtual_machine.natted": Status.UNKNOWN,  # was PASS
    }
    assert found["azurerm_linux_virtual_machine.pooled"][1] == (
        "management ports 22, 3389, 5985, 5986, 23, 2375, 2376, 6443, 10250 reachable from the "
        "internet if what is not known allows it: internet → pooled:22"
    )
