"""Graph rules read the cases of Terraform inputs that are not known
(``evaluate.graph_cases``, ``engine.judge_graph_cases``): a security group PASSing
GDCC-NET-001 over the cases of ``var.wide`` was still an unknown source to GDCC-GRAPH-002
(UNKNOWN). The graph is built again with the resources near the judged one taken in each
case; the cases of resources testing the same input the same way are taken together, any
other split with every case of the others."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Finding
from gdcc_audit.settings import Settings

GROUP = """\
resource "aws_security_group" "web" {
  name = "web"

  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = [%s]
  }
}

resource "aws_instance" "web" {
  ami                         = "ami-1"
  instance_type               = "t3.micro"
  associate_public_ip_address = %s
  vpc_security_group_ids      = [aws_security_group.web.id]
}
"""


def _graph002(tmp_path: Path, inputs: str, cidr: str, public: str = "true") -> Finding:
    (tmp_path / "main.tf").write_text(inputs + GROUP % (cidr, public), encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-002",)))
    [finding] = [f for f in result.findings if f.address == "aws_instance.web"]
    return finding


WIDE = 'variable "wide" {\n  type = bool\n}\n\n'
ENV = 'variable "env" {\n  type = string\n}\n\n'
IPS = 'variable "ips" {\n  type = list(string)\n}\n\n'


def test_a_source_private_in_every_case_passes(tmp_path: Path) -> None:
    finding = _graph002(tmp_path, WIDE, 'var.wide ? "10.0.0.0/8" : "192.168.0.0/16"')
    assert (finding.status.value, finding.message.en) == (
        "PASS", "No management port is reachable from the internet through any path"
    )
    assert finding.evidence["variants"] == {
        "when var.wide is true": "PASS", "when var.wide is false": "PASS"
    }


def test_a_source_open_in_every_case_fails_naming_each(tmp_path: Path) -> None:
    finding = _graph002(tmp_path, WIDE, 'var.wide ? "0.0.0.0/0" : "0.0.0.0/1"')
    assert (finding.status.value, finding.message.en) == (
        "FAIL", "management port 22 reachable from the internet: internet → web:22"
    )
    assert finding.evidence["path"] == "internet → web:22"
    assert finding.evidence["variants"] == {
        "when var.wide is true": "FAIL", "when var.wide is false": "FAIL"
    }


def test_cases_that_disagree_stay_unknown_naming_each(tmp_path: Path) -> None:
    finding = _graph002(tmp_path, WIDE, 'var.wide ? "0.0.0.0/0" : "10.0.0.0/8"')
    assert (finding.status.value, finding.message.en) == (
        "UNKNOWN",
        "the verdict depends on an input that is not known: FAIL when var.wide is true "
        "(management port 22 reachable from the internet: internet → web:22); PASS when "
        "var.wide is false",
    )


def test_one_input_is_taken_the_same_way_in_the_group_and_the_instance(
    tmp_path: Path,
) -> None:
    """Public only in production, where the group admits only 10.0.0.0/8; open to the
    world elsewhere, where the instance has no public IP: PASS either way (the group open
    and the instance public is no case of ``var.env``)."""
    finding = _graph002(
        tmp_path, ENV, 'var.env == "prod" ? "10.0.0.0/8" : "0.0.0.0/0"',
        public='var.env == "prod" ? true : false',
    )
    assert finding.status.value == "PASS"
    assert finding.evidence["variants"] == {
        'when var.env is "prod"': "PASS", 'when var.env is not "prod"': "PASS"
    }


def test_two_conditions_on_one_input_are_not_taken_together(tmp_path: Path) -> None:
    """``length(var.ips) > 0`` and ``length(var.ips) < 5`` read the same input but may
    differ (no address: open group, public instance): each resource's condition is taken
    with every case of the other, so the open and public case is read: UNKNOWN, never a
    PASS."""
    finding = _graph002(
        tmp_path, IPS, 'length(var.ips) > 0 ? "10.0.0.0/8" : "0.0.0.0/0"',
        public="length(var.ips) < 5 ? true : false",
    )
    assert finding.status.value == "UNKNOWN"
    assert finding.message.en.startswith(
        "the verdict depends on an input that is not known: "
        "PASS when the condition on var.ips holds (aws_security_group.web) and when the "
        "condition on var.ips holds (aws_instance.web); "
    )
    assert finding.evidence["variants"] == {
        "when the condition on var.ips holds (aws_security_group.web) and when the condition "
        "on var.ips holds (aws_instance.web)": "PASS",
        "when the condition on var.ips holds (aws_security_group.web) and when the condition "
        "on var.ips does not hold (aws_instance.web)": "PASS",
        "when the condition on var.ips does not hold (aws_security_group.web) and when the "
        "condition on var.ips holds (aws_instance.web)": "FAIL",
        "when the condition on var.ips does not hold (aws_security_group.web) and when the "
        "condition on var.ips does not hold (aws_instance.web)": "PASS",
    }


PUBLIC = 'variable "public" {\n  type = bool\n}\n\n'


def test_a_public_ip_switch_written_as_an_input(tmp_path: Path) -> None:
    """``associate_public_ip_address = var.public`` (a boolean input) is split true, then
    false (``load.terraform.module.SWITCHES``): the open group FAILs only when it is true."""
    finding = _graph002(tmp_path, PUBLIC, '"0.0.0.0/0"', public="var.public")
    assert (finding.status.value, finding.message.en) == (
        "UNKNOWN",
        "the verdict depends on an input that is not known: FAIL when var.public is true "
        "(management port 22 reachable from the internet: internet → web:22); PASS when "
        "var.public is false",
    )


def test_the_switch_and_the_source_read_the_same_input(tmp_path: Path) -> None:
    finding = _graph002(
        tmp_path, PUBLIC, 'var.public ? "10.0.0.0/8" : "0.0.0.0/0"', public="var.public"
    )
    assert finding.status.value == "PASS"
    assert finding.evidence["variants"] == {
        "when var.public is true": "PASS", "when var.public is false": "PASS"
    }
