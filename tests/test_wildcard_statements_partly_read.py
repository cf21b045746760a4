"""A GDCC-IAM-005 FAIL names the statements that grant by wildcard also when the role's
permissions are known only in part: aws-samples/amazon-rds-purpose-built-workshop
``Cloud9DevIAMRole`` holds AmazonS3FullAccess (listed: ``s3:*``) beside a managed policy not
listed, and FAILed "it grants permissions by wildcard" naming nothing (the statements read,
``permissions_read``, were not looked at; GDCC-GRAPH-006 named them already). Terraform and
CloudFormation."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.settings import Settings

_ARN = "arn:aws:iam::aws:policy/"

TEMPLATE = f"""\
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  DevRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - Effect: Allow
            Principal: {{Service: ec2.amazonaws.com}}
            Action: sts:AssumeRole
      ManagedPolicyArns:
        - {_ARN}AmazonS3FullAccess
        - {_ARN}AWSCloud9Administrator
"""

ROOT = f"""\
resource "aws_iam_role" "dev" {{
  name = "dev"
  assume_role_policy = jsonencode({{
    Version = "2012-10-17"
    Statement = [{{
      Effect = "Allow", Action = "sts:AssumeRole", Principal = {{ Service = "ec2.amazonaws.com" }}
    }}]
  }})
  managed_policy_arns = ["{_ARN}AmazonS3FullAccess", "{_ARN}AWSCloud9Administrator"]
}}
"""


def test_a_fail_names_the_statements_read(tmp_path: Path) -> None:
    (tmp_path / "cfn").mkdir()
    (tmp_path / "cfn" / "dev.yaml").write_text(TEMPLATE, encoding="utf-8")
    (tmp_path / "tf").mkdir()
    (tmp_path / "tf" / "main.tf").write_text(ROOT, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-IAM-005",)))
    found = {f.address: (f.status.value, f.message.en) for f in result.findings}
    named = (
        "FAIL",
        'it grants permissions by wildcard: "AWS managed AmazonS3FullAccess": s3:*, '
        "s3-object-lambda:* on *",
    )
    assert found["DevRole"] == named
    assert found["aws_iam_role.dev"] == named
