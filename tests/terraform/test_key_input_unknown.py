"""GDCC-ENC-002 on a store whose KMS key argument is one input without a value.

``kms_key_id = var.archive_key`` (no default, no ``.tfvars``) may name a customer-managed key or
an AWS managed alias: UNKNOWN, rightly, but the finding said only "whether a customer-managed key
is used is not known" (checkov's fixtures for Secrets Manager, Timestream and FSx OpenZFS). The
message now names the argument and the input. A literal customer key still PASSes, an AWS managed
alias still FAILs, and a key read from a key of the scan through an input is not blamed on the
input.
"""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

STORES = """\
variable "archive_key" {
  type = string
}

resource "aws_secretsmanager_secret" "from_input" {
  name       = "archive"
  kms_key_id = var.archive_key
  tags       = { "gdcc:personal-data" = "true" }
}

resource "aws_timestreamwrite_database" "from_input" {
  database_name = "metrics"
  kms_key_id    = var.archive_key
  tags          = { "gdcc:personal-data" = "true" }
}

resource "aws_kms_key" "own" {
  description = "archive key"
}

resource "aws_secretsmanager_secret" "own_key" {
  name       = "own"
  kms_key_id = aws_kms_key.own.arn
  tags       = { "gdcc:personal-data" = "true" }
}

resource "aws_secretsmanager_secret" "managed_alias" {
  name       = "managed"
  kms_key_id = "alias/aws/secretsmanager"
  tags       = { "gdcc:personal-data" = "true" }
}
"""

WHY = (
    "whether a customer-managed key is used is not known: kms_key_id is var.archive_key, whose "
    "value is not known from the input (it may name a customer-managed key or a "
    "provider-managed one)"
)


def test_a_key_from_an_input_without_a_value_is_named(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(STORES, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-ENC-002",), cache=False))
    found = {f.address: f for f in result.findings}
    for address in (
        "aws_secretsmanager_secret.from_input",
        "aws_timestreamwrite_database.from_input",
    ):
        finding = found[address]
        assert finding.status == Status.UNKNOWN
        assert finding.message is not None
        assert finding.message.en == WHY
        assert "var.archive_key" in finding.message.th
        assert finding.evidence["unknown_because"] == {
            "customer_managed_key": WHY.split(": ", 1)[1]
        }
    # decided keys are untouched
    assert found["aws_secretsmanager_secret.own_key"].status == Status.PASS
    assert found["aws_secretsmanager_secret.managed_alias"].status == Status.FAIL
