"""Blocks a ``dynamic`` block makes beside written blocks of the same type: Terraform makes
them in the order they are written (a ``dynamic`` block's where it stands), so the rule that
opens a port points at the written block's line or at the element of the ``for_each`` input
that made it, whichever it is (before: neither); when a ``dynamic`` block before a written
one makes blocks not known (a ``for`` expression), the written one names no line (its
position is not known: no wrong line)."""

from __future__ import annotations

import os
from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

MAIN = """\
variable "web" {
  default = [
    {
      port = 443
      cidr = "0.0.0.0/0"
    },
  ]
}

variable "admin" {
  default = [
    {
      port = 3389
      cidr = "0.0.0.0/0"
    },
  ]
}

resource "aws_security_group" "written_opens" {
  name = "written_opens"

  dynamic "ingress" {
    for_each = var.web
    content {
      from_port   = ingress.value.port
      to_port     = ingress.value.port
      protocol    = "tcp"
      cidr_blocks = [ingress.value.cidr]
    }
  }

  ingress {
    description = "ssh [from anywhere"
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_security_group" "element_opens" {
  name = "element_opens"

  ingress {
    from_port   = 22
    to_port     = 22
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

resource "aws_security_group" "not_known" {
  name = "not_known"

  dynamic "ingress" {
    for_each = [for rule in var.web : rule]
    content {
      from_port   = ingress.value.port
      to_port     = ingress.value.port
      protocol    = "tcp"
      cidr_blocks = [ingress.value.cidr]
    }
  }

  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}
"""


def test_written_and_dynamic_blocks_point_at_what_opens_the_port(tmp_path: Path) -> None:
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
        # the written ssh block, second of its type (after the one var.web makes)
        "aws_security_group.written_opens": (Status.FAIL, {"ingress": "./main.tf:32"}),
        # var.admin's element (the written block is 10.0.0.0/8)
        "aws_security_group.element_opens": (Status.FAIL, {"ingress": "./main.tf:12"}),
        "aws_security_group.not_known": (Status.FAIL, None),
    }
