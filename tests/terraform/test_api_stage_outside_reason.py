"""GDCC-NET-003 on a REST API stage whose API is not in the scan now says why it is UNKNOWN.

Whether a REST API stage is public is its API's endpoint type (PRIVATE, or EDGE / REGIONAL);
with the API outside the scan the finding said only "it has no WAF, and whether it is public is
not known from the input" (checkov's fixture aws_api_gateway_stage.no_api). It now names the
API. A stage whose API is in the scan is judged as before (a regional API without a WAF FAILs).
"""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

STAGES = """\
resource "aws_api_gateway_stage" "orphan" {
  stage_name    = "live"
  rest_api_id   = aws_api_gateway_rest_api.billing.id
  deployment_id = "d-1"
}

resource "aws_api_gateway_stage" "by_id" {
  stage_name    = "live"
  rest_api_id   = "a1b2c3d4e5"
  deployment_id = "d-2"
}

resource "aws_api_gateway_rest_api" "orders" {
  name = "orders"
  endpoint_configuration {
    types = ["REGIONAL"]
  }
}

resource "aws_api_gateway_stage" "orders" {
  stage_name    = "live"
  rest_api_id   = aws_api_gateway_rest_api.orders.id
  deployment_id = "d-3"
}
"""

PREFIX = "it has no WAF, and whether it is public is not known from the input: "
WHY = (
    "its REST API {} is not in the scan: whether its endpoint is PRIVATE (not public) or EDGE / "
    "REGIONAL (public) is not known"
)


def test_a_stage_of_an_api_outside_the_scan_names_it(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(STAGES, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-NET-003",), cache=False))
    found = {f.address: f for f in result.findings}
    for address, api in (
        ("aws_api_gateway_stage.orphan", "aws_api_gateway_rest_api.billing"),
        ("aws_api_gateway_stage.by_id", "a1b2c3d4e5"),
    ):
        finding = found[address]
        assert finding.status == Status.UNKNOWN
        assert finding.message is not None
        assert finding.message.en == PREFIX + WHY.format(api)
        assert finding.evidence["unknown_because"] == {"public_endpoint": WHY.format(api)}
    assert found["aws_api_gateway_stage.orders"].status == Status.FAIL
