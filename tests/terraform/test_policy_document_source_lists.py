"""A policy document built from other documents through ``flatten(concat(data.x[*].json,
...))`` (terraform-aws-modules/iam iam-role-for-service-accounts: ``source_policy_documents =
local.source_policy_documents``, a list of counted documents whose ARNs hold the partition
``data.aws_partition``) was not known at all: a document with a value computed at apply time
made its whole ``json`` not known, ``flatten`` of it a list of unknown length, so the policy's
``count = length(...) > 0 ? 1 : 0`` was not known either (GDCC-IAM-005 UNKNOWN on
``aws_iam_policy.this`` of cert-manager, EBS / FSx CSI, load balancer controller and VPC CNI
roles, GRAPH-006 "permissions not known"). A document's JSON is a text that is never empty
whatever it holds, and ``flatten`` only assembles: the list keeps its length and the policy
is read with the computed values marked, as a document used directly is."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

TF = """\
data "aws_partition" "current" {}

variable "extra_documents" {
  type    = list(string)
  default = []
}

data "aws_iam_policy_document" "route53" {
  count = 1
  statement {
    actions   = ["route53:GetChange"]
    resources = ["arn:${data.aws_partition.current.partition}:route53:::change/*"]
  }
}

data "aws_iam_policy_document" "wide" {
  count = 1
  statement {
    actions   = ["s3:*"]
    resources = ["arn:${data.aws_partition.current.partition}:s3:::*"]
  }
}

data "aws_iam_policy_document" "none" {
  count = 0
  statement {
    actions   = ["*"]
    resources = ["*"]
  }
}

locals {
  narrow = flatten(concat(
    data.aws_iam_policy_document.route53[*].json,
    data.aws_iam_policy_document.none[*].json,
    var.extra_documents,
  ))
  wide = flatten(concat(data.aws_iam_policy_document.wide[*].json, var.extra_documents))
}

data "aws_iam_policy_document" "narrow_all" {
  count                   = length(local.narrow) > 0 ? 1 : 0
  source_policy_documents = local.narrow
}

data "aws_iam_policy_document" "wide_all" {
  count                   = length(local.wide) > 0 ? 1 : 0
  source_policy_documents = local.wide
}

resource "aws_iam_policy" "narrow" {
  count  = length(local.narrow) > 0 ? 1 : 0
  name   = "narrow"
  policy = data.aws_iam_policy_document.narrow_all[0].json
}

resource "aws_iam_policy" "wide" {
  count  = length(local.wide) > 0 ? 1 : 0
  name   = "wide"
  policy = data.aws_iam_policy_document.wide_all[0].json
}
"""


def test_documents_built_from_counted_documents_are_read(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(TF, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-IAM-005",), cache=False))
    found = {f.address: (f.status, f.message.en) for f in result.findings}
    assert found == {
        "aws_iam_policy.narrow[0]": (
            Status.PASS,
            "Permission policies do not grant actions by wildcard",
        ),
        "aws_iam_policy.wide[0]": (
            Status.FAIL,
            "it grants permissions by wildcard: s3:* on a resource computed at apply time",
        ),
    }
