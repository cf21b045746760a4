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


KEYS = """\
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Key:
    Type: AWS::KMS::Key
    Properties: {KeyPolicy: {}}
  KeyedSource:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: mysql
      DBInstanceClass: db.t3.micro
      StorageEncrypted: true
      KmsKeyId: !Ref Key
  KeyedReplica:
    Type: AWS::RDS::DBInstance
    Properties:
      SourceDBInstanceIdentifier: !Ref KeyedSource
      Tags: [{Key: gdcc_system, Value: registry}]
  ReplicaOfOutsideKey:
    Type: AWS::RDS::DBInstance
    Properties:
      SourceDBInstanceIdentifier: sampleDbInstance
      Tags: [{Key: gdcc_system, Value: registry}]
  CrossRegionReplica:
    Type: AWS::RDS::DBInstance
    Properties:
      SourceDBInstanceIdentifier: arn:aws:rds:us-east-1:123456789012:db:source
      KmsKeyId: !Ref Key
      Tags: [{Key: gdcc_system, Value: registry}]
"""

MANIFEST = """\
apiVersion: gdcc-audit/v1
kind: Tenant
metadata: {name: replicas}
agency: {name_th: หน่วยงานทดสอบ, name_en: Test Agency}
iac: [template.yaml]
systems:
  - id: registry
    name_th: ระบบทะเบียน
    name_en: Registry
    security_category: {confidentiality: high, integrity: high, availability: high}
"""


def test_a_read_replica_uses_its_source_key(tmp_path: Path) -> None:
    """A same-region replica naming no KmsKeyId uses its source's key (CreateDBInstance-
    ReadReplica KmsKeyId): GDCC-ENC-002 FAILed it on the absent KmsKeyId."""
    (tmp_path / "template.yaml").write_text(KEYS, encoding="utf-8")
    (tmp_path / "tenant.yaml").write_text(MANIFEST, encoding="utf-8")
    result = audit([tmp_path / "tenant.yaml"], Settings(rule_ids=("GDCC-ENC-002",)))
    found = {f.address: (f.status, f.message.en) for f in result.findings}
    assert found["KeyedReplica"] == (
        Status.PASS,
        "Sensitive data is encrypted with customer-managed keys (a read replica uses the KMS "
        "key of its source DB instance KeyedSource)",
    )
    assert found["ReplicaOfOutsideKey"] == (
        Status.UNKNOWN,
        "whether a customer-managed key is used is not known: a read replica naming no "
        "KmsKeyId uses the key of its source DB instance sampleDbInstance, which is not in "
        "the template",
    )
    assert found["CrossRegionReplica"][0] is Status.PASS
    thai = next(f.message.th for f in result.findings if f.address == "KeyedReplica")
    assert "read replica ใช้กุญแจ KMS ของ DB instance ต้นทาง KeyedSource" in thai


CLUSTERS = """\
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Restored:
    Type: AWS::RDS::DBCluster
    Properties: {Engine: aurora-mysql, SnapshotIdentifier: snap, StorageEncrypted: true}
  RestoredWithKey:
    Type: AWS::RDS::DBCluster
    Properties:
      Engine: aurora-mysql
      SnapshotIdentifier: snap
      StorageEncrypted: true
      KmsKeyId: arn:aws:kms:us-east-1:123456789012:key/abc
  Clone:
    Type: AWS::RDS::DBCluster
    Properties: {Engine: aurora-mysql, SourceDBClusterIdentifier: prod, RestoreType: copy-on-write}
"""


def test_a_restored_or_copied_cluster_keeps_its_origin_encryption(tmp_path: Path) -> None:
    """StorageEncrypted is 'inherited from the snapshot or source DB cluster' (the restore
    APIs take none; they encrypt with the KmsKeyId given): a restore writing StorageEncrypted:
    true PASSed, a copy FAILed on the default."""
    (tmp_path / "template.yaml").write_text(CLUSTERS, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-ENC-001",)))
    found = {f.address: (f.status, f.message.en) for f in result.findings}
    assert found == {
        "Restored": (
            Status.UNKNOWN,
            "whether encryption at rest is on is not known from the input: it is restored "
            "from the snapshot snap, whose encryption it keeps when KmsKeyId is not set",
        ),
        "RestoredWithKey": (
            Status.PASS,
            "Data stores are encrypted at rest (it is restored from the snapshot snap and "
            "encrypted with the KmsKeyId it names)",
        ),
        "Clone": (
            Status.UNKNOWN,
            "whether encryption at rest is on is not known from the input: it is copied from "
            "the DB cluster prod, whose encryption it keeps when KmsKeyId is not set",
        ),
    }


def test_a_restore_from_automated_backups_keeps_their_encryption(tmp_path: Path) -> None:
    """SourceDBInstanceAutomatedBackupsArn (a point-in-time restore) and
    DBClusterSnapshotIdentifier restore another store's data: it FAILed on the default."""
    (tmp_path / "template.yaml").write_text(
        "Resources:\n"
        "  FromBackups:\n    Type: AWS::RDS::DBInstance\n    Properties:\n"
        "      DBInstanceClass: db.t3.micro\n"
        "      SourceDBInstanceAutomatedBackupsArn: arn:aws:rds:us-east-1:1:auto-backup:ab-x\n"
        "      UseLatestRestorableTime: true\n"
        "  FromCluster:\n    Type: AWS::RDS::DBInstance\n    Properties:\n"
        "      DBInstanceClass: db.t3.micro\n      DBClusterSnapshotIdentifier: multi-az-snap\n",
        encoding="utf-8",
    )
    result = audit([tmp_path], Settings(rule_ids=("GDCC-ENC-001",)))
    found = {f.address: (f.status, f.message.en) for f in result.findings}
    unknown = "whether encryption at rest is on is not known from the input: it is restored from "
    assert found == {
        "FromBackups": (
            Status.UNKNOWN,
            unknown + "the automated backups arn:aws:rds:us-east-1:1:auto-backup:ab-x, whose "
            "encryption it keeps when StorageEncrypted is not true",
        ),
        "FromCluster": (
            Status.UNKNOWN,
            unknown + "the DB cluster snapshot multi-az-snap, whose encryption it keeps when "
            "StorageEncrypted is not true",
        ),
    }


def test_a_replica_of_a_multi_az_cluster_is_encrypted_as_the_cluster(tmp_path: Path) -> None:
    """SourceDBClusterIdentifier makes a DB instance a read replica of a Multi-AZ DB cluster:
    a replica writing StorageEncrypted: true PASSed whatever the cluster."""
    (tmp_path / "template.yaml").write_text(
        "Resources:\n"
        "  Cluster:\n    Type: AWS::RDS::DBCluster\n    Properties:\n"
        "      Engine: mysql\n      DBClusterInstanceClass: db.m5d.large\n"
        "  Replica:\n    Type: AWS::RDS::DBInstance\n    Properties:\n"
        "      DBInstanceClass: db.m5d.large\n      SourceDBClusterIdentifier: !Ref Cluster\n"
        "      StorageEncrypted: true\n"
        "  ReplicaOfOutside:\n    Type: AWS::RDS::DBInstance\n    Properties:\n"
        "      DBInstanceClass: db.m5d.large\n      SourceDBClusterIdentifier: prod\n"
        "      StorageEncrypted: true\n",
        encoding="utf-8",
    )
    result = audit([tmp_path], Settings(rule_ids=("GDCC-ENC-001",)))
    found = {f.address: (f.status, f.message.en) for f in result.findings}
    assert found["Replica"] == (
        Status.FAIL,
        "encryption at rest is off (a read replica is encrypted as its source DB cluster "
        "Cluster is)",
    )
    assert found["ReplicaOfOutside"] == (
        Status.UNKNOWN,
        "whether encryption at rest is on is not known from the input: a read replica is "
        "encrypted as its source DB cluster is (StorageEncrypted is not read on a replica), "
        "and its source DB cluster prod is not in the template",
    )
