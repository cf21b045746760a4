"""``data "aws_service_principal"`` (terraform-aws-eks' karpenter node role and capability
roles: ``service_name = "ec2"``, read as ``try(data.aws_service_principal.ec2[0].name, "")``):
its ``name`` is ``<service_name>.amazonaws.com`` (Terraform AWS provider, data source
aws_service_principal: "Service Principal Names should always end in the standard global
format"). Every data source but policy documents and cloud-init was not known: a trust
naming the service that way was not read, and a role allowed ``iam:PassRole`` held to EC2
was UNKNOWN "the trust policy of aws_iam_role.node ... is not known from the input".
"""

from __future__ import annotations

from pathlib import Path

import pytest

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

EVERYTHING = "a wildcard or administrator permission reaches all 2 aws resources"
PASSED = "A workload identity's permissions stay within its own system"
TRUST_NOT_KNOWN = (
    "the trust policy of aws_iam_role.node, which it may pass to some services only, is not"
    " known from the input"
)

MAIN = """\
variable "create" {
  type    = bool
  default = true
}
data "aws_service_principal" "this" {
  count        = var.create ? 1 : 0
  service_name = "SERVICE"
  REGION
}
locals {
  sp_name = try(data.aws_service_principal.this[0].name, "")
}
data "aws_iam_policy_document" "assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = [local.sp_name]
    }
  }
}
resource "aws_iam_role" "node" {
  name               = "node"
  assume_role_policy = data.aws_iam_policy_document.assume.json
}
resource "aws_iam_role_policy_attachment" "node" {
  role       = aws_iam_role.node.name
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
}
resource "aws_iam_role" "cluster" {
  name = "cluster"
  assume_role_policy = jsonencode({ Statement = [{
    Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "eks.amazonaws.com" }
  }] })
  inline_policy {
    name = "pass"
    policy = jsonencode({ Statement = [{
      Effect = "Allow", Action = "iam:PassRole", Resource = "*"
      Condition = { StringEquals = { "iam:PassedToService" = "ec2.amazonaws.com" } }
    }] })
  }
}
"""


def _cluster(tmp_path: Path, service: str, region: str = "") -> tuple[Status, str, object]:
    text = MAIN.replace("SERVICE", service).replace("REGION", region)
    (tmp_path / "main.tf").write_text(text, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-006",)))
    (found,) = [f for f in result.findings if f.address == "aws_iam_role.cluster"]
    return found.status, found.message.en, found.evidence.get("acts_as")


@pytest.mark.parametrize("region", ["", 'region = "ap-southeast-7"', "region = var.region"])
def test_a_role_ec2_may_assume_is_passed(tmp_path: Path, region: str) -> None:
    # it was: UNKNOWN, TRUST_NOT_KNOWN
    if "var." in region:
        (tmp_path / "variables.tf").write_text('variable "region" {}\n', encoding="utf-8")
    # (the grant is the node role's, which it may pass: named since stop 52)
    assert _cluster(tmp_path, "ec2", region) == (
        Status.FAIL,
        EVERYTHING.replace(
            "permission ", "permission (held by aws_iam_role.node, which it may act as) "
        ),
        ["aws_iam_role.node"],
    )


def test_a_role_only_lambda_may_assume_is_not(tmp_path: Path) -> None:
    # it was: UNKNOWN, TRUST_NOT_KNOWN
    assert _cluster(tmp_path, "lambda") == (Status.PASS, PASSED, None)


def test_a_region_of_another_partition_stays_not_known(tmp_path: Path) -> None:
    # (a guard: the same on main) a China Region's principal may end in amazonaws.com.cn
    assert _cluster(tmp_path, "ec2", 'region = "cn-north-1"') == (
        Status.UNKNOWN, TRUST_NOT_KNOWN, None
    )
