"""VPC endpoint services open to every AWS account (normalize/endpoint_services.py): the
load balancers behind a service that allows the principal ``*`` without requiring acceptance
are reached from outside the account, as an internet-facing balancer is (public endpoint;
the resource graph and its rules judge them). An internal balancer behind such a service
PASSed GDCC-GRAPH-013 as not internet-facing; with acceptance required or named principals
it still does."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

TF = """\
resource "aws_lb" "open" {
  name               = "open"
  internal           = true
  load_balancer_type = "network"
  subnets            = ["subnet-1"]
}
resource "aws_vpc_endpoint_service" "open" {
  acceptance_required        = false
  allowed_principals         = ["*"]
  network_load_balancer_arns = [aws_lb.open.arn]
}
resource "aws_lb" "approved" {
  name               = "approved"
  internal           = true
  load_balancer_type = "network"
  subnets            = ["subnet-1"]
}
resource "aws_vpc_endpoint_service" "approved" {
  acceptance_required        = true
  network_load_balancer_arns = [aws_lb.approved.arn]
}
resource "aws_vpc_endpoint_service_allowed_principal" "approved" {
  vpc_endpoint_service_id = aws_vpc_endpoint_service.approved.id
  principal_arn           = "*"
}
resource "aws_lb" "named" {
  name               = "named"
  internal           = true
  load_balancer_type = "network"
  subnets            = ["subnet-1"]
}
resource "aws_vpc_endpoint_service" "named" {
  acceptance_required        = false
  network_load_balancer_arns = [aws_lb.named.arn]
}
resource "aws_vpc_endpoint_service_allowed_principal" "named" {
  vpc_endpoint_service_id = aws_vpc_endpoint_service.named.id
  principal_arn           = "arn:aws:iam::123456789012:root"
}
resource "aws_lb" "by_rule" {
  name               = "by-rule"
  internal           = true
  load_balancer_type = "network"
  subnets            = ["subnet-1"]
}
resource "aws_vpc_endpoint_service" "by_rule" {
  acceptance_required        = false
  network_load_balancer_arns = [aws_lb.by_rule.arn]
}
resource "aws_vpc_endpoint_service_allowed_principal" "by_rule" {
  vpc_endpoint_service_id = aws_vpc_endpoint_service.by_rule.id
  principal_arn           = "*"
}
"""

TEMPLATE = """\
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Open:
    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
    Properties: {Type: network, Scheme: internal, Subnets: [subnet-1]}
  OpenService:
    Type: AWS::EC2::VPCEndpointService
    Properties:
      AcceptanceRequired: false
      NetworkLoadBalancerArns: [!Ref Open]
  OpenPermissions:
    Type: AWS::EC2::VPCEndpointServicePermissions
    Properties:
      ServiceId: !Ref OpenService
      AllowedPrincipals: ["*"]
  Approved:
    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
    Properties: {Type: network, Scheme: internal, Subnets: [subnet-1]}
  ApprovedService:
    Type: AWS::EC2::VPCEndpointService
    Properties:
      AcceptanceRequired: true
      NetworkLoadBalancerArns: [!Ref Approved]
  ApprovedPermissions:
    Type: AWS::EC2::VPCEndpointServicePermissions
    Properties:
      ServiceId: !Ref ApprovedService
      AllowedPrincipals: ["*"]
"""


def _statuses(tmp_path: Path, name: str, text: str) -> dict[str, tuple[Status, str]]:
    (tmp_path / name).write_text(text)
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-013",), cache=False))
    assert result.not_judged == {}
    return {
        f.address or f.resource_name or "": (f.status, f.message.en) for f in result.findings
    }


def test_terraform_endpoint_services(tmp_path: Path) -> None:
    found = _statuses(tmp_path, "main.tf", TF)
    assert {a: s for a, (s, _) in found.items()} == {
        "aws_lb.open": Status.UNKNOWN,
        "aws_lb.by_rule": Status.UNKNOWN,
        "aws_lb.approved": Status.PASS,
        "aws_lb.named": Status.PASS,
    }
    assert found["aws_lb.open"][1].startswith(
        "whether it is reachable from the internet is not known"
    )


def test_cloudformation_endpoint_services(tmp_path: Path) -> None:
    found = _statuses(tmp_path, "template.yaml", TEMPLATE)
    assert {a: s for a, (s, _) in found.items()} == {
        "Open": Status.UNKNOWN,
        "Approved": Status.PASS,
    }
