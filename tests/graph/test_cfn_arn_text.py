"""CloudFormation policy resources written as text around a reference (``!Sub
"${Bucket.Arn}/*"``, ``arn:${AWS::Partition}:s3:::${Bucket}/*``, ``Fn::Join``) resolved to "not
known": the statement's resources were not known, so GDCC-GRAPH-014 ("workloads cannot alter
the logs that record them") was UNKNOWN for a role deleting its flow log bucket's objects that
way. They now name the resource, as ``!GetAtt Bucket.Arn`` does
(``normalize/cloudformation/arn_text.py``); text naming something else around a reference (a
bucket whose name adds a suffix, a function's log group) stays not known. GDCC-GRAPH-006
reads them as it read the references (it follows the statement's references too)."""

from __future__ import annotations

from pathlib import Path

import pytest

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Finding
from gdcc_audit.settings import Settings
from iac_helpers import run

_ROLE = """\
  {name}:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - {{Effect: Allow, Principal: {{Service: lambda.amazonaws.com}}, Action: sts:AssumeRole}}
      Policies:
        - PolicyName: read
          PolicyDocument:
            Statement:
              - Effect: Allow
                Action: [s3:GetObject, dynamodb:GetItem, lambda:InvokeFunction]
                Resource: {resource}
      Tags: [{{Key: gdcc:system, Value: app}}]
"""

TEMPLATE = (
    "Resources:\n"
    + _ROLE.format(name="BySub", resource='!Sub "${Payroll.Arn}/*"')
    + _ROLE.format(name="ByName", resource='!Sub "arn:${AWS::Partition}:s3:::${Payroll}/*"')
    + _ROLE.format(
        name="ByJoin",
        resource=(
            '!Join ["", ["arn:aws:dynamodb:", !Ref "AWS::Region", ":", !Ref "AWS::AccountId",'
            ' ":table/", !Ref Ledger]]'
        ),
    )
    + _ROLE.format(name="Suffixed", resource='!Sub "arn:aws:s3:::${Payroll}-logs/*"')
    + _ROLE.format(
        name="LogGroup",
        resource='!Sub "arn:aws:logs:*:*:log-group:/aws/lambda/${Worker}:*"',
    )
    + """\
  Payroll:
    Type: AWS::S3::Bucket
    Properties:
      Tags: [{Key: gdcc:system, Value: payroll}]
  Ledger:
    Type: AWS::DynamoDB::Table
    Properties:
      KeySchema: [{AttributeName: id, KeyType: HASH}]
      AttributeDefinitions: [{AttributeName: id, AttributeType: S}]
      Tags: [{Key: gdcc:system, Value: payroll}]
  Worker:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: python3.12
      Handler: index.handler
      Role: arn:aws:iam::123456789012:role/x
      Code: {ZipFile: "def handler(e, c): pass"}
      Tags: [{Key: gdcc:system, Value: payroll}]
"""
)


@pytest.fixture(scope="module")
def found(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Finding]:
    root = tmp_path_factory.mktemp("cfn")
    (root / "stack.yaml").write_text(TEMPLATE, encoding="utf-8")
    result = audit([root], Settings(rule_ids=["GDCC-GRAPH-006"]))
    return {str(f.address): f for f in result.findings}


@pytest.mark.parametrize(
    ("role", "named"),
    [
        ("BySub", ("ref:Payroll",)),
        ("ByName", ("ref:Payroll",)),
        ("ByJoin", ("ref:Ledger",)),
        ("Suffixed", ("<unknown>",)),
        ("LogGroup", ("<unknown>",)),
    ],
)
def test_statement_resources(tmp_path: Path, role: str, named: tuple[str, ...]) -> None:
    (tmp_path / "stack.yaml").write_text(TEMPLATE, encoding="utf-8")
    resources, _, _ = run(tmp_path)
    [statement] = resources[role].facets.permissions or ()
    assert statement.resources == named  # were None: not known


@pytest.mark.parametrize(
    ("role", "reached"), [("BySub", "Payroll"), ("ByName", "Payroll"), ("ByJoin", "Ledger")]
)
def test_roles_reach_what_the_text_names(
    found: dict[str, Finding], role: str, reached: str
) -> None:
    finding = found[role]
    assert (finding.status.value, finding.message.en) == (
        "FAIL",
        "reaches resources of other systems: payroll",
    )
    assert finding.evidence["reaches_data"] == [reached]


LOGS = """\
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties: {CidrBlock: 10.0.0.0/16}
  Subnet:
    Type: AWS::EC2::Subnet
    Properties: {VpcId: !Ref Vpc, CidrBlock: 10.0.1.0/24}
  LogBucket:
    Type: AWS::S3::Bucket
  FlowLog:
    Type: AWS::EC2::FlowLog
    Properties:
      ResourceId: !Ref Vpc
      ResourceType: VPC
      TrafficType: ALL
      LogDestinationType: s3
      LogDestination: !GetAtt LogBucket.Arn
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - {Effect: Allow, Principal: {Service: ec2.amazonaws.com}, Action: sts:AssumeRole}
      Policies:
        - PolicyName: cleanup
          PolicyDocument:
            Statement:
              - Effect: Allow
                Action: s3:DeleteObject
                Resource: !Sub "${LogBucket.Arn}/*"
  Profile:
    Type: AWS::IAM::InstanceProfile
    Properties: {Roles: [!Ref Role]}
  Web:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-12345678
      SubnetId: !Ref Subnet
      IamInstanceProfile: !Ref Profile
"""


def test_a_workload_deleting_its_flow_logs_by_sub_fails(tmp_path: Path) -> None:
    # Was UNKNOWN: "s3:DeleteObject on resources not known".
    (tmp_path / "stack.yaml").write_text(LOGS, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=["GDCC-GRAPH-014"]))
    assert [(f.address, f.status.value, f.message.en) for f in result.findings] == [
        (
            "Web",
            "FAIL",
            "Web can alter the logs that record it: s3:DeleteObject on LogBucket (written by "
            "FlowLog) through role Role, policy Role, statement #1",
        )
    ]


SAM = """\
Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: index.handler
      InlineCode: "x"
      Policies:
        - Statement:
            - Effect: Allow
              Action: s3:GetObject
              Resource: !Sub "${Data.Arn}/*"
  Data:
    Type: AWS::S3::Bucket
"""


def test_the_role_sam_creates_reads_them_too(tmp_path: Path) -> None:
    (tmp_path / "template.yaml").write_text(SAM, encoding="utf-8")
    resources, _, _ = run(tmp_path)
    first = (resources["FnRole"].facets.permissions or ())[0]
    assert (first.actions, first.resources) == (("s3:GetObject",), ("ref:Data",))
