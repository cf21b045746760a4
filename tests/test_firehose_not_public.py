"""GDCC-MSG-002 on Amazon Data Firehose streams: never public.

aws-samples/serverless-patterns' Firehose patterns (firehose-transformation-sam,
sns-kinesis-data-firehose-sam, kds-kdf-opensearch, ...) were all UNKNOWN "whether anyone on
the internet can access it is not known from the input", and so was every Terraform
``aws_kinesis_firehose_delivery_stream``. A Firehose stream takes no resource-based policy:
only IAM identities its account grants may write to it (Firehose developer guide,
"Controlling access with Amazon Data Firehose"). Nothing can grant everyone: PASS.
"""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

TERRAFORM = """\
resource "aws_kinesis_firehose_delivery_stream" "s" {
  name        = "s"
  destination = "extended_s3"
  extended_s3_configuration {
    role_arn   = "arn:aws:iam::111122223333:role/firehose"
    bucket_arn = "arn:aws:s3:::b"
  }
}
"""
TEMPLATE = """\
Transform: AWS::Serverless-2016-10-31
Resources:
  DeliveryStream:
    Type: AWS::KinesisFirehose::DeliveryStream
    Properties:
      DeliveryStreamType: DirectPut
      ENCRYPTION
      ExtendedS3DestinationConfiguration:
        BucketARN: arn:aws:s3:::b
        RoleARN: arn:aws:iam::111122223333:role/firehose
"""
PASSED = "Queue and topic policies do not grant access to everyone"
REASON = (
    "a Firehose stream has no resource-based policy: only IAM identities its account grants "
    "may write to it (docs.aws.amazon.com/firehose/latest/dev/controlling-access.html)"
)


def _found(tmp_path: Path, name: str, text: str) -> list[tuple[str, Status, str]]:
    (tmp_path / name).write_text(text, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-MSG-002",)))
    return [(f.address or "", f.status, f.message.en) for f in result.findings]


def test_a_terraform_stream_is_not_public(tmp_path: Path) -> None:
    # it was: UNKNOWN "whether anyone on the internet can access it is not known from the input"
    assert _found(tmp_path, "main.tf", TERRAFORM) == [
        ("aws_kinesis_firehose_delivery_stream.s", Status.PASS, f"{PASSED} ({REASON})")
    ]


def test_a_cloudformation_stream_is_not_public(tmp_path: Path) -> None:
    # it was: UNKNOWN (as above), with or without server-side encryption
    for encryption in (
        "", "DeliveryStreamEncryptionConfigurationInput: {KeyType: AWS_OWNED_CMK}"
    ):
        text = TEMPLATE.replace("ENCRYPTION", encryption)
        assert _found(tmp_path, "template.yaml", text) == [
            ("DeliveryStream", Status.PASS, PASSED)
        ]
