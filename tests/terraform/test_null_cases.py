"""Arguments that test an input not known against null are judged in both cases: the
terraform-aws-modules sqs form ``kms_master_key_id = var.kms_master_key_id`` with
``sqs_managed_sse_enabled = var.kms_master_key_id != null ? null : var.sqs_managed_sse_enabled``
encrypts the queue whether a key is given (KMS) or not (SSE-SQS): GDCC-MSG-001 PASS (was
UNKNOWN). When the cases disagree the fact stays not known."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

TF = """\
variable "kms_master_key_id" {
  type = string
}

variable "sqs_managed_sse_enabled" {
  type    = bool
  default = %s
}

resource "aws_sqs_queue" "q" {
  name                    = "q"
  kms_master_key_id       = var.kms_master_key_id
  sqs_managed_sse_enabled = var.kms_master_key_id != null ? null : var.sqs_managed_sse_enabled
}
"""


def _verdict(tmp_path: Path, sse: str) -> tuple[Status, str]:
    (tmp_path / "main.tf").write_text(TF % sse, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-MSG-001",)))
    return next((f.status, f.message.en) for f in result.findings)


def test_a_queue_encrypted_in_both_cases_passes(tmp_path: Path) -> None:
    assert _verdict(tmp_path, "true") == (
        Status.PASS, "Queues, topics and streams are encrypted at rest"
    )


def test_cases_that_disagree_leave_it_unknown(tmp_path: Path) -> None:
    assert _verdict(tmp_path, "false")[0] is Status.UNKNOWN


LOCAL_TF = """\
variable "kms_master_key_id" {
  type = string
}

locals {
  dlq_kms = try(coalesce(var.kms_master_key_id), null)
}

resource "aws_sqs_queue" "dlq" {
  name                    = "dlq"
  kms_master_key_id       = local.dlq_kms
  sqs_managed_sse_enabled = local.dlq_kms != null ? null : true
}
"""


def test_a_local_tested_against_null(tmp_path: Path) -> None:
    """The module's dead-letter queue tests a local (``local.dlq_kms_master_key_id``)."""
    (tmp_path / "main.tf").write_text(LOCAL_TF, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-MSG-001",)))
    assert [f.status for f in result.findings] == [Status.PASS]
