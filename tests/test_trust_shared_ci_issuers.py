"""Wrong PASS, GDCC-IAM-008: a role trusting GitLab.com's or HCP Terraform's OIDC issuer
without a ``sub`` condition naming one tenant PASSed: only GitHub Actions was read as an
issuer that gives a token to every job of every tenant. GitLab.com gives one to every CI job of
every project (its ``sub`` is ``project_path:GROUP/PROJECT:ref_type:...``; the job chooses its
``aud``), HCP Terraform to every run of every organization (``organization:ORG:...``): without
``gitlab.com:sub`` / ``app.terraform.io:sub`` pinned to one group or organization, anyone
there assumes the role (FAIL); a pinned ``sub`` PASSes; a value not known is UNKNOWN. A
self-managed GitLab (another issuer URL) is that instance's only."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.settings import Settings

ROOT = """\
variable "subject" {
  type = string
}

resource "aws_iam_openid_connect_provider" "gitlab" {
  url            = "https://gitlab.com"
  client_id_list = ["https://gitlab.com"]
}

resource "aws_iam_openid_connect_provider" "self_managed" {
  url            = "https://gitlab.example.com"
  client_id_list = ["https://gitlab.example.com"]
}

locals {
  trusts = {
    open        = [aws_iam_openid_connect_provider.gitlab.arn, {}]
    pinned      = [aws_iam_openid_connect_provider.gitlab.arn, {
      StringLike = { "gitlab.com:sub" = "project_path:mygroup/myproject:ref_type:branch:ref:*" }
    }]
    any_project = [aws_iam_openid_connect_provider.gitlab.arn, {
      StringLike = { "gitlab.com:sub" = "project_path:*" }
    }]
    not_known   = [aws_iam_openid_connect_provider.gitlab.arn, {
      StringLike = { "gitlab.com:sub" = var.subject }
    }]
    own_gitlab  = [aws_iam_openid_connect_provider.self_managed.arn, {}]
  }
}

resource "aws_iam_role" "ci" {
  for_each = local.trusts
  name     = each.key
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [merge(
      {
        Effect    = "Allow"
        Action    = "sts:AssumeRoleWithWebIdentity"
        Principal = { Federated = each.value[0] }
      },
      length(each.value[1]) > 0 ? { Condition = each.value[1] } : {}
    )]
  })
}
"""

TEMPLATE = """\
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  TerraformOpen:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - Effect: Allow
            Action: sts:AssumeRoleWithWebIdentity
            Principal:
              Federated: !Sub
                "arn:${AWS::Partition}:iam::${AWS::AccountId}:oidc-provider/app.terraform.io"
            Condition:
              StringEquals: {"app.terraform.io:aud": aws.workload.identity}
  TerraformPinned:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - Effect: Allow
            Action: sts:AssumeRoleWithWebIdentity
            Principal:
              Federated: !Sub
                "arn:${AWS::Partition}:iam::${AWS::AccountId}:oidc-provider/app.terraform.io"
            Condition:
              StringEquals: {"app.terraform.io:aud": aws.workload.identity}
              StringLike:
                "app.terraform.io:sub": "organization:acme:project:*:workspace:*:run_phase:*"
"""


def test_shared_ci_issuers(tmp_path: Path) -> None:
    (tmp_path / "tf").mkdir()
    (tmp_path / "tf" / "main.tf").write_text(ROOT, encoding="utf-8")
    (tmp_path / "cfn").mkdir()
    (tmp_path / "cfn" / "roles.yaml").write_text(TEMPLATE, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-IAM-008",)))
    found = {f.address: (f.status.value, f.message.en) for f in result.findings}
    gitlab = "statement 1 lets any GitLab.com project assume the role (gitlab.com:sub"
    assert found == {
        'aws_iam_role.ci["open"]': (
            "FAIL", f"anyone can assume this role (granted by {gitlab} not limited) in "
            "assume_role_policy)"),
        'aws_iam_role.ci["pinned"]': ("PASS", "Roles cannot be assumed by anyone"),
        'aws_iam_role.ci["any_project"]': (
            "FAIL", f"anyone can assume this role (granted by {gitlab} 'project_path:*' is not "
            "limited to one) in assume_role_policy)"),
        'aws_iam_role.ci["not_known"]': (
            "UNKNOWN", f"who may assume this role is not known (granted by {gitlab} not known) "
            "in assume_role_policy)"),
        'aws_iam_role.ci["own_gitlab"]': ("PASS", "Roles cannot be assumed by anyone"),
        "TerraformOpen": (
            "FAIL", "anyone can assume this role (granted by statement 1 lets any HCP Terraform "
            "organization assume the role (app.terraform.io:sub not limited) in "
            "AssumeRolePolicyDocument)"),
        "TerraformPinned": ("PASS", "Roles cannot be assumed by anyone"),
    }
