"""An EC2 instance launched from a launch template has the template's security groups. The
graph took it for a member of its VPC's default group (it names no group itself): an instance
whose template opens SSH to everyone PASSed GDCC-GRAPH-002 and, judged on that default group,
GDCC-NET-001. A template that is not in the scan leaves its groups not known."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

FIXTURES = Path(__file__).parent.parent / "fixtures" / "graph" / "instance_templates"
RULES = ("GDCC-NET-001", "GDCC-GRAPH-002")


def _findings(folder: str) -> dict[tuple[str, str], tuple[Status, str]]:
    result = audit([FIXTURES / folder], Settings(rule_ids=RULES))
    return {(f.rule_id, f.address or ""): (f.status, f.message.en) for f in result.findings}


def test_the_template_groups_govern_the_instance() -> None:
    tf = _findings("tf")
    assert tf[("GDCC-NET-001", "aws_instance.web")] == (
        Status.NOT_APPLICABLE, "judged on its security groups: ssh"
    )
    assert tf[("GDCC-GRAPH-002", "aws_instance.web")] == (
        Status.FAIL, "management port 22 reachable from the internet: internet → web:22"
    )
    cfn = _findings("cfn")
    assert cfn[("GDCC-NET-001", "Web")] == (
        Status.NOT_APPLICABLE, "judged on its security groups: Ssh"
    )
    assert cfn[("GDCC-GRAPH-002", "Web")] == (
        Status.FAIL, "management port 22 reachable from the internet: internet → Web:22"
    )


def test_a_template_not_in_the_scan_is_not_the_default_group() -> None:
    found = _findings("tf_unread")
    assert found[("GDCC-NET-001", "aws_instance.worker")] == (
        Status.UNKNOWN, "inbound rules are not known"
    )
    assert found[("GDCC-GRAPH-002", "aws_instance.worker")][0] is Status.UNKNOWN
