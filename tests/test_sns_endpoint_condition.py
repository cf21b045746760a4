"""A topic policy that lets anyone subscribe, but only a named endpoint (``sns:Endpoint``),
sends the topic's messages to that endpoint alone: it does not open the topic to everyone
(terraform-aws-sns FAILed GDCC-MSG-002 "anyone on the internet can access it"). An endpoint
pattern open in the account (``arn:aws:sqs:*:*:*``) still does."""

from __future__ import annotations

from pathlib import Path

import pytest

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

POLICY = """\
resource "aws_sns_topic" "alerts" {{
  name = "alerts"
}}

resource "aws_sns_topic_policy" "alerts" {{
  arn = aws_sns_topic.alerts.arn
  policy = jsonencode({{
    Version = "2012-10-17"
    Statement = [{{
      Sid       = "QueueOnly"
      Effect    = "Allow"
      Principal = {{ AWS = "*" }}
      Action    = ["sns:Subscribe", "sns:Receive"]
      Resource  = aws_sns_topic.alerts.arn
      Condition = {{ {condition} }}
    }}]
  }})
}}
"""


@pytest.mark.parametrize(
    ("condition", "status"),
    [
        ('StringEquals = { "sns:Endpoint" = "arn:aws:sqs:ap-southeast-1:111122223333:alerts" }',
         Status.PASS),
        ('ArnLike = { "sns:Endpoint" = "arn:aws:sqs:*:*:*" }', Status.FAIL),
        ('StringLike = { "sns:Endpoint" = "*" }', Status.FAIL),
    ],
)
def test_a_named_endpoint_limits_who_gets_the_messages(
    condition: str, status: Status, tmp_path: Path
) -> None:
    (tmp_path / "main.tf").write_text(POLICY.format(condition=condition), encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-MSG-002",)))
    (finding,) = result.findings
    assert (finding.address, finding.status) == ("aws_sns_topic.alerts", status)
    if status is Status.FAIL:
        assert finding.message.en == "anyone on the internet can access it"
