"""GDCC-NET-001 on an Azure network security group whose ``security_rule`` blocks are not known.

A ``dynamic "security_rule"`` over an input without a value (checkov's fixture
azurerm_network_security_group.snet_nsgs reads a local the input does not define) leaves the
group's inbound rules unknown: UNKNOWN, rightly, but the finding said only "inbound rules are
not known". It now says which blocks. A group with its rules written is judged as before.
"""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

GROUPS = """\
variable "rules" {
  type = list(object({ name = string, priority = number, port = string }))
}

resource "azurerm_network_security_group" "from_input" {
  name                = "from-input"
  location            = "southeastasia"
  resource_group_name = "net"
  dynamic "security_rule" {
    for_each = var.rules
    content {
      name                       = security_rule.value.name
      priority                   = security_rule.value.priority
      direction                  = "Inbound"
      access                     = "Allow"
      protocol                   = "Tcp"
      source_port_range          = "*"
      destination_port_range     = security_rule.value.port
      source_address_prefix      = "*"
      destination_address_prefix = "*"
    }
  }
}

resource "azurerm_network_security_group" "written" {
  name                = "written"
  location            = "southeastasia"
  resource_group_name = "net"
  security_rule {
    name                       = "rdp"
    priority                   = 100
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "3389"
    source_address_prefix      = "Internet"
    destination_address_prefix = "*"
  }
}
"""

WHY = "its security_rule blocks are not known from the input"


def test_a_group_of_rules_not_known_says_which(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(GROUPS, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-NET-001",), cache=False))
    found = {f.address: f for f in result.findings}
    finding = found["azurerm_network_security_group.from_input"]
    assert finding.status == Status.UNKNOWN
    assert finding.message is not None
    assert finding.message.en == f"inbound rules are not known: {WHY}"
    assert finding.evidence["unknown_because"] == {"ingress": WHY}
    assert found["azurerm_network_security_group.written"].status == Status.FAIL
