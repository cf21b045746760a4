"""A CloudFormation REST API stage answers on its REST API's default endpoint, as
``aws_api_gateway_stage`` does in Terraform: GDCC-ENC-005 judges the REST API's
``SecurityPolicy`` or the documented default of its endpoint type (TLS 1.0 for edge-optimised
and Regional, 1.2 for private), GDCC-NET-003 its exposure (edge-optimised when no
``EndpointConfiguration`` is written) and its WAF association. Both were UNKNOWN on every
``AWS::ApiGateway::Stage`` and SAM ``Api``."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Finding, Status
from gdcc_audit.normalize.api_gateway import REST_API_ENDPOINT_DOC, REST_API_TLS_DOC
from gdcc_audit.settings import Settings

TEMPLATE = """\
Transform: AWS::Serverless-2016-10-31
Resources:
  EdgeApi:
    Type: AWS::ApiGateway::RestApi
    Properties: {Name: edge}
  EdgeStage:
    Type: AWS::ApiGateway::Stage
    Properties: {RestApiId: !Ref EdgeApi, DeploymentId: d, StageName: prod}
  PrivateApi:
    Type: AWS::ApiGateway::RestApi
    Properties: {Name: private, EndpointConfiguration: {Types: [PRIVATE]}}
  PrivateStage:
    Type: AWS::ApiGateway::Stage
    Properties: {RestApiId: !Ref PrivateApi, DeploymentId: d, StageName: prod}
  StrictApi:
    Type: AWS::ApiGateway::RestApi
    Properties:
      Name: strict
      SecurityPolicy: SecurityPolicy_TLS13_1_2_2021_06
      EndpointAccessMode: STRICT
      EndpointConfiguration: {Types: [REGIONAL]}
  StrictStage:
    Type: AWS::ApiGateway::Stage
    Properties: {RestApiId: !Ref StrictApi, DeploymentId: d, StageName: prod}
  OffApi:
    Type: AWS::ApiGateway::RestApi
    Properties: {Name: off, DisableExecuteApiEndpoint: true}
  OffStage:
    Type: AWS::ApiGateway::Stage
    Properties: {RestApiId: !Ref OffApi, DeploymentId: d, StageName: prod}
  OpenApi:
    Type: AWS::ApiGateway::RestApi
    Properties:
      Body:
        openapi: 3.0.1
        x-amazon-apigateway-security-policy: TLS_1_2
  OpenStage:
    Type: AWS::ApiGateway::Stage
    Properties: {RestApiId: !Ref OpenApi, DeploymentId: d, StageName: prod}
  PlainBodyApi:
    Type: AWS::ApiGateway::RestApi
    Properties:
      Body: {openapi: 3.0.1, paths: {}}
      EndpointConfiguration: {Types: [REGIONAL]}
  PlainBodyStage:
    Type: AWS::ApiGateway::Stage
    Properties: {RestApiId: !Ref PlainBodyApi, DeploymentId: d, StageName: prod}
  Guarded:
    Type: AWS::WAFv2::WebACLAssociation
    Properties: {ResourceArn: !Ref PlainBodyStage, WebACLArn: arn:aws:wafv2:acl}
  OutsideStage:
    Type: AWS::ApiGateway::Stage
    Properties: {RestApiId: abc123, DeploymentId: d, StageName: prod}
  SamEdge:
    Type: AWS::Serverless::Api
    Properties: {StageName: prod}
  SamPrivate:
    Type: AWS::Serverless::Api
    Properties: {StageName: prod, EndpointConfiguration: {Type: PRIVATE}}
  SamExternal:
    Type: AWS::Serverless::Api
    Properties: {StageName: prod, DefinitionUri: s3://specs/api.yaml}
  SamGuarded:
    Type: AWS::Serverless::Api
    Properties: {StageName: prod}
  SamGuard:
    Type: AWS::WAFv2::WebACLAssociation
    Properties:
      ResourceArn: !Sub arn:aws:apigateway:${AWS::Region}::/restapis/${SamGuarded}/stages/prod
      WebACLArn: arn:aws:wafv2:acl
  SamMisspelt:
    Type: AWS::Serverless::Api
    Properties: {StageName: prod, EndpointConfiguration: {Types: [PRIVATE]}}
"""


def _found(tmp_path: Path) -> dict[tuple[str, str], Finding]:
    (tmp_path / "template.yaml").write_text(TEMPLATE, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-ENC-005", "GDCC-NET-003")))
    return {(f.rule_id, f.address): f for f in result.findings if f.address}


def test_stage_takes_its_rest_api_default_endpoint(tmp_path: Path) -> None:
    found = _found(tmp_path)
    stages = {
        address: (
            status_of(found, "GDCC-ENC-005", address), status_of(found, "GDCC-NET-003", address)
        )
        for address in (
            "EdgeStage", "PrivateStage", "StrictStage", "OffStage", "OpenStage",
            "PlainBodyStage", "OutsideStage", "SamEdge", "SamPrivate", "SamExternal",
            "SamMisspelt", "SamGuarded",
        )
    }
    assert stages == {
        "EdgeStage": (Status.FAIL, Status.FAIL),
        "PrivateStage": (Status.PASS, Status.NOT_APPLICABLE),
        "StrictStage": (Status.PASS, Status.FAIL),
        "OffStage": (Status.UNKNOWN, Status.FAIL),
        "OpenStage": (Status.UNKNOWN, Status.FAIL),
        "PlainBodyStage": (Status.FAIL, Status.PASS),  # its web ACL association
        "OutsideStage": (Status.UNKNOWN, Status.UNKNOWN),
        # no web ACL association names its stage (Fn::Sub with the Api's id)
        "SamEdge": (Status.FAIL, Status.FAIL),
        "SamGuarded": (Status.FAIL, Status.PASS),
        "SamPrivate": (Status.PASS, Status.NOT_APPLICABLE),
        "SamExternal": (Status.UNKNOWN, Status.FAIL),
        # SAM reads EndpointConfiguration.Type: "Types" is not a type it writes
        "SamMisspelt": (Status.UNKNOWN, Status.UNKNOWN),  # public not known
    }
    edge = found[("GDCC-ENC-005", "EdgeStage")]
    assert edge.evidence["tls_min_version"] == "1.0"
    assert edge.evidence["defaults"]["tls_min_version"] == {
        "attribute": "SecurityPolicy", "value": "default", "documentation": REST_API_TLS_DOC,
    }
    assert "provider default" in edge.message.en
    net = found[("GDCC-NET-003", "EdgeStage")]
    assert net.evidence["defaults"]["public_endpoint"]["documentation"] == REST_API_ENDPOINT_DOC
    assert net.evidence["waf_enabled"] is False
    assert "defaults" not in found[("GDCC-ENC-005", "StrictStage")].evidence
    assert "DisableExecuteApiEndpoint" in found[("GDCC-ENC-005", "OffStage")].message.en
    assert "OpenAPI body" in found[("GDCC-ENC-005", "OpenStage")].message.en
    assert "OpenAPI body" in found[("GDCC-ENC-005", "SamExternal")].message.en
    assert found[("GDCC-ENC-005", "SamPrivate")].evidence["tls_min_version"] == "1.2"


def status_of(found: dict[tuple[str, str], Finding], rule: str, address: str) -> Status:
    return found[(rule, address)].status
