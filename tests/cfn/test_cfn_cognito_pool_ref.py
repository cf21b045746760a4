"""aws-samples/amazon-transcribe-live-meeting-assistant (lma-cognito-stack, lma-ai-stack):
(1) a Cognito trust whose ``cognito-identity.amazonaws.com:aud`` is ``!Ref IdentityPool``, a
pool of the template, was GDCC-IAM-008 UNKNOWN "aud not known": the Ref is that one pool's
id, never a pattern: PASS; a pool id from a parameter without a default stays UNKNOWN.
(2) An AppSync logging role holding AWSAppSyncPushToCloudWatchLogs (v1: logs:CreateLogGroup,
CreateLogStream, PutLogEvents on ``*``; AWS Managed Policy Reference) was GDCC-IAM-005 UNKNOWN
(the policy was not listed): PASS."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

TEMPLATE = """\
Parameters:
  PoolId: {Type: String}
Resources:
  IdentityPool:
    Type: AWS::Cognito::IdentityPool
    Properties:
      AllowUnauthenticatedIdentities: false
  PoolOfTheStack:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - Effect: Allow
            Principal: {Federated: cognito-identity.amazonaws.com}
            Action: sts:AssumeRoleWithWebIdentity
            Condition:
              StringEquals: {"cognito-identity.amazonaws.com:aud": !Ref IdentityPool}
              "ForAnyValue:StringLike": {"cognito-identity.amazonaws.com:amr": authenticated}
  PoolFromParameter:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - Effect: Allow
            Principal: {Federated: cognito-identity.amazonaws.com}
            Action: sts:AssumeRoleWithWebIdentity
            Condition:
              StringEquals: {"cognito-identity.amazonaws.com:aud": !Ref PoolId}
  AppSyncLogs:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - Effect: Allow
            Principal: {Service: appsync.amazonaws.com}
            Action: sts:AssumeRole
      ManagedPolicyArns:
        - arn:aws:iam::aws:policy/service-role/AWSAppSyncPushToCloudWatchLogs
"""


def _found(tmp_path: Path, rule: str) -> dict[str, tuple[Status, str]]:
    (tmp_path / "stack.yaml").write_text(TEMPLATE, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=(rule,), cache=False))
    return {f.address: (f.status, f.message.en) for f in result.findings}


def test_a_pool_of_the_template_names_one_pool(tmp_path: Path) -> None:
    found = _found(tmp_path, "GDCC-IAM-008")
    assert found["PoolOfTheStack"] == (Status.PASS, "Roles cannot be assumed by anyone")
    assert found["PoolFromParameter"] == (
        Status.UNKNOWN,
        "who may assume this role is not known (granted by statement 1 lets an identity of "
        "any Amazon Cognito identity pool assume the role (cognito-identity.amazonaws.com:aud "
        "not known) in AssumeRolePolicyDocument)",
    )


def test_the_appsync_logging_policy_is_listed(tmp_path: Path) -> None:
    assert _found(tmp_path, "GDCC-IAM-005")["AppSyncLogs"] == (
        Status.PASS,
        "Permission policies do not grant actions by wildcard",
    )
