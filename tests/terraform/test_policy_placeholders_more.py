"""A policy that is not known only because some values in it are computed at apply time is
judged on what it says (``TfResource.partial``) also when it is picked by a conditional with
a known condition (``var.redshift ? data.a.json : data.b.json``), by ``coalesce(var.policy,
data.x.json)`` or filled by ``replace(var.policy, "__TABLE_ARN__", aws_x.y.arn)`` — the
forms of terraform-aws-modules dms, kms and dynamodb-table — or taken from a counted document
by ``one(data.x[*].json)`` / ``join("", data.x[*].json)`` (cloudposse's form). They were
UNKNOWN "policy not readable"."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

MAIN = """\
data "aws_caller_identity" "current" {}

variable "redshift" {
  type    = bool
  default = false
}

variable "queue_policy" {
  type    = string
  default = null
}

variable "table_policy" {
  type    = string
  default = <<POLICY
{
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "Allow",
    "Principal": {"AWS": "arn:aws:iam::222222222222:role/Reader"},
    "Action": "dynamodb:GetItem",
    "Resource": "__TABLE_ARN__"
  }]
}
POLICY
}

data "aws_iam_policy_document" "assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["dms.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [data.aws_caller_identity.current.account_id]
    }
  }
}

data "aws_iam_policy_document" "assume_redshift" {
  source_policy_documents = [data.aws_iam_policy_document.assume.json]
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["redshift.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "endpoint" {
  name               = "dms-access-for-endpoint"
  assume_role_policy = var.redshift ? data.aws_iam_policy_document.assume_redshift.json : (
    data.aws_iam_policy_document.assume.json
  )
}

resource "aws_sqs_queue" "jobs" {
  name = "jobs"
}

data "aws_iam_policy_document" "queue" {
  statement {
    sid       = "Everyone"
    actions   = ["sqs:SendMessage"]
    resources = [aws_sqs_queue.jobs.arn]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
  }
}

resource "aws_sqs_queue_policy" "jobs" {
  queue_url = aws_sqs_queue.jobs.id
  policy    = coalesce(var.queue_policy, data.aws_iam_policy_document.queue.json)
}

resource "aws_dynamodb_table" "orders" {
  name         = "orders"
  hash_key     = "id"
  billing_mode = "PAY_PER_REQUEST"
  attribute {
    name = "id"
    type = "S"
  }
}

resource "aws_dynamodb_resource_policy" "orders" {
  resource_arn = aws_dynamodb_table.orders.arn
  policy       = replace(var.table_policy, "__TABLE_ARN__", aws_dynamodb_table.orders.arn)
}
"""


def test_policies_read_through_conditional_coalesce_and_replace(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(MAIN, encoding="utf-8")
    rules = ("GDCC-IAM-008", "GDCC-MSG-002", "GDCC-DATA-001")
    result = audit([tmp_path], Settings(rule_ids=rules))
    found = {
        (f.rule_id, f.address or ""): (f.status, f.message.en) for f in result.findings
    }
    # was UNKNOWN "who may assume this role is not known (granted by policy not readable ...)"
    assert found[("GDCC-IAM-008", "aws_iam_role.endpoint")] == (
        Status.PASS,
        "Roles cannot be assumed by anyone",
    )
    # was UNKNOWN: the queue policy lets everyone send
    assert found[("GDCC-MSG-002", "aws_sqs_queue.jobs")] == (
        Status.FAIL,
        "anyone on the internet can access it",
    )
    # was UNKNOWN "public access is not known: policy not readable by ..."
    assert found[("GDCC-DATA-001", "aws_dynamodb_table.orders")] == (
        Status.PASS,
        "Storage is not publicly readable",
    )


COUNTED = """\
data "aws_caller_identity" "current" {}

variable "create" {
  type    = bool
  default = true
}

data "aws_iam_policy_document" "assume" {
  count = var.create ? 1 : 0
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["eks.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [data.aws_caller_identity.current.account_id]
    }
  }
}

resource "aws_iam_role" "one" {
  name               = "one"
  assume_role_policy = one(data.aws_iam_policy_document.assume[*].json)
}

resource "aws_iam_role" "joined" {
  name               = "joined"
  assume_role_policy = join("", data.aws_iam_policy_document.assume[*].json)
}

data "aws_iam_policy_document" "open" {
  count = var.create ? 1 : 0
  statement {
    actions   = ["sqs:SendMessage"]
    resources = [aws_sqs_queue.q.arn]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
  }
}

resource "aws_sqs_queue" "q" {
  name = "q"
}

resource "aws_sqs_queue_policy" "q" {
  queue_url = aws_sqs_queue.q.id
  policy    = join("", data.aws_iam_policy_document.open[*].json)
}
"""


def test_counted_documents_read_through_one_and_join(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(COUNTED, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-IAM-008", "GDCC-MSG-002")))
    found = {
        (f.rule_id, f.address or ""): (f.status, f.message.en) for f in result.findings
    }
    assert found == {
        # both were UNKNOWN "who may assume this role is not known (granted by policy not
        # readable in assume_role_policy)"
        ("GDCC-IAM-008", "aws_iam_role.one"): (Status.PASS, "Roles cannot be assumed by anyone"),
        ("GDCC-IAM-008", "aws_iam_role.joined"): (
            Status.PASS,
            "Roles cannot be assumed by anyone",
        ),
        # was UNKNOWN: the queue policy lets everyone send
        ("GDCC-MSG-002", "aws_sqs_queue.q"): (Status.FAIL, "anyone on the internet can access it"),
    }
