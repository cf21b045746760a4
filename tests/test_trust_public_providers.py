"""Roles trusting a public web identity provider (Google ``accounts.google.com``, Facebook
``graph.facebook.com``, Login with Amazon ``www.amazon.com``) without a condition naming the
application (``accounts.google.com:aud``, ``graph.facebook.com:app_id``,
``www.amazon.com:app_id``) or the user PASSed GDCC-IAM-008: only GitHub Actions and Cognito
were read as public issuers. Every user of every application signing in there gets a token:
anyone with such an account may assume the role (FAIL); an application named by a written
value PASSes, one from an input not given is UNKNOWN."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

TF = """\
variable "client_id" {
  type = string
}

resource "aws_iam_role" "google_any_app" {
  name = "google-any-app"
  assume_role_policy = jsonencode({
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRoleWithWebIdentity"
      Principal = { Federated = "accounts.google.com" }
    }]
  })
}

resource "aws_iam_role" "google_one_app" {
  name = "google-one-app"
  assume_role_policy = jsonencode({
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRoleWithWebIdentity"
      Principal = { Federated = "accounts.google.com" }
      Condition = { StringEquals = { "accounts.google.com:aud" = "1234.apps.example" } }
    }]
  })
}

resource "aws_iam_role" "google_input" {
  name = "google-input"
  assume_role_policy = jsonencode({
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRoleWithWebIdentity"
      Principal = { Federated = "accounts.google.com" }
      Condition = { StringEquals = { "accounts.google.com:aud" = var.client_id } }
    }]
  })
}
"""

TEMPLATE = """\
Resources:
  FacebookApp:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - Effect: Allow
            Action: sts:AssumeRoleWithWebIdentity
            Principal: {Federated: graph.facebook.com}
            Condition:
              StringEquals: {"graph.facebook.com:app_id": "123456789012345"}
  AmazonAnyApp:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - Effect: Allow
            Action: sts:AssumeRoleWithWebIdentity
            Principal: {Federated: www.amazon.com}
"""


def _found(tmp_path: Path) -> dict[str, tuple[Status, str]]:
    (tmp_path / "tf").mkdir()
    (tmp_path / "tf" / "main.tf").write_text(TF, encoding="utf-8")
    (tmp_path / "cfn").mkdir()
    (tmp_path / "cfn" / "roles.yaml").write_text(TEMPLATE, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-IAM-008",), cache=False))
    return {f.address: (f.status, f.message.en) for f in result.findings}


def test_a_public_provider_without_an_application_lets_anyone_in(tmp_path: Path) -> None:
    found = _found(tmp_path)
    assert found["aws_iam_role.google_any_app"] == (
        Status.FAIL,
        "anyone can assume this role (granted by statement 1 lets any Google account assume "
        "the role (no accounts.google.com:aud condition naming the application) in "
        "assume_role_policy)",
    )
    assert found["AmazonAnyApp"] == (
        Status.FAIL,
        "anyone can assume this role (granted by statement 1 lets any Amazon account assume "
        "the role (no www.amazon.com:app_id condition naming the application) in "
        "AssumeRolePolicyDocument)",
    )


def test_an_application_named_limits_the_role(tmp_path: Path) -> None:
    found = _found(tmp_path)
    for address in ("aws_iam_role.google_one_app", "FacebookApp"):
        assert found[address] == (Status.PASS, "Roles cannot be assumed by anyone"), address
    assert found["aws_iam_role.google_input"] == (
        Status.UNKNOWN,
        "who may assume this role is not known (granted by statement 1 lets any Google "
        "account assume the role (accounts.google.com:aud not known) in assume_role_policy)",
    )
