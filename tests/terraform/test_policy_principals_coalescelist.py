"""Needless UNKNOWN GDCC-DATA-001 (terraform-aws-modules/terraform-aws-ecr,
``examples/complete``): the repository policy's principals are
``coalescelist(concat(var.read_arns, var.read_write_arns), ["arn:...:root"])`` with
``read_write_arns = [data.aws_caller_identity.current.arn]``: "public access is not known",
though they name the caller. ``coalescelist`` picks a list by whether it is empty, which a
value AWS assigns inside it cannot change, so it now assembles a policy read as written the
way ``concat`` / ``distinct`` do (``evaluate._PLACEHOLDER_CALLS``). Its ``["*"]`` fallback
taken still FAILs; an input not known among the principals is still UNKNOWN."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.settings import Settings

TERRAFORM = """\
data "aws_caller_identity" "current" {}
data "aws_partition" "current" {}
variable "read_arns" {
  type    = list(string)
  default = []
}
variable "unset_arns" { type = list(string) }
locals {
  read_write_arns = [data.aws_caller_identity.current.arn]
  account_root = join("", ["arn:${data.aws_partition.current.partition}:iam::",
    "${data.aws_caller_identity.current.account_id}:root"])
}
data "aws_iam_policy_document" "caller" {
  statement {
    sid = "PrivateReadOnly"
    principals {
      type        = "AWS"
      identifiers = coalescelist(concat(var.read_arns, local.read_write_arns), [local.account_root])
    }
    actions = ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"]
  }
}
data "aws_iam_policy_document" "anyone" {
  statement {
    sid = "PublicReadOnly"
    principals {
      type        = "AWS"
      identifiers = coalescelist(var.read_arns, ["*"])
    }
    actions = ["ecr:BatchGetImage"]
  }
}
data "aws_iam_policy_document" "input" {
  statement {
    sid = "Input"
    principals {
      type        = "AWS"
      identifiers = coalescelist(var.unset_arns, local.read_write_arns)
    }
    actions = ["ecr:BatchGetImage"]
  }
}
resource "aws_ecr_repository" "caller" { name = "caller" }
resource "aws_ecr_repository_policy" "caller" {
  repository = aws_ecr_repository.caller.name
  policy     = data.aws_iam_policy_document.caller.json
}
resource "aws_ecr_repository" "anyone" { name = "anyone" }
resource "aws_ecr_repository_policy" "anyone" {
  repository = aws_ecr_repository.anyone.name
  policy     = data.aws_iam_policy_document.anyone.json
}
resource "aws_ecr_repository" "input" { name = "input" }
resource "aws_ecr_repository_policy" "input" {
  repository = aws_ecr_repository.input.name
  policy     = data.aws_iam_policy_document.input.json
}
"""


def test_coalescelist_of_named_principals(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(TERRAFORM, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-DATA-001",)))
    found = {f.address: (f.status.value, f.message.en) for f in result.findings}
    # was UNKNOWN "public access is not known"
    assert found["aws_ecr_repository.caller"] == ("PASS", "Storage is not publicly readable")
    assert found["aws_ecr_repository.anyone"][0] == "FAIL"
    assert found["aws_ecr_repository.input"][0] == "UNKNOWN"
