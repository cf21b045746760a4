"""Vertex AI Workbench instances (``google_workbench_instance``; ``normalize/terraform/
google_workbench.py``) were not mapped: an instance with Workbench's defaults (an external IP,
root access for its users, secure boot off) had no finding at all. They are instances now."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Finding, Status
from gdcc_audit.settings import Settings

FIXTURES = Path(__file__).parent / "fixtures" / "workbench_instances"
RULES = (
    "GDCC-CMP-001", "GDCC-CMP-003", "GDCC-CMP-004", "GDCC-CMP-005", "GDCC-CMP-006",
    "GDCC-CMP-012", "GDCC-CMP-013", "GDCC-ENC-002",
)  # fmt: skip


def _findings() -> dict[tuple[str, str], Finding]:
    result = audit([FIXTURES / "main.tf"], Settings(rule_ids=RULES))
    return {(f.address or "", f.rule_id): f for f in result.findings}


def _said(found: dict[tuple[str, str], Finding], address: str, rule: str) -> tuple[Status, str]:
    finding = found[(address, rule)]
    return finding.status, finding.message.en if finding.message else ""


def test_defaults_fail() -> None:
    found = _findings()
    wb = "google_workbench_instance.wb_default"
    assert _said(found, wb, "GDCC-CMP-001") == (
        Status.FAIL,
        "it has a public IP address (provider default: 'gce_setup.0.disable_public_ip' not set)",
    )
    assert _said(found, wb, "GDCC-CMP-013") == (
        Status.FAIL,
        "notebook users may become root "
        "(provider default: 'gce_setup.0.metadata.notebook-disable-root' not set)",
    )
    assert _said(found, wb, "GDCC-CMP-012") == (
        Status.FAIL,
        "boot protections off: secure boot (provider default: "
        "'gce_setup.0.shielded_instance_config.0.enable_secure_boot' not set)",
    )
    assert found[(wb, "GDCC-CMP-003")].status is Status.PASS  # disks always encrypted
    assert found[(wb, "GDCC-CMP-004")].status is Status.PASS  # serial port off by default
    assert found[(wb, "GDCC-CMP-005")].status is Status.PASS  # no start-up script
    status, message = _said(found, wb, "GDCC-CMP-006")
    assert status is Status.UNKNOWN
    assert "no service account is named in gce_setup.service_accounts" in message


def test_locked_instance() -> None:
    found = _findings()
    wb = "google_workbench_instance.locked"
    for rule in ("GDCC-CMP-001", "GDCC-CMP-003", "GDCC-CMP-004", "GDCC-CMP-006",
                 "GDCC-CMP-012", "GDCC-CMP-013"):
        assert found[(wb, rule)].status is Status.PASS, rule
    assert found[(wb, "GDCC-CMP-013")].evidence["notebook_root_access"] is False
    assert _said(found, wb, "GDCC-CMP-005") == (
        Status.UNKNOWN,
        "whether user data holds secrets is not known from the input: "
        "its post-startup-script runs a script on the instance that is not read",
    )


def test_root_access_not_known_says_why() -> None:
    """A notebook whose root access comes from an input without a value is UNKNOWN on
    GDCC-CMP-013, naming the setting once (the reason repeated the question before)."""
    folder = Path(__file__).parent / "rules" / "GDCC-CMP-013"
    result = audit(
        [folder / "main.tf", folder / "template.yaml"], Settings(rule_ids=("GDCC-CMP-013",))
    )
    said = {
        f.address: f.message.en for f in result.findings
        if f.status is Status.UNKNOWN and f.message is not None
    }
    question = "whether notebook users may become root is not known from the input: "
    assert said == {
        "google_workbench_instance.wb_var":
            question + "the metadata key notebook-disable-root has no known value",
        "aws_sagemaker_notebook_instance.sm_var":
            question + "its root access setting has no known value (Enabled or Disabled)",
        "Asked": question + "its root access setting has no known value (Enabled or Disabled)",
    }
