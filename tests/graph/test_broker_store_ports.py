"""GDCC-GRAPH-005 checks the message brokers of Amazon MQ and Amazon MSK on their listener
ports. They were no node of the resource graph and not judged by the rule (an MSK cluster
or a RabbitMQ broker its security group opens to an internet-facing web server had no
finding); the rule now covers them on their documented ports (MSK port-info.html; Amazon MQ
ActiveMQ and RabbitMQ listener ports), and says NOT_APPLICABLE for other queues."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.graph.store_ports import StorePorts, store_ports
from gdcc_audit.models.finding import Status
from gdcc_audit.models.resource import Resource, SourceLocation
from gdcc_audit.settings import Settings

from .test_store_ports import PUBLIC_WEB_TIER_TF

FIXTURES = Path(__file__).parent.parent / "fixtures" / "graph" / "store_ports"
RULE = "GDCC-GRAPH-005"
LATERAL = "a workload reachable from the internet can connect to port"

_TF = PUBLIC_WEB_TIER_TF + """\
resource "aws_subnet" "data" {
  vpc_id     = aws_vpc.main.id
  cidr_block = "10.0.2.0/24"
}
# the web tier reaches the brokers on their TLS ports only
resource "aws_security_group" "brokers" {
  vpc_id = aws_vpc.main.id
  ingress {
    from_port       = 9094
    to_port         = 9094
    protocol        = "tcp"
    security_groups = [aws_security_group.web.id]
  }
  ingress {
    from_port       = 61617
    to_port         = 61617
    protocol        = "tcp"
    security_groups = [aws_security_group.web.id]
  }
}
resource "aws_msk_cluster" "kafka" {
  cluster_name           = "kafka"
  kafka_version          = "3.6.0"
  number_of_broker_nodes = 2
  broker_node_group_info {
    instance_type   = "kafka.m5.large"
    client_subnets  = [aws_subnet.data.id]
    security_groups = [aws_security_group.brokers.id]
  }
}
resource "aws_mq_broker" "active" {
  broker_name        = "active"
  engine_type        = "ActiveMQ"
  engine_version     = "5.18"
  host_instance_type = "mq.m5.large"
  subnet_ids         = [aws_subnet.data.id]
  security_groups    = [aws_security_group.brokers.id]
  user {
    username = "app"
    password = var.password
  }
}
variable "password" { type = string }
resource "aws_sqs_queue" "jobs" {}
"""


def _findings(path: Path) -> dict[str, tuple[Status, str]]:
    result = audit([path], Settings(rule_ids=(RULE,)))
    return {f.address or "": (f.status, f.message.en) for f in result.findings}


def test_terraform_brokers_are_checked_on_their_ports(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(_TF, encoding="utf-8")
    found = _findings(tmp_path)
    assert found["aws_msk_cluster.kafka"] == (
        Status.FAIL, f"{LATERAL} 9094: internet → web:443 → kafka:9094"
    )
    assert found["aws_mq_broker.active"] == (
        Status.FAIL, f"{LATERAL} 61617: internet → web:443 → active:61617"
    )
    # a queue used through the service API has no listener
    assert found["aws_sqs_queue.jobs"][0] is Status.NOT_APPLICABLE


def test_cloudformation_brokers_are_checked_on_their_ports() -> None:
    found = _findings(FIXTURES / "brokers.yaml")
    assert found["Kafka"] == (Status.FAIL, f"{LATERAL} 9098: internet → Web:443 → Kafka:9098")
    assert found["Rabbit"] == (Status.FAIL, f"{LATERAL} 5671: internet → Web:443 → Rabbit:5671")
    # reached only by the application tier, which is not internet-facing
    assert found["Internal"] == (
        Status.PASS,
        "No internet-facing workload can move laterally to a data store's database port",
    )


def _broker(provider_type: str, **attributes: object) -> Resource:
    return Resource(
        id=f"t/s/{provider_type}.x",
        kind="messaging.queue",
        name="x",
        provider="aws",
        provider_type=provider_type,
        attributes=dict(attributes),
        location=SourceLocation(file="x"),
    )


def test_broker_ports() -> None:
    msk = (9092, 9094, 9096, 9098, 2181, 2182, 9194, 9196, 9198)
    assert store_ports(_broker("aws_msk_cluster")) == StorePorts(msk, False)
    assert store_ports(_broker("AWS::MSK::ServerlessCluster")) == StorePorts((9098,), False)
    active = (61617, 5671, 61614, 8883, 61619, 8162)
    assert store_ports(_broker("aws_mq_broker", engine_type="ActiveMQ")) == StorePorts(
        active, False
    )
    assert store_ports(_broker("AWS::AmazonMQ::Broker", EngineType="RABBITMQ")) == StorePorts(
        (5671, 443, 15671), False
    )
    # an engine not known: both engines' ports
    assert store_ports(_broker("aws_mq_broker", engine_type=None)) == StorePorts(
        (*active, 443, 15671), False
    )
