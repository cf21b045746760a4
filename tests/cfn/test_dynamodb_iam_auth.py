"""DynamoDB has no database users or passwords: every request is signed by an IAM identity.
Terraform's ``aws_dynamodb_table`` PASSed GDCC-DB-001 for that reason while every
CloudFormation ``AWS::DynamoDB::Table``, ``AWS::DynamoDB::GlobalTable`` and SAM
``AWS::Serverless::SimpleTable`` was UNKNOWN "directory_auth is not known" (65 + 19 in
aws-samples/serverless-patterns)."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

TEMPLATE = """\
Transform: AWS::Serverless-2016-10-31
Resources:
  Orders:
    Type: AWS::DynamoDB::Table
    Properties:
      AttributeDefinitions: [{AttributeName: id, AttributeType: S}]
      KeySchema: [{AttributeName: id, KeyType: HASH}]
      BillingMode: PAY_PER_REQUEST
  Global:
    Type: AWS::DynamoDB::GlobalTable
    Properties:
      AttributeDefinitions: [{AttributeName: id, AttributeType: S}]
      KeySchema: [{AttributeName: id, KeyType: HASH}]
      BillingMode: PAY_PER_REQUEST
      Replicas: [{Region: ap-southeast-1}]
  Simple:
    Type: AWS::Serverless::SimpleTable
"""


def test_dynamodb_tables_authenticate_with_iam(tmp_path: Path) -> None:
    (tmp_path / "template.yaml").write_text(TEMPLATE, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-DB-001",)))
    found = {f.address: (f.status, f.message.en, f.evidence) for f in result.findings}
    passed = (
        Status.PASS,
        "Databases authenticate users through the directory (IAM / Entra ID)",
        {"directory_auth": True},
    )
    assert found == {"Orders": passed, "Global": passed, "Simple": passed}
