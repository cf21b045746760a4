"""terraform-aws-modules/terraform-aws-batch writes each role's trust as
``identifiers = ["ec2.${data.aws_partition.current.dns_suffix}"]``: the service is EC2 in any
partition, as CloudFormation's ``ec2.${AWS::URLSuffix}`` is read, but the Terraform text was
"not known", so a role passing roles to EC2 (the spot fleet role's
``AmazonEC2SpotFleetTaggingRole``: ``iam:PassRole`` held by ``iam:PassedToService``) was
GDCC-GRAPH-006 UNKNOWN "the trust policies of ... are not known". Also listed (checked against
zoph-io/MAMIP): ``service-role/AWSBatchServiceRole`` (no wildcard; passes roles to EC2 and ECS
tasks), ``AWSSupportAccess`` (``support:*``: nozaq/terraform-aws-secure-baseline's support
role) and ``service-role/AWSConfigRoleForOrganizations``; roles holding them were UNKNOWN."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.settings import Settings

COMMON = """\
data "aws_partition" "current" {}
locals {
  dns_suffix = data.aws_partition.current.dns_suffix
  partition  = data.aws_partition.current.partition
  roles      = "arn:${local.partition}:iam::aws:policy/service-role"
}
data "aws_iam_policy_document" "trust" {
  for_each = toset(["ec2", "spotfleet", "batch", "lambda"])
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["${each.key}.${local.dns_suffix}"]
    }
  }
}
resource "aws_iam_role" "spot_fleet" {
  name               = "spot-fleet"
  assume_role_policy = data.aws_iam_policy_document.trust["spotfleet"].json
}
resource "aws_iam_role_policy_attachment" "spot_fleet" {
  role       = aws_iam_role.spot_fleet.name
  policy_arn = "arn:${local.partition}:iam::aws:policy/service-role/AmazonEC2SpotFleetTaggingRole"
}
"""

BATCH = COMMON + """\
resource "aws_iam_role" "instance" {
  name               = "instance"
  assume_role_policy = data.aws_iam_policy_document.trust["ec2"].json
}
resource "aws_iam_role_policy_attachment" "instance" {
  role       = aws_iam_role.instance.name
  policy_arn = "${local.roles}/AmazonEC2ContainerServiceforEC2Role"
}
resource "aws_iam_role" "service" {
  name               = "service"
  assume_role_policy = data.aws_iam_policy_document.trust["batch"].json
}
resource "aws_iam_role_policy_attachment" "service" {
  role       = aws_iam_role.service.name
  policy_arn = "${local.roles}/AWSBatchServiceRole"
}
resource "aws_iam_role" "support" {
  name               = "support"
  assume_role_policy = data.aws_iam_policy_document.trust["lambda"].json
}
resource "aws_iam_role_policy_attachment" "support" {
  role       = aws_iam_role.support.name
  policy_arn = "arn:aws:iam::aws:policy/AWSSupportAccess"
}
resource "aws_iam_role" "config_organization" {
  name                = "config-org"
  assume_role_policy  = data.aws_iam_policy_document.trust["lambda"].json
  managed_policy_arns = ["arn:aws:iam::aws:policy/service-role/AWSConfigRoleForOrganizations"]
}
"""

#: Only a role for Lambda to pass: EC2 cannot be given it, so the spot fleet role acts as none.
LAMBDA_ONLY = COMMON + """\
resource "aws_iam_role" "function" {
  name               = "function"
  assume_role_policy = data.aws_iam_policy_document.trust["lambda"].json
  managed_policy_arns = ["arn:aws:iam::aws:policy/AdministratorAccess"]
}
"""

SUBMIT = '"AWS managed AmazonEC2ContainerServiceforEC2Role": ecs:Submit* on *'


def _found(root: Path) -> dict[tuple[str, str], tuple[str, str]]:
    result = audit([root], Settings(rule_ids=("GDCC-GRAPH-006", "GDCC-IAM-005")))
    return {
        (f.rule_id, f.address or ""): (f.status.value, f.message.en)
        for f in result.findings
        if f.resource_kind == "identity.role"
    }


def test_roles_passed_to_ec2_by_a_partition_suffix(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(BATCH, encoding="utf-8")
    found = _found(tmp_path)
    reach = ("FAIL", "a wildcard permission may act on every resource of services ecr, ecs, "
                     f"logs, none of them in the scan: {SUBMIT}")
    # the grant is the instance role's, which they may pass: named (it read as their own)
    passed = (reach[0], f"{reach[1]} (held by aws_iam_role.instance, which it may act as)")
    # both were UNKNOWN: the trusts of the roles they may pass were not known
    assert found["GDCC-GRAPH-006", "aws_iam_role.spot_fleet"] == passed
    assert found["GDCC-GRAPH-006", "aws_iam_role.service"] == passed
    assert found["GDCC-GRAPH-006", "aws_iam_role.instance"] == reach
    assert found["GDCC-IAM-005", "aws_iam_role.service"] == (
        "PASS", "Permission policies do not grant actions by wildcard"
    )
    assert found["GDCC-IAM-005", "aws_iam_role.support"] == (
        "FAIL",
        'it grants permissions by wildcard: "AWS managed AWSSupportAccess": support:*, '
        "support-console:* on *",
    )
    assert found["GDCC-IAM-005", "aws_iam_role.config_organization"][0] == "PASS"
    assert found["GDCC-GRAPH-006", "aws_iam_role.config_organization"][0] == "PASS"


def test_a_role_ec2_cannot_be_given_is_not_passed(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(LAMBDA_ONLY, encoding="utf-8")
    found = _found(tmp_path)
    # was UNKNOWN: whether EC2 may be given the function's role was not known
    assert found["GDCC-GRAPH-006", "aws_iam_role.spot_fleet"] == (
        "PASS", "A workload identity's permissions stay within its own system"
    )
    assert found["GDCC-GRAPH-006", "aws_iam_role.function"][0] == "FAIL"


def test_a_passed_roles_wildcard_names_that_role_in_thai(tmp_path: Path) -> None:
    """sweep22's leftover: the spot fleet role's GRAPH-006 named the instance role's policy as
    if the spot fleet role held it; the role it may pass is now named, in both languages."""
    (tmp_path / "main.tf").write_text(BATCH, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-006",)))
    thai = {f.address: f.message.th for f in result.findings}
    assert thai["aws_iam_role.spot_fleet"].endswith(
        f"{SUBMIT} (เป็นสิทธิ์ของ aws_iam_role.instance ซึ่งอาจทำงานในนามได้)"
    )
    assert "เป็นสิทธิ์ของ" not in thai["aws_iam_role.instance"]
