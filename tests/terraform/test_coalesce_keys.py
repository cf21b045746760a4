"""``coalesce(var.kms, aws_kms_key.k.id)`` with the input not known: ``coalesce`` skips null
and "", so the value is the input's text when it is given one, else the key; a key either
way (``load.terraform.values.NonEmpty``). An SNS topic so written is encrypted (GDCC-MSG-001
PASS, was UNKNOWN); whose key it is stays not known (the input may name ``alias/aws/sns``).
``try(var.kms, key)`` and ``var.kms != null ? var.kms : key`` may give null or "": not
known. An SQS queue whose key is not known and whose SSE-SQS is off FAILed as unencrypted:
the key may be set, so it is not known."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.settings import Settings
from iac_helpers import run

INPUTS = """\
variable "kms" {
  type = string
}

variable "kms_null" {
  type    = string
  default = null
}

resource "aws_kms_key" "k" {
  enable_key_rotation = true
}

"""

TOPIC = """\
resource "aws_sns_topic" "%s" {
  name              = "%s"
  kms_master_key_id = %s
}

"""

ENCRYPTED = ("PASS", "Queues, topics and streams are encrypted at rest")
NOT_KNOWN = ("UNKNOWN", "whether encryption at rest is on is not known from the input")


def _verdicts(tmp_path: Path, text: str, rule: str) -> dict[str, tuple[str, str]]:
    (tmp_path / "main.tf").write_text(INPUTS + text, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=(rule,)))
    return {f.address: (f.status.value, f.message.en) for f in result.findings}


def test_a_key_or_an_input_given_a_text_is_a_key(tmp_path: Path) -> None:
    topics = {
        "input_or_key": "coalesce(var.kms, aws_kms_key.k.id)",
        "input_or_alias": 'coalesce(var.kms, "alias/aws/sns")',
        "nested": "coalesce(var.kms, coalesce(var.kms, aws_kms_key.k.arn))",
        "default_null": "coalesce(var.kms_null, aws_kms_key.k.id)",
        "try_input": "try(var.kms, aws_kms_key.k.arn)",
        "tested": "var.kms != null ? var.kms : aws_kms_key.k.arn",
        "or_empty": 'coalesce(var.kms, "")',
    }
    text = "".join(TOPIC % (name, name, value) for name, value in topics.items())
    assert _verdicts(tmp_path, text, "GDCC-MSG-001") == {
        "aws_sns_topic.input_or_key": ENCRYPTED,
        "aws_sns_topic.input_or_alias": ENCRYPTED,
        "aws_sns_topic.nested": ENCRYPTED,
        "aws_sns_topic.default_null": ENCRYPTED,
        # ``try`` returns the input as it is, null included
        "aws_sns_topic.try_input": NOT_KNOWN,
        # the input may be "" (no key)
        "aws_sns_topic.tested": NOT_KNOWN,
        # coalesce fails when every argument is null or ""
        "aws_sns_topic.or_empty": NOT_KNOWN,
    }


def test_whose_key_stays_not_known(tmp_path: Path) -> None:
    """The input may name an AWS managed key: whose key it is is not decided by the key
    resource of the other argument."""
    text = TOPIC % ("t", "t", "coalesce(var.kms, aws_kms_key.k.id)")
    (tmp_path / "main.tf").write_text(INPUTS + text, encoding="utf-8")
    found, _errors, _discovery = run(tmp_path)
    facets = found["aws_sns_topic.t"].facets
    assert (facets.encrypted_at_rest, facets.customer_managed_key) == (True, None)


QUEUES = """\
resource "aws_sqs_queue" "input" {
  name                    = "input"
  sqs_managed_sse_enabled = false
  kms_master_key_id       = var.kms
}

resource "aws_sqs_queue" "chosen" {
  name                    = "chosen"
  sqs_managed_sse_enabled = false
  kms_master_key_id       = coalesce(var.kms, aws_kms_key.k.arn)
}

resource "aws_sqs_queue" "managed" {
  name              = "managed"
  kms_master_key_id = var.kms
}
"""


def test_a_queue_whose_key_is_not_known(tmp_path: Path) -> None:
    assert _verdicts(tmp_path, QUEUES, "GDCC-MSG-001") == {
        # was FAIL "encryption at rest is off": the input may be a key
        "aws_sqs_queue.input": NOT_KNOWN,
        # was FAIL: a key either way
        "aws_sqs_queue.chosen": ENCRYPTED,
        # a key, or SSE-SQS (on by default)
        "aws_sqs_queue.managed": ENCRYPTED,
    }
