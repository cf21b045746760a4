"""Alibaba Cloud ECS instances (``alicloud_instance``) were not judged at all: 31 instances of
alibabacloud-automation/terraform-alicloud-ecs-instance were listed as "not judged", so an
instance with public bandwidth and unencrypted disks had no finding. Now a compute instance:
public by ``internet_max_bandwidth_out`` above 0 (the provider: "Setting
'internet_max_bandwidth_out' larger than 0 will allocate public ip for instance") or an
``alicloud_eip_association`` naming it; disks unencrypted unless written so (the system
disk's default with the account-default-encryption caveat, a data disk's ``encrypted``
defaults to false)."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "alicloud_ecs"
RULES = ("GDCC-CMP-001", "GDCC-CMP-003", "GDCC-CMP-005", "GDCC-GRAPH-002")


def _found() -> dict[tuple[str, str], tuple[Status, str]]:
    result = audit([FIXTURE], Settings(rule_ids=RULES))
    assert "alicloud_instance" not in result.not_judged
    assert "alicloud_eip_association" not in result.not_judged
    return {(f.rule_id, f.address or ""): (f.status, f.message.en) for f in result.findings}


def test_public_bandwidth_or_a_bound_eip_gives_a_public_address() -> None:
    found = _found()
    assert found[("GDCC-CMP-001", "alicloud_instance.web")] == (
        Status.FAIL, "it has a public IP address"
    )
    assert found[("GDCC-CMP-001", "alicloud_instance.bastion")] == (
        Status.FAIL, "it has a public IP address"
    )
    status, message = found[("GDCC-CMP-001", "alicloud_instance.db")]
    assert status is Status.PASS
    assert "no EIP association of the scanned configuration names it" in message


def test_disks_left_unencrypted_fail_with_the_default() -> None:
    found = _found()
    assert found[("GDCC-CMP-003", "alicloud_instance.web")] == (
        Status.FAIL,
        "encryption at rest is off (provider default: 'system_disk_encrypted' not set; the "
        "disk is still encrypted if the account's default disk encryption is on in the region "
        "(alicloud_ecs_disk_encryption_by_default), or its image is encrypted; neither is in "
        "the input)",
    )
    assert found[("GDCC-CMP-003", "alicloud_instance.bastion")] == (
        Status.FAIL, "encryption at rest is off (provider default: 'data_disks.encrypted' not set)"
    )
    assert found[("GDCC-CMP-003", "alicloud_instance.db")][0] is Status.PASS


def test_user_data_and_reachability_are_judged() -> None:
    found = _found()
    assert found[("GDCC-CMP-005", "alicloud_instance.web")][0] is Status.PASS
    status, message = found[("GDCC-GRAPH-002", "alicloud_instance.web")]
    assert status is Status.FAIL
    assert message.endswith("reachable from the internet: internet → web:22")
