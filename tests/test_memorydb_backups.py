"""Amazon MemoryDB takes automatic snapshots only when ``snapshot_retention_limit`` is above
0, and it defaults to 0 (provider and MemoryDB guide, cited in
``normalize/terraform/keyed.py``): GDCC-BCK-001/002 were UNKNOWN on every cluster, including
terraform-aws-memory-db's examples that keep snapshots 7 days."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

MAIN = """\
resource "aws_memorydb_cluster" "kept" {
  name                     = "kept"
  node_type                = "db.t4g.small"
  acl_name                 = "open-access"
  snapshot_retention_limit = 7
}

resource "aws_memorydb_cluster" "none" {
  name      = "none"
  node_type = "db.t4g.small"
  acl_name  = "open-access"
}
"""


def test_memorydb_snapshots(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(MAIN, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-BCK-001", "GDCC-BCK-002")))
    found = {
        (f.rule_id, f.address or ""): (f.status, f.message.en) for f in result.findings
    }
    assert found == {
        ("GDCC-BCK-001", "aws_memorydb_cluster.kept"): (Status.PASS, "Backups are enabled"),
        ("GDCC-BCK-002", "aws_memorydb_cluster.kept"): (
            Status.PASS,
            "Backups are kept for at least 7 days",
        ),
        ("GDCC-BCK-001", "aws_memorydb_cluster.none"): (Status.FAIL, "backups are off"),
        ("GDCC-BCK-002", "aws_memorydb_cluster.none"): (
            Status.FAIL,
            "backup retention is 0 days; at least 7 days required",
        ),
    }
