"""A security group source ``!GetAtt Vpc.CidrBlock`` (or a subnet's) whose block the
template does not write (a parameter without a default): that VPC's own range, /16 to /28
(https://docs.aws.amazon.com/vpc/latest/userguide/vpc-cidr-blocks.html), never the internet,
as Terraform's ``aws_vpc.main.cidr_block`` is read: GDCC-NET-001 PASS (was UNKNOWN). The same
attribute of a custom resource may be any range, and ``Fn::ImportValue`` of an export says
nothing sure: both stay not known; a written ``0.0.0.0/0`` beside it still fails."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.settings import Settings

TEMPLATE = """\
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  VpcCidr:
    Type: String
  Other:
    Type: String
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: !Ref VpcCidr
  Sub:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref Vpc
      CidrBlock: !Select [0, !Cidr [!GetAtt Vpc.CidrBlock, 4, 8]]
  Sg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: ssh from vpc
      VpcId: !Ref Vpc
      SecurityGroupIngress:
        - IpProtocol: tcp
          FromPort: 22
          ToPort: 22
          CidrIp: !GetAtt Vpc.CidrBlock
  SgSub:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: ssh from subnet
      VpcId: !Ref Vpc
      SecurityGroupIngress:
        - IpProtocol: tcp
          FromPort: 22
          ToPort: 22
          CidrIp: !GetAtt Sub.CidrBlock
  SgImport:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: ssh from import
      VpcId: !Ref Vpc
      SecurityGroupIngress:
        - IpProtocol: tcp
          FromPort: 22
          ToPort: 22
          CidrIp: !ImportValue shared-vpc-cidr
  SgBoth:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: ssh from vpc and world
      VpcId: !Ref Vpc
      SecurityGroupIngress:
        - IpProtocol: tcp
          FromPort: 22
          ToPort: 22
          CidrIp: !GetAtt Vpc.CidrBlock
        - IpProtocol: tcp
          FromPort: 22
          ToPort: 22
          CidrIp: 0.0.0.0/0
  Custom:
    Type: Custom::Range
    Properties:
      ServiceToken: arn:aws:lambda:ap-southeast-7:123456789012:function:f
  SgCustom:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: ssh from custom
      VpcId: !Ref Vpc
      SecurityGroupIngress:
        - IpProtocol: tcp
          FromPort: 22
          ToPort: 22
          CidrIp: !GetAtt Custom.CidrBlock
  Rule:
    Type: AWS::EC2::SecurityGroupIngress
    Properties:
      GroupId: !Ref SgImport
      IpProtocol: tcp
      FromPort: 3389
      ToPort: 3389
      CidrIp: !GetAtt Vpc.CidrBlock
"""

UNKNOWN_22 = ("UNKNOWN", "cannot tell whether port 22 is open to the internet")


def test_a_vpc_range_source(tmp_path: Path) -> None:
    path = tmp_path / "net.yaml"
    path.write_text(TEMPLATE, encoding="utf-8")
    result = audit([path], Settings(rule_ids=("GDCC-NET-001",)))
    assert {f.address: (f.status.value, f.message.en) for f in result.findings} == {
        "Sg": ("PASS", "Management ports are not open to the internet"),
        "SgSub": ("PASS", "Management ports are not open to the internet"),
        "SgBoth": ("FAIL", "port 22 is open to the whole internet (0.0.0.0/0)"),
        "SgCustom": UNKNOWN_22,
        # its 3389, from the VPC's range by the rule resource, is known closed (was UNKNOWN)
        "SgImport": UNKNOWN_22,
    }
