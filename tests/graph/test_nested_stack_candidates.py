"""A subnet a CloudFormation ``Fn::If`` whose condition is not known chooses through a nested
stack's outputs (``SubnetId: !If [IsPublic, !GetAtt Net.Outputs.PublicSubnetId, !GetAtt
Net.Outputs.PrivateSubnetId]``), or beside a parameter without a value: a candidate, as one
the template names with ``!Ref`` (``normalize/cloudformation/candidates.py``). The branch
read through the output named the child's subnet for certain: an instance that may sit in
the private subnet FAILed GDCC-GRAPH-002 for certain."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

PARENT = """\
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Public:
    Type: StringDEFAULT
  SubnetId:
    Type: String
Conditions:
  IsPublic: !Equals [!Ref Public, "true"]
Resources:
  Net:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: ./net.yaml
  Open:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: ssh
      VpcId: !GetAtt Net.Outputs.VpcId
      SecurityGroupIngress:
        - {IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 0.0.0.0/0}
  Admin:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-12345678
      InstanceType: t3.micro
      SubnetId: SUBNET
      SecurityGroupIds: [!Ref Open]
"""
CHILD = """\
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  VPC:
    Type: AWS::EC2::VPC
    Properties: {CidrBlock: 10.0.0.0/16}
  Gateway:
    Type: AWS::EC2::InternetGateway
  Attach:
    Type: AWS::EC2::VPCGatewayAttachment
    Properties: {VpcId: !Ref VPC, InternetGatewayId: !Ref Gateway}
  PublicSubnet:
    Type: AWS::EC2::Subnet
    Properties: {VpcId: !Ref VPC, CidrBlock: 10.0.1.0/24, MapPublicIpOnLaunch: true}
  PrivateSubnet:
    Type: AWS::EC2::Subnet
    Properties: {VpcId: !Ref VPC, CidrBlock: 10.0.2.0/24}
  PublicRoutes:
    Type: AWS::EC2::RouteTable
    Properties: {VpcId: !Ref VPC}
  PublicDefault:
    Type: AWS::EC2::Route
    Properties:
      RouteTableId: !Ref PublicRoutes
      DestinationCidrBlock: 0.0.0.0/0
      GatewayId: !Ref Gateway
  PublicAssoc:
    Type: AWS::EC2::SubnetRouteTableAssociation
    Properties: {SubnetId: !Ref PublicSubnet, RouteTableId: !Ref PublicRoutes}
Outputs:
  VpcId:
    Value: !Ref VPC
  PublicSubnetId:
    Value: !Ref PublicSubnet
  PrivateSubnetId:
    Value: !Ref PrivateSubnet
"""
CHOSEN = "!If [IsPublic, !GetAtt Net.Outputs.PublicSubnetId, !GetAtt Net.Outputs.PrivateSubnetId]"
MAYBE = (
    Status.UNKNOWN,
    "management port 22 reachable from the internet if what is not known allows it: "
    "internet → Admin:22",
    "subnet PublicSubnet assigns public IPs (one of those a value not known chooses); "
    "route table PublicRoutes routes to an internet gateway (one of those a value not "
    "known chooses)",
)
SURE = (Status.FAIL, "management port 22 reachable from the internet: internet → Admin:22")


def _admin(tmp_path: Path, subnet: str, default: str = "") -> tuple[Status, str, str]:
    parent = PARENT.replace("SUBNET", subnet).replace("DEFAULT", default)
    (tmp_path / "parent.yaml").write_text(parent, encoding="utf-8")
    (tmp_path / "net.yaml").write_text(CHILD, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-002",)))
    [finding] = [f for f in result.findings if f.address == "Admin"]
    hops = finding.evidence.get("path_hops") or [{"via": ""}]
    return finding.status, finding.message.en, hops[-1]["via"]


def test_outputs_an_undecided_condition_chooses_are_candidates(tmp_path: Path) -> None:
    assert _admin(tmp_path, CHOSEN) == MAYBE


def test_an_output_beside_a_parameter_without_a_value_is_a_candidate(tmp_path: Path) -> None:
    """comp7's case (eijikominami mgn.yaml): ``!If [C, !GetAtt Az1.Outputs.X, !Ref
    SubnetIdAz1]``, the parameter given no value: its subnet may be any, so the placement is
    not known either (stop 41: test_nested_output_candidates.py)."""
    assert _admin(tmp_path, "!If [IsPublic, !GetAtt Net.Outputs.PublicSubnetId, !Ref SubnetId]"
                  ) == (*MAYBE[:2], "subnet PublicSubnet assigns public IPs (one of those a "
                        "value not known chooses); placed in subnets not all in the scan: "
                        "SubnetId: an Fn::If not decided may choose a subnet not in the scan")


def test_a_decided_condition_names_its_output_for_certain(tmp_path: Path) -> None:
    status, message, _ = _admin(tmp_path, CHOSEN, '\n    Default: "true"')
    assert (status, message) == SURE
    status, _, _ = _admin(tmp_path, CHOSEN, '\n    Default: "false"')
    assert status is Status.PASS
    # an output named outside any Fn::If stays certain
    status, message, _ = _admin(tmp_path, "!GetAtt Net.Outputs.PublicSubnetId")
    assert (status, message) == SURE
