"""The expression walks run for every argument of every resource instance (stop 51's profile of
the 20 MB realistic file: ``_null_walk`` called 1.13 M times for 37 k bodies, two thirds of
them on texts, literals and names, where it finds nothing; ``branches._walk`` handed each node
up through a generator per level above it). Same answers, fewer calls."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from gdcc_audit.load.terraform import branches, module
from gdcc_audit.load.terraform.ast import Body, Conditional, Lit, field_values
from gdcc_audit.load.terraform.parse import parse_hcl

SOURCE = """\
resource "aws_instance" "web" {
  ami           = "ami-123"
  instance_type = var.size != null ? var.size : "t3.micro"
  monitoring    = true
  tags = {
    Name = "web-${var.env}"
    Tier = var.env == "prod" ? "front" : "test"
  }
  subnet_id = [for s in local.subnets : s.id if var.private][0]
  root_block_device {
    encrypted = var.encrypt ? true : null
    size      = 20
  }
}
"""


def _body() -> Body:
    parsed = parse_hcl("main.tf", SOURCE.encode())
    assert parsed.issues == []
    return parsed.body.blocks[0].body


def test_null_tests_find_each_test_without_walking_leaves(monkeypatch: pytest.MonkeyPatch) -> None:
    walked: list[str] = []
    real = module._null_walk

    def counting(node: Any, found: Any, conditions: Any) -> None:
        walked.append(type(node).__name__)
        real(node, found, conditions)

    monkeypatch.setattr(module, "_null_walk", counting)
    assert module.null_tests(_body()) == [
        ("var.size", "null"),
        ("var.env", ("eq", "prod")),
        ("var.private", "bool"),
        ("var.encrypt", "bool"),
    ]
    # a leaf is walked only as a whole argument (``ami = "ami-123"``, ``monitoring = true``,
    # ``size = 20``), never inside one: no text, literal, name or attribute name
    leaves = [kind for kind in walked if kind in {"str", "Lit", "Var", "Attr", "bool", "int",
                                                   "NoneType"}]
    assert leaves == ["Lit", "Lit", "Lit"], walked
    assert len(walked) == LEAVES_SKIPPED_CALLS, walked


#: Calls of the walk above (65 before: 31 more, on leaves inside arguments).
LEAVES_SKIPPED_CALLS = 34


def _recursive(node: Any) -> Iterator[Any]:
    """The walk as it was written before: a generator per node."""
    yield node
    for item in node if isinstance(node, tuple | list) else field_values(node):
        yield from _recursive(item)


def test_branch_walk_gives_every_node_parents_first_in_order() -> None:
    body = _body()
    for attribute in [*body.attributes.values(), *body.blocks[0].body.attributes.values()]:
        walked = list(branches._walk(attribute.expr))
        assert walked == list(_recursive(attribute.expr))
        assert all(a is b for a, b in zip(walked, _recursive(attribute.expr), strict=True))
    conditional = body.attributes["instance_type"].expr
    assert isinstance(conditional, Conditional)
    assert next(branches._walk(conditional)) is conditional
    assert [n for n in branches._walk(conditional) if isinstance(n, Lit)] == [
        Lit(None), Lit("t3.micro"),
    ]
