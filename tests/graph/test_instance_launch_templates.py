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


def _settings(folder: str) -> dict[str, tuple[Status, str]]:
    result = audit(
        [FIXTURES / folder], Settings(rule_ids=("GDCC-CMP-001", "GDCC-CMP-002", "GDCC-CMP-003"))
    )
    return {f.rule_id: (f.status, f.message.en) for f in result.findings
            if f.address and f.address.startswith("aws_instance.")}


def test_what_the_instance_does_not_write_comes_from_its_template() -> None:
    """Were a wrong FAIL: the instance's own defaults (IMDSv1, an unencrypted root volume)
    were judged though the template it launches from sets both."""
    via = "(as its launch template aws_launch_template.web gives it)"
    assert _settings("tf_settings") == {
        "GDCC-CMP-001": (Status.UNKNOWN,
                         "whether it has a public IP address is not known from the input"),
        "GDCC-CMP-002": (Status.PASS,
                         f"The instance metadata service requires session tokens {via}"),
        "GDCC-CMP-003": (Status.PASS, f"Instance root and data disks are encrypted {via}"),
    }
    assert _settings("tf") == {
        "GDCC-CMP-001": (Status.FAIL, "it has a public IP address"),
        "GDCC-CMP-002": (Status.FAIL, "the metadata service accepts requests without a "
                         f"session token (IMDSv1) {via}"),
        "GDCC-CMP-003": (Status.FAIL, f"encryption at rest is off {via}"),
    }
    unread = "it is launched from a launch template that is not in the input, which decides it"
    assert _settings("tf_unread") == {
        "GDCC-CMP-001": (Status.UNKNOWN,
                         "whether it has a public IP address is not known from the input"),
        "GDCC-CMP-002": (Status.UNKNOWN, "whether the metadata service requires session "
                         f"tokens (IMDSv2) is not known from the input: {unread}"),
        "GDCC-CMP-003": (Status.UNKNOWN,
                         f"whether encryption at rest is on is not known from the input: {unread}"),
    }


def test_the_template_user_data_is_the_instance_user_data() -> None:
    """Was a wrong PASS: the instance wrote no user data, so 'holds no secrets', while it runs
    its template's, which holds a password."""
    found = _settings_of("tf_userdata", "GDCC-CMP-005")
    assert found == {
        "aws_instance.web": (Status.FAIL, "secrets in user data: user_data (as its launch "
                             "template aws_launch_template.web gives it)"),
        "aws_launch_template.web": (Status.FAIL, "secrets in user data: user_data"),
    }


def test_cloudformation_instances_take_their_template_settings() -> None:
    via = "(as its launch template WebTemplate gives it)"
    found = {rule: _settings_of("cfn_settings", rule)["Web"]
             for rule in ("GDCC-CMP-002", "GDCC-CMP-003", "GDCC-CMP-005")}
    assert found == {
        "GDCC-CMP-002": (Status.PASS,
                         f"The instance metadata service requires session tokens {via}"),
        "GDCC-CMP-003": (Status.PASS, f"Instance root and data disks are encrypted {via}"),
        "GDCC-CMP-005": (Status.PASS, f"Instance user data holds no secrets {via}"),
    }
    unread = ("it is launched from a launch template that is not in the template, which "
              "decides it")
    assert _settings_of("cfn_unread", "GDCC-CMP-005")["Worker"] == (
        Status.UNKNOWN, f"whether user data holds secrets is not known from the input: {unread}"
    )
    assert _settings_of("cfn_unread", "GDCC-CMP-002")["Worker"][0] is Status.UNKNOWN
    # Was FAIL "'BlockDeviceMappings' not set" (the instance's own default): the template may
    # map encrypted volumes.
    assert _settings_of("cfn_unread", "GDCC-CMP-003")["Worker"] == (
        Status.UNKNOWN,
        f"whether encryption at rest is on is not known from the input: {unread}",
    )


def _settings_of(folder: str, rule: str) -> dict[str, tuple[Status, str]]:
    result = audit([FIXTURES / folder], Settings(rule_ids=(rule,)))
    return {f.address or "": (f.status, f.message.en) for f in result.findings}


def test_the_template_network_interface_gives_the_public_ip() -> None:
    assert _settings_of("cfn", "GDCC-CMP-001")["Web"] == (
        Status.FAIL, "it has a public IP address (as its launch template WebTemplate gives it)"
    )
    assert _settings_of("tf", "GDCC-CMP-001")["aws_instance.web"] == (
        Status.FAIL, "it has a public IP address"
    )
