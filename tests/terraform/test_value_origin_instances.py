"""Values picked per instance by ``count.index`` (``[var.cidrs[count.index]]``, a module
argument ``var.flags[count.index]``: the element's own line in a list written over several
lines), a list of ``each.value`` items (``[each.value.cidr]``: GDCC-NET-001's
``value_set_at``), and a module argument ``try(each.value.encrypted, true)`` (the key's
entry, or the argument's line when the entry has no such key and the literal is taken)
point at the line a user changes for that instance (before: the whole list's line, or none,
or the argument's line for every instance)."""

from __future__ import annotations

import os
from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

RULES = """\
variable "cidrs" {
  default = [
    "10.0.0.0/8",
    "0.0.0.0/0",
  ]
}

resource "aws_security_group" "sg" {
  name = "sg"
}

resource "aws_security_group_rule" "ssh" {
  count             = length(var.cidrs)
  type              = "ingress"
  security_group_id = aws_security_group.sg.id
  from_port         = 22
  to_port           = 22
  protocol          = "tcp"
  cidr_blocks       = [var.cidrs[count.index]]
}

variable "rules" {
  default = {
    rdp = {
      port = 3389
      cidr = "0.0.0.0/0"
    }
  }
}

resource "aws_security_group" "sg2" {
  name = "sg2"
}

resource "aws_security_group_rule" "each" {
  for_each          = var.rules
  type              = "ingress"
  security_group_id = aws_security_group.sg2.id
  from_port         = each.value.port
  to_port           = each.value.port
  protocol          = "tcp"
  cidr_blocks       = [each.value.cidr]
}
"""

MAIN = """\
variable "volumes" {
  default = {
    a = {}
    b = {
      encrypted = false
    }
  }
}

module "each" {
  for_each  = var.volumes
  source    = "./modules/vol"
  encrypted = try(each.value.encrypted, true)
}

variable "flags" {
  default = [
    "true",
    "false",
  ]
}

module "counted" {
  count     = 2
  source    = "./modules/vol"
  encrypted = var.flags[count.index]
}
"""

MODULE = """\
variable "encrypted" {
  default = true
}

resource "aws_ebs_volume" "this" {
  availability_zone = "ap-southeast-7a"
  size              = 10
  encrypted         = var.encrypted
}
"""


def test_each_instance_points_at_its_element_or_entry(tmp_path: Path) -> None:
    (tmp_path / "modules" / "vol").mkdir(parents=True)
    (tmp_path / "main.tf").write_text(MAIN, encoding="utf-8")
    (tmp_path / "rules.tf").write_text(RULES, encoding="utf-8")
    (tmp_path / "modules" / "vol" / "main.tf").write_text(MODULE, encoding="utf-8")
    cwd = Path.cwd()
    os.chdir(tmp_path)
    try:
        result = audit([Path(".")], Settings(rule_ids=("GDCC-NET-001", "GDCC-ENC-001")))
    finally:
        os.chdir(cwd)
    found = {
        (f.address, f.rule_id): (f.status, f.evidence.get("value_set_at"))
        for f in result.findings
        if f.status in (Status.PASS, Status.FAIL)
    }
    assert found == {
        ("module.counted[0].aws_ebs_volume.this", "GDCC-ENC-001"): (
            Status.PASS, {"encrypted_at_rest": "./main.tf:18"}
        ),
        ("module.counted[1].aws_ebs_volume.this", "GDCC-ENC-001"): (
            Status.FAIL, {"encrypted_at_rest": "./main.tf:19"}
        ),
        ('module.each["a"].aws_ebs_volume.this', "GDCC-ENC-001"): (
            Status.PASS, {"encrypted_at_rest": "./main.tf:13"}
        ),
        ('module.each["b"].aws_ebs_volume.this', "GDCC-ENC-001"): (
            Status.FAIL, {"encrypted_at_rest": "./main.tf:5"}
        ),
        # the element 0.0.0.0/0 of the list, not the list's first line
        ("aws_security_group.sg", "GDCC-NET-001"): (Status.FAIL, {"ingress": "./rules.tf:4"}),
        # the rule's port and source are both written in the entry rdp: its line, once
        ("aws_security_group.sg2", "GDCC-NET-001"): (Status.FAIL, {"ingress": "./rules.tf:24"}),
    }


DYNAMIC = """\
variable "ingress_rules" {
  default = [
    {
      port        = 443
      cidr_blocks = ["0.0.0.0/0"]
    },
    {
      port        = 22
      cidr_blocks = ["0.0.0.0/0"]
    },
  ]
}

resource "aws_security_group" "web" {
  name = "web"

  dynamic "ingress" {
    for_each = var.ingress_rules
    content {
      from_port   = ingress.value.port
      to_port     = ingress.value.port
      protocol    = "tcp"
      cidr_blocks = ingress.value.cidr_blocks
    }
  }
}

variable "admin" {
  default = {
    rdp = {
      port = 3389
      cidr = "0.0.0.0/0"
    }
    ssh = {
      port = 22
      cidr = "10.0.0.0/8"
    }
  }
}

resource "aws_security_group" "admin" {
  name = "admin"

  dynamic "ingress" {
    for_each = var.admin
    iterator = rule
    content {
      from_port   = rule.value.port
      to_port     = rule.value.port
      protocol    = "tcp"
      cidr_blocks = [rule.value.cidr]
    }
  }
}

resource "aws_security_group" "mixed" {
  name = "mixed"

  ingress {
    from_port   = 80
    to_port     = 80
    protocol    = "tcp"
    cidr_blocks = ["10.0.0.0/8"]
  }

  dynamic "ingress" {
    for_each = var.admin
    content {
      from_port   = ingress.value.port
      to_port     = ingress.value.port
      protocol    = "tcp"
      cidr_blocks = [ingress.value.cidr]
    }
  }
}

variable "ports" {
  default = {
    "3389" = {
      cidr = "0.0.0.0/0"
    }
  }
}

resource "aws_security_group" "keyed" {
  name = "keyed"

  dynamic "ingress" {
    for_each = var.ports
    content {
      from_port   = ingress.key
      to_port     = ingress.key
      protocol    = "tcp"
      cidr_blocks = [ingress.value.cidr]
    }
  }
}
"""


def test_dynamic_blocks_point_at_their_element(tmp_path: Path) -> None:
    """``dynamic "ingress"`` over a list of objects / a map (with ``iterator``): the rule's
    ``value_set_at`` is the element's lines (before: none), also beside a written block of
    the same type (``test_value_origin_mixed``)."""
    (tmp_path / "main.tf").write_text(DYNAMIC, encoding="utf-8")
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
        # the second element (port 22): where it opens (its port and cidr_blocks are in it)
        "aws_security_group.web": (Status.FAIL, {"ingress": "./main.tf:7"}),
        # the map's rdp entry
        "aws_security_group.admin": (Status.FAIL, {"ingress": "./main.tf:30"}),
        # written beside a dynamic block: the dynamic one's rdp entry opens port 3389 (the
        # written block, 10.0.0.0/8, none)
        "aws_security_group.mixed": (Status.FAIL, {"ingress": "./main.tf:30"}),
        # ingress.key: the map key's line (the port; the entry opens there, its cidr in it)
        "aws_security_group.keyed": (Status.FAIL, {"ingress": "./main.tf:79"}),
    }
