"""Azure NSG rules: protocol ``*`` holds only the rule's destination ports, and a port field
that is not one port or range is not known (never read as its first port)."""

from __future__ import annotations

from pathlib import Path

from tfhelpers import map_all, res

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Finding, Status
from gdcc_audit.models.resource import IngressRule
from gdcc_audit.normalize.terraform.common import port_range
from gdcc_audit.settings import Settings

NSG = """\
resource "azurerm_network_security_group" "web" {
  name                = "web"
  location            = "southeastasia"
  resource_group_name = "rg"
  security_rule {
    name                       = "https-any-protocol"
    priority                   = 100
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "*"
    source_port_range          = "*"
    destination_port_range     = "443"
    source_address_prefix      = "Internet"
    destination_address_prefix = "*"
  }
}

resource "azurerm_network_security_group" "rdp" {
  name                = "rdp"
  location            = "southeastasia"
  resource_group_name = "rg"
  security_rule {
    name                       = "rdp-any-protocol"
    priority                   = 100
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "*"
    source_port_range          = "*"
    destination_port_range     = "3380-3390"
    source_address_prefix      = "*"
    destination_address_prefix = "*"
  }
}

resource "azurerm_network_security_rule" "listed" {
  name                        = "listed"
  priority                    = 101
  direction                   = "Inbound"
  access                      = "Allow"
  protocol                    = "Tcp"
  source_port_range           = "*"
  destination_port_range      = "3388-3390, 23000"
  source_address_prefix       = "Internet"
  destination_address_prefix  = "*"
  resource_group_name         = "rg"
  network_security_group_name = "elsewhere"
}
"""


def _run(tmp_path: Path) -> dict[str, Finding]:
    (tmp_path / "main.tf").write_text(NSG)
    result = audit([tmp_path], Settings(rule_ids=("GDCC-NET-001",), cache=False))
    return {f.address or "": f for f in result.findings}


def test_any_protocol_keeps_the_destination_ports(tmp_path: Path) -> None:
    found = _run(tmp_path)
    assert {a: f.status for a, f in found.items()} == {
        # was FAIL naming every management port: "*" was read as every port
        "azurerm_network_security_group.web": Status.PASS,
        "azurerm_network_security_group.rdp": Status.FAIL,
        # was PASS: "3388-3390, 23000" was read as port 3388 alone
        "azurerm_network_security_rule.listed": Status.UNKNOWN,
    }
    assert found["azurerm_network_security_group.rdp"].message.en == (
        "port 3389 is open to the whole internet (0.0.0.0/0)"
    )


def test_any_protocol_rule_facets() -> None:
    nsg = res(
        "azurerm_network_security_group.n",
        {
            "security_rule": [
                {
                    "direction": "Inbound",
                    "access": "Allow",
                    "protocol": "*",
                    "destination_port_range": "443",
                    "source_address_prefix": "Internet",
                },
                {
                    "direction": "Inbound",
                    "access": "Allow",
                    "protocol": "*",
                    "destination_port_range": "*",
                    "source_address_prefix": "10.0.0.0/8",
                },
            ]
        },
    )
    facets = map_all(nsg)["azurerm_network_security_group.n"].facets
    internet = ("0.0.0.0/0",)
    assert facets.ingress == (
        IngressRule(protocol="tcp", from_port=443, to_port=443, sources=internet),
        IngressRule(protocol="udp", from_port=443, to_port=443, sources=internet),
        IngressRule(protocol="all", from_port=0, to_port=65535, sources=("10.0.0.0/8",)),
        # the group's default AllowVnetInBound
        IngressRule(protocol="all", from_port=0, to_port=65535, sources=("VirtualNetwork",),
                    declared_by="AllowVnetInBound"),
    )


def test_port_range_reads_one_port_or_range_only() -> None:
    assert port_range("22") == (22, 22)
    assert port_range(" 1000-2000 ") == (1000, 2000)
    assert port_range("*") == (0, 65535)
    assert port_range("3388-3390, 23000") == (None, None)
    assert port_range("3389,3391") == (None, None)
    assert port_range("2000-1000") == (None, None)
    assert port_range("22-") == (None, None)
