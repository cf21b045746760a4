"""A CloudFront distribution whose viewer certificate names no certificate of its own (no ACM
nor IAM certificate) serves the ``*.cloudfront.net`` one, for which "CloudFront automatically
sets the security policy to TLSv1 regardless of the value that you set" (CloudFront API,
ViewerCertificate MinimumProtocolVersion). terraform-aws-modules/cloudfront's default
``viewer_certificate = {}`` writes ``minimum_protocol_version = "TLSv1.2_2025"`` and no
certificate: GDCC-ENC-005 PASSed; now FAIL, as with ``cloudfront_default_certificate``."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

BEHAVIOUR = """
  enabled = true
  origin {
    domain_name = "example.com"
    origin_id   = "o"
    custom_origin_config {
      http_port              = 80
      https_port             = 443
      origin_protocol_policy = "https-only"
      origin_ssl_protocols   = ["TLSv1.2"]
    }
  }
  default_cache_behavior {
    allowed_methods        = ["GET", "HEAD"]
    cached_methods         = ["GET", "HEAD"]
    target_origin_id       = "o"
    viewer_protocol_policy = "https-only"
  }
  restrictions {
    geo_restriction {
      restriction_type = "none"
    }
  }
"""
TERRAFORM = f"""\
resource "aws_cloudfront_distribution" "no_certificate" {{{BEHAVIOUR}
  viewer_certificate {{
    minimum_protocol_version = "TLSv1.2_2021"
  }}
}}

resource "aws_cloudfront_distribution" "acm" {{{BEHAVIOUR}
  viewer_certificate {{
    acm_certificate_arn      = var.certificate
    ssl_support_method       = "sni-only"
    minimum_protocol_version = "TLSv1.2_2021"
  }}
}}

variable "certificate" {{
  type = string
}}
"""
TEMPLATE = """\
Resources:
  NoCertificate:
    Type: AWS::CloudFront::Distribution
    Properties:
      DistributionConfig:
        Enabled: true
        DefaultCacheBehavior: {TargetOriginId: o, ViewerProtocolPolicy: https-only}
        ViewerCertificate: {MinimumProtocolVersion: TLSv1.2_2021}
  Acm:
    Type: AWS::CloudFront::Distribution
    Properties:
      DistributionConfig:
        Enabled: true
        DefaultCacheBehavior: {TargetOriginId: o, ViewerProtocolPolicy: https-only}
        ViewerCertificate:
          AcmCertificateArn: arn:aws:acm:us-east-1:123456789012:certificate/abc
          SslSupportMethod: sni-only
          MinimumProtocolVersion: TLSv1.2_2021
"""


def test_no_certificate_of_its_own_serves_tls1(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(TERRAFORM, encoding="utf-8")
    (tmp_path / "stack.yaml").write_text(TEMPLATE, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-ENC-005",)))
    found = {f.address: f for f in result.findings}
    for address in ("aws_cloudfront_distribution.no_certificate", "NoCertificate"):
        assert (found[address].status, found[address].message.en) == (
            Status.FAIL, "the minimum TLS version is 1.0; 1.2 or later required"
        ), address
        assert found[address].evidence["tls_min_version"] == "1.0", address
    for address in ("aws_cloudfront_distribution.acm", "Acm"):
        assert (found[address].status, found[address].message.en) == (
            Status.PASS, "TLS 1.2 or later is the minimum protocol version"
        ), address
