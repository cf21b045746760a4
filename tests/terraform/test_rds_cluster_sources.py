"""An Aurora cross-Region replica (``replication_source_identifier``) and a cluster of a
global database (``global_cluster_identifier``) take their encryption at rest from their
source / global database (CreateDBCluster KmsKeyId: "If ReplicationSourceIdentifier
identifies an encrypted source, then Amazon RDS uses the KMS key used to encrypt the
source"; GlobalCluster.StorageEncrypted: one setting for the global database). They FAILed
GDCC-ENC-001 on their own ``storage_encrypted`` default whatever decided it."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

REPLICAS = """\
resource "aws_kms_key" "k" {}
resource "aws_rds_cluster" "encrypted" {
  engine            = "aurora-mysql"
  storage_encrypted = true
  kms_key_id        = aws_kms_key.k.arn
}
resource "aws_rds_cluster" "plain" {
  engine = "aurora-mysql"
}
resource "aws_rds_cluster" "replica_of_encrypted" {
  engine                        = "aurora-mysql"
  replication_source_identifier = aws_rds_cluster.encrypted.arn
  tags                          = { gdcc_system = "payments" }
}
resource "aws_rds_cluster" "replica_of_plain" {
  engine                        = "aurora-mysql"
  replication_source_identifier = aws_rds_cluster.plain.arn
}
resource "aws_rds_cluster" "replica_of_outside" {
  engine                        = "aurora-mysql"
  replication_source_identifier = "arn:aws:rds:us-east-1:123456789012:cluster:src"
  tags                          = { gdcc_system = "payments" }
}
resource "aws_rds_cluster_instance" "member" {
  cluster_identifier = aws_rds_cluster.encrypted.id
  instance_class     = "db.r6g.large"
  engine             = "aurora-mysql"
}
resource "aws_rds_cluster" "replica_of_instance" {
  engine                        = "aurora-mysql"
  replication_source_identifier = aws_rds_cluster_instance.member.identifier
}
resource "aws_rds_cluster" "encrypted_replica_of_outside" {
  engine                        = "aurora-mysql"
  replication_source_identifier = "arn:aws:rds:us-east-1:123456789012:cluster:src"
  storage_encrypted             = true
}
"""

GLOBAL = """\
resource "aws_rds_global_cluster" "enc" {
  global_cluster_identifier = "g1"
  engine                    = "aurora-postgresql"
  storage_encrypted         = true
}
resource "aws_rds_global_cluster" "plain" {
  global_cluster_identifier = "g2"
  engine                    = "aurora-postgresql"
}
resource "aws_rds_cluster" "secondary_of_encrypted" {
  engine                    = "aurora-postgresql"
  global_cluster_identifier = aws_rds_global_cluster.enc.id
}
resource "aws_rds_cluster" "secondary_of_plain" {
  engine                    = "aurora-postgresql"
  global_cluster_identifier = aws_rds_global_cluster.plain.id
}
resource "aws_rds_cluster" "encrypted_in_plain" {
  engine                    = "aurora-postgresql"
  global_cluster_identifier = aws_rds_global_cluster.plain.id
  storage_encrypted         = true
}
resource "aws_rds_cluster" "in_outside" {
  engine                    = "aurora-postgresql"
  global_cluster_identifier = "elsewhere"
}
resource "aws_rds_cluster" "existing" {
  engine            = "aurora-postgresql"
  storage_encrypted = true
}
resource "aws_rds_global_cluster" "from_existing" {
  global_cluster_identifier    = "g3"
  source_db_cluster_identifier = aws_rds_cluster.existing.arn
  force_destroy                = true
}
resource "aws_rds_cluster" "secondary_of_from_existing" {
  engine                    = "aurora-postgresql"
  global_cluster_identifier = aws_rds_global_cluster.from_existing.id
}
"""


MANIFEST = """\
apiVersion: gdcc-audit/v1
kind: Tenant
metadata: {name: sources}
agency: {name_th: หน่วยงานทดสอบ, name_en: Test Agency}
iac: [main.tf]
systems:
  - id: payments
    name_th: ระบบชำระเงิน
    name_en: Payments
    security_category: {confidentiality: high, integrity: high, availability: high}
"""


def _scan(tmp_path: Path, text: str, rule: str) -> dict[str, tuple[Status, str]]:
    (tmp_path / "main.tf").write_text(text, encoding="utf-8")
    (tmp_path / "tenant.yaml").write_text(MANIFEST, encoding="utf-8")
    result = audit([tmp_path / "tenant.yaml"], Settings(rule_ids=(rule,)))
    return {f.address: (f.status, f.message.en) for f in result.findings}


def test_a_cross_region_replica_is_encrypted_when_its_source_is(tmp_path: Path) -> None:
    found = _scan(tmp_path, REPLICAS, "GDCC-ENC-001")
    assert found["aws_rds_cluster.replica_of_encrypted"] == (
        Status.PASS,
        "Data stores are encrypted at rest (a replica of the encrypted DB cluster "
        "aws_rds_cluster.encrypted is encrypted)",
    )
    # its source may be encrypted by AWS (an Aurora cluster created on or after 2026-02-18)
    assert found["aws_rds_cluster.replica_of_plain"] == (
        Status.UNKNOWN,
        "whether encryption at rest is on is not known from the input: a replica "
        "(replication_source_identifier) is encrypted when its source is, and its source "
        "aws_rds_cluster.plain is encrypted by AWS only if created on or after 2026-02-18 "
        "(its storage_encrypted is not true)",
    )
    assert found["aws_rds_cluster.replica_of_outside"] == (
        Status.UNKNOWN,
        "whether encryption at rest is on is not known from the input: a replica "
        "(replication_source_identifier) is encrypted when its source is, and its source "
        "arn:aws:rds:us-east-1:123456789012:cluster:src is no DB cluster or DB instance of the "
        "scan",
    )
    assert found["aws_rds_cluster.encrypted_replica_of_outside"][0] is Status.PASS
    # a source named by a reference to a resource read no further: not known
    assert found["aws_rds_cluster.replica_of_instance"] == (
        Status.UNKNOWN,
        "whether encryption at rest is on is not known from the input: a replica "
        "(replication_source_identifier) is encrypted when its source is, and its source "
        "aws_rds_cluster_instance.member is no DB cluster or DB instance of the scan",
    )


def test_a_replica_naming_no_key_uses_its_sources(tmp_path: Path) -> None:
    found = _scan(tmp_path, REPLICAS, "GDCC-ENC-002")
    assert found["aws_rds_cluster.replica_of_encrypted"] == (
        Status.PASS,
        "Sensitive data is encrypted with customer-managed keys (a replica naming no "
        "kms_key_id uses the KMS key of its source aws_rds_cluster.encrypted)",
    )
    assert found["aws_rds_cluster.replica_of_outside"][0] is Status.UNKNOWN


def test_a_global_database_cluster_is_encrypted_as_the_global_database(
    tmp_path: Path,
) -> None:
    found = _scan(tmp_path, GLOBAL, "GDCC-ENC-001")
    assert found["aws_rds_cluster.secondary_of_encrypted"] == (
        Status.PASS,
        "Data stores are encrypted at rest (a cluster of a global database is encrypted as "
        "the global database aws_rds_global_cluster.enc is: aws_rds_global_cluster.enc "
        "storage_encrypted)",
    )
    # an Aurora global database's clusters may be encrypted by AWS (created on or after
    # 2026-02-18: tests/terraform/test_aurora_global_default_encryption.py)
    assert found["aws_rds_cluster.secondary_of_plain"][0] is Status.UNKNOWN
    assert (
        "aws_rds_global_cluster.plain storage_encrypted is not set: its Aurora clusters are "
        "encrypted by AWS if created on or after 2026-02-18"
    ) in found["aws_rds_cluster.secondary_of_plain"][1]
    assert found["aws_rds_cluster.encrypted_in_plain"][0] is Status.UNKNOWN
    assert "a global database has one storage encryption setting" in (
        found["aws_rds_cluster.encrypted_in_plain"][1]
    )
    assert found["aws_rds_cluster.in_outside"] == (
        Status.UNKNOWN,
        "whether encryption at rest is on is not known from the input: a cluster of a "
        "global database is encrypted as the global database is, and elsewhere is not in "
        "the scan",
    )
    assert found["aws_rds_cluster.secondary_of_from_existing"] == (
        Status.PASS,
        "Data stores are encrypted at rest (a cluster of a global database is encrypted as "
        "the global database aws_rds_global_cluster.from_existing is: the setting of its "
        "source DB cluster aws_rds_cluster.existing)",
    )


DOCUMENTDB_NEPTUNE = """\
resource "aws_docdb_global_cluster" "g" {
  global_cluster_identifier = "docs"
  engine                    = "docdb"
  storage_encrypted         = true
}
resource "aws_docdb_cluster" "secondary" {
  cluster_identifier        = "docs-secondary"
  engine                    = "docdb"
  global_cluster_identifier = aws_docdb_global_cluster.g.id
}
resource "aws_kms_key" "k" {}
resource "aws_neptune_cluster" "source" {
  cluster_identifier = "graph"
  storage_encrypted  = true
  kms_key_arn        = aws_kms_key.k.arn
}
resource "aws_neptune_cluster" "replica" {
  cluster_identifier            = "graph-replica"
  replication_source_identifier = aws_neptune_cluster.source.arn
}
"""


def test_documentdb_and_neptune_sources(tmp_path: Path) -> None:
    """A DocumentDB global cluster's secondary and a Neptune replica FAILed GDCC-ENC-001 on
    their own storage_encrypted default."""
    found = _scan(tmp_path, DOCUMENTDB_NEPTUNE, "GDCC-ENC-001")
    assert found["aws_docdb_cluster.secondary"] == (
        Status.PASS,
        "Data stores are encrypted at rest (a cluster of a global database is encrypted as "
        "the global database aws_docdb_global_cluster.g is: aws_docdb_global_cluster.g "
        "storage_encrypted)",
    )
    assert found["aws_neptune_cluster.replica"] == (
        Status.PASS,
        "Data stores are encrypted at rest (a replica of the encrypted DB cluster "
        "aws_neptune_cluster.source is encrypted)",
    )


RESTORES = """\
resource "aws_docdb_cluster" "restored_says_encrypted" {
  cluster_identifier  = "docs"
  snapshot_identifier = "plain-snapshot"
  storage_encrypted   = true
}
resource "aws_kms_key" "k" {}
resource "aws_neptune_cluster" "restored_with_key" {
  cluster_identifier  = "graph"
  snapshot_identifier = "plain-snapshot"
  storage_encrypted   = true
  kms_key_arn         = aws_kms_key.k.arn
}
"""


def test_documentdb_neptune_restores(tmp_path: Path) -> None:
    """A DocumentDB / Neptune restore keeps the snapshot's encryption unless its key is
    given: storage_encrypted = true PASSed a restore of an unencrypted snapshot (wrong PASS;
    the restore API takes no StorageEncrypted)."""
    found = _scan(tmp_path, RESTORES, "GDCC-ENC-001")
    assert found["aws_docdb_cluster.restored_says_encrypted"] == (
        Status.UNKNOWN,
        "whether encryption at rest is on is not known from the input: it is restored from "
        "the DB snapshot plain-snapshot and keeps the snapshot's encryption unless kms_key_id "
        "is set (storage_encrypted alone does not encrypt a restore)",
    )
    assert found["aws_neptune_cluster.restored_with_key"][0] is Status.PASS
