"""Magnum clusters whose labels turn Keystone authentication off
(``keystone_auth_enabled = "false"``) leave only the client certificates Magnum signs:
GDCC-CLU-006 FAILs (it was UNKNOWN on every Magnum cluster, labels not read); with Keystone on
it stays UNKNOWN saying why. EC2 credentials (``openstack_identity_ec2_credential_v3``), a
long-lived access key, were not judged."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "openstack_magnum_auth"


def test_keystone_label_and_ec2_credentials() -> None:
    result = audit([FIXTURE], Settings(rule_ids=["GDCC-CLU-006", "GDCC-IAM-006"]))
    names = {r.id: str(r.address or r.name) for r in result.resources}
    found = {(f.rule_id, names[f.resource_id]): f for f in result.findings}
    off = found[("GDCC-CLU-006", "openstack_containerinfra_cluster_v1.certs_only")]
    assert off.status is Status.FAIL
    assert "keystone_auth_enabled is false" in off.message.en
    on = found[("GDCC-CLU-006", "openstack_containerinfra_cluster_v1.keystone")]
    assert on.status is Status.UNKNOWN
    assert "Magnum also signs client certificates" in on.message.en
    assert found[("GDCC-CLU-006", "cluster")].status is Status.FAIL  # Heat
    key = found[("GDCC-IAM-006", "openstack_identity_ec2_credential_v3.s3")]
    assert key.status is Status.UNKNOWN
