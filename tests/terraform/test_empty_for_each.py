"""A resource, ``aws_iam_policy_document`` or module call whose ``for_each`` has no element
is an empty map, as Terraform makes it, not an empty list: ``values(aws_iam_role.x)``,
``values(data.aws_iam_policy_document.x)`` and ``values(module.x)`` are ``[]``. They were
an empty list, so ``values()`` failed and the whole policy was not known:
cloudposse/terraform-aws-cloudfront-s3-cdn's website bucket, which its policy opens to
``*``, was UNKNOWN on GDCC-DATA-001 (its ``deployment`` documents are ``for_each =
var.deployment_principal_arns``, ``{}``)."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.settings import Settings

DOCUMENTS_TF = """\
variable "deployment_principal_arns" {
  type    = map(list(string))
  default = {}
}

resource "aws_s3_bucket" "origin" {
  bucket = "origin"
}

data "aws_iam_policy_document" "website" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::origin/*"]
    principals {
      type        = "AWS"
      identifiers = ["*"]
    }
  }
}

data "aws_iam_policy_document" "ssl_only" {
  count = 1
  statement {
    effect    = "Deny"
    actions   = ["s3:*"]
    resources = ["arn:aws:s3:::origin", "arn:aws:s3:::origin/*"]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }
}

data "aws_iam_policy_document" "unused" {
  count = 0
  statement {
    actions   = ["s3:PutObject"]
    resources = ["arn:aws:s3:::origin/*"]
  }
}

data "aws_iam_policy_document" "deployment" {
  for_each = var.deployment_principal_arns
  statement {
    actions   = ["s3:PutObject"]
    resources = ["arn:aws:s3:::origin/*"]
    principals {
      type        = "AWS"
      identifiers = [each.key]
    }
  }
}

data "aws_iam_policy_document" "combined" {
  source_policy_documents = compact(concat(
    [data.aws_iam_policy_document.website.json],
    data.aws_iam_policy_document.ssl_only[*].json,
    data.aws_iam_policy_document.unused[*].json,
    values(data.aws_iam_policy_document.deployment)[*].json
  ))
}

resource "aws_s3_bucket_policy" "origin" {
  bucket = aws_s3_bucket.origin.id
  policy = data.aws_iam_policy_document.combined.json
}
"""

ROLES_TF = """\
variable "writers" {
  type    = map(string)
  default = {}
}

resource "aws_iam_role" "writer" {
  for_each           = var.writers
  name               = each.key
  assume_role_policy = each.value
}

resource "aws_s3_bucket" "site" {
  bucket = "site"
}

resource "aws_s3_bucket_policy" "site" {
  bucket = aws_s3_bucket.site.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = concat(
      [{
        Effect = "Allow", Principal = "*", Action = "s3:GetObject", Resource = "arn:aws:s3:::site/*"
      }],
      [for role in values(aws_iam_role.writer) : {
        Effect = "Allow", Principal = { AWS = role.arn }, Action = "s3:PutObject",
        Resource = "arn:aws:s3:::site/*"
      }],
    )
  })
}
"""

MODULES_TF = ROLES_TF.replace(
    """resource "aws_iam_role" "writer" {
  for_each           = var.writers
  name               = each.key
  assume_role_policy = each.value
}""",
    """module "writer" {
  source   = "./writer"
  for_each = var.writers
  name     = each.key
}""",
).replace("values(aws_iam_role.writer)", "values(module.writer)")

WRITER_MODULE_TF = """\
variable "name" {
  type = string
}

resource "aws_iam_role" "this" {
  name               = var.name
  assume_role_policy = "{}"
}

output "arn" {
  value = aws_iam_role.this.arn
}
"""


def _verdicts(tmp_path: Path, text: str) -> dict[tuple[str, str], str]:
    (tmp_path / "main.tf").write_text(text, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-DATA-001", "GDCC-DATA-008")))
    return {(f.rule_id, f.address): f.status.value for f in result.findings}


def test_values_of_a_policy_document_with_no_for_each_element(tmp_path: Path) -> None:
    assert _verdicts(tmp_path, DOCUMENTS_TF) == {
        ("GDCC-DATA-001", "aws_s3_bucket.origin"): "FAIL",
        ("GDCC-DATA-008", "aws_s3_bucket.origin"): "PASS",
    }


def test_values_of_a_resource_with_no_for_each_element(tmp_path: Path) -> None:
    assert _verdicts(tmp_path, ROLES_TF) == {
        ("GDCC-DATA-001", "aws_s3_bucket.site"): "FAIL",
        ("GDCC-DATA-008", "aws_s3_bucket.site"): "FAIL",
    }


def test_values_of_a_module_call_with_no_for_each_element(tmp_path: Path) -> None:
    (tmp_path / "writer").mkdir()
    (tmp_path / "writer" / "main.tf").write_text(WRITER_MODULE_TF, encoding="utf-8")
    assert "values(module.writer)" in MODULES_TF
    assert _verdicts(tmp_path, MODULES_TF) == {
        ("GDCC-DATA-001", "aws_s3_bucket.site"): "FAIL",
        ("GDCC-DATA-008", "aws_s3_bucket.site"): "FAIL",
    }
