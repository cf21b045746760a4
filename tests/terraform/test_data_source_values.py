"""Values read from data sources (``data.<type>.<name>.<attribute>``) in security-relevant
arguments: the lookup happens at plan time against what exists outside the scan, so such a
value is UNKNOWN wherever it decides a verdict — never taken as absent, false or empty (that
would be a wrong PASS), and never a crash. Where the verdict does not depend on the value it
is decided: a ``Service`` principal is an AWS service whatever its name
(``ec2.${data.aws_partition.current.dns_suffix}``), a condition cannot widen a grant to named
principals, and a KMS key looked up by a customer's alias is a customer managed key.

One fixture, one row per (resource, rule): the exact status, message and evidence."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings
from iac_helpers import run

MAIN = """\
data "aws_vpc" "x" {
  id = "vpc-1"
}

data "aws_partition" "current" {}

data "aws_caller_identity" "current" {}

locals {
  partition = data.aws_partition.current.partition
  account   = data.aws_caller_identity.current.account_id
}

data "google_netblock_ip_ranges" "x" {
  range_type = "health-checkers"
}

data "external" "e" {
  program = ["lookup"]
}

resource "aws_security_group" "vpc_range" {
  name   = "vpc-range"
  vpc_id = "vpc-1"
  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = [data.aws_vpc.x.cidr_block]
  }
}

resource "aws_security_group" "open_and_looked_up" {
  name   = "mixed"
  vpc_id = "vpc-1"
  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0", data.aws_vpc.x.cidr_block]
  }
}

resource "aws_security_group_rule" "rdp" {
  type              = "ingress"
  security_group_id = "sg-1"
  from_port         = 3389
  to_port           = 3389
  protocol          = "tcp"
  cidr_blocks       = data.external.e.result.cidrs
}

resource "aws_vpc_security_group_ingress_rule" "ssh" {
  security_group_id = "sg-1"
  from_port         = 22
  to_port           = 22
  ip_protocol       = "tcp"
  cidr_ipv4         = data.aws_vpc.x.cidr_block
}

resource "google_compute_firewall" "netblocks" {
  name          = "netblocks"
  network       = "default"
  source_ranges = data.google_netblock_ip_ranges.x.cidr_blocks
  allow {
    protocol = "tcp"
    ports    = ["22"]
  }
}

resource "google_compute_firewall" "private_and_netblocks" {
  name          = "private-and-netblocks"
  network       = "default"
  source_ranges = concat(["10.0.0.0/8"], data.google_netblock_ip_ranges.x.cidr_blocks)
  allow {
    protocol = "tcp"
    ports    = ["22"]
  }
}

resource "google_compute_firewall" "open_and_netblocks" {
  name          = "open-and-netblocks"
  network       = "default"
  source_ranges = ["0.0.0.0/0", data.google_netblock_ip_ranges.x.cidr_blocks[0]]
  allow {
    protocol = "tcp"
    ports    = ["3389"]
  }
}

resource "azurerm_network_security_group" "open_and_looked_up" {
  name                = "nsg"
  location            = "southeastasia"
  resource_group_name = "rg"
  security_rule {
    name                       = "ssh"
    priority                   = 100
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "22"
    source_address_prefixes    = ["Internet", data.external.e.result.prefix]
    destination_address_prefix = "*"
  }
}

resource "aws_db_instance" "looked_up_exposure" {
  identifier          = "db"
  engine              = "mysql"
  instance_class      = "db.t3.micro"
  publicly_accessible = data.external.e.result.public
  storage_encrypted   = data.external.e.result.encrypted
}

resource "aws_ebs_volume" "looked_up_encryption" {
  availability_zone = "ap-southeast-7a"
  size              = 1
  encrypted         = data.external.e.result.encrypted
}

resource "aws_instance" "looked_up_settings" {
  ami                         = "ami-1"
  instance_type               = "t3.micro"
  associate_public_ip_address = data.external.e.result.public
  metadata_options {
    http_tokens = data.external.e.result.tokens
  }
}

resource "aws_s3_bucket" "b" {
  bucket = "b"
}

resource "aws_s3_bucket_public_access_block" "b" {
  bucket                  = aws_s3_bucket.b.id
  block_public_acls       = data.external.e.result.block
  block_public_policy     = data.external.e.result.block
  ignore_public_acls      = data.external.e.result.block
  restrict_public_buckets = data.external.e.result.block
}

resource "google_sql_database_instance" "sql" {
  name             = "sql"
  database_version = "POSTGRES_14"
  settings {
    tier = "db-f1-micro"
    ip_configuration {
      ipv4_enabled = data.external.e.result.ip
    }
  }
}

resource "aws_iam_role" "partition_service" {
  name = "partition-service"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { Service = "ec2.${data.aws_partition.current.dns_suffix}" }
    }]
  })
}

resource "aws_iam_role" "looked_up_service" {
  name = "looked-up-service"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { Service = data.external.e.result.service }
    }]
  })
}

data "aws_iam_policy_document" "service_with_condition" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["eks-fargate-pods.amazonaws.com"]
    }
    condition {
      test     = "ArnLike"
      variable = "aws:SourceArn"
      values   = ["arn:${local.partition}:eks:*:${local.account}:fargateprofile/c/*"]
    }
  }
}

resource "aws_iam_role" "service_with_condition" {
  name               = "service-with-condition"
  assume_role_policy = data.aws_iam_policy_document.service_with_condition.json
}

resource "aws_iam_role" "service_and_anyone" {
  name = "service-and-anyone"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { Service = "ec2.${data.aws_partition.current.dns_suffix}", AWS = "*" }
    }]
  })
}

resource "aws_iam_role" "anyone_with_looked_up_condition" {
  name = "anyone-with-looked-up-condition"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { AWS = "*" }
      Condition = { StringLike = { "aws:PrincipalArn" = data.external.e.result.arn } }
    }]
  })
}

resource "aws_iam_role" "own_account" {
  name = "own-account"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect = "Allow"
      Action = "sts:AssumeRole"
      Principal = {
        AWS = "arn:${local.partition}:iam::${local.account}:root"
      }
    }]
  })
}

resource "aws_iam_role" "looked_up_principal" {
  name = "looked-up-principal"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { AWS = data.external.e.result.who }
    }]
  })
}

resource "aws_sqs_queue" "service_policy" {
  name = "q"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sqs:SendMessage"
      Principal = { Service = "sns.${data.aws_partition.current.dns_suffix}" }
      Resource  = "*"
      Condition = { ArnLike = { "aws:SourceArn" = data.external.e.result.topic } }
    }]
  })
}
"""

_NOT_KNOWN = "is not known from the input"
_ALLOWS = "statement 1 allows everyone in assume_role_policy"


def _may_allow(statement: str = "statement 1") -> str:
    return (
        f"{statement} may allow everyone (principal or condition not known) in "
        "assume_role_policy"
    )


#: (address, rule) -> (status, English message, evidence)
EXPECTED: dict[tuple[str, str], tuple[Status, str, dict[str, Any]]] = {
    # network sources looked up: an address range from outside the scan
    # a VPC's own range looked up: whatever it is, never the internet (was UNKNOWN;
    # tests/terraform/test_vpc_range_sources.py)
    ("aws_security_group.vpc_range", "GDCC-NET-001"): (
        Status.PASS,
        "Management ports are not open to the internet",
        {"undetermined_ports": None},
    ),
    ("aws_security_group_rule.rdp", "GDCC-NET-001"): (
        Status.UNKNOWN,
        "cannot tell whether port 3389 is open to the internet",
        {"undetermined_ports": [3389]},
    ),
    ("aws_vpc_security_group_ingress_rule.ssh", "GDCC-NET-001"): (
        Status.PASS,
        "Management ports are not open to the internet",
        {"undetermined_ports": None},
    ),
    ("google_compute_firewall.netblocks", "GDCC-NET-001"): (
        Status.UNKNOWN,
        "cannot tell whether port 22 is open to the internet",
        {"undetermined_ports": [22]},
    ),
    # a known private range beside a looked-up list: the list may hold 0.0.0.0/0
    ("google_compute_firewall.private_and_netblocks", "GDCC-NET-001"): (
        Status.UNKNOWN,
        "cannot tell whether port 22 is open to the internet",
        {"undetermined_ports": [22]},
    ),
    # a written 0.0.0.0/0 decides, whatever the looked-up range is
    ("aws_security_group.open_and_looked_up", "GDCC-NET-001"): (
        Status.FAIL,
        "port 22 is open to the whole internet (0.0.0.0/0)",
        {"ports": [22], "sources": ["0.0.0.0/0"]},
    ),
    ("google_compute_firewall.open_and_netblocks", "GDCC-NET-001"): (
        Status.FAIL,
        "port 3389 is open to the whole internet (0.0.0.0/0)",
        {"ports": [3389], "sources": ["0.0.0.0/0"]},
    ),
    ("azurerm_network_security_group.open_and_looked_up", "GDCC-NET-001"): (
        Status.FAIL,
        "port 22 is open to the whole internet (0.0.0.0/0)",
        {"ports": [22], "sources": ["0.0.0.0/0"]},
    ),
    # flags looked up: never read as false
    ("aws_db_instance.looked_up_exposure", "GDCC-NET-002"): (
        Status.UNKNOWN,
        f"whether the endpoint is public {_NOT_KNOWN}",
        {"public_endpoint": None},
    ),
    ("aws_db_instance.looked_up_exposure", "GDCC-ENC-001"): (
        Status.UNKNOWN,
        f"whether encryption at rest is on {_NOT_KNOWN}",
        {"encrypted_at_rest": None},
    ),
    ("aws_ebs_volume.looked_up_encryption", "GDCC-ENC-001"): (
        Status.UNKNOWN,
        f"whether encryption at rest is on {_NOT_KNOWN}",
        {"encrypted_at_rest": None},
    ),
    ("aws_instance.looked_up_settings", "GDCC-CMP-001"): (
        Status.UNKNOWN,
        f"whether it has a public IP address {_NOT_KNOWN}",
        {"public_endpoint": None},
    ),
    ("aws_instance.looked_up_settings", "GDCC-CMP-002"): (
        Status.UNKNOWN,
        f"whether the metadata service requires session tokens (IMDSv2) {_NOT_KNOWN}",
        {"metadata_tokens_required": None},
    ),
    ("aws_s3_bucket.b", "GDCC-DATA-006"): (
        Status.UNKNOWN,
        f"whether public-access prevention is on {_NOT_KNOWN}",
        {"public_access_block": None},
    ),
    ("google_sql_database_instance.sql", "GDCC-NET-002"): (
        Status.UNKNOWN,
        f"whether the endpoint is public {_NOT_KNOWN}",
        {"public_endpoint": None},
    ),
    # who may assume a role
    ("aws_iam_role.partition_service", "GDCC-IAM-008"): (
        Status.PASS,
        "Roles cannot be assumed by anyone",
        {"public_access": False},
    ),
    ("aws_iam_role.looked_up_service", "GDCC-IAM-008"): (
        Status.PASS,
        "Roles cannot be assumed by anyone",
        {"public_access": False},
    ),
    ("aws_iam_role.service_with_condition", "GDCC-IAM-008"): (
        Status.PASS,
        "Roles cannot be assumed by anyone",
        {"public_access": False},
    ),
    ("aws_iam_role.service_and_anyone", "GDCC-IAM-008"): (
        Status.FAIL,
        "anyone can assume this role (granted by statement 1 allows everyone in "
        "assume_role_policy)",
        {"public_access": True, "granted_by": [_ALLOWS]},
    ),
    ("aws_iam_role.anyone_with_looked_up_condition", "GDCC-IAM-008"): (
        Status.UNKNOWN,
        f"who may assume this role is not known (granted by {_may_allow()})",
        {"public_access": None, "granted_by": [_may_allow()]},
    ),
    # the caller's account: its id is not known statically, but it is an account id AWS
    # assigns, never a wildcard (was UNKNOWN)
    ("aws_iam_role.own_account", "GDCC-IAM-008"): (
        Status.PASS,
        "Roles cannot be assumed by anyone",
        {"public_access": False},
    ),
    ("aws_iam_role.looked_up_principal", "GDCC-IAM-008"): (
        Status.UNKNOWN,
        f"who may assume this role is not known (granted by {_may_allow()})",
        {"public_access": None, "granted_by": [_may_allow()]},
    ),
}


@pytest.fixture(scope="module")
def findings(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Any]:
    root = tmp_path_factory.mktemp("datasrc")
    (root / "main.tf").write_text(MAIN, encoding="utf-8")
    rules = tuple(sorted({rule for _, rule in EXPECTED} | {"GDCC-MSG-002"}))
    result = audit([root], Settings(rule_ids=rules))
    assert not [i for i in result.inputs if i.status.value != "assessed"]
    return {(f.address, f.rule_id): f for f in result.findings}


@pytest.mark.parametrize("key", sorted(EXPECTED), ids=lambda k: f"{k[0]}-{k[1]}")
def test_data_source_value(findings: dict[tuple[str, str], Any], key: tuple[str, str]) -> None:
    status, message, evidence = EXPECTED[key]
    found = findings[key]
    assert (found.status, found.message.en) == (status, message)
    assert {name: found.evidence.get(name) for name in evidence} == evidence


def test_a_service_may_write_to_a_queue_whatever_the_partition(
    findings: dict[tuple[str, str], Any],
) -> None:
    """A queue policy for the SNS service, with a looked-up topic ARN in its condition: the
    principal is a service, the queue is not public (was UNKNOWN: the condition decided
    first)."""
    found = findings[("aws_sqs_queue.service_policy", "GDCC-MSG-002")]
    assert (found.status, found.evidence) == (Status.PASS, {"public_access": False})


KMS = """\
resource "aws_kms_key" "mine" {}

data "aws_kms_key" "by_alias" {
  key_id = "alias/app"
}

data "aws_kms_key" "by_alias_arn" {
  key_id = "arn:aws:kms:ap-southeast-7:111122223333:alias/app"
}

data "aws_kms_key" "aws_managed" {
  key_id = "alias/aws/ebs"
}

data "aws_kms_key" "by_id" {
  key_id = "1234abcd-12ab-34cd-56ef-1234567890ab"
}

data "aws_kms_alias" "named" {
  name = "alias/app"
}

variable "key" {
  type = string
}

data "aws_kms_key" "by_variable" {
  key_id = var.key
}

resource "aws_ebs_volume" "resource" {
  availability_zone = "ap-southeast-7a"
  size              = 1
  encrypted         = true
  kms_key_id        = aws_kms_key.mine.arn
}

resource "aws_ebs_volume" "by_alias" {
  availability_zone = "ap-southeast-7a"
  size              = 1
  encrypted         = true
  kms_key_id        = data.aws_kms_key.by_alias.arn
}

resource "aws_ebs_volume" "by_alias_arn" {
  availability_zone = "ap-southeast-7a"
  size              = 1
  encrypted         = true
  kms_key_id        = data.aws_kms_key.by_alias_arn.arn
}

resource "aws_ebs_volume" "aws_managed" {
  availability_zone = "ap-southeast-7a"
  size              = 1
  encrypted         = true
  kms_key_id        = data.aws_kms_key.aws_managed.arn
}

resource "aws_ebs_volume" "by_id" {
  availability_zone = "ap-southeast-7a"
  size              = 1
  encrypted         = true
  kms_key_id        = data.aws_kms_key.by_id.arn
}

resource "aws_ebs_volume" "alias_target" {
  availability_zone = "ap-southeast-7a"
  size              = 1
  encrypted         = true
  kms_key_id        = data.aws_kms_alias.named.target_key_arn
}

resource "aws_ebs_volume" "by_variable" {
  availability_zone = "ap-southeast-7a"
  size              = 1
  encrypted         = true
  kms_key_id        = data.aws_kms_key.by_variable.arn
}
"""


def test_a_key_looked_up_by_a_customer_alias_is_customer_managed(tmp_path: Path) -> None:
    """An alias can only point to a customer managed key (``alias/aws/`` is reserved for AWS
    managed keys): a key looked up by such an alias is customer managed; one looked up by
    ``alias/aws/...`` is the AWS managed key (not customer managed); by key id or by a
    variable it may be either: not known."""
    (tmp_path / "main.tf").write_text(KMS, encoding="utf-8")
    resources, errors, _ = run(tmp_path)
    assert errors == []
    found = {
        address.removeprefix("aws_ebs_volume."): resource.facets.customer_managed_key
        for address, resource in resources.items()
        if address.startswith("aws_ebs_volume.")
    }
    assert found == {
        "resource": True,
        "by_alias": True,
        "by_alias_arn": True,
        "alias_target": True,
        "aws_managed": False,
        "by_id": None,
        "by_variable": None,
    }
