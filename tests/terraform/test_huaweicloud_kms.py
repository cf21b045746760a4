"""Huawei Cloud KMS keys: GDCC-ENC-006 ("Key policies do not let everyone use the key") was
UNKNOWN on every key although a Huawei KMS key has no key policy; an imported key (``origin =
"external"``), which KMS cannot rotate, FAILed GDCC-ENC-003."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "huaweicloud_kms"


def test_kms_keys() -> None:
    result = audit([FIXTURE], Settings(rule_ids=["GDCC-ENC-003", "GDCC-ENC-006"]))
    names = {r.id: str(r.address) for r in result.resources}
    found = {(f.rule_id, names[f.resource_id]): f for f in result.findings}
    plain, imported = "huaweicloud_kms_key.plain", "huaweicloud_kms_key.imported"
    assert found[("GDCC-ENC-006", plain)].status is Status.PASS
    assert "has no key policy" in found[("GDCC-ENC-006", plain)].message.en
    assert found[("GDCC-ENC-003", plain)].message.en == (
        "automatic rotation is off (provider default: 'rotation_enabled' not set)"
    )
    assert found[("GDCC-ENC-003", imported)].status is Status.NOT_APPLICABLE
