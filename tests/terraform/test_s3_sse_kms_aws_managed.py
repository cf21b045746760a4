"""An S3 bucket encrypted with SSE-KMS but naming no ``kms_master_key_id`` uses the AWS
managed key ``aws/s3`` (S3 User Guide, specifying-kms-encryption.html): not a customer-managed
key, GDCC-ENC-002 FAIL. The Terraform mapper took any ``aws:kms`` algorithm for a customer
key (wrong PASS); CloudFormation already asked for the key (tested beside it)."""

from __future__ import annotations

from pathlib import Path

import pytest

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

MAIN_TF = """\
resource "aws_kms_key" "k" { enable_key_rotation = true }

resource "aws_s3_bucket" "managed" { bucket = "managed" }
resource "aws_s3_bucket_server_side_encryption_configuration" "managed" {
  bucket = aws_s3_bucket.managed.id
  rule {
    apply_server_side_encryption_by_default { sse_algorithm = "aws:kms" }
  }
}

resource "aws_s3_bucket" "alias" { bucket = "alias" }
resource "aws_s3_bucket_server_side_encryption_configuration" "alias" {
  bucket = aws_s3_bucket.alias.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = "alias/aws/s3"
    }
  }
}

resource "aws_s3_bucket" "own" { bucket = "own" }
resource "aws_s3_bucket_server_side_encryption_configuration" "own" {
  bucket = aws_s3_bucket.own.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.k.arn
    }
  }
}

resource "aws_s3_bucket" "inline" {
  bucket = "inline"
  server_side_encryption_configuration {
    rule {
      apply_server_side_encryption_by_default { sse_algorithm = "aws:kms:dsse" }
    }
  }
}

variable "key" { type = string }
resource "aws_s3_bucket" "input" { bucket = "input" }
resource "aws_s3_bucket_server_side_encryption_configuration" "input" {
  bucket = aws_s3_bucket.input.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = var.key
    }
  }
}
"""

TEMPLATE = """\
Resources:
  Key:
    Type: AWS::KMS::Key
  Managed:
    Type: AWS::S3::Bucket
    Properties:
      BucketEncryption:
        ServerSideEncryptionConfiguration:
          - ServerSideEncryptionByDefault: {SSEAlgorithm: "aws:kms"}
  Own:
    Type: AWS::S3::Bucket
    Properties:
      BucketEncryption:
        ServerSideEncryptionConfiguration:
          - ServerSideEncryptionByDefault: {SSEAlgorithm: "aws:kms", KMSMasterKeyID: !Ref Key}
"""

MANIFEST = """\
apiVersion: gdcc-audit/v1
kind: Tenant
metadata: {name: keys}
agency: {name_th: หน่วยงานทดสอบ, name_en: Test Agency}
iac:
  - {path: main.tf, system: payments}
  - {path: stack.yaml, system: payments}
systems:
  - id: payments
    name_th: ระบบชำระเงิน
    name_en: Payments
    security_category: {confidentiality: high, integrity: high, availability: high}
"""


@pytest.fixture(scope="module")
def statuses(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Status]:
    folder: Path = tmp_path_factory.mktemp("s3kms")
    (folder / "main.tf").write_text(MAIN_TF)
    (folder / "stack.yaml").write_text(TEMPLATE)
    (folder / "tenant.yaml").write_text(MANIFEST)
    result = audit([folder / "tenant.yaml"], Settings(rule_ids=("GDCC-ENC-002",)))
    return {f.address: f.status for f in result.findings if f.address}


@pytest.mark.parametrize(
    ("address", "status"),
    [
        ("aws_s3_bucket.managed", Status.FAIL),  # SSE-KMS, no key: aws/s3
        ("aws_s3_bucket.alias", Status.FAIL),
        ("aws_s3_bucket.inline", Status.FAIL),  # DSSE-KMS, no key: aws/s3 too
        ("aws_s3_bucket.own", Status.PASS),
        ("aws_s3_bucket.input", Status.UNKNOWN),  # may be alias/aws/s3
        ("Managed", Status.FAIL),
        ("Own", Status.PASS),
    ],
)
def test_sse_kms_key(statuses: dict[str, Status], address: str, status: Status) -> None:
    assert statuses[address] is status
