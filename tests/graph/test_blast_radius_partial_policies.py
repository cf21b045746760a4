"""GDCC-GRAPH-006 on an AWS role whose permissions are read but for a managed policy it names
(an AWS managed policy not in ``aws_managed_policies``, a customer policy ARN, an ARN from a
parameter or variable): what is read is judged as it is, and the policy not known is named.

It said "a wildcard or administrator permission reaches all N aws resources": a role with
``s3:*`` on ``*`` inline beside such a policy was taken as holding everything, queues and
databases too, and the policy not known was not named. A FAIL on what is read stays a FAIL
(docs/graph.md, "Permissions not known"), never a PASS; a role whose read statements hold no
wildcard stays UNKNOWN, naming the policy. Also: one resource is "the 1 aws resource" (it was
"all 1 aws resources"), and systems reached only through resources another value of a
template's parameters creates are named beside a service-wide grant (they were counted, not
named)."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

_TRUST = """\
      AssumeRolePolicyDocument:
        Statement:
          - {Effect: Allow, Principal: {Service: ec2.amazonaws.com}, Action: sts:AssumeRole}
"""

TEMPLATE = f"""\
Parameters:
  ExtraPolicy: {{Type: String}}
Resources:
  Bucket:
    Type: AWS::S3::Bucket
  Queue:
    Type: AWS::SQS::Queue
  Unlisted:
    Type: AWS::IAM::Role
    Properties:
{_TRUST}      ManagedPolicyArns: [arn:aws:iam::aws:policy/NotInOurTable]
      Policies:
        - PolicyName: s3
          PolicyDocument:
            Statement: [{{Effect: Allow, Action: "s3:*", Resource: "*"}}]
  FromParameter:
    Type: AWS::IAM::Role
    Properties:
{_TRUST}      ManagedPolicyArns:
        - !Ref ExtraPolicy
        - !Sub "arn:${{AWS::Partition}}:iam::aws:policy/AmazonS3ReadOnlyAccess"
        - arn:aws:iam::123456789012:policy/custom
  Narrow:
    Type: AWS::IAM::Role
    Properties:
{_TRUST}      ManagedPolicyArns: [arn:aws:iam::aws:policy/NotInOurTable]
      Policies:
        - PolicyName: read
          PolicyDocument:
            Statement: [{{Effect: Allow, Action: s3:GetObject, Resource: !Sub "${{Bucket.Arn}}/*"}}]
  Everything:
    Type: AWS::IAM::Role
    Properties:
{_TRUST}      ManagedPolicyArns: [arn:aws:iam::aws:policy/NotInOurTable]
      Policies:
        - PolicyName: all
          PolicyDocument:
            Statement: [{{Effect: Allow, Action: "*", Resource: "*"}}]
"""

TERRAFORM = """\
variable "extra_policy_arn" { type = string }
resource "aws_s3_bucket" "data" { bucket = "data" }
resource "aws_sqs_queue" "jobs" { name = "jobs" }
resource "aws_iam_role" "app" {
  name               = "app"
  assume_role_policy = "{}"
}
resource "aws_iam_role_policy" "s3" {
  role   = aws_iam_role.app.id
  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "s3:*", Resource = "*" }] })
}
resource "aws_iam_role_policy_attachment" "extra" {
  role       = aws_iam_role.app.name
  policy_arn = var.extra_policy_arn
}
resource "aws_iam_role" "blocks" {
  name               = "blocks"
  assume_role_policy = "{}"
  inline_policy {
    name   = "s3"
    policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "s3:*", Resource = "*" }] })
  }
  managed_policy_arns = ["arn:aws:iam::aws:policy/AmazonSQSFullAccess", var.extra_policy_arn]
}
"""

HELD = f"""\
Parameters:
  Env: {{Type: String, Default: dev}}
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Resources:
  Own:
    Type: AWS::S3::Bucket
    Properties:
      Tags: [{{Key: "gdcc:system", Value: web}}]
  Payroll:
    Type: AWS::S3::Bucket
    Condition: IsProd
    Properties:
      Tags: [{{Key: "gdcc:system", Value: payroll}}]
  Role:
    Type: AWS::IAM::Role
    Properties:
      Tags: [{{Key: "gdcc:system", Value: web}}]
{_TRUST}      Policies:
        - PolicyName: s3
          PolicyDocument:
            Statement: [{{Effect: Allow, Action: "s3:*", Resource: "*"}}]
"""

_NOT_KNOWN_EN = "are not known from the input (they may reach more)"


def _found(folder: Path) -> dict[str, tuple[Status, str, str, dict[str, object]]]:
    result = audit([folder], Settings(rule_ids=("GDCC-GRAPH-006",)))
    return {
        f.address or "": (f.status, f.message.en, f.message.th, dict(f.evidence))
        for f in result.findings
    }


def test_a_service_wildcard_beside_a_managed_policy_not_listed(tmp_path: Path) -> None:
    (tmp_path / "stack.yaml").write_text(TEMPLATE, encoding="utf-8")
    status, en, th, evidence = _found(tmp_path)["Unlisted"]
    assert status is Status.FAIL
    assert en == (
        "a wildcard permission reaches the 1 aws resource of service s3: s3:* on *; and the "
        "permissions of Unlisted (managed policy arn:aws:iam::aws:policy/NotInOurTable) "
        + _NOT_KNOWN_EN
    )
    assert th == (
        "สิทธิ์แบบ wildcard เข้าถึงทรัพยากร aws 1 รายการของบริการ s3: s3:* on * และไม่ทราบสิทธิ์ของ "
        "Unlisted (managed policy arn:aws:iam::aws:policy/NotInOurTable) จากข้อมูลนำเข้า "
        "(อาจเข้าถึงได้มากกว่านี้)"
    )
    assert evidence["reaches_data"] == ["Bucket"]
    assert evidence["service_wildcards"] == ["s3:* on *"]
    assert evidence["permissions_not_known"] == [
        "Unlisted (managed policy arn:aws:iam::aws:policy/NotInOurTable)"
    ]


def test_a_listed_managed_policy_beside_ones_not_known(tmp_path: Path) -> None:
    (tmp_path / "stack.yaml").write_text(TEMPLATE, encoding="utf-8")
    status, en, _, evidence = _found(tmp_path)["FromParameter"]
    assert status is Status.FAIL
    assert en == (
        "a wildcard permission reaches the 1 aws resource of service s3: \"AWS managed "
        "AmazonS3ReadOnlyAccess\": s3:Get*, s3:List*, s3:Describe* on *; and the permissions "
        "of FromParameter (managed policies ManagedPolicyArns[0], "
        "arn:aws:iam::123456789012:policy/custom) " + _NOT_KNOWN_EN
    )
    assert evidence["permissions_not_known"] == [
        "FromParameter (managed policies ManagedPolicyArns[0], "
        "arn:aws:iam::123456789012:policy/custom)"
    ]


def test_no_wildcard_read_stays_unknown_and_everything_stays_everything(tmp_path: Path) -> None:
    (tmp_path / "stack.yaml").write_text(TEMPLATE, encoding="utf-8")
    found = _found(tmp_path)
    assert found["Narrow"][:2] == (
        Status.UNKNOWN,
        "the permissions of Narrow (managed policy arn:aws:iam::aws:policy/NotInOurTable) "
        "are not known from the input",
    )
    assert found["Narrow"][3]["reaches_data"] == ["Bucket"]
    assert found["Everything"][:2] == (
        Status.FAIL, "a wildcard or administrator permission reaches all 6 aws resources"
    )


def test_terraform_attachment_and_managed_policy_arns_not_known(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(TERRAFORM, encoding="utf-8")
    found = _found(tmp_path)
    assert found["aws_iam_role.app"][:2] == (
        Status.FAIL,
        "a wildcard permission reaches the 1 aws resource of service s3: s3:* on *; and the "
        "permissions of aws_iam_role.app (managed policy "
        "aws_iam_role_policy_attachment.extra.policy_arn) " + _NOT_KNOWN_EN,
    )
    assert found["aws_iam_role.blocks"][:2] == (
        Status.FAIL,
        "a wildcard permission reaches all 2 aws resources of services s3, sqs: \"AWS managed "
        "AmazonSQSFullAccess\": sqs:* on *; s3:* on *; and the permissions of "
        "aws_iam_role.blocks (managed policy managed_policy_arns[1]) " + _NOT_KNOWN_EN,
    )


def test_systems_only_other_parameter_values_create_are_named(tmp_path: Path) -> None:
    (tmp_path / "stack.yaml").write_text(HELD, encoding="utf-8")
    status, en, th, evidence = _found(tmp_path)["Role"]
    assert status is Status.FAIL
    assert en == (
        "a wildcard permission reaches the 1 aws resource of service s3, and 1 that only other "
        "parameter values create: s3:* on *; it reaches resources of other systems (payroll) "
        "only where the template creates Payroll (deployed only when condition IsProd holds, "
        "which is false with the parameters' defaults)"
    )
    assert th == (
        "สิทธิ์แบบ wildcard เข้าถึงทรัพยากร aws 1 รายการของบริการ s3 และอีก 1 รายการที่สร้างขึ้นเฉพาะ"
        "เมื่อใช้ค่าพารามิเตอร์อื่นที่ไม่ใช่ค่าเริ่มต้น: s3:* on *; เข้าถึงทรัพยากรของระบบอื่น (payroll) "
        "เฉพาะเมื่อเทมเพลตสร้าง Payroll (สร้างขึ้นเฉพาะเมื่อใช้ค่าพารามิเตอร์อื่นที่ไม่ใช่ค่าเริ่มต้น)"
    )
    assert evidence["reaches_elsewhere"] == ["Payroll"]


ROOT = """\
resource "aws_s3_bucket" "data" { bucket = "data" }
resource "aws_iam_policy" "describe" {
  name   = "describe"
  policy = jsonencode({
    Statement = [{ Effect = "Allow", Action = "ec2:Describe*", Resource = "*" }]
  })
}
module "irsa" {
  source = "./role"
  policies = {
    cni        = "arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy"
    additional = aws_iam_policy.describe.arn
  }
}
"""

ROLE_MODULE = """\
variable "policies" { type = map(string) }
variable "create" { default = true }
resource "aws_iam_role" "this" {
  count              = var.create ? 1 : 0
  name               = "irsa"
  assume_role_policy = "{}"
}
resource "aws_iam_role_policy_attachment" "additional" {
  for_each   = { for k, v in var.policies : k => v if var.create }
  role       = aws_iam_role.this[0].name
  policy_arn = each.value
}
"""


def test_a_policy_attached_through_a_filtered_map_of_a_module_input(tmp_path: Path) -> None:
    """terraform-aws-iam's iam-role-for-service-accounts example: ``policies`` names an
    ``aws_iam_policy`` of the root, attached by ``for_each = { for k, v in var.policies : k
    => v if var.create }``. The filtered map lost what each item reads, so the role held no
    policy of the scan while its facets had the policy's wildcard: "a wildcard or
    administrator permission reaches all N aws resources"."""
    (tmp_path / "main.tf").write_text(ROOT, encoding="utf-8")
    (tmp_path / "role").mkdir()
    (tmp_path / "role" / "main.tf").write_text(ROLE_MODULE, encoding="utf-8")
    assert _found(tmp_path)["module.irsa.aws_iam_role.this[0]"][:2] == (
        Status.FAIL,
        "it grants describe and list actions by wildcard on every resource (they show what "
        "exists, not its data, and change nothing): ec2:Describe* on *",
    )


REGISTRY = f"""\
Resources:
  Repo:
    Type: AWS::ECR::Repository
    Properties:
      Tags: [{{Key: "gdcc:system", Value: payroll}}]
  Pusher:
    Type: AWS::IAM::Role
    Properties:
      Tags: [{{Key: "gdcc:system", Value: ci}}]
{_TRUST}      ManagedPolicyArns:
        - !Sub "arn:${{AWS::Partition}}:iam::aws:policy/AmazonEC2ContainerRegistryPowerUser"
  Dms:
    Type: AWS::IAM::Role
    Properties:
      Tags: [{{Key: "gdcc:system", Value: ci}}]
{_TRUST}      ManagedPolicyArns: [arn:aws:iam::aws:policy/service-role/AmazonDMSVPCManagementRole]
"""


def test_registry_power_user_and_dms_vpc_management_are_read(tmp_path: Path) -> None:
    """AmazonEC2ContainerRegistryPowerUser (terraform-aws-iam's CircleCI OIDC role) and
    AmazonDMSVPCManagementRole (aws-cloudformation-templates' DMS roles) were not listed:
    UNKNOWN "the permissions ... are not known". The first pushes images (ecr:PutImage on
    ``*``) to every repository, another system's too; the second manages network
    interfaces only."""
    (tmp_path / "stack.yaml").write_text(REGISTRY, encoding="utf-8")
    found = _found(tmp_path)
    assert found["Pusher"][:2] == (Status.FAIL, "reaches resources of other systems: payroll")
    assert found["Pusher"][3]["reaches_data"] == ["Repo"]
    assert found["Dms"][:2] == (
        Status.PASS, "A workload identity's permissions stay within its own system"
    )


def test_a_policy_named_twice_is_named_once(tmp_path: Path) -> None:
    """terraform-aws-eks' hybrid node role attaches AmazonEC2ContainerRegistryPullOnly twice:
    it was named twice ("managed policies arn:...PullOnly, arn:...PullOnly")."""
    (tmp_path / "main.tf").write_text("""\
resource "aws_iam_role" "node" {
  name                = "node"
  assume_role_policy  = "{}"
  managed_policy_arns = ["arn:aws:iam::aws:policy/NotInOurTable"]
}
resource "aws_iam_role_policy_attachment" "again" {
  role       = aws_iam_role.node.name
  policy_arn = "arn:aws:iam::aws:policy/NotInOurTable"
}
""", encoding="utf-8")
    assert _found(tmp_path)["aws_iam_role.node"][:2] == (
        Status.UNKNOWN,
        "the permissions of aws_iam_role.node (managed policy "
        "arn:aws:iam::aws:policy/NotInOurTable) are not known from the input",
    )
