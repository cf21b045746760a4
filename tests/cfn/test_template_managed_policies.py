"""A role naming a managed policy of the template in ``ManagedPolicyArns`` (or a SAM
function naming one in ``Policies``) holds what that policy grants: GDCC-IAM-005 was UNKNOWN
("wildcard_permissions is not known") on every such role, whatever the policy said."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

TRUST = (
    "{Statement: [{Effect: Allow, Principal: {Service: lambda.amazonaws.com}, "
    "Action: sts:AssumeRole}]}"
)
TEMPLATE = f"""\
Transform: AWS::Serverless-2016-10-31
Resources:
  Wide:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Statement: [{{Effect: Allow, Action: "s3:*", Resource: "*"}}]
  Narrow:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Statement: [{{Effect: Allow, Action: s3:GetObject, Resource: "arn:aws:s3:::b/*"}}]
  Queue:
    Type: AWS::SQS::Queue
  WideRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {TRUST}
      ManagedPolicyArns: [!Ref Wide]
  NarrowRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {TRUST}
      ManagedPolicyArns: [!GetAtt Narrow.PolicyArn, arn:aws:iam::aws:policy/ReadOnlyAccess]
  OddRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {TRUST}
      ManagedPolicyArns: [!Ref Queue]
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.handler
      Runtime: python3.12
      CodeUri: src/
      Policies: [!Ref Narrow]
"""


def test_roles_hold_their_template_managed_policies(tmp_path: Path) -> None:
    (tmp_path / "template.yaml").write_text(TEMPLATE, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-IAM-005",)))
    found = {f.address: f for f in result.findings}
    assert {a: f.status for a, f in found.items()} == {
        "Wide": Status.FAIL,
        "Narrow": Status.PASS,
        "WideRole": Status.FAIL,
        "NarrowRole": Status.FAIL,  # ReadOnlyAccess: *:Get*, *:List* ...
        "OddRole": Status.UNKNOWN,  # names a queue, not a policy
        "FnRole": Status.PASS,
    }
    assert found["WideRole"].evidence["statements"] == ["policy Wide: s3:* on *"]
    assert "Narrow" not in str(found["NarrowRole"].evidence["statements"])
