"""Resource policies that were not judged: an MSK cluster policy (CloudFormation
``AWS::MSK::ClusterPolicy``; Terraform ``aws_msk_cluster_policy`` whose cluster is not in the
scan) and a DynamoDB resource policy on a table replica (``aws_dynamodb_table_replica``). A
statement letting everyone in without a narrowing condition FAILs, naming the statement, as
for queue, topic, bucket and table policies."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

CLUSTER = (
    "{ClusterName: c, KafkaVersion: 3.6.0, NumberOfBrokerNodes: 2, "
    "BrokerNodeGroupInfo: {InstanceType: kafka.m5.large, ClientSubnets: [a, b]}}"
)
TEMPLATE = f"""\
Resources:
  Open:
    Type: AWS::MSK::Cluster
    Properties: {CLUSTER}
  OpenPolicy:
    Type: AWS::MSK::ClusterPolicy
    Properties:
      ClusterArn: !Ref Open
      Policy:
        Statement:
          - Sid: Everyone
            Effect: Allow
            Principal: {{AWS: "*"}}
            Action: [kafka:CreateVpcConnection, kafka:GetBootstrapBrokers]
            Resource: "*"
  Account:
    Type: AWS::MSK::Cluster
    Properties: {CLUSTER}
  AccountPolicy:
    Type: AWS::MSK::ClusterPolicy
    Properties:
      ClusterArn: !Ref Account
      Policy:
        Statement:
          - {{Effect: Allow, Principal: {{AWS: "arn:aws:iam::123456789012:root"}},
              Action: "kafka:*", Resource: "*"}}
  Plain:
    Type: AWS::MSK::Cluster
    Properties: {CLUSTER}
  Organisation:
    Type: AWS::MSK::ClusterPolicy
    Properties:
      ClusterArn: arn:aws:kafka:ap-southeast-7:123456789012:cluster/other/1
      Policy:
        Statement:
          - {{Effect: Allow, Principal: "*", Action: "kafka:*", Resource: "*",
              Condition: {{StringEquals: {{"aws:PrincipalOrgID": o-abc}}}}}}
  Anyone:
    Type: AWS::MSK::ClusterPolicy
    Properties:
      ClusterArn: arn:aws:kafka:ap-southeast-7:123456789012:cluster/other/2
      Policy:
        Statement:
          - {{Effect: Allow, Principal: "*", Action: "kafka:*", Resource: "*"}}
"""

TF = """\
resource "aws_msk_cluster_policy" "elsewhere" {
  cluster_arn = "arn:aws:kafka:ap-southeast-7:123456789012:cluster/other/3"
  policy = jsonencode({
    Statement = [{ Sid = "Everyone", Effect = "Allow", Principal = { AWS = "*" },
                   Action = "kafka:*", Resource = "*" }]
  })
}

resource "aws_dynamodb_table_replica" "shared" {
  global_table_arn = "arn:aws:dynamodb:ap-southeast-1:123456789012:table/orders"
}

resource "aws_dynamodb_table_replica" "quiet" {
  global_table_arn = "arn:aws:dynamodb:ap-southeast-1:123456789012:table/items"
}

resource "aws_dynamodb_resource_policy" "shared" {
  resource_arn = aws_dynamodb_table_replica.shared.arn
  policy = jsonencode({
    Statement = [{ Effect = "Allow", Principal = "*", Action = "dynamodb:GetItem",
                   Resource = "*" }]
  })
}
"""


def test_msk_cluster_policies(tmp_path: Path) -> None:
    (tmp_path / "template.yaml").write_text(TEMPLATE, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-MSG-002",)))
    found = {f.address: f for f in result.findings}
    assert {a: f.status for a, f in found.items()} == {
        "Open": Status.FAIL,
        "Account": Status.PASS,
        "Plain": Status.PASS,  # no cluster policy: only the account's IAM identities
        "Organisation": Status.PASS,
        "Anyone": Status.FAIL,  # the policy of a cluster outside the template, judged alone
    }
    path = tmp_path / "template.yaml"
    assert found["Open"].evidence["granted_by"] == [
        f'statement "Everyone" allows everyone in OpenPolicy at {path}:5'
    ]
    assert found["Anyone"].evidence["granted_by"] == ["statement 1 allows everyone in Policy"]


def test_policy_alone_is_judged_only_as_a_grant(tmp_path: Path) -> None:
    """A cluster policy whose cluster is not in the scan says nothing of the cluster's
    encryption, sign-in or network: those rules are NOT_APPLICABLE to it (were UNKNOWN)."""
    (tmp_path / "template.yaml").write_text(TEMPLATE, encoding="utf-8")
    (tmp_path / "main.tf").write_text(TF, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=(
        "GDCC-MSG-001", "GDCC-MSG-002", "GDCC-MSG-004", "GDCC-MSG-005", "GDCC-NET-002",
        "GDCC-DB-002",
    )))
    for address in ("Anyone", "aws_msk_cluster_policy.elsewhere"):
        found = {f.rule_id: f.status for f in result.findings if f.address == address}
        assert found == {
            "GDCC-MSG-001": Status.NOT_APPLICABLE,
            "GDCC-MSG-002": Status.FAIL,
            "GDCC-MSG-004": Status.NOT_APPLICABLE,
            "GDCC-MSG-005": Status.NOT_APPLICABLE,
            "GDCC-NET-002": Status.NOT_APPLICABLE,
            "GDCC-DB-002": Status.NOT_APPLICABLE,
        }, address


def test_terraform_msk_policy_alone_and_replica_policies(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(TF, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-MSG-002", "GDCC-DATA-001")))
    found = {(f.rule_id, f.address): f for f in result.findings}
    assert {k: f.status for k, f in found.items()} == {
        ("GDCC-MSG-002", "aws_msk_cluster_policy.elsewhere"): Status.FAIL,
        ("GDCC-DATA-001", "aws_dynamodb_table_replica.shared"): Status.FAIL,
        # a replica without a resource policy: private to the account (was NOT_APPLICABLE)
        ("GDCC-DATA-001", "aws_dynamodb_table_replica.quiet"): Status.PASS,
    }
    main = tmp_path / "main.tf"
    assert found[("GDCC-DATA-001", "aws_dynamodb_table_replica.shared")].evidence[
        "granted_by"
    ] == [f"statement 1 allows everyone by aws_dynamodb_resource_policy.shared at {main}:17"]
