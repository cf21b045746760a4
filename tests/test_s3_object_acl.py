"""S3 objects written in Terraform (``aws_s3_object``, ``aws_s3_bucket_object``,
``aws_s3_object_copy``) whose canned ACL or grant lets everyone read them made their bucket's
data public, yet the bucket PASSed GDCC-DATA-001 (objects were not read). Now such an object
opens its bucket (named in ``granted_by``), unless the bucket blocks public access; an ACL from
an input leaves it unknown; with the bucket outside the scan the object is judged alone.
CloudFormation has no S3 object resource."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

MAIN = '''\
resource "aws_s3_bucket" "site" {
  bucket = "site"
}

resource "aws_s3_bucket_ownership_controls" "site" {
  bucket = aws_s3_bucket.site.id
  rule {
    object_ownership = "ObjectWriter"
  }
}

resource "aws_s3_object" "index" {
  bucket  = aws_s3_bucket.site.id
  key     = "index.html"
  content = "<html></html>"
  acl     = "public-read"
}

resource "aws_s3_object" "private" {
  bucket  = aws_s3_bucket.site.id
  key     = "private.txt"
  content = "x"
}

resource "aws_s3_bucket" "blocked" {
  bucket = "blocked"
}

resource "aws_s3_bucket_public_access_block" "blocked" {
  bucket                  = aws_s3_bucket.blocked.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_object_copy" "copy" {
  bucket = aws_s3_bucket.blocked.id
  key    = "copy.txt"
  source = "src/copy.txt"
  grant {
    uri         = "http://acs.amazonaws.com/groups/global/AllUsers"
    type        = "Group"
    permissions = ["READ"]
  }
}

resource "aws_s3_bucket" "copies" {
  bucket = "copies"
}

resource "aws_s3_object_copy" "everyone" {
  bucket = aws_s3_bucket.copies.id
  key    = "copy.txt"
  source = "src/copy.txt"
  grant {
    uri         = "http://acs.amazonaws.com/groups/global/AllUsers"
    type        = "Group"
    permissions = ["READ"]
  }
}

resource "aws_s3_object" "elsewhere" {
  bucket = "someone-elses-bucket"
  key    = "b.txt"
  source = "b.txt"
  acl    = var.acl
}

resource "aws_s3_object" "elsewhere_private" {
  bucket = "someone-elses-bucket"
  key    = "c.txt"
  source = "c.txt"
}

variable "acl" {
  type = string
}
'''


def test_object_acls_open_their_bucket(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(MAIN)
    result = audit([tmp_path], Settings(rule_ids=("GDCC-DATA-001",), cache=False))
    found = {f.address or "": f for f in result.findings}
    assert {a: f.status for a, f in found.items()} == {
        "aws_s3_bucket.site": Status.FAIL,
        # a full public access block: the ACL is ignored
        "aws_s3_bucket.blocked": Status.PASS,
        "aws_s3_bucket.copies": Status.FAIL,
        "aws_s3_object.elsewhere": Status.UNKNOWN,
    }
    assert found["aws_s3_bucket.site"].evidence["granted_by"] == [
        'object aws_s3_object.index: its ACL "public-read" lets everyone read it'
    ]
    assert found["aws_s3_bucket.copies"].evidence["granted_by"] == [
        "object aws_s3_object_copy.everyone: its ACL lets everyone read it"
    ]
    assert found["aws_s3_object.elsewhere"].message.en == (
        "public access is not known: object aws_s3_object.elsewhere: its ACL may let everyone "
        "read it"
    )
    # private objects (in a bucket of the scan or not) are still listed as not judged
    assert result.not_judged == {"aws_s3_bucket_ownership_controls": 1, "aws_s3_object": 2}
