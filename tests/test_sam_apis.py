"""SAM APIs as the transform makes them, for GDCC-NET-005 and the API rules: the implicit
``ServerlessRestApi`` / ``ServerlessHttpApi`` (events without ``RestApiId`` / ``ApiId`` were
judged by no rule), ``Globals: Api`` / ``HttpApi`` merged into every SAM API (a default
authorizer or a private endpoint written there was not read), methods of an OpenAPI body
(were UNKNOWN), route resources naming a SAM HTTP API (were not counted: a wrong PASS), and
``AWS::ApiGatewayV2::Api`` judged on its stages or as its quick-create stage (was UNKNOWN on
six rules)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings
from iac_helpers import run

HEAD = 'AWSTemplateFormatVersion: "2010-09-09"\nTransform: AWS::Serverless-2016-10-31\n'
FUNCTION = """  {name}:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      CodeUri: src/
      Events:
{events}
"""


def _event(name: str, kind: str, props: str) -> str:
    lines = "".join(f"            {line}\n" for line in props.splitlines())
    return f"        {name}:\n          Type: {kind}\n          Properties:\n{lines}"


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "template.yaml"
    path.write_text(HEAD + text, encoding="utf-8")
    return path


def _findings(path: Path, rule: str) -> dict[str, tuple[Status, dict[str, Any]]]:
    result = audit([path], Settings(rule_ids=(rule,)))
    return {f.address or "": (f.status, f.evidence) for f in result.findings}


def test_implicit_rest_api_is_judged(tmp_path: Path) -> None:
    events = _event("Hello", "Api", "Path: /hello\nMethod: get")
    path = _write(tmp_path, "Resources:\n" + FUNCTION.format(name="Fn", events=events))
    resources, errors, _ = run(path)
    assert errors == []
    api = resources["ServerlessRestApi"]
    assert api.provider_type == "AWS::Serverless::Api"
    assert api.location.start_line == 11  # the event that makes it
    assert api.facets.unauthenticated_methods == ("GET /hello (Fn.Events.Hello)",)
    # the function calls on the API's events (the graph reaches it through the API)
    called = {(r.target, r.attribute) for r in resources["Fn"].references}
    assert ("ServerlessRestApi", "Events") in called
    status, evidence = _findings(path, "GDCC-NET-005")["ServerlessRestApi"]
    assert status is Status.FAIL
    assert evidence == {
        "public_endpoint": True,
        "unauthenticated_methods": ["GET /hello (Fn.Events.Hello)"],
        "defaults": {
            "public_endpoint": {
                "attribute": "EndpointConfiguration",
                "documentation": "https://docs.aws.amazon.com/apigateway/latest/developerguide/"
                "api-gateway-api-endpoint-types.html",
                "value": "default",
            }
        },
    }
    # edge-optimised by default, TLS 1.0 on its default endpoint (labelled default)
    status, evidence = _findings(path, "GDCC-ENC-005")["ServerlessRestApi"]
    assert status is Status.FAIL
    assert evidence["tls_min_version"] == "1.0"


def test_globals_api_auth_protects_the_implicit_api(tmp_path: Path) -> None:
    events = _event("Hello", "Api", "Path: /hello\nMethod: get") + _event(
        "Health", "Api", "Path: /health\nMethod: get\nAuth:\n  Authorizer: NONE"
    )
    text = (
        "Globals:\n  Api:\n    Auth:\n      DefaultAuthorizer: AWS_IAM\n"
        "Resources:\n" + FUNCTION.format(name="Fn", events=events)
    )
    status, evidence = _findings(_write(tmp_path, text), "GDCC-NET-005")["ServerlessRestApi"]
    assert status is Status.FAIL
    assert evidence["unauthenticated_methods"] == ["GET /health (Fn.Events.Health)"]
    only_signed = text.replace(
        _event("Health", "Api", "Path: /health\nMethod: get\nAuth:\n  Authorizer: NONE"), ""
    )
    status, evidence = _findings(_write(tmp_path, only_signed), "GDCC-NET-005")[
        "ServerlessRestApi"
    ]
    assert (status, evidence["unauthenticated_methods"]) == (Status.PASS, [])


def test_globals_api_applies_to_explicit_apis(tmp_path: Path) -> None:
    events = _event("Hello", "Api", "RestApiId: !Ref Private\nPath: /hello\nMethod: get")
    text = (
        "Globals:\n  Api:\n    EndpointConfiguration:\n      Type: PRIVATE\n"
        "    AccessLogSetting:\n      DestinationArn: arn:aws:logs:ap-southeast-7:1:log-group:a\n"
        "Resources:\n  Private:\n    Type: AWS::Serverless::Api\n"
        "    Properties:\n      StageName: prod\n" + FUNCTION.format(name="Fn", events=events)
    )
    path = _write(tmp_path, text)
    status, evidence = _findings(path, "GDCC-NET-005")["Private"]
    assert (status, evidence) == (Status.NOT_APPLICABLE, {"public_endpoint": False})
    assert _findings(path, "GDCC-LOG-007")["Private"] == (
        Status.PASS,
        {"access_logging": True},
    )


def test_implicit_http_api_and_state_machine_events(tmp_path: Path) -> None:
    events = _event("Any", "HttpApi", "{}").replace("Properties:\n            {}", "Properties: {}")
    machine = (
        "  Flow:\n    Type: AWS::Serverless::StateMachine\n    Properties:\n"
        "      DefinitionUri: flow.asl.json\n      Events:\n"
        + _event("Start", "Api", "Path: /start\nMethod: post")
    )
    text = "Resources:\n" + FUNCTION.format(name="Fn", events=events) + machine
    path = _write(tmp_path, text)
    found = _findings(path, "GDCC-NET-005")
    assert found["ServerlessHttpApi"] == (
        Status.FAIL,
        {"public_endpoint": True, "unauthenticated_methods": ["$default (Fn.Events.Any)"]},
    )
    assert found["ServerlessRestApi"][1]["unauthenticated_methods"] == [
        "POST /start (Flow.Events.Start)"
    ]


def test_routes_naming_a_sam_http_api_count(tmp_path: Path) -> None:
    events = _event("Get", "HttpApi", "ApiId: !Ref Http\nPath: /items\nMethod: get")
    text = (
        "Resources:\n  Http:\n    Type: AWS::Serverless::HttpApi\n    Properties:\n"
        "      Auth:\n        DefaultAuthorizer: Jwt\n        Authorizers:\n"
        "          Jwt:\n            IdentitySource: $request.header.Authorization\n"
        "            JwtConfiguration:\n              issuer: https://issuer.example\n"
        "              audience: [app]\n"
        + FUNCTION.format(name="Fn", events=events)
        + "  Raw:\n    Type: AWS::ApiGatewayV2::Route\n    Properties:\n"
        "      ApiId: !Ref Http\n      RouteKey: ANY /sqs\n"
    )
    path = _write(tmp_path, text)
    # was PASS: the event is behind the default authorizer, the route written beside it is not
    assert _findings(path, "GDCC-NET-005")["Http"] == (
        Status.FAIL,
        {"public_endpoint": True, "unauthenticated_methods": ["ANY /sqs (Raw)"]},
    )
    signed = text.replace(
        "RouteKey: ANY /sqs\n", "RouteKey: ANY /sqs\n      AuthorizationType: JWT\n"
    )
    status, evidence = _findings(_write(tmp_path, signed), "GDCC-NET-005")["Http"]
    assert (status, evidence["unauthenticated_methods"]) == (Status.PASS, [])


BODY = """  Rest:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
      DefinitionBody:
        openapi: "3.0.1"
        info: {title: t, version: "1"}
        paths:
          /open:
            get: {}
            options: {}
          /signed:
            post:
              security: [{sigv4: []}]
          /keyed:
            get:
              security: [{api_key: []}]
          /lambda:
            x-amazon-apigateway-any-method:
              security: [{custom: []}]
        components:
          securitySchemes:
            sigv4: {type: apiKey, name: Authorization, in: header,
                    x-amazon-apigateway-authtype: awsSigv4}
            api_key: {type: apiKey, name: x-api-key, in: header}
            custom:
              type: apiKey
              name: Authorization
              in: header
              x-amazon-apigateway-authtype: custom
              x-amazon-apigateway-authorizer: {type: token, authorizerUri: arn:x}
"""


def test_openapi_body_methods(tmp_path: Path) -> None:
    path = _write(tmp_path, "Resources:\n" + BODY)
    status, evidence = _findings(path, "GDCC-NET-005")["Rest"]
    assert status is Status.FAIL
    assert evidence["unauthenticated_methods"] == [
        "GET /open (Rest DefinitionBody)",
        "GET /keyed (Rest DefinitionBody) (API key only: an API key is no authentication)",
    ]
    # the API's default authorizer is added to every method naming none (the transform)
    guarded = BODY.replace("      StageName: prod\n", "      StageName: prod\n"
                           "      Auth:\n        DefaultAuthorizer: AWS_IAM\n")
    status, evidence = _findings(_write(tmp_path, "Resources:\n" + guarded), "GDCC-NET-005")[
        "Rest"
    ]
    assert (status, evidence["unauthenticated_methods"]) == (Status.PASS, [])


def test_openapi_body_not_read_is_unknown(tmp_path: Path) -> None:
    # a scheme API Gateway gives no documented meaning, a body-wide requirement
    for changed in (
        BODY.replace("get: {}\n", "get: {security: [{oidc: []}]}\n").replace(
            "          securitySchemes:\n",
            "          securitySchemes:\n            oidc: {type: openIdConnect, "
            "openIdConnectUrl: https://x}\n",
        ),
        BODY.replace("        paths:\n", "        security: [{sigv4: []}]\n        paths:\n"),
    ):
        status, evidence = _findings(_write(tmp_path, "Resources:\n" + changed), "GDCC-NET-005")[
            "Rest"
        ]
        assert status is Status.UNKNOWN
        assert evidence["unknown_because"]["unauthenticated_methods"].startswith(
            "the API is defined by an OpenAPI body"
        )


def test_http_api_resource_judged_on_stages_or_quick_create(tmp_path: Path) -> None:
    text = (
        "Resources:\n  Staged:\n    Type: AWS::ApiGatewayV2::Api\n    Properties:\n"
        "      Name: s\n      ProtocolType: HTTP\n"
        "  StagedStage:\n    Type: AWS::ApiGatewayV2::Stage\n    Properties:\n"
        "      ApiId: !Ref Staged\n      StageName: $default\n"
        "  Quick:\n    Type: AWS::ApiGatewayV2::Api\n    Properties:\n"
        "      Name: q\n      ProtocolType: HTTP\n      Target: arn:aws:lambda:x\n"
    )
    path = _write(tmp_path, text)
    found = _findings(path, "GDCC-NET-005")
    assert found["Staged"][0] is Status.NOT_APPLICABLE
    resources, _, _ = run(path)
    assert resources["Staged"].absent["unauthenticated_methods"].en == (
        "an HTTP or WebSocket API is served by its stages (StagedStage): judged on them"
    )
    assert found["Quick"] == (
        Status.FAIL,
        {
            "public_endpoint": True,
            "unauthenticated_methods": ["$default (Quick: quick-create target)"],
        },
    )
    assert _findings(path, "GDCC-ENC-005")["Quick"] == (
        Status.PASS,
        {"tls_min_version": "1.2"},
    )


def test_http_api_stages_have_no_waf(tmp_path: Path) -> None:
    """AWS WAF protects REST APIs, not HTTP APIs: a public HTTP API stage FAILs GDCC-NET-003
    (was UNKNOWN, in Terraform and CloudFormation); a WebSocket stage too since stop 45 (AWS
    WAF protects no WebSocket API: tests/test_websocket_api_waf.py)."""
    text = (
        "Resources:\n  Sam:\n    Type: AWS::Serverless::HttpApi\n"
        "  Http:\n    Type: AWS::ApiGatewayV2::Api\n    Properties:\n"
        "      Name: h\n      ProtocolType: HTTP\n"
        "  HttpStage:\n    Type: AWS::ApiGatewayV2::Stage\n    Properties:\n"
        "      ApiId: !Ref Http\n      StageName: $default\n"
        "  Ws:\n    Type: AWS::ApiGatewayV2::Api\n    Properties:\n"
        "      Name: w\n      ProtocolType: WEBSOCKET\n"
        "      RouteSelectionExpression: $request.body.action\n"
        "  WsStage:\n    Type: AWS::ApiGatewayV2::Stage\n    Properties:\n"
        "      ApiId: !Ref Ws\n      StageName: prod\n"
    )
    _write(tmp_path, text)
    (tmp_path / "main.tf").write_text(
        'resource "aws_apigatewayv2_api" "h" {\n  name = "h"\n  protocol_type = "HTTP"\n}\n'
        'resource "aws_apigatewayv2_stage" "h" {\n  api_id = aws_apigatewayv2_api.h.id\n'
        '  name = "$default"\n}\n',
        encoding="utf-8",
    )
    result = audit([tmp_path], Settings(rule_ids=("GDCC-NET-003",)))
    found = {f.address: (f.status, f.evidence) for f in result.findings}
    for address in ("Sam", "HttpStage", "aws_apigatewayv2_stage.h"):
        assert found[address] == (
            Status.FAIL,
            {"public_endpoint": True, "waf_enabled": False},
        ), address
    assert found["WsStage"] == (Status.FAIL, {"public_endpoint": True, "waf_enabled": False})


def test_no_implicit_api_for_a_function_not_created(tmp_path: Path) -> None:
    """A function whose condition is false makes no implicit API (its events are not
    deployed)."""
    events = _event("Hello", "Api", "Path: /hello\nMethod: get")
    text = (
        "Conditions:\n  Never: !Equals [a, b]\nResources:\n"
        + FUNCTION.format(name="Fn", events=events).replace(
            "    Type: AWS::Serverless::Function\n",
            "    Type: AWS::Serverless::Function\n    Condition: Never\n",
        )
    )
    resources, errors, _ = run(_write(tmp_path, text))
    assert errors == []
    assert "ServerlessRestApi" not in resources


def test_api_named_by_its_logical_id_as_text(tmp_path: Path) -> None:
    """An event naming its API as text (``ApiId: Api``, ``RestApiId: Rest``), which the
    transform reads as the logical id, added no method: the open route PASSed GDCC-NET-005
    (SAM translator tests api_with_no_properties, api_request_model)."""
    events = _event("Get", "HttpApi", "ApiId: Http\nPath: /\nMethod: get") + _event(
        "Any", "HttpApi", "ApiId: Http2"
    ) + _event("Rest", "Api", "RestApiId: Rest\nPath: /any\nMethod: any")
    text = (
        "Resources:\n" + FUNCTION.format(name="Fn", events=events)
        + "  Http:\n    Type: AWS::Serverless::HttpApi\n"
        + "  Http2:\n    Type: AWS::Serverless::HttpApi\n"
        + "  Rest:\n    Type: AWS::Serverless::Api\n    Properties:\n      StageName: Prod\n"
    )
    found = _findings(_write(tmp_path, text), "GDCC-NET-005")
    assert found["Http"] == (Status.FAIL, {
        "public_endpoint": True, "unauthenticated_methods": ["GET / (Fn.Events.Get)"]})
    assert found["Http2"][1]["unauthenticated_methods"] == ["$default (Fn.Events.Any)"]
    assert found["Rest"][0] is Status.FAIL
    assert found["Rest"][1]["unauthenticated_methods"] == ["ANY /any (Fn.Events.Rest)"]


def test_http_api_imported_from_openapi_has_no_waf(tmp_path: Path) -> None:
    """An ``AWS::ApiGatewayV2::Api`` with a ``Body`` and no ``ProtocolType`` (what the SAM
    transform writes for an HttpApi) is an HTTP API: its stage FAILs GDCC-NET-003 (was
    UNKNOWN: "whether it is public or has a WAF is not known")."""
    text = (
        "Resources:\n  Imported:\n    Type: AWS::ApiGatewayV2::Api\n    Properties:\n"
        "      Body:\n        openapi: 3.0.1\n        info: {title: t, version: '1'}\n"
        "        paths: {}\n"
        "  ImportedStage:\n    Type: AWS::ApiGatewayV2::Stage\n    Properties:\n"
        "      ApiId: !Ref Imported\n      StageName: $default\n"
    )
    found = _findings(_write(tmp_path, text), "GDCC-NET-003")
    assert found["ImportedStage"] == (
        Status.FAIL, {"public_endpoint": True, "waf_enabled": False})


def test_sam_graphql_api_is_judged(tmp_path: Path) -> None:
    """``AWS::Serverless::GraphQLApi`` was not mapped ("not judged"): it is read as the
    ``AWS::AppSync::GraphQLApi`` it makes, with the transform's logging (a role it creates
    unless ``Logging: false``)."""
    api = "    Type: AWS::Serverless::GraphQLApi\n    Properties:\n      SchemaInline: x\n"
    text = (
        f"Resources:\n  Logged:\n{api}      Auth:\n        Type: AWS_IAM\n"
        f"  Silent:\n{api}      Logging: false\n      Auth:\n        Type: API_KEY\n"
        f"  Private:\n{api}      Visibility: PRIVATE\n      Auth:\n        Type: AWS_IAM\n"
    )
    path = _write(tmp_path, text)
    logs = _findings(path, "GDCC-LOG-007")
    assert logs["Logged"][0] is Status.PASS
    assert logs["Silent"] == (Status.FAIL, {"access_logging": False})
    waf = _findings(path, "GDCC-NET-003")
    assert waf["Logged"] == (Status.FAIL, {"public_endpoint": True, "waf_enabled": False})
    assert waf["Private"][0] is Status.NOT_APPLICABLE


def test_sam_websocket_api_is_judged(tmp_path: Path) -> None:
    """``AWS::Serverless::WebSocketApi`` was not mapped ("not judged"): it is judged as the
    WebSocket stage it makes (access logs from ``AccessLogSettings``, here from ``Globals``),
    with its ``$connect`` route open unless ``Auth.AuthType`` names an authorizer."""
    api = (
        "    Type: AWS::Serverless::WebSocketApi\n    Properties:\n"
        "      RouteSelectionExpression: $request.body.action\n"
        "      Routes:\n        $connect:\n          FunctionArn: arn:aws:lambda:x\n"
    )
    text = (
        "Globals:\n  WebSocketApi:\n    AccessLogSettings:\n      DestinationArn: arn:logs\n"
        f"Resources:\n  Open:\n{api}"
        f"  Signed:\n{api}      Auth:\n        AuthType: AWS_IAM\n"
    )
    path = _write(tmp_path, text)
    found = _findings(path, "GDCC-NET-005")
    assert found["Open"] == (Status.FAIL, {
        "public_endpoint": True, "unauthenticated_methods": ["$connect (Open.Routes)"]})
    assert found["Signed"][0] is Status.PASS
    assert _findings(path, "GDCC-LOG-007")["Open"] == (Status.PASS, {"access_logging": True})
