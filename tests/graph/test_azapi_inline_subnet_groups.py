"""An AzAPI virtual network whose body's inline subnets each name their own network security
group (``properties.subnets[].properties.networkSecurityGroup.id``): every reference of the
body sits under ``body``, so with two NSGs in it neither subnet's NSG was known and a VM in
either subnet was GDCC-GRAPH-002 / GDCC-NET-001 UNKNOWN ('which subnet of vnet is meant is
not known'). Each subnet's ``id`` is now read where it is written (the value path of the
resource id, ``TfResource.designated``): the VM is judged on its own subnet's NSG."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

from .test_azure_inline_subnets import CLOSED, OPEN, _vm


def _nsg(name: str, port: str) -> str:
    return f"""
resource "azapi_resource" "{name}" {{
  type      = "Microsoft.Network/networkSecurityGroups@2024-05-01"
  name      = "{name}"
  parent_id = "/subscriptions/x/resourceGroups/rg"
  location  = "southeastasia"
  body = {{
    properties = {{
      securityRules = [{{
        name = "in"
        properties = {{
          access                   = "Allow"
          direction                = "Inbound"
          priority                 = 100
          protocol                 = "Tcp"
          sourceAddressPrefix      = "*"
          sourcePortRange          = "*"
          destinationAddressPrefix = "*"
          destinationPortRange     = "{port}"
        }}
      }}]
    }}
  }}
}}
"""


NETWORK = _nsg("web", "22") + _nsg("data", "5432") + """
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
          name = "data"
          properties = {
            addressPrefix        = "10.0.2.0/24"
            networkSecurityGroup = { id = azapi_resource.data.id }
          }
        },
        {
          name = "web"
          properties = {
            addressPrefix        = "10.0.1.0/24"
            networkSecurityGroup = { id = azapi_resource.web.id }
          }
        }
      ]
    }
  }
}
"""


def _verdicts(tmp_path: Path, subnet: str) -> dict[str, tuple[Status, str]]:
    (tmp_path / "main.tf").write_text(NETWORK + _vm("azapi_resource.vnet", subnet))
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-002", "GDCC-NET-001")))
    return {
        f.rule_id: (f.status, f.message.en)
        for f in result.findings if f.address == "azurerm_linux_virtual_machine.vm"
    }


def test_each_inline_subnet_of_an_azapi_body_filters_by_its_own_nsg(tmp_path: Path) -> None:
    web = _verdicts(tmp_path, "web")
    assert web["GDCC-GRAPH-002"] == OPEN
    assert web["GDCC-NET-001"] == (
        Status.NOT_APPLICABLE, "judged on its network security groups: web"
    )
    data = _verdicts(tmp_path, "data")
    assert data["GDCC-GRAPH-002"] == CLOSED
    assert data["GDCC-NET-001"] == (
        Status.NOT_APPLICABLE, "judged on its network security groups: data"
    )


def test_an_nsg_id_not_in_the_body_references_stays_not_known(tmp_path: Path) -> None:
    text = NETWORK.replace(
        "id = azapi_resource.web.id", 'id = "/subscriptions/x/nsg/${var.nsg}"'
    ) + 'variable "nsg" {\n  type = string\n}\n'
    (tmp_path / "main.tf").write_text(text + _vm("azapi_resource.vnet", "web"))
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-002",)))
    (found,) = [f for f in result.findings if f.address == "azurerm_linux_virtual_machine.vm"]
    assert found.status is Status.UNKNOWN
