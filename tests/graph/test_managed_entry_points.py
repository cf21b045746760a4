"""Managed entry points (API Gateway stages, CloudFront distributions) have no security
group: a public one serves the internet on the ports the provider documents (HTTPS 443 for
API Gateway; 80 and 443 for CloudFront). The internet edge was "filtering not known", so
GDCC-GRAPH-013 stayed UNKNOWN for a public API or distribution without access logs."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.graph.network import managed_entry_ports
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

TF = """\
resource "aws_api_gateway_rest_api" "public" {
  name = "public"
}

resource "aws_api_gateway_stage" "public" {
  rest_api_id   = aws_api_gateway_rest_api.public.id
  deployment_id = "d"
  stage_name    = "prod"
}

resource "aws_cloudfront_distribution" "site" {
  enabled = true
  origin {
    domain_name = "example.s3.amazonaws.com"
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
"""

PRIVATE_TF = """\
resource "aws_api_gateway_rest_api" "private" {
  name = "private"
  endpoint_configuration {
    types = ["PRIVATE"]
  }
}

resource "aws_api_gateway_stage" "private" {
  rest_api_id   = aws_api_gateway_rest_api.private.id
  deployment_id = "d"
  stage_name    = "prod"
}
"""


def test_public_managed_entry_points_are_reached_on_their_documented_ports(
    tmp_path: Path,
) -> None:
    (tmp_path / "main.tf").write_text(TF, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-013", "GDCC-GRAPH-002")))
    found = {(f.rule_id, f.address): f for f in result.findings}
    stage = found[("GDCC-GRAPH-013", "aws_api_gateway_stage.public")]
    assert stage.status == Status.FAIL
    assert stage.evidence["path"] == "internet → public:443"
    assert stage.message.en == (
        "it is reachable from the internet: internet → public:443; access logging is off"
    )
    assert stage.message.th == (
        "เข้าถึงได้จากอินเทอร์เน็ต: internet → public:443; ไม่ได้เปิดการบันทึก log การเข้าถึง"
    )
    site = found[("GDCC-GRAPH-013", "aws_cloudfront_distribution.site")]
    assert site.status == Status.FAIL
    assert site.evidence["path"] == "internet → site:80,443"
    # a managed entry point opens no management port
    assert {f.status for (rule, _), f in found.items() if rule == "GDCC-GRAPH-002"} <= {
        Status.PASS, Status.NOT_APPLICABLE
    }


def test_managed_entry_ports() -> None:
    assert str(managed_entry_ports("aws_apigatewayv2_stage")) == "443"
    assert str(managed_entry_ports("AWS::CloudFront::Distribution")) == "80,443"
    assert managed_entry_ports("aws_lb") is None


def test_a_private_api_is_not_reached_from_the_internet(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(PRIVATE_TF, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-013",)))
    assert [(f.address, f.status) for f in result.findings] == [
        ("aws_api_gateway_stage.private", Status.PASS)
    ]
