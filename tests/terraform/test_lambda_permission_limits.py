"""GDCC-CMP-011, Lambda permissions: one limited to a source (``source_arn``,
``source_account``, ``principal_org_id``; CloudFormation ``SourceArn``, ``SourceAccount``,
``PrincipalOrgID``) lets in only that source, whatever the principal:
terraform-aws-modules/terraform-aws-alb's ``principal = "elasticloadbalancing.${...dns_suffix}"``
with ``source_arn`` = its target group was UNKNOWN (the principal not known). And ``principal
= "*"`` whose ``source_arn`` is an input nobody gave PASSed (a limit not known was read as
one): UNKNOWN now."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

CONFIG = """\
variable "source_arn" {
  type    = string
  default = null
}
variable "principal" { type = string }
data "aws_partition" "current" {}
resource "aws_lb_target_group" "tg" {
  name        = "fn"
  target_type = "lambda"
}
resource "aws_lambda_permission" "balancer" {
  function_name = "fn-balancer"
  action        = "lambda:InvokeFunction"
  principal     = "elasticloadbalancing.${data.aws_partition.current.dns_suffix}"
  source_arn    = aws_lb_target_group.tg.arn
}
resource "aws_lambda_permission" "maybe" {
  function_name = "fn-maybe"
  action        = "lambda:InvokeFunction"
  principal     = "*"
  source_arn    = var.source_arn
}
resource "aws_lambda_permission" "open" {
  function_name = "fn-open"
  action        = "lambda:InvokeFunction"
  principal     = "*"
}
resource "aws_lambda_permission" "account" {
  function_name  = "fn-account"
  action         = "lambda:InvokeFunction"
  principal      = var.principal
  source_account = "123456789012"
}
variable "given_arn" { type = string }
resource "aws_lambda_permission" "given" {
  function_name = "fn-given"
  action        = "lambda:InvokeFunction"
  principal     = "*"
  source_arn    = var.given_arn
}
"""

TEMPLATE = """\
Parameters:
  Principal: {Type: String}
Resources:
  Group:
    Type: AWS::ElasticLoadBalancingV2::TargetGroup
    Properties: {TargetType: lambda}
  Balancer:
    Type: AWS::Lambda::Permission
    Properties:
      FunctionName: fn-balancer
      Action: lambda:InvokeFunction
      Principal: !Ref Principal
      SourceArn: !Ref Group
"""
PASS = (Status.PASS, "Functions cannot be invoked by anyone on the internet")
FAIL = (Status.FAIL, "anyone on the internet can access it")
NOT_KNOWN = (
    Status.UNKNOWN, "whether anyone on the internet can access it is not known from the input"
)


def test_terraform_permission_limits(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(CONFIG, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-CMP-011",)))
    assert {f.address: (f.status, f.message.en) for f in result.findings} == {
        "aws_lambda_permission.balancer": PASS,
        "aws_lambda_permission.account": PASS,
        "aws_lambda_permission.maybe": FAIL,  # the input defaults to null: no limit
        "aws_lambda_permission.open": FAIL,
        "aws_lambda_permission.given": NOT_KNOWN,
    }


def test_cloudformation_permission_limited_by_source(tmp_path: Path) -> None:
    (tmp_path / "stack.yaml").write_text(TEMPLATE, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-CMP-011",)))
    assert [(f.address, f.status) for f in result.findings] == [("Balancer", Status.PASS)]
