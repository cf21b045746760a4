"""``AWS::DMS::ReplicationInstance`` is read as Terraform's ``aws_dms_replication_instance``
(it was not mapped: a public replication instance had no finding at all). Without
``PubliclyAccessible`` it is public: the DMS API default is true (the Terraform provider sends
false, so only CloudFormation takes that default)."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

TEMPLATE = """\
Resources:
  Written:
    Type: AWS::DMS::ReplicationInstance
    Properties:
      ReplicationInstanceClass: dms.t3.medium
      PubliclyAccessible: true
      AutoMinorVersionUpgrade: false
  Defaulted:
    Type: AWS::DMS::ReplicationInstance
    Properties:
      ReplicationInstanceClass: dms.t3.medium
  Private:
    Type: AWS::DMS::ReplicationInstance
    Properties:
      ReplicationInstanceClass: dms.t3.medium
      PubliclyAccessible: false
      AutoMinorVersionUpgrade: true
      KmsKeyId: !GetAtt Key.Arn
  Key:
    Type: AWS::KMS::Key
    Properties: {EnableKeyRotation: true}
"""

API = "https://docs.aws.amazon.com/dms/latest/APIReference/API_CreateReplicationInstance.html"


def test_replication_instances_are_judged(tmp_path: Path) -> None:
    (tmp_path / "stack.yaml").write_text(TEMPLATE, encoding="utf-8")
    result = audit(
        [tmp_path],
        Settings(rule_ids=("GDCC-NET-002", "GDCC-DB-002", "GDCC-ENC-001", "GDCC-BCK-001")),
    )
    found = {(f.address, f.rule_id): f for f in result.findings}
    written = found[("Written", "GDCC-NET-002")]
    assert (written.status, written.message.en) == (
        Status.FAIL, "the endpoint is public"
    )
    defaulted = found[("Defaulted", "GDCC-NET-002")]
    assert (defaulted.status, defaulted.message.en) == (
        Status.FAIL,
        "the endpoint is public (provider default: 'PubliclyAccessible' "
        "not set)",
    )
    assert defaulted.evidence["defaults"] == {
        "public_endpoint": {
            "attribute": "PubliclyAccessible", "value": "default", "documentation": API
        }
    }
    assert found[("Private", "GDCC-NET-002")].status is Status.PASS
    assert found[("Written", "GDCC-DB-002")].status is Status.FAIL
    assert found[("Private", "GDCC-DB-002")].status is Status.PASS
    # no default is documented for AutoMinorVersionUpgrade
    assert found[("Defaulted", "GDCC-DB-002")].status is Status.UNKNOWN
    for name in ("Written", "Defaulted", "Private"):
        assert found[(name, "GDCC-ENC-001")].status is Status.PASS
        backups = found[(name, "GDCC-BCK-001")]
        assert backups.status is Status.NOT_APPLICABLE
        assert "a DMS replication instance is a migration server" in backups.message.en
