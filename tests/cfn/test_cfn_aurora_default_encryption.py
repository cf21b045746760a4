"""An ``AWS::RDS::DBCluster`` with an Aurora engine whose ``StorageEncrypted`` is not true
FAILed GDCC-ENC-001 on the default false; every Aurora cluster created on or after
2026-02-18 is encrypted by AWS with an AWS owned key, also with ``StorageEncrypted: false``
(Aurora User Guide, Overview.Encryption.html; AWS Database Blog), and a template does not say
when its cluster was created: UNKNOWN saying so. A Multi-AZ DB cluster is unchanged."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

DOC = "https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Overview.Encryption.html"

TEMPLATE = """\
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Engine:
    Type: String
Resources:
  Absent:
    Type: AWS::RDS::DBCluster
    Properties:
      Engine: aurora-postgresql
  WrittenFalse:
    Type: AWS::RDS::DBCluster
    Properties:
      Engine: aurora-mysql
      StorageEncrypted: false
  WrittenTrue:
    Type: AWS::RDS::DBCluster
    Properties:
      Engine: aurora-mysql
      StorageEncrypted: true
  MultiAz:
    Type: AWS::RDS::DBCluster
    Properties:
      Engine: mysql
  EngineNotKnown:
    Type: AWS::RDS::DBCluster
    Properties:
      Engine: !Ref Engine
"""


def _not_known(said: str, engine: str = "", before: str = "one created before is not") -> str:
    return (
        f"whether encryption at rest is on is not known from the input: {said}; {engine}an "
        "Aurora cluster is encrypted by AWS if created on or after 2026-02-18 (AWS-owned key), "
        f"{before}: write StorageEncrypted: true to make it certain ({DOC})"
    )


def test_aurora_without_storage_encrypted_is_not_known(tmp_path: Path) -> None:
    (tmp_path / "template.yaml").write_text(TEMPLATE, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-ENC-001",)))
    found = {f.address: (f.status, f.message.en) for f in result.findings}
    assert found["Absent"] == (Status.UNKNOWN, _not_known("StorageEncrypted is not set"))
    assert found["WrittenFalse"] == (Status.UNKNOWN, _not_known("StorageEncrypted: false"))
    assert found["EngineNotKnown"] == (
        Status.UNKNOWN,
        _not_known(
            "StorageEncrypted is not set", "the engine is not known, and ",
            "a Multi-AZ DB cluster or one created before is not",
        ),
    )
    assert found["WrittenTrue"][0] is Status.PASS
    assert found["MultiAz"] == (Status.FAIL, "encryption at rest is off")
    th = next(f for f in result.findings if f.address == "Absent").message.th
    assert "2026-02-18" in th
    assert "StorageEncrypted: true" in th


def test_aurora_serverless_v1_is_always_encrypted(tmp_path: Path) -> None:
    """Aurora Serverless v1 cannot be unencrypted, whatever StorageEncrypted says: PASS as
    the Terraform reader has it (it FAILed on the default, then was UNKNOWN by date)."""
    (tmp_path / "template.yaml").write_text(
        'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n'
        "  V1:\n    Type: AWS::RDS::DBCluster\n    Properties:\n"
        "      Engine: aurora-mysql\n      EngineMode: serverless\n"
        "  V1Off:\n    Type: AWS::RDS::DBCluster\n    Properties:\n"
        "      Engine: aurora-mysql\n      EngineMode: serverless\n      StorageEncrypted: false\n",
        encoding="utf-8",
    )
    result = audit([tmp_path], Settings(rule_ids=("GDCC-ENC-001",)))
    found = {f.address: (f.status, dict(f.evidence)) for f in result.findings}
    assert found == {
        "V1": (Status.PASS, {"encrypted_at_rest": True}),
        "V1Off": (Status.PASS, {"encrypted_at_rest": True}),
    }
