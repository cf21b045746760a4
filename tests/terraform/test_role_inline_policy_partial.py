"""An ``aws_iam_role``'s ``inline_policy { policy = data.aws_iam_policy_document.x.json }``
whose document names a value computed at apply time (a bucket's ARN) was not known whole:
GDCC-IAM-005 / GDCC-GRAPH-006 UNKNOWN "the permissions of aws_iam_role.app are not known",
while the same document as an ``aws_iam_role_policy``'s ``policy`` was read (a top-level
argument gets a rendering with the values not known marked, ``TfResource.partial``; a nested
one did not). The loader now keeps that rendering for ``inline_policy`` blocks too
(``inline_policy.0.policy``): ``s3:GetObject`` on the bucket's objects PASSes, ``*`` on ``*``
beside a ``dynamic "statement"`` not known FAILs."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.settings import Settings

MAIN = """\
variable "extra" {
  type = list(object({ actions = list(string), resources = list(string) }))
}
resource "aws_s3_bucket" "logs" {
  bucket = "logs"
}
data "aws_iam_policy_document" "read" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["${aws_s3_bucket.logs.arn}/*"]
  }
}
data "aws_iam_policy_document" "admin" {
  statement {
    actions   = ["*"]
    resources = ["*"]
  }
  dynamic "statement" {
    for_each = var.extra
    content {
      actions   = statement.value.actions
      resources = statement.value.resources
    }
  }
}
resource "aws_iam_role" "app" {
  name = "app"
  assume_role_policy = jsonencode({ Statement = [{
    Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "lambda.amazonaws.com" }
  }] })
  inline_policy {
    name   = "read"
    policy = data.aws_iam_policy_document.read.json
  }
}
resource "aws_iam_role" "ops" {
  name = "ops"
  assume_role_policy = jsonencode({ Statement = [{
    Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "lambda.amazonaws.com" }
  }] })
  inline_policy {
    name   = "admin"
    policy = data.aws_iam_policy_document.admin.json
  }
}
"""


def test_inline_policy_read_with_values_not_known(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(MAIN, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-IAM-005", "GDCC-GRAPH-006")))
    found = {(f.rule_id, f.address): (f.status.value, f.message.en) for f in result.findings}
    assert found[("GDCC-IAM-005", "aws_iam_role.app")] == (
        "PASS", "Permission policies do not grant actions by wildcard"
    )
    assert found[("GDCC-GRAPH-006", "aws_iam_role.app")] == (
        "PASS", "A workload identity's permissions stay within its own system"
    )
    assert found[("GDCC-IAM-005", "aws_iam_role.ops")] == (
        "FAIL", "it grants permissions by wildcard"
    )
    assert found[("GDCC-GRAPH-006", "aws_iam_role.ops")][0] == "FAIL"
