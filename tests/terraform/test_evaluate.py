"""Expression evaluation: functions, templates, for-expressions, unknowns."""

from __future__ import annotations

from typing import Any

import pytest

from gdcc_audit.load.terraform.evaluate import Context, evaluate_or_unknown
from gdcc_audit.load.terraform.parse import parse_hcl
from gdcc_audit.load.terraform.types import ConstantScope
from gdcc_audit.load.terraform_model import UNKNOWN
from gdcc_audit.secrets.pointer import Composed


def value(source: str, **names: Any) -> Any:
    """The value of ``x = <source>`` with names bound (no module around it)."""
    parsed = parse_hcl("t.tf", f"x = {source}\n".encode())
    assert parsed.issues == []
    ctx = Context(ConstantScope(), dict(names))
    return evaluate_or_unknown(parsed.body.attributes["x"].expr, ctx)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ('"a-${1 + 2}"', "a-3"),
        ('"${true}"', True),
        ("10 / 4", 2.5),
        ("10 / 5", 2),
        ("-3 % 2", -1),
        ('!true || 2 >= 2 && "a" != "b"', True),
        ('jsonencode({b = [1, "x"], a = null})', '{"a":null,"b":[1,"x"]}'),
        ("jsondecode(\"{\\\"k\\\": [1]}\")", {"k": [1]}),
        ("merge({a = 1, b = 1}, {b = 2})", {"a": 1, "b": 2}),
        ("concat([1], [2, 3])", [1, 2, 3]),
        ('lookup({a = 1}, "b", 0)', 0),
        ('format("%s-%03d", "x", 7)', "x-007"),
        ('join(",", split("/", "a/b"))', "a,b"),
        ('lower("AB") == upper("ab")', False),
        ("length({a = 1, b = 2})", 2),
        ('tolist(toset(["b", "a", "b"]))', ["a", "b"]),
        ('coalesce(null, "", "z")', "z"),
        ('element(["a", "b"], 3)', "b"),
        ("keys({b = 1, a = 2})", ["a", "b"]),
        ("values({b = 1, a = 2})", [2, 1]),
        ("flatten([[1, [2]], 3])", [1, 2, 3]),
        ("distinct([1, 1, 2])", [1, 2]),
        ('contains(["a"], "a")', True),
        ('cidrsubnet("10.0.0.0/16", 8, 2)', "10.0.2.0/24"),
        ('try(local_only.missing, "fallback")', "fallback"),
        ("can({}.missing)", False),
        ('[for s in ["a", "b"] : upper(s) if s != "b"]', ["A"]),
        ('{for k, v in {a = 1, b = 2} : v => k}', {"1": "a", "2": "b"}),
        ('{for s in ["a", "ab", "b"] : substr(s, 0, 1) => s...}', {"a": ["a", "ab"], "b": ["b"]}),
        ('[{n = 1}, {n = 2}][*].n', [1, 2]),
        ('"%{ for i in [1, 2] }<${i}>%{ endfor }"', "<1><2>"),
        ('"%{ if false }yes%{ else }no%{ endif }"', "no"),
        ("<<-EOT\n    a\n      b\n    EOT", "a\n  b\n"),
        ('"esc\\"aped $${x}"', 'esc"aped ${x}'),
        ('file("x.json")', UNKNOWN),
        ('try(file(null), "none")', "none"),
        ("timestamp()", UNKNOWN),
    ],
)
def test_values(source: str, expected: Any) -> None:
    result = value(source, local_only={})
    if expected is UNKNOWN:
        assert result is UNKNOWN
    else:
        assert result == expected
        # a template interpolating values that read as a name is a Composed string
        # (judged by its shape only by GDCC-SECRET-001)
        kind = str if type(result) is Composed else type(result)
        assert kind is type(expected)


def test_unknown_propagates_without_guessing() -> None:
    assert value('"x-${u}"', u=UNKNOWN) is UNKNOWN
    assert value("u ? 1 : 2", u=UNKNOWN) is UNKNOWN
    assert value("[for x in u : x]", u=UNKNOWN) is UNKNOWN
    assert value("upper(u)", u=UNKNOWN) is UNKNOWN
    assert value("merge({a = u}, {b = 1})", u=UNKNOWN) == {"a": UNKNOWN, "b": 1}
    assert value("length([u, u])", u=UNKNOWN) == 2
    assert value('contains([u], "a")', u=UNKNOWN) is UNKNOWN
    assert value("u == 1", u=UNKNOWN) is UNKNOWN
    assert value("false && u", u=UNKNOWN) is False
    assert value("u && true", u=UNKNOWN) is UNKNOWN
    assert value("u || false", u=UNKNOWN) is UNKNOWN


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("u && false", False),
        ("u || true", True),
        ('(u == 1 && "linux" == "windows") ? 1 : 0', 0),
        ('(u == 1 && "a" == "b") || (u == 1 && false) ? 1 : 0', 0),
        ("u != null || true ? 1 : 0", 1),
    ],
)
def test_known_right_operand_decides(source: str, expected: Any) -> None:
    """``unknown && false`` is false and ``unknown || true`` true whatever the unknown becomes,
    as Terraform (cty) evaluates them: a ``count`` written that way is known."""
    result = value(source, u=UNKNOWN)
    assert result == expected
    assert type(result) is type(expected)


def test_errors_become_unknown() -> None:
    assert value("{}.missing") is UNKNOWN
    assert value("[1][5]") is UNKNOWN
    assert value("1 / 0") is UNKNOWN
    assert value("not_a_function(1)") is UNKNOWN
