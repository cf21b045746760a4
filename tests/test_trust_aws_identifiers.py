"""A trust policy whose principal ARN is built from identifiers AWS assigns at apply time (the
caller's account id and partition, ``data.aws_caller_identity`` / ``data.aws_partition``, or
the ``arn`` of an AWS resource) names one account, role or identity provider: it never lets
everyone in. GDCC-IAM-008 was UNKNOWN "statement ... may allow everyone (principal or
condition not known)" on such roles (terraform-aws-modules/lambda ``accountroot``,
terraform-aws-modules/iam GitHub and CircleCI OIDC roles), also through a local, ``try``, a
module input and an ``aws_iam_policy_document``. A principal from an input nobody gave
(it could be ``*``) stays UNKNOWN."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

ROOT = """\
data "aws_caller_identity" "current" {}

resource "aws_iam_role" "account_root" {
  name = "account-root"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { AWS = "arn:aws:iam::${data.aws_caller_identity.current.account_id}:root" }
    }]
  })
}

resource "aws_iam_role" "peer" {
  name = "peer"
  assume_role_policy = jsonencode({
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { AWS = aws_iam_role.account_root.arn }
    }]
  })
}

variable "trusted_account" {
  type = string
}

resource "aws_iam_role" "input" {
  name = "input"
  assume_role_policy = jsonencode({
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { AWS = "arn:aws:iam::${var.trusted_account}:root" }
    }]
  })
}

module "github" {
  source   = "./github"
  subjects = ["repo:octo/app:ref:refs/heads/main"]
}

module "github_any" {
  source   = "./github"
  subjects = ["repo:*"]
}

# for_each: each.value carries the caller's ARN into a module input and a resource argument
module "trusted" {
  source   = "./trusted"
  for_each = { admin = { arns = [data.aws_caller_identity.current.arn] } }
  arns     = each.value.arns
}

resource "aws_iam_role" "each" {
  for_each = { ops = { arn = data.aws_caller_identity.current.arn } }
  name     = each.key
  assume_role_policy = jsonencode({
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { AWS = each.value.arn }
    }]
  })
}
"""

TRUSTED = """\
variable "arns" {
  type = list(string)
}

resource "aws_iam_role" "this" {
  name = "trusted"
  assume_role_policy = jsonencode({
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { AWS = var.arns }
    }]
  })
}
"""

GITHUB = """\
variable "subjects" {
  type = list(string)
}

data "aws_caller_identity" "current" {
  count = 1
}

data "aws_partition" "current" {
  count = 1
}

locals {
  account_id = try(data.aws_caller_identity.current[0].account_id, "")
  partition  = try(data.aws_partition.current[0].partition, "")
  provider   = "token.actions.githubusercontent.com"
}

data "aws_iam_policy_document" "trust" {
  statement {
    sid     = "GithubOidcAuth"
    actions = ["sts:AssumeRoleWithWebIdentity"]
    principals {
      type        = "Federated"
      identifiers = [
        "arn:${local.partition}:iam::${local.account_id}:oidc-provider/${local.provider}"
      ]
    }
    condition {
      test     = "StringLike"
      variable = "${local.provider}:sub"
      values   = var.subjects
    }
  }
}

resource "aws_iam_role" "this" {
  name               = "github"
  assume_role_policy = data.aws_iam_policy_document.trust.json
}
"""


def _findings(tmp_path: Path) -> dict[str, object]:
    (tmp_path / "main.tf").write_text(ROOT, encoding="utf-8")
    (tmp_path / "github").mkdir()
    (tmp_path / "github" / "main.tf").write_text(GITHUB, encoding="utf-8")
    (tmp_path / "trusted").mkdir()
    (tmp_path / "trusted" / "main.tf").write_text(TRUSTED, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-IAM-008",)))
    return {f.address: f for f in result.findings}


def test_principal_built_from_aws_identifiers_names_one_principal(tmp_path: Path) -> None:
    found = _findings(tmp_path)
    for address in (
        "aws_iam_role.account_root",
        "aws_iam_role.peer",
        "module.github.aws_iam_role.this",
        'module.trusted["admin"].aws_iam_role.this',
        'aws_iam_role.each["ops"]',
    ):
        assert found[address].status is Status.PASS, address
    anyone = found["module.github_any.aws_iam_role.this"]
    assert (anyone.status, anyone.message.en) == (
        Status.FAIL,
        "anyone can assume this role (granted by statement \"GithubOidcAuth\" lets any GitHub "
        "repository assume the role (token.actions.githubusercontent.com:sub 'repo:*' is not "
        "limited to one owner) in assume_role_policy)",
    )


def test_principal_from_an_input_not_given_stays_unknown(tmp_path: Path) -> None:
    found = _findings(tmp_path)
    given = found["aws_iam_role.input"]
    assert (given.status, given.message.en) == (
        Status.UNKNOWN,
        "who may assume this role is not known (granted by statement 1 may allow everyone "
        "(principal or condition not known) in assume_role_policy)",
    )
