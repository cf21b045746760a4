"""GDCC-CMP-011: an ``aws_lambda_permission`` whose principal is text around inputs.

``principal = "arn:aws:iam::${var.account}:role/${var.role}"`` (another account's role, the
shape of serverless-patterns' sfn-lambda-function-crossaccount in Terraform) was not known,
so the function was UNKNOWN "whether anyone on the internet can access it". Its written text
is in the value, so it is never ``*``, and IAM refuses a principal ARN with a wildcard part:
no one else gets in (as CloudFormation's ``Fn::Sub`` principal). A principal an input gives
whole may be ``*`` and stays not known.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

MAIN = """\
variable "account" {}
variable "role" {}
variable "principal" {}
data "aws_caller_identity" "current" {}
resource "aws_iam_role" "r" {
  name = "r"
  assume_role_policy = jsonencode({Version = "2012-10-17", Statement = [{
    Effect = "Allow", Action = "sts:AssumeRole", Principal = {Service = "lambda.amazonaws.com"}
  }]})
}
resource "aws_lambda_function" "f" {
  function_name = "f"
  role          = aws_iam_role.r.arn
  handler       = "index.handler"
  runtime       = "python3.12"
  filename      = "f.zip"
}
resource "aws_lambda_permission" "p" {
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.f.function_name
  principal     = PRINCIPAL
}
"""


def _function(tmp_path: Path, principal: str) -> tuple[Status, str]:
    (tmp_path / "main.tf").write_text(MAIN.replace("PRINCIPAL", principal), encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-CMP-011",)))
    (found,) = [f for f in result.findings if f.address == "aws_lambda_function.f"]
    return found.status, found.message.en


@pytest.mark.parametrize("principal", [
    '"arn:aws:iam::${var.account}:role/${var.role}"',
    '"${var.account}.amazonaws.com"',
    # (a guard: the same on main) an account id AWS assigns is never '*'
    '"arn:aws:iam::${data.aws_caller_identity.current.account_id}:root"',
])
def test_text_beside_the_inputs_is_never_everyone(tmp_path: Path, principal: str) -> None:
    # it was: UNKNOWN "whether anyone on the internet can access it is not known"
    assert _function(tmp_path, principal) == (
        Status.PASS, "Functions cannot be invoked by anyone on the internet"
    )


@pytest.mark.parametrize("principal", [
    "var.principal", '"${var.principal}"', '"*${var.role}"',
    # an account's root whose account may be '*' (read as public in a policy): it PASSed
    '"arn:aws:iam::${var.account}:root"',
])
def test_an_input_giving_the_whole_principal_may_be_everyone(
    tmp_path: Path, principal: str
) -> None:
    # (a guard: the same on main)
    assert _function(tmp_path, principal) == (
        Status.UNKNOWN, "whether anyone on the internet can access it is not known from the input"
    )
