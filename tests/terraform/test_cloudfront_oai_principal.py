"""A bucket policy granting a CloudFront origin access identity (``Principal = { AWS =
aws_cloudfront_origin_access_identity.x.iam_arn }``, in ``jsonencode`` or an
``aws_iam_policy_document``) names that one identity, never everyone: GDCC-DATA-001 PASS. The
``iam_arn`` is computed at apply time, and was read as a principal not known (UNKNOWN "public
access is not known"). Origin access control (the ``cloudfront.amazonaws.com`` service with an
``AWS:SourceArn`` condition) already PASSed and still does. Each PASS says it grants CloudFront
alone (``normalize.cloudfront_grants``, as CloudFormation's)."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

MAIN = """\
resource "aws_cloudfront_origin_access_identity" "oai" {
  comment = "site"
}

resource "aws_s3_bucket" "inline" {
  bucket = "inline"
}

resource "aws_s3_bucket_policy" "inline" {
  bucket = aws_s3_bucket.inline.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = aws_cloudfront_origin_access_identity.oai.iam_arn }
      Action    = "s3:GetObject"
      Resource  = "${aws_s3_bucket.inline.arn}/*"
    }]
  })
}

resource "aws_s3_bucket" "document" {
  bucket = "document"
}

data "aws_iam_policy_document" "document" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["${aws_s3_bucket.document.arn}/*"]
    principals {
      type        = "AWS"
      identifiers = [aws_cloudfront_origin_access_identity.oai.iam_arn]
    }
  }
}

resource "aws_s3_bucket_policy" "document" {
  bucket = aws_s3_bucket.document.id
  policy = data.aws_iam_policy_document.document.json
}

resource "aws_s3_bucket" "canonical" {
  bucket = "canonical"
}

data "aws_iam_policy_document" "canonical" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["${aws_s3_bucket.canonical.arn}/*"]
    principals {
      type        = "CanonicalUser"
      identifiers = [aws_cloudfront_origin_access_identity.oai.s3_canonical_user_id]
    }
  }
}

resource "aws_s3_bucket_policy" "canonical" {
  bucket = aws_s3_bucket.canonical.id
  policy = data.aws_iam_policy_document.canonical.json
}

resource "aws_s3_bucket" "oac" {
  bucket = "oac"
}

resource "aws_cloudfront_distribution" "site" {
  enabled = true
  origin {
    domain_name = aws_s3_bucket.oac.bucket_regional_domain_name
    origin_id   = "s3"
  }
  default_cache_behavior {
    target_origin_id       = "s3"
    viewer_protocol_policy = "redirect-to-https"
    allowed_methods        = ["GET", "HEAD"]
    cached_methods         = ["GET", "HEAD"]
  }
  restrictions {
    geo_restriction {
      restriction_type = "none"
    }
  }
  viewer_certificate {
    cloudfront_default_certificate = true
  }
}

resource "aws_s3_bucket_policy" "oac" {
  bucket = aws_s3_bucket.oac.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "cloudfront.amazonaws.com" }
      Action    = "s3:GetObject"
      Resource  = "${aws_s3_bucket.oac.arn}/*"
      Condition = { StringEquals = { "AWS:SourceArn" = aws_cloudfront_distribution.site.arn } }
    }]
  })
}

resource "aws_s3_bucket" "open" {
  bucket = "open"
}

resource "aws_s3_bucket_policy" "open" {
  bucket = aws_s3_bucket.open.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = [aws_cloudfront_origin_access_identity.oai.iam_arn, "*"] }
      Action    = "s3:GetObject"
      Resource  = "${aws_s3_bucket.open.arn}/*"
    }]
  })
}
"""


def test_origin_access_identity_and_control_are_one_identity(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(MAIN, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-DATA-001",)))
    verdicts = {f.address: (f.status, f.message.en) for f in result.findings}
    for bucket in ("inline", "document", "canonical"):
        assert verdicts[f"aws_s3_bucket.{bucket}"] == (
            Status.PASS,
            f"Storage is not publicly readable (its bucket policy (aws_s3_bucket_policy.{bucket})"
            " grants access only to a CloudFront origin access identity)",
        ), bucket
    assert verdicts["aws_s3_bucket.oac"] == (
        Status.PASS,
        "Storage is not publicly readable (its bucket policy (aws_s3_bucket_policy.oac) grants "
        "access only to the CloudFront service for one distribution (AWS:SourceArn))",
    )
    # an identity beside "*" does not narrow the grant
    assert verdicts["aws_s3_bucket.open"][0] is Status.FAIL
