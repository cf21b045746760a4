"""A customer-managed key chosen but not named is not in use: Firehose ``key_type =
"CUSTOMER_MANAGED_CMK"`` needs ``key_arn`` (Terraform) / ``KeyARN`` (CloudFormation)."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

MAIN = """\
resource "aws_kms_key" "stream" {
  enable_key_rotation = true
}

resource "aws_kinesis_firehose_delivery_stream" "named_key" {
  name        = "named-key"
  destination = "extended_s3"
  tags        = { gdcc_system = "payments" }
  server_side_encryption {
    enabled  = true
    key_type = "CUSTOMER_MANAGED_CMK"
    key_arn  = aws_kms_key.stream.arn
  }
}

resource "aws_kinesis_firehose_delivery_stream" "no_key" {
  name        = "no-key"
  destination = "extended_s3"
  tags        = { gdcc_system = "payments" }
  server_side_encryption {
    enabled  = true
    key_type = "CUSTOMER_MANAGED_CMK"
  }
}

resource "aws_kinesis_firehose_delivery_stream" "empty_key" {
  name        = "empty-key"
  destination = "extended_s3"
  tags        = { gdcc_system = "payments" }
  server_side_encryption {
    enabled  = true
    key_type = "CUSTOMER_MANAGED_CMK"
    key_arn  = ""
  }
}

resource "aws_kinesis_firehose_delivery_stream" "aws_owned" {
  name        = "aws-owned"
  destination = "extended_s3"
  tags        = { gdcc_system = "payments" }
  server_side_encryption {
    enabled = true
  }
}
"""

TEMPLATE = """\
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Key:
    Type: AWS::KMS::Key
  NamedKey:
    Type: AWS::KinesisFirehose::DeliveryStream
    Properties:
      Tags: [{Key: gdcc_system, Value: payments}]
      DeliveryStreamEncryptionConfigurationInput:
        KeyType: CUSTOMER_MANAGED_CMK
        KeyARN: !GetAtt Key.Arn
  NoKey:
    Type: AWS::KinesisFirehose::DeliveryStream
    Properties:
      Tags: [{Key: gdcc_system, Value: payments}]
      DeliveryStreamEncryptionConfigurationInput:
        KeyType: CUSTOMER_MANAGED_CMK
  Plain:
    Type: AWS::KinesisFirehose::DeliveryStream
    Properties:
      Tags: [{Key: gdcc_system, Value: payments}]
      DeliveryStreamName: plain
"""

MANIFEST = """\
apiVersion: gdcc-audit/v1
kind: Tenant
metadata: {name: keys}
agency: {name_th: หน่วยงานทดสอบ, name_en: Test Agency}
iac: [main.tf, template.yaml]
systems:
  - id: payments
    name_th: ระบบชำระเงิน
    name_en: Payments
    security_category: {confidentiality: high, integrity: high, availability: high}
"""


def test_firehose_customer_key_needs_its_arn(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(MAIN)
    (tmp_path / "template.yaml").write_text(TEMPLATE)
    (tmp_path / "tenant.yaml").write_text(MANIFEST)
    settings = Settings(rule_ids=("GDCC-MSG-001", "GDCC-ENC-002"))
    result = audit([tmp_path / "tenant.yaml"], settings)
    cmk = {f.address: f.status for f in result.findings if f.rule_id == "GDCC-ENC-002"}
    at_rest = {f.address: f.status for f in result.findings if f.rule_id == "GDCC-MSG-001"}
    assert cmk["aws_kinesis_firehose_delivery_stream.named_key"] == Status.PASS
    assert cmk["aws_kinesis_firehose_delivery_stream.no_key"] == Status.FAIL
    assert cmk["aws_kinesis_firehose_delivery_stream.empty_key"] == Status.FAIL
    assert cmk["aws_kinesis_firehose_delivery_stream.aws_owned"] == Status.FAIL
    assert cmk["NamedKey"] == Status.PASS
    assert cmk["NoKey"] == Status.FAIL
    assert cmk["Plain"] == Status.FAIL
    assert at_rest["Plain"] == Status.FAIL  # server-side encryption is off unless configured
    assert at_rest["NoKey"] == Status.PASS
