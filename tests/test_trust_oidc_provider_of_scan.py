"""Wrong PASS, GDCC-IAM-008: a trust naming a GitHub Actions OIDC provider of the scan by
reference (``Federated = aws_iam_openid_connect_provider.github.arn`` / ``.id``, or a
``data "aws_iam_openid_connect_provider"`` looked up by ``url``) with no ``sub`` condition
PASSed: the ARN, computed at apply time, was read as "an identifier AWS assigns" that names
one provider, not as GitHub's, so any repository of any owner could assume the role unseen.
The ARN AWS gives the provider is ``arn:aws:iam::ACCOUNT:oidc-provider/<url without
https://>``: with the ``url`` written, the trust is judged as GitHub's (FAIL without a ``sub``
pinned to an owner, PASS with one); another issuer of the scan still PASSes."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.settings import Settings

ROOT = """\
resource "aws_iam_openid_connect_provider" "github" {
  url            = "https://token.actions.githubusercontent.com"
  client_id_list = ["sts.amazonaws.com"]
}

resource "aws_iam_openid_connect_provider" "corp" {
  url            = "https://idp.example.com"
  client_id_list = ["sts.amazonaws.com"]
}

data "aws_iam_openid_connect_provider" "looked_up" {
  url = "https://token.actions.githubusercontent.com"
}

locals {
  trusts = {
    arn_open    = [aws_iam_openid_connect_provider.github.arn, {}]
    id_open     = [aws_iam_openid_connect_provider.github.id, {}]
    data_open   = [data.aws_iam_openid_connect_provider.looked_up.arn, {}]
    arn_pinned  = [aws_iam_openid_connect_provider.github.arn, {
      StringLike = { "token.actions.githubusercontent.com:sub" = "repo:octo-org/*" }
    }]
    other_issuer = [aws_iam_openid_connect_provider.corp.arn, {}]
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

_OPEN = (
    "FAIL",
    "anyone can assume this role (granted by statement 1 lets any GitHub repository assume "
    "the role (token.actions.githubusercontent.com:sub not limited) in assume_role_policy)",
)
_PASS = ("PASS", "Roles cannot be assumed by anyone")


def test_a_github_provider_of_the_scan_is_judged_as_github(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(ROOT, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-IAM-008",)))
    found = {f.address: (f.status.value, f.message.en) for f in result.findings}
    assert found == {
        'aws_iam_role.ci["arn_open"]': _OPEN,
        'aws_iam_role.ci["id_open"]': _OPEN,
        'aws_iam_role.ci["data_open"]': _OPEN,
        'aws_iam_role.ci["arn_pinned"]': _PASS,
        'aws_iam_role.ci["other_issuer"]': _PASS,
    }
