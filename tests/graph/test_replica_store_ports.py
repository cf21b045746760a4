"""GDCC-GRAPH-005 checks a read replica of a DB instance on its source's port: a replica
that writes no ``port`` listens where its source does ("Default: Inherits from the source DB
instance", RDS API CreateDBInstanceReadReplica, Port) with its source's engine. A replica of a
PostgreSQL source on port 15432, reached there from an internet-facing web server, was PASS
(wrong PASS); one reached on every port was named on 5432 whatever its source's engine. A
source that is not in the scan may listen on a port of its own: the port is not known."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.graph.store_ports import RDS_ENGINE_PORTS, StorePorts, replica_ports
from gdcc_audit.models.finding import Status
from gdcc_audit.models.resource import Resource, SourceLocation
from gdcc_audit.settings import Settings

from .test_store_ports import PUBLIC_WEB_TIER_TF

RULE = "GDCC-GRAPH-005"
LATERAL = "a workload reachable from the internet can connect to port"


_REPLICAS_TF = PUBLIC_WEB_TIER_TF + """\
# the web tier reaches the PostgreSQL source and its replica on 15432 only
resource "aws_security_group" "custom" {
  vpc_id = aws_vpc.main.id
  ingress {
    from_port       = 15432
    to_port         = 15432
    protocol        = "tcp"
    security_groups = [aws_security_group.web.id]
  }
}
# and the MySQL replica on every port
resource "aws_security_group" "all" {
  vpc_id = aws_vpc.main.id
  ingress {
    from_port       = 0
    to_port         = 65535
    protocol        = "tcp"
    security_groups = [aws_security_group.web.id]
  }
}
resource "aws_db_instance" "source" {
  engine                 = "postgres"
  instance_class         = "db.t3.medium"
  port                   = 15432
  vpc_security_group_ids = [aws_security_group.custom.id]
}
resource "aws_db_instance" "replica" {
  replicate_source_db    = aws_db_instance.source.identifier
  instance_class         = "db.t3.medium"
  vpc_security_group_ids = [aws_security_group.custom.id]
}
resource "aws_db_instance" "mysql" {
  engine                 = "mysql"
  instance_class         = "db.t3.medium"
  vpc_security_group_ids = [aws_security_group.all.id]
}
resource "aws_db_instance" "mysql_replica" {
  replicate_source_db    = aws_db_instance.mysql.identifier
  instance_class         = "db.t3.medium"
  vpc_security_group_ids = [aws_security_group.all.id]
}
# a replica of a source in another Region, on 15432: its source's port is not known
resource "aws_db_instance" "remote_replica" {
  replicate_source_db    = "arn:aws:rds:ap-southeast-1:123456789012:db:orders"
  instance_class         = "db.t3.medium"
  vpc_security_group_ids = [aws_security_group.custom.id]
}
"""


def _findings(path: Path) -> dict[str, tuple[Status, str, str | None]]:
    result = audit([path], Settings(rule_ids=(RULE,)))
    return {
        f.address or "": (f.status, f.message.en, f.evidence_key)
        for f in result.findings
        if f.status is not Status.NOT_APPLICABLE
    }


def test_terraform_replica_listens_on_its_source_port(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(_REPLICAS_TF, encoding="utf-8")
    assert _findings(tmp_path) == {
        "aws_db_instance.source": (
            Status.FAIL, f"{LATERAL} 15432: internet → web:443 → source:15432", "port:15432"
        ),
        # was PASS: checked on the usual database ports only
        "aws_db_instance.replica": (
            Status.FAIL, f"{LATERAL} 15432: internet → web:443 → replica:15432", "port:15432"
        ),
        "aws_db_instance.mysql": (
            Status.FAIL, f"{LATERAL} 3306: internet → web:443 → mysql:3306", "port:3306"
        ),
        # was named on 5432
        "aws_db_instance.mysql_replica": (
            Status.FAIL,
            f"{LATERAL} 3306: internet → web:443 → mysql_replica:3306",
            "port:3306",
        ),
        # was PASS
        "aws_db_instance.remote_replica": (
            Status.UNKNOWN,
            "its port is not known and a workload reachable from the internet can connect "
            "to it: internet → web:443 → remote_replica:15432",
            "port:not-known",
        ),
    }


_STACK = """\
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties: {CidrBlock: 10.0.0.0/16}
  Gateway:
    Type: AWS::EC2::InternetGateway
  GatewayAttachment:
    Type: AWS::EC2::VPCGatewayAttachment
    Properties: {VpcId: !Ref Vpc, InternetGatewayId: !Ref Gateway}
  WebSubnet:
    Type: AWS::EC2::Subnet
    Properties: {VpcId: !Ref Vpc, CidrBlock: 10.0.1.0/24, MapPublicIpOnLaunch: true}
  WebGroup:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: web
      VpcId: !Ref Vpc
      SecurityGroupIngress:
        - {IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 0.0.0.0/0}
  StoreGroup:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: stores
      VpcId: !Ref Vpc
      SecurityGroupIngress:
        - {IpProtocol: tcp, FromPort: 15432, ToPort: 15432, SourceSecurityGroupId: !Ref WebGroup}
  Web:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-12345678
      SubnetId: !Ref WebSubnet
      SecurityGroupIds: [!Ref WebGroup]
  Source:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: postgres
      DBInstanceClass: db.t3.medium
      Port: "15432"
      VPCSecurityGroups: [!Ref StoreGroup]
  Replica:
    Type: AWS::RDS::DBInstance
    Properties:
      SourceDBInstanceIdentifier: !Ref Source
      DBInstanceClass: db.t3.medium
      VPCSecurityGroups: [!Ref StoreGroup]
"""


def test_cloudformation_replica_listens_on_its_source_port(tmp_path: Path) -> None:
    (tmp_path / "stack.yaml").write_text(_STACK, encoding="utf-8")
    found = _findings(tmp_path)
    assert found["Replica"] == (
        Status.FAIL, f"{LATERAL} 15432: internet → Web:443 → Replica:15432", "port:15432"
    )
    assert found["Source"][:2] == (
        Status.FAIL, f"{LATERAL} 15432: internet → Web:443 → Source:15432"
    )


def _instance(**attributes: object) -> Resource:
    return Resource(
        id="t/s/aws_db_instance.x",
        kind="database.instance",
        name="x",
        provider="aws",
        provider_type="aws_db_instance",
        attributes=dict(attributes),
        location=SourceLocation(file="x"),
    )


def test_replica_ports() -> None:
    source = _instance(engine="oracle-ee")
    replica = _instance(replicate_source_db="src")
    assert replica_ports(replica, source) == StorePorts((1521,), False)
    assert replica_ports(replica, _instance(engine="postgres", port=None)) == StorePorts(
        (), True
    )
    # its own written port wins; its written engine comes after its source's port
    assert replica_ports(_instance(port=3307), source) == StorePorts((3307,), False)
    assert replica_ports(_instance(engine="oracle-se2"), _instance(port=1600)) == StorePorts(
        (1600, 1521), False
    )
    # a source not in the scan: its engine's port (written, else every engine's), not known
    assert replica_ports(_instance(engine="mysql"), None) == StorePorts((3306,), True)
    assert replica_ports(replica, None) == StorePorts(RDS_ENGINE_PORTS, True)
