"""``data "aws_iam_policy_document"`` with ``count`` / ``for_each`` is rendered per instance,
so ``data.aws_iam_policy_document.x[0].json`` (the terraform-aws-modules pattern) is judged
like a literal policy (it was UNKNOWN: "policy not readable")."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.settings import Settings

TF = """\
variable "create" {
  type    = bool
  default = true
}

variable "unknown_count" {
  type = number
}

data "aws_iam_policy_document" "service" {
  count = var.create ? 1 : 0
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["ec2.amazonaws.com"]
    }
  }
}

data "aws_iam_policy_document" "by_name" {
  for_each = toset(["open", "closed"])
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "AWS"
      identifiers = [each.key == "open" ? "*" : "arn:aws:iam::111122223333:root"]
    }
  }
}

data "aws_iam_policy_document" "not_known" {
  count = var.unknown_count
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::111122223333:root"]
    }
  }
}

resource "aws_iam_role" "counted" {
  count              = var.create ? 1 : 0
  name               = "counted"
  assume_role_policy = data.aws_iam_policy_document.service[0].json
}

resource "aws_iam_role" "open" {
  name               = "open"
  assume_role_policy = data.aws_iam_policy_document.by_name["open"].json
}

resource "aws_iam_role" "closed" {
  name               = "closed"
  assume_role_policy = data.aws_iam_policy_document.by_name["closed"].json
}

resource "aws_iam_role" "unknown" {
  name               = "unknown"
  assume_role_policy = data.aws_iam_policy_document.not_known[0].json
}
"""


def test_each_instance_of_a_policy_document_is_rendered(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(TF, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-IAM-008",)))
    verdicts = {f.address: f.status.value for f in result.findings}
    assert verdicts == {
        "aws_iam_role.counted[0]": "PASS",
        "aws_iam_role.open": "FAIL",
        "aws_iam_role.closed": "PASS",
        "aws_iam_role.unknown": "UNKNOWN",
    }
