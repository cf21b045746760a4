"""``Fn::ImportValue`` of an export named after a sibling nested stack's name.

A parent deploys a network stack and an application stack and passes the network stack's
name (``NetworkStackName: !GetAtt NetworkStack.Outputs.StackName``, the child's output
being ``!Ref AWS::StackName``; or ``!Select [1, !Split ["/", !Ref NetworkStack]]``, the
name in its stack id); the application imports ``!Sub ${NetworkStackName}-AppGroup``, the
network exports ``!Sub ${AWS::StackName}-AppGroup``. The export's name is known only at
deployment, so the import was not known: the instance's security groups were UNKNOWN
("inbound rules are not known") and GDCC-GRAPH-002 UNKNOWN "if what is not known allows
it", with a warning "Fn::ImportValue not resolved". Both names are the same stack's name
and text: the import is that export.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

PARENT = """\
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
  StackName:
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
        - Fn::ImportValue: !Sub ${NetworkStackName}-SUFFIX
"""
NAME_OUTPUT = "!GetAtt NetworkStack.Outputs.StackName"
NAME_IN_ID = '!Select [1, !Split ["/", !Ref NetworkStack]]'


def _audit(tmp_path: Path, passed: str, suffix: str = "AppGroup") -> tuple[dict, tuple]:
    (tmp_path / "parent.yaml").write_text(PARENT.replace("PASSED", passed), encoding="utf-8")
    (tmp_path / "network.yaml").write_text(NETWORK, encoding="utf-8")
    (tmp_path / "app.yaml").write_text(APP.replace("SUFFIX", suffix), encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-NET-001", "GDCC-GRAPH-002")))
    found = {
        (f.rule_id, f.address): (f.status, f.message.en)
        for f in result.findings if f.address == "Server"
    }
    warnings = {i.path: i for i in result.inputs}[str(tmp_path / "app.yaml")].warnings
    return found, tuple(w for w in warnings if "Fn::ImportValue" in w)


@pytest.mark.parametrize("passed", [NAME_OUTPUT, NAME_IN_ID])
def test_the_import_is_the_sibling_stacks_export(tmp_path: Path, passed: str) -> None:
    # it was: NET-001 UNKNOWN "inbound rules are not known", GRAPH-002 UNKNOWN "... if what
    # is not known allows it: ...", and the warning
    found, warnings = _audit(tmp_path, passed)
    assert found == {
        ("GDCC-NET-001", "Server"): (
            Status.NOT_APPLICABLE, "judged on its security groups: AppGroup"
        ),
        ("GDCC-GRAPH-002", "Server"): (
            Status.FAIL, "management port 22 reachable from the internet: internet → Server:22"
        ),
    }
    assert warnings == ()


def test_another_name_is_not_that_export(tmp_path: Path) -> None:
    # (a guard: the same on main) ``-DbGroup``: no stack of the scan exports it
    found, warnings = _audit(tmp_path, NAME_OUTPUT, suffix="DbGroup")
    assert found[("GDCC-NET-001", "Server")] == (
        Status.UNKNOWN, "inbound rules are not known"
    )
    (warning,) = warnings
    assert "Fn::ImportValue not resolved" in warning


def test_a_stack_name_from_the_parents_own_parameter_is_not_known(tmp_path: Path) -> None:
    # (a guard: the same on main) the parent passes its own input: any stack's name
    text = PARENT.replace("PASSED", "!Ref Existing")
    text += "Parameters:\n  Existing:\n    Type: String\n"
    (tmp_path / "parent.yaml").write_text(text, encoding="utf-8")
    (tmp_path / "network.yaml").write_text(NETWORK, encoding="utf-8")
    (tmp_path / "app.yaml").write_text(APP.replace("SUFFIX", "AppGroup"), encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-NET-001",)))
    (found,) = [f for f in result.findings if f.address == "Server"]
    assert (found.status, found.message.en) == (Status.UNKNOWN, "inbound rules are not known")
