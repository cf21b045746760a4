"""GDCC-DATA-001 (Terraform): a bucket policy that lets in CloudFront alone says so in the
PASS, as CloudFormation's does (``normalize.cloudfront_grants``): an origin access identity
(``iam_arn`` or ``s3_canonical_user_id`` of an ``aws_cloudfront_origin_access_identity``,
in a ``data "aws_iam_policy_document"``, ``jsonencode`` or heredoc JSON), or the
``cloudfront.amazonaws.com`` service limited to one distribution by ``AWS:SourceArn``
(origin access control). The shapes of public static-site modules; a policy naming anyone
else, or the service without ``AWS:SourceArn``, gives no such sentence."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

CONFIG = """\
resource "aws_cloudfront_origin_access_identity" "oai" {
  comment = "site"
}

resource "aws_cloudfront_distribution" "cdn" {
  enabled = true
  origin {
    domain_name              = aws_s3_bucket.oac.bucket_regional_domain_name
    origin_id                = "s3"
    origin_access_control_id = "E2OAC"
  }
  default_cache_behavior {
    allowed_methods        = ["GET", "HEAD"]
    cached_methods         = ["GET", "HEAD"]
    target_origin_id       = "s3"
    viewer_protocol_policy = "redirect-to-https"
  }
  restrictions {
    geo_restriction { restriction_type = "none" }
  }
  viewer_certificate { cloudfront_default_certificate = true }
}

resource "aws_s3_bucket" "document" { bucket = "site-document" }
resource "aws_s3_bucket" "canonical" { bucket = "site-canonical" }
resource "aws_s3_bucket" "heredoc" { bucket = "site-heredoc" }
resource "aws_s3_bucket" "oac" { bucket = "site-oac" }
resource "aws_s3_bucket" "shared" { bucket = "site-shared" }
resource "aws_s3_bucket" "service" { bucket = "site-service" }

data "aws_iam_policy_document" "document" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["${aws_s3_bucket.document.arn}/*"]
    principals {
      type        = "AWS"
      identifiers = [aws_cloudfront_origin_access_identity.oai.iam_arn]
    }
  }
  statement {
    sid       = "HttpsOnly"
    effect    = "Deny"
    actions   = ["s3:*"]
    resources = [aws_s3_bucket.document.arn, "${aws_s3_bucket.document.arn}/*"]
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

resource "aws_s3_bucket_policy" "document" {
  bucket = aws_s3_bucket.document.id
  policy = data.aws_iam_policy_document.document.json
}

resource "aws_s3_bucket_policy" "canonical" {
  bucket = aws_s3_bucket.canonical.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { CanonicalUser = aws_cloudfront_origin_access_identity.oai.s3_canonical_user_id }
      Action    = "s3:GetObject"
      Resource  = "${aws_s3_bucket.canonical.arn}/*"
    }]
  })
}

resource "aws_s3_bucket_policy" "heredoc" {
  bucket = aws_s3_bucket.heredoc.id
  policy = <<POLICY
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Principal": {"AWS": "${aws_cloudfront_origin_access_identity.oai.iam_arn}"},
      "Action": "s3:GetObject",
      "Resource": "${aws_s3_bucket.heredoc.arn}/*"
    }
  ]
}
POLICY
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
      Condition = { StringEquals = { "AWS:SourceArn" = aws_cloudfront_distribution.cdn.arn } }
    }]
  })
}

resource "aws_s3_bucket_policy" "shared" {
  bucket = aws_s3_bucket.shared.id
  policy = jsonencode({
    Statement = [
      {
        Effect    = "Allow"
        Principal = { AWS = aws_cloudfront_origin_access_identity.oai.iam_arn }
        Action    = "s3:GetObject"
        Resource  = "${aws_s3_bucket.shared.arn}/*"
      },
      {
        Effect    = "Allow"
        Principal = { AWS = "arn:aws:iam::111122223333:root" }
        Action    = "s3:GetObject"
        Resource  = "${aws_s3_bucket.shared.arn}/*"
      },
    ]
  })
}

resource "aws_s3_bucket_policy" "service" {
  bucket = aws_s3_bucket.service.id
  policy = jsonencode({
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "cloudfront.amazonaws.com" }
      Action    = "s3:GetObject"
      Resource  = "${aws_s3_bucket.service.arn}/*"
    }]
  })
}
"""
PASS = "Storage is not publicly readable"
IDENTITY = "grants access only to a CloudFront origin access identity)"


def test_cloudfront_only_bucket_policies(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(CONFIG, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-DATA-001",)))
    found = {
        f.address: (f.status, f.message.en)
        for f in result.findings
        if f.address.startswith("aws_s3_bucket.")
    }
    assert found == {
        "aws_s3_bucket.document": (
            Status.PASS,
            f"{PASS} (its bucket policy (aws_s3_bucket_policy.document) {IDENTITY}",
        ),
        "aws_s3_bucket.canonical": (
            Status.PASS,
            f"{PASS} (its bucket policy (aws_s3_bucket_policy.canonical) {IDENTITY}",
        ),
        "aws_s3_bucket.heredoc": (
            Status.PASS,
            f"{PASS} (its bucket policy (aws_s3_bucket_policy.heredoc) {IDENTITY}",
        ),
        "aws_s3_bucket.oac": (
            Status.PASS,
            f"{PASS} (its bucket policy (aws_s3_bucket_policy.oac) grants access only to the "
            "CloudFront service for one distribution (AWS:SourceArn))",
        ),
        # another account too / the service for any distribution: no CloudFront-only sentence
        "aws_s3_bucket.shared": (Status.PASS, PASS),
        "aws_s3_bucket.service": (Status.PASS, PASS),
    }
    thai = next(f for f in result.findings if f.address == "aws_s3_bucket.oac").message.th
    assert "บริการ CloudFront สำหรับ distribution เดียว (AWS:SourceArn)" in thai


def test_inline_bucket_policy(tmp_path: Path) -> None:
    """A provider < 4 bucket's inline ``policy`` is read the same way."""
    (tmp_path / "main.tf").write_text(
        'resource "aws_cloudfront_origin_access_identity" "oai" {}\n'
        'resource "aws_s3_bucket" "site" {\n'
        '  bucket = "site"\n'
        "  policy = jsonencode({\n"
        '    Statement = [{ Effect = "Allow", Action = "s3:GetObject",\n'
        '      Principal = { AWS = aws_cloudfront_origin_access_identity.oai.iam_arn },\n'
        '      Resource = "arn:aws:s3:::site/*" }]\n'
        "  })\n"
        "}\n",
        encoding="utf-8",
    )
    result = audit([tmp_path], Settings(rule_ids=("GDCC-DATA-001",)))
    (finding,) = result.findings
    assert (finding.status, finding.message.en) == (
        Status.PASS, f"{PASS} (its bucket policy (aws_s3_bucket.site) {IDENTITY}"
    )
