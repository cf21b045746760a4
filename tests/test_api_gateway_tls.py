"""GDCC-ENC-005 on API Gateway stages (was UNKNOWN on every stage, "tls_min_version is not
known from the input"). A REST API stage answers on its REST API's default endpoint, whose
policy is the API's ``security_policy`` or, unwritten, the documented default: TLS 1.0 for
edge-optimised and Regional APIs, TLS 1.2 for private ones. HTTP and WebSocket API stages
always enforce TLS 1.2. Found by KICS's query "API Gateway Without Security Policy"."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Finding, Status
from gdcc_audit.normalize.terraform.aws_network import (
    REST_API_TLS_DOC,
    api_gateway_policy_tls,
)
from gdcc_audit.settings import Settings

TF = """\
resource "aws_api_gateway_rest_api" "edge" {
  name = "edge"
}

resource "aws_api_gateway_rest_api" "private" {
  name = "private"
  endpoint_configuration {
    types = ["PRIVATE"]
  }
}

resource "aws_api_gateway_rest_api" "strict" {
  name            = "strict"
  security_policy = "SecurityPolicy_TLS13_1_2_2021_06"
  endpoint_configuration {
    types = ["REGIONAL"]
  }
}

resource "aws_api_gateway_rest_api" "legacy" {
  name            = "legacy"
  security_policy = "TLS_1_0"
  endpoint_configuration {
    types = ["PRIVATE"]
  }
}

resource "aws_api_gateway_rest_api" "off" {
  name                         = "off"
  disable_execute_api_endpoint = true
}

resource "aws_api_gateway_rest_api" "openapi" {
  name = "openapi"
  body = jsonencode({
    openapi = "3.0.1"
    "x-amazon-apigateway-security-policy" = "TLS_1_2"
  })
}

resource "aws_api_gateway_stage" "edge" {
  deployment_id = "d"
  rest_api_id   = aws_api_gateway_rest_api.edge.id
  stage_name    = "prod"
}

resource "aws_api_gateway_stage" "private" {
  deployment_id = "d"
  rest_api_id   = aws_api_gateway_rest_api.private.id
  stage_name    = "prod"
}

resource "aws_api_gateway_stage" "strict" {
  deployment_id = "d"
  rest_api_id   = aws_api_gateway_rest_api.strict.id
  stage_name    = "prod"
}

resource "aws_api_gateway_stage" "legacy" {
  deployment_id = "d"
  rest_api_id   = aws_api_gateway_rest_api.legacy.id
  stage_name    = "prod"
}

resource "aws_api_gateway_stage" "off" {
  deployment_id = "d"
  rest_api_id   = aws_api_gateway_rest_api.off.id
  stage_name    = "prod"
}

resource "aws_api_gateway_stage" "openapi" {
  deployment_id = "d"
  rest_api_id   = aws_api_gateway_rest_api.openapi.id
  stage_name    = "prod"
}

resource "aws_api_gateway_stage" "outside" {
  deployment_id = "d"
  rest_api_id   = "abc123"
  stage_name    = "prod"
}

resource "aws_apigatewayv2_stage" "http" {
  api_id = "abc123"
  name   = "prod"
}
"""


def _enc005(tmp_path: Path) -> dict[str, Finding]:
    (tmp_path / "main.tf").write_text(TF)
    result = audit([tmp_path], Settings(rule_ids=("GDCC-ENC-005",)))
    return {f.address: f for f in result.findings if f.address}


def test_stage_takes_its_rest_api_default_endpoint_policy(tmp_path: Path) -> None:
    found = _enc005(tmp_path)
    assert {address: f.status for address, f in found.items()} == {
        "aws_api_gateway_stage.edge": Status.FAIL,
        "aws_api_gateway_stage.private": Status.PASS,
        "aws_api_gateway_stage.strict": Status.PASS,
        "aws_api_gateway_stage.legacy": Status.FAIL,
        "aws_api_gateway_stage.off": Status.UNKNOWN,
        "aws_api_gateway_stage.openapi": Status.UNKNOWN,
        "aws_api_gateway_stage.outside": Status.UNKNOWN,
        "aws_apigatewayv2_stage.http": Status.PASS,
    }
    edge = found["aws_api_gateway_stage.edge"]
    assert edge.evidence["tls_min_version"] == "1.0"
    assert edge.evidence["defaults"]["tls_min_version"]["attribute"] == "security_policy"
    assert edge.evidence["defaults"]["tls_min_version"]["documentation"] == REST_API_TLS_DOC
    assert "provider default" in edge.message.en
    private = found["aws_api_gateway_stage.private"]
    assert private.evidence["tls_min_version"] == "1.2"
    assert private.evidence["defaults"]["tls_min_version"]["attribute"] == "security_policy"
    # a written policy is no default
    assert "defaults" not in found["aws_api_gateway_stage.strict"].evidence
    assert found["aws_api_gateway_stage.legacy"].evidence["tls_min_version"] == "1.0"
    assert "disable_execute_api_endpoint" in found["aws_api_gateway_stage.off"].message.en
    assert "OpenAPI body" in found["aws_api_gateway_stage.openapi"].message.en
    assert found["aws_apigatewayv2_stage.http"].evidence["tls_min_version"] == "1.2"


def test_policy_names() -> None:
    assert api_gateway_policy_tls("TLS_1_0") == "1.0"
    assert api_gateway_policy_tls("TLS_1_2") == "1.2"
    assert api_gateway_policy_tls("SecurityPolicy_TLS13_1_3_2025_09") == "1.3"
    assert api_gateway_policy_tls("SecurityPolicy_TLS13_1_2_PFS_PQ_2025_09") == "1.2"
    assert api_gateway_policy_tls("SecurityPolicy_TLS12_2018_EDGE") == "1.2"
    assert api_gateway_policy_tls("SecurityPolicy_Unheard_Of") is None
    assert api_gateway_policy_tls(None) is None


EXPOSURE_TF = """\
resource "aws_api_gateway_stage" "outside" {
  deployment_id = "d"
  rest_api_id   = "abc123"
  stage_name    = "prod"
}

resource "aws_apigatewayv2_api" "ws" {
  name          = "ws"
  protocol_type = "WEBSOCKET"
}

resource "aws_apigatewayv2_stage" "ws" {
  api_id = aws_apigatewayv2_api.ws.id
  name   = "prod"
}
"""

EXPOSURE_CFN = """\
Resources:
  HttpStage:
    Type: AWS::ApiGatewayV2::Stage
    Properties:
      ApiId: abc123
      StageName: prod
"""


def test_gateway_of_unknown_exposure_is_not_passed_as_unreachable(tmp_path: Path) -> None:
    """GDCC-GRAPH-013 passed these stages as "not internet reachable". An HTTP / WebSocket
    API has no private endpoint: it serves HTTPS on 443 to the internet, so without access
    logs it FAILs. A REST stage whose API is not in the scan may be public: UNKNOWN
    (GDCC-LOG-007 fails all three as before)."""
    (tmp_path / "main.tf").write_text(EXPOSURE_TF)
    (tmp_path / "stage.yaml").write_text(EXPOSURE_CFN)
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-013", "GDCC-ENC-005")))
    found = {(f.rule_id, f.address): f for f in result.findings if f.address}
    assert {key: f.status for key, f in found.items()} == {
        ("GDCC-GRAPH-013", "aws_api_gateway_stage.outside"): Status.UNKNOWN,
        ("GDCC-GRAPH-013", "aws_apigatewayv2_stage.ws"): Status.FAIL,
        ("GDCC-GRAPH-013", "HttpStage"): Status.FAIL,
        ("GDCC-ENC-005", "aws_api_gateway_stage.outside"): Status.UNKNOWN,
        ("GDCC-ENC-005", "aws_apigatewayv2_stage.ws"): Status.PASS,
        ("GDCC-ENC-005", "HttpStage"): Status.PASS,
    }
    assert found[("GDCC-GRAPH-013", "aws_apigatewayv2_stage.ws")].message.en == (
        "it is reachable from the internet: internet → prod:443; access logging is off"
    )
    assert found[("GDCC-GRAPH-013", "HttpStage")].evidence["path"] == "internet → HttpStage:443"
    outside = found[("GDCC-GRAPH-013", "aws_api_gateway_stage.outside")]
    assert "whether it is reachable from the internet is not known" in outside.message.en
    assert found[("GDCC-ENC-005", "HttpStage")].evidence["tls_min_version"] == "1.2"
