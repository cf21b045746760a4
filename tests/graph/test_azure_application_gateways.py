"""Azure application gateways in the resource graph: a reverse proxy reached from the internet
on the ports of the listeners of its public frontends, sending to the members of its backend
pools (NIC associations, scale sets) on the ports of its HTTP settings, through what their
NSGs admit from its subnet. Before, the gateway was reached on every port uncertainly
("filtering not known") and forwarded to nothing but what admitted its subnet, and a VM in
its pool was GDCC-GRAPH-002 UNKNOWN "exposure not known"."""

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
resource "azurerm_subnet" "gw" {
  name                 = "gw"
  resource_group_name  = "rg"
  virtual_network_name = azurerm_virtual_network.vnet.name
  address_prefixes     = ["10.0.0.0/24"]
}
resource "azurerm_subnet" "app" {
  name                 = "app"
  resource_group_name  = "rg"
  virtual_network_name = azurerm_virtual_network.vnet.name
  address_prefixes     = ["10.0.1.0/24"]
  # a virtual network rule admits the subnet only with the service's endpoint
  service_endpoints    = ["Microsoft.Sql"]
}
resource "azurerm_public_ip" "gw" {
  name                = "gw-ip"
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
resource "azurerm_network_interface_application_gateway_backend_address_pool_association" "web" {
  network_interface_id    = azurerm_network_interface.web.id
  ip_configuration_name   = "internal"
  backend_address_pool_id = tolist(azurerm_application_gateway.gw.backend_address_pool).0.id
}
"""


def _gateway(front: str = "public", pool: str = "") -> str:
    return f"""
resource "azurerm_application_gateway" "gw" {{
  name                = "gw"
  resource_group_name = "rg"
  location            = "southeastasia"
  sku {{
    name     = "Standard_v2"
    tier     = "Standard_v2"
    capacity = 2
  }}
  gateway_ip_configuration {{
    name      = "gateway"
    subnet_id = azurerm_subnet.gw.id
  }}
  frontend_port {{
    name = "https"
    port = 443
  }}
  frontend_ip_configuration {{
    name                 = "public"
    public_ip_address_id = azurerm_public_ip.gw.id
  }}
  frontend_ip_configuration {{
    name                          = "private"
    subnet_id                     = azurerm_subnet.gw.id
    private_ip_address_allocation = "Static"
    private_ip_address            = "10.0.0.10"
  }}
  backend_address_pool {{
    name = "backend"{pool}
  }}
  backend_http_settings {{
    name                  = "settings"
    cookie_based_affinity = "Disabled"
    port                  = 8080
    protocol              = "Http"
    request_timeout       = 30
  }}
  http_listener {{
    name                           = "listener"
    frontend_ip_configuration_name = "{front}"
    frontend_port_name             = "https"
    protocol                       = "Https"
    ssl_certificate_name           = "cert"
  }}
  request_routing_rule {{
    name                       = "rule"
    rule_type                  = "Basic"
    http_listener_name         = "listener"
    backend_address_pool_name  = "backend"
    backend_http_settings_name = "settings"
    priority                   = 100
  }}
}}
"""


DATABASE = """
variable "password" {
  sensitive = true
}
resource "azurerm_mssql_server" "db" {
  name                         = "db"
  resource_group_name          = "rg"
  location                     = "southeastasia"
  version                      = "12.0"
  administrator_login          = "sqladmin"
  administrator_login_password = var.password
}
resource "azurerm_mssql_virtual_network_rule" "app" {
  name      = "app"
  server_id = azurerm_mssql_server.db.id
  subnet_id = azurerm_subnet.app.id
}
"""


def _graph(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, *blocks: str) -> ResourceGraph:
    """The graph an audit of ``blocks`` builds."""
    (tmp_path / "main.tf").write_text(NETWORK + "".join(blocks))
    return audit_keeping_graph(tmp_path, monkeypatch, Settings(rule_ids=("GDCC-GRAPH-002",)))[1]


def _id(graph: ResourceGraph, address: str) -> str:
    return id_of(graph, address)


def test_the_gateway_forwards_its_settings_port_to_its_pool(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    graph = _graph(tmp_path, monkeypatch, _gateway())
    web, gw = (_id(graph, a) for a in ("azurerm_linux_virtual_machine.web",
                                       "azurerm_application_gateway.gw"))
    (path,) = graph.paths_from_internet(web, port=8080)
    assert (str(path), path.certain) == ("internet → gw:443 → web:8080", True)
    assert [(h.label, h.via) for h in path.hops[1:]] == [
        ("gw", "listener on a public frontend"),
        ("web", "forwards; web allows VirtualNetwork"),
    ]
    # only the listener port from the internet, only the settings port to the pool: no
    # management port (the VM's subnet has no NSG: the gateway's virtual network passes)
    assert str(graph.reach.edge("internet", gw)["ports"]) == "443"
    assert str(graph.reach.edge(gw, web)["ports"]) == "8080"
    assert graph.paths_from_internet(web, port=22) == []
    (tmp_path / "main.tf").write_text(NETWORK + _gateway())
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-002",)))
    assert {f.address: (f.status, f.message.en) for f in result.findings} == {
        "azurerm_linux_virtual_machine.web": (  # was UNKNOWN "exposure not known"
            Status.PASS, "No management port is reachable from the internet through any path"
        ),
    }


def test_attack_path_through_the_gateway_to_a_database(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(NETWORK + _gateway() + DATABASE)
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-005",)))
    db = next(f for f in result.findings if f.address == "azurerm_mssql_server.db")
    assert (db.status, db.message.en) == (
        Status.FAIL,
        "a workload reachable from the internet can connect to port 1433: "
        "internet → gw:443 → web:8080 → db:1433",
    )
    # a listener on the private frontend only: no path from the internet
    (tmp_path / "main.tf").write_text(NETWORK + _gateway(front="private") + DATABASE)
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-005",)))
    db = next(f for f in result.findings if f.address == "azurerm_mssql_server.db")
    assert db.status is Status.PASS


def test_a_pool_of_addresses_may_hold_any_vm_of_the_network(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    no_association = NETWORK.split(
        'resource "azurerm_network_interface_application_gateway_backend_address_pool_'
        'association"', maxsplit=1,
    )[0]
    (tmp_path / "main.tf").write_text(
        no_association + _gateway(pool='\n    ip_addresses = ["10.0.1.4"]')
    )
    built: list[ResourceGraph] = []

    class Keeping(ResourceGraph):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            built.append(self)

    monkeypatch.setattr(api, "ResourceGraph", Keeping)
    audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-002",)))
    graph = built[-1]
    web, gw = (_id(graph, a) for a in ("azurerm_linux_virtual_machine.web",
                                       "azurerm_application_gateway.gw"))
    edge = graph.reach.edge(gw, web)
    assert (str(edge["ports"]), edge["certain"], edge["via"]) == (
        "8080", False, "its pools list 10.0.1.4, which may be web's"
    )
