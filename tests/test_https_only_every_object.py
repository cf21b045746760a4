"""An S3 bucket policy makes its bucket HTTPS-only (GDCC-DATA-008) only when its Deny on
``aws:SecureTransport`` false names every object of the bucket (``arn:aws:s3:::NAME/*``,
``${aws_s3_bucket.b.arn}/*``, ``!Sub "${Bucket.Arn}/*"``). A Deny limited to a prefix
(``NAME/logs/*``) or to the bucket alone leaves the other objects served over HTTP; both
PASSed, as the statement's ``Resource`` was not read. An entry not known (an input) may be
either: UNKNOWN."""

from __future__ import annotations

from pathlib import Path

import pytest

from gdcc_audit.api import audit
from gdcc_audit.load.terraform_model import UNKNOWN_TEXT
from gdcc_audit.models.finding import Status
from gdcc_audit.normalize.terraform.policy import _object_pattern_covers
from gdcc_audit.settings import Settings

TERRAFORM = """
variable "resources" { type = list(string) }
%s
"""


def _bucket(name: str, resources: str) -> str:
    return f"""
resource "aws_s3_bucket" "{name}" {{ bucket = "{name}-bucket" }}
resource "aws_s3_bucket_policy" "{name}" {{
  bucket = aws_s3_bucket.{name}.id
  policy = jsonencode({{
    Version = "2012-10-17"
    Statement = [{{
      Effect    = "Deny"
      Principal = "*"
      Action    = "s3:*"
      Resource  = {resources}
      Condition = {{ Bool = {{ "aws:SecureTransport" = "false" }} }}
    }}]
  }})
}}
"""


BUCKETS = {
    "whole": '[aws_s3_bucket.whole.arn, "${aws_s3_bucket.whole.arn}/*"]',
    "literal": '["arn:aws:s3:::literal-bucket", "arn:aws:s3:::literal-bucket/*"]',
    "prefix": '["${aws_s3_bucket.prefix.arn}/logs/*"]',
    "bucketonly": '["arn:aws:s3:::bucketonly-bucket"]',
    "reference": "[aws_s3_bucket.reference.arn]",
    "suffix": '["arn:aws:s3:::suffix-bucket/*.log"]',
    "input": "var.resources",
}

CLOUDFORMATION = """
Resources:
  Whole:
    Type: AWS::S3::Bucket
  WholePolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref Whole
      PolicyDocument:
        Statement:
          - Effect: Deny
            Principal: "*"
            Action: "s3:*"
            Resource: !Sub "arn:${AWS::Partition}:s3:::${Whole}/*"
            Condition: {Bool: {"aws:SecureTransport": "false"}}
  Prefix:
    Type: AWS::S3::Bucket
  PrefixPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref Prefix
      PolicyDocument:
        Statement:
          - Effect: Deny
            Principal: "*"
            Action: "s3:*"
            Resource: [!GetAtt Prefix.Arn, !Sub "${Prefix.Arn}/logs/*"]
            Condition: {Bool: {"aws:SecureTransport": "false"}}
  Joined:
    Type: AWS::S3::Bucket
  JoinedPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref Joined
      PolicyDocument:
        Statement:
          - Effect: Deny
            Principal: "*"
            Action: "s3:*"
            Resource: !Join ["", [!GetAtt Joined.Arn, "/*"]]
            Condition: {Bool: {"aws:SecureTransport": "false"}}
"""


def _statuses(folder: Path) -> dict[str, Status]:
    result = audit([folder], Settings(rule_ids=("GDCC-DATA-008",), cache=False))
    return {f.address: f.status for f in result.findings}


def test_terraform_deny_must_name_every_object(tmp_path: Path) -> None:
    body = "".join(_bucket(name, resources) for name, resources in BUCKETS.items())
    (tmp_path / "main.tf").write_text(TERRAFORM % body, encoding="utf-8")
    assert _statuses(tmp_path) == {
        "aws_s3_bucket.whole": Status.PASS,
        "aws_s3_bucket.literal": Status.PASS,
        "aws_s3_bucket.prefix": Status.FAIL,
        "aws_s3_bucket.bucketonly": Status.FAIL,
        # the JSON text holds the ARN as a value not known, which may be any pattern
        "aws_s3_bucket.reference": Status.UNKNOWN,
        "aws_s3_bucket.suffix": Status.FAIL,
        "aws_s3_bucket.input": Status.UNKNOWN,
    }


def test_cloudformation_deny_must_name_every_object(tmp_path: Path) -> None:
    (tmp_path / "template.yaml").write_text(CLOUDFORMATION, encoding="utf-8")
    assert _statuses(tmp_path) == {
        "Whole": Status.PASS, "Prefix": Status.FAIL, "Joined": Status.PASS,
    }


@pytest.mark.parametrize(
    ("entry", "covers"),
    [
        ("*", True),
        ("arn:aws:s3:::*", True),
        ("arn:aws:s3:::b/*", True),
        ("arn:aws:s3:::b*", True),
        ("arn:aws:s3:::b", False),
        ("arn:aws:s3:::b/logs/*", False),
        ("arn:aws:s3:::b/*.log", False),
        (f"{UNKNOWN_TEXT}/*", True),
        (f"arn:{UNKNOWN_TEXT}:s3:::b/*", True),
        (f"{UNKNOWN_TEXT}/logs/*", False),
        (f"{UNKNOWN_TEXT}/key.txt", False),
        (UNKNOWN_TEXT, None),
    ],
)
def test_which_entries_name_every_object(entry: str, covers: bool | None) -> None:
    assert _object_pattern_covers(entry) is covers
