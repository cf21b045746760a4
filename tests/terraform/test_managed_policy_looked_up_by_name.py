"""terraform-aws-control_tower_account_factory attaches AWS managed policies through
``data "aws_iam_policy" "AWSLambdaBasicExecutionRole" { name = "AWSLambdaBasicExecutionRole" }``
and ``policy_arn = local.lambda_managed_policies[count.index]`` (the data sources' ``arn``):
the ARN was not known, so 13 lambda roles were GDCC-IAM-005 / GDCC-GRAPH-006 UNKNOWN. The data
source fails unless exactly one policy of the account has that name, AWS managed ones
included, and the AWS managed policy always exists: its ``arn`` is that policy's (partition
not known). Listed policies are read: PASS; a ``path_prefix``, a name no listed policy has,
or a name not known stay UNKNOWN."""

from __future__ import annotations

from pathlib import Path

import pytest

from gdcc_audit.api import audit
from gdcc_audit.settings import Settings

MAIN = """\
variable "policy_name" {
  type = string
}

data "aws_iam_policy" "basic" {
  name = "AWSLambdaBasicExecutionRole"
}

data "aws_iam_policy" "vpc" {
  name = "AWSLambdaVPCAccessExecutionRole"
}

locals {
  lambda_managed_policies = [data.aws_iam_policy.basic.arn, data.aws_iam_policy.vpc.arn]
}

resource "aws_iam_role" "fn" {
  name = "fn"
  assume_role_policy = jsonencode({
    Statement = [{
      Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "lambda.amazonaws.com" }
    }]
  })
}

resource "aws_iam_role_policy_attachment" "fn" {
  count      = length(local.lambda_managed_policies)
  role       = aws_iam_role.fn.name
  policy_arn = local.lambda_managed_policies[count.index]
}
"""


def _iam005(tmp_path: Path, text: str) -> tuple[str, str]:
    (tmp_path / "main.tf").write_text(text, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-IAM-005",)))
    [found] = [f for f in result.findings if f.address == "aws_iam_role.fn"]
    return found.status.value, found.message.en


def test_listed_policies_looked_up_by_name_are_read(tmp_path: Path) -> None:
    assert _iam005(tmp_path, MAIN) == (
        "PASS", "Permission policies do not grant actions by wildcard"
    )


@pytest.mark.parametrize(
    "changed",
    [
        MAIN.replace(
            '  name = "AWSLambdaVPCAccessExecutionRole"\n',
            '  name        = "AWSLambdaVPCAccessExecutionRole"\n  path_prefix = "/team/"\n',
        ),
        MAIN.replace('"AWSLambdaVPCAccessExecutionRole"', '"team-lambda-policy"'),
        MAIN.replace('"AWSLambdaVPCAccessExecutionRole"', "var.policy_name"),
    ],
    ids=["path_prefix", "not_listed", "name_not_known"],
)
def test_what_is_not_one_listed_policy_stays_unknown(tmp_path: Path, changed: str) -> None:
    assert _iam005(tmp_path, changed) == (
        "UNKNOWN", "whether it grants permissions by wildcard is not known from the input"
    )
