"""A resource whose facts differ with an input that is not known is judged verdict by
verdict, not fact by fact (``engine.judge_cases``, ``Resource.variants`` of role "case"):
``cidr_blocks = [var.wide ? "10.0.0.0/8" : "192.168.0.0/16"]`` is private in both cases, so
GDCC-NET-001 PASSes (was UNKNOWN: the two cases give different sources). A verdict the
cases differ on is UNKNOWN naming each case's; a FAIL in one case is not the resource's."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Finding
from gdcc_audit.settings import Settings

INPUTS = """\
variable "wide" {
  type = bool
}

variable "env" {
  type = string
}

"""

GROUP = """\
resource "aws_security_group" "%s" {
  name = "%s"

  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = [%s]
  }
}

"""


def _net001(tmp_path: Path, *groups: tuple[str, str], extra: str = "") -> dict[str, Finding]:
    text = INPUTS + "".join(GROUP % (name, name, cidr) for name, cidr in groups) + extra
    (tmp_path / "main.tf").write_text(text, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-NET-001",)))
    return {f.address: f for f in result.findings}


def test_private_in_every_case_passes(tmp_path: Path) -> None:
    found = _net001(
        tmp_path,
        ("cond", 'var.wide ? "10.0.0.0/8" : "192.168.0.0/16"'),
        ("compared", 'var.env == "prod" ? "10.1.0.0/16" : "172.16.0.0/12"'),
    )
    cond = found["aws_security_group.cond"]
    assert (cond.status.value, cond.message.en) == (
        "PASS", "Management ports are not open to the internet"
    )
    assert cond.evidence["variants"] == {
        "when var.wide is true": "PASS", "when var.wide is false": "PASS"
    }
    compared = found["aws_security_group.compared"]
    assert compared.status.value == "PASS"
    assert compared.evidence["variants"] == {
        'when var.env is "prod"': "PASS", 'when var.env is not "prod"': "PASS"
    }


def test_open_in_every_case_fails_with_each_case_named(tmp_path: Path) -> None:
    found = _net001(tmp_path, ("open", 'var.wide ? "0.0.0.0/0" : "::/0"'))
    finding = found["aws_security_group.open"]
    assert finding.status.value == "FAIL"
    assert finding.message.en == (
        "port 22 is open to the whole internet (0.0.0.0/0) (when var.wide is true); "
        "port 22 is open to the whole internet (::/0) (when var.wide is false)"
    )
    assert "(เมื่อ var.wide เป็นจริง)" in finding.message.th
    assert finding.evidence["opened_by"][0]["declared_at"].endswith("main.tf:9")


def test_cases_that_disagree_stay_unknown_naming_the_failing_one(tmp_path: Path) -> None:
    """Never a PASS, nor a FAIL the input may not give: the case that fails is named."""
    found = _net001(tmp_path, ("half", 'var.wide ? "0.0.0.0/0" : "192.168.0.0/16"'))
    finding = found["aws_security_group.half"]
    assert (finding.status.value, finding.message.en) == (
        "UNKNOWN",
        "the verdict depends on an input that is not known: FAIL when var.wide is true "
        "(port 22 is open to the whole internet (0.0.0.0/0)); PASS when var.wide is false",
    )
    assert finding.evidence == {
        "variants": {"when var.wide is true": "FAIL", "when var.wide is false": "PASS"}
    }


def test_a_rule_resource_beside_the_cases_still_opens_the_group(tmp_path: Path) -> None:
    """A companion rule changes the group's ingress after the cases were read: the group is
    judged as before (here FAIL, on the rule resource), never PASS on the cases alone."""
    rule = """\
resource "aws_security_group_rule" "ssh" {
  type              = "ingress"
  security_group_id = aws_security_group.cond.id
  from_port         = 22
  to_port           = 22
  protocol          = "tcp"
  cidr_blocks       = ["0.0.0.0/0"]
}
"""
    found = _net001(
        tmp_path, ("cond", 'var.wide ? "10.0.0.0/8" : "192.168.0.0/16"'), extra=rule
    )
    finding = found["aws_security_group.cond"]
    assert finding.status.value == "FAIL"
    assert "variants" not in finding.evidence
    assert finding.message.en.endswith("opened by aws_security_group_rule.ssh at "
                                       f"{tmp_path / 'main.tf'}:20")


def test_a_case_not_decided_keeps_the_resources_own_verdict(tmp_path: Path) -> None:
    """One case reads a source that is not known (``var.env``): UNKNOWN with the
    resource's own reason, as before."""
    found = _net001(tmp_path, ("unsure", 'var.wide ? "10.0.0.0/8" : var.env'))
    finding = found["aws_security_group.unsure"]
    assert (finding.status.value, finding.message.en) == (
        "UNKNOWN", "cannot tell whether port 22 is open to the internet"
    )
