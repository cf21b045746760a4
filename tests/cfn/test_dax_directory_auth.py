"""A DAX cluster has no database users: IAM authorizes every call ("DAX access control",
DynamoDB developer guide). GDCC-DB-001 was UNKNOWN on every DAX cluster, in Terraform and in
CloudFormation; now PASS in both."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings


def test_dax_clusters_authenticate_through_iam(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(
        'resource "aws_dax_cluster" "c" {\n  cluster_name = "c"\n'
        '  iam_role_arn = "arn:aws:iam::123456789012:role/dax"\n'
        '  node_type = "dax.r4.large"\n  replication_factor = 1\n}\n',
        encoding="utf-8",
    )
    (tmp_path / "t.yaml").write_text(
        "Resources:\n  Dax:\n    Type: AWS::DAX::Cluster\n    Properties:\n"
        "      IAMRoleARN: arn:aws:iam::123456789012:role/dax\n"
        "      NodeType: dax.r4.large\n      ReplicationFactor: 1\n",
        encoding="utf-8",
    )
    result = audit([tmp_path], Settings(rule_ids=("GDCC-DB-001",)))
    found = {f.address: (f.status, f.message.en) for f in result.findings}
    passed = (Status.PASS, "Databases authenticate users through the directory (IAM / Entra ID)")
    assert found == {"aws_dax_cluster.c": passed, "Dax": passed}
