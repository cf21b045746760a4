"""A ``dynamic "statement"`` over ``toset([x])`` with ``x`` not known (terraform-aws-iam's
cluster autoscaler policy: ``for_each = toset(var.cluster_autoscaler_cluster_names)``, the
example passing ``[module.eks.cluster_name]``, a module not in the scan) made the whole
``aws_iam_policy_document`` not known: the policy and role were GDCC-IAM-005 / GDCC-GRAPH-006
UNKNOWN. A set of one element has one element whatever its value (cty ``Value.Length``: "a
single unknown value cannot represent more than one known value"), so one statement is
written, its iterator's value not known (only in the condition key here): PASS when that
statement names its actions, FAIL when it grants ``autoscaling:*``. Two elements not known
may be one or two: still UNKNOWN."""

from __future__ import annotations

from pathlib import Path

import pytest

from gdcc_audit.api import audit
from gdcc_audit.settings import Settings

MAIN = """\
variable "cluster_name" {
  type = string
}

variable "other" {
  type = string
}

data "aws_iam_policy_document" "autoscaler" {
  statement {
    actions   = ["autoscaling:DescribeAutoScalingGroups", "ec2:DescribeLaunchTemplateVersions"]
    resources = ["*"]
  }

  dynamic "statement" {
    for_each = toset(NAMES)

    content {
      actions   = ACTIONS
      resources = ["*"]

      condition {
        test     = "StringEquals"
        variable = "autoscaling:ResourceTag/kubernetes.io/cluster/${statement.value}"
        values   = ["owned"]
      }
    }
  }
}

data "aws_iam_policy_document" "this" {
  source_policy_documents = data.aws_iam_policy_document.autoscaler[*].json
}

resource "aws_iam_policy" "this" {
  name   = "cluster-autoscaler"
  policy = data.aws_iam_policy_document.this.json
}
"""

_NAMED = '["autoscaling:SetDesiredCapacity", "autoscaling:TerminateInstanceInAutoScalingGroup"]'


def _iam005(tmp_path: Path, names: str, actions: str) -> tuple[str, str]:
    (tmp_path / "main.tf").write_text(
        MAIN.replace("NAMES", names).replace("ACTIONS", actions), encoding="utf-8"
    )
    result = audit([tmp_path], Settings(rule_ids=("GDCC-IAM-005",)))
    [found] = [f for f in result.findings if f.address == "aws_iam_policy.this"]
    return found.status.value, found.message.en


def test_one_cluster_name_not_known_writes_one_statement(tmp_path: Path) -> None:
    assert _iam005(tmp_path, "[var.cluster_name]", _NAMED) == (
        "PASS", "Permission policies do not grant actions by wildcard"
    )


def test_its_wildcard_is_read(tmp_path: Path) -> None:
    assert _iam005(tmp_path, "[var.cluster_name]", '["autoscaling:*"]') == (
        "FAIL", "it grants permissions by wildcard: autoscaling:* on *"
    )


@pytest.mark.parametrize("names", ["[var.cluster_name, var.other]", "var.names"])
def test_more_elements_not_known_stay_unknown(tmp_path: Path, names: str) -> None:
    (tmp_path / "names.tf").write_text(
        'variable "names" {\n  type = list(string)\n}\n', encoding="utf-8"
    )
    # (since stop 49 the message names the block: its statements are not known)
    assert _iam005(tmp_path, names, _NAMED) == (
        "UNKNOWN",
        "whether it grants permissions by wildcard is not known from the input: the statements"
        f' of dynamic "statement" over toset({names}) at main.tf:16 are not known (any number,'
        " any grant)",
    )
