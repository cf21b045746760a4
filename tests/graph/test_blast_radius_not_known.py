"""GDCC-GRAPH-006 ("a workload identity's permissions stay within its own system") does not
PASS an identity whose permissions the input does not give: a role naming a managed policy
ARN from a parameter or variable, or given a policy whose text is not known, may hold ``*``.
It was PASS "reaches 0 resources" (terraform-aws-eks cluster roles with
``iam_role_additional_policies``, cloudposse's S3 replication role); it is UNKNOWN naming the
identity or policy not known. A role whose policies are all read still PASSes."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

TEMPLATE = """\
Parameters:
  PolicyArn: {Type: String}
Resources:
  Known:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - {Effect: Allow, Principal: {Service: ec2.amazonaws.com}, Action: sts:AssumeRole}
      Policies:
        - PolicyName: read
          PolicyDocument:
            Statement: [{Effect: Allow, Action: s3:GetObject, Resource: arn:aws:s3:::b/*}]
  FromParameter:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - {Effect: Allow, Principal: {Service: ec2.amazonaws.com}, Action: sts:AssumeRole}
      ManagedPolicyArns: [!Ref PolicyArn]
"""

TERRAFORM = """\
variable "extra_policy_arn" { type = string }
resource "aws_iam_role" "app" {
  name               = "app"
  assume_role_policy = "{}"
}
resource "aws_iam_role_policy_attachment" "extra" {
  role       = aws_iam_role.app.name
  policy_arn = var.extra_policy_arn
}
"""


def _found(tmp_path: Path) -> dict[str, tuple[Status, str, dict[str, object]]]:
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-006",)))
    return {f.address or "": (f.status, f.message.en, f.evidence) for f in result.findings}


def test_cloudformation_role_with_a_policy_not_known(tmp_path: Path) -> None:
    (tmp_path / "stack.yaml").write_text(TEMPLATE, encoding="utf-8")
    assert _found(tmp_path) == {
        "Known": (
            Status.PASS,
            "A workload identity's permissions stay within its own system",
            {"reaches_resources": 0, "reaches_systems": []},
        ),
        "FromParameter": (
            Status.UNKNOWN,
            "the permissions of FromParameter (managed policy ManagedPolicyArns[0]) are not "
            "known from the input",
            {
                "reaches_resources": 0,
                "reaches_systems": [],
                "permissions_not_known": ["FromParameter (managed policy ManagedPolicyArns[0])"],
            },
        ),
    }


def test_terraform_role_with_an_attachment_not_known(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(TERRAFORM, encoding="utf-8")
    found = _found(tmp_path)
    assert found["aws_iam_role.app"] == (
        Status.UNKNOWN,
        "the permissions of aws_iam_role.app (managed policy "
        "aws_iam_role_policy_attachment.extra.policy_arn) are not known from the input",
        {
            "reaches_resources": 0,
            "reaches_systems": [],
            "permissions_not_known": [
                "aws_iam_role.app (managed policy aws_iam_role_policy_attachment.extra.policy_arn)"
            ],
        },
    )
