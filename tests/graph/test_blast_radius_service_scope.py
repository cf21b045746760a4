"""GDCC-GRAPH-006: a wildcard grant limited to a few services reaches those services'
resources, not everything of the provider (stop 44).

A role holding the managed policy ``AmazonS3ReadOnlyAccess`` (``s3:Get*``, ``s3:List*``,
``s3:Describe*`` on ``*``) FAILed "a wildcard or administrator permission reaches all 61 aws
resources" on third-party IaC: queues, databases and roles counted, and every system of the
scan "reached". An S3 action acts on S3 resources only (Service Authorization Reference): the
radius is now every bucket, and the systems reached are those of the buckets. Actions that
act as an identity (``ec2:*``'s ``RunInstances``, ``iam:PassRole``) still reach everything.

The "other systems" FAIL counted resources only another value of a template's parameters
creates (``ONLY_WITH``: a bucket of system payroll under ``Condition: IsProd``) as the
defaults': they are now named apart, and UNKNOWN when only they make the FAIL.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from gdcc_audit.api import audit
from gdcc_audit.graph.iam_services import _of_type
from gdcc_audit.models.finding import Finding, Status
from gdcc_audit.settings import Settings

TERRAFORM = """\
resource "aws_s3_bucket" "app" {
  bucket = "app-data"
  tags   = { "gdcc:system" = "app" }
}
resource "aws_s3_bucket_policy" "app" {
  bucket = aws_s3_bucket.app.id
  policy = jsonencode({ Statement = [] })
}
resource "aws_s3_bucket" "payroll" {
  bucket = "payroll-data"
  tags   = { "gdcc:system" = "payroll" }
}
resource "aws_sqs_queue" "hr" {
  name = "hr-jobs"
  tags = { "gdcc:system" = "hr" }
}
resource "aws_db_instance" "hr" {
  identifier     = "hr"
  engine         = "postgres"
  instance_class = "db.t3.micro"
  tags           = { "gdcc:system" = "hr" }
}
resource "aws_iam_role" "reader" {
  name               = "reader"
  assume_role_policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "sts:AssumeRole",
    Principal = { Service = "ec2.amazonaws.com" } }] })
  tags = { "gdcc:system" = "app" }
}
resource "aws_iam_role_policy_attachment" "reader" {
  role       = aws_iam_role.reader.name
  policy_arn = "arn:aws:iam::aws:policy/POLICY"
}
"""


def _findings(tmp_path: Path, name: str, text: str) -> dict[str, Finding]:
    (tmp_path / name).write_text(text, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-006",)))
    return {f.address or "": f for f in result.findings}


def test_s3_read_only_reaches_the_buckets_only(tmp_path: Path) -> None:
    found = _findings(tmp_path, "main.tf", TERRAFORM.replace("POLICY", "AmazonS3ReadOnlyAccess"))
    role = found["aws_iam_role.reader"]
    assert (role.status, role.message.en) == (
        Status.FAIL,
        'a wildcard permission reaches all 2 aws resources of service s3: "AWS managed '
        'AmazonS3ReadOnlyAccess": s3:Get*, s3:List*, s3:Describe* on *; reaches resources of '
        "other systems: payroll",
    )
    assert role.message.th.startswith(
        "สิทธิ์แบบ wildcard เข้าถึงทรัพยากร aws ทั้งหมด 2 รายการของบริการ s3: "
    )
    assert role.evidence["reaches_systems"] == ["app", "payroll"]  # not hr's queue, database
    assert role.evidence["reaches_data"] == ["aws_s3_bucket.app", "aws_s3_bucket.payroll"]
    assert role.evidence["service_wildcards"] == [
        '"AWS managed AmazonS3ReadOnlyAccess": s3:Get*, s3:List*, s3:Describe* on *'
    ]


def test_a_read_only_access_to_every_service_still_reaches_everything(tmp_path: Path) -> None:
    # ReadOnlyAccess: *:Get*, *:List*... every service's
    found = _findings(tmp_path, "main.tf", TERRAFORM.replace("POLICY", "ReadOnlyAccess"))
    role = found["aws_iam_role.reader"]
    assert (role.status, role.message.en) == (
        Status.FAIL, "a wildcard or administrator permission reaches all 5 aws resources"
    )
    assert role.evidence["reaches_systems"] == ["app", "hr", "payroll"]


@pytest.mark.parametrize(
    "policy",
    [
        # ec2:RunInstances launches compute with any instance role; EC2 User Guide: "If you
        # specify the resource for iam:PassRole as *, ... pass any of your IAM roles"
        "AmazonEC2FullAccess",
        # iam:* rewrites any identity's policies
        "IAMFullAccess",
    ],
)
def test_a_service_wildcard_that_acts_as_an_identity_reaches_everything(
    tmp_path: Path, policy: str
) -> None:
    found = _findings(tmp_path, "main.tf", TERRAFORM.replace("POLICY", policy))
    role = found["aws_iam_role.reader"]
    assert (role.status, role.message.en) == (
        Status.FAIL, "a wildcard or administrator permission reaches all 5 aws resources"
    )


def test_sqs_full_access_reaches_the_queues(tmp_path: Path) -> None:
    found = _findings(tmp_path, "main.tf", TERRAFORM.replace("POLICY", "AmazonSQSFullAccess"))
    role = found["aws_iam_role.reader"]
    assert (role.status, role.message.en) == (
        Status.FAIL,
        'a wildcard permission reaches the 1 aws resource of service sqs: "AWS managed '
        'AmazonSQSFullAccess": sqs:* on *; reaches resources of other systems: hr',
    )
    assert role.evidence["reaches_data"] == ["aws_sqs_queue.hr"]


CLOUDFORMATION = """\
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Env: {Type: String, Default: dev}
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Resources:
  Reader:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - {Effect: Allow, Principal: {Service: lambda.amazonaws.com}, Action: sts:AssumeRole}
      ManagedPolicyArns: [!Sub "arn:${AWS::Partition}:iam::aws:policy/AmazonS3ReadOnlyAccess"]
      Tags: [{Key: gdcc:system, Value: app}]
  AppBucket:
    Type: AWS::S3::Bucket
    Properties:
      Tags: [{Key: gdcc:system, Value: app}]
  PayrollBucket:
    Type: AWS::S3::Bucket
    Condition: IsProd
    Properties:
      Tags: [{Key: gdcc:system, Value: payroll}]
  HrQueue:
    Type: AWS::SQS::Queue
    Properties:
      Tags: [{Key: gdcc:system, Value: hr}]
"""

HELD = "deployed only when condition IsProd holds, which is false with the parameters' defaults"


def test_cloudformation_managed_policy_and_a_bucket_only_another_value_creates(
    tmp_path: Path,
) -> None:
    """The bucket of system payroll exists only when IsProd holds: counted apart, and the
    other system is said to be reached only where the template creates it."""
    role = _findings(tmp_path, "template.yaml", CLOUDFORMATION)["Reader"]
    assert (role.status, role.message.en) == (
        Status.FAIL,
        'a wildcard permission reaches the 1 aws resource of service s3, and 1 that only '
        'other parameter values create: "AWS managed AmazonS3ReadOnlyAccess": s3:Get*, '
        "s3:List*, s3:Describe* on *; it reaches resources of other systems (payroll) only "
        f"where the template creates PayrollBucket ({HELD})",
    )
    assert role.evidence["reaches_elsewhere"] == ["PayrollBucket"]
    assert role.evidence["reaches_systems"] == ["app", "payroll"]


ONLY_WITH = """\
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Env: {Type: String, Default: dev}
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Resources:
  Reader:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - {Effect: Allow, Principal: {Service: lambda.amazonaws.com}, Action: sts:AssumeRole}
      Policies:
        - PolicyName: read
          PolicyDocument:
            Statement:
              - {Effect: Allow, Action: ["s3:GetObject"], Resource: "*"}
      Tags: [{Key: gdcc:system, Value: app}]
  PayrollBucket:
    Type: AWS::S3::Bucket
    Condition: IsProd
    Properties:
      Tags: [{Key: gdcc:system, Value: payroll}]
"""


def test_other_systems_reached_only_where_another_value_creates_them(tmp_path: Path) -> None:
    """``s3:GetObject`` on ``*`` reads system payroll's bucket only when IsProd holds: it
    was FAIL "reaches resources of other systems: payroll"; with the defaults it reaches no
    other system: UNKNOWN naming the bucket."""
    role = _findings(tmp_path, "template.yaml", ONLY_WITH)["Reader"]
    assert (role.status, role.message.en) == (
        Status.UNKNOWN,
        f"reaches resources of other systems (payroll) only where the template creates "
        f"PayrollBucket ({HELD}); not with its parameters' defaults",
    )
    assert role.message.th.startswith("เข้าถึงทรัพยากรของระบบอื่น (payroll) เฉพาะเมื่อเทมเพลตสร้าง ")
    assert role.evidence["reaches_elsewhere"] == ["PayrollBucket"]


def test_other_systems_of_the_defaults_still_fail_and_the_others_are_named(
    tmp_path: Path,
) -> None:
    text = ONLY_WITH + (
        "  HrBucket:\n    Type: AWS::S3::Bucket\n    Properties:\n"
        "      Tags: [{Key: gdcc:system, Value: hr}]\n"
    )
    role = _findings(tmp_path, "template.yaml", text)["Reader"]
    assert (role.status, role.message.en) == (
        Status.FAIL,
        "reaches resources of other systems: hr; and of payroll only where the template "
        f"creates PayrollBucket ({HELD})",
    )


@pytest.mark.parametrize(
    ("provider_type", "service"),
    [
        ("aws_s3_bucket", "s3"), ("aws_s3_bucket_policy", "s3"), ("AWS::S3::Bucket", "s3"),
        ("aws_instance", "ec2"), ("aws_security_group", "ec2"), ("aws_vpc", "ec2"),
        ("aws_route53_zone", "route53"), ("aws_route_table", "ec2"), ("aws_db_instance", "rds"),
        ("aws_lb_listener", "elasticloadbalancing"), ("aws_lambda_function", "lambda"),
        ("aws_cloudwatch_log_group", "logs"), ("aws_cloudwatch_metric_alarm", "cloudwatch"),
        ("aws_efs_file_system", "elasticfilesystem"), ("aws_sqs_queue", "sqs"),
        ("aws_kinesis_firehose_delivery_stream", "firehose"), ("aws_kinesis_stream", "kinesis"),
        ("AWS::EFS::FileSystem", "elasticfilesystem"), ("AWS::StepFunctions::StateMachine",
                                                        "states"),
        ("AWS::Serverless::Function", "lambda"), ("AWS::Cognito::UserPool", "cognito-idp"),
        ("AWS::Cognito::IdentityPool", "cognito-identity"), ("AWS::EC2::Instance", "ec2"),
        ("AWS::ElasticLoadBalancingV2::LoadBalancer", "elasticloadbalancing"),
        ("azurerm_storage_account", None),
    ],
)
def test_the_iam_service_of_a_type(provider_type: str, service: str | None) -> None:
    assert _of_type(provider_type) == service


MAYBE = """\
variable "create_payroll" { type = bool }
resource "aws_iam_role" "reader" {
  name               = "reader"
  assume_role_policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "sts:AssumeRole",
    Principal = { Service = "ec2.amazonaws.com" } }] })
  tags = { "gdcc:system" = "app" }
}
resource "aws_iam_role_policy" "reader" {
  role   = aws_iam_role.reader.id
  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = ["s3:GetObject"],
    Resource = "*" }] })
}
resource "aws_s3_bucket" "payroll" {
  count  = var.create_payroll ? 1 : 0
  bucket = "payroll-data"
  tags   = { "gdcc:system" = "payroll" }
}
"""


def test_other_systems_reached_only_through_resources_that_may_not_be_created(
    tmp_path: Path,
) -> None:
    """The bucket of system payroll exists only if ``var.create_payroll`` (no value) holds:
    it was FAIL "reaches resources of other systems: payroll"; now UNKNOWN saying why."""
    role = _findings(tmp_path, "main.tf", MAYBE)["aws_iam_role.reader"]
    assert (role.status, role.message.en) == (
        Status.UNKNOWN,
        "reaches resources of other systems (payroll) only where aws_s3_bucket.payroll is "
        "created (count / for_each not known (reads var.create_payroll)); whether they are "
        "created is not known",
    )
    assert role.evidence["reaches_elsewhere"] == ["aws_s3_bucket.payroll"]
