"""A reference to an argument written in another resource's nested block was not read
(``resource_value``: "Nested blocks ... stay UNKNOWN"): terraform-aws-emr's virtual-cluster
module pins its IRSA trust to ``system:serviceaccount:${local.namespace}:emr-containers-sa-*``
with ``local.namespace = try(kubernetes_namespace_v1.this[0].metadata[0].name, "")``, so the
namespace was not known and GDCC-IAM-008 UNKNOWN "may allow everyone". An argument of a
nested block written once (``metadata[0].name``; an EMR on EKS virtual cluster's
``container_provider[0].info[0].eks_info[0].namespace``) is now read as written: the trust
names one namespace, PASS. A block written by ``dynamic`` or twice, an index past the one
block, or a namespace not known stay UNKNOWN."""

from __future__ import annotations

from pathlib import Path

import pytest

from gdcc_audit.api import audit
from gdcc_audit.settings import Settings

TRUST = """\
variable "oidc_provider_arn" {
  type = string
}

data "aws_caller_identity" "current" {}

locals {
  account = data.aws_caller_identity.current.account_id
}

data "aws_iam_policy_document" "assume" {
  statement {
    sid     = "IRSA"
    actions = ["sts:AssumeRoleWithWebIdentity"]
    principals {
      type        = "Federated"
      identifiers = [var.oidc_provider_arn]
    }
    condition {
      test     = "StringLike"
      variable = "${replace(var.oidc_provider_arn, "/^(.*provider/)/", "")}:sub"
      values   = ["system:serviceaccount:${local.namespace}:emr-containers-sa-*-${local.account}-*"]
    }
    condition {
      test     = "StringEquals"
      variable = "${replace(var.oidc_provider_arn, "/^(.*provider/)/", "")}:aud"
      values   = ["sts.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "job" {
  name               = "emr-job"
  assume_role_policy = data.aws_iam_policy_document.assume.json
}
"""

NAMESPACE = """\
variable "namespace" {
  type    = string
  default = "emr-custom"
}

resource "kubernetes_namespace_v1" "this" {
  count = 1
  metadata {
    name = var.namespace
  }
}

locals {
  namespace = try(kubernetes_namespace_v1.this[0].metadata[0].name, "")
}
"""

VIRTUAL_CLUSTER = (
    """\
variable "cluster_name" {
  type = string
}

resource "aws_emrcontainers_virtual_cluster" "this" {
  name = "emr"
  container_provider {
    id   = var.cluster_name
    type = "EKS"
    info {
      eks_info {
        namespace = "emr-jobs"
      }
    }
  }
}

locals {
  namespace = aws_emrcontainers_virtual_cluster.this.container_provider[0]"""
    """.info[0].eks_info[0].namespace
}
"""
)


def _iam008(tmp_path: Path, *parts: str) -> tuple[str, str]:
    (tmp_path / "main.tf").write_text("\n".join(parts), encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-IAM-008",)))
    [found] = [f for f in result.findings if f.address == "aws_iam_role.job"]
    return found.status.value, found.message.en


_PASS = ("PASS", "Roles cannot be assumed by anyone")
_UNKNOWN = (
    "UNKNOWN",
    'who may assume this role is not known (granted by statement "IRSA" may allow everyone '
    "(principal or condition not known) in assume_role_policy)",
)


def test_namespace_from_a_namespace_resource_block(tmp_path: Path) -> None:
    assert _iam008(tmp_path, TRUST, NAMESPACE) == _PASS


def test_namespace_from_the_virtual_cluster_nested_blocks(tmp_path: Path) -> None:
    assert _iam008(tmp_path, TRUST, VIRTUAL_CLUSTER) == _PASS


@pytest.mark.parametrize(
    "changed",
    [
        # the block written by dynamic: how many there are is not read
        NAMESPACE.replace(
            "  metadata {\n    name = var.namespace\n  }\n",
            '  dynamic "metadata" {\n    for_each = [1]\n    content {\n'
            "      name = var.namespace\n    }\n  }\n",
        ),
        # written twice (Terraform would refuse it; not guessed)
        NAMESPACE.replace(
            "  metadata {\n    name = var.namespace\n  }\n",
            "  metadata {\n    name = var.namespace\n  }\n  metadata {\n    name = \"b\"\n  }\n",
        ),
        # an index past the one block
        NAMESPACE.replace("metadata[0].name", "metadata[1].name"),
        # the name not known
        NAMESPACE.replace('  default = "emr-custom"\n', ""),
    ],
    ids=["dynamic", "twice", "index", "unknown"],
)
def test_what_is_not_read_stays_unknown(tmp_path: Path, changed: str) -> None:
    assert _iam008(tmp_path, TRUST, changed) == _UNKNOWN
