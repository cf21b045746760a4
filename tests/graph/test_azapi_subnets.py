"""AzAPI virtual networks and subnets (``azapi_resource`` of type
``Microsoft.Network/virtualNetworks`` and ``.../subnets``, as Azure Verified Modules'
network-virtualnetwork writes them) were not mapped: a VM in such a subnet was UNKNOWN
"the subnet of nic is not in the scan" whatever the subnet's NSG said, and a database's
virtual network rule naming one admitted a source not known. They are read as
``azurerm_virtual_network`` / ``azurerm_subnet``: the subnet's ``networkSecurityGroup`` (or an
``azurerm_subnet_network_security_group_association``) filters, ``addressPrefix`` is its
range, ``serviceEndpoints`` its endpoints."""

from __future__ import annotations

from pathlib import Path

import pytest

from gdcc_audit.api import audit
from gdcc_audit.graph.model import ResourceGraph
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings
from iac_helpers import audit_keeping_graph, id_of

NETWORK = """\
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
resource "azurerm_network_security_group" "closed" {
  name                = "closed"
  location            = "southeastasia"
  resource_group_name = "rg"
}
resource "azapi_resource" "vnet" {
  type      = "Microsoft.Network/virtualNetworks@2024-05-01"
  name      = "vnet"
  parent_id = "/subscriptions/x/resourceGroups/rg"
  location  = "southeastasia"
  body = {
    properties = {
      addressSpace = { addressPrefixes = ["10.0.0.0/16"] }
    }
  }
}
resource "azapi_resource" "web" {
  type      = "Microsoft.Network/virtualNetworks/subnets@2024-07-01"
  name      = "web"
  parent_id = azapi_resource.vnet.id
  body = {
    properties = {
      addressPrefix        = "10.0.1.0/24"
      networkSecurityGroup = { id = azapi_resource.nsg.id }
    }
  }
}
resource "azapi_resource" "app" {
  type      = "Microsoft.Network/virtualNetworks/subnets@2024-07-01"
  name      = "app"
  parent_id = azapi_resource.vnet.id
  body = {
    properties = {
      addressPrefixes  = ["10.0.2.0/24"]
      serviceEndpoints = [{ service = "Microsoft.Sql" }]
    }
  }
}
resource "azurerm_subnet_network_security_group_association" "app" {
  subnet_id                 = azapi_resource.app.id
  network_security_group_id = azurerm_network_security_group.closed.id
}
"""


def _vm(name: str, subnet: str) -> str:
    return f"""
resource "azurerm_public_ip" "{name}" {{
  name                = "{name}"
  location            = "southeastasia"
  resource_group_name = "rg"
  allocation_method   = "Static"
}}
resource "azurerm_network_interface" "{name}" {{
  name                = "{name}"
  location            = "southeastasia"
  resource_group_name = "rg"
  ip_configuration {{
    name                          = "ip"
    subnet_id                     = azapi_resource.{subnet}.id
    private_ip_address_allocation = "Dynamic"
    public_ip_address_id          = azurerm_public_ip.{name}.id
  }}
}}
resource "azurerm_linux_virtual_machine" "{name}" {{
  name                  = "{name}"
  resource_group_name   = "rg"
  location              = "southeastasia"
  size                  = "Standard_B1s"
  admin_username        = "azureuser"
  network_interface_ids = [azurerm_network_interface.{name}.id]
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


def test_an_azapi_subnets_nsg_filters_its_vms(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(NETWORK + _vm("www", "web") + _vm("api", "app"))
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-002",)))
    found = {f.address: (f.status, f.message.en) for f in result.findings}
    assert found["azurerm_linux_virtual_machine.www"] == (
        Status.FAIL, "management port 22 reachable from the internet: internet → www:22"
    )
    # the association's NSG admits nothing from the internet; www reaches it on 22 only
    # through the closed group's default AllowVnetInBound
    api = next(f for f in result.findings if f.address == "azurerm_linux_virtual_machine.api")
    assert api.status is Status.FAIL
    assert api.evidence["path"] == "internet → www:22 → api:22"


SQL = """\
variable "pw" {
  type      = string
  sensitive = true
}
resource "azurerm_mssql_server" "sql" {
  name                         = "sql"
  resource_group_name          = "rg"
  location                     = "southeastasia"
  version                      = "12.0"
  administrator_login          = "a"
  administrator_login_password = var.pw
}
resource "azurerm_mssql_virtual_network_rule" "app" {
  name      = "app"
  server_id = azurerm_mssql_server.sql.id
  subnet_id = azapi_resource.app.id
}
resource "azurerm_mssql_virtual_network_rule" "web" {
  name                                 = "web"
  server_id                            = azurerm_mssql_server.sql.id
  subnet_id                            = azapi_resource.web.id
  ignore_missing_vnet_service_endpoint = true
}
"""


@pytest.fixture(scope="module")
def graph(tmp_path_factory: pytest.TempPathFactory) -> ResourceGraph:
    folder: Path = tmp_path_factory.mktemp("azapi-subnets")
    (folder / "main.tf").write_text(NETWORK + SQL)
    with pytest.MonkeyPatch.context() as patch:
        _, built = audit_keeping_graph(folder, patch, Settings(rule_ids=("GDCC-GRAPH-005",)))
    return built


def test_a_vnet_rule_admits_an_azapi_subnet_with_the_endpoint(graph: ResourceGraph) -> None:
    node = id_of(graph, "azurerm_mssql_server.sql")
    found = {
        source: (str(data["ports"]), bool(data["certain"]), str(data["via"]))
        for source, data in graph.reach.pred.get(node, {}).items()
    }
    assert found == {"seg:" + id_of(graph, "azapi_resource.app"): ("1433", True, "sql allows app")}


FLOW_LOG = """\
resource "azapi_resource" "flow" {
  type      = "Microsoft.Network/networkWatchers/flowLogs@2024-05-01"
  name      = "flow"
  parent_id = "/subscriptions/x/resourceGroups/nw/providers/Microsoft.Network/networkWatchers/nw"
  location  = "southeastasia"
  body = {
    properties = {
      targetResourceId = azapi_resource.vnet.id
      storageId        = "/subscriptions/x/resourceGroups/rg/providers/Microsoft.Storage/x/l"
      enabled          = true
      retentionPolicy  = { enabled = true, days = 90 }
    }
  }
}
"""


def test_an_azapi_flow_log_records_an_azapi_network(tmp_path: Path) -> None:
    """The networks are judged as azurerm's (GDCC-LOG-005, GDCC-GRAPH-008: none before), and an
    AzAPI flow log (``networkWatchers/flowLogs``) records its ``targetResourceId``."""
    (tmp_path / "main.tf").write_text(NETWORK + _vm("www", "web") + FLOW_LOG)
    rules = ("GDCC-LOG-005", "GDCC-GRAPH-008")
    result = audit([tmp_path], Settings(rule_ids=rules))
    found = {(f.address, f.rule_id): f.status for f in result.findings}
    assert found == {
        ("azapi_resource.vnet", "GDCC-LOG-005"): Status.PASS,
        ("azapi_resource.vnet", "GDCC-GRAPH-008"): Status.PASS,
        ("azapi_resource.web", "GDCC-GRAPH-008"): Status.PASS,
        ("azapi_resource.app", "GDCC-GRAPH-008"): Status.NOT_APPLICABLE,  # holds no workload
    }
    (tmp_path / "main.tf").write_text(NETWORK + _vm("www", "web"))
    again = audit([tmp_path], Settings(rule_ids=rules))
    assert {(f.address, f.rule_id): f.status for f in again.findings}[
        ("azapi_resource.vnet", "GDCC-LOG-005")
    ] is Status.FAIL


UPDATED = """\
resource "azapi_resource" "bare" {
  type      = "Microsoft.Network/virtualNetworks/subnets@2024-07-01"
  name      = "bare"
  parent_id = azapi_resource.vnet.id
  body = {
    properties = {
      addressPrefix = "10.0.3.0/24"
    }
  }
}
resource "azapi_update_resource" "bare_nsg" {
  type        = "Microsoft.Network/virtualNetworks/subnets@2024-07-01"
  resource_id = azapi_resource.bare.id
  body = {
    properties = {
      networkSecurityGroup = { id = azapi_resource.nsg.id }
    }
  }
}
resource "azurerm_subnet" "classic" {
  name                 = "classic"
  resource_group_name  = "rg"
  virtual_network_name = "vnet"
  address_prefixes     = ["10.0.4.0/24"]
}
resource "azapi_update_resource" "classic_nsg" {
  type        = "Microsoft.Network/virtualNetworks/subnets@2024-07-01"
  resource_id = azurerm_subnet.classic.id
  body = {
    properties = {
      networkSecurityGroup = { id = azapi_resource.nsg.id }
    }
  }
}
"""


def test_an_nsg_set_by_an_azapi_update_filters_the_subnet(tmp_path: Path) -> None:
    """An ``azapi_update_resource`` setting a subnet's ``networkSecurityGroup`` (an AzAPI or
    an azurerm subnet) was not read: the subnet had no NSG, and a VM behind a Standard
    public IP, which refuses the internet without one, PASSed although the update's NSG
    opens 22 (wrong PASS)."""
    classic_vm = _vm("old", "bare").replace(
        "azapi_resource.bare.id", "azurerm_subnet.classic.id"
    )
    (tmp_path / "main.tf").write_text(NETWORK + UPDATED + _vm("new", "bare") + classic_vm)
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-002",)))
    found = {f.address: (f.status, f.message.en) for f in result.findings}
    assert found["azurerm_linux_virtual_machine.new"] == (
        Status.FAIL, "management port 22 reachable from the internet: internet → new:22"
    )
    assert found["azurerm_linux_virtual_machine.old"] == (
        Status.FAIL, "management port 22 reachable from the internet: internet → old:22"
    )
