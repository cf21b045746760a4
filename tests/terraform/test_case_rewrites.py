"""A resource whose cases are split on conditions or ``dynamic`` blocks (``branches.forced``,
``branches.copied``) is rewritten once per body, condition or block and case for every call
of its module (``ModuleDef.rewritten``): each case split again (``ModuleInstance._alternatives``)
rewrote its body anew in each module instance (terraform-aws-s3-bucket: 242 rewrites of 20
distinct bodies, +8 % of the folder's scan). The cases are the same."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from tests.terraform.helpers import load, resources

from gdcc_audit.load.terraform import branches

SUBNET = """\
variable "vpc" {}
variable "public" {}
variable "wide" {}

resource "aws_subnet" "this" {
  vpc_id                  = var.vpc
  map_public_ip_on_launch = length(var.public) > 0 ? true : false
  cidr_block              = length(var.wide) > 0 ? "10.0.0.0/8" : "10.1.0.0/24"
}
"""

GROUP = """\
variable "vpc" {}
variable "rules" {}

resource "aws_security_group" "this" {
  vpc_id = var.vpc

  dynamic "ingress" {
    for_each = var.rules
    content {
      from_port   = 22
      to_port     = 22
      protocol    = "tcp"
      cidr_blocks = ["10.0.0.0/8"]
    }
  }
}
"""


def _root(tmp_path: Path, module: str, inputs: tuple[str, ...], calls: int) -> None:
    (tmp_path / "modules" / "m").mkdir(parents=True)
    (tmp_path / "modules" / "m" / "main.tf").write_text(module, encoding="utf-8")
    text = "".join(f'variable "{name}" {{}}\n' for name in inputs)
    for n in range(calls):
        text += f'\nmodule "m{n}" {{\n  source = "./modules/m"\n'
        text += "".join(f"  {name} = var.{name}\n" for name in inputs) + "}\n"
    (tmp_path / "main.tf").write_text(text, encoding="utf-8")


def _counted(monkeypatch: pytest.MonkeyPatch, name: str) -> list[Any]:
    real = getattr(branches, name)
    asked: list[Any] = []

    def counted(*args: Any) -> Any:
        asked.append(args)
        return real(*args)

    monkeypatch.setattr(branches, name, counted)
    return asked


def test_each_body_is_forced_once_for_every_call(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _root(tmp_path, SUBNET, ("vpc", "public", "wide"), 3)
    asked = _counted(monkeypatch, "forced")
    found = resources(load(tmp_path)[0])
    # the block's body on the first condition (true, false), then each of those two bodies
    # on the second: 6 (before: 6 in each of the 3 calls, 18)
    assert len(asked) == 6
    for n in range(3):
        alternatives = found[f"module.m{n}.aws_subnet.this"].alternatives
        assert alternatives is not None
        assert alternatives[0] == f"module.m{n}.var.public, module.m{n}.var.wide"
        public, wide = (f"the condition on module.m{n}.var.{name}" for name in ("public", "wide"))
        assert [
            (case.label[0], case.values["map_public_ip_on_launch"], case.values["cidr_block"])
            for case in alternatives[1:]
        ] == [
            (f"when {public} holds and {wide} holds", True, "10.0.0.0/8"),
            (f"when {public} holds and {wide} does not hold", True, "10.1.0.0/24"),
            (f"when {public} does not hold and {wide} holds", False, "10.0.0.0/8"),
            (f"when {public} does not hold and {wide} does not hold", False, "10.1.0.0/24"),
        ]


def test_each_dynamic_block_is_copied_once_for_every_call(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _root(tmp_path, GROUP, ("vpc", "rules"), 2)
    asked = _counted(monkeypatch, "copied")
    found = resources(load(tmp_path)[0])
    assert len(asked) == 3  # 0, 1 and 2 copies (before: 3 in each of the 2 calls, 6)
    for n in range(2):
        alternatives = found[f"module.m{n}.aws_security_group.this"].alternatives
        assert alternatives is not None
        assert alternatives[0] == f"module.m{n}.var.rules"
        assert [len(case.values.get("ingress") or []) for case in alternatives[1:]] == [0, 1, 2]
