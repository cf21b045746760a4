"""An ``aws_db_instance`` read replica in its source's Region that writes ``kms_key_id``
anyway: "A read replica in the same Amazon Web Services Region is always encrypted with the
same KMS key as the source DB instance" (CreateDBInstanceReadReplica, KmsKeyId). The written
key decided GDCC-ENC-002: a customer key written on the replica of an instance with an AWS
managed key PASSed. Now the written key decides only when the source's key agrees; else
UNKNOWN with the reason. A cross-Region replica (source by ARN) keeps its written key."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.settings import Settings

MAIN = """\
provider "aws" {
  region = "ap-southeast-7"
}
resource "aws_kms_key" "db" {}
resource "aws_db_instance" "plain_source" {
  engine            = "mysql"
  instance_class    = "db.t3.micro"
  allocated_storage = 20
  storage_encrypted = true
}
resource "aws_db_instance" "keyed_source" {
  engine            = "mysql"
  instance_class    = "db.t3.micro"
  allocated_storage = 20
  storage_encrypted = true
  kms_key_id        = aws_kms_key.db.arn
}
resource "aws_db_instance" "replica_of_plain" {
  replicate_source_db = aws_db_instance.plain_source.identifier
  instance_class      = "db.t3.micro"
  kms_key_id          = aws_kms_key.db.arn
  tags                = { gdcc_security_category = "high" }
}
resource "aws_db_instance" "replica_of_keyed" {
  replicate_source_db = aws_db_instance.keyed_source.identifier
  instance_class      = "db.t3.micro"
  kms_key_id          = aws_kms_key.db.arn
  tags                = { gdcc_security_category = "high" }
}
resource "aws_db_instance" "replica_of_outside" {
  replicate_source_db = "source-db"
  instance_class      = "db.t3.micro"
  kms_key_id          = aws_kms_key.db.arn
  tags                = { gdcc_security_category = "high" }
}
resource "aws_db_instance" "cross_region_replica" {
  replicate_source_db = "arn:aws:rds:us-east-1:123456789012:db:source"
  instance_class      = "db.t3.micro"
  kms_key_id          = aws_kms_key.db.arn
  tags                = { gdcc_security_category = "high" }
}
"""


def test_a_same_region_replica_writing_a_key_uses_its_source_key(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(MAIN)
    result = audit([tmp_path], Settings(rule_ids=("GDCC-ENC-002",)))
    found = {
        f.address: (f.status.value, f.message.en)
        for f in result.findings
        if f.rule_id == "GDCC-ENC-002" and "replica" in f.address
    }
    same_region = (
        "whether a customer-managed key is used is not known: a read replica in the Region of "
        "its source DB instance is encrypted with the source's KMS key "
        "(CreateDBInstanceReadReplica), so the kms_key_id written here may not be the key "
        "used, and "
    )
    assert found == {
        "aws_db_instance.replica_of_plain": (
            "UNKNOWN",
            same_region + "aws_db_instance.plain_source is encrypted with an AWS managed key",
        ),
        "aws_db_instance.replica_of_keyed": (
            "PASS",
            "Sensitive data is encrypted with customer-managed keys",
        ),
        "aws_db_instance.replica_of_outside": (
            "UNKNOWN",
            same_region + "its source DB instance is not in the scan",
        ),
        "aws_db_instance.cross_region_replica": (
            "PASS",
            "Sensitive data is encrypted with customer-managed keys",
        ),
    }
    thai = {f.address: f.message.th for f in result.findings if f.rule_id == "GDCC-ENC-002"}
    assert "อาจไม่ได้ใช้ kms_key_id ที่เขียนไว้" in thai["aws_db_instance.replica_of_plain"]
