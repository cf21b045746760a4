"""S3 bucket policies and ACLs whose bucket is not in the scan are judged as that bucket for
whom they let in (a policy opening an existing bucket to everyone gave "No failing checks"),
as CloudFormation bucket policies standing alone are; other companions standing alone are
named as not judged (``companions_without_target``) instead of being dropped in silence."""

from __future__ import annotations

from pathlib import Path

import pytest

from gdcc_audit.api import audit
from gdcc_audit.cli.app import run
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

TF = """\
resource "aws_s3_bucket_policy" "open" {
  bucket = "existing-site"
  policy = jsonencode({
    Statement = [{
      Sid       = "Public"
      Effect    = "Allow"
      Principal = "*"
      Action    = "s3:GetObject"
      Resource  = "arn:aws:s3:::existing-site/*"
    }]
  })
}

resource "aws_s3_bucket_policy" "logs" {
  bucket = "existing-logs"
  policy = jsonencode({
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "logging.s3.amazonaws.com" }
      Action    = "s3:PutObject"
      Resource  = "arn:aws:s3:::existing-logs/*"
    }]
  })
}

resource "aws_s3_bucket_acl" "public" {
  bucket = "existing-public"
  acl    = "public-read"
}

resource "aws_s3_bucket_versioning" "elsewhere" {
  bucket = "existing-site"
  versioning_configuration {
    status = "Enabled"
  }
}
"""

GRANT_ONLY = (
    "this resource only grants access to a target outside the scan: it is judged for who it "
    "lets in; the target's other settings are judged on the target"
)


def test_policies_and_acls_alone_are_judged_for_who_they_let_in(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(TF, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-DATA-001", "GDCC-DATA-005")))
    found = {(f.address, f.rule_id): f for f in result.findings}
    open_policy = found[("aws_s3_bucket_policy.open", "GDCC-DATA-001")]
    assert open_policy.status is Status.FAIL
    assert open_policy.evidence["granted_by"] == ['statement "Public" allows everyone']
    assert found[("aws_s3_bucket_policy.logs", "GDCC-DATA-001")].status is Status.PASS
    acl = found[("aws_s3_bucket_acl.public", "GDCC-DATA-001")]
    assert (acl.status, acl.evidence["granted_by"]) == (
        Status.FAIL,
        ["ACL of aws_s3_bucket_acl.public"],
    )
    # versioning is the bucket's setting, judged on the bucket, not on a grant
    versioning = found[("aws_s3_bucket_policy.open", "GDCC-DATA-005")]
    assert (versioning.status, versioning.message.en) == (
        Status.NOT_APPLICABLE,
        f"does not apply to aws_s3_bucket_policy: {GRANT_ONLY}",
    )
    assert result.companions_without_target == {
        str(tmp_path / "main.tf"): ("aws_s3_bucket_versioning.elsewhere",)
    }


def test_companions_without_target_are_named_in_the_console(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "main.tf").write_text(TF, encoding="utf-8")
    assert run(["scan", str(tmp_path), "--fail-on", "none", "--no-color", "--lang", "en"]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert (
        "Not judged (what they configure is not in the scan): 1 resources: "
        "aws_s3_bucket_versioning.elsewhere"
    ) in out
