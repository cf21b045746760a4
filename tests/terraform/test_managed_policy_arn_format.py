"""cloudposse/terraform-aws-eks-cluster attaches the EKS cluster policies by
``format("arn:%s:iam::aws:policy/AmazonEKSClusterPolicy", one(data.aws_partition.current[*].
partition))``: the partition is known only at apply time, and ``format`` was not rendered with
a placeholder (a template ``"arn:${...}:iam::aws:policy/..."`` was), so the policy was "not
known": the cluster role GDCC-IAM-005 / GDCC-GRAPH-006 UNKNOWN. A ``format`` whose verbs only
write their argument (``%s``, ``%v``) now renders it, and the AWS managed policy is read in
any partition: PASS. A verb that computes on its argument (``%d``) is not rendered."""

from __future__ import annotations

from pathlib import Path

import pytest

from gdcc_audit.api import audit
from gdcc_audit.settings import Settings

MAIN = """\
data "aws_partition" "current" {
  count = 1
}

resource "aws_iam_role" "cluster" {
  name = "cluster"
  assume_role_policy = jsonencode({
    Statement = [{
      Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "eks.amazonaws.com" }
    }]
  })
}

resource "aws_iam_role_policy_attachment" "cluster" {
  policy_arn = format(SPEC, one(data.aws_partition.current[*].partition))
  role       = aws_iam_role.cluster.name
}
"""


def _found(tmp_path: Path, spec: str) -> dict[str, tuple[str, str]]:
    (tmp_path / "main.tf").write_text(MAIN.replace("SPEC", spec), encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-IAM-005", "GDCC-GRAPH-006")))
    return {
        f.rule_id: (f.status.value, f.message.en)
        for f in result.findings if f.address == "aws_iam_role.cluster"
    }


@pytest.mark.parametrize("verb", ["%s", "%v"])
def test_format_of_the_partition_names_the_managed_policy(tmp_path: Path, verb: str) -> None:
    found = _found(tmp_path, f'"arn:{verb}:iam::aws:policy/AmazonEKSClusterPolicy"')
    assert found == {
        "GDCC-IAM-005": ("PASS", "Permission policies do not grant actions by wildcard"),
        "GDCC-GRAPH-006": (
            "PASS", "A workload identity's permissions stay within its own system"
        ),
    }


def test_a_computing_verb_is_not_rendered(tmp_path: Path) -> None:
    found = _found(tmp_path, '"arn:aws:iam::aws:policy/AmazonEKSClusterPolicy%.0d"')
    assert found["GDCC-IAM-005"] == (
        "UNKNOWN", "whether it grants permissions by wildcard is not known from the input"
    )
