"""A security group rule whose source or port is set from an input points GDCC-NET-001 at
where that input is written (``value set at``), as Heat rules did: a rule resource
(``aws_security_group_rule``) and an inline ``ingress`` block, also ``cidr_blocks =
[var.cidr]``. Before, a Terraform NET-001 FAIL named only the rule's own line."""

from __future__ import annotations

import os
from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.settings import Settings

ROOT = """\
variable "cidr" {
  default = "0.0.0.0/0"
}

module "m" {
  source    = "./m"
  ssh_cidrs = ["0.0.0.0/0"]
}

resource "aws_security_group" "root" {
  name = "root"
  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = [var.cidr]
  }
  ingress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}
"""

MODULE = """\
variable "ssh_cidrs" {
  default = ["10.0.0.0/8"]
}

resource "aws_security_group" "this" {
  name = "m"
}

resource "aws_security_group_rule" "ssh" {
  type              = "ingress"
  from_port         = 22
  to_port           = 22
  protocol          = "tcp"
  cidr_blocks       = var.ssh_cidrs
  security_group_id = aws_security_group.this.id
}

resource "aws_vpc_security_group_ingress_rule" "rdp" {
  security_group_id = aws_security_group.this.id
  from_port         = 3389
  to_port           = 3389
  ip_protocol       = "tcp"
  cidr_ipv4         = "0.0.0.0/0"
}
"""


def test_rules_set_from_inputs_point_at_them(tmp_path: Path) -> None:
    (tmp_path / "m").mkdir()
    (tmp_path / "main.tf").write_text(ROOT, encoding="utf-8")
    (tmp_path / "m" / "main.tf").write_text(MODULE, encoding="utf-8")
    cwd = Path.cwd()
    os.chdir(tmp_path)
    try:
        result = audit([Path(".")], Settings(rule_ids=("GDCC-NET-001",)))
    finally:
        os.chdir(cwd)
    found = {f.address: f for f in result.findings}
    module = found["module.m.aws_security_group.this"]
    assert module.evidence["value_set_at"] == {"ingress": "./main.tf:7"}
    assert [r.get("value_set_at") for r in module.evidence["opened_by"]] == ["./main.tf:7", None]
    root = found["aws_security_group.root"]
    # the port 22 rule's source is the variable's default (the second block, 443 written in
    # place, opens no port the rule names)
    assert root.evidence["value_set_at"] == {"ingress": "./main.tf:2"}
    assert [r.get("value_set_at") for r in root.evidence["opened_by"]] == ["./main.tf:2"]
    assert root.message.en.endswith("(value set at ./main.tf:2)")
