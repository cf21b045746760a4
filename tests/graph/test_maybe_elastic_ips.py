"""An Elastic IP that may not be created where its instance is (``EXISTS_MAYBE``: a
CloudFormation ``Condition`` not decided, a Terraform ``count`` not known) makes the instance
public only perhaps: GDCC-CMP-001 and GDCC-GRAPH-002 UNKNOWN, naming it (they were FAIL, a
public address the deployment without the Elastic IP does not have). Under the instance's own
condition it is created with it: FAIL as before. Heat's floating IPs alike:
tests/heat/test_heat_conditions.py."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

CFN = """\
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Env: {Type: String}
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties: {CidrBlock: 10.0.0.0/16}
  Igw:
    Type: AWS::EC2::InternetGateway
  Attach:
    Type: AWS::EC2::VPCGatewayAttachment
    Properties: {VpcId: !Ref Vpc, InternetGatewayId: !Ref Igw}
  Subnet:
    Type: AWS::EC2::Subnet
    Properties: {VpcId: !Ref Vpc, CidrBlock: 10.0.1.0/24, MapPublicIpOnLaunch: false}
  PublicRt:
    Type: AWS::EC2::RouteTable
    Properties: {VpcId: !Ref Vpc}
  Route:
    Type: AWS::EC2::Route
    DependsOn: Attach
    Properties: {RouteTableId: !Ref PublicRt, DestinationCidrBlock: 0.0.0.0/0, GatewayId: !Ref Igw}
  Assoc:
    Type: AWS::EC2::SubnetRouteTableAssociation
    Properties: {SubnetId: !Ref Subnet, RouteTableId: !Ref PublicRt}
  Sg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: ssh
      VpcId: !Ref Vpc
      SecurityGroupIngress:
        - {IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 0.0.0.0/0}
  Instance:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-12345678
      SubnetId: !Ref Subnet
      SecurityGroupIds: [!Ref Sg]
  Eip:
    Type: AWS::EC2::EIP
    Condition: IsProd
    Properties: {InstanceId: !Ref Instance, Domain: vpc}
"""

TF = """\
variable "eip" { type = bool }
resource "aws_vpc" "v" { cidr_block = "10.0.0.0/16" }
resource "aws_internet_gateway" "g" { vpc_id = aws_vpc.v.id }
resource "aws_subnet" "s" {
  vpc_id     = aws_vpc.v.id
  cidr_block = "10.0.1.0/24"
}
resource "aws_route_table" "r" {
  vpc_id = aws_vpc.v.id
  route {
    cidr_block = "0.0.0.0/0"
    gateway_id = aws_internet_gateway.g.id
  }
}
resource "aws_route_table_association" "a" {
  subnet_id      = aws_subnet.s.id
  route_table_id = aws_route_table.r.id
}
resource "aws_security_group" "sg" {
  vpc_id = aws_vpc.v.id
  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}
resource "aws_instance" "web" {
  ami                    = "ami-12345678"
  instance_type          = "t3.micro"
  subnet_id              = aws_subnet.s.id
  vpc_security_group_ids = [aws_security_group.sg.id]
}
resource "aws_eip" "ip" {
  count    = var.eip ? 1 : 0
  instance = aws_instance.web.id
  domain   = "vpc"
}
"""

RULES = ("GDCC-CMP-001", "GDCC-GRAPH-002")


def _found(tmp_path: Path, name: str, text: str) -> dict[tuple[str, str], tuple[Status, str]]:
    (tmp_path / name).write_text(text, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=RULES))
    return {(f.rule_id, f.address): (f.status, f.message.en) for f in result.findings}


def test_a_cfn_elastic_ip_under_a_condition_not_known(tmp_path: Path) -> None:
    assert _found(tmp_path, "t.yaml", CFN) == {
        ("GDCC-CMP-001", "Instance"): (
            Status.UNKNOWN,
            "whether it has a public IP address is not known from the input: an Elastic IP "
            "that may not be created (Eip: Condition IsProd not known) is associated with it"),
        ("GDCC-GRAPH-002", "Instance"): (
            Status.UNKNOWN,
            "management port 22 reachable from the internet if what is not known allows it: "
            "internet → Instance:22"),
    }


def test_a_cfn_elastic_ip_under_its_instances_condition(tmp_path: Path) -> None:
    text = CFN.replace("    Type: AWS::EC2::Instance\n",
                       "    Type: AWS::EC2::Instance\n    Condition: IsProd\n")
    assert {k: v[0] for k, v in _found(tmp_path, "t.yaml", text).items()} == {
        ("GDCC-CMP-001", "Instance"): Status.FAIL,
        ("GDCC-GRAPH-002", "Instance"): Status.FAIL,
    }


def test_a_terraform_elastic_ip_whose_count_is_not_known(tmp_path: Path) -> None:
    assert _found(tmp_path, "main.tf", TF) == {
        ("GDCC-CMP-001", "aws_instance.web"): (
            Status.UNKNOWN,
            "whether it has a public IP address is not known from the input: aws_eip.ip may "
            "not be created (count / for_each not known (reads var.eip)) and gives it a "
            "public IP"),
        ("GDCC-GRAPH-002", "aws_instance.web"): (
            Status.UNKNOWN,
            "management port 22 reachable from the internet if what is not known allows it: "
            "internet → web:22"),
    }


def test_a_terraform_elastic_ip_counted_with_its_instance(tmp_path: Path) -> None:
    text = TF.replace('  ami                    = "ami-12345678"\n',
                      '  count                  = var.eip ? 1 : 0\n'
                      '  ami                    = "ami-12345678"\n').replace(
        "aws_instance.web.id", "aws_instance.web[0].id")
    found = _found(tmp_path, "main.tf", text)
    assert {v[0] for v in found.values()} == {Status.FAIL}
    assert len(found) == 2
