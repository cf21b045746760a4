"""GDCC-GRAPH-006: roles an identity may take on without a reference to them.

A role whose trust policy names a principal lets that principal assume it (the principal needs
no permission of its own in the same account): the operator trusted by a break-glass
administrator role PASSed "reaches 0 resources". ``iam:PassRole`` on ``*`` (with
``ec2:RunInstances``) passes any role of the account; ``iam:PassRole`` on
``arn:aws:iam::*:role/app-*`` the roles whose name matches; ``sts:AssumeRole`` on ``*`` the
roles whose trust policy names an account's principal (not one trusting AWS services only).
All three PASSed: their statements name no resource of the scan.
"""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

CLOUDFORMATION = """\
Resources:
  ServiceAdminRole:
    Type: AWS::IAM::Role
    Properties:
      RoleName: ops-admin
      AssumeRolePolicyDocument:
        Statement:
          - {Effect: Allow, Principal: {Service: ec2.amazonaws.com}, Action: sts:AssumeRole}
      Policies:
        - PolicyName: admin
          PolicyDocument:
            Statement: [{Effect: Allow, Action: "*", Resource: "*"}]
  AppWorkerRole:
    Type: AWS::IAM::Role
    Properties:
      RoleName: app-worker
      AssumeRolePolicyDocument:
        Statement:
          - {Effect: Allow, Principal: {Service: ec2.amazonaws.com}, Action: sts:AssumeRole}
      Policies:
        - PolicyName: read
          PolicyDocument:
            Statement: [{Effect: Allow, Action: s3:GetObject, Resource: "arn:aws:s3:::b/*"}]
  AdminRole:
    Type: AWS::IAM::Role
    Properties:
      RoleName: break-glass
      AssumeRolePolicyDocument:
        Statement:
          - {Effect: Allow, Principal: {AWS: !GetAtt OperatorRole.Arn}, Action: sts:AssumeRole}
      Policies:
        - PolicyName: admin
          PolicyDocument:
            Statement: [{Effect: Allow, Action: "*", Resource: "*"}]
  OperatorRole:
    Type: AWS::IAM::Role
    Properties:
      RoleName: operator
      AssumeRolePolicyDocument:
        Statement:
          - {Effect: Allow, Principal: {Service: lambda.amazonaws.com}, Action: sts:AssumeRole}
      Policies:
        - PolicyName: list
          PolicyDocument:
            Statement: [{Effect: Allow, Action: s3:ListAllMyBuckets, Resource: "*"}]
  DeployerRole:
    Type: AWS::IAM::Role
    Properties:
      RoleName: deployer
      AssumeRolePolicyDocument:
        Statement:
          - {Effect: Allow, Principal: {Service: lambda.amazonaws.com}, Action: sts:AssumeRole}
      Policies:
        - PolicyName: launch
          PolicyDocument:
            Statement:
              - {Effect: Allow, Action: [iam:PassRole, ec2:RunInstances], Resource: "*"}
  PatternRole:
    Type: AWS::IAM::Role
    Properties:
      RoleName: launcher
      AssumeRolePolicyDocument:
        Statement:
          - {Effect: Allow, Principal: {Service: lambda.amazonaws.com}, Action: sts:AssumeRole}
      Policies:
        - PolicyName: launch
          PolicyDocument:
            Statement:
              - {Effect: Allow, Action: iam:PassRole, Resource: "arn:aws:iam::*:role/app-*"}
  AssumerRole:
    Type: AWS::IAM::Role
    Properties:
      RoleName: assumer
      AssumeRolePolicyDocument:
        Statement:
          - {Effect: Allow, Principal: {Service: lambda.amazonaws.com}, Action: sts:AssumeRole}
      Policies:
        - PolicyName: assume
          PolicyDocument:
            Statement: [{Effect: Allow, Action: sts:AssumeRole, Resource: "*"}]
"""

TERRAFORM = """\
resource "aws_iam_role" "admin" {
  name = "break-glass"
  assume_role_policy = jsonencode({ Statement = [{
    Effect = "Allow", Action = "sts:AssumeRole", Principal = { AWS = aws_iam_role.operator.arn }
  }] })
}
resource "aws_iam_role_policy_attachment" "admin" {
  role       = aws_iam_role.admin.name
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
}
resource "aws_iam_role" "operator" {
  name = "operator"
  assume_role_policy = jsonencode({ Statement = [{
    Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "lambda.amazonaws.com" }
  }] })
}
"""

PASSED = "A workload identity's permissions stay within its own system"


def _found(tmp_path: Path, name: str, text: str) -> dict[str, tuple[Status, str, object]]:
    (tmp_path / name).write_text(text, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-006",)))
    return {
        f.address or "": (f.status, f.message.en, f.evidence.get("acts_as"))
        for f in result.findings
    }


def _through(message: str, roles: str) -> str:
    """``message`` naming the roles that hold the grant (stop 52)."""
    return message.replace("permission ", f"permission (held by {roles}, which it may act as) ")


def test_trusted_principals_and_role_patterns(tmp_path: Path) -> None:
    everything = "a wildcard or administrator permission reaches all 7 aws resources"
    assert _found(tmp_path, "stack.yaml", CLOUDFORMATION) == {
        "ServiceAdminRole": (Status.FAIL, everything, None),
        "AdminRole": (Status.FAIL, everything, None),
        "AppWorkerRole": (Status.PASS, PASSED, None),
        # named in AdminRole's trust policy
        # the grant is the role's it may act as: named (stop 52)
        "OperatorRole": (Status.FAIL, _through(everything, "AdminRole"), ["AdminRole"]),
        "DeployerRole": (
            Status.FAIL, _through(everything, "AdminRole, ServiceAdminRole"),
            ["AdminRole", "AppWorkerRole", "AssumerRole", "OperatorRole", "PatternRole",
             "ServiceAdminRole"],
        ),
        # app-* matches app-worker only
        "PatternRole": (Status.PASS, PASSED, ["AppWorkerRole"]),
        # ops-admin trusts EC2 only: no principal may assume it
        "AssumerRole": (Status.FAIL, _through(everything, "AdminRole"), ["AdminRole"]),
    }


def test_terraform_trust_policy_naming_a_role(tmp_path: Path) -> None:
    everything = "a wildcard or administrator permission reaches all 2 aws resources"
    assert _found(tmp_path, "main.tf", TERRAFORM) == {
        "aws_iam_role.admin": (Status.FAIL, everything, None),
        "aws_iam_role.operator": (
            Status.FAIL, _through(everything, "aws_iam_role.admin"), ["aws_iam_role.admin"]
        ),
    }
