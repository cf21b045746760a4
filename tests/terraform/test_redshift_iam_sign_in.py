"""GDCC-DB-001, Redshift: "Amazon Redshift provides the GetClusterCredentials API operation to
generate temporary database user credentials" for IAM identities (Redshift Management Guide,
generating-iam-credentials-overview.html) on every provisioned cluster, with no setting that
turns it on or off. Every ``aws_redshift_cluster`` / ``AWS::Redshift::Cluster`` was UNKNOWN
"whether IAM / directory authentication is on is not known" (terraform-aws-modules/
terraform-aws-redshift examples): PASS with that reason now."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

CONFIG = """\
resource "aws_redshift_cluster" "dw" {
  cluster_identifier     = "dw"
  node_type              = "ra3.xlplus"
  master_username        = "admin"
  manage_master_password = true
  encrypted              = true
}
"""
TEMPLATE = """\
Resources:
  Warehouse:
    Type: AWS::Redshift::Cluster
    Properties:
      ClusterType: single-node
      NodeType: ra3.xlplus
      DBName: dw
      MasterUsername: admin
      ManageMasterPassword: true
"""
PASS = (
    Status.PASS,
    "Databases authenticate users through the directory (IAM / Entra ID) (Redshift issues "
    "temporary database credentials to IAM identities (GetClusterCredentials) on every "
    "cluster; no setting turns it off)",
)


def test_redshift_clusters_take_iam_sign_in(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(CONFIG, encoding="utf-8")
    (tmp_path / "stack.yaml").write_text(TEMPLATE, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-DB-001",)))
    assert {f.address: (f.status, f.message.en) for f in result.findings} == {
        "aws_redshift_cluster.dw": PASS,
        "Warehouse": PASS,
    }
    thai = result.findings[0].message.th
    assert "GetClusterCredentials" in thai
    assert "ตัวตน IAM" in thai
