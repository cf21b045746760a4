"""DCS instances' backups were not read (GDCC-BCK-001/002 UNKNOWN on every cache): a
``backup_policy`` (``backup_type`` auto by default) keeps ``save_days``; none makes no automatic
backup. OBS buckets without ``encryption`` / ``versioning`` FAILed without saying it is the
provider default."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "huaweicloud_dcs_backups"


def test_dcs_backups_and_obs_defaults() -> None:
    rules = ["GDCC-BCK-001", "GDCC-BCK-002", "GDCC-ENC-001", "GDCC-DATA-005"]
    result = audit([FIXTURE], Settings(rule_ids=rules))
    names = {r.id: str(r.address) for r in result.resources}
    found = {(f.rule_id, names[f.resource_id]): (f.status, f.message.en)
             for f in result.findings}
    assert found[("GDCC-BCK-001", "huaweicloud_dcs_instance.auto")][0] is Status.PASS
    assert found[("GDCC-BCK-002", "huaweicloud_dcs_instance.auto")] == (
        Status.FAIL, "backup retention is 3 days; at least 7 days required"
    )
    none = found[("GDCC-BCK-001", "huaweicloud_dcs_instance.none")]
    assert none[0] is Status.FAIL
    assert "no backup_policy" in none[1]
    assert found[("GDCC-ENC-001", "huaweicloud_obs_bucket.b")] == (
        Status.FAIL, "encryption at rest is off (provider default: 'encryption' not set)"
    )
    assert found[("GDCC-DATA-005", "huaweicloud_obs_bucket.b")] == (
        Status.FAIL, "object versioning is off (provider default: 'versioning' not set)"
    )
