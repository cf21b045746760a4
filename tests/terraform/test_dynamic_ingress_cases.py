"""A security group's ``dynamic "ingress"`` made only when an input not known is on
(``for_each = var.enabled ? [...] : []``, the shape modules use to make a rule optional) is
judged in each case of the split: FAIL in the case that writes the open rule, PASS in the
other, so one UNKNOWN finding naming both (docs/iac.md, "judged in each case").

A ``dynamic`` block over a **set** binds its iterator's ``key`` to the element itself
(Terraform: "If the for_each expression produces a set value then key is identical to
value"): ``from_port = ingress.key`` over ``toset(["22"])`` is port 22. It was read as the
element's position (0), so the open SSH rule PASSed NET-001."""

from __future__ import annotations

from pathlib import Path

import pytest

from gdcc_audit.api import audit
from gdcc_audit.settings import Settings

GROUP = """\
variable "enabled" {
  type = bool
}

resource "aws_security_group" "web" {
  name   = "web"
  vpc_id = "vpc-123"

  dynamic "ingress" {
    for_each = %s
    content {
      from_port   = %s
      to_port     = %s
      protocol    = "tcp"
      cidr_blocks = ["0.0.0.0/0"]
    }
  }
}
"""

OPEN = "port 22 is open to the whole internet (0.0.0.0/0)"
SPLIT = (
    "the verdict depends on an input that is not known: FAIL when var.enabled is true "
    f"({OPEN}); PASS when var.enabled is false"
)


def _findings(tmp_path: Path, each: str, port: str) -> list[tuple[str, str | None, str]]:
    (tmp_path / "main.tf").write_text(GROUP % (each, port, port), encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-NET-001",)))
    return [(f.status.value, f.address, f.message.en) for f in result.findings]


@pytest.mark.parametrize(
    ("each", "port"),
    [
        ("var.enabled ? [22] : []", "ingress.value"),
        ('var.enabled ? { ssh = 22 } : {}', "ingress.value"),
        ('var.enabled ? ["22"] : []', "tonumber(ingress.value)"),
        ("var.enabled ? toset([22]) : toset([])", "ingress.value"),
        ('var.enabled ? toset(["22"]) : toset([])', "tonumber(ingress.key)"),
        ('var.enabled ? toset(["22"]) : []', "ingress.key"),
    ],
)
def test_the_case_that_writes_the_rule_fails(tmp_path: Path, each: str, port: str) -> None:
    assert _findings(tmp_path, each, port) == [
        ("UNKNOWN", "aws_security_group.web", SPLIT)
    ]


def test_a_negated_condition_names_the_other_case(tmp_path: Path) -> None:
    assert _findings(tmp_path, "var.enabled ? [] : [22]", "ingress.value") == [
        ("UNKNOWN", "aws_security_group.web",
         "the verdict depends on an input that is not known: PASS when var.enabled is true; "
         f"FAIL when var.enabled is false ({OPEN})")
    ]


@pytest.mark.parametrize("port", ["ingress.key", "tonumber(ingress.key)"])
def test_a_set_binds_its_key_to_the_element(tmp_path: Path, port: str) -> None:
    assert _findings(tmp_path, 'toset(["22"])', port) == [
        ("FAIL", "aws_security_group.web", OPEN)
    ]


def test_a_set_typed_input_binds_its_key_to_the_element(tmp_path: Path) -> None:
    text = (GROUP % ("var.ports", "ingress.key", "ingress.key")).replace(
        'variable "enabled" {\n  type = bool\n}',
        'variable "ports" {\n  type    = set(number)\n  default = [22]\n}',
    )
    (tmp_path / "main.tf").write_text(text, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-NET-001",)))
    [finding] = result.findings
    assert finding.status.value == "FAIL"
    assert finding.message.en == f"{OPEN} (value set at {tmp_path / 'main.tf'}:3)"


def test_a_list_keeps_its_positions(tmp_path: Path) -> None:
    """Over a list the key is the position: ``ingress.key + 22`` over one item is port 22."""
    assert _findings(tmp_path, '["x"]', "ingress.key + 22") == [
        ("FAIL", "aws_security_group.web", OPEN)
    ]


@pytest.mark.parametrize(
    ("each", "verdict", "message"),
    [
        ("[for p in [22] : p if var.enabled]", "UNKNOWN", SPLIT),
        (
            "[for p in [22] : p if !var.enabled]", "UNKNOWN",
            "the verdict depends on an input that is not known: PASS when var.enabled is "
            f"true; FAIL when var.enabled is false ({OPEN})",
        ),
        # the rule a filter keeps or drops is no management port: PASS in both cases
        ("[for p in [443] : p if var.enabled]", "PASS",
         "Management ports are not open to the internet"),
    ],
)
def test_a_for_filter_on_an_input_is_split(
    tmp_path: Path, each: str, verdict: str, message: str
) -> None:
    """A ``for`` filter testing an input (``... : p if var.enabled``) keeps every item or
    none: the block is judged with the input true, then false, as a conditional
    ``for_each`` is (it was UNKNOWN "inbound rules are not known")."""
    assert _findings(tmp_path, each, "ingress.value") == [
        (verdict, "aws_security_group.web", message)
    ]


def test_a_for_filter_comparing_an_input_with_a_value(tmp_path: Path) -> None:
    text = (GROUP % ('{ for k, v in { ssh = 22 } : k => v if var.env == "prod" }',
                     "ingress.value", "ingress.value")).replace(
        'variable "enabled" {\n  type = bool\n}', 'variable "env" {\n  type = string\n}'
    )
    (tmp_path / "main.tf").write_text(text, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-NET-001",)))
    assert [(f.status.value, f.message.en) for f in result.findings] == [(
        "UNKNOWN",
        'the verdict depends on an input that is not known: FAIL when var.env is "prod" '
        f'({OPEN}); PASS when var.env is not "prod"',
    )]
