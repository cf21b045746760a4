"""A ``for_each`` over an input re-keyed by a ``for`` expression that keeps each element
whole (``{ for i, rule in var.rules : i => rule }``, ``{ for r in var.ingress_rules :
r.name => r }``), read with ``lookup(each.value, "k", null)`` or ``has ? each.value.port :
null``: each rule points at its own element (where it opens), in the caller's argument
(before: no line); an optional key left out (null) points nowhere."""

from __future__ import annotations

import os
from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

MODULE = """\
variable "rules" {
  type = list(object({
    type             = string
    from_port        = number
    to_port          = number
    protocol         = string
    cidr_blocks      = optional(list(string))
    ipv6_cidr_blocks = optional(list(string))
  }))
}

variable "ingress_rules" {
  default = []
}

resource "aws_security_group" "this" {
  name = "sg"
}

resource "aws_security_group_rule" "this" {
  for_each          = { for i, rule in var.rules : i => rule }
  type              = each.value["type"]
  security_group_id = aws_security_group.this.id
  cidr_blocks       = lookup(each.value, "cidr_blocks", null)
  ipv6_cidr_blocks  = lookup(each.value, "ipv6_cidr_blocks", null)
  from_port         = lookup(each.value, "from_port", null)
  protocol          = lookup(each.value, "protocol", null)
  to_port           = lookup(each.value, "to_port", null)
}

resource "aws_security_group" "named" {
  name = "named"
}

resource "aws_vpc_security_group_ingress_rule" "named" {
  for_each          = { for r in var.ingress_rules : r.name => r }
  security_group_id = aws_security_group.named.id
  from_port         = contains(keys(each.value), "port") ? each.value.port : null
  to_port           = contains(keys(each.value), "port") ? each.value.port : null
  ip_protocol       = "tcp"
  cidr_ipv4         = each.value.cidr
}
"""

ROOT = """\
module "sg" {
  source = "./modules/sg"
  rules = [
    {
      type        = "ingress"
      from_port   = 443
      to_port     = 443
      protocol    = "tcp"
      cidr_blocks = ["0.0.0.0/0"]
    },
    {
      type        = "ingress"
      from_port   = 22
      to_port     = 22
      protocol    = "tcp"
      cidr_blocks = ["0.0.0.0/0"]
    },
  ]
  ingress_rules = [
    {
      name = "web"
      port = 80
      cidr = "0.0.0.0/0"
    },
    {
      name = "rdp"
      port = 3389
      cidr = "0.0.0.0/0"
    },
  ]
}
"""


def test_rules_of_a_rekeyed_input_point_at_their_element(tmp_path: Path) -> None:
    (tmp_path / "modules" / "sg").mkdir(parents=True)
    (tmp_path / "modules" / "sg" / "main.tf").write_text(MODULE, encoding="utf-8")
    (tmp_path / "main.tf").write_text(ROOT, encoding="utf-8")
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
        # the second element (port 22): where it opens (its four values are in it)
        "module.sg.aws_security_group.this": (Status.FAIL, {"ingress": "./main.tf:11"}),
        # the element named rdp, where it opens
        "module.sg.aws_security_group.named": (Status.FAIL, {"ingress": "./main.tf:25"}),
    }
