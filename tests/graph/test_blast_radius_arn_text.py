"""GDCC-GRAPH-006: resources a permission names by ARN text, not by reference; wildcards
limited to named resources.

A role of system ``app`` allowed ``s3:GetObject`` / ``s3:PutObject`` on ``"Resource": "*"``
reads and writes every bucket of the account, the ``payroll`` system's too; it PASSed "stays
within its own system" (reaches 1 resource: its own policy), because only ``ref:`` resources
were followed. ``*`` and ARN patterns now reach the scan's resources they cover, by their
written names; listing and describing reach nothing; a pattern that may name another
system's resource whose name is generated leaves the verdict UNKNOWN.

A wildcard limited to named resources (``s3:Get*`` on one bucket) FAILed "a wildcard or
administrator permission reaches all 7 aws resources", which is not what it reaches: it still
FAILs (a wildcard grants actions the provider adds later), saying what it grants and on what.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from gdcc_audit.api import audit
from gdcc_audit.graph.arns import covers
from gdcc_audit.models.finding import Finding, Status
from gdcc_audit.models.resource import Resource, SourceLocation
from gdcc_audit.settings import Settings

_ROLE = """\
resource "aws_iam_role" "{name}" {{
  name               = "{name}"
  assume_role_policy = jsonencode({{ Statement = [{{ Effect = "Allow", Action = "sts:AssumeRole",
    Principal = {{ Service = "ec2.amazonaws.com" }} }}] }})
  tags = {{ "gdcc:system" = "app" }}
}}
resource "aws_iam_role_policy" "{name}" {{
  role   = aws_iam_role.{name}.id
  policy = jsonencode({{ Statement = [{{ Effect = "Allow", Action = {actions},
    Resource = {resources} }}] }})
}}
"""

TERRAFORM = (
    _ROLE.format(name="everything", actions='["s3:GetObject", "s3:PutObject"]', resources='"*"')
    + _ROLE.format(name="own_prefix", actions='["s3:GetObject"]',
                   resources='"arn:aws:s3:::app-*/*"')
    + _ROLE.format(name="listing", actions='["s3:ListAllMyBuckets", "ec2:DescribeInstances"]',
                   resources='"*"')
    + _ROLE.format(name="operator", actions='["ssm:SendCommand"]', resources='"*"')
    + _ROLE.format(name="ledger", actions='["s3:GetObject"]',
                   resources='"arn:aws:s3:::ledger-2024*/*"')
    + """\
resource "aws_iam_role" "narrow" {
  name               = "narrow"
  assume_role_policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "sts:AssumeRole",
    Principal = { Service = "ec2.amazonaws.com" } }] })
  tags = { "gdcc:system" = "app" }
}
resource "aws_iam_role_policy" "narrow" {
  role   = aws_iam_role.narrow.id
  policy = jsonencode({ Statement = [{ Sid = "ReadApp", Effect = "Allow",
    Action = ["s3:Get*", "s3:List*"],
    Resource = [aws_s3_bucket.app.arn, "${aws_s3_bucket.app.arn}/*"] }] })
}
resource "aws_iam_role" "broad" {
  name               = "broad"
  assume_role_policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "sts:AssumeRole",
    Principal = { Service = "ec2.amazonaws.com" } }] })
  tags = { "gdcc:system" = "app" }
}
resource "aws_iam_role_policy" "broad" {
  role   = aws_iam_role.broad.id
  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "s3:Get*", Resource = "*" }] })
}
resource "aws_iam_role" "describer" {
  name               = "describer"
  assume_role_policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "sts:AssumeRole",
    Principal = { Service = "ecs.amazonaws.com" } }] })
  tags = { "gdcc:system" = "app" }
}
resource "aws_iam_role_policy" "describer" {
  role   = aws_iam_role.describer.id
  policy = jsonencode({ Statement = [{ Sid = "Service", Effect = "Allow",
    Action = ["ec2:Describe*", "elasticloadbalancing:Describe*",
              "elasticloadbalancing:RegisterTargets"],
    Resource = "*" }] })
}
resource "aws_iam_role" "describe_and_read" {
  name               = "describe_and_read"
  assume_role_policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "sts:AssumeRole",
    Principal = { Service = "ec2.amazonaws.com" } }] })
  tags = { "gdcc:system" = "app" }
}
resource "aws_iam_role_policy" "describe_and_read" {
  role   = aws_iam_role.describe_and_read.id
  policy = jsonencode({ Statement = [{ Effect = "Allow",
    Action = ["ec2:Describe*", "s3:GetObject"], Resource = "*" }] })
}
resource "aws_iam_role" "list_buckets" {
  name               = "list_buckets"
  assume_role_policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "sts:AssumeRole",
    Principal = { Service = "ec2.amazonaws.com" } }] })
  tags = { "gdcc:system" = "app" }
}
resource "aws_iam_role_policy" "list_buckets" {
  role   = aws_iam_role.list_buckets.id
  policy = jsonencode({ Statement = [{ Effect = "Allow",
    Action = ["s3:List*", "ssm:GetParameter*", "ec2:Describe*"], Resource = "*" }] })
}
resource "aws_s3_bucket" "app" {
  bucket = "app-data"
  tags   = { "gdcc:system" = "app" }
}
resource "aws_s3_bucket" "payroll" {
  bucket = "payroll-data"
  tags   = { "gdcc:system" = "payroll" }
}
resource "aws_s3_bucket" "ledger" {
  bucket_prefix = "ledger-"
  tags          = { "gdcc:system" = "payroll" }
}
resource "aws_instance" "payroll" {
  ami           = "ami-12345678"
  instance_type = "t3.micro"
  tags          = { "gdcc:system" = "payroll" }
}
"""
)

CLOUDFORMATION = """\
Resources:
  Reader:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - {Effect: Allow, Principal: {Service: lambda.amazonaws.com}, Action: sts:AssumeRole}
      Policies:
        - PolicyName: tables
          PolicyDocument:
            Statement:
              - Effect: Allow
                Action: [dynamodb:GetItem, dynamodb:Query]
                Resource: arn:aws:dynamodb:*:*:table/payroll-*
      Tags: [{Key: gdcc:system, Value: app}]
  Orders:
    Type: AWS::DynamoDB::Table
    Properties:
      TableName: app-orders
      KeySchema: [{AttributeName: id, KeyType: HASH}]
      AttributeDefinitions: [{AttributeName: id, AttributeType: S}]
      Tags: [{Key: gdcc:system, Value: app}]
  Ledger:
    Type: AWS::DynamoDB::Table
    Properties:
      TableName: payroll-ledger
      KeySchema: [{AttributeName: id, KeyType: HASH}]
      AttributeDefinitions: [{AttributeName: id, AttributeType: S}]
      Tags: [{Key: gdcc:system, Value: payroll}]
"""


def _findings(tmp_path: Path, name: str, text: str) -> dict[str, Finding]:
    (tmp_path / name).write_text(text, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=["GDCC-GRAPH-006"]))
    addresses = {r.id: r.address for r in result.resources}
    return {
        str(addresses[f.resource_id]): f for f in result.findings
        if f.rule_id == "GDCC-GRAPH-006"
    }


@pytest.fixture(scope="module")
def terraform(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Finding]:
    return _findings(tmp_path_factory.mktemp("tf"), "main.tf", TERRAFORM)


def test_data_actions_on_every_resource_reach_other_systems(
    terraform: dict[str, Finding],
) -> None:
    found = terraform["aws_iam_role.everything"]
    assert found.status is Status.FAIL
    assert found.message.en == "reaches resources of other systems: payroll"
    assert found.evidence["reaches_data"] == [
        "aws_s3_bucket.app", "aws_s3_bucket.ledger", "aws_s3_bucket.payroll",
    ]


def test_a_pattern_reaches_only_the_names_it_covers(terraform: dict[str, Finding]) -> None:
    found = terraform["aws_iam_role.own_prefix"]
    assert found.status is Status.PASS
    assert found.evidence["reaches_data"] == ["aws_s3_bucket.app"]


def test_listing_and_describing_reach_nothing(terraform: dict[str, Finding]) -> None:
    found = terraform["aws_iam_role.listing"]
    assert found.status is Status.PASS
    assert "reaches_data" not in found.evidence


def test_running_commands_everywhere_acts_as_every_instance(
    terraform: dict[str, Finding],
) -> None:
    found = terraform["aws_iam_role.operator"]
    assert found.status is Status.FAIL
    assert found.message.en == "reaches resources of other systems: payroll"
    assert found.evidence["reaches_systems"] == ["payroll"]
    assert "reaches_data" not in found.evidence  # (the instance is acted on, not read)


def test_a_pattern_that_may_name_a_generated_name_of_another_system_is_unknown(
    terraform: dict[str, Finding],
) -> None:
    found = terraform["aws_iam_role.ledger"]
    assert found.status is Status.UNKNOWN
    assert found.evidence["permissions_not_known"] == ["aws_iam_role_policy.ledger"]


def test_a_wildcard_on_named_resources_says_what_it_grants(
    terraform: dict[str, Finding],
) -> None:
    found = terraform["aws_iam_role.narrow"]
    assert found.status is Status.FAIL
    assert found.message.en == (
        'it grants actions by wildcard on named resources: "ReadApp": s3:Get*, s3:List* on '
        "aws_s3_bucket.app"
    )
    assert found.evidence["reaches_data"] == ["aws_s3_bucket.app"]
    assert found.evidence["reaches_systems"] == ["app"]


def test_a_wildcard_on_every_resource_reaches_its_service(terraform: dict[str, Finding]) -> None:
    # ``s3:Get*`` on ``*`` reaches every bucket, of system payroll too; it said "reaches all
    # 24 aws resources" (the instance, the roles, the policies): an S3 action acts on S3
    # resources only (stop 44)
    found = terraform["aws_iam_role.broad"]
    assert found.status is Status.FAIL
    assert found.message.en == (
        "a wildcard permission reaches all 3 aws resources of service s3: s3:Get* on *; "
        "reaches resources of other systems: payroll"
    )


def test_describe_wildcards_on_every_resource_reach_nothing(
    terraform: dict[str, Finding],
) -> None:
    # ``ec2:Describe*`` on ``*`` (ecs-refarch-cloudformation's ServiceRole) FAILed "a wildcard
    # or administrator permission reaches all N aws resources": describing shows what exists,
    # not its data. Still a FAIL (a wildcard grants actions AWS adds later), saying what.
    found = terraform["aws_iam_role.describer"]
    assert found.status is Status.FAIL
    assert found.message.en == (
        "it grants describe and list actions by wildcard on every resource (they show what "
        'exists, not its data, and change nothing): "Service": ec2:Describe*, '
        "elasticloadbalancing:Describe* on *"
    )
    assert found.message.th.startswith(
        "ให้สิทธิ์ action ประเภท describe และ list แบบ wildcard บนทรัพยากรทั้งหมด"
    )
    assert found.evidence["describe_grants"] == [
        '"Service": ec2:Describe*, elasticloadbalancing:Describe* on *'
    ]
    assert found.evidence["reaches_resources"] == 1  # its policy
    assert "wildcard_grants" not in found.evidence


def test_a_describe_wildcard_does_not_hide_data_actions_on_every_resource(
    terraform: dict[str, Finding],
) -> None:
    found = terraform["aws_iam_role.describe_and_read"]
    assert found.status is Status.FAIL
    assert found.message.en == "reaches resources of other systems: payroll"
    assert found.evidence["reaches_data"] == [
        "aws_s3_bucket.app", "aws_s3_bucket.ledger", "aws_s3_bucket.payroll",
    ]
    assert found.evidence["describe_grants"] == ["ec2:Describe* on *"]


def test_list_and_get_wildcards_that_read_data_reach_everything(
    terraform: dict[str, Finding],
) -> None:
    # ``s3:List*`` lists a bucket's objects, ``ssm:GetParameter*`` reads parameter values:
    # every bucket and parameter (none here), not the instance ``ec2:Describe*`` describes
    found = terraform["aws_iam_role.list_buckets"]
    assert found.status is Status.FAIL
    assert found.message.en == (
        "a wildcard permission reaches all 3 aws resources of services s3, ssm: s3:List*, "
        "ssm:GetParameter*, ec2:Describe* on *; reaches resources of other systems: payroll"
    )


def test_cloudformation_patterns_reach_the_tables_they_name(tmp_path: Path) -> None:
    found = _findings(tmp_path, "template.yaml", CLOUDFORMATION)["Reader"]
    assert found.status is Status.FAIL
    assert found.message.en == "reaches resources of other systems: payroll"
    assert found.evidence["reaches_data"] == ["Ledger"]


def _resource(provider_type: str, **attributes: str) -> Resource:
    return Resource(id=f"x/{provider_type}", kind="storage.bucket", name="n", provider="aws",
                    provider_type=provider_type, attributes=attributes,
                    location=SourceLocation(file="main.tf"))


@pytest.mark.parametrize(
    ("pattern", "resource", "expected"),
    [
        ("arn:aws:sqs:ap-southeast-7:123456789012:jobs", _resource("aws_sqs_queue", name="jobs"),
         True),
        ("arn:aws:sqs:*:*:jobs-dlq", _resource("aws_sqs_queue", name="jobs"), False),
        ("arn:aws:secretsmanager:*:*:secret:db-*", _resource("aws_secretsmanager_secret",
                                                              name="db"), True),
        ("arn:aws:ssm:*:*:parameter/app/*", _resource("aws_ssm_parameter", name="/app/db"),
         True),
        ("arn:aws:kms:*:*:key/*", _resource("aws_kms_key"), True),
        ("arn:aws:kms:*:*:key/1234abcd", _resource("aws_kms_key"), None),
        ("arn:aws-cn:s3:::b/*", _resource("AWS::S3::Bucket", BucketName="b"), True),
        ("arn:aws:lambda:*:*:function:worker:*", _resource("aws_lambda_function",
                                                           function_name="worker"), True),
        ("arn:aws:s3:::b/*", _resource("aws_sqs_queue", name="b"), False),
        ("arn:aws:s3:::*/reports/*", _resource("aws_s3_bucket", bucket="b"), True),
        ("arn:aws:s3:::app-*", _resource("aws_s3_bucket", bucket_prefix="ledger-"), False),
        ("arn:aws:s3:::ledger-2024*", _resource("aws_s3_bucket", bucket_prefix="ledger-"), None),
        ("arn:aws:s3:::l*", _resource("aws_s3_bucket", bucket_prefix="ledger-"), True),
        ("arn:aws:rds-db:*:*:dbuser:*/app", _resource("aws_db_instance", identifier="d"), True),
        ("arn:aws:rds-db:*:*:dbuser:db-ABC/app", _resource("aws_db_instance"), None),
    ],
)
def test_arn_patterns(pattern: str, resource: Resource, expected: bool | None) -> None:
    assert covers(pattern, resource) is expected


SECURITY_GROUPS = """\
resource "aws_iam_role" "opener" {
  name               = "opener"
  assume_role_policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "sts:AssumeRole",
    Principal = { Service = "ecs.amazonaws.com" } }] })
  tags = { "gdcc:system" = "app" }
}
resource "aws_iam_role_policy" "opener" {
  role   = aws_iam_role.opener.id
  policy = jsonencode({ Statement = [{ Effect = "Allow",
    Action = ["ec2:AuthorizeSecurityGroupIngress", "ec2:Describe*"], Resource = "*" }] })
}
resource "aws_iam_role" "tagger" {
  name               = "tagger"
  assume_role_policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "sts:AssumeRole",
    Principal = { Service = "ec2.amazonaws.com" } }] })
  tags = { "gdcc:system" = "app" }
}
resource "aws_iam_role_policy" "tagger" {
  role   = aws_iam_role.tagger.id
  policy = jsonencode({ Statement = [{ Effect = "Allow",
    Action = ["ec2:CreateSnapshot"], Resource = "*" }] })
}
resource "aws_security_group" "payroll" {
  name = "payroll"
  tags = { "gdcc:system" = "payroll" }
}
resource "aws_iam_role" "router" {
  name               = "router"
  assume_role_policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "sts:AssumeRole",
    Principal = { Service = "ec2.amazonaws.com" } }] })
  tags = { "gdcc:system" = "app" }
}
resource "aws_iam_role_policy" "router" {
  role   = aws_iam_role.router.id
  policy = jsonencode({ Statement = [{ Effect = "Allow",
    Action = ["ec2:ReplaceRoute", "ec2:CreateNetworkAclEntry"], Resource = "*" }] })
}
resource "aws_route_table" "payroll" {
  vpc_id = "vpc-12345678"
  tags   = { "gdcc:system" = "payroll" }
}
resource "aws_network_acl" "payroll" {
  vpc_id = "vpc-12345678"
  tags   = { "gdcc:system" = "payroll" }
}
"""


def test_adding_rules_to_every_security_group_reaches_other_systems(tmp_path: Path) -> None:
    # ``ec2:AuthorizeSecurityGroupIngress`` on ``*`` (an ECS service role's) may open the
    # payroll system's group to anyone: it PASSed "stays within its own system"
    found = _findings(tmp_path, "main.tf", SECURITY_GROUPS)
    assert found["aws_iam_role.opener"].status is Status.FAIL
    assert found["aws_iam_role.opener"].message.en == (
        "reaches resources of other systems: payroll"
    )
    assert found["aws_iam_role.opener"].evidence["reaches_systems"] == ["payroll"]
    # other EC2 actions do not act on a security group
    assert found["aws_iam_role.tagger"].status is Status.PASS
    # nor on a route table or network ACL; changing routes and ACL entries does (PASSed)
    assert found["aws_iam_role.router"].message.en == (
        "reaches resources of other systems: payroll"
    )
    assert found["aws_iam_role.router"].evidence["reaches_resources"] == 3  # (and its policy)


def test_describe_wildcards_beside_actions_on_resources_not_known_stay_broad(
    tmp_path: Path,
) -> None:
    # the bucket the statement's s3:GetObject names is not known: it may be any
    found = _findings(tmp_path, "main.tf", """\
variable "buckets" { type = list(string) }
resource "aws_iam_role" "reader" {
  name               = "reader"
  assume_role_policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "sts:AssumeRole",
    Principal = { Service = "ec2.amazonaws.com" } }] })
}
resource "aws_iam_role_policy" "reader" {
  role   = aws_iam_role.reader.id
  policy = jsonencode({ Statement = [{ Effect = "Allow",
    Action = ["ec2:Describe*", "s3:GetObject"], Resource = var.buckets }] })
}
""")
    # (stop 40: said so: the wildcard only describes, the other action may name anything)
    # (stop 44: s3:GetObject may name any bucket, and only a bucket: none in the scan)
    assert found["aws_iam_role.reader"].message.en == (
        "actions on resources not known may act on every resource of service s3, none of "
        "them in the scan (the wildcards beside them only describe and list): ec2:Describe* "
        "on a resource computed at apply time"
    )


def test_the_systems_manager_agents_channels_reach_nothing(tmp_path: Path) -> None:
    # widdix's instance roles: ``ssmmessages:*`` / ``ec2messages:*`` on ``*`` (the agent's own
    # message channels, services whose actions name no resource) FAILed "a wildcard or
    # administrator permission reaches all 378 aws resources"
    found = _findings(tmp_path, "template.yaml", """\
Resources:
  IAMRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - {Effect: Allow, Principal: {Service: ec2.amazonaws.com}, Action: sts:AssumeRole}
      Policies:
        - PolicyName: ssm
          PolicyDocument:
            Statement:
              - Effect: Allow
                Action: ['ssmmessages:*', 'ssm:UpdateInstanceInformation', 'ec2messages:*']
                Resource: '*'
  Bucket:
    Type: AWS::S3::Bucket
""")["IAMRole"]
    assert found.status is Status.FAIL
    assert found.message.en == (
        "it grants by wildcard, on every resource, actions that reach none of them "
        "(describing, listing, the Systems Manager agent's message channels): "
        "ssmmessages:*, ec2messages:* on *"
    )
    assert found.evidence["reaches_resources"] == 0
