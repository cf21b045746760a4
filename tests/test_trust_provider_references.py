"""A role trusting a SAML or OpenID Connect provider, or a Cognito identity pool, named by a
reference to a resource of the scan names that one provider or pool (GDCC-IAM-008 PASS).

terraform-aws-modules/iam examples/iam-role ``iam_role_saml``: ``saml_provider_ids =
[aws_iam_saml_provider.this.id]`` passed into the module's ``data "aws_iam_policy_document"``
(``principals { type = "Federated" identifiers = var.saml_provider_ids }``) was UNKNOWN
"statement 1 may allow everyone (principal or condition not known)": an
``aws_iam_saml_provider``'s ``id`` is its ARN, as an ``aws_iam_openid_connect_provider``'s,
and an ``aws_cognito_identity_pool``'s ``id`` the pool id AWS assigns (``REGION:GUID``), so
``"cognito-identity.amazonaws.com:aud" = aws_cognito_identity_pool.x.id`` names that pool,
as CloudFormation's ``!Ref IdentityPool`` already did. In CloudFormation, ``!Ref`` of an
``AWS::IAM::SAMLProvider`` / ``AWS::IAM::OIDCProvider`` returns its ARN (return values), as
``!GetAtt X.Arn``. A provider or pool from an input without a value stays UNKNOWN; a pattern
built on a pool id stays UNKNOWN; no ``aud`` condition still FAILs."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

MODULE = """\
variable "ids" {
  type = list(string)
}

data "aws_iam_policy_document" "trust" {
  statement {
    actions = ["sts:AssumeRoleWithSAML", "sts:TagSession"]
    principals {
      type        = "Federated"
      identifiers = var.ids
    }
    condition {
      test     = "StringEquals"
      variable = "SAML:aud"
      values   = ["https://signin.aws.amazon.com/saml"]
    }
  }
}

resource "aws_iam_role" "this" {
  name               = "saml"
  assume_role_policy = data.aws_iam_policy_document.trust.json
}
"""

ROOT = """\
variable "pool_id" {
  type = string
}

variable "provider_ids" {
  type = list(string)
}

resource "aws_iam_saml_provider" "idp" {
  name                   = "idp"
  saml_metadata_document = "<EntityDescriptor/>"
}

resource "aws_iam_openid_connect_provider" "ci" {
  url            = "https://ci.example.com"
  client_id_list = ["sts.amazonaws.com"]
}

resource "aws_cognito_identity_pool" "app" {
  identity_pool_name               = "app"
  allow_unauthenticated_identities = false
}

module "saml_by_id" {
  source = "./saml"
  ids    = [aws_iam_saml_provider.idp.id]
}

module "saml_not_known" {
  source = "./saml"
  ids    = var.provider_ids
}

resource "aws_iam_role" "oidc_by_id" {
  name = "ci"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRoleWithWebIdentity"
      Principal = { Federated = aws_iam_openid_connect_provider.ci.id }
      Condition = { StringEquals = { "ci.example.com:aud" = "sts.amazonaws.com" } }
    }]
  })
}

resource "aws_iam_role" "pool_by_id" {
  name = "pool"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRoleWithWebIdentity"
      Principal = { Federated = "cognito-identity.amazonaws.com" }
      Condition = {
        StringEquals = {
          "cognito-identity.amazonaws.com:aud" = aws_cognito_identity_pool.app.id
        }
        "ForAnyValue:StringLike" = {
          "cognito-identity.amazonaws.com:amr" = "authenticated"
        }
      }
    }]
  })
}

data "aws_iam_policy_document" "pool" {
  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]
    principals {
      type        = "Federated"
      identifiers = ["cognito-identity.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "cognito-identity.amazonaws.com:aud"
      values   = [aws_cognito_identity_pool.app.id]
    }
  }
}

resource "aws_iam_role" "pool_in_document" {
  name               = "pool-doc"
  assume_role_policy = data.aws_iam_policy_document.pool.json
}

resource "aws_iam_role" "pool_not_known" {
  name = "pool-var"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRoleWithWebIdentity"
      Principal = { Federated = "cognito-identity.amazonaws.com" }
      Condition = { StringEquals = { "cognito-identity.amazonaws.com:aud" = var.pool_id } }
    }]
  })
}

resource "aws_iam_role" "pool_pattern" {
  name = "pool-pattern"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRoleWithWebIdentity"
      Principal = { Federated = "cognito-identity.amazonaws.com" }
      Condition = {
        StringLike = {
          "cognito-identity.amazonaws.com:aud" = "${aws_cognito_identity_pool.app.id}*"
        }
      }
    }]
  })
}

resource "aws_iam_role" "pool_any" {
  name = "pool-any"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRoleWithWebIdentity"
      Principal = { Federated = "cognito-identity.amazonaws.com" }
    }]
  })
}
"""

TEMPLATE = """\
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  ProviderArn: {Type: String}
Resources:
  Idp:
    Type: AWS::IAM::SAMLProvider
    Properties:
      Name: idp
      SamlMetadataDocument: "<EntityDescriptor/>"
  Ci:
    Type: AWS::IAM::OIDCProvider
    Properties:
      Url: https://ci.example.com
      ClientIdList: [sts.amazonaws.com]
  SamlByRef:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - Effect: Allow
            Action: sts:AssumeRoleWithSAML
            Principal: {Federated: !Ref Idp}
            Condition: {StringEquals: {"SAML:aud": "https://signin.aws.amazon.com/saml"}}
  OidcByRef:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - Effect: Allow
            Action: sts:AssumeRoleWithWebIdentity
            Principal: {Federated: !Ref Ci}
  SamlFromParameter:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - Effect: Allow
            Action: sts:AssumeRoleWithSAML
            Principal: {Federated: !Ref ProviderArn}
"""

_PASS = (Status.PASS, "Roles cannot be assumed by anyone")
_MAY = (
    "who may assume this role is not known (granted by statement 1 may allow everyone "
    "(principal or condition not known) in {where})"
)
_POOL = "statement 1 lets an identity of any Amazon Cognito identity pool assume the role"


def _found(tmp_path: Path) -> dict[str, object]:
    (tmp_path / "tf" / "saml").mkdir(parents=True)
    (tmp_path / "tf" / "main.tf").write_text(ROOT, encoding="utf-8")
    (tmp_path / "tf" / "saml" / "main.tf").write_text(MODULE, encoding="utf-8")
    (tmp_path / "cfn").mkdir()
    (tmp_path / "cfn" / "roles.yaml").write_text(TEMPLATE, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-IAM-008",)))
    return {f.address: f for f in result.findings}


def test_a_provider_or_pool_of_the_scan_names_that_one(tmp_path: Path) -> None:
    found = _found(tmp_path)
    for address in (
        "module.saml_by_id.aws_iam_role.this",
        "aws_iam_role.oidc_by_id",
        "aws_iam_role.pool_by_id",
        "aws_iam_role.pool_in_document",
        "SamlByRef",
        "OidcByRef",
    ):
        assert (found[address].status, found[address].message.en) == _PASS, address


def test_a_provider_or_pool_not_known_stays_unknown(tmp_path: Path) -> None:
    found = _found(tmp_path)
    for address, where in (
        ("module.saml_not_known.aws_iam_role.this", "assume_role_policy"),
        ("SamlFromParameter", "AssumeRolePolicyDocument"),
    ):
        assert (found[address].status, found[address].message.en) == (
            Status.UNKNOWN,
            _MAY.format(where=where),
        ), address
    for address in ("aws_iam_role.pool_not_known", "aws_iam_role.pool_pattern"):
        assert (found[address].status, found[address].message.en) == (
            Status.UNKNOWN,
            f"who may assume this role is not known (granted by {_POOL} "
            "(cognito-identity.amazonaws.com:aud not known) in assume_role_policy)",
        ), address
    pool_any = found["aws_iam_role.pool_any"]
    assert (pool_any.status, pool_any.message.en) == (
        Status.FAIL,
        f"anyone can assume this role (granted by {_POOL} "
        "(no cognito-identity.amazonaws.com:aud condition) in assume_role_policy)",
    )
