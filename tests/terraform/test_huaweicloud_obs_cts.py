"""OBS buckets made public by their inline ``policy`` (``Principal: {ID: ["*"]}``) or by an
``huaweicloud_obs_bucket_acl`` granting everyone READ PASSed GDCC-DATA-001 (neither was read);
a CTS tracker's traces are kept as long as the OBS bucket of the scan it writes to keeps them
(GDCC-LOG-001 was UNKNOWN on every tracker)."""

from __future__ import annotations

from pathlib import Path

import pytest

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "huaweicloud_obs_cts"


@pytest.fixture(scope="module")
def found() -> dict[tuple[str, str], tuple[Status, str]]:
    result = audit([FIXTURE], Settings(rule_ids=["GDCC-DATA-001", "GDCC-LOG-001"]))
    addresses = {r.id: str(r.address) for r in result.resources}
    return {(f.rule_id, addresses[f.resource_id]): (f.status, f.message.en)
            for f in result.findings}


@pytest.mark.parametrize(("name", "status"), [
    ("inline", Status.FAIL), ("acl", Status.FAIL), ("keep", Status.PASS),
])
def test_public_buckets(found: dict[tuple[str, str], tuple[Status, str]], name: str,
                        status: Status) -> None:
    assert found[("GDCC-DATA-001", f"huaweicloud_obs_bucket.{name}")][0] is status


def test_trace_retention(found: dict[tuple[str, str], tuple[Status, str]]) -> None:
    assert found[("GDCC-LOG-001", "huaweicloud_cts_tracker.short")] == (
        Status.FAIL, "log retention is 30 days; at least 90 days required"
    )
    assert found[("GDCC-LOG-001", "huaweicloud_cts_tracker.kept")][0] is Status.PASS
