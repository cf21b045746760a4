"""AWS managed policies met in a sample of aws-samples/serverless-patterns were not listed
(``models/aws_managed_policies.py``), so the roles holding them were GDCC-IAM-005 /
GDCC-GRAPH-006 UNKNOWN: a SAM function's ``Policies: [TranslateReadOnly]`` (a bare name SAM
makes an AWS managed policy ARN), ``service-role/AWSLambdaBasicDurableExecutionRolePolicy``
(durable functions) and ``AmazonKinesisFirehoseFullAccess``. Listed from the AWS Managed Policy
Reference (default versions): the first two grant no wildcard (PASS); the third grants
``firehose:*`` (FAIL)."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.settings import Settings

TEMPLATE = """\
AWSTemplateFormatVersion: "2010-09-09"
Transform: AWS::Serverless-2016-10-31
Resources:
  ApiFunction:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      InlineCode: "def handler(event, context): return {}"
      Policies:
        - TranslateReadOnly
  OrchestratorFunction:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      InlineCode: "def handler(event, context): return {}"
      Policies:
        - arn:aws:iam::aws:policy/service-role/AWSLambdaBasicDurableExecutionRolePolicy
  SubscriptionRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - Effect: Allow
            Action: sts:AssumeRole
            Principal: {Service: sns.amazonaws.com}
      ManagedPolicyArns:
        - arn:aws:iam::aws:policy/AmazonKinesisFirehoseFullAccess
"""


def test_listed_from_the_reference(tmp_path: Path) -> None:
    (tmp_path / "template.yaml").write_text(TEMPLATE, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-IAM-005",)))
    found = {f.address: (f.status.value, f.message.en) for f in result.findings}
    passes = ("PASS", "Permission policies do not grant actions by wildcard")
    assert found["ApiFunctionRole"] == passes
    assert found["OrchestratorFunctionRole"] == passes
    assert found["SubscriptionRole"] == (
        "FAIL",
        'it grants permissions by wildcard: "AWS managed AmazonKinesisFirehoseFullAccess": '
        "firehose:* on *",
    )


MORE = """\
AWSTemplateFormatVersion: "2010-09-09"
Transform: AWS::Serverless-2016-10-31
Resources:
  ZoneFunction:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      InlineCode: "def handler(event, context): return {}"
      Policies:
        - AmazonSSMReadOnlyAccess
        - AmazonRoute53ReadOnlyAccess
  RulesRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - Effect: Allow
            Action: sts:AssumeRole
            Principal: {Service: iot.amazonaws.com}
      ManagedPolicyArns:
        - arn:aws:iam::aws:policy/service-role/AWSIoTRuleActions
"""


def test_more_listed_from_the_reference(tmp_path: Path) -> None:
    """serverless-patterns apigw-edge-custom-domain and lambda-iot-sam (stop 50): the roles
    were UNKNOWN "holds permissions not read (managed policy AmazonRoute53ReadOnlyAccess)". The
    policies write action wildcards (``ssm:Get*``, ``sqs:SendMessage*``) on ``*``: FAIL, as
    for the other listed read-only policies."""
    (tmp_path / "template.yaml").write_text(MORE, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-IAM-005",)))
    found = {f.address: (f.status.value, f.message.en) for f in result.findings}
    assert found == {
        "ZoneFunctionRole": (
            "FAIL",
            'it grants permissions by wildcard: "AWS managed AmazonSSMReadOnlyAccess": '
            'ssm:Describe*, ssm:Get*, ssm:List* on *; "AWS managed AmazonRoute53ReadOnlyAccess": '
            "route53:Get*, route53:List* on *",
        ),
        "RulesRole": (
            "FAIL",
            'it grants permissions by wildcard: "AWS managed AWSIoTRuleActions": '
            "sqs:SendMessage* on *",
        ),
    }
