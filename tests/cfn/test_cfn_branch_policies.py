"""IAM grants an ``Fn::If`` whose condition is not decided chooses (aws-cloudformation-templates
Solutions/ADConnector ``ADConnectorLambdaRole``: ``Policies`` lists ``!If [HasKey, {kms:Decrypt
policy}, !Ref AWS::NoValue]`` on a parameter without a default): the item resolved to a value
not known, so the whole role was GDCC-IAM-005 and GDCC-GRAPH-006 UNKNOWN. The policies are
now read once per way the conditions can be together (``branch_policies``): no wildcard in
any branch PASSes, a wildcard in one branch FAILs (a deployment holds it), a branch that
cannot be read stays UNKNOWN."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

TEMPLATE = """\
Parameters:
  KmsKey: {Type: String}
  PolicyText: {Type: String}
Conditions:
  HasKey: !Not [!Equals [!Ref KmsKey, ""]]
Resources:
  LogGroup:
    Type: AWS::Logs::LogGroup
  Narrow:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - Effect: Allow
            Action: sts:AssumeRole
            Principal: {Service: lambda.amazonaws.com}
      Policies:
        - PolicyName: Logs
          PolicyDocument:
            Statement:
              - Effect: Allow
                Action: [logs:CreateLogStream, logs:PutLogEvents]
                Resource: !GetAtt LogGroup.Arn
        - !If
          - HasKey
          - PolicyName: Key
            PolicyDocument:
              Statement:
                - Effect: Allow
                  Action: kms:Decrypt
                  Resource: !Ref KmsKey
          - !Ref AWS::NoValue
  WideInOneBranch:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - Effect: Allow
            Action: sts:AssumeRole
            Principal: {Service: lambda.amazonaws.com}
      Policies:
        - !If
          - HasKey
          - PolicyName: Everything
            PolicyDocument:
              Statement:
                - Effect: Allow
                  Action: "s3:*"
                  Resource: "*"
          - !Ref AWS::NoValue
  BranchNotKnown:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - Effect: Allow
            Action: sts:AssumeRole
            Principal: {Service: lambda.amazonaws.com}
      Policies:
        - !If
          - HasKey
          - PolicyName: Given
            PolicyDocument: !Ref PolicyText
          - !Ref AWS::NoValue
"""


def _found(tmp_path: Path, rule: str) -> dict[str, tuple[Status, str]]:
    (tmp_path / "stack.yaml").write_text(TEMPLATE, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=(rule,), cache=False))
    return {f.address: (f.status, f.message.en) for f in result.findings}


def test_wildcards_are_read_in_each_branch(tmp_path: Path) -> None:
    assert _found(tmp_path, "GDCC-IAM-005") == {
        "Narrow": (Status.PASS, "Permission policies do not grant actions by wildcard"),
        "WideInOneBranch": (Status.FAIL, "it grants permissions by wildcard: s3:* on *"),
        "BranchNotKnown": (
            Status.UNKNOWN,
            "whether it grants permissions by wildcard is not known from the input",
        ),
    }


def test_reach_is_read_over_every_branch(tmp_path: Path) -> None:
    found = _found(tmp_path, "GDCC-GRAPH-006")
    assert found["Narrow"] == (
        Status.PASS,
        "A workload identity's permissions stay within its own system",
    )
    assert found["WideInOneBranch"] == (
        Status.FAIL,
        "a wildcard permission may act on every resource of service s3, none of them in the "
        "scan: s3:* on *",
    )
    assert found["BranchNotKnown"][0] is Status.UNKNOWN
