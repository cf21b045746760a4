"""A rule source computed by functions that only reshape one input points at the caller's
argument holding the CIDR (before: no line). Azure's NSG module writes ``source_address_prefix
= cond ? join(",", var.source_address_prefix) : null``; terraform-aws-security-group writes
``cidr_blocks = compact(split(",", lookup(var.ingress_with_cidr_blocks[count.index],
"cidr_blocks", join(",", var.ingress_cidr_blocks))))``: the element's ``cidr_blocks`` when it
has one, else the module's ``ingress_cidr_blocks``."""

from __future__ import annotations

import os
from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.settings import Settings

AZURE = """\
variable "source_address_prefix" {
  type    = list(string)
  default = ["*"]
}
variable "source_address_prefixes" {
  type    = list(string)
  default = null
}
variable "predefined_rules" {
  type    = any
  default = []
}
resource "azurerm_network_security_group" "nsg" {
  name                = "nsg"
  location            = "southeastasia"
  resource_group_name = "rg"
}
resource "azurerm_network_security_rule" "predefined" {
  count                       = length(var.predefined_rules)
  name                        = var.predefined_rules[count.index].name
  priority                    = 500
  direction                   = "Inbound"
  access                      = "Allow"
  protocol                    = "Tcp"
  source_port_range           = "*"
  destination_port_range      = "22"
  destination_address_prefix  = "*"
  source_address_prefix = (
    lookup(var.predefined_rules[count.index], "source_asg_ids", null) == null &&
    var.source_address_prefixes == null ? join(",", var.source_address_prefix) : null
  )
  resource_group_name         = "rg"
  network_security_group_name = azurerm_network_security_group.nsg.name
}
"""

AWS = """\
variable "ingress_cidr_blocks" {
  type    = list(string)
  default = []
}
variable "ingress_with_cidr_blocks" {
  type    = list(map(string))
  default = []
}
resource "aws_security_group" "this" {
  name   = "this"
  vpc_id = "vpc-0123456789abcdef0"
}
resource "aws_security_group_rule" "ingress_with_cidr_blocks" {
  count             = length(var.ingress_with_cidr_blocks)
  security_group_id = aws_security_group.this.id
  type              = "ingress"
  cidr_blocks = compact(split(
    ",",
    lookup(
      var.ingress_with_cidr_blocks[count.index],
      "cidr_blocks",
      join(",", var.ingress_cidr_blocks),
    ),
  ))
  from_port = 22
  to_port   = 22
  protocol  = "tcp"
}
"""

ROOT = """\
module "nsg" {
  source = "./azure"
  source_address_prefix = [
    "0.0.0.0/0",
  ]
  predefined_rules = [{ name = "SSH" }]
}
module "own" {
  source = "./aws"
  ingress_with_cidr_blocks = [
    {
      cidr_blocks = "0.0.0.0/0"
    },
  ]
}
module "shared" {
  source                   = "./aws"
  ingress_cidr_blocks      = ["0.0.0.0/0"]
  ingress_with_cidr_blocks = [{}]
}
"""


def test_reshaped_sources_point_at_the_callers_argument(tmp_path: Path) -> None:
    for folder, text in (("azure", AZURE), ("aws", AWS)):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "main.tf").write_text(text, encoding="utf-8")
    (tmp_path / "main.tf").write_text(ROOT, encoding="utf-8")
    cwd = Path.cwd()
    os.chdir(tmp_path)
    try:
        result = audit([Path(".")], Settings(rule_ids=("GDCC-NET-001",)))
    finally:
        os.chdir(cwd)
    found = {
        f.address: f.evidence.get("value_set_at") for f in result.findings
        if f.status == "FAIL"
    }
    assert found == {
        # the argument holding the CIDR the module joins
        "module.nsg.azurerm_network_security_group.nsg": {"ingress": "./main.tf:3"},
        # the element that writes its own cidr_blocks (its entry: one place per rule)
        "module.own.aws_security_group.this": {"ingress": "./main.tf:11"},
        # the element has none: the module's ingress_cidr_blocks, as the caller sets it
        "module.shared.aws_security_group.this": {"ingress": "./main.tf:18"},
    }
