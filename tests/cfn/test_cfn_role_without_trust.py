"""A CloudFormation role with no ``AssumeRolePolicyDocument`` (which CloudFormation requires)
is what a macro or a build step writes before deployment, not the role deployed: the
``Transform: ExecutionRoleBuilder`` example of awslabs/aws-cloudformation-templates writes
``Type: Lambda`` and ``Permissions:`` in its roles. It PASSed GDCC-IAM-008 ("no trust
statement lets anyone in") and GDCC-IAM-005 ("no policy"); both are UNKNOWN with the reason.
A policy written wide stays a FAIL (its statements are not listed: the role deployed may hold
more)."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

TEMPLATE = """\
AWSTemplateFormatVersion: "2010-09-09"
Transform: ExecutionRoleBuilder
Resources:
  BuiltRole:
    Type: AWS::IAM::Role
    Properties:
      Type: Lambda
      Permissions:
        - ReadWrite: "arn:aws:dynamodb:us-west-2:123456789012:table/table1"
  WideRole:
    Type: AWS::IAM::Role
    Properties:
      Policies:
        - PolicyName: all
          PolicyDocument:
            Statement:
              - {Effect: Allow, Action: "*", Resource: "*"}
  TrustedRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - Effect: Allow
            Action: sts:AssumeRole
            Principal: {Service: lambda.amazonaws.com}
"""

_WHY = (
    "AssumeRolePolicyDocument is not written: CloudFormation requires it, so a macro or a "
    "build step writes this role before it is deployed (what it writes is not read)"
)


def test_a_role_without_trust_policy_is_not_known(tmp_path: Path) -> None:
    (tmp_path / "template.yaml").write_text(TEMPLATE, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-IAM-008", "GDCC-IAM-005")))
    found = {(f.address, f.rule_id): (f.status, f.message.en) for f in result.findings}
    assert found == {
        ("BuiltRole", "GDCC-IAM-008"): (
            Status.UNKNOWN,
            f"who may assume this role is not known: {_WHY}",
        ),
        ("BuiltRole", "GDCC-IAM-005"): (
            Status.UNKNOWN,
            f"whether it grants permissions by wildcard is not known from the input: {_WHY}",
        ),
        ("WideRole", "GDCC-IAM-008"): (
            Status.UNKNOWN,
            f"who may assume this role is not known: {_WHY}",
        ),
        ("WideRole", "GDCC-IAM-005"): (Status.FAIL, "it grants permissions by wildcard"),
        ("TrustedRole", "GDCC-IAM-008"): (Status.PASS, "Roles cannot be assumed by anyone"),
        ("TrustedRole", "GDCC-IAM-005"): (
            Status.PASS,
            "Permission policies do not grant actions by wildcard",
        ),
    }
    thai = {(f.address, f.rule_id): f.message.th for f in result.findings}[
        ("BuiltRole", "GDCC-IAM-008")
    ]
    assert "ไม่ได้เขียน AssumeRolePolicyDocument" in thai
