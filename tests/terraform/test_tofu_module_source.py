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
