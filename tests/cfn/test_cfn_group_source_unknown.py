"""A CloudFormation ingress rule whose ``SourceSecurityGroupId`` is not known (a parameter of
type ``AWS::EC2::SecurityGroup::Id`` without a default, an ``Fn::ImportValue``) admits the
members of a security group, never the internet: it was read as a source not known and
GDCC-NET-001 was UNKNOWN (quickstart-microsoft-activedirectory ``CaSG``, RDP from the
``DomainMembersSG`` parameter). A rule from an open ``CidrIp`` beside it still FAILs."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

TEMPLATE = """\
Parameters:
  MembersSG:
    Type: AWS::EC2::SecurityGroup::Id
  VpcId:
    Type: AWS::EC2::VPC::Id
Resources:
  Ca:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: ca
      VpcId: !Ref VpcId
      SecurityGroupIngress:
        - {IpProtocol: tcp, FromPort: 3389, ToPort: 3389, SourceSecurityGroupId: !Ref MembersSG}
        - IpProtocol: tcp
          FromPort: 22
          ToPort: 22
          SourceSecurityGroupId: !ImportValue shared-admin-sg
  Open:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: open
      VpcId: !Ref VpcId
      SecurityGroupIngress:
        - {IpProtocol: tcp, FromPort: 3389, ToPort: 3389, SourceSecurityGroupId: !Ref MembersSG}
        - {IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 0.0.0.0/0}
  Rule:
    Type: AWS::EC2::SecurityGroupIngress
    Properties:
      GroupId: !Ref Open
      IpProtocol: tcp
      FromPort: 5432
      ToPort: 5432
      SourceSecurityGroupId: !Ref MembersSG
"""


def test_a_group_source_not_known_is_never_the_internet(tmp_path: Path) -> None:
    (tmp_path / "stack.yaml").write_text(TEMPLATE, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-NET-001",)))
    found = {f.address: (f.status, f.message.en if f.message else "") for f in result.findings}
    assert found == {
        "Ca": (Status.PASS, "Management ports are not open to the internet"),
        "Open": (Status.FAIL, "port 22 is open to the whole internet (0.0.0.0/0)"),
    }
