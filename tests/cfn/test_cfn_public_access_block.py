"""GDCC-DATA-006 on CloudFormation buckets: Block Public Access as written, or its default."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.settings import Settings

TEMPLATE = """\
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Block: {Type: String}
Resources:
  Default:
    Type: AWS::S3::Bucket
  AllOn:
    Type: AWS::S3::Bucket
    Properties:
      PublicAccessBlockConfiguration:
        BlockPublicAcls: true
        BlockPublicPolicy: "true"
        IgnorePublicAcls: true
        RestrictPublicBuckets: true
  PolicyAllowed:
    Type: AWS::S3::Bucket
    Properties:
      PublicAccessBlockConfiguration:
        BlockPublicAcls: true
        BlockPublicPolicy: false
        IgnorePublicAcls: true
        RestrictPublicBuckets: true
  ThreeWritten:
    Type: AWS::S3::Bucket
    Properties:
      PublicAccessBlockConfiguration:
        BlockPublicAcls: true
        IgnorePublicAcls: true
        RestrictPublicBuckets: true
  FromParameter:
    Type: AWS::S3::Bucket
    Properties:
      PublicAccessBlockConfiguration:
        BlockPublicAcls: true
        BlockPublicPolicy: !Ref Block
        IgnorePublicAcls: true
        RestrictPublicBuckets: true
"""


def test_block_public_access_as_written_or_by_default(tmp_path: Path) -> None:
    (tmp_path / "buckets.yaml").write_text(TEMPLATE, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-DATA-006",)))
    got = {f.address: (f.status.value, f.evidence) for f in result.findings}
    assert got == {
        # on for new buckets since 2023, labelled as the provider default
        "Default": (
            "PASS",
            {
                "public_access_block": True,
                "defaults": {
                    "public_access_block": {
                        "attribute": "PublicAccessBlockConfiguration",
                        "value": "default",
                        "documentation": "https://docs.aws.amazon.com/AmazonS3/latest/userguide/"
                        "access-control-block-public-access.html",
                    }
                },
            },
        ),
        "AllOn": ("PASS", {"public_access_block": True}),
        "PolicyAllowed": ("FAIL", {"public_access_block": False}),
        "ThreeWritten": ("FAIL", {"public_access_block": False}),  # BlockPublicPolicy: false
        "FromParameter": ("UNKNOWN", {"public_access_block": None}),
    }


TRANSIT = """\
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Plain:
    Type: AWS::S3::Bucket
  HttpsOnly:
    Type: AWS::S3::Bucket
  HttpsOnlyPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref HttpsOnly
      PolicyDocument:
        Statement:
          - Effect: Deny
            Principal: "*"
            Action: "s3:*"
            Resource: [!GetAtt HttpsOnly.Arn, !Sub "${HttpsOnly.Arn}/*"]
            Condition: {Bool: {"aws:SecureTransport": "false"}}
  OtherPolicy:
    Type: AWS::S3::Bucket
  ReadPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref OtherPolicy
      PolicyDocument:
        Statement:
          - Effect: Allow
            Principal: {AWS: !Sub "arn:aws:iam::${AWS::AccountId}:root"}
            Action: "s3:GetObject"
            Resource: !Sub "${OtherPolicy.Arn}/*"
"""


def test_https_only_through_a_bucket_policy(tmp_path: Path) -> None:
    (tmp_path / "buckets.yaml").write_text(TRANSIT, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-DATA-008",)))
    got = {f.address: (f.status.value, f.evidence) for f in result.findings}
    assert got == {
        "Plain": ("FAIL", {"encrypted_in_transit": False}),
        "HttpsOnly": ("PASS", {"encrypted_in_transit": True}),
        "OtherPolicy": ("FAIL", {"encrypted_in_transit": False}),
    }
