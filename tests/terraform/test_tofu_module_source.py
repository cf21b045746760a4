"""OpenTofu evaluates variables and locals in a module call's ``source`` (early evaluation,
OpenTofu 1.8: https://opentofu.org/docs/language/modules/sources/). ``source =
"./mods/${var.name}"`` was reported as a remote source not downloaded, with no source, and the
local module it calls was not read through the call; now the source is evaluated, and a
folder called so is no root of its own (its resources are assessed once, through the call).
A source not known says so."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.settings import Settings

MAIN = """\
variable "mod" {
  type    = string
  default = "net"
}
variable "other" {
  type = string
}
module "x" {
  source = "./mods/${var.mod}"
}
module "y" {
  source = "./mods/${var.other}"
}
"""

NET = """\
resource "aws_security_group" "s" {
  name = "s"
  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}
"""


def test_a_module_source_naming_variables_is_evaluated(tmp_path: Path) -> None:
    (tmp_path / "main.tofu").write_text(MAIN, encoding="utf-8")
    (tmp_path / "mods" / "net").mkdir(parents=True)
    (tmp_path / "mods" / "net" / "main.tf").write_text(NET, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-NET-001",)))
    found = [(f.address, f.status.value) for f in result.findings]
    assert found == [("module.x.aws_security_group.s", "FAIL")]
    [unread] = result.modules_not_read
    assert (unread.address, unread.source, unread.line, unread.reason) == (
        "module.y",
        None,
        11,
        "source not known statically (OpenTofu evaluates the variables and locals it names; "
        "their values are not known here)",
    )


PICKED = """\
variable "mod" {
  type    = string
  default = "net"
}
module "x" {
  source = "./mods/${var.mod}"
}
"""


def test_a_folder_a_tfvars_value_calls_is_no_root_of_its_own(tmp_path: Path) -> None:
    """The folders called were found at the variables' defaults only: with ``mod = "db"``
    in terraform.tfvars, ``mods/db`` was assessed through the call and again as a root (its
    security group counted twice). ``mods/net``, which nothing calls then, is a root."""
    (tmp_path / "main.tf").write_text(PICKED, encoding="utf-8")
    (tmp_path / "terraform.tfvars").write_text('mod = "db"\n', encoding="utf-8")
    for name in ("net", "db"):
        (tmp_path / "mods" / name).mkdir(parents=True)
        text = NET.replace('"s"', f'"{name}"')
        (tmp_path / "mods" / name / "main.tf").write_text(text, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-NET-001",)))
    found = sorted((f.address, f.status.value) for f in result.findings)
    assert found == [
        ("aws_security_group.net", "FAIL"),
        ("module.x.aws_security_group.db", "FAIL"),
    ]


THROUGH_A_LOCAL = """\
variable "mod" {
  type    = string
  default = "net"
}
locals {
  folder = "./mods/${var.mod}"
}
module "x" {
  source = local.folder
}
"""


def test_a_source_read_through_a_local(tmp_path: Path) -> None:
    """``source = local.folder``: the local was not read when finding the folders called,
    so ``mods/db`` (picked by terraform.tfvars) was assessed twice."""
    (tmp_path / "main.tf").write_text(THROUGH_A_LOCAL, encoding="utf-8")
    (tmp_path / "terraform.tfvars").write_text('mod = "db"\n', encoding="utf-8")
    for name in ("net", "db"):
        (tmp_path / "mods" / name).mkdir(parents=True)
        text = NET.replace('"s"', f'"{name}"')
        (tmp_path / "mods" / name / "main.tf").write_text(text, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-NET-001",)))
    found = sorted((f.address, f.status.value) for f in result.findings)
    assert found == [
        ("aws_security_group.net", "FAIL"),
        ("module.x.aws_security_group.db", "FAIL"),
    ]
