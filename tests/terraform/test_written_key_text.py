"""A key argument written as text around values not known is set: ``kms_master_key_id =
"arn:${data.aws_partition.current.partition}:kms:${data.aws_region.current.name}:${data.
aws_caller_identity.current.account_id}:alias/aws/sns"`` (aws-security-reference-architecture-
examples' Security Hub and Inspector topics) is never null nor empty, so the topic is
encrypted: GDCC-MSG-001 was UNKNOWN "whether encryption at rest is on is not known from the
input". An input given whole (``var.kms``, ``"${var.kms}"``) may be null or "" and stays not
known, as does text of only wildcards and spaces around it."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.settings import Settings

HEAD = """\
data "aws_partition" "current" {}
data "aws_region" "current" {}
data "aws_caller_identity" "current" {}

variable "kms" {
  type = string
}

variable "sqs_kms" {
  type = string
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


def test_a_key_written_as_text_around_values_not_known_is_set(tmp_path: Path) -> None:
    topics = {
        # it was: NOT_KNOWN
        "managed_alias": '"arn:${data.aws_partition.current.partition}:kms:'
        '${data.aws_region.current.name}:${data.aws_caller_identity.current.account_id}:'
        'alias/aws/sns"',
        "alias_input": '"alias/${var.kms}"',  # it was: NOT_KNOWN
        # (guards: the same on main)
        "input": "var.kms",
        "input_text": '"${var.kms}"',
        "star_input": '"*${var.kms} "',
    }
    text = HEAD + "".join(TOPIC % (name, name, value) for name, value in topics.items())
    (tmp_path / "main.tf").write_text(text, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-MSG-001",)))
    found = {f.address: (f.status.value, f.message.en) for f in result.findings}
    assert found == {
        "aws_sns_topic.managed_alias": ENCRYPTED,
        "aws_sns_topic.alias_input": ENCRYPTED,
        "aws_sns_topic.input": NOT_KNOWN,
        "aws_sns_topic.input_text": NOT_KNOWN,
        "aws_sns_topic.star_input": NOT_KNOWN,
    }
