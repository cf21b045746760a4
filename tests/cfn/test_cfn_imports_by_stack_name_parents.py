"""``Fn::ImportValue`` named after a sibling nested stack's name, in a template that several
parents deploy (startup-kit-templates: five root templates each deploy ``bastion.cfn.yml``
beside their own ``vpc.cfn.yml`` stack and pass its name, ``NetworkStackName: !GetAtt
VpcStack.Outputs.Name``). The import was read only for a template with one parent: with
several it was not known, the bastion's security groups too (GDCC-NET-001 UNKNOWN "inbound
rules are not known", GDCC-GRAPH-002 UNKNOWN "if what is not known allows it") and a warning
"Fn::ImportValue not resolved". When every parent gives the same export it is that export;
when they give different ones (or one gives none) it stays not known, as a parameter the
parents pass differently does."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

PARENT = """\
Parameters:
  Existing:
    Type: String
    Default: other
Resources:
  NetworkStack:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: ./network.yaml
  AppStack:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: ./app.yaml
      Parameters:
        NetworkStackName: PASSED
"""
NETWORK = """\
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: 10.0.0.0/16
  AppGroup:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: app
      VpcId: !Ref Vpc
      SecurityGroupIngress:
        - IpProtocol: tcp
          FromPort: 22
          ToPort: 22
          CidrIp: 0.0.0.0/0
Outputs:
  Name:
    Value: !Ref AWS::StackName
  GroupId:
    Value: !Ref AppGroup
    Export:
      Name: !Sub ${AWS::StackName}-AppGroup
"""
APP = """\
Parameters:
  NetworkStackName:
    Type: String
Resources:
  Server:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-12345678
      SecurityGroupIds:
        - Fn::ImportValue: !Sub ${NetworkStackName}-AppGroup
"""
SIBLING = "!GetAtt NetworkStack.Outputs.Name"


def _audit(tmp_path: Path, second: str) -> tuple[dict, tuple]:
    (tmp_path / "first.yaml").write_text(PARENT.replace("PASSED", SIBLING), encoding="utf-8")
    (tmp_path / "second.yaml").write_text(PARENT.replace("PASSED", second), encoding="utf-8")
    (tmp_path / "network.yaml").write_text(NETWORK, encoding="utf-8")
    (tmp_path / "app.yaml").write_text(APP, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-NET-001", "GDCC-GRAPH-002")))
    found = {
        f.rule_id: (f.status, f.message.en) for f in result.findings if f.address == "Server"
    }
    warnings = {i.path: i for i in result.inputs}[str(tmp_path / "app.yaml")].warnings
    return found, tuple(w for w in warnings if "Fn::ImportValue" in w)


def test_parents_passing_the_same_sibling_give_its_export(tmp_path: Path) -> None:
    found, warnings = _audit(tmp_path, SIBLING)
    assert found == {
        "GDCC-NET-001": (Status.NOT_APPLICABLE, "judged on its security groups: AppGroup"),
        "GDCC-GRAPH-002": (
            Status.FAIL, "management port 22 reachable from the internet: internet → Server:22"
        ),
    }
    assert warnings == ()


def test_a_parent_passing_another_name_leaves_it_not_known(tmp_path: Path) -> None:
    # (a guard: the same before) the second parent passes its own input: any stack's name
    found, warnings = _audit(tmp_path, "!Ref Existing")
    assert found["GDCC-NET-001"] == (Status.UNKNOWN, "inbound rules are not known")
    (warning,) = warnings
    assert "Fn::ImportValue not resolved" in warning
