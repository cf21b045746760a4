"""``a ? b : c ? d : e`` is ``a ? b : (c ? d : e)`` (HCL's results are whole expressions), but
tree-sitter-hcl nests an unbracketed chain to the left: it was read as ``(a ? b : c) ? d : e``.
``publicly_accessible = var.expose ? true : var.legacy ? false : false`` with ``expose`` true
was false (the first result taken as the next condition): a database open to the internet
PASSed GDCC-NET-002; Azure Verified Module VMs attaching an existing OS disk got a key vault
secret whose ``count`` (``imported ? 0 : (...) ? 1 : 0``) was not known."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from gdcc_audit.api import audit
from gdcc_audit.load.terraform.ast import Conditional, Lit, Var
from gdcc_audit.load.terraform.evaluate import Context, evaluate_or_unknown
from gdcc_audit.load.terraform.parse import parse_hcl
from gdcc_audit.load.terraform.types import ConstantScope
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings


def _expr(source: str) -> Any:
    parsed = parse_hcl("t.tf", f"x = {source}\n".encode())
    assert parsed.issues == []
    return parsed.body.attributes["x"].expr


def _value(source: str) -> Any:
    return evaluate_or_unknown(_expr(source), Context(ConstantScope(), {}))


def test_chain_nests_to_the_right() -> None:
    a, b, c, d, e, f, g = (Var(n) for n in "abcdefg")
    assert _expr("a ? b : c ? d : e") == Conditional(a, b, Conditional(c, d, e))
    assert _expr("a ? b : c ? d : e ? f : g") == Conditional(
        a, b, Conditional(c, d, Conditional(e, f, g))
    )
    # brackets keep their meaning
    assert _expr("(a ? b : c) ? d : e") == Conditional(Conditional(a, b, c), d, e)
    assert _expr("a ? b ? d : e : c") == Conditional(a, Conditional(b, d, e), c)
    assert _expr("a ? b : (c) ? d : e") == Conditional(a, b, Conditional(c, d, e))
    assert _expr("a ? 1 : c ? 2 : 3") == Conditional(a, Lit(1), Conditional(c, Lit(2), Lit(3)))


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ('true ? "a" : false ? "b" : "c"', "a"),
        ('false ? "a" : true ? "b" : "c"', "b"),
        ('false ? "a" : false ? "b" : "c"', "c"),
        ("true ? 0 : (1 == 1) ? 1 : 0", 0),
        ("true ? true : false ? false : false", True),
        ('(true ? false : true) ? "b" : "c"', "c"),
        ('false ? 1 : false ? 2 : true ? 3 : 4', 3),
    ],
)
def test_chain_values(source: str, expected: Any) -> None:
    result = _value(source)
    assert result == expected
    assert type(result) is type(expected)


MAIN = """\
variable "expose" {
  type    = bool
  default = true
}

variable "legacy" {
  type    = bool
  default = false
}

resource "aws_db_instance" "db" {
  engine              = "postgres"
  instance_class      = "db.t3.micro"
  publicly_accessible = var.expose ? true : var.legacy ? false : false
}
"""


def test_chained_conditional_decides_a_verdict(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(MAIN, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-NET-002",)))
    found = {(f.address or ""): (f.status, f.message.en) for f in result.findings}
    # was PASS "Databases and message brokers are not reachable through a public endpoint";
    # the conditional's variable (``expose``, its default on line 3) chooses the value
    where = tmp_path / "main.tf"
    assert found == {
        "aws_db_instance.db": (Status.FAIL, f"the endpoint is public (value set at {where}:3)")
    }
