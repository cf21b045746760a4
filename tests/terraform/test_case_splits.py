"""A case that still holds a value not known is split again on the next input the resource
tests (``ModuleInstance._alternatives``), at most ``MAX_CASES`` cases: a group whose port
reads ``var.admin`` and whose source reads ``var.wide`` is judged in the four cases (only
the first input was split: each case's source stayed not known, UNKNOWN)."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.load.terraform.module import MAX_CASES
from gdcc_audit.models.finding import Finding
from gdcc_audit.settings import Settings

GROUP = """\
resource "aws_security_group" "%s" {
  name = "%s"

  ingress {
    from_port   = %s
    to_port     = %s
    protocol    = "tcp"
    cidr_blocks = [%s]
  }
}

"""


def _net001(tmp_path: Path, inputs: list[str], *groups: tuple[str, str, str]) -> dict[str,
                                                                                        Finding]:
    text = "".join(f'variable "{name}" {{\n  type = bool\n}}\n\n' for name in inputs)
    text += "".join(GROUP % (name, name, port, port, cidr) for name, port, cidr in groups)
    (tmp_path / "main.tf").write_text(text, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-NET-001",)))
    return {f.address: f for f in result.findings}


def test_two_inputs_private_in_every_case_passes(tmp_path: Path) -> None:
    found = _net001(
        tmp_path, ["admin", "wide"],
        ("private", "var.admin ? 22 : 443", 'var.wide ? "10.0.0.0/8" : "192.168.0.0/16"'),
    )
    finding = found["aws_security_group.private"]
    assert (finding.status.value, finding.message.en) == (
        "PASS", "Management ports are not open to the internet"
    )
    assert finding.evidence["variants"] == {
        "when var.admin is true and var.wide is true": "PASS",
        "when var.admin is true and var.wide is false": "PASS",
        "when var.admin is false and var.wide is true": "PASS",
        "when var.admin is false and var.wide is false": "PASS",
    }


def test_the_one_case_that_fails_is_named(tmp_path: Path) -> None:
    found = _net001(
        tmp_path, ["admin", "wide"],
        ("half", "var.admin ? 22 : 443", 'var.wide ? "0.0.0.0/0" : "192.168.0.0/16"'),
    )
    finding = found["aws_security_group.half"]
    assert (finding.status.value, finding.message.en) == (
        "UNKNOWN",
        "the verdict depends on an input that is not known: FAIL when var.admin is true and "
        "var.wide is true (port 22 is open to the whole internet (0.0.0.0/0)); PASS when "
        "var.admin is true and var.wide is false; PASS when var.admin is false and var.wide "
        "is true; PASS when var.admin is false and var.wide is false",
    )
    assert "เมื่อ var.admin เป็นจริง และ var.wide เป็นจริง" in finding.message.th


def test_past_the_bound_the_rest_stays_not_known(tmp_path: Path) -> None:
    """Four inputs would make 16 cases: the first three are split (8 cases), the fourth
    stays not known in each, so the group keeps its own UNKNOWN (never a PASS)."""
    assert MAX_CASES == 8
    port = "var.a ? 22 : (var.b ? 23 : (var.c ? 3389 : 443))"
    found = _net001(
        tmp_path, ["a", "b", "c", "d"],
        ("many", port, 'var.d ? "10.0.0.0/8" : "192.168.0.0/16"'),
    )
    finding = found["aws_security_group.many"]
    assert finding.status.value == "UNKNOWN"
    assert finding.message.en.startswith("cannot tell whether port")
    assert "variants" not in finding.evidence
