"""A ``data "aws_iam_policy"`` that looks up an AWS managed policy by ARN
(``arn:${data.aws_partition.current.partition}:iam::aws:policy/service-role/...``, as
terraform-aws-modules/lambda does for ``AWSLambdaENIManagementAccess``) and a role policy set
to its ``policy``: the role holds what that managed policy grants (the AWS Managed Policy
Reference, ``models/aws_managed_policies.py``). GDCC-IAM-005 and GDCC-GRAPH-006 were
UNKNOWN "permissions not known"; a policy not listed there stays UNKNOWN."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

TERRAFORM = """\
data "aws_partition" "current" {}

locals {
  policies = "arn:${data.aws_partition.current.partition}:iam::aws:policy"
}

resource "aws_iam_role" "fn" {
  name = "fn"
  assume_role_policy = jsonencode({
    Statement = [{
      Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "lambda.amazonaws.com" }
    }]
  })
}

data "aws_iam_policy" "eni" {
  arn = "${local.policies}/service-role/AWSLambdaENIManagementAccess"
}

resource "aws_iam_role_policy" "eni" {
  name   = "eni"
  role   = aws_iam_role.fn.name
  policy = data.aws_iam_policy.eni.policy
}

data "aws_iam_policy" "other" {
  arn = "${local.policies}/SomethingNotListed"
}

resource "aws_iam_role_policy" "other" {
  name   = "other"
  role   = aws_iam_role.fn.name
  policy = data.aws_iam_policy.other.policy
}
"""


def test_a_looked_up_managed_policy_is_read(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(TERRAFORM, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-IAM-005",)))
    found = {f.address: f for f in result.findings}
    eni = found["aws_iam_role_policy.eni"]
    assert (eni.status, eni.message.en) == (
        Status.PASS, "Permission policies do not grant actions by wildcard"
    )
    other = found["aws_iam_role_policy.other"]
    assert (other.status, other.message.en) == (
        Status.UNKNOWN, "whether it grants permissions by wildcard is not known from the input"
    )
