"""Backups of Spanner databases (``normalize/terraform/google_spanner.py``): GDCC-BCK-001 /
BCK-002 were UNKNOWN on every database. A backup schedule of the scan, or the instance's
``default_backup_schedule_type``, now decides."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

FIXTURE = Path(__file__).parent / "fixtures" / "spanner_backups" / "main.tf"


def _found() -> dict[tuple[str, str], tuple[Status, str]]:
    result = audit([FIXTURE], Settings(rule_ids=("GDCC-BCK-001", "GDCC-BCK-002")))
    return {
        ((f.address or "").removeprefix("google_spanner_database."), f.rule_id): (
            f.status, f.message.en if f.message else "")
        for f in result.findings
    }


def test_schedules_and_instance_defaults() -> None:
    found = _found()
    statuses = {key: status for key, (status, _m) in found.items()}
    assert statuses == {
        ("auto", "GDCC-BCK-001"): Status.PASS,
        ("auto", "GDCC-BCK-002"): Status.PASS,  # AUTOMATIC: kept 7 days
        ("scheduled", "GDCC-BCK-001"): Status.PASS,
        ("scheduled", "GDCC-BCK-002"): Status.PASS,  # 1209600s: 14 days
        ("short", "GDCC-BCK-001"): Status.PASS,  # named by its literal name
        ("short", "GDCC-BCK-002"): Status.FAIL,  # 172800s: 2 days
        ("bare", "GDCC-BCK-001"): Status.FAIL,  # instance NONE, no schedule
        ("bare", "GDCC-BCK-002"): Status.FAIL,
        ("unset", "GDCC-BCK-001"): Status.FAIL,  # the provider's default: none
        ("unset", "GDCC-BCK-002"): Status.FAIL,
        ("elsewhere", "GDCC-BCK-001"): Status.UNKNOWN,
        ("elsewhere", "GDCC-BCK-002"): Status.UNKNOWN,
    }
    assert found[("short", "GDCC-BCK-002")][1] == (
        "backup retention is 2 days; at least 7 days required")
    message = found[("unset", "GDCC-BCK-001")][1]
    assert message.startswith(
        "backups are off (provider default: 'default_backup_schedule_type of "
        "google_spanner_instance.unset' not set; the Spanner API says"
    )
    assert "its instance is not in the scan" in found[("elsewhere", "GDCC-BCK-001")][1]
