"""AWS data shared with everyone without a policy document (GDCC-DATA-001): ECR Public
repositories (anyone can pull, by design; a repository policy cannot deny pulls) and Lambda
layer version permissions with principal ``*`` and no organization (every AWS account may
download the layer version), in Terraform and CloudFormation. The grant is named in the
finding (``evidence.granted_by``); other rules are NOT_APPLICABLE with the reason."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Finding, Status
from gdcc_audit.settings import Settings

MAIN = """\
resource "aws_ecrpublic_repository" "tools" {
  repository_name = "tools"
}

resource "aws_lambda_layer_version_permission" "everyone" {
  layer_name     = "arn:aws:lambda:ap-southeast-7:111122223333:layer:shared"
  version_number = 3
  principal      = "*"
  action         = "lambda:GetLayerVersion"
  statement_id   = "public-use"
}

resource "aws_lambda_layer_version_permission" "organization" {
  layer_name      = "arn:aws:lambda:ap-southeast-7:111122223333:layer:shared"
  version_number  = 3
  principal       = "*"
  organization_id = "o-abcdefghij"
  action          = "lambda:GetLayerVersion"
  statement_id    = "org-use"
}

resource "aws_lambda_layer_version_permission" "account" {
  layer_name     = "arn:aws:lambda:ap-southeast-7:111122223333:layer:shared"
  version_number = 3
  principal      = "444455556666"
  action         = "lambda:GetLayerVersion"
  statement_id   = "partner"
}

resource "aws_lambda_layer_version_permission" "variable" {
  layer_name     = "arn:aws:lambda:ap-southeast-7:111122223333:layer:shared"
  version_number = 3
  principal      = var.who
  action         = "lambda:GetLayerVersion"
  statement_id   = "maybe"
}

variable "who" {
  type = string
}
"""

TEMPLATE = """\
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Tools:
    Type: AWS::ECR::PublicRepository
    Properties:
      RepositoryName: tools
  Everyone:
    Type: AWS::Lambda::LayerVersionPermission
    Properties:
      Action: lambda:GetLayerVersion
      LayerVersionArn: arn:aws:lambda:ap-southeast-7:111122223333:layer:shared:3
      Principal: "*"
  Organization:
    Type: AWS::Lambda::LayerVersionPermission
    Properties:
      Action: lambda:GetLayerVersion
      LayerVersionArn: arn:aws:lambda:ap-southeast-7:111122223333:layer:shared:3
      Principal: "*"
      OrganizationId: o-abcdefghij
"""

_ECR = (
    "an ECR Public repository: anyone can pull its images, without an AWS account (a "
    "repository policy cannot deny pulls)"
)


def _run(tmp_path: Path, name: str, text: str, *rules: str) -> dict[tuple[str, str], Finding]:
    (tmp_path / name).write_text(text)
    result = audit([tmp_path], Settings(rule_ids=rules, cache=False))
    return {(f.address or f.resource_name, f.rule_id): f for f in result.findings}


def test_terraform_ecr_public_and_layer_permissions(tmp_path: Path) -> None:
    found = _run(tmp_path, "main.tf", MAIN, "GDCC-DATA-001", "GDCC-ENC-002")
    data = {a: f.status for (a, rule), f in found.items() if rule == "GDCC-DATA-001"}
    assert data == {
        "aws_ecrpublic_repository.tools": Status.FAIL,
        "aws_lambda_layer_version_permission.everyone": Status.FAIL,
        "aws_lambda_layer_version_permission.organization": Status.PASS,
        "aws_lambda_layer_version_permission.account": Status.PASS,
        "aws_lambda_layer_version_permission.variable": Status.UNKNOWN,
    }
    repo = found["aws_ecrpublic_repository.tools", "GDCC-DATA-001"]
    where = tmp_path / "main.tf"
    assert repo.evidence["granted_by"] == [f"{_ECR} by aws_ecrpublic_repository.tools at {where}:1"]
    layer = found["aws_lambda_layer_version_permission.everyone", "GDCC-DATA-001"]
    assert layer.evidence["granted_by"] == [
        'permission "public-use" lets every AWS account use the layer version (principal "*", '
        f"no organization) by aws_lambda_layer_version_permission.everyone at {where}:5"
    ]
    # a published repository has nothing to protect from readers at rest: not applicable
    cmk = found["aws_ecrpublic_repository.tools", "GDCC-ENC-002"]
    assert cmk.status == Status.NOT_APPLICABLE
    assert cmk.message.en == (
        "does not apply to aws_ecrpublic_repository: an ECR Public repository publishes its "
        "images to everyone by design: it is judged for who can read them (GDCC-DATA-001)"
    )


def test_cloudformation_ecr_public_and_layer_permissions(tmp_path: Path) -> None:
    found = _run(tmp_path, "template.yaml", TEMPLATE, "GDCC-DATA-001")
    status = {a: f.status for (a, _), f in found.items()}
    assert status == {
        "Tools": Status.FAIL,
        "Everyone": Status.FAIL,
        "Organization": Status.PASS,
    }
    assert found["Tools", "GDCC-DATA-001"].evidence["granted_by"] == [_ECR]
    assert found["Everyone", "GDCC-DATA-001"].evidence["granted_by"] == [
        'Principal "*" without OrganizationId lets every AWS account use the layer version '
        '(principal "*", no organization)'
    ]


BUS = """\
resource "aws_cloudwatch_event_bus_policy" "open" {
  event_bus_name = "orders"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "AnyoneSends"
      Effect    = "Allow"
      Principal = "*"
      Action    = "events:PutEvents"
      Resource  = "arn:aws:events:ap-southeast-7:111122223333:event-bus/orders"
    }]
  })
}

resource "aws_cloudwatch_event_bus_policy" "organization" {
  event_bus_name = "orders"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "OrgSends"
      Effect    = "Allow"
      Principal = "*"
      Action    = "events:PutEvents"
      Resource  = "arn:aws:events:ap-southeast-7:111122223333:event-bus/orders"
      Condition = { StringEquals = { "aws:PrincipalOrgID" = "o-abcdefghij" } }
    }]
  })
}

resource "aws_cloudwatch_event_permission" "everyone" {
  principal    = "*"
  statement_id = "EveryAccount"
}

resource "aws_cloudwatch_event_permission" "organization" {
  principal    = "*"
  statement_id = "OrgAccounts"
  condition {
    key   = "aws:PrincipalOrgID"
    type  = "StringEquals"
    value = "o-abcdefghij"
  }
}

resource "aws_cloudwatch_event_permission" "partner" {
  principal    = "444455556666"
  statement_id = "Partner"
}
"""

BUS_TEMPLATE = """\
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Open:
    Type: AWS::Events::EventBusPolicy
    Properties:
      StatementId: open
      Statement:
        Sid: AnyoneSends
        Effect: Allow
        Principal: "*"
        Action: events:PutEvents
        Resource: arn:aws:events:ap-southeast-7:111122223333:event-bus/default
  Legacy:
    Type: AWS::Events::EventBusPolicy
    Properties:
      StatementId: legacy
      Action: events:PutEvents
      Principal: "*"
  Partner:
    Type: AWS::Events::EventBusPolicy
    Properties:
      StatementId: partner
      Action: events:PutEvents
      Principal: "444455556666"
"""


def test_event_bus_policies_and_permissions(tmp_path: Path) -> None:
    found = _run(tmp_path, "main.tf", BUS, "GDCC-MSG-002", "GDCC-MSG-001")
    status = {a: f.status for (a, rule), f in found.items() if rule == "GDCC-MSG-002"}
    assert status == {
        "aws_cloudwatch_event_bus_policy.open": Status.FAIL,
        "aws_cloudwatch_event_bus_policy.organization": Status.PASS,
        "aws_cloudwatch_event_permission.everyone": Status.FAIL,
        "aws_cloudwatch_event_permission.organization": Status.PASS,
        "aws_cloudwatch_event_permission.partner": Status.PASS,
    }
    where = tmp_path / "main.tf"
    opened = found["aws_cloudwatch_event_bus_policy.open", "GDCC-MSG-002"]
    assert opened.evidence["granted_by"] == [
        f'statement "AnyoneSends" allows everyone by aws_cloudwatch_event_bus_policy.open at '
        f"{where}:1"
    ]
    assert found["aws_cloudwatch_event_permission.everyone", "GDCC-MSG-002"].evidence[
        "granted_by"
    ] == [
        'permission "EveryAccount" allows every AWS account (principal "*") by '
        f"aws_cloudwatch_event_permission.everyone at {where}:30"
    ]
    assert found["aws_cloudwatch_event_permission.everyone", "GDCC-MSG-001"].status == (
        Status.NOT_APPLICABLE
    )


def test_cloudformation_event_bus_policies(tmp_path: Path) -> None:
    found = _run(tmp_path, "template.yaml", BUS_TEMPLATE, "GDCC-MSG-002")
    status = {a: f.status for (a, _), f in found.items()}
    assert status == {"Open": Status.FAIL, "Legacy": Status.FAIL, "Partner": Status.PASS}
    assert found["Legacy", "GDCC-MSG-002"].evidence["granted_by"] == [
        'Principal "*" without a Condition allows every AWS account'
    ]
