"""Values an instance picks from an input or local by its key point at that element:
``lookup(var.rules[count.index], "k", d)`` inside a conditional (Azure's NSG module:
``has ? lookup(var.custom_rules[count.index], "source_address_prefix", "*") : null``),
``var.ports[each.key]`` and ``local.cidrs[each.value.name]``; an Azure NSG rule resource and
an inline ``security_rule`` block, and a Google Cloud firewall's ``source_ranges``, carry
where an input sets them (before: an NSG rule stamped with its own address lost it, and a
firewall rule had none), and an empty list an input leaves (``ipv6_cidr_blocks = []``) is
named nowhere."""

from __future__ import annotations

import os
from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

MAIN = """\
variable "custom_rules" {
  default = [
    {
      name                   = "ssh"
      priority               = 101
      destination_port_range = "22"
      protocol               = "Tcp"
    },
  ]
}

resource "azurerm_network_security_group" "nsg" {
  name                = "nsg"
  location            = "southeastasia"
  resource_group_name = "rg"
}

resource "azurerm_network_security_rule" "custom" {
  count                       = length(var.custom_rules)
  name                        = var.custom_rules[count.index]["name"]
  priority                    = var.custom_rules[count.index]["priority"]
  direction                   = "Inbound"
  access                      = lookup(var.custom_rules[count.index], "access", "Allow")
  protocol                    = lookup(var.custom_rules[count.index], "protocol", "*")
  source_port_range           = "*"
  destination_port_range      = lookup(var.custom_rules[count.index], "destination_port_range", "*")
  source_address_prefix = (
    lookup(var.custom_rules[count.index], "source_address_prefixes", null) == null
    ? lookup(var.custom_rules[count.index], "source_address_prefix", "*") : null
  )
  destination_address_prefix  = "*"
  resource_group_name         = "rg"
  network_security_group_name = azurerm_network_security_group.nsg.name
}

variable "rdp_source" {
  default = "Internet"
}

resource "azurerm_network_security_group" "inline" {
  name                = "inline"
  location            = "southeastasia"
  resource_group_name = "rg"

  security_rule {
    name                       = "rdp"
    priority                   = 100
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "3389"
    source_address_prefix      = var.rdp_source
    destination_address_prefix = "*"
  }
}

variable "ports" {
  default = {
    ssh = 22
    web = 443
  }
}

variable "ranges" {
  default = ["0.0.0.0/0"]
}

resource "aws_security_group" "keyed" {
  name = "keyed"
}

resource "aws_security_group_rule" "keyed" {
  for_each          = toset(["ssh", "web"])
  type              = "ingress"
  security_group_id = aws_security_group.keyed.id
  from_port         = var.ports[each.key]
  to_port           = var.ports[each.key]
  protocol          = "tcp"
  cidr_blocks       = ["0.0.0.0/0"]
  ipv6_cidr_blocks  = var.no_ipv6
}

variable "no_ipv6" {
  default = []
}

locals {
  cidrs = {
    admin = "0.0.0.0/0"
    web   = "10.0.0.0/8"
  }
}

resource "aws_security_group" "named" {
  name = "named"
}

resource "aws_security_group_rule" "named" {
  for_each          = { rdp = { name = "admin" } }
  type              = "ingress"
  security_group_id = aws_security_group.named.id
  from_port         = 3389
  to_port           = 3389
  protocol          = "tcp"
  cidr_blocks       = [local.cidrs[each.value.name]]
}

resource "google_compute_firewall" "ssh" {
  name          = "ssh"
  network       = "default"
  source_ranges = var.ranges

  allow {
    protocol = "tcp"
    ports    = ["22"]
  }
}
"""


def test_picked_elements_and_rule_resources_point_at_their_lines(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(MAIN, encoding="utf-8")
    cwd = Path.cwd()
    os.chdir(tmp_path)
    try:
        result = audit([Path(".")], Settings(rule_ids=("GDCC-NET-001",)))
    finally:
        os.chdir(cwd)
    found = {
        f.address: (f.status, f.evidence.get("value_set_at"))
        for f in result.findings
        if f.status in (Status.PASS, Status.FAIL)
    }
    assert found == {
        # the element ssh of custom_rules: its port and protocol are there, its source is
        # the module's "*" left by the entry (where a user adds source_address_prefix)
        "azurerm_network_security_group.nsg": (Status.FAIL, {"ingress": "./main.tf:3"}),
        "azurerm_network_security_group.inline": (Status.FAIL, {"ingress": "./main.tf:37"}),
        # port 22 of the map entry ssh (the empty ipv6 list is named nowhere)
        "aws_security_group.keyed": (Status.FAIL, {"ingress": "./main.tf:60"}),
        # the local's entry admin
        "aws_security_group.named": (Status.FAIL, {"ingress": "./main.tf:90"}),
        "google_compute_firewall.ssh": (Status.FAIL, {"ingress": "./main.tf:66"}),
    }
