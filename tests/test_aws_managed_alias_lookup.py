"""A KMS key looked up by an AWS managed alias (``data "aws_kms_alias"`` with
``name = "alias/aws/secretsmanager"``) is the AWS managed key: GDCC-ENC-002 FAILs, saying why
(it was UNKNOWN: the data source's ARN is not known before apply; checkov passes any key)."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

MAIN = """\
data "aws_kms_alias" "aws_managed" {
  name = "alias/aws/secretsmanager"
}

data "aws_kms_alias" "own" {
  name = "alias/payments"
}

variable "key" {}

resource "aws_secretsmanager_secret" "aws_key" {
  name       = "aws-key"
  kms_key_id = data.aws_kms_alias.aws_managed.arn
}

resource "aws_secretsmanager_secret" "own_key" {
  name       = "own-key"
  kms_key_id = data.aws_kms_alias.own.target_key_arn
}

resource "aws_secretsmanager_secret" "input_key" {
  name       = "input-key"
  kms_key_id = var.key
}
"""

MANIFEST = """\
apiVersion: gdcc-audit/v1
kind: Tenant
metadata: {name: keys}
agency: {name_th: หน่วยงานทดสอบ, name_en: Test Agency}
iac:
  - {path: main.tf, system: payments}
systems:
  - id: payments
    name_th: ระบบชำระเงิน
    name_en: Payments
    security_category: {confidentiality: high, integrity: high, availability: high}
"""


def test_a_key_looked_up_by_an_aws_managed_alias_is_not_the_customers(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(MAIN)
    (tmp_path / "tenant.yaml").write_text(MANIFEST)
    result = audit([tmp_path / "tenant.yaml"], Settings(rule_ids=("GDCC-ENC-002",), cache=False))
    found = {f.address: f for f in result.findings}
    statuses = {a: f.status for a, f in found.items()}
    assert statuses["aws_secretsmanager_secret.own_key"] != Status.FAIL
    assert statuses["aws_secretsmanager_secret.input_key"] != Status.FAIL
    aws_key = found["aws_secretsmanager_secret.aws_key"]
    assert aws_key.status == Status.FAIL
    assert aws_key.evidence["customer_managed_key"] is False
    assert aws_key.evidence["decided_by"] == {
        "customer_managed_key": "the key is looked up by an alias/aws/ alias: an AWS managed key"
    }
