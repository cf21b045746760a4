"""Network ACL entries set from an input point GDCC-NET-001's ``value set at`` at the entry
that opens the port (the list element of the input), once per entry: inline entries a
``dynamic`` block makes (``lookup(ingress.value, "cidr_block", null)`` too, terraform-aws-vpc's
default ACL) and ``aws_network_acl_rule`` entries ``count`` picks from a list
(``var.rules[count.index]["rule_number"]``, ``lookup(var.rules[count.index], "cidr_block",
null)``). Before, an ACL entry had no ``set_at``: the FAIL named no line."""

from __future__ import annotations

import os
from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

ROOT = """\
module "vpc" {
  source = "./m"
}

module "custom" {
  source = "./m"
  acl_ingress = [
    {
      rule_no    = 100
      action     = "allow"
      from_port  = 22
      to_port    = 22
      protocol   = "tcp"
      cidr_block = "0.0.0.0/0"
    },
  ]
}

variable "rules" {
  default = [
    {
      rule_number = 100
      rule_action = "allow"
      from_port   = 443
      to_port     = 443
      protocol    = "tcp"
      cidr_block  = "0.0.0.0/0"
    },
    {
      rule_number = 110
      rule_action = "allow"
      from_port   = 3389
      to_port     = 3389
      protocol    = "tcp"
      cidr_block  = "0.0.0.0/0"
    },
  ]
}

resource "aws_network_acl" "listed" {
  vpc_id = "vpc-1"
}

resource "aws_network_acl_rule" "listed" {
  count          = length(var.rules)
  network_acl_id = aws_network_acl.listed.id
  egress         = false
  rule_number    = var.rules[count.index]["rule_number"]
  rule_action    = var.rules[count.index]["rule_action"]
  from_port      = lookup(var.rules[count.index], "from_port", null)
  to_port        = lookup(var.rules[count.index], "to_port", null)
  protocol       = var.rules[count.index]["protocol"]
  cidr_block     = lookup(var.rules[count.index], "cidr_block", null)
}
"""

MODULE = """\
variable "acl_ingress" {
  type = list(map(string))
  default = [
    {
      rule_no    = 100
      action     = "allow"
      from_port  = 0
      to_port    = 0
      protocol   = "-1"
      cidr_block = "0.0.0.0/0"
    },
    {
      rule_no         = 101
      action          = "allow"
      from_port       = 0
      to_port         = 0
      protocol        = "-1"
      ipv6_cidr_block = "::/0"
    },
  ]
}

resource "aws_default_network_acl" "this" {
  default_network_acl_id = "acl-1"

  dynamic "ingress" {
    for_each = var.acl_ingress
    content {
      action          = ingress.value.action
      cidr_block      = lookup(ingress.value, "cidr_block", null)
      from_port       = ingress.value.from_port
      ipv6_cidr_block = lookup(ingress.value, "ipv6_cidr_block", null)
      protocol        = ingress.value.protocol
      rule_no         = ingress.value.rule_no
      to_port         = ingress.value.to_port
    }
  }
}
"""


def _scan(tmp_path: Path) -> dict[str, tuple[Status, dict[str, str] | None, str]]:
    (tmp_path / "m").mkdir()
    (tmp_path / "main.tf").write_text(ROOT, encoding="utf-8")
    (tmp_path / "m" / "main.tf").write_text(MODULE, encoding="utf-8")
    cwd = Path.cwd()
    os.chdir(tmp_path)
    try:
        result = audit([Path(".")], Settings(rule_ids=("GDCC-NET-001",)))
    finally:
        os.chdir(cwd)
    return {
        f.address: (f.status, f.evidence.get("value_set_at"), f.message.th if f.message else "")
        for f in result.findings
    }


def test_acl_entries_point_at_the_entry_that_opens_the_port(tmp_path: Path) -> None:
    found = _scan(tmp_path)
    # the module's default: both entries (0.0.0.0/0 and ::/0) open every port; the caller's
    # block first, the input named once, each entry's line
    default = found["module.vpc.aws_default_network_acl.this"]
    assert default[:2] == (Status.FAIL, {
        "ingress": "./main.tf:1 (module.vpc does not set acl_ingress: default of module input "
        "acl_ingress at m/main.tf:4, m/main.tf:12)"
    })
    assert default[2].endswith(
        "(ค่ากำหนดไว้ที่ ./main.tf:1 (module.vpc ไม่ได้กำหนด acl_ingress: ใช้ค่าเริ่มต้นของอินพุตโมดูล "
        "acl_ingress ที่ m/main.tf:4, m/main.tf:12))"
    )
    # the caller's own list: its one entry
    assert found["module.custom.aws_default_network_acl.this"][:2] == (
        Status.FAIL, {"ingress": "./main.tf:8"}
    )
    # count over a list of entries: the 3389 entry (the 443 one opens no port judged)
    assert found["aws_network_acl.listed"][:2] == (Status.FAIL, {"ingress": "./main.tf:29"})
