"""GDCC-IAM-005 / GDCC-GRAPH-006: an ``aws_iam_role`` whose ``managed_policy_arns`` names an
``aws_iam_policy`` of the scan by reference (``aws_iam_policy.own.arn``, known only after
apply: serverless-patterns' apigw-lambda-qldb-terraform) was UNKNOWN "managed policy
managed_policy_arns[1]". The role holds what the policy grants, as an
``aws_iam_role_policy_attachment`` of it gives; an item that may be anything else (an input)
leaves it not known."""

from __future__ import annotations

from pathlib import Path

import pytest

from gdcc_audit.api import audit
from gdcc_audit.settings import Settings

MAIN = """\
variable "extra" {}
data "aws_iam_policy" "basic" {
  name = "AWSLambdaBasicExecutionRole"
}
resource "aws_iam_policy" "own" {
  name   = "own"
  policy = jsonencode({Version = "2012-10-17", Statement = [
    {Effect = "Allow", Action = ["ACTION"], Resource = "*"}
  ]})
}
resource "aws_iam_role" "fn" {
  name = "fn"
  assume_role_policy = jsonencode({Version = "2012-10-17", Statement = [{
    Effect = "Allow", Action = "sts:AssumeRole", Principal = {Service = "lambda.amazonaws.com"}
  }]})
  managed_policy_arns = [ARNS]
}
"""
ARNS = "data.aws_iam_policy.basic.arn, aws_iam_policy.own.arn"


def _role(tmp_path: Path, action: str, arns: str = ARNS) -> dict[str, tuple[str, str]]:
    text = MAIN.replace("ACTION", action).replace("ARNS", arns)
    (tmp_path / "main.tf").write_text(text, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-IAM-005", "GDCC-GRAPH-006")))
    return {
        f.rule_id: (f.status.value, f.message.en) for f in result.findings
        if f.address == "aws_iam_role.fn"
    }


def test_the_scan_policy_it_names_is_read(tmp_path: Path) -> None:
    # it was: IAM-005 UNKNOWN "whether it grants permissions by wildcard is not known from
    # the input", GRAPH-006 UNKNOWN "the permissions of aws_iam_role.fn (managed policy
    # managed_policy_arns[1]) are not known from the input"
    assert _role(tmp_path, "dynamodb:GetItem") == {
        "GDCC-IAM-005": ("PASS", "Permission policies do not grant actions by wildcard"),
        "GDCC-GRAPH-006": ("PASS", "A workload identity's permissions stay within its own system"),
    }


def test_its_wildcard_is_the_role_s(tmp_path: Path) -> None:
    assert _role(tmp_path, "dynamodb:*") == {
        "GDCC-IAM-005": (
            "FAIL", "it grants permissions by wildcard: policy aws_iam_policy.own: dynamodb:* on *"
        ),
        "GDCC-GRAPH-006": (
            "FAIL",
            "a wildcard permission may act on every resource of service dynamodb, none of them "
            "in the scan: dynamodb:* on *",
        ),
    }


@pytest.mark.parametrize("arns", [f"var.extra, {ARNS}", "var.extra"])
def test_an_item_that_may_be_anything_stays_unknown(tmp_path: Path, arns: str) -> None:
    # (a guard: the same on main)
    assert _role(tmp_path, "dynamodb:GetItem", arns)["GDCC-IAM-005"] == (
        "UNKNOWN", "whether it grants permissions by wildcard is not known from the input"
    )
