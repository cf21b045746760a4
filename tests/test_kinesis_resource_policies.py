"""Kinesis data streams are shared outside their account only by a resource policy
(``aws_kinesis_resource_policy``, ``AWS::Kinesis::ResourcePolicy``). GDCC-MSG-002 was UNKNOWN
"public_access is not known" on every stream, and a policy open to everyone went unjudged."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

TF = """\
resource "aws_kinesis_stream" "private" {
  name        = "private"
  shard_count = 1
}

resource "aws_kinesis_stream" "open" {
  name        = "open"
  shard_count = 1
}

resource "aws_kinesis_resource_policy" "open" {
  resource_arn = aws_kinesis_stream.open.arn
  policy = jsonencode({
    Statement = [{ Effect = "Allow", Principal = "*", Action = "kinesis:GetRecords",
                   Resource = aws_kinesis_stream.open.arn }]
  })
}

resource "aws_kinesis_resource_policy" "elsewhere" {
  resource_arn = "arn:aws:kinesis:ap-southeast-7:123456789012:stream/other"
  policy = jsonencode({
    Statement = [{ Effect = "Allow", Principal = "*", Action = "kinesis:PutRecord",
                   Resource = "*" }]
  })
}

resource "aws_kinesis_resource_policy" "partner" {
  resource_arn = "arn:aws:kinesis:ap-southeast-7:123456789012:stream/partner"
  policy = jsonencode({
    Statement = [{ Effect = "Allow", Principal = { AWS = "arn:aws:iam::111122223333:root" },
                   Action = "kinesis:GetRecords", Resource = "*" }]
  })
}
"""

CFN = """\
Resources:
  Quiet:
    Type: AWS::Kinesis::Stream
    Properties: {ShardCount: 1}
  Shared:
    Type: AWS::Kinesis::Stream
    Properties: {ShardCount: 1}
  SharedPolicy:
    Type: AWS::Kinesis::ResourcePolicy
    Properties:
      ResourceArn: !GetAtt Shared.Arn
      ResourcePolicy:
        Statement:
          - {Effect: Allow, Principal: "*", Action: "kinesis:DescribeStreamSummary",
             Resource: !GetAtt Shared.Arn}
"""


def test_stream_policies_decide_who_may_read(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(TF, encoding="utf-8")
    (tmp_path / "streams.yaml").write_text(CFN, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-MSG-002",)))
    found = {f.address: (f.status, f.evidence) for f in result.findings}
    assert found == {
        "aws_kinesis_stream.private": (Status.PASS, {"public_access": False}),
        "aws_kinesis_stream.open": (Status.FAIL, {"public_access": True}),
        # a policy whose stream is not in the scan is judged as that stream
        "aws_kinesis_resource_policy.elsewhere": (Status.FAIL, {"public_access": True}),
        "aws_kinesis_resource_policy.partner": (Status.PASS, {"public_access": False}),
        "Quiet": (Status.PASS, {"public_access": False}),
        "Shared": (Status.FAIL, {"public_access": True}),
    }
