"""Where a value is set ("value set at") is followed only for the arguments that can read an
input or local: one walk of each argument's expression finds the names it reads (stop 41,
the one-20-MB-file regression: ``_block_origins`` took the shape of every argument of every
resource, ~13 % of the profile of a file of literals and references). Counted, not timed."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from tests.terraform.helpers import load, resources

from gdcc_audit.load.terraform import module, origins
from gdcc_audit.load.terraform.ast import Attr as Dot
from gdcc_audit.load.terraform.ast import Call, Traversal, TupleExpr, Var

#: Resources of the synthetic file: a per-argument walk shows as N (or more) calls.
N = 30

_PLAIN = """
resource "aws_subnet" "s{i}" {{
  vpc_id     = aws_vpc.v.id
  cidr_block = "10.0.{i}.0/24"
  tags = {{
    Name = "s{i}"
  }}
}}
"""

_INPUT = """
variable "cidr" {
  type    = string
  default = "10.9.0.0/16"
}

resource "aws_vpc" "v" {
  cidr_block = var.cidr
}
"""


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """Counts the calls of the loader's per-argument origin steps."""
    calls: Counter[str] = Counter()

    def counting(name: str, target: Any) -> Any:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            calls[name] += 1
            return target(*args, **kwargs)

        return wrapper

    monkeypatch.setattr(module, "expr_shape", counting("expr_shape", module.expr_shape))
    monkeypatch.setattr(module, "names_read", counting("names_read", module.names_read))
    tried = module.ModuleInstance._tried
    monkeypatch.setattr(module.ModuleInstance, "_tried", counting("_tried", tried))
    return calls


def test_arguments_reading_no_input_are_not_followed(
    tmp_path: Path, counted: Counter[str]
) -> None:
    """N subnets of literals and references: no argument reads an input, so none has its
    shape taken (N x 4 shapes and ``try`` readings before); the one argument that does
    (``cidr_block = var.cidr``) still points at the variable's default."""
    (tmp_path / "main.tf").write_text(_INPUT + "".join(_PLAIN.format(i=i) for i in range(N)))
    documents, errors = load(tmp_path)
    assert not errors
    found = resources(documents)
    assert found["aws_vpc.v"].origins == {"cidr_block": f"{tmp_path / 'main.tf'}:4"}
    assert found["aws_subnet.s7"].origins == {}
    assert found["aws_subnet.s7"].attribute_lines == {
        "cidr_block": 13 + 7 * 8, "tags": 14 + 7 * 8,
    }
    assert counted["expr_shape"] == 1, counted
    assert counted["_tried"] == 1, counted
    # each argument's names are read once: vpc cidr_block, then vpc_id, cidr_block, tags
    assert counted["names_read"] == 1 + 3 * N, counted


def test_in_place_from_the_names_read_agrees() -> None:
    """:func:`origins.in_place` given the names :func:`origins.names_read` found says what
    its own walk says, on the shapes it tells apart."""
    var_x = Traversal(Var("var"), (Dot("x"),))
    other = Traversal(Var("aws_vpc"), (Dot("v"), Dot("id")))
    cases = [
        var_x,
        other,
        Call("jsonencode", (var_x,)),
        Call("jsonencode", (other,)),
        Call("upper", (var_x,)),
        TupleExpr((var_x, var_x)),
        TupleExpr(()),
        Call("max", ()),
    ]
    for expr in cases:
        names = origins.names_read(expr)
        assert origins.in_place(expr, names) == origins.in_place(expr), expr


def test_sole_input_stops_at_a_second_input(monkeypatch: pytest.MonkeyPatch) -> None:
    """``merge(local.tags, {...})`` reads two inputs: not one alone. The walk stops at the
    second instead of reading the whole expression (every resource's tags)."""
    calls = Counter[str]()
    seen = origins.input_ref

    def input_ref(expr: Any) -> Any:
        calls["input_ref"] += 1
        return seen(expr)

    monkeypatch.setattr(origins, "input_ref", input_ref)
    items = tuple(Traversal(Var("var"), (Dot(f"v{i}"),)) for i in range(200))
    assert origins.sole_input(Call("merge", items)) is None
    assert calls["input_ref"] <= 8, calls  # (the call, its name, its arguments, two items)
    one = Call("length", (Traversal(Var("var"), (Dot("only"),)),))
    assert origins.sole_input(one) == origins.Ref("var", "only")


#: Resources whose values hold an UNKNOWN (a resource's id: ``alternatives`` are asked)
#: and one argument that reads an input beside another name (no input alone).
_MIXED = """
resource "aws_sqs_queue" "q{i}" {{
  name       = "${{var.prefix}}-${{aws_vpc.v.id}}"
  delay_seconds = 5
  tags = {{
    Name = "q{i}"
    Vpc  = aws_vpc.v.id
  }}
}}
"""

_TESTED = """
variable "prefix" {
  type    = string
  default = "app"
}

variable "kms" {}

resource "aws_vpc" "v" {
  cidr_block         = "10.0.0.0/16"
  enable_dns_support = var.prefix != ""
}

resource "aws_sqs_queue" "only" {
  name = "${var.prefix}-${aws_vpc.v.id}"
}

resource "aws_sqs_queue" "tested" {
  name              = aws_vpc.v.id
  kms_master_key_id = var.kms != null ? var.kms : null
}
"""


def test_walks_the_names_read_rule_out_are_skipped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An argument that reads no input nor local tests none against null: ``null_tests``
    does not walk it (every argument of every resource whose values hold an UNKNOWN
    before, ~3 s of a 5 MB file); one that reads another name beside an input is computed
    from no input alone: its ``sole_input`` walk is skipped. What they find is unchanged."""
    walked: Counter[str] = Counter()
    nodes: dict[str, set[int]] = {}  # the arguments of a body -> nodes null_tests walked
    real_tests, real_sole = module.null_tests, origins.sole_input

    def null_tests(body: Any, *rest: Any) -> Any:
        seen = module.field_values

        def counting(node: Any) -> Any:
            walked["null_tests nodes"] += 1
            return seen(node)

        monkeypatch.setattr(module, "field_values", counting)
        before = walked["null_tests nodes"]
        try:
            return real_tests(body, *rest)
        finally:
            monkeypatch.setattr(module, "field_values", seen)
            key = ",".join(sorted(body.attributes))
            nodes.setdefault(key, set()).add(walked["null_tests nodes"] - before)

    def sole_input(expr: Any) -> Any:
        walked["sole_input"] += 1
        return real_sole(expr)

    monkeypatch.setattr(module, "null_tests", null_tests)
    monkeypatch.setattr(origins, "sole_input", sole_input)
    (tmp_path / "main.tf").write_text(_TESTED + "".join(_MIXED.format(i=i) for i in range(N)))
    documents, errors = load(tmp_path)
    assert not errors
    found = resources(documents)
    path = tmp_path / "main.tf"
    assert found["aws_vpc.v"].chosen_by == {"enable_dns_support": f"{path}:4"}
    alternatives = found["aws_sqs_queue.tested"].alternatives
    assert alternatives is not None
    assert alternatives[0] == "var.kms"
    assert found["aws_sqs_queue.q7"].alternatives is None
    assert found["aws_sqs_queue.q7"].chosen_by == {}
    # one sole_input walk: enable_dns_support (before, N + 1 more: each queue's name)
    assert walked["sole_input"] == 1, walked
    # each queue q{i}: its name walked, as the queue of that name alone; not its
    # delay_seconds nor its tags (read no input nor local)
    assert nodes["delay_seconds,name,tags"] == nodes["name"], nodes
    assert len(nodes["name"]) == 1, nodes
    assert min(nodes["name"]) > 0, nodes
