"""A web identity trust statement whose identity provider is not known (an OIDC provider ARN
from a module not in the scan: terraform-aws-modules/iam's iam-role-for-service-accounts,
``identifiers = [provider_arn]``, ``variable = "${replace(provider_arn, ...)}:sub"``) but
which pins the token's subject (``StringEquals`` on ``...:sub`` against written values) lets
in only those subjects: GDCC-IAM-008 PASS (was UNKNOWN "statement 1 may allow everyone
(principal or condition not known)" on its 18 IRSA roles). Every service account of a
written namespace (``StringLike`` ``system:serviceaccount:ns:*``, the EKS user guide's
namespace-wide trust; terraform-aws-emr's ``...:emr:emr-containers-sa-*-${account}-*``) is
pinned too, as is ``*`` under ``StringEquals`` (a character). A wildcard or unknown
namespace, a wildcard subject, a subject any GitHub repository can make
(``workflow:deploy``), ``ForAllValues`` (true when the key is absent) or an operator from an
input stay UNKNOWN; a known GitHub provider still FAILs."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

MODULE = """\
variable "provider_arn" {
  type = string
}

variable "subjects" {
  type = list(string)
}

variable "test" {
  type    = string
  default = "StringEquals"
}

data "aws_iam_policy_document" "assume" {
  statement {
    effect  = "Allow"
    actions = ["sts:AssumeRoleWithWebIdentity"]
    principals {
      type        = "Federated"
      identifiers = [var.provider_arn]
    }
    condition {
      test     = var.test
      variable = "${replace(var.provider_arn, "/^(.*provider/)/", "")}:sub"
      values   = var.subjects
    }
    condition {
      test     = var.test
      variable = "${replace(var.provider_arn, "/^(.*provider/)/", "")}:aud"
      values   = ["sts.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "this" {
  name               = "irsa"
  assume_role_policy = data.aws_iam_policy_document.assume.json
}
"""

ROOT = """\
variable "oidc_provider_arn" {
  type = string
}

variable "operator" {
  type = string
}

variable "suffix" {
  type = string
}

module "pinned" {
  source       = "./irsa"
  provider_arn = var.oidc_provider_arn
  subjects     = ["system:serviceaccount:kube-system:cert-manager"]
}

module "like_without_wildcard" {
  source       = "./irsa"
  provider_arn = var.oidc_provider_arn
  test         = "StringLike"
  subjects     = ["system:serviceaccount:default:app", "system:serviceaccount:canary:app"]
}

module "any_account" {
  source       = "./irsa"
  provider_arn = var.oidc_provider_arn
  test         = "StringLike"
  subjects     = ["system:serviceaccount:kube-system:*"]
}

module "any_namespace" {
  source       = "./irsa"
  provider_arn = var.oidc_provider_arn
  test         = "StringLike"
  subjects     = ["system:serviceaccount:*:app"]
}

module "star_is_a_character" {
  source       = "./irsa"
  provider_arn = var.oidc_provider_arn
  subjects     = ["system:serviceaccount:kube-system:*"]
}

module "namespace_then_not_known" {
  source       = "./irsa"
  provider_arn = var.oidc_provider_arn
  test         = "StringLike"
  subjects     = ["system:serviceaccount:emr:sa-*-${var.suffix}-*"]
}

module "namespace_not_known" {
  source       = "./irsa"
  provider_arn = var.oidc_provider_arn
  test         = "StringLike"
  subjects     = ["system:serviceaccount:${var.suffix}:app"]
}

module "github_shape" {
  source       = "./irsa"
  provider_arn = var.oidc_provider_arn
  subjects     = ["workflow:deploy"]
}

module "for_all_values" {
  source       = "./irsa"
  provider_arn = var.oidc_provider_arn
  test         = "ForAllValues:StringEquals"
  subjects     = ["system:serviceaccount:kube-system:cert-manager"]
}

module "operator_not_known" {
  source       = "./irsa"
  provider_arn = var.oidc_provider_arn
  test         = var.operator
  subjects     = ["system:serviceaccount:kube-system:cert-manager"]
}

module "github" {
  source       = "./irsa"
  provider_arn = "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"
  subjects     = ["workflow:deploy"]
}
"""

TEMPLATE = """\
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  OidcProviderArn: {Type: String}
Resources:
  Pinned:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - Effect: Allow
            Action: sts:AssumeRoleWithWebIdentity
            Principal: {Federated: !Ref OidcProviderArn}
            Condition:
              StringEquals:
                "oidc.eks.eu-west-1.amazonaws.com/id/ABC:sub": system:serviceaccount:default:app
  NamespaceAccounts:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - Effect: Allow
            Action: sts:AssumeRoleWithWebIdentity
            Principal: {Federated: !Ref OidcProviderArn}
            Condition:
              StringLike:
                "oidc.eks.eu-west-1.amazonaws.com/id/ABC:sub":
                  !Sub "system:serviceaccount:batch:job-${AWS::AccountId}-*"
  Wildcard:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - Effect: Allow
            Action: sts:AssumeRoleWithWebIdentity
            Principal: {Federated: !Ref OidcProviderArn}
            Condition:
              StringLike:
                "oidc.eks.eu-west-1.amazonaws.com/id/ABC:sub": system:serviceaccount:*
"""

_MAY = (
    "who may assume this role is not known (granted by statement 1 may allow everyone "
    "(principal or condition not known) in {where})"
)


def _found(tmp_path: Path) -> dict[str, object]:
    (tmp_path / "tf").mkdir()
    (tmp_path / "tf" / "main.tf").write_text(ROOT, encoding="utf-8")
    (tmp_path / "tf" / "irsa").mkdir()
    (tmp_path / "tf" / "irsa" / "main.tf").write_text(MODULE, encoding="utf-8")
    (tmp_path / "cfn").mkdir()
    (tmp_path / "cfn" / "roles.yaml").write_text(TEMPLATE, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-IAM-008",)))
    return {f.address: f for f in result.findings}


def test_a_pinned_subject_limits_a_provider_not_known(tmp_path: Path) -> None:
    found = _found(tmp_path)
    for address in (
        "module.pinned.aws_iam_role.this",
        "module.like_without_wildcard.aws_iam_role.this",
        "Pinned",
        # every service account of one namespace ("system:serviceaccount:ns:*", StringLike)
        "module.any_account.aws_iam_role.this",
        "NamespaceAccounts",
        # StringEquals: "*" is a character, the value one subject
        "module.star_is_a_character.aws_iam_role.this",
        # the namespace written, what follows not known: still that namespace's accounts
        "module.namespace_then_not_known.aws_iam_role.this",
    ):
        assert (found[address].status, found[address].message.en) == (
            Status.PASS,
            "Roles cannot be assumed by anyone",
        ), address


def test_a_subject_not_pinned_stays_unknown(tmp_path: Path) -> None:
    found = _found(tmp_path)
    for address in (
        "module.any_namespace.aws_iam_role.this",
        "module.namespace_not_known.aws_iam_role.this",
        "module.github_shape.aws_iam_role.this",
        "module.for_all_values.aws_iam_role.this",
        "module.operator_not_known.aws_iam_role.this",
    ):
        assert (found[address].status, found[address].message.en) == (
            Status.UNKNOWN,
            _MAY.format(where="assume_role_policy"),
        ), address
    wildcard = found["Wildcard"]
    assert (wildcard.status, wildcard.message.en) == (
        Status.UNKNOWN,
        _MAY.format(where="AssumeRolePolicyDocument"),
    )


def test_a_known_github_provider_is_still_judged_as_github(tmp_path: Path) -> None:
    github = _found(tmp_path)["module.github.aws_iam_role.this"]
    assert (github.status, github.message.en) == (
        Status.FAIL,
        "anyone can assume this role (granted by statement 1 lets any GitHub repository "
        "assume the role (token.actions.githubusercontent.com:sub 'workflow:deploy' is not "
        "limited to one owner) in assume_role_policy)",
    )
