"""A nested stack's output that is itself an ``Fn::If`` the child cannot decide (``Value: !If
[IsPublic, !Ref PublicSubnet, !Ref PrivateSubnet]``, ``Public`` passed by no parent and
without a default) names each branch's resource as a candidate in the parent (it was not
known: no reference, "public exposure not known"); both candidates private: PASS (was
UNKNOWN). And a subnet an undecided ``Fn::If`` may choose outside the scan (a parameter
without a value, an output option not known) keeps the placement not known: its private
candidate alone PASSed GDCC-GRAPH-002 (a wrong PASS; the parameter's subnet may be public)."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

PARENT = """\
AWSTemplateFormatVersion: "2010-09-09"
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
Parameters:
  Public:
    Type: StringDEFAULT
  Given:
    Type: String
Conditions:
  IsPublic: !Equals [!Ref Public, "true"]
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
  OtherPrivate:
    Type: AWS::EC2::Subnet
    Properties: {VpcId: !Ref VPC, CidrBlock: 10.0.3.0/24}
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
  PrivateSubnetId:
    Value: !Ref PrivateSubnet
  SubnetId:
    Value: OUTPUT
"""
EITHER = "!If [IsPublic, !Ref PublicSubnet, !Ref PrivateSubnet]"
MAYBE = (
    Status.UNKNOWN,
    "management port 22 reachable from the internet if what is not known allows it: "
    "internet → Admin:22",
    "subnet PublicSubnet assigns public IPs (one of those a value not known chooses); "
    "route table PublicRoutes routes to an internet gateway (one of those a value not "
    "known chooses)",
)
OUTSIDE = (
    Status.UNKNOWN,
    "management port 22 reachable from the internet if what is not known allows it: "
    "internet → Admin:22",
    "public exposure not known; placed in subnets not all in the scan: SubnetId: an Fn::If "
    "not decided may choose a subnet not in the scan",
)
PASS = (Status.PASS, "No management port is reachable from the internet through any path", "")
FAIL = (Status.FAIL, "management port 22 reachable from the internet: internet → Admin:22")


def _admin(tmp_path: Path, output: str, subnet: str = "!GetAtt Net.Outputs.SubnetId",
           default: str = "") -> tuple[Status, str, str]:
    (tmp_path / "parent.yaml").write_text(PARENT.replace("SUBNET", subnet), encoding="utf-8")
    child = CHILD.replace("OUTPUT", output).replace("DEFAULT", default)
    (tmp_path / "net.yaml").write_text(child, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-002",)))
    [finding] = [f for f in result.findings if f.address == "Admin"]
    hops = finding.evidence.get("path_hops") or [{"via": ""}]
    return finding.status, finding.message.en, hops[-1]["via"]


def test_an_output_an_undecided_condition_chooses_names_its_candidates(tmp_path: Path) -> None:
    """Was UNKNOWN "public exposure not known" (no reference at all)."""
    assert _admin(tmp_path, EITHER) == MAYBE


def test_candidates_all_private_pass(tmp_path: Path) -> None:
    """Both options private subnets: no way in (was UNKNOWN)."""
    assert _admin(tmp_path, "!If [IsPublic, !Ref OtherPrivate, !Ref PrivateSubnet]") == PASS


def test_a_decided_output_is_its_branch(tmp_path: Path) -> None:
    assert _admin(tmp_path, EITHER, default='\n    Default: "true"')[:2] == FAIL
    assert _admin(tmp_path, EITHER, default='\n    Default: "false"') == PASS


def test_an_option_outside_the_scan_keeps_the_placement_not_known(tmp_path: Path) -> None:
    """An output option that is a parameter without a value, or a parent's ``Fn::If``
    between a private output and a parameter without a value: the subnet may be any (it
    PASSed through the private candidate alone)."""
    assert _admin(tmp_path, "!If [IsPublic, !Ref PrivateSubnet, !Ref Given]") == OUTSIDE
    parent = "!If [IsPublic, !GetAtt Net.Outputs.PrivateSubnetId, !Ref Given]"
    text = PARENT.replace("Resources:", "Parameters:\n  Given:\n    Type: String\n  Public:\n"
                          "    Type: String\nConditions:\n  IsPublic: !Equals [!Ref Public, "
                          '"true"]\nResources:')
    (tmp_path / "parent.yaml").write_text(text.replace("SUBNET", parent), encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-002",)))
    [finding] = [f for f in result.findings if f.address == "Admin"]
    assert (finding.status, finding.evidence["path_hops"][-1]["via"]) == (Status.UNKNOWN,
                                                                           OUTSIDE[2])


def test_an_option_outside_the_scan_in_one_template(tmp_path: Path) -> None:
    """``SubnetId: !If [IsPublic, !Ref PrivateSubnet, !Ref Given]`` in one template."""
    text = CHILD.replace("DEFAULT", "").split("Outputs:")[0] + """\
  Open:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: ssh
      VpcId: !Ref VPC
      SecurityGroupIngress:
        - {IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 0.0.0.0/0}
  Admin:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-12345678
      InstanceType: t3.micro
      SubnetId: !If [IsPublic, !Ref PrivateSubnet, !Ref Given]
      SecurityGroupIds: [!Ref Open]
"""
    (tmp_path / "one.yaml").write_text(text, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-002",)))
    [finding] = [f for f in result.findings if f.address == "Admin"]
    assert (finding.status, finding.evidence["path_hops"][-1]["via"]) == (Status.UNKNOWN,
                                                                           OUTSIDE[2])
