"""An ``aws_neptune_cluster_snapshot`` is encrypted as its cluster is (``storage_encrypted`` and
``kms_key_id`` are read-only attributes of the snapshot): with the cluster in the scan
GDCC-ENC-001 is decided from it (it was UNKNOWN for every snapshot written in HCL)."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

MAIN = """\
resource "aws_neptune_cluster" "plain" {
  cluster_identifier = "plain"
  engine             = "neptune"
}

resource "aws_neptune_cluster" "encrypted" {
  cluster_identifier = "encrypted"
  engine             = "neptune"
  storage_encrypted  = true
}

resource "aws_neptune_cluster_snapshot" "of_plain" {
  db_cluster_identifier          = aws_neptune_cluster.plain.id
  db_cluster_snapshot_identifier = "plain-1"
}

resource "aws_neptune_cluster_snapshot" "of_encrypted" {
  db_cluster_identifier          = aws_neptune_cluster.encrypted.id
  db_cluster_snapshot_identifier = "encrypted-1"
}

resource "aws_neptune_cluster_snapshot" "elsewhere" {
  db_cluster_identifier          = "graph"
  db_cluster_snapshot_identifier = "graph-1"
}
"""


def test_a_neptune_snapshot_takes_its_cluster_encryption(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(MAIN)
    result = audit([tmp_path], Settings(rule_ids=("GDCC-ENC-001",), cache=False))
    found = {f.address: f for f in result.findings if "snapshot" in (f.address or "")}
    assert {a: f.status for a, f in found.items()} == {
        "aws_neptune_cluster_snapshot.of_plain": Status.FAIL,
        "aws_neptune_cluster_snapshot.of_encrypted": Status.PASS,
        "aws_neptune_cluster_snapshot.elsewhere": Status.UNKNOWN,
    }
    message = found["aws_neptune_cluster_snapshot.of_plain"].message
    assert message is not None
    assert "its cluster aws_neptune_cluster.plain" in message.en
