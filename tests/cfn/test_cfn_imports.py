"""``Fn::ImportValue`` of an output another template of the scan exports by that (known) name
is that output (``normalize/cloudformation/exports.py``); a name no template, or several,
export, or one whose name is not known, stays UNKNOWN with a warning saying why."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.result import AuditResult
from gdcc_audit.settings import Settings

NETWORK = """\
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Env:
    Type: String
    Default: prod
Resources:
  WebGroup:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: web
      SecurityGroupIngress:
        - IpProtocol: tcp
          FromPort: 22
          ToPort: 22
          CidrIp: 0.0.0.0/0
Outputs:
  WebGroupId:
    Value: !GetAtt WebGroup.GroupId
    Export:
      Name: !Sub "${Env}-WebGroup"
  AdminCidr:
    Value: 0.0.0.0/0
    Export:
      Name: admin-cidr
"""

APP = """\
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  NetworkEnv:
    Type: String
    Default: prod
Resources:
  AdminGroup:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: admin
      SecurityGroupIngress:
        - IpProtocol: tcp
          FromPort: 3389
          ToPort: 3389
          CidrIp: !ImportValue admin-cidr
  Server:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-123
      SecurityGroupIds:
        - !ImportValue
          Fn::Sub: "${NetworkEnv}-WebGroup"
"""


def _verdicts(result: AuditResult, rule: str) -> dict[str, tuple[str, str]]:
    return {
        str(f.address): (f.status.value, f.message.en) for f in result.findings
        if f.rule_id == rule
    }


def _write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (root / name).write_text(text, encoding="utf-8")


def test_an_import_of_a_scanned_export_is_its_value(tmp_path: Path) -> None:
    # Was UNKNOWN ("cannot tell whether port 3389 is open to the internet").
    _write(tmp_path, {"network.yaml": NETWORK, "app.yaml": APP})
    result = audit([tmp_path], Settings(rule_ids=("GDCC-NET-001", "GDCC-GRAPH-002")))
    assert _verdicts(result, "GDCC-NET-001")["AdminGroup"] == (
        "FAIL", "port 3389 is open to the whole internet (0.0.0.0/0)"
    )
    # the imported group is the network template's: the server is linked to it (was UNKNOWN
    # "... if what is not known allows it")
    assert _verdicts(result, "GDCC-GRAPH-002")["Server"] == (
        "FAIL", "management port 22 reachable from the internet: internet → Server:22"
    )
    assert {i.path: i for i in result.inputs}[str(tmp_path / "app.yaml")].warnings == ()


def test_a_name_two_templates_export_is_unknown(tmp_path: Path) -> None:
    _write(tmp_path, {"network.yaml": NETWORK, "network2.yaml": NETWORK, "app.yaml": APP})
    result = audit([tmp_path], Settings(rule_ids=("GDCC-NET-001",)))
    assert _verdicts(result, "GDCC-NET-001")["AdminGroup"][0] == "UNKNOWN"
    (warning,) = {i.path: i for i in result.inputs}[str(tmp_path / "app.yaml")].warnings
    assert warning.startswith(
        "Fn::ImportValue not resolved (values unknown): 'admin-cidr': exported by "
    )
    assert "network2.yaml (AdminCidr)" in warning


def test_an_export_whose_name_is_not_known_is_not_matched(tmp_path: Path) -> None:
    network = NETWORK.replace("Name: admin-cidr", 'Name: !Sub "${AWS::StackName}-cidr"')
    # the import's name may be that export's (a stack named 'admin'): not certain, not read
    _write(tmp_path, {"network.yaml": network, "app.yaml": APP})
    result = audit([tmp_path], Settings(rule_ids=("GDCC-NET-001",)))
    assert _verdicts(result, "GDCC-NET-001")["AdminGroup"][0] == "UNKNOWN"
    (warning,) = {i.path: i for i in result.inputs}[str(tmp_path / "app.yaml")].warnings
    assert warning == (
        "Fn::ImportValue not resolved (values unknown): 'admin-cidr': no template of the "
        "scan exports it by a name known before deployment; it may be "
        f"{tmp_path / 'network.yaml'} (AdminCidr, named '${{AWS::StackName}}-cidr')"
    )


def test_an_import_in_a_branch_not_taken_is_not_warned_about(tmp_path: Path) -> None:
    # Was warned: "'-HostedZoneId': no template of the scan exports it" for an import the
    # template uses only when its zone parameter is set (widdix/aws-cf-templates): in an
    # Fn::If branch, and in a resource whose Condition is false.
    app = """\
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  ParentZoneStack:
    Type: String
    Default: ""
Conditions:
  HasZone: !Not [!Equals [!Ref ParentZoneStack, ""]]
Resources:
  Topic:
    Type: AWS::SNS::Topic
    Properties:
      TopicName: !If
        - HasZone
        - !ImportValue {"Fn::Sub": "${ParentZoneStack}-HostedZoneId"}
        - !Ref AWS::NoValue
  Record:
    Condition: HasZone
    Type: AWS::Route53::RecordSet
    Properties:
      HostedZoneId: {"Fn::ImportValue": !Sub "${ParentZoneStack}-HostedZoneId"}
      Name: www.example.com
      Type: A
"""
    _write(tmp_path, {"app.yaml": app})
    result = audit([tmp_path], Settings(rule_ids=("GDCC-NET-001",)))
    assert {i.path: i for i in result.inputs}[str(tmp_path / "app.yaml")].warnings == ()
