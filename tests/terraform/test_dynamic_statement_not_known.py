"""A ``data "aws_iam_policy_document"`` with a ``dynamic "statement"`` over a collection not
known (``for_each = var.extra``, a module input with no value: terraform-aws-iam's
``policy_statements``-style inputs) was not known whole: GDCC-IAM-005 UNKNOWN "whether it
grants permissions by wildcard is not known from the input", even beside a written ``*`` on
``*`` (never a PASS, but an administrator grant not said). Now the document's written
statements stay read, the dynamic block standing for a statement whose effect is not known
(there may be none, or any number): ``*`` on ``*`` beside it FAILs, written narrow statements
beside it stay UNKNOWN and the message names the block, also through
``source_policy_documents``; GDCC-GRAPH-006 of a role holding the administrator document FAILs.
"""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

DYNAMIC = """\
  dynamic "statement" {
    for_each = var.extra
    content {
      actions   = statement.value.actions
      resources = statement.value.resources
    }
  }
"""

READ = """\
  statement {
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::logs/*"]
  }
"""

ADMIN = """\
  statement {
    actions   = ["*"]
    resources = ["*"]
  }
"""

MAIN = f"""\
variable "extra" {{
  type = list(object({{ actions = list(string), resources = list(string) }}))
}}
data "aws_iam_policy_document" "first" {{
{DYNAMIC}{READ}}}
data "aws_iam_policy_document" "last" {{
{READ}{DYNAMIC}}}
data "aws_iam_policy_document" "admin" {{
{ADMIN}{DYNAMIC}}}
data "aws_iam_policy_document" "merged" {{
  source_policy_documents = [data.aws_iam_policy_document.last.json]
}}
resource "aws_iam_policy" "first" {{
  name   = "first"
  policy = data.aws_iam_policy_document.first.json
}}
resource "aws_iam_policy" "last" {{
  name   = "last"
  policy = data.aws_iam_policy_document.last.json
}}
resource "aws_iam_policy" "admin" {{
  name   = "admin"
  policy = data.aws_iam_policy_document.admin.json
}}
resource "aws_iam_role" "app" {{
  name = "app"
  assume_role_policy = jsonencode({{ Statement = [{{
    Effect = "Allow", Action = "sts:AssumeRole", Principal = {{ Service = "lambda.amazonaws.com" }}
  }}] }})
}}
resource "aws_iam_role_policy_attachment" "admin" {{
  role       = aws_iam_role.app.name
  policy_arn = aws_iam_policy.admin.arn
}}
resource "aws_iam_role_policy" "merged" {{
  role   = aws_iam_role.app.id
  policy = data.aws_iam_policy_document.merged.json
}}
"""

NOT_KNOWN = "whether it grants permissions by wildcard is not known from the input"


def _block(line: int) -> str:
    return (
        f'the statements of dynamic "statement" over var.extra at main.tf:{line} are not known'
        " (any number, any grant)"
    )


def test_dynamic_statement_not_known(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(MAIN, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-IAM-005", "GDCC-GRAPH-006")))
    found = {(f.rule_id, f.address): (f.status, f.message.en) for f in result.findings}
    first = MAIN.splitlines().index("data \"aws_iam_policy_document\" \"first\" {") + 3
    last = MAIN.splitlines().index("data \"aws_iam_policy_document\" \"last\" {") + 7
    assert found[("GDCC-IAM-005", "aws_iam_policy.first")] == (
        Status.UNKNOWN, f"{NOT_KNOWN}: {_block(first)}"
    )
    assert found[("GDCC-IAM-005", "aws_iam_policy.last")] == (
        Status.UNKNOWN, f"{NOT_KNOWN}: {_block(last)}"
    )
    # through source_policy_documents: the same block named
    assert found[("GDCC-IAM-005", "aws_iam_role_policy.merged")] == (
        Status.UNKNOWN, f"{NOT_KNOWN}: {_block(last)}"
    )
    # "*" on "*" is written: an administrator grant whatever the collection holds
    assert found[("GDCC-IAM-005", "aws_iam_policy.admin")] == (
        Status.FAIL, "it grants permissions by wildcard"
    )
    status, message = found[("GDCC-GRAPH-006", "aws_iam_role.app")]
    assert status is Status.FAIL
    assert message.startswith("a wildcard or administrator permission reaches all")
