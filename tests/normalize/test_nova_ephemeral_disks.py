"""A Nova server booted from an image keeps its root disk on the compute host's ephemeral
storage, which Nova leaves unencrypted unless the cloud turns on ephemeral storage encryption
("[ephemeral_storage_encryption] enabled ... Default: False"). GDCC-CMP-003 was UNKNOWN on
every OpenStack server (heat-templates: 76); it is FAIL "provider default" with that caveat,
and UNKNOWN for a server booted from a volume (its volume type decides)."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

FIXTURES = Path(__file__).parent.parent / "fixtures" / "openstack_disks"
DEFAULT = (
    "encryption at rest is off (provider default: 'ephemeral storage encryption' not set; the "
    "root disk is still encrypted if the cloud encrypts ephemeral storage (Nova "
    "[ephemeral_storage_encryption], or a flavor with hw:ephemeral_encryption); neither is in "
    "the input)"
)
NOT_KNOWN = "whether encryption at rest is on is not known from the input"


def test_root_disks_on_ephemeral_storage_fail_by_the_nova_default() -> None:
    result = audit([FIXTURES], Settings(rule_ids=("GDCC-CMP-003",)))
    assert {(f.address, f.status, f.message.en) for f in result.findings} == {
        ("from_image", Status.FAIL, DEFAULT),
        ("from_volume", Status.UNKNOWN, NOT_KNOWN),
        ("openstack_compute_instance_v2.from_image", Status.FAIL, DEFAULT),
        ("openstack_compute_instance_v2.local_disk", Status.FAIL, DEFAULT),
        ("openstack_compute_instance_v2.from_volume", Status.UNKNOWN, NOT_KNOWN),
    }
    heat = next(f for f in result.findings if f.address == "from_image")
    assert heat.evidence["defaults"]["encrypted_at_rest"]["documentation"] == (
        "https://docs.openstack.org/nova/latest/configuration/config.html"
        "#ephemeral_storage_encryption.enabled"
    )
