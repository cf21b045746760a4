"""An ``aws_iam_policy_document`` whose ``source_policy_documents`` is not known (an input):
reading whether it merges other documents tested the UNKNOWN value for truth and the policy
that uses it was not mapped ("cannot map aws_iam_policy.p: TypeError", cloudposse
terraform-aws-codebuild). A list not known may merge documents: its statements are read in
no particular order, as for one that does."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

MAIN = """\
variable "extra" {
  type = list(string)
}

data "aws_iam_policy_document" "doc" {
  source_policy_documents = var.extra
  statement {
    actions   = ["s3:GetObject"]
    resources = ["*"]
  }
}

resource "aws_iam_policy" "p" {
  name   = "p"
  policy = data.aws_iam_policy_document.doc.json
}
"""


def test_policy_whose_document_sources_are_not_known_is_mapped(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(MAIN, encoding="utf-8")
    result = audit([tmp_path], Settings())
    assert [i.errors for i in result.inputs if i.error] == []
    assert any(f.address == "aws_iam_policy.p" for f in result.findings)


def test_merged_documents_count_in_the_grants(tmp_path: Path) -> None:
    # the document's own statement grants no wildcard; what it merges decides
    (tmp_path / "main.tf").write_text(MAIN, encoding="utf-8")
    found = {
        f.address: f.status
        for f in audit([tmp_path], Settings(rule_ids=("GDCC-IAM-005",))).findings
    }
    # a list not known may merge a wildcard grant (read as the own statements alone: PASS)
    assert found == {"aws_iam_policy.p": Status.UNKNOWN}
    wide = MAIN.replace(
        'variable "extra" {\n  type = list(string)\n}',
        'data "aws_iam_policy_document" "wide" {\n  statement {\n'
        '    actions   = ["s3:*"]\n    resources = ["*"]\n  }\n}',
    ).replace("var.extra", "[data.aws_iam_policy_document.wide.json]")
    (tmp_path / "main.tf").write_text(wide, encoding="utf-8")
    found = {
        f.address: f.status
        for f in audit([tmp_path], Settings(rule_ids=("GDCC-IAM-005",))).findings
    }
    assert found == {"aws_iam_policy.p": Status.FAIL}
