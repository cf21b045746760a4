"""``aws_msk_cluster`` was not mapped: a Kafka cluster with public broker addresses had no
finding at all (KICS query "MSK Broker Is Publicly Accessible"). It is now a message broker
(``messaging.queue``): GDCC-NET-002 judges ``public_access.type``, GDCC-MSG-002 its cluster
policy (``aws_msk_cluster_policy`` folded in), GDCC-MSG-001 its always-on encryption at rest;
AWS patches the brokers (GDCC-DB-002 NOT_APPLICABLE)."""

from __future__ import annotations

from pathlib import Path
from typing import Any, cast

from gdcc_audit.api import audit
from gdcc_audit.load.terraform_model import TfResource
from gdcc_audit.models.finding import Finding, Status
from gdcc_audit.models.resource import Facets
from gdcc_audit.normalize.terraform.aws_compute import msk_cluster
from gdcc_audit.normalize.terraform.context import TfContext
from gdcc_audit.settings import Settings

TF = """\
resource "aws_msk_cluster" "public" {
  cluster_name           = "public"
  kafka_version          = "3.6.0"
  number_of_broker_nodes = 3
  broker_node_group_info {
    instance_type   = "kafka.m5.large"
    client_subnets  = ["subnet-1", "subnet-2", "subnet-3"]
    security_groups = ["sg-1"]
    connectivity_info {
      public_access {
        type = "SERVICE_PROVIDED_EIPS"
      }
    }
  }
  client_authentication {
    sasl {
      iam = true
    }
  }
}

resource "aws_msk_cluster" "private" {
  cluster_name           = "private"
  kafka_version          = "3.6.0"
  number_of_broker_nodes = 3
  broker_node_group_info {
    instance_type   = "kafka.m5.large"
    client_subnets  = ["subnet-1", "subnet-2", "subnet-3"]
    security_groups = ["sg-1"]
  }
  encryption_info {
    encryption_at_rest_kms_key_arn = "arn:aws:kms:ap-southeast-7:111122223333:key/k"
    encryption_in_transit {
      client_broker = "TLS_PLAINTEXT"
    }
  }
}

resource "aws_msk_cluster_policy" "private" {
  cluster_arn = aws_msk_cluster.private.arn
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "*" }
      Action    = ["kafka:CreateVpcConnection", "kafka:GetBootstrapBrokers"]
      Resource  = aws_msk_cluster.private.arn
    }]
  })
}
"""

RULES = ("GDCC-NET-002", "GDCC-MSG-001", "GDCC-MSG-002", "GDCC-DB-002")


def test_msk_cluster_exposure_policy_and_encryption(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(TF)
    result = audit([tmp_path], Settings(rule_ids=RULES))
    found: dict[tuple[str, str], Finding] = {
        (f.rule_id, f.address): f for f in result.findings if f.address
    }
    assert {key: f.status for key, f in found.items()} == {
        ("GDCC-NET-002", "aws_msk_cluster.public"): Status.FAIL,
        ("GDCC-NET-002", "aws_msk_cluster.private"): Status.PASS,
        ("GDCC-MSG-001", "aws_msk_cluster.public"): Status.PASS,
        ("GDCC-MSG-001", "aws_msk_cluster.private"): Status.PASS,
        ("GDCC-MSG-002", "aws_msk_cluster.public"): Status.PASS,
        ("GDCC-MSG-002", "aws_msk_cluster.private"): Status.FAIL,
        ("GDCC-DB-002", "aws_msk_cluster.public"): Status.NOT_APPLICABLE,
        ("GDCC-DB-002", "aws_msk_cluster.private"): Status.NOT_APPLICABLE,
    }
    assert found[("GDCC-NET-002", "aws_msk_cluster.public")].evidence == {"public_endpoint": True}
    policy = found[("GDCC-MSG-002", "aws_msk_cluster.private")]
    assert policy.evidence["public_access"] is True
    assert "aws_msk_cluster_policy.private" in policy.evidence["granted_by"][0]


def _facets(values: dict[str, Any]) -> tuple[str, Facets]:
    resource = TfResource("aws_msk_cluster.c", "aws_msk_cluster", "c", values, "main.tf")
    kind, facets = msk_cluster(resource, cast(TfContext, None))
    return kind, facets


def test_msk_cluster_facets() -> None:
    kind, default = _facets({"cluster_name": "c"})
    assert kind == "messaging.queue"
    # TLS only and IAM-less: encrypted in transit by default, clients not authenticated
    assert default.encrypted_at_rest is True
    assert default.customer_managed_key is False
    assert default.encrypted_in_transit is True
    assert default.public_endpoint is False
    assert default.directory_auth is False
    _, plaintext = _facets(
        {"encryption_info": [{"encryption_in_transit": [{"client_broker": "TLS_PLAINTEXT"}]}]}
    )
    assert plaintext.encrypted_in_transit is False
    _, iam = _facets({"client_authentication": [{"sasl": [{"iam": True}]}]})
    assert iam.directory_auth is True
    _, mixed = _facets(
        {"client_authentication": [{"sasl": [{"iam": True}], "unauthenticated": True}]}
    )
    assert mixed.directory_auth is False


CFN = """\
Resources:
  Public:
    Type: AWS::MSK::Cluster
    Properties:
      ClusterName: public
      KafkaVersion: 3.6.0
      NumberOfBrokerNodes: 3
      BrokerNodeGroupInfo:
        InstanceType: kafka.m5.large
        ClientSubnets: [subnet-1, subnet-2, subnet-3]
        ConnectivityInfo:
          PublicAccess:
            Type: SERVICE_PROVIDED_EIPS
  Private:
    Type: AWS::MSK::Cluster
    Properties:
      ClusterName: private
      KafkaVersion: 3.6.0
      NumberOfBrokerNodes: 3
      BrokerNodeGroupInfo:
        InstanceType: kafka.m5.large
        ClientSubnets: [subnet-1, subnet-2, subnet-3]
"""


def test_cloudformation_msk_cluster(tmp_path: Path) -> None:
    """``AWS::MSK::Cluster`` read as ``aws_msk_cluster``; without an ``AWS::MSK::ClusterPolicy``
    in the template only the account's IAM identities get in, so GDCC-MSG-002 passes, as for
    ``aws_msk_cluster`` (an open policy FAILs: tests/test_msk_replica_policies.py)."""
    (tmp_path / "msk.yaml").write_text(CFN)
    result = audit([tmp_path], Settings(rule_ids=RULES))
    found = {(f.rule_id, f.address): f.status for f in result.findings if f.address}
    assert found == {
        ("GDCC-NET-002", "Public"): Status.FAIL,
        ("GDCC-NET-002", "Private"): Status.PASS,
        ("GDCC-MSG-001", "Public"): Status.PASS,
        ("GDCC-MSG-001", "Private"): Status.PASS,
        ("GDCC-MSG-002", "Public"): Status.PASS,
        ("GDCC-MSG-002", "Private"): Status.PASS,
        ("GDCC-DB-002", "Public"): Status.NOT_APPLICABLE,
        ("GDCC-DB-002", "Private"): Status.NOT_APPLICABLE,
    }
