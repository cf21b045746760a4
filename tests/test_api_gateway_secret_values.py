"""GDCC-SECRET-001 wrong FAILs on API Gateway values found in the SAM translator's expanded
templates: a selection expression (``ApiKeySelectionExpression: $request.header.x-api-key``),
an integration's ``credentials: arn:aws:iam::*:user/*`` ("use the caller's credentials") and
a CORS response header mapped to ``'true'`` were each "a secret written in plain text". A
literal password beside them still FAILs."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

TEMPLATE = """\
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Ws:
    Type: AWS::ApiGatewayV2::Api
    Properties:
      Name: ws
      ProtocolType: WEBSOCKET
      RouteSelectionExpression: $request.body.action
      ApiKeySelectionExpression: $request.header.x-api-key
  Rest:
    Type: AWS::ApiGateway::RestApi
    Properties:
      Body:
        swagger: "2.0"
        info: {title: t, version: "1"}
        paths:
          /:
            get:
              x-amazon-apigateway-integration:
                type: aws_proxy
                httpMethod: POST
                uri: arn:aws:apigateway:ap-southeast-7:lambda:path/f
                credentials: arn:aws:iam::*:user/*
            options:
              x-amazon-apigateway-integration:
                type: mock
                responses:
                  default:
                    statusCode: "200"
                    responseParameters:
                      method.response.header.Access-Control-Allow-Credentials: "'true'"
  Broker:
    Type: AWS::AmazonMQ::Broker
    Properties:
      BrokerName: b
      EngineType: ACTIVEMQ
      EngineVersion: "5.17.6"
      HostInstanceType: mq.t3.micro
      PubliclyAccessible: false
      DeploymentMode: SINGLE_INSTANCE
      AutoMinorVersionUpgrade: true
      Users:
        - {Username: admin, Password: Wr1tten-In-Plain-Text}
"""


def test_api_gateway_settings_are_not_secrets(tmp_path: Path) -> None:
    (tmp_path / "template.yaml").write_text(TEMPLATE, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-SECRET-001",)))
    found = {f.address: f.status for f in result.findings}
    assert found["Ws"] is Status.PASS
    assert found["Rest"] is Status.PASS
    assert found["Broker"] is Status.FAIL
