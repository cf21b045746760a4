"""An ``AWS::Include`` snippet whose ``Location`` is a path beside the template (the SAM
``DefinitionBody: {Fn::Transform: {Name: AWS::Include, Parameters: {Location: openapi.yaml}}}``
that ``sam package`` uploads) is read in place: an API whose OpenAPI body lets anyone call a
method was UNKNOWN for GDCC-NET-005 (the body was not known). A Location outside the
template's folder, or on S3, stays not known."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings


def _api(name: str, location: str) -> str:
    return f"""\
  {name}:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
      EndpointConfiguration: REGIONAL
      DefinitionBody:
        Fn::Transform:
          Name: AWS::Include
          Parameters:
            Location: {location}
"""


OPENAPI = """\
openapi: 3.0.1
info: {title: items, version: '1'}
paths:
  /items:
    get:
      x-amazon-apigateway-integration:
        type: aws_proxy
        httpMethod: POST
        uri: !Sub arn:aws:apigateway:${AWS::Region}:lambda:path/{FN}/invocations
""".replace("{FN}", "2015-03-31/functions/arn:aws:lambda:ap-southeast-7:1:function:items")
NOT_KNOWN = (
    Status.UNKNOWN,
    "which methods ask for credentials is not known from the input: the API is defined by an "
    "OpenAPI body (or a quick-create target) whose methods are not read: whether each asks "
    "for credentials is not known",
)


def test_local_include_is_read(tmp_path: Path) -> None:
    (tmp_path / "outside.yaml").write_text(OPENAPI, encoding="utf-8")
    stack = tmp_path / "stack"
    (stack / "api").mkdir(parents=True)
    (stack / "api" / "openapi.yaml").write_text(OPENAPI, encoding="utf-8")
    (stack / "template.yaml").write_text(
        "Transform: AWS::Serverless-2016-10-31\nResources:\n"
        + _api("Local", "api/openapi.yaml")
        + _api("Outside", "../outside.yaml")
        + _api("OnS3", "s3://bucket/openapi.yaml")
        + _api("Missing", "api/missing.yaml"),
        encoding="utf-8",
    )
    result = audit([stack], Settings(rule_ids=("GDCC-NET-005",)))
    assert {f.address: (f.status, f.message.en) for f in result.findings} == {
        "Local": (
            Status.FAIL,
            "anyone on the internet can call 1 method(s) without authentication: GET /items "
            "(Local DefinitionBody)",
        ),
        "Outside": NOT_KNOWN,
        "OnS3": NOT_KNOWN,
        "Missing": NOT_KNOWN,
    }
