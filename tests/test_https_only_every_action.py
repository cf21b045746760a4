"""A resource policy makes its S3 bucket (GDCC-DATA-008) or DynamoDB table (GDCC-ENC-004)
HTTPS-only when it denies *every* action of the service (``s3:*``, ``dynamodb:*``, ``*``) to
requests with ``aws:SecureTransport`` false. A Deny limited to some actions (``s3:PutObject``)
leaves the others served over HTTP, and a Deny for named principals leaves the other callers;
both PASSed, as any Deny with that condition did."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

TEMPLATE = """
Resources:
  Writes:
    Type: AWS::S3::Bucket
  WritesPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref Writes
      PolicyDocument:
        Statement:
          - Effect: Deny
            Principal: "*"
            Action: s3:PutObject
            Resource: !Sub "${Writes.Arn}/*"
            Condition: {Bool: {"aws:SecureTransport": "false"}}
  All:
    Type: AWS::S3::Bucket
  AllPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref All
      PolicyDocument:
        Statement:
          - Effect: Deny
            Principal: "*"
            Action: ["s3:*"]
            Resource: [!GetAtt All.Arn, !Sub "${All.Arn}/*"]
            Condition: {Bool: {"aws:SecureTransport": "false"}}
  OneRole:
    Type: AWS::S3::Bucket
  OneRolePolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref OneRole
      PolicyDocument:
        Statement:
          - Effect: Deny
            Principal: {AWS: "arn:aws:iam::123456789012:role/app"}
            Action: "s3:*"
            Resource: [!GetAtt OneRole.Arn, !Sub "${OneRole.Arn}/*"]
            Condition: {Bool: {"aws:SecureTransport": "false"}}
  Table:
    Type: AWS::DynamoDB::Table
    Properties:
      AttributeDefinitions: [{AttributeName: id, AttributeType: S}]
      KeySchema: [{AttributeName: id, KeyType: HASH}]
      BillingMode: PAY_PER_REQUEST
      ResourcePolicy:
        PolicyDocument:
          Statement:
            - Effect: Deny
              Principal: "*"
              Action: [dynamodb:PutItem, dynamodb:UpdateItem]
              Resource: "*"
              Condition: {Bool: {"aws:SecureTransport": "false"}}
"""


def test_a_deny_on_some_actions_is_not_https_only(tmp_path: Path) -> None:
    (tmp_path / "template.yaml").write_text(TEMPLATE, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-DATA-008", "GDCC-ENC-004")))
    found = {(f.address, f.rule_id): f for f in result.findings}
    writes = found[("Writes", "GDCC-DATA-008")]
    assert (writes.status, writes.message.en) == (
        Status.FAIL, "unencrypted connections are accepted"
    )
    assert found[("All", "GDCC-DATA-008")].status is Status.PASS
    # a Deny for one role leaves every other caller on HTTP
    assert found[("OneRole", "GDCC-DATA-008")].status is Status.FAIL
    table = found[("Table", "GDCC-ENC-004")]
    assert table.status is Status.FAIL
    assert table.message.en.startswith("unencrypted connections are accepted")
