"""An ``AWS::RDS::DBInstance`` read replica (``SourceDBInstanceIdentifier``) is encrypted at
rest as its source is: CloudFormation says not to write ``StorageEncrypted`` on it ("The
value is inherited from the source DB instance"). A replica writing ``StorageEncrypted:
true`` PASSed GDCC-ENC-001 whatever its source (cfn_nag's rds_instance test templates); a
replica of an encrypted source of the template FAILed on the default."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

TEMPLATE = """\
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  PlainSource:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: mysql
      DBInstanceClass: db.t3.micro
      AllocatedStorage: "20"
  ReplicaWritingEncrypted:
    Type: AWS::RDS::DBInstance
    Properties:
      SourceDBInstanceIdentifier: !Ref PlainSource
      StorageEncrypted: true
  EncryptedSource:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: mysql
      DBInstanceClass: db.t3.micro
      AllocatedStorage: "20"
      StorageEncrypted: true
  ReplicaOfEncrypted:
    Type: AWS::RDS::DBInstance
    Properties:
      SourceDBInstanceIdentifier: !Ref EncryptedSource
  ReplicaOfOutside:
    Type: AWS::RDS::DBInstance
    Properties:
      SourceDBInstanceIdentifier: sampleDbInstance
      StorageEncrypted: "true"
  Restored:
    Type: AWS::RDS::DBInstance
    Properties:
      DBSnapshotIdentifier: my-snapshot
      DBInstanceClass: db.t3.micro
  RestoredEncrypted:
    Type: AWS::RDS::DBInstance
    Properties:
      DBSnapshotIdentifier: my-snapshot
      StorageEncrypted: true
      DBInstanceClass: db.t3.micro
  ReplicaOfRestored:
    Type: AWS::RDS::DBInstance
    Properties:
      SourceDBInstanceIdentifier: !Ref Restored
"""


def test_a_read_replica_is_encrypted_as_its_source(tmp_path: Path) -> None:
    (tmp_path / "template.yaml").write_text(TEMPLATE, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-ENC-001",)))
    found = {f.address: (f.status, f.message.en) for f in result.findings}
    assert found["ReplicaWritingEncrypted"] == (
        Status.FAIL,
        "encryption at rest is off (a read replica is encrypted as its source DB instance "
        "PlainSource is)",
    )
    assert found["ReplicaOfEncrypted"] == (
        Status.PASS,
        "Data stores are encrypted at rest (a read replica is encrypted as its source DB "
        "instance EncryptedSource is)",
    )
    assert found["ReplicaOfOutside"] == (
        Status.UNKNOWN,
        "whether encryption at rest is on is not known from the input: a read replica is "
        "encrypted as its source DB instance is (StorageEncrypted is not read on a replica), "
        "and its source DB instance sampleDbInstance is not in the template",
    )
    # restored from a snapshot: its encryption unless StorageEncrypted is true (it FAILed)
    assert found["Restored"] == (
        Status.UNKNOWN,
        "whether encryption at rest is on is not known from the input: it is restored from "
        "the DB snapshot my-snapshot, whose encryption it keeps when StorageEncrypted is not "
        "true",
    )
    assert found["RestoredEncrypted"][0] is Status.PASS
    assert found["ReplicaOfRestored"] == (
        Status.UNKNOWN,
        "whether encryption at rest is on is not known from the input: a read replica is "
        "encrypted as its source DB instance is, and whether Restored is encrypted is not "
        "known",
    )
    assert found["PlainSource"][0] is Status.FAIL
    assert found["EncryptedSource"][0] is Status.PASS
    thai = next(f.message.th for f in result.findings if f.address == "ReplicaOfOutside")
    assert "read replica เข้ารหัสตาม DB instance ต้นทาง" in thai
