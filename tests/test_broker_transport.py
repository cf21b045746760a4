"""Message brokers' transit encryption and client sign-in (GDCC-MSG-005, GDCC-MSG-004 on AWS).

No AWS rule judged them: an Amazon MSK cluster whose clients may connect in plaintext
(``client_broker = "PLAINTEXT"`` / ``"TLS_PLAINTEXT"``, ``in_cluster = false``) or that lets
clients in unauthenticated had no failing finding. MSK and Amazon MQ brokers are now judged,
with the provider defaults labelled; queues and streams used through the AWS API (SQS, SNS,
Kinesis) are not brokers and say why.
"""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Finding, Status
from gdcc_audit.settings import Settings

MSK_DOC = "https://docs.aws.amazon.com/msk/latest/developerguide/msk-encryption.html"
MQ_DOC = "https://docs.aws.amazon.com/amazon-mq/latest/api-reference/brokers.html"

TF = """\
resource "aws_msk_cluster" "plain" {
  cluster_name           = "plain"
  kafka_version          = "3.6.0"
  number_of_broker_nodes = 3
  broker_node_group_info {
    instance_type   = "kafka.m5.large"
    client_subnets  = ["subnet-1", "subnet-2", "subnet-3"]
    security_groups = ["sg-1"]
  }
  encryption_info {
    encryption_in_transit {
      client_broker = "PLAINTEXT"
      in_cluster    = false
    }
  }
}

resource "aws_msk_cluster" "dflt" {
  cluster_name           = "dflt"
  kafka_version          = "3.6.0"
  number_of_broker_nodes = 3
  broker_node_group_info {
    instance_type   = "kafka.m5.large"
    client_subnets  = ["subnet-1", "subnet-2", "subnet-3"]
    security_groups = ["sg-1"]
  }
}

resource "aws_mq_broker" "mq" {
  broker_name        = "mq"
  engine_type        = "RabbitMQ"
  engine_version     = "3.13"
  host_instance_type = "mq.m5.large"
  user {
    username = "app"
    password = "not-a-real-password-1"
  }
}

resource "aws_sqs_queue" "q" {
  name = "q"
}
"""

CFN = """\
Resources:
  Plain:
    Type: AWS::MSK::Cluster
    Properties:
      ClusterName: plain
      KafkaVersion: "3.6.0"
      NumberOfBrokerNodes: 3
      BrokerNodeGroupInfo:
        InstanceType: kafka.m5.large
        ClientSubnets: [subnet-1, subnet-2, subnet-3]
      EncryptionInfo:
        EncryptionInTransit:
          ClientBroker: TLS_PLAINTEXT
  Dflt:
    Type: AWS::MSK::Cluster
    Properties:
      ClusterName: dflt
      KafkaVersion: "3.6.0"
      NumberOfBrokerNodes: 3
      BrokerNodeGroupInfo:
        InstanceType: kafka.m5.large
        ClientSubnets: [subnet-1, subnet-2, subnet-3]
  Broker:
    Type: AWS::AmazonMQ::Broker
    Properties:
      BrokerName: b
      EngineType: ACTIVEMQ
      EngineVersion: "5.18"
      HostInstanceType: mq.m5.large
      DeploymentMode: SINGLE_INSTANCE
      PubliclyAccessible: false
      Users:
        - Username: app
          Password: "{{resolve:secretsmanager:mq-app}}"
  Topic:
    Type: AWS::SNS::Topic
"""

RULES = ("GDCC-MSG-004", "GDCC-MSG-005")


def _findings(folder: Path, name: str, text: str) -> dict[tuple[str, str], Finding]:
    folder.mkdir()
    (folder / name).write_text(text)
    result = audit([folder], Settings(rule_ids=RULES))
    return {(f.rule_id, f.address): f for f in result.findings if f.address}


def test_terraform_brokers(tmp_path: Path) -> None:
    found = _findings(tmp_path / "tf", "main.tf", TF)
    assert {k: f.status for k, f in found.items()} == {
        ("GDCC-MSG-005", "aws_msk_cluster.plain"): Status.FAIL,
        ("GDCC-MSG-005", "aws_msk_cluster.dflt"): Status.PASS,
        ("GDCC-MSG-005", "aws_mq_broker.mq"): Status.PASS,
        ("GDCC-MSG-005", "aws_sqs_queue.q"): Status.NOT_APPLICABLE,
        ("GDCC-MSG-004", "aws_msk_cluster.plain"): Status.FAIL,
        ("GDCC-MSG-004", "aws_msk_cluster.dflt"): Status.FAIL,
        ("GDCC-MSG-004", "aws_mq_broker.mq"): Status.FAIL,
        ("GDCC-MSG-004", "aws_sqs_queue.q"): Status.NOT_APPLICABLE,
    }
    assert found[("GDCC-MSG-005", "aws_msk_cluster.plain")].evidence == {
        "encrypted_in_transit": False
    }
    # the default TLS is a documented fact, and the finding says so
    default = found[("GDCC-MSG-005", "aws_msk_cluster.dflt")]
    assert default.evidence["defaults"]["encrypted_in_transit"] == {
        "attribute": "encryption_info.0.encryption_in_transit",
        "value": "default",
        "documentation": MSK_DOC,
    }
    users = found[("GDCC-MSG-004", "aws_mq_broker.mq")]
    assert users.evidence["directory_auth"] is False
    assert users.evidence["defaults"]["directory_auth"]["attribute"] == "authentication_strategy"
    assert users.evidence["defaults"]["directory_auth"]["documentation"] == MQ_DOC
    queue = found[("GDCC-MSG-005", "aws_sqs_queue.q")]
    assert queue.message is not None
    assert queue.message.en.startswith("does not apply to aws_sqs_queue: not a message broker")
    assert "aws:SecureTransport" in queue.message.en


def test_cloudformation_brokers(tmp_path: Path) -> None:
    found = _findings(tmp_path / "cfn", "template.yaml", CFN)
    assert {k: f.status for k, f in found.items()} == {
        ("GDCC-MSG-005", "Plain"): Status.FAIL,
        ("GDCC-MSG-005", "Dflt"): Status.PASS,
        ("GDCC-MSG-005", "Broker"): Status.PASS,
        ("GDCC-MSG-005", "Topic"): Status.NOT_APPLICABLE,
        ("GDCC-MSG-004", "Plain"): Status.FAIL,
        ("GDCC-MSG-004", "Dflt"): Status.FAIL,
        ("GDCC-MSG-004", "Broker"): Status.FAIL,
        ("GDCC-MSG-004", "Topic"): Status.NOT_APPLICABLE,
    }
    assert found[("GDCC-MSG-005", "Dflt")].evidence["defaults"]["encrypted_in_transit"][
        "attribute"
    ] == "EncryptionInfo.EncryptionInTransit"
    assert found[("GDCC-MSG-004", "Broker")].evidence["defaults"]["directory_auth"][
        "attribute"
    ] == "AuthenticationStrategy"


STREAM_POLICY = """\
resource "aws_kinesis_resource_policy" "alone" {
  resource_arn = "arn:aws:kinesis:ap-southeast-7:111122223333:stream/outside"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "111122223333" }
      Action    = "kinesis:GetRecords"
      Resource  = "*"
    }]
  })
}
"""


def test_stream_policy_alone_is_judged_as_a_grant(tmp_path: Path) -> None:
    """A Kinesis stream policy whose stream is outside the scan was UNKNOWN on encryption,
    transit and sign-in: it is judged only for whom it lets in."""
    (tmp_path / "main.tf").write_text(STREAM_POLICY)
    rules = ("GDCC-MSG-001", "GDCC-MSG-002", "GDCC-MSG-004", "GDCC-MSG-005")
    result = audit([tmp_path], Settings(rule_ids=rules))
    assert {f.rule_id: f.status for f in result.findings} == {
        "GDCC-MSG-001": Status.NOT_APPLICABLE,
        "GDCC-MSG-002": Status.PASS,
        "GDCC-MSG-004": Status.NOT_APPLICABLE,
        "GDCC-MSG-005": Status.NOT_APPLICABLE,
    }


def test_cluster_policy_alone_is_judged_as_a_grant(tmp_path: Path) -> None:
    """An MSK cluster policy whose cluster is outside the scan (Terraform and CloudFormation)
    was UNKNOWN on every broker rule but GDCC-MSG-002."""
    (tmp_path / "main.tf").write_text(
        STREAM_POLICY.replace("aws_kinesis_resource_policy", "aws_msk_cluster_policy")
        .replace("resource_arn", "cluster_arn")
        .replace("kinesis:GetRecords", "kafka:GetBootstrapBrokers")
    )
    (tmp_path / "template.yaml").write_text(
        "Resources:\n"
        "  Alone:\n"
        "    Type: AWS::MSK::ClusterPolicy\n"
        "    Properties:\n"
        "      ClusterArn: arn:aws:kafka:ap-southeast-7:111122223333:cluster/outside/abc\n"
        "      Policy:\n"
        "        Version: '2012-10-17'\n"
        "        Statement:\n"
        "          - {Effect: Allow, Principal: {AWS: '111122223333'},"
        " Action: 'kafka:GetBootstrapBrokers', Resource: '*'}\n"
    )
    rules = ("GDCC-MSG-001", "GDCC-MSG-002", "GDCC-MSG-004", "GDCC-MSG-005", "GDCC-NET-002")
    result = audit([tmp_path], Settings(rule_ids=rules))
    found = {(f.rule_id, f.address): f.status for f in result.findings}
    for address in ("aws_msk_cluster_policy.alone", "Alone"):
        assert found.pop(("GDCC-MSG-002", address)) == Status.PASS
        for rule in ("GDCC-MSG-001", "GDCC-MSG-004", "GDCC-MSG-005", "GDCC-NET-002"):
            assert found.pop((rule, address)) == Status.NOT_APPLICABLE, (rule, address)
    assert not found
