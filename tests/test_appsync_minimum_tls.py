"""GDCC-ENC-005 on AppSync GraphQL APIs: TLS 1.2 at least, a documented fact.

aws-samples/serverless-patterns appsync-bedrock (SAM ``AWS::Serverless::GraphQLApi``) was
UNKNOWN "the minimum TLS version is not known from the input", as was every
``AWS::AppSync::GraphQLApi`` and ``aws_appsync_graphql_api``. AppSync requires TLS 1.2
("We require TLS 1.2 and recommend TLS 1.3", AppSync developer guide, "Infrastructure
security"), and its custom domain names "support only TLS 1.2 and TLS 1.3": PASS.
"""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

TEMPLATE = """\
Transform: AWS::Serverless-2016-10-31
Resources:
  Plain:
    Type: AWS::AppSync::GraphQLApi
    Properties:
      Name: plain
      AuthenticationType: AWS_IAM
  Sam:
    Type: AWS::Serverless::GraphQLApi
    Properties:
      SchemaInline: "type Query { a: String }"
      Auth:
        Type: AWS_IAM
"""
TERRAFORM = """\
resource "aws_appsync_graphql_api" "g" {
  name                = "g"
  authentication_type = "AWS_IAM"
}
"""
PASSED = (Status.PASS, "TLS 1.2 or later is the minimum protocol version")


def test_every_graphql_api_requires_tls_1_2(tmp_path: Path) -> None:
    # it was: UNKNOWN "the minimum TLS version is not known from the input" on all three
    (tmp_path / "template.yaml").write_text(TEMPLATE, encoding="utf-8")
    (tmp_path / "main.tf").write_text(TERRAFORM, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-ENC-005",)))
    assert {f.address: (f.status, f.message.en) for f in result.findings} == {
        "Plain": PASSED, "Sam": PASSED, "aws_appsync_graphql_api.g": PASSED
    }
