"""Resource policies read as AWS evaluates them, on the cases checkov's ECR/S3 fixtures show:
an ARN condition with a wildcard account (``ArnEquals`` matches wildcards as ``ArnLike``
does) narrows nothing; a condition whose value is an undefined local still names one
organisation; a policy with no principal or an empty policy grants no one;
``ForAllValues:`` on a single-valued key is true for an anonymous caller."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings


def _repo(name: str, statement: str) -> str:
    return f"""
resource "aws_ecr_repository" "{name}" {{
  name = "{name}"
}}

resource "aws_ecr_repository_policy" "{name}" {{
  repository = aws_ecr_repository.{name}.name
  policy = jsonencode({{
    Statement = [{{
      Effect = "Allow"
      Action = ["ecr:BatchGetImage"]
      {statement}
    }}]
  }})
}}
"""


MAIN = "".join(
    [
        _repo(
            "any_iam_arn",
            'Principal = "*"\n      Condition = { ArnEquals = '
            '{ "aws:PrincipalArn" = "arn:aws:iam::*" } }',
        ),
        _repo(
            "one_user",
            'Principal = "*"\n      Condition = { ArnEquals = { "aws:PrincipalArn" = '
            '"arn:aws:iam::111122223333:user/pull" } }',
        ),
        _repo(
            "org_from_local",
            'Principal = "*"\n      Condition = { "ForAnyValue:StringEquals" = '
            '{ "aws:PrincipalOrgID" = local.org_ids } }',
        ),
        _repo(
            "all_values_org",
            'Principal = "*"\n      Condition = { "ForAllValues:StringEquals" = '
            '{ "aws:PrincipalOrgID" = "o-12345678" } }',
        ),
        _repo("no_principal", 'Sid = "nobody"'),
    ]
) + """
resource "aws_ecr_repository" "empty" {
  name = "empty"
}

resource "aws_ecr_repository_policy" "empty" {
  repository = aws_ecr_repository.empty.name
  policy     = ""
}
"""


def test_ecr_policies_judged_as_aws_evaluates_them(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(MAIN)
    result = audit([tmp_path], Settings(rule_ids=("GDCC-DATA-001",)))
    assert {f.address: f.status for f in result.findings} == {
        "aws_ecr_repository.any_iam_arn": Status.FAIL,
        "aws_ecr_repository.one_user": Status.PASS,
        "aws_ecr_repository.org_from_local": Status.PASS,
        "aws_ecr_repository.all_values_org": Status.FAIL,
        "aws_ecr_repository.no_principal": Status.PASS,
        "aws_ecr_repository.empty": Status.PASS,
    }
    failed = {f.address: f for f in result.findings if f.status == Status.FAIL}
    assert failed["aws_ecr_repository.any_iam_arn"].evidence.get("public_access") is True
