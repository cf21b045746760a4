"""A CloudFormation ``AWS::IAM::Policy`` / ``AWS::IAM::ManagedPolicy`` attached to users or
roles of the template (``Users``, ``Roles``) grants them what it grants. A user given ``*`` on
``*`` that way was judged as holding no privilege (GDCC-IAM-002 PASS "Every privileged user
account has MFA") and a role given ``s3:*`` on ``*`` passed GDCC-IAM-005, while Terraform
counts ``aws_iam_user_policy`` and policy attachments for their principal."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

TEMPLATE = """\
Resources:
  Admin:
    Type: AWS::IAM::User
  AdminPolicy:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: all
      PolicyDocument:
        Statement:
          - {Effect: Allow, Action: '*', Resource: '*'}
      Users: [!Ref Admin]
  Ops:
    Type: AWS::IAM::User
  OpsPolicy:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Statement:
          - {Effect: Allow, Action: '*', Resource: '*'}
      Users: [!Ref Ops]
  Reader:
    Type: AWS::IAM::User
  ReaderPolicy:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: read
      PolicyDocument:
        Statement:
          - {Effect: Allow, Action: s3:GetObject, Resource: arn:aws:s3:::b/*}
      Users: [!Ref Reader]
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - {Effect: Allow, Principal: {Service: ec2.amazonaws.com}, Action: sts:AssumeRole}
  RolePolicy:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: r
      PolicyDocument:
        Statement:
          - {Effect: Allow, Action: 's3:*', Resource: '*'}
      Roles: [!Ref Role]
"""


def test_attached_policies_count_for_their_principals(tmp_path: Path) -> None:
    (tmp_path / "stack.yaml").write_text(TEMPLATE, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-IAM-002", "GDCC-IAM-005")))
    found = {(f.rule_id, f.address): (f.status, f.message.en, f.evidence) for f in result.findings}
    unknown_mfa = (
        Status.UNKNOWN,
        "whether MFA is required is not known from the input",
        {"admin_privileges": True, "mfa_required": None},
    )
    assert found[("GDCC-IAM-002", "Admin")] == unknown_mfa
    assert found[("GDCC-IAM-002", "Ops")] == unknown_mfa
    # a policy without administrator rights leaves its user without them (the PASS rests
    # on that alternative alone: MFA, not known, is not its evidence)
    assert found[("GDCC-IAM-002", "Reader")] == (
        Status.PASS,
        "it has no administrator privileges",
        {"admin_privileges": False},
    )
    assert found[("GDCC-IAM-005", "Role")] == (
        Status.FAIL,
        "it grants permissions by wildcard: policy RolePolicy: s3:* on *",
        {"wildcard_permissions": True, "statements": ["policy RolePolicy: s3:* on *"]},
    )
    # the policy itself is still judged
    assert found[("GDCC-IAM-005", "RolePolicy")][0] == Status.FAIL
