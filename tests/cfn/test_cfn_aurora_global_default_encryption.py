"""An ``AWS::RDS::DBCluster`` of an Aurora global database (``AWS::RDS::GlobalCluster`` with
no ``SourceDBClusterIdentifier`` and ``StorageEncrypted`` not written or false) FAILed
GDCC-ENC-001 on the default false. Its clusters are Aurora clusters, which AWS encrypts at
rest when created on or after 2026-02-18 (Aurora User Guide, Overview.Encryption.html); a
template does not say when they were created: UNKNOWN, saying why. ``StorageEncrypted: true``
on the global database still PASSes."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

DOC = "https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Overview.Encryption.html"

TEMPLATE = """\
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  PlainGlobal:
    Type: AWS::RDS::GlobalCluster
    Properties:
      GlobalClusterIdentifier: g1
      Engine: aurora-postgresql
  OffGlobal:
    Type: AWS::RDS::GlobalCluster
    Properties:
      GlobalClusterIdentifier: g2
      Engine: aurora-mysql
      StorageEncrypted: false
  OnGlobal:
    Type: AWS::RDS::GlobalCluster
    Properties:
      GlobalClusterIdentifier: g3
      Engine: aurora-mysql
      StorageEncrypted: true
  InPlain:
    Type: AWS::RDS::DBCluster
    Properties:
      Engine: aurora-postgresql
      GlobalClusterIdentifier: !Ref PlainGlobal
  InOff:
    Type: AWS::RDS::DBCluster
    Properties:
      Engine: aurora-mysql
      GlobalClusterIdentifier: !Ref OffGlobal
  EncryptedInPlain:
    Type: AWS::RDS::DBCluster
    Properties:
      Engine: aurora-postgresql
      StorageEncrypted: true
      GlobalClusterIdentifier: !Ref PlainGlobal
  InOn:
    Type: AWS::RDS::DBCluster
    Properties:
      Engine: aurora-mysql
      GlobalClusterIdentifier: !Ref OnGlobal
"""


def _by_date(glob: str, said: str) -> str:
    return (
        f"{glob} {said}: its Aurora clusters are encrypted by AWS if created on or after "
        "2026-02-18 (AWS-owned key), not if created before; write StorageEncrypted: true on "
        f"{glob} to make it certain ({DOC})"
    )


def test_global_database_without_storage_encrypted_is_not_known(tmp_path: Path) -> None:
    (tmp_path / "template.yaml").write_text(TEMPLATE, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-ENC-001",)))
    found = {f.address: (f.status, f.message.en) for f in result.findings}
    assert found["InPlain"] == (
        Status.UNKNOWN,
        "whether encryption at rest is on is not known from the input: a cluster of a global "
        "database is encrypted as the global database PlainGlobal is, and whether it is "
        f"encrypted is not known ({_by_date('PlainGlobal', 'StorageEncrypted is not set')})",
    )
    assert found["InOff"] == (
        Status.UNKNOWN,
        "whether encryption at rest is on is not known from the input: a cluster of a global "
        "database is encrypted as the global database OffGlobal is, and whether it is "
        f"encrypted is not known ({_by_date('OffGlobal', 'StorageEncrypted: false')})",
    )
    assert found["EncryptedInPlain"] == (
        Status.UNKNOWN,
        "whether encryption at rest is on is not known from the input: it writes "
        "StorageEncrypted: true but whether its global database PlainGlobal is encrypted is "
        f"not known ({_by_date('PlainGlobal', 'StorageEncrypted is not set')}); a global "
        "database has one storage encryption setting",
    )
    assert found["InOn"][0] is Status.PASS
    th = next(f for f in result.findings if f.address == "InPlain").message.th
    assert "2026-02-18" in th
    assert "StorageEncrypted: true" in th
