"""An ``AWS::RDS::DBCluster`` cross-Region replica (``ReplicationSourceIdentifier``) or
cluster of a global database (``GlobalClusterIdentifier``) takes its encryption at rest from
its source / global database (normalize/cloudformation/cluster_sources.py). Without
``StorageEncrypted: true`` they FAILed GDCC-ENC-001 on its default whatever decided it."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

TEMPLATE = """\
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Encrypted:
    Type: AWS::RDS::DBCluster
    Properties:
      Engine: aurora-mysql
      StorageEncrypted: true
  Plain:
    Type: AWS::RDS::DBCluster
    Properties:
      Engine: aurora-mysql
  ReplicaOfEncrypted:
    Type: AWS::RDS::DBCluster
    Properties:
      Engine: aurora-mysql
      ReplicationSourceIdentifier: !GetAtt Encrypted.DBClusterArn
  ReplicaOfPlain:
    Type: AWS::RDS::DBCluster
    Properties:
      Engine: aurora-mysql
      ReplicationSourceIdentifier: !GetAtt Plain.DBClusterArn
  ReplicaOfOutside:
    Type: AWS::RDS::DBCluster
    Properties:
      Engine: aurora-mysql
      ReplicationSourceIdentifier: arn:aws:rds:us-east-1:123456789012:cluster:src
  Global:
    Type: AWS::RDS::GlobalCluster
    Properties:
      GlobalClusterIdentifier: g1
      SourceDBClusterIdentifier: !Ref Encrypted
  Secondary:
    Type: AWS::RDS::DBCluster
    Properties:
      Engine: aurora-mysql
      GlobalClusterIdentifier: !Ref Global
  PlainGlobal:
    Type: AWS::RDS::GlobalCluster
    Properties:
      GlobalClusterIdentifier: g2
      Engine: aurora-mysql
  SecondaryOfPlain:
    Type: AWS::RDS::DBCluster
    Properties:
      Engine: aurora-mysql
      GlobalClusterIdentifier: !Ref PlainGlobal
  SecondaryOfOutside:
    Type: AWS::RDS::DBCluster
    Properties:
      Engine: aurora-mysql
      GlobalClusterIdentifier: elsewhere
"""


def test_cluster_sources_decide_encryption(tmp_path: Path) -> None:
    (tmp_path / "template.yaml").write_text(TEMPLATE, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-ENC-001",)))
    found = {f.address: (f.status, f.message.en) for f in result.findings}
    assert found["ReplicaOfEncrypted"] == (
        Status.PASS,
        "Data stores are encrypted at rest (a replica of the encrypted DBCluster Encrypted "
        "is encrypted)",
    )
    # its source may be encrypted by AWS (an Aurora cluster created on or after 2026-02-18)
    assert found["ReplicaOfPlain"] == (
        Status.UNKNOWN,
        "whether encryption at rest is on is not known from the input: a replica "
        "(ReplicationSourceIdentifier) is encrypted when its source is, and whether Plain is "
        "encrypted is not known",
    )
    assert found["ReplicaOfOutside"] == (
        Status.UNKNOWN,
        "whether encryption at rest is on is not known from the input: a replica "
        "(ReplicationSourceIdentifier) is encrypted when its source is, and its source: "
        "arn:aws:rds:us-east-1:123456789012:cluster:src is not in the template",
    )
    assert found["Secondary"] == (
        Status.PASS,
        "Data stores are encrypted at rest (a cluster of a global database is encrypted as "
        "the global database Global is: the setting of its source DB cluster Encrypted)",
    )
    # an Aurora global database's clusters are encrypted by AWS if created on or after
    # 2026-02-18 (tests/cfn/test_cfn_aurora_global_default_encryption.py)
    assert found["SecondaryOfPlain"][0] is Status.UNKNOWN
    assert found["SecondaryOfOutside"][0] is Status.UNKNOWN


RESTORES = """\
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Source:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: mysql
      DBInstanceClass: db.t3.micro
      AllocatedStorage: "20"
      StorageEncrypted: true
  Restored:
    Type: AWS::RDS::DBInstance
    Properties:
      DBInstanceClass: db.t3.micro
      SourceDBInstanceIdentifier: !Ref Source
      UseLatestRestorableTime: true
  RestoredOutside:
    Type: AWS::RDS::DBInstance
    Properties:
      DBInstanceClass: db.t3.micro
      SourceDBInstanceIdentifier: outside-db
      RestoreTime: "2026-01-01T00:00:00Z"
"""


def test_a_point_in_time_restore_is_worded_as_a_restore(tmp_path: Path) -> None:
    """``SourceDBInstanceIdentifier`` with ``UseLatestRestorableTime`` / ``RestoreTime`` is a
    point-in-time restore, not a read replica (the verdict was right, the words were not)."""
    (tmp_path / "template.yaml").write_text(RESTORES, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-ENC-001",)))
    found = {f.address: (f.status, f.message.en) for f in result.findings}
    assert found["Restored"] == (
        Status.PASS,
        "Data stores are encrypted at rest (a point-in-time restore is encrypted as its "
        "source DB instance Source is)",
    )
    assert found["RestoredOutside"] == (
        Status.UNKNOWN,
        "whether encryption at rest is on is not known from the input: a point-in-time "
        "restore is encrypted as its source DB instance is (StorageEncrypted is not read on "
        "a restore), and its source DB instance outside-db is not in the template",
    )


CONDITIONAL = """\
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  GlobalClusterIdentifier:
    Type: String
Conditions:
  HasGlobal: !Not [!Equals [!Ref GlobalClusterIdentifier, ""]]
Resources:
  Cluster:
    Type: AWS::RDS::DBCluster
    Properties:
      Engine: aurora-postgresql
      GlobalClusterIdentifier: !If [HasGlobal, !Ref GlobalClusterIdentifier, !Ref AWS::NoValue]
"""


def test_a_global_database_named_by_a_parameter(tmp_path: Path) -> None:
    """PRX/Infrastructure db/shared-apps-aurora-pg: the cluster joins the global database a
    parameter names, if any: not known (it FAILed on the default), said plainly."""
    (tmp_path / "template.yaml").write_text(CONDITIONAL, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-ENC-001",)))
    found = {f.address: (f.status, f.message.en) for f in result.findings}
    assert found["Cluster"] == (
        Status.UNKNOWN,
        "whether encryption at rest is on is not known from the input: a cluster of a global "
        "database is encrypted as the global database is, and the one GlobalClusterIdentifier "
        "names is not known from the template",
    )


DOCDB = """\
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Secondary:
    Type: AWS::DocDB::DBCluster
    Properties:
      GlobalClusterIdentifier: docs-global
  EncryptedSecondary:
    Type: AWS::Neptune::DBCluster
    Properties:
      GlobalClusterIdentifier: graph-global
      StorageEncrypted: true
"""


def test_documentdb_and_neptune_global_members(tmp_path: Path) -> None:
    """A DocumentDB / Neptune secondary of a global cluster (created outside CloudFormation)
    FAILed on the StorageEncrypted default: now not known unless it writes true."""
    (tmp_path / "template.yaml").write_text(DOCDB, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-ENC-001",)))
    found = {f.address: (f.status, f.message.en) for f in result.findings}
    assert found["Secondary"] == (
        Status.UNKNOWN,
        "whether encryption at rest is on is not known from the input: a cluster of a global "
        "database is encrypted as the global database is, and docs-global is not in the "
        "template",
    )
    assert found["EncryptedSecondary"][0] is Status.PASS


DOCDB_RESTORES = """\
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  RestoredSaysEncrypted:
    Type: AWS::DocDB::DBCluster
    Properties:
      SnapshotIdentifier: plain-snapshot
      StorageEncrypted: true
  RestoredWithKey:
    Type: AWS::Neptune::DBCluster
    Properties:
      SnapshotIdentifier: plain-snapshot
      KmsKeyId: arn:aws:kms:ap-southeast-7:111122223333:key/abc
"""


def test_documentdb_neptune_restores(tmp_path: Path) -> None:
    """A DocumentDB / Neptune restore keeps the snapshot's encryption unless KmsKeyId is
    given ("If the snapshot ... is not encrypted, then the restored DB cluster is not
    encrypted"): StorageEncrypted: true PASSed a restore of an unencrypted snapshot."""
    (tmp_path / "template.yaml").write_text(DOCDB_RESTORES, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-ENC-001",)))
    found = {f.address: (f.status, f.message.en) for f in result.findings}
    assert found["RestoredSaysEncrypted"] == (
        Status.UNKNOWN,
        "whether encryption at rest is on is not known from the input: it is restored from "
        "the snapshot plain-snapshot, whose encryption it keeps when KmsKeyId is not set",
    )
    assert found["RestoredWithKey"] == (
        Status.PASS,
        "Data stores are encrypted at rest (it is restored from the snapshot plain-snapshot "
        "and encrypted with the KmsKeyId it names)",
    )
