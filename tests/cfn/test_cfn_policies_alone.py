"""Resource policies of CloudFormation whose target the template does not create.

- An ``AWS::S3::BucketPolicy`` naming a bucket outside the template (a parameter, a bucket
  name) is judged as that bucket for whom it lets in: a policy opening an existing bucket to
  everyone had no GDCC-DATA-001 finding (it was only an ``identity.policy``). A bucket of the
  template named by its ``BucketName`` rather than ``Ref`` takes its policy's grant (it was
  left private).
- A queue or topic policy standing alone was UNKNOWN for the queue's encryption, engine
  upgrades...: NOT_APPLICABLE now, with the reason, as Terraform's ``aws_sqs_queue_policy``.
"""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

TEMPLATE = """\
Parameters:
  ExistingBucket:
    Type: String
Resources:
  OpenExisting:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref ExistingBucket
      PolicyDocument:
        Statement:
          - Effect: Allow
            Principal: "*"
            Action: s3:GetObject
            Resource: arn:aws:s3:::existing/*
  PrivateExisting:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: audit-logs-bucket
      PolicyDocument:
        Statement:
          - Effect: Allow
            Principal: {Service: cloudtrail.amazonaws.com}
            Action: s3:PutObject
            Resource: arn:aws:s3:::audit-logs-bucket/*
  Named:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: site-bucket
  OpenNamed:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: site-bucket
      PolicyDocument:
        Statement:
          - Effect: Allow
            Principal: {AWS: "*"}
            Action: s3:GetObject
            Resource: arn:aws:s3:::site-bucket/*
  QueueAlone:
    Type: AWS::SQS::QueuePolicy
    Properties:
      Queues: [https://sqs.ap-southeast-1.amazonaws.com/111122223333/existing]
      PolicyDocument:
        Statement:
          - Effect: Allow
            Principal: "*"
            Action: sqs:SendMessage
            Resource: "*"
"""

GRANT_ONLY = (
    "this resource only grants access to a target outside the scan: it is judged for who it "
    "lets in; the target's other settings are judged on the target"
)


def test_policies_whose_target_is_outside_the_template(tmp_path: Path) -> None:
    (tmp_path / "stack.yaml").write_text(TEMPLATE, encoding="utf-8")
    rules = ("GDCC-DATA-001", "GDCC-ENC-001", "GDCC-IAM-005", "GDCC-MSG-001", "GDCC-MSG-002")
    result = audit([tmp_path], Settings(rule_ids=rules))
    found = {(f.address, f.rule_id): (f.status, f.message.en) for f in result.findings}
    public = (Status.FAIL, "anyone on the internet can read this store")
    assert found[("OpenExisting", "GDCC-DATA-001")] == public
    assert found[("PrivateExisting", "GDCC-DATA-001")] == (
        Status.PASS, "Storage is not publicly readable"
    )
    for alone in ("OpenExisting", "PrivateExisting"):
        assert found[(alone, "GDCC-ENC-001")] == (
            Status.NOT_APPLICABLE,
            f"does not apply to AWS::S3::BucketPolicy: {GRANT_ONLY}",
        )
        assert (alone, "GDCC-IAM-005") not in found
    # a bucket of the template named as written takes its policy's grant
    assert found[("Named", "GDCC-DATA-001")] == public
    assert ("OpenNamed", "GDCC-DATA-001") not in found
    assert found[("OpenNamed", "GDCC-IAM-005")][0] is Status.PASS
    assert found[("QueueAlone", "GDCC-MSG-002")] == (
        Status.FAIL, "anyone on the internet can access it"
    )
    assert found[("QueueAlone", "GDCC-MSG-001")] == (
        Status.NOT_APPLICABLE,
        f"does not apply to AWS::SQS::QueuePolicy: {GRANT_ONLY}",
    )
