"""MSK Serverless clusters and DocumentDB instances are judged (were "not judged").

- ``aws_msk_serverless_cluster`` / ``AWS::MSK::ServerlessCluster``: IAM sign-in, TLS and a
  private endpoint are what every such cluster has (MSK developer guide, "What is MSK
  Serverless?"), so GDCC-MSG-004 / GDCC-MSG-005 / GDCC-NET-002 PASS; its ``vpc_config``
  security group is linked in the resource graph.
- ``aws_docdb_cluster_instance`` / ``AWS::DocDB::DBInstance``: a member of its cluster, where
  storage encryption is judged (GDCC-ENC-001 NOT_APPLICABLE on the instance, saying so; FAIL on
  an unencrypted cluster), and no public endpoint (GDCC-NET-002 PASS).
"""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings
from iac_helpers import run

TF = """\
resource "aws_security_group" "kafka" {
  name   = "kafka"
  vpc_id = "vpc-0123456789abcdef0"
}

resource "aws_msk_serverless_cluster" "events" {
  cluster_name = "events"
  vpc_config {
    subnet_ids         = ["subnet-0123456789abcdef0", "subnet-0123456789abcdef1"]
    security_group_ids = [aws_security_group.kafka.id]
  }
  client_authentication {
    sasl {
      iam {
        enabled = true
      }
    }
  }
}

resource "aws_docdb_cluster" "docs" {
  cluster_identifier = "docs"
  master_username    = "admin"
  manage_master_user_password = true
}

resource "aws_docdb_cluster_instance" "docs" {
  identifier         = "docs-1"
  cluster_identifier = aws_docdb_cluster.docs.id
  instance_class     = "db.r6g.large"
}
"""

CFN = """\
Resources:
  Events:
    Type: AWS::MSK::ServerlessCluster
    Properties:
      ClusterName: events
      VpcConfigs:
        - SubnetIds: [subnet-0123456789abcdef0, subnet-0123456789abcdef1]
      ClientAuthentication:
        Sasl:
          Iam:
            Enabled: true
  Docs:
    Type: AWS::DocDB::DBCluster
    Properties:
      MasterUsername: admin
      ManageMasterUserPassword: true
  DocsOne:
    Type: AWS::DocDB::DBInstance
    Properties:
      DBClusterIdentifier: !Ref Docs
      DBInstanceClass: db.r6g.large
"""

RULES = ("GDCC-MSG-004", "GDCC-MSG-005", "GDCC-NET-002", "GDCC-ENC-001", "GDCC-MSG-001")
ON_CLUSTER = (
    "a DocumentDB instance takes this from its cluster (aws_docdb_cluster / "
    "AWS::DocDB::DBCluster), where it is judged"
)


def test_verdicts(tmp_path: Path) -> None:
    (tmp_path / "tf").mkdir()
    (tmp_path / "tf" / "main.tf").write_text(TF, encoding="utf-8")
    (tmp_path / "template.yaml").write_text(CFN, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=RULES))
    found = {(f.address or "", f.rule_id): f for f in result.findings}
    statuses = {key: f.status for key, f in found.items()}
    for kafka in ("aws_msk_serverless_cluster.events", "Events"):
        assert statuses[(kafka, "GDCC-MSG-004")] is Status.PASS
        assert statuses[(kafka, "GDCC-MSG-005")] is Status.PASS
        assert statuses[(kafka, "GDCC-MSG-001")] is Status.PASS
        assert statuses[(kafka, "GDCC-NET-002")] is Status.PASS
        assert found[(kafka, "GDCC-MSG-004")].evidence == {"directory_auth": True}
    for cluster, instance in (
        ("aws_docdb_cluster.docs", "aws_docdb_cluster_instance.docs"),
        ("Docs", "DocsOne"),
    ):
        # storage_encrypted / StorageEncrypted default false: the cluster fails
        assert statuses[(cluster, "GDCC-ENC-001")] is Status.FAIL
        assert statuses[(instance, "GDCC-ENC-001")] is Status.NOT_APPLICABLE
        assert found[(instance, "GDCC-ENC-001")].message.en.endswith(ON_CLUSTER)
        assert statuses[(instance, "GDCC-NET-002")] is Status.PASS
        assert found[(instance, "GDCC-NET-002")].evidence == {"public_endpoint": False}


def test_kafka_cluster_is_in_the_graph_with_its_security_group(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(TF, encoding="utf-8")
    resources, errors, _ = run(tmp_path)
    assert errors == []
    kafka = resources["aws_msk_serverless_cluster.events"]
    assert kafka.kind == "messaging.queue"
    assert any(
        ref.target.startswith("aws_security_group.kafka") for ref in kafka.references
    ), kafka.references
    instance = resources["aws_docdb_cluster_instance.docs"]
    assert instance.kind == "database.instance"
    assert any(ref.target.startswith("aws_docdb_cluster.docs") for ref in instance.references)
