"""An ``aws_neptune_cluster_snapshot`` is encrypted as its cluster is (``storage_encrypted`` and
``kms_key_id`` are read-only attributes of the snapshot): with the cluster in the scan
GDCC-ENC-001 is decided from it (it was UNKNOWN for every snapshot written in HCL)."""

from __future__ import annotations

import json
from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Finding, Status
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


WRITTEN = """\
resource "aws_neptune_cluster_snapshot" "written" {
  db_cluster_identifier          = "graph"
  db_cluster_snapshot_identifier = "graph-1"
  storage_encrypted              = true
  kms_key_id                     = "arn:aws:kms:ap-southeast-7:111122223333:key/1234abcd"
}
"""

MANIFEST = """\
apiVersion: gdcc-audit/v1
kind: Tenant
metadata: {name: graph}
agency: {name_th: หน่วยงานทดสอบ, name_en: Test Agency}
iac:
  - {path: INPUT, system: graph}
systems:
  - id: graph
    name_th: ระบบกราฟ
    name_en: Graph
    security_category: {confidentiality: high, integrity: high, availability: high}
"""


def _statuses(tmp_path: Path, name: str) -> dict[str, Finding]:
    (tmp_path / "tenant.yaml").write_text(MANIFEST.replace("INPUT", name), encoding="utf-8")
    result = audit(
        [tmp_path / "tenant.yaml"],
        Settings(rule_ids=("GDCC-ENC-001", "GDCC-ENC-002"), cache=False),
    )
    return {f.rule_id: f for f in result.findings if "snapshot" in (f.address or "")}


def test_read_only_encryption_written_in_hcl_is_not_read(tmp_path: Path) -> None:
    """``storage_encrypted`` / ``kms_key_id`` are ``Computed`` only in the provider's schema
    (Terraform refuses them in configuration): written in HCL they said PASS for a snapshot
    of a cluster outside the scan; the snapshot is its cluster's, not known."""
    (tmp_path / "main.tf").write_text(WRITTEN, encoding="utf-8")
    found = _statuses(tmp_path, "main.tf")
    assert {rule: f.status for rule, f in found.items()} == {
        "GDCC-ENC-001": Status.UNKNOWN,
        "GDCC-ENC-002": Status.UNKNOWN,
    }
    for finding in found.values():
        assert finding.address == "aws_neptune_cluster_snapshot.written"
        assert finding.message is not None
        assert "read-only attributes of aws_neptune_cluster_snapshot" in finding.message.en
        assert "the cluster is not in the input" in finding.message.en
        assert "อ่านได้อย่างเดียว" in finding.message.th


def test_a_state_keeps_the_snapshot_s_own_values(tmp_path: Path) -> None:
    """In a state (or plan) the attributes are the snapshot's real encryption and key."""
    state = {
        "format_version": "1.0", "terraform_version": "1.9.0",
        "values": {"root_module": {"resources": [{
            "address": "aws_neptune_cluster_snapshot.written", "mode": "managed",
            "type": "aws_neptune_cluster_snapshot", "name": "written",
            "provider_name": "registry.terraform.io/hashicorp/aws",
            "values": {
                "db_cluster_identifier": "graph", "db_cluster_snapshot_identifier": "graph-1",
                "storage_encrypted": True,
                "kms_key_id": "arn:aws:kms:ap-southeast-7:111122223333:key/1234abcd",
            },
        }]}},
    }
    (tmp_path / "state.json").write_text(json.dumps(state), encoding="utf-8")
    found = _statuses(tmp_path, "state.json")
    assert {rule: f.status for rule, f in found.items()} == {
        "GDCC-ENC-001": Status.PASS,
        "GDCC-ENC-002": Status.PASS,
    }
