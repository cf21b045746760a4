"""A resource holding a value not known is split on a conditional of its arguments
(``branches.conditions``, ``TfResource.alternatives``). Finding the conditionals walked every
node of every such block (13,464 of the 16,830 resources of the dense 5 MB benchmark cut, any
``vpc_id = aws_vpc.x.id`` is enough); a block none of whose lines holds a ``?`` has none, and
is no longer walked (``config.question_lines``, ``ModuleDef.unconditional``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from tests.terraform.helpers import load, resources

from gdcc_audit.load.terraform import branches
from gdcc_audit.load.terraform.config import may_branch, question_lines

PLAIN = """\
resource "aws_subnet" "s%d" {
  vpc_id     = var.vpc
  cidr_block = "10.0.%d.0/24"
}
"""

SPLIT = """\
variable "vpc" {}
variable "public" {}

resource "aws_subnet" "split" {
  vpc_id                  = var.vpc
  cidr_block              = "10.1.0.0/24"
  map_public_ip_on_launch = length(var.public) > 0 ? true : false
}
"""


def _counted(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    real = branches.conditions
    asked: list[Any] = []

    def counted(body: Any) -> Any:
        asked.append(body)
        return real(body)

    monkeypatch.setattr(branches, "conditions", counted)
    return asked


def test_blocks_without_a_question_mark_are_not_walked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "main.tf").write_text(
        SPLIT + "".join(PLAIN % (n, n) for n in range(20)), encoding="utf-8"
    )
    asked = _counted(monkeypatch)
    found = resources(load(tmp_path)[0])
    assert len(asked) == 1  # the split block only (before: 21, every block holding UNKNOWN)
    alternatives = found["aws_subnet.split"].alternatives
    assert alternatives is not None
    assert alternatives[0] == "var.public"
    assert [case.values["map_public_ip_on_launch"] for case in alternatives[1:]] == [True, False]
    assert found["aws_subnet.s0"].alternatives is None


def test_a_conditional_written_by_an_override_is_still_split(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "main.tf").write_text(
        'variable "vpc" {}\nvariable "public" {}\n' + PLAIN % (0, 0), encoding="utf-8"
    )
    (tmp_path / "override.tf").write_text(
        'resource "aws_subnet" "s0" {\n'
        "  map_public_ip_on_launch = length(var.public) > 0 ? true : false\n}\n",
        encoding="utf-8",
    )
    asked = _counted(monkeypatch)
    alternatives = resources(load(tmp_path)[0])["aws_subnet.s0"].alternatives
    assert len(asked) == 1
    assert alternatives is not None
    assert alternatives[0] == "var.public"


def test_a_conditional_in_json_syntax_is_still_split(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "main.tf.json").write_text(
        '{"variable": {"vpc": {}, "public": {}}, "resource": {"aws_subnet": {"s": {'
        '"vpc_id": "${var.vpc}", "cidr_block": "10.0.0.0/24", '
        '"map_public_ip_on_launch": "${length(var.public) > 0 ? true : false}"}}}}',
        encoding="utf-8",
    )
    asked = _counted(monkeypatch)
    alternatives = resources(load(tmp_path)[0])["aws_subnet.s"].alternatives
    assert len(asked) == 1
    assert alternatives is not None
    assert alternatives[0] == "var.public"


def test_question_lines() -> None:
    text = 'a = 1\r\nb = var.x ? 1 : 2 # ok?\n\nc = "?"\n'
    assert question_lines(text) == (2, 4)
    assert question_lines("a = 1\n") == ()
    assert may_branch((2, 4), 1, 1) is False
    assert may_branch((2, 4), 1, 2) is True
    assert may_branch((2, 4), 3, 3) is False
    assert may_branch((2, 4), 3, 9) is True
    assert may_branch((2, 4), 5, 9) is False
    assert may_branch((), 1, 9) is False
