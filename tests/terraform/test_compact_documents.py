"""A bucket policy assembled as terraform-aws-modules s3-bucket does,
``source_policy_documents = compact([var.x ? data.aws_iam_policy_document.y[0].json : "", ...])``,
whose documents hold the bucket's ARN (computed at apply time), is read with that ARN marked:
GDCC-DATA-008 was UNKNOWN "not known" on every bucket of the module's examples; a policy
without the TLS deny now FAILs and one with it PASSes. An element not known at all (it may be
``""``, which ``compact`` drops) leaves the policy not known."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

TF = """\
variable "deny_insecure" {
  type    = bool
  default = true
}

variable "extra_policy" {
  type = string
}

resource "aws_s3_bucket" "%(name)s" {
  bucket = "%(name)s-bucket"
}

data "aws_iam_policy_document" "%(name)s_tls" {
  count = var.deny_insecure ? 1 : 0
  statement {
    sid     = "denyInsecureTransport"
    effect  = "Deny"
    actions = ["s3:*"]
    resources = [aws_s3_bucket.%(name)s.arn, "${aws_s3_bucket.%(name)s.arn}/*"]
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

data "aws_iam_policy_document" "%(name)s_combined" {
  source_policy_documents = compact([
    var.deny_insecure ? data.aws_iam_policy_document.%(name)s_tls[0].json : "",
    %(extra)s,
  ])
}

resource "aws_s3_bucket_policy" "%(name)s" {
  bucket = aws_s3_bucket.%(name)s.id
  policy = data.aws_iam_policy_document.%(name)s_combined.json
}
"""


def _audit(tmp_path: Path, extra: str) -> dict[str, tuple[Status, str]]:
    (tmp_path / "main.tf").write_text(TF % {"name": "b", "extra": extra}, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-DATA-008",)))
    return {f.address: (f.status, f.message.en) for f in result.findings}


def test_documents_compacted_with_computed_arns_are_read(tmp_path: Path) -> None:
    found = _audit(tmp_path, '""')
    assert found["aws_s3_bucket.b"][0] is Status.PASS


def test_a_document_not_known_at_all_leaves_the_policy_not_known(tmp_path: Path) -> None:
    found = _audit(tmp_path, "var.extra_policy")
    assert found["aws_s3_bucket.b"][0] is Status.UNKNOWN
