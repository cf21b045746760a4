"""A CloudFront distribution reaches inside the tenant's networks only through a VPC origin
(``normalize/cdn_origins.py``): a custom or S3 origin is reached over the internet, as any
client reaches it. A distribution whose origin is a module input (``var.origin_domain``) was
an uncertain member of "any internal address", so a private database admitting 0.0.0.0/0 was
UNKNOWN on GDCC-GRAPH-005 ("internet → cdn:80,443 → db:5432 if what is not known allows
it"). Now PASS; a VPC origin, or origins a ``dynamic`` block over an input writes, stay
UNKNOWN. Terraform and CloudFormation."""

from __future__ import annotations

from pathlib import Path

import pytest

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

PASS = (Status.PASS, "No internet-facing workload can move laterally to a data store's "
        "database port")
MAYBE = (Status.UNKNOWN, "a workload reachable from the internet can connect to port 5432 if "
         "what is not known allows it: internet → cdn:80,443 → db:5432")

TERRAFORM = """\
variable "origin_domain" { type = string }
variable "origins" { type = any }
resource "aws_vpc" "main" { cidr_block = "10.0.0.0/16" }
resource "aws_security_group" "db" {
  vpc_id = aws_vpc.main.id
  ingress {
    from_port   = 5432
    to_port     = 5432
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}
resource "aws_db_instance" "db" {
  engine                 = "postgres"
  instance_class         = "db.t3.micro"
  db_subnet_group_name   = "private"
  vpc_security_group_ids = [aws_security_group.db.id]
  storage_encrypted      = true
}
resource "aws_cloudfront_distribution" "cdn" {
  enabled = true
  ORIGIN
  default_cache_behavior {
    allowed_methods        = ["GET", "HEAD"]
    cached_methods         = ["GET", "HEAD"]
    target_origin_id       = "app"
    viewer_protocol_policy = "redirect-to-https"
  }
  restrictions {
    geo_restriction { restriction_type = "none" }
  }
  viewer_certificate { cloudfront_default_certificate = true }
}
"""
CUSTOM = """origin {
    domain_name = var.origin_domain
    origin_id   = "app"
    custom_origin_config {
      http_port              = 80
      https_port             = 443
      origin_protocol_policy = "https-only"
      origin_ssl_protocols   = ["TLSv1.2"]
    }
  }"""
VPC = """origin {
    domain_name = var.origin_domain
    origin_id   = "app"
    vpc_origin_config { vpc_origin_id = "vo_abc" }
  }"""
DYNAMIC = """dynamic "origin" {
    for_each = var.origins
    content {
      domain_name = origin.value.domain_name
      origin_id   = origin.key
    }
  }"""


def _lateral(path: Path) -> tuple[Status, str]:
    result = audit([path], Settings(rule_ids=("GDCC-GRAPH-005",)))
    found = {f.address or "": (f.status, f.message.en) for f in result.findings}
    return found.get("aws_db_instance.db") or found["db"]


@pytest.mark.parametrize(
    ("origin", "expected"), [(CUSTOM, PASS), (VPC, MAYBE), (DYNAMIC, MAYBE)]
)
def test_terraform_origins(tmp_path: Path, origin: str, expected: tuple[Status, str]) -> None:
    (tmp_path / "main.tf").write_text(TERRAFORM.replace("ORIGIN", origin), "utf-8")
    assert _lateral(tmp_path) == expected


TEMPLATE = """\
Parameters:
  OriginDomain: {Type: String}
Resources:
  DbGroup:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: db
      VpcId: vpc-123
      SecurityGroupIngress:
        - {IpProtocol: tcp, FromPort: 5432, ToPort: 5432, CidrIp: 0.0.0.0/0}
  db:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: postgres
      DBInstanceClass: db.t3.micro
      StorageEncrypted: true
      VPCSecurityGroups: [!Ref DbGroup]
  cdn:
    Type: AWS::CloudFront::Distribution
    Properties:
      DistributionConfig:
        Enabled: true
        Origins:
          - DomainName: !Ref OriginDomain
            Id: app
            ORIGIN
        DefaultCacheBehavior:
          TargetOriginId: app
          ViewerProtocolPolicy: redirect-to-https
"""


@pytest.mark.parametrize(
    ("origin", "expected"),
    [
        ("CustomOriginConfig: {OriginProtocolPolicy: https-only}", PASS),
        ("VpcOriginConfig: {VpcOriginId: vo_abc}", MAYBE),
    ],
)
def test_cloudformation_origins(
    tmp_path: Path, origin: str, expected: tuple[Status, str]
) -> None:
    (tmp_path / "stack.yaml").write_text(TEMPLATE.replace("ORIGIN", origin), "utf-8")
    assert _lateral(tmp_path) == expected
