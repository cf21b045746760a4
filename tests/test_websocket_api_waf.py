"""A WebSocket API stage (``aws_apigatewayv2_stage`` of an ``aws_apigatewayv2_api`` with
``protocol_type = "WEBSOCKET"``, ``AWS::ApiGatewayV2::Stage`` of a ``ProtocolType: WEBSOCKET``
API) was UNKNOWN on GDCC-NET-003 "whether it has a WAF is not known"
(terraform-aws-modules/terraform-aws-apigateway-v2 examples/websocket). No web ACL can protect
one: AWS WAF's protected resource types are CloudFront distributions, API Gateway REST APIs,
Application Load Balancers, ... (AWS WAFV2 API Reference), as for HTTP APIs
(``absent.HTTP_API_WAF``): FAIL (aws17)."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

TF = """\
resource "aws_apigatewayv2_api" "ws" {
  name                       = "ws"
  protocol_type              = "WEBSOCKET"
  route_selection_expression = "$request.body.action"
}
resource "aws_apigatewayv2_stage" "ws" {
  api_id = aws_apigatewayv2_api.ws.id
  name   = "prod"
}
"""
CFN = """\
Resources:
  Ws:
    Type: AWS::ApiGatewayV2::Api
    Properties:
      Name: ws
      ProtocolType: WEBSOCKET
      RouteSelectionExpression: $request.body.action
  WsStage:
    Type: AWS::ApiGatewayV2::Stage
    Properties:
      ApiId: !Ref Ws
      StageName: prod
"""
NO_WAF = (Status.FAIL, "a public entry point without a web application firewall")


def test_websocket_stages_have_no_waf(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(TF, encoding="utf-8")
    (tmp_path / "stack.yaml").write_text(CFN, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-NET-003",), cache=False))
    found = {f.address: (f.status, f.message.en) for f in result.findings}
    assert found["aws_apigatewayv2_stage.ws"] == NO_WAF
    assert found["WsStage"] == NO_WAF
