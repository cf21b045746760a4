"""``AWS::Redshift::Cluster`` defaults since Redshift's January 2025 secure defaults: without
``Encrypted`` a new cluster is encrypted (the template reference and CreateCluster: "If you
set the value on this parameter to false, the request will fail. Default: true"); it FAILed
GDCC-ENC-001 on the old "Default: false". A cluster restored from a snapshot without
``Encrypted`` is encrypted as its snapshot is: not known, with the reason. Its minor
upgrades: Redshift applies every patch release itself (tests/test_type_applicability.py)."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

TEMPLATE = """\
Resources:
  Warehouse:
    Type: AWS::Redshift::Cluster
    Properties:
      NodeType: ra3.xlplus
      DBName: d
      MasterUsername: u
      ManageMasterPassword: true
      ClusterType: single-node
  Plain:
    Type: AWS::Redshift::Cluster
    Properties:
      NodeType: ra3.xlplus
      DBName: d
      MasterUsername: u
      ManageMasterPassword: true
      ClusterType: single-node
      Encrypted: false
  Restored:
    Type: AWS::Redshift::Cluster
    Properties:
      NodeType: ra3.xlplus
      ClusterType: single-node
      SnapshotIdentifier: nightly
"""


def test_redshift_clusters_are_encrypted_unless_written_otherwise(tmp_path: Path) -> None:
    (tmp_path / "stack.yaml").write_text(TEMPLATE, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-ENC-001", "GDCC-NET-002")))
    found = {(f.rule_id, f.address): f for f in result.findings}
    warehouse = found[("GDCC-ENC-001", "Warehouse")]
    assert warehouse.status is Status.PASS
    assert warehouse.evidence["encrypted_at_rest"] is True
    assert warehouse.evidence["defaults"]["encrypted_at_rest"]["attribute"] == "Encrypted"
    assert found[("GDCC-ENC-001", "Plain")].status is Status.FAIL
    restored = found[("GDCC-ENC-001", "Restored")]
    assert (restored.status, restored.message.en) == (
        Status.UNKNOWN,
        "whether encryption at rest is on is not known from the input: the cluster is "
        "restored from a snapshot (SnapshotIdentifier) and Encrypted is not set: it is "
        "encrypted as the snapshot is, which the template does not show",
    )
    # PubliclyAccessible absent: "Default: false"
    assert found[("GDCC-NET-002", "Warehouse")].status is Status.PASS
