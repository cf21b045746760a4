"""An ``aws_db_instance`` read replica naming no ``kms_key_id`` uses its source's key ("A read
replica in the same Amazon Web Services Region is always encrypted with the same KMS key as
the source", CreateDBInstanceReadReplica KmsKeyId): GDCC-ENC-002 FAILed a replica of a source
with a customer key. A DB instance or cluster restored from a snapshot
(``snapshot_identifier``) keeps the snapshot's encryption and key (the provider sends neither
``storage_encrypted`` nor ``kms_key_id`` to RestoreDBInstanceFromDBSnapshot; a cluster is
encrypted on a restore only with ``kms_key_id``): GDCC-ENC-001 FAILed on the default."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

MAIN = """\
resource "aws_kms_key" "db" {}
resource "aws_db_instance" "source" {
  engine            = "mysql"
  instance_class    = "db.t3.micro"
  allocated_storage = 20
  storage_encrypted = true
  kms_key_id        = aws_kms_key.db.arn
}
resource "aws_db_instance" "replica" {
  replicate_source_db = aws_db_instance.source.identifier
  instance_class      = "db.t3.micro"
  tags                = { gdcc_system = "payments" }
}
resource "aws_db_instance" "replica_of_outside" {
  replicate_source_db = "source-db"
  instance_class      = "db.t3.micro"
  tags                = { gdcc_system = "payments" }
}
resource "aws_db_instance" "cross_region_replica" {
  replicate_source_db = "arn:aws:rds:us-east-1:123456789012:db:source"
  instance_class      = "db.t3.micro"
  kms_key_id          = aws_kms_key.db.arn
  tags                = { gdcc_system = "payments" }
}
resource "aws_db_instance" "restored" {
  snapshot_identifier = "prod-2026-01-01"
  instance_class      = "db.t3.micro"
  storage_encrypted   = true
  tags                = { gdcc_system = "payments" }
}
resource "aws_rds_cluster" "restored" {
  engine              = "aurora-mysql"
  snapshot_identifier = "prod-cluster-snap"
  storage_encrypted   = true
}
resource "aws_rds_cluster" "restored_with_key" {
  engine              = "aurora-mysql"
  snapshot_identifier = "prod-cluster-snap"
  kms_key_id          = aws_kms_key.db.arn
  tags                = { gdcc_system = "payments" }
}
"""

MANIFEST = """\
apiVersion: gdcc-audit/v1
kind: Tenant
metadata: {name: keys}
agency: {name_th: หน่วยงานทดสอบ, name_en: Test Agency}
iac: [main.tf]
systems:
  - id: payments
    name_th: ระบบชำระเงิน
    name_en: Payments
    security_category: {confidentiality: high, integrity: high, availability: high}
"""


def test_replica_keys_and_restores(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(MAIN, encoding="utf-8")
    (tmp_path / "tenant.yaml").write_text(MANIFEST, encoding="utf-8")
    result = audit([tmp_path / "tenant.yaml"], Settings(rule_ids=("GDCC-ENC-001", "GDCC-ENC-002")))
    found = {(f.rule_id, f.address): (f.status, f.message.en) for f in result.findings}
    assert found[("GDCC-ENC-002", "aws_db_instance.replica")] == (
        Status.PASS,
        "Sensitive data is encrypted with customer-managed keys (a read replica uses the KMS "
        "key of its source DB instance aws_db_instance.source)",
    )
    assert found[("GDCC-ENC-002", "aws_db_instance.replica_of_outside")] == (
        Status.UNKNOWN,
        "whether a customer-managed key is used is not known: a read replica naming no "
        "kms_key_id uses the key of its source, and its source DB instance is not in the scan",
    )
    assert found[("GDCC-ENC-002", "aws_db_instance.cross_region_replica")][0] is Status.PASS
    restored = (
        "it is restored from the DB snapshot prod-2026-01-01 and keeps the snapshot's "
        "{} (storage_encrypted and kms_key_id are not used on a restore)"
    )
    assert found[("GDCC-ENC-001", "aws_db_instance.restored")] == (
        Status.UNKNOWN,
        "whether encryption at rest is on is not known from the input: "
        + restored.format("encryption"),
    )
    assert found[("GDCC-ENC-002", "aws_db_instance.restored")][0] is Status.UNKNOWN
    assert found[("GDCC-ENC-001", "aws_rds_cluster.restored")] == (
        Status.UNKNOWN,
        "whether encryption at rest is on is not known from the input: it is restored from "
        "the DB snapshot prod-cluster-snap and keeps the snapshot's encryption unless "
        "kms_key_id is set (storage_encrypted alone does not encrypt a restore)",
    )
    assert found[("GDCC-ENC-001", "aws_rds_cluster.restored_with_key")][0] is Status.PASS
    assert found[("GDCC-ENC-002", "aws_rds_cluster.restored_with_key")][0] is Status.PASS
    thai = {f.address: f.message.th for f in result.findings if f.rule_id == "GDCC-ENC-002"}
    assert "ใช้กุญแจ KMS ของ DB instance ต้นทาง" in thai["aws_db_instance.replica"]


POINT_IN_TIME = """\
resource "aws_db_instance" "pitr" {
  instance_class    = "db.t3.micro"
  storage_encrypted = true
  restore_to_point_in_time {
    source_db_instance_identifier = "prod-db"
    use_latest_restorable_time    = true
  }
}
resource "aws_rds_cluster" "pitr" {
  engine = "aurora-mysql"
  restore_to_point_in_time {
    source_cluster_identifier  = "prod-cluster"
    use_latest_restorable_time = true
  }
}
"""


def test_point_in_time_restores_keep_their_source_encryption(tmp_path: Path) -> None:
    """RestoreDBInstanceToPointInTime takes neither StorageEncrypted nor KmsKeyId from the
    provider (it PASSed with storage_encrypted = true); a cluster's keeps its source's key
    unless kms_key_id is set (it FAILed on the default)."""
    (tmp_path / "main.tf").write_text(POINT_IN_TIME, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-ENC-001",)))
    found = {f.address: (f.status, f.message.en) for f in result.findings}
    assert found == {
        "aws_db_instance.pitr": (
            Status.UNKNOWN,
            "whether encryption at rest is on is not known from the input: it is restored to a "
            "point in time of the DB instance prod-db and keeps that one's encryption "
            "(storage_encrypted and kms_key_id are not used on a restore)",
        ),
        "aws_rds_cluster.pitr": (
            Status.UNKNOWN,
            "whether encryption at rest is on is not known from the input: it is restored to a "
            "point in time of the DB cluster prod-cluster and keeps that one's encryption "
            "unless kms_key_id is set (storage_encrypted alone does not encrypt a restore)",
        ),
    }
