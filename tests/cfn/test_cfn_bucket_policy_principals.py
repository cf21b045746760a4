"""CloudFormation bucket policies onto their buckets (GDCC-DATA-001).

- **Wrong PASS**: a statement whose principal cannot be known (``Principal: {AWS: !Ref
  Reader}``, a parameter that may be ``*``) left its bucket PASS: only a public grant was
  carried onto the bucket. Now UNKNOWN naming the statement (unless the bucket's
  ``RestrictPublicBuckets`` is on).
- A principal that is the template's own resource (``!GetAtt OAI.S3CanonicalUserId``,
  ``!GetAtt Role.Arn``) or ``Fn::Sub`` text over its resources and pseudo parameters
  (``arn:${AWS::Partition}:iam::cloudfront:user/CloudFront Origin Access Identity ${OAI}``)
  names them, never everyone: PASS.
- A grant to CloudFront alone (an origin access identity; the ``cloudfront.amazonaws.com``
  service with an ``AWS:SourceArn`` condition) says so in the PASS.
"""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

TEMPLATE = """\
Parameters:
  Reader:
    Type: String
Resources:
  OAI:
    Type: AWS::CloudFront::CloudFrontOriginAccessIdentity
    Properties: {CloudFrontOriginAccessIdentityConfig: {Comment: site}}
  Canonical:
    Type: AWS::S3::Bucket
  CanonicalPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref Canonical
      PolicyDocument:
        Statement:
          - Effect: Allow
            Principal: {CanonicalUser: !GetAtt OAI.S3CanonicalUserId}
            Action: s3:GetObject
            Resource: !Sub "${Canonical.Arn}/*"
  Identity:
    Type: AWS::S3::Bucket
  IdentityPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref Identity
      PolicyDocument:
        Statement:
          - Effect: Allow
            Principal:
              AWS:
                Fn::Sub: >-
                  arn:${AWS::Partition}:iam::cloudfront:user/CloudFront Origin Access
                  Identity ${OAI}
            Action: s3:GetObject
            Resource: !Sub "${Identity.Arn}/*"
  Distribution:
    Type: AWS::S3::Bucket
  DistributionPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref Distribution
      PolicyDocument:
        Statement:
          - Effect: Allow
            Principal: {Service: cloudfront.amazonaws.com}
            Action: s3:GetObject
            Resource: !Sub "${Distribution.Arn}/*"
            Condition:
              StringEquals:
                AWS:SourceArn: !Sub "arn:aws:cloudfront::${AWS::AccountId}:distribution/E1"
  Shared:
    Type: AWS::S3::Bucket
  SharedPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref Shared
      PolicyDocument:
        Statement:
          - Effect: Allow
            Principal: {AWS: !Ref Reader}
            Action: s3:GetObject
            Resource: !Sub "${Shared.Arn}/*"
  Blocked:
    Type: AWS::S3::Bucket
    Properties:
      PublicAccessBlockConfiguration: {RestrictPublicBuckets: true}
  BlockedPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref Blocked
      PolicyDocument:
        Statement:
          - Effect: Allow
            Principal: {AWS: !Sub "arn:aws:iam::${Reader}:root"}
            Action: s3:GetObject
            Resource: !Sub "${Blocked.Arn}/*"
"""
PASS = "Storage is not publicly readable"


def test_bucket_policy_principals(tmp_path: Path) -> None:
    (tmp_path / "stack.yaml").write_text(TEMPLATE, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-DATA-001",)))
    found = {f.address: (f.status, f.message.en) for f in result.findings}
    assert found["Canonical"] == (
        Status.PASS,
        f"{PASS} (its bucket policy (CanonicalPolicy) grants access only to a CloudFront "
        "origin access identity)",
    )
    assert found["Identity"] == (
        Status.PASS,
        f"{PASS} (its bucket policy (IdentityPolicy) grants access only to a CloudFront "
        "origin access identity)",
    )
    assert found["Distribution"] == (
        Status.PASS,
        f"{PASS} (its bucket policy (DistributionPolicy) grants access only to the "
        "CloudFront service for one distribution (AWS:SourceArn))",
    )
    assert found["Shared"] == (
        Status.UNKNOWN,
        "public access is not known: statement 1 may allow everyone (principal or condition "
        "not known) in SharedPolicy",
    )
    # RestrictPublicBuckets on: whatever the policy says, not public
    assert found["Blocked"][0] is Status.PASS


def test_bucket_policy_without_document(tmp_path: Path) -> None:
    """A bucket policy with no PolicyDocument (a template cut short; the hardening fuzz test
    found it) crashed the mapper building an empty reason: the bucket is UNKNOWN."""
    (tmp_path / "stack.yaml").write_text(
        "Resources:\n"
        "  Site:\n    Type: AWS::S3::Bucket\n"
        "  SitePolicy:\n    Type: AWS::S3::BucketPolicy\n"
        "    Properties:\n      Bucket: !Ref Site\n",
        encoding="utf-8",
    )
    result = audit([tmp_path], Settings(rule_ids=("GDCC-DATA-001",)))
    assert [i.status for i in result.inputs] == ["assessed"]
    found = {f.address: (f.status, f.message.en) for f in result.findings}
    assert found["Site"] == (
        Status.UNKNOWN, "public access is not known: policy not readable in SitePolicy"
    )
