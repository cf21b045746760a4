"""An ``AWS::RDS::DBInstance`` read replica in its source's Region that writes ``KmsKeyId``
anyway ("If you create an encrypted read replica in the same Amazon Web Services Region as
the source DB instance ... don't specify a value for this parameter. A read replica in the
same Amazon Web Services Region is always encrypted with the same KMS key as the source",
CreateDBInstanceReadReplica): the written key decided GDCC-ENC-002, and a customer key
written on the replica of a source with the AWS managed key PASSed. Now the written key
decides only when the source's key agrees, else UNKNOWN saying what the source's key is; a
source named by ARN (cross-Region) keeps the written key."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.settings import Settings

TEMPLATE = """\
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Key:
    Type: AWS::KMS::Key
    Properties: {KeyPolicy: {}}
  PlainSource:
    Type: AWS::RDS::DBInstance
    Properties: {Engine: mysql, DBInstanceClass: db.t3.micro, StorageEncrypted: true}
  KeyedSource:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: mysql
      DBInstanceClass: db.t3.micro
      StorageEncrypted: true
      KmsKeyId: !Ref Key
  ReplicaOfPlain:
    Type: AWS::RDS::DBInstance
    Properties:
      SourceDBInstanceIdentifier: !Ref PlainSource
      KmsKeyId: !Ref Key
      Tags: [{Key: gdcc_security_category, Value: high}]
  ReplicaOfKeyed:
    Type: AWS::RDS::DBInstance
    Properties:
      SourceDBInstanceIdentifier: !Ref KeyedSource
      KmsKeyId: !Ref Key
      Tags: [{Key: gdcc_security_category, Value: high}]
  ReplicaOfOutside:
    Type: AWS::RDS::DBInstance
    Properties:
      SourceDBInstanceIdentifier: sampleDbInstance
      KmsKeyId: !Ref Key
      Tags: [{Key: gdcc_security_category, Value: high}]
  CrossRegionReplica:
    Type: AWS::RDS::DBInstance
    Properties:
      SourceDBInstanceIdentifier: arn:aws:rds:us-east-1:123456789012:db:source
      KmsKeyId: !Ref Key
      Tags: [{Key: gdcc_security_category, Value: high}]
"""


def test_a_same_region_replica_writing_a_key_uses_its_source_key(tmp_path: Path) -> None:
    (tmp_path / "template.yaml").write_text(TEMPLATE, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-ENC-002",)))
    found = {
        f.address: (f.status.value, f.message.en)
        for f in result.findings
        if "Replica" in f.address
    }
    same_region = (
        "whether a customer-managed key is used is not known: a read replica in the Region of "
        "its source DB instance is encrypted with the source's KMS key "
        "(CreateDBInstanceReadReplica), so the KmsKeyId written here may not be the key used, "
        "and its source "
    )
    passed = ("PASS", "Sensitive data is encrypted with customer-managed keys")
    assert found == {
        "ReplicaOfPlain": (
            "UNKNOWN", same_region + "PlainSource is encrypted with an AWS managed key"
        ),
        "ReplicaOfKeyed": passed,
        "ReplicaOfOutside": (
            "UNKNOWN", same_region + "sampleDbInstance which is not in the template"
        ),
        "CrossRegionReplica": passed,
    }
    thai = {f.address: f.message.th for f in result.findings}
    assert "จึงอาจไม่ได้ใช้ KmsKeyId ที่เขียนไว้" in thai["ReplicaOfPlain"]
