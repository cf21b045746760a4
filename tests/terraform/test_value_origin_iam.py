"""Companions that add up (Cloud Storage IAM members / bindings: one grant to allUsers or
allAuthenticatedUsers makes the bucket public) point the bucket's finding at the grant that
made it public (its member's line, or the variable it is read from); a member naming a user
points nowhere. The four S3 public access block settings are listed in the order the lines
are written (before: the attributes' order)."""

from __future__ import annotations

import os
from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

MAIN = """\
variable "reader" {
  default = "allUsers"
}

resource "google_storage_bucket" "public" {
  name     = "public"
  location = "ASIA-SOUTHEAST1"
}

resource "google_storage_bucket_iam_member" "viewer" {
  bucket = google_storage_bucket.public.name
  role   = "roles/storage.objectViewer"
  member = var.reader
}

resource "google_storage_bucket" "bound" {
  name     = "bound"
  location = "ASIA-SOUTHEAST1"
}

resource "google_storage_bucket_iam_member" "user" {
  bucket = google_storage_bucket.bound.name
  role   = "roles/storage.objectViewer"
  member = "user:a@example.com"
}

resource "google_storage_bucket_iam_binding" "everyone" {
  bucket  = google_storage_bucket.bound.name
  role    = "roles/storage.objectViewer"
  members = ["allAuthenticatedUsers"]
}

resource "aws_s3_bucket" "b" {
  bucket = "b"
}

resource "aws_s3_bucket_public_access_block" "b" {
  bucket                  = aws_s3_bucket.b.id
  restrict_public_buckets = true
  ignore_public_acls      = true
  block_public_policy     = true
  block_public_acls       = true
}
"""


def test_the_grant_that_made_the_bucket_public_and_settings_in_line_order(
    tmp_path: Path,
) -> None:
    (tmp_path / "main.tf").write_text(MAIN, encoding="utf-8")
    cwd = Path.cwd()
    os.chdir(tmp_path)
    try:
        result = audit([Path(".")], Settings(rule_ids=("GDCC-DATA-001", "GDCC-DATA-006")))
    finally:
        os.chdir(cwd)
    found = {
        (f.address, f.rule_id): (f.status, f.evidence.get("value_set_at"))
        for f in result.findings
        if f.status in (Status.PASS, Status.FAIL)
    }
    assert found == {
        ("google_storage_bucket.public", "GDCC-DATA-001"): (
            Status.FAIL, {"public_access": "./main.tf:2"}
        ),
        # the binding to allAuthenticatedUsers, not the user's member
        ("google_storage_bucket.bound", "GDCC-DATA-001"): (
            Status.FAIL, {"public_access": "./main.tf:30"}
        ),
        ("google_storage_bucket.public", "GDCC-DATA-006"): (Status.FAIL, None),
        ("google_storage_bucket.bound", "GDCC-DATA-006"): (Status.FAIL, None),
        ("aws_s3_bucket.b", "GDCC-DATA-001"): (Status.PASS, None),
        ("aws_s3_bucket.b", "GDCC-DATA-006"): (
            Status.PASS,
            {"public_access_block": "./main.tf:39, ./main.tf:40, ./main.tf:41, ./main.tf:42"},
        ),
    }
