"""A customer managed policy of the scan attached without a reference the graph follows.

terraform-aws-modules/eks node groups attach
``arn:${partition}:iam::${account_id}:policy/AmazonEKS_CNI_IPv6_Policy``, the policy the
cluster module creates under that exact name: the attachment's ARN was not known, so each
node role was GDCC-IAM-005 / GDCC-GRAPH-006 UNKNOWN "(managed policy ...policy_arn) are not
known". A customer managed policy attaches only to principals of its own account, so an ARN
whose account is the caller's names the one ``aws_iam_policy`` of the root with that name and
path: it is read. An ARN with a written account (perhaps another provider's) stays UNKNOWN.

And ``iam_role_additional_policies = { additional = aws_iam_policy.x.arn }`` attached with
``for_each`` / ``policy_arn = each.value`` (eks node groups, hybrid-node-role): the attachment
designates the policy but holds no Terraform reference to it, so the graph did not follow it:
the role FAILed GDCC-IAM-005 without naming a statement and GDCC-GRAPH-006 with "a wildcard or
administrator permission reaches all N aws resources" for an ``ec2:Describe*``; its statements
are now the role's own."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.settings import Settings

ROOT = """\
data "aws_partition" "current" {}
data "aws_caller_identity" "current" {}

locals {
  partition = data.aws_partition.current.partition
  account   = "arn:${local.partition}:iam::${data.aws_caller_identity.current.account_id}"
}

resource "aws_iam_policy" "cni" {
  name   = "AmazonEKS_CNI_IPv6_Policy"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = ["ec2:AssignIpv6Addresses"], Resource = "*" }]
  })
}

resource "aws_iam_policy" "wide" {
  name   = "wide"
  path   = "/teams/"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = ["s3:*"], Resource = "*" }]
  })
}

resource "aws_iam_policy" "describe" {
  name   = "describe"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = ["ec2:Describe*"], Resource = "*" }]
  })
}

resource "aws_iam_role" "node" {
  for_each = toset(["by_name", "by_path", "literal_account", "for_each_map"])
  name     = each.key
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "ec2.amazonaws.com" }
    }]
  })
}

resource "aws_iam_role_policy_attachment" "by_name" {
  role       = aws_iam_role.node["by_name"].name
  policy_arn = "${local.account}:policy/AmazonEKS_CNI_IPv6_Policy"
}

resource "aws_iam_role_policy_attachment" "by_path" {
  role       = aws_iam_role.node["by_path"].name
  policy_arn = "${local.account}:policy/teams/wide"
}

resource "aws_iam_role_policy_attachment" "literal_account" {
  role       = aws_iam_role.node["literal_account"].name
  policy_arn = "arn:aws:iam::111122223333:policy/AmazonEKS_CNI_IPv6_Policy"
}

variable "more_policies" {
  type    = map(string)
  default = {}
}

resource "aws_iam_role_policy_attachment" "for_each_map" {
  for_each = { for k, v in merge(
    { additional = try(aws_iam_policy.describe.arn, null) }, var.more_policies
  ) : k => v }
  role       = aws_iam_role.node["for_each_map"].name
  policy_arn = each.value
}
"""


def _found(tmp_path: Path) -> dict[tuple[str, str | None], tuple[str, str]]:
    (tmp_path / "main.tf").write_text(ROOT, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-IAM-005", "GDCC-GRAPH-006")))
    return {(f.rule_id, f.address): (f.status.value, f.message.en) for f in result.findings}


def test_a_policy_named_by_its_account_arn_is_read(tmp_path: Path) -> None:
    found = _found(tmp_path)
    role = 'aws_iam_role.node["by_name"]'
    assert found[("GDCC-IAM-005", role)] == (
        "PASS", "Permission policies do not grant actions by wildcard"
    )
    assert found[("GDCC-GRAPH-006", role)] == (
        "PASS", "A workload identity's permissions stay within its own system"
    )
    wide = 'aws_iam_role.node["by_path"]'
    assert found[("GDCC-IAM-005", wide)] == (
        "FAIL", "it grants permissions by wildcard: s3:* on *"
    )


def test_a_written_account_stays_unknown(tmp_path: Path) -> None:
    found = _found(tmp_path)
    role = 'aws_iam_role.node["literal_account"]'
    assert found[("GDCC-IAM-005", role)] == (
        "UNKNOWN", "whether it grants permissions by wildcard is not known from the input"
    )
    assert found[("GDCC-GRAPH-006", role)] == (
        "UNKNOWN",
        f"the permissions of {role} (managed policy "
        "arn:aws:iam::111122223333:policy/AmazonEKS_CNI_IPv6_Policy) are not known from the "
        "input",
    )


def test_a_policy_attached_through_a_for_each_map_is_named(tmp_path: Path) -> None:
    found = _found(tmp_path)
    role = 'aws_iam_role.node["for_each_map"]'
    assert found[("GDCC-IAM-005", role)] == (
        "FAIL", "it grants permissions by wildcard: ec2:Describe* on *"
    )
    assert found[("GDCC-GRAPH-006", role)] == (
        "FAIL",
        "it grants describe and list actions by wildcard on every resource (they show what "
        "exists, not its data, and change nothing): ec2:Describe* on *",
    )
