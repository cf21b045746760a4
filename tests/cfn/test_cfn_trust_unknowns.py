"""CloudFormation trust policies: a ``Service`` principal is an AWS service whatever its name
(a parameter without a default: IAM accepts only a service's name there), and a condition
that cannot be known does not make a grant to a named principal public (it can only narrow a
grant). Both were UNKNOWN for GDCC-IAM-008; a grant to ``*`` or to a principal from a
parameter stays UNKNOWN."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

TEMPLATE = """\
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  ServiceName: {Type: String}
  ClusterArn: {Type: String}
  Who: {Type: String}
Resources:
  ServiceFromParameter:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - Effect: Allow
            Action: sts:AssumeRole
            Principal: {Service: !Ref ServiceName}
  ServiceWithUnknownCondition:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - Effect: Allow
            Action: sts:AssumeRole
            Principal: {Service: eks-fargate-pods.amazonaws.com}
            Condition:
              ArnLike: {"aws:SourceArn": !Ref ClusterArn}
  AnyoneWithUnknownCondition:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - Effect: Allow
            Action: sts:AssumeRole
            Principal: {AWS: "*"}
            Condition:
              ArnLike: {"aws:PrincipalArn": !Ref ClusterArn}
  PrincipalFromParameter:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - Effect: Allow
            Action: sts:AssumeRole
            Principal: {AWS: !Ref Who}
"""

_MAY = (
    "statement 1 may allow everyone (principal or condition not known) in "
    "AssumeRolePolicyDocument"
)


def test_who_may_assume_a_role_with_values_from_parameters(tmp_path: Path) -> None:
    (tmp_path / "template.yaml").write_text(TEMPLATE, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-IAM-008",)))
    found = {f.address: (f.status, f.evidence) for f in result.findings}
    not_known = (Status.UNKNOWN, {"public_access": None, "granted_by": [_MAY]})
    assert found == {
        "ServiceFromParameter": (Status.PASS, {"public_access": False}),
        "ServiceWithUnknownCondition": (Status.PASS, {"public_access": False}),
        "AnyoneWithUnknownCondition": not_known,
        "PrincipalFromParameter": not_known,
    }
