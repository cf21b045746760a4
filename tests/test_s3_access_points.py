"""S3 access points (GDCC-DATA-001).

A bucket policy that lets everyone in only through access points of a named account
(``s3:DataAccessPointAccount``) or of named access point ARNs (``s3:DataAccessPointArn``, an
access point name wildcard allowed when the account is fixed) is not public: S3 lists both keys
among those whose fixed values make a policy non-public (S3 user guide, "Blocking public access
to your Amazon S3 storage", "The meaning of 'public'"). It was judged public (wrong FAIL)."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

DELEGATING_TF = """\
resource "aws_s3_bucket" "delegated" {
  bucket = "delegated"
}

resource "aws_s3_bucket_policy" "delegated" {
  bucket = aws_s3_bucket.delegated.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "*" }
      Action    = "*"
      Resource  = ["arn:aws:s3:::delegated", "arn:aws:s3:::delegated/*"]
      Condition = { StringEquals = { "s3:DataAccessPointAccount" = "123456789012" } }
    }]
  })
}

resource "aws_s3_bucket" "by_arn" {
  bucket = "by-arn"
}

resource "aws_s3_bucket_policy" "by_arn" {
  bucket = aws_s3_bucket.by_arn.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = "s3:GetObject"
      Resource  = "arn:aws:s3:::by-arn/*"
      Condition = {
        ArnLike = { "s3:DataAccessPointArn" = "arn:aws:s3:us-east-1:123456789012:accesspoint/*" }
      }
    }]
  })
}

resource "aws_s3_bucket" "any_account" {
  bucket = "any-account"
}

resource "aws_s3_bucket_policy" "any_account" {
  bucket = aws_s3_bucket.any_account.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = "s3:GetObject"
      Resource  = "arn:aws:s3:::any-account/*"
      Condition = { ArnLike = { "s3:DataAccessPointArn" = "arn:aws:s3:us-east-1:*:accesspoint/*" } }
    }]
  })
}
"""

DELEGATING_CFN = """\
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Bucket:
    Type: AWS::S3::Bucket
  BucketPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref Bucket
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: {AWS: "*"}
            Action: "*"
            Resource: [!GetAtt Bucket.Arn, !Sub "${Bucket.Arn}/*"]
            Condition:
              StringEquals: {"s3:DataAccessPointAccount": !Ref AWS::AccountId}
"""


def _statuses(tmp_path: Path, name: str, text: str) -> dict[str, Status]:
    (tmp_path / name).write_text(text)
    result = audit([tmp_path], Settings(rule_ids=("GDCC-DATA-001",), cache=False))
    return {f.address or f.resource_name: f.status for f in result.findings}


def test_terraform_bucket_policy_delegating_to_access_points(tmp_path: Path) -> None:
    assert _statuses(tmp_path, "main.tf", DELEGATING_TF) == {
        "aws_s3_bucket.delegated": Status.PASS,
        "aws_s3_bucket.by_arn": Status.PASS,
        # an access point of any account: anyone can create one
        "aws_s3_bucket.any_account": Status.FAIL,
    }


def test_cloudformation_bucket_policy_delegating_to_access_points(tmp_path: Path) -> None:
    assert _statuses(tmp_path, "template.yaml", DELEGATING_CFN) == {"Bucket": Status.PASS}
