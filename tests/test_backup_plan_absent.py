"""GDCC-GRAPH-012 (databases with personal data are backed up) is NOT_APPLICABLE to a type
that keeps no backups of its own, with the reason: a DMS replication instance (a migration
server: it FAILed for having no backup plan) and an Aurora instance (its cluster keeps them,
and is judged)."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.settings import Settings

TF = """\
resource "aws_dms_replication_instance" "m" {
  replication_instance_id    = "m"
  replication_instance_class = "dms.t3.micro"
  publicly_accessible        = false
  tags = { "gdcc:personal-data" = "true" }
}
resource "aws_rds_cluster" "c" {
  cluster_identifier  = "c"
  engine              = "aurora-postgresql"
  master_username     = "x"
  manage_master_user_password = true
  backup_retention_period = 7
  tags = { "gdcc:personal-data" = "true" }
}
resource "aws_rds_cluster_instance" "i" {
  cluster_identifier = aws_rds_cluster.c.id
  instance_class     = "db.r6g.large"
  engine             = "aurora-postgresql"
  tags = { "gdcc:personal-data" = "true" }
}
"""


def test_types_without_backups_of_their_own(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(TF, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-012",)))
    found = {f.address: (f.status.value, f.message.en) for f in result.findings}
    assert found["aws_dms_replication_instance.m"] == (
        "NOT_APPLICABLE",
        "a DMS replication instance is a migration server, not a database: it has no backups, "
        "users, engine flags or deletion protection of its own (TLS is set on its endpoints)",
    )
    assert found["aws_rds_cluster_instance.i"][0] == "NOT_APPLICABLE"
    assert found["aws_rds_cluster.c"][0] == "PASS"
