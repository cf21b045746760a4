"""A Kubernetes ServiceAccount annotated with a cloud identity (GKE Workload Identity,
EKS IAM roles for service accounts, AKS Microsoft Entra Workload ID) gives its pods that
identity's permissions. GDCC-GRAPH-006 PASSed such an account on its RBAC roles alone ("A
workload identity's permissions stay within its own system"), as fabric's gke/binauthz app's
``storage-api-sa`` acting as a Google service account; it is UNKNOWN now, naming the identity.
An account without such an annotation still PASSes, and a FAIL on its roles stays a FAIL."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

ACCOUNTS = """\
apiVersion: v1
kind: ServiceAccount
metadata:
  name: reports
  namespace: shop
  annotations:
    iam.gke.io/gcp-service-account: reports@shop-prod.iam.gserviceaccount.com
---
apiVersion: v1
kind: ServiceAccount
metadata:
  name: uploader
  namespace: shop
  annotations:
    eks.amazonaws.com/role-arn: arn:aws:iam::111122223333:role/shop-uploader
---
apiVersion: v1
kind: ServiceAccount
metadata:
  name: mailer
  namespace: shop
  annotations:
    azure.workload.identity/client-id: 00000000-0000-0000-0000-000000000001
---
apiVersion: v1
kind: ServiceAccount
metadata:
  name: plain
  namespace: shop
---
apiVersion: v1
kind: ServiceAccount
metadata:
  name: admin-bot
  namespace: shop
  annotations:
    iam.gke.io/gcp-service-account: bot@shop-prod.iam.gserviceaccount.com
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: admin-bot
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: cluster-admin
subjects:
  - kind: ServiceAccount
    name: admin-bot
    namespace: shop
"""

NOT_KNOWN = "the permissions of {} are not known from the input"


def test_an_account_acting_as_a_cloud_identity_is_not_passed(tmp_path: Path) -> None:
    (tmp_path / "accounts.yaml").write_text(ACCOUNTS, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-006",)))
    found = {f.address: (f.status, f.message.en) for f in result.findings}
    assert found["ServiceAccount/shop/reports"] == (
        Status.UNKNOWN,
        NOT_KNOWN.format(
            "the Google service account reports@shop-prod.iam.gserviceaccount.com it acts as "
            "(annotation iam.gke.io/gcp-service-account)"
        ),
    )
    assert found["ServiceAccount/shop/uploader"] == (
        Status.UNKNOWN,
        NOT_KNOWN.format(
            "the IAM role arn:aws:iam::111122223333:role/shop-uploader it assumes "
            "(annotation eks.amazonaws.com/role-arn)"
        ),
    )
    assert found["ServiceAccount/shop/mailer"] == (
        Status.UNKNOWN,
        NOT_KNOWN.format(
            "the Microsoft Entra identity 00000000-0000-0000-0000-000000000001 it acts as "
            "(annotation azure.workload.identity/client-id)"
        ),
    )
    assert found["ServiceAccount/shop/plain"][0] == Status.PASS
    # what its roles are known to grant still FAILs it
    assert found["ServiceAccount/shop/admin-bot"][0] == Status.FAIL


TERRAFORM = """\
resource "kubernetes_service_account" "reports" {
  metadata {
    name      = "reports"
    namespace = "shop"
    annotations = {
      "iam.gke.io/gcp-service-account" = "reports@shop-prod.iam.gserviceaccount.com"
    }
  }
}
"""


def test_a_terraform_service_account_acting_as_a_cloud_identity(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(TERRAFORM, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-006",)))
    assert [(f.address, f.status, f.message.en) for f in result.findings] == [(
        "kubernetes_service_account.reports",
        Status.UNKNOWN,
        NOT_KNOWN.format(
            "the Google service account reports@shop-prod.iam.gserviceaccount.com it acts as "
            "(annotation iam.gke.io/gcp-service-account)"
        ),
    )]


IRSA = """\
variable "role_arn" { type = string }

resource "aws_iam_role" "irsa" {
  name               = "irsa"
  assume_role_policy = "{}"
}

resource "kubernetes_service_account" "from_role" {
  metadata {
    name      = "from-role"
    namespace = "shop"
    annotations = {
      "eks.amazonaws.com/role-arn" = aws_iam_role.irsa.arn
    }
  }
}

resource "kubernetes_service_account" "from_input" {
  metadata {
    name      = "from-input"
    namespace = "shop"
    annotations = {
      "eks.amazonaws.com/role-arn" = var.role_arn
    }
  }
}
"""


def test_an_annotation_known_after_apply_still_names_the_identity(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(IRSA, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-006",)))
    found = {f.address: (f.status, f.message.en) for f in result.findings}
    assert found["kubernetes_service_account.from_role"] == (
        Status.UNKNOWN,
        NOT_KNOWN.format(
            "the IAM role it assumes (annotation eks.amazonaws.com/role-arn, set from "
            "aws_iam_role.irsa, not followed from a Kubernetes account)"
        ),
    )
    assert found["kubernetes_service_account.from_input"] == (
        Status.UNKNOWN,
        NOT_KNOWN.format(
            "the IAM role it assumes (annotation eks.amazonaws.com/role-arn, a value not known "
            "before apply)"
        ),
    )


POD_IDENTITY = """\
resource "aws_iam_role" "uploader" {
  name               = "uploader"
  assume_role_policy = "{}"
}

resource "aws_eks_pod_identity_association" "uploader" {
  cluster_name    = "shop"
  namespace       = "shop"
  service_account = "uploader"
  role_arn        = aws_iam_role.uploader.arn
}

resource "kubernetes_service_account" "uploader" {
  metadata {
    name      = "uploader"
    namespace = "shop"
  }
}

resource "kubernetes_service_account" "other" {
  metadata {
    name      = "uploader"
    namespace = "billing"
  }
}
"""


def test_an_eks_pod_identity_association_names_the_role(tmp_path: Path) -> None:
    """EKS Pod Identity gives an account's pods a role without any annotation: the
    association names the namespace and the account."""
    (tmp_path / "main.tf").write_text(POD_IDENTITY, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-006",)))
    found = {f.address: (f.status, f.message.en) for f in result.findings}
    assert found["kubernetes_service_account.uploader"] == (
        Status.UNKNOWN,
        NOT_KNOWN.format(
            "the IAM role aws_iam_role.uploader it assumes (EKS Pod Identity: "
            "aws_eks_pod_identity_association.uploader, not followed from a Kubernetes "
            "account)"
        ),
    )
    # the same name in another namespace is another account
    assert found["kubernetes_service_account.other"][0] == Status.PASS
