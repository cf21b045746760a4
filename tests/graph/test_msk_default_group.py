"""An MSK cluster whose brokers name no security group: "If you don't specify a security
group, Amazon MSK uses the default security group associated with the VPC" (MSK API
reference, BrokerNodeGroupInfo securityGroups). It was "filtering not known", so
GDCC-GRAPH-005 was UNKNOWN for any internet-facing workload of the tree; the brokers are now
in their VPC's default group, judged on its rules like an RDS instance's."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

from .test_store_ports import PUBLIC_WEB_TIER_TF

_TF = PUBLIC_WEB_TIER_TF + """\
resource "aws_subnet" "data" {
  vpc_id     = aws_vpc.main.id
  cidr_block = "10.0.2.0/24"
}
resource "aws_msk_cluster" "kafka" {
  cluster_name           = "kafka"
  kafka_version          = "3.6.0"
  number_of_broker_nodes = 2
  broker_node_group_info {
    instance_type  = "kafka.m5.large"
    client_subnets = [aws_subnet.data.id]
  }
}
"""
_OPENED = """\
resource "aws_default_security_group" "default" {
  vpc_id = aws_vpc.main.id
  ingress {
    from_port       = 9094
    to_port         = 9094
    protocol        = "tcp"
    security_groups = [aws_security_group.web.id]
  }
}
"""


def _kafka(path: Path, address: str) -> tuple[Status, str]:
    result = audit([path], Settings(rule_ids=("GDCC-GRAPH-005",)))
    found = next(f for f in result.findings if f.address == address)
    return found.status, found.message.en


def test_terraform_brokers_without_groups_are_in_the_default_group(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(_TF, encoding="utf-8")
    assert _kafka(tmp_path, "aws_msk_cluster.kafka") == (
        Status.PASS,
        "No internet-facing workload can move laterally to a data store's database port",
    )
    (tmp_path / "main.tf").write_text(_TF + _OPENED, encoding="utf-8")
    assert _kafka(tmp_path, "aws_msk_cluster.kafka") == (
        Status.FAIL,
        "a workload reachable from the internet can connect to port 9094: "
        "internet → web:443 → kafka:9094",
    )


_CFN = """\
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  VPC:
    Type: AWS::EC2::VPC
    Properties: {CidrBlock: 10.0.0.0/16}
  Data:
    Type: AWS::EC2::Subnet
    Properties: {VpcId: !Ref VPC, CidrBlock: 10.0.2.0/24}
  WebGroup:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: web
      VpcId: !Ref VPC
      SecurityGroupIngress:
        - {IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 0.0.0.0/0}
  Web:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-12345678
      NetworkInterfaces:
        - {DeviceIndex: "0", AssociatePublicIpAddress: true, SubnetId: subnet-1,
           GroupSet: [!Ref WebGroup]}
  Kafka:
    Type: AWS::MSK::Cluster
    Properties:
      ClusterName: kafka
      KafkaVersion: 3.6.0
      NumberOfBrokerNodes: 2
      BrokerNodeGroupInfo:
        InstanceType: kafka.m5.large
        ClientSubnets: [!Ref Data]
"""


def test_cloudformation_brokers_without_groups_are_in_the_default_group(
    tmp_path: Path,
) -> None:
    (tmp_path / "stack.yaml").write_text(_CFN, encoding="utf-8")
    assert _kafka(tmp_path, "Kafka") == (
        Status.PASS,
        "No internet-facing workload can move laterally to a data store's database port",
    )
