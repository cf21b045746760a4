"""A subnet associated with its VPC's default network ACL (``AWS::EC2::SubnetNetworkAclAssociation``
with ``NetworkAclId: !GetAtt Vpc.DefaultNetworkAcl``). The ACL is not a resource of the
template, so the association's entries were not known: GDCC-NET-001 UNKNOWN "the entries of
the network ACL are not known", and every path into the subnet rested on it (GDCC-GRAPH-002
UNKNOWN "if what is not known allows it" on an instance with SSH open to the internet,
startup-kit-templates' vpc.cfn.yml and bastion). The default ACL AWS creates allows all
inbound and outbound IPv4 traffic (rule 100): that is a fact, with the entries the template
adds to that ACL."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

TEMPLATE = """\
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: 10.0.0.0/16
  Gateway:
    Type: AWS::EC2::InternetGateway
  Attachment:
    Type: AWS::EC2::VPCGatewayAttachment
    Properties:
      VpcId: !Ref Vpc
      InternetGatewayId: !Ref Gateway
  Routes:
    Type: AWS::EC2::RouteTable
    Properties:
      VpcId: !Ref Vpc
  DefaultRoute:
    Type: AWS::EC2::Route
    Properties:
      RouteTableId: !Ref Routes
      DestinationCidrBlock: 0.0.0.0/0
      GatewayId: !Ref Gateway
  Public:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref Vpc
      CidrBlock: 10.0.1.0/24
      MapPublicIpOnLaunch: true
  PublicRoutes:
    Type: AWS::EC2::SubnetRouteTableAssociation
    Properties:
      SubnetId: !Ref Public
      RouteTableId: !Ref Routes
  PublicAcl:
    Type: AWS::EC2::SubnetNetworkAclAssociation
    Properties:
      SubnetId: !Ref Public
      NetworkAclId: !GetAtt Vpc.DefaultNetworkAcl
  SshGroup:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: ssh
      VpcId: !Ref Vpc
      SecurityGroupIngress:
        - {IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 0.0.0.0/0}
  Bastion:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-12345678
      SubnetId: !Ref Public
      SecurityGroupIds: [!Ref SshGroup]
"""
ENTRY = """\
  DenySsh:
    Type: AWS::EC2::NetworkAclEntry
    Properties:
      NetworkAclId: !GetAtt Vpc.DefaultNetworkAcl
      RuleNumber: 90
      Protocol: 6
      RuleAction: deny
      CidrBlock: 0.0.0.0/0
      PortRange: {From: 22, To: 22}
"""
RULES = ("GDCC-NET-001", "GDCC-GRAPH-002")


def _found(tmp_path: Path, extra: str = "") -> dict[tuple[str, str], tuple[Status, str]]:
    (tmp_path / "vpc.yaml").write_text(TEMPLATE + extra, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=RULES))
    return {(f.rule_id, f.address): (f.status, f.message.en) for f in result.findings}


def test_the_default_acl_allows_everything(tmp_path: Path) -> None:
    found = _found(tmp_path)
    assert found[("GDCC-NET-001", "PublicAcl")] == (
        Status.FAIL,
        "the network ACL lets the whole internet (0.0.0.0/0) reach ports 22, 23, 1433, 1521, "
        "3306, 3389, 5432, 5985, 5986, 6379, 9200, 27017; opened by Vpc.DefaultNetworkAcl "
        "(its entry 100, provider default)",
    )
    assert found[("GDCC-GRAPH-002", "Bastion")] == (
        Status.FAIL, "management port 22 reachable from the internet: internet → Bastion:22"
    )


def test_an_entry_of_the_template_on_the_default_acl_joins_its_entries(
    tmp_path: Path,
) -> None:
    # entry 90 denies SSH before entry 100 allows all: port 22 closed, the others open
    found = _found(tmp_path, ENTRY)
    assert found[("GDCC-NET-001", "PublicAcl")] == (
        Status.FAIL,
        "the network ACL lets the whole internet (0.0.0.0/0) reach ports 23, 1433, 1521, "
        "3306, 3389, 5432, 5985, 5986, 6379, 9200, 27017; opened by Vpc.DefaultNetworkAcl "
        "(its entry 100, provider default)",
    )
    assert found[("GDCC-GRAPH-002", "Bastion")][0] is Status.PASS
