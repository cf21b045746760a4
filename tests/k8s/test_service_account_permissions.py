"""A Kubernetes service account holds no permissions of its own (they come from the roles its
bindings grant): GDCC-IAM-005 is NOT_APPLICABLE to it with that reason, in manifests and in
Terraform (it was UNKNOWN on every service account: noise, not a question)."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.settings import Settings

YAML = """\
apiVersion: v1
kind: ServiceAccount
metadata:
  name: app
  namespace: shop
"""

TF = """\
resource "kubernetes_service_account_v1" "app" {
  metadata {
    name      = "app"
    namespace = "shop"
  }
}
"""


def test_iam_005_does_not_apply_to_service_accounts(tmp_path: Path) -> None:
    (tmp_path / "sa.yaml").write_text(YAML, encoding="utf-8")
    (tmp_path / "main.tf").write_text(TF, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-IAM-005",)))
    verdicts = sorted((f.address, f.status.value) for f in result.findings)
    assert verdicts == [
        ("ServiceAccount/shop/app", "NOT_APPLICABLE"),
        ("kubernetes_service_account_v1.app", "NOT_APPLICABLE"),
    ]
    assert all(
        "a Kubernetes service account holds no permissions of its own" in f.message.en
        for f in result.findings
    )


OTHER_TF = """\
resource "kubernetes_default_service_account_v1" "shop" {
  metadata {
    namespace = "shop"
  }
}

resource "kubernetes_manifest" "injector" {
  manifest = {
    apiVersion = "v1"
    kind       = "ServiceAccount"
    metadata = {
      name      = "injector"
      namespace = "shop"
    }
  }
}

resource "kubernetes_manifest" "wide" {
  manifest = {
    apiVersion = "rbac.authorization.k8s.io/v1"
    kind       = "Role"
    metadata = {
      name      = "wide"
      namespace = "shop"
    }
    rules = [{ apiGroups = [""], resources = ["*"], verbs = ["*"] }]
  }
}
"""


def test_default_and_manifest_service_accounts_too(tmp_path: Path) -> None:
    """hashicorp/terraform-provider-kubernetes examples: a ``kubernetes_default_service_account``
    and the vault example's ``kubernetes_manifest`` ServiceAccounts were UNKNOWN "whether it
    grants permissions by wildcard is not known"; a ``kubernetes_manifest`` Role is still
    judged."""
    (tmp_path / "main.tf").write_text(OTHER_TF, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-IAM-005",)))
    verdicts = {f.address: (f.status.value, f.message.en) for f in result.findings}
    grants = "a Kubernetes service account holds no permissions of its own"
    assert {a: s for a, (s, _) in verdicts.items()} == {
        "kubernetes_default_service_account_v1.shop": "NOT_APPLICABLE",
        "kubernetes_manifest.injector": "NOT_APPLICABLE",
        "kubernetes_manifest.wide": "FAIL",
    }
    assert grants in verdicts["kubernetes_default_service_account_v1.shop"][1]
    assert grants in verdicts["kubernetes_manifest.injector"][1]
    assert verdicts["kubernetes_manifest.wide"][1] == "it grants permissions by wildcard"


KUBECTL_TF = """\
resource "kubectl_manifest" "account" {
  yaml_body = <<-YAML
    apiVersion: v1
    kind: ServiceAccount
    metadata:
      name: injector
      namespace: vault
  YAML
}

resource "kubectl_manifest" "wide" {
  yaml_body = <<-YAML
    apiVersion: rbac.authorization.k8s.io/v1
    kind: Role
    metadata:
      name: wide
      namespace: vault
    rules:
    - apiGroups: ["*"]
      resources: ["*"]
      verbs: ["*"]
  YAML
}
"""


def test_kubectl_manifest_service_accounts_too(tmp_path: Path) -> None:
    """A ``kubectl_manifest`` (gavinbunney/kubectl) whose ``yaml_body`` is a ServiceAccount
    was UNKNOWN on GDCC-IAM-005 (only ``kubernetes_manifest`` was listed); its Role is still
    judged."""
    (tmp_path / "main.tf").write_text(KUBECTL_TF, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-IAM-005",)))
    verdicts = {f.address: (f.status.value, f.message.en) for f in result.findings}
    assert {a: s for a, (s, _) in verdicts.items()} == {
        "kubectl_manifest.account": "NOT_APPLICABLE", "kubectl_manifest.wide": "FAIL"}
    assert "a Kubernetes service account holds no permissions of its own" in \
        verdicts["kubectl_manifest.account"][1]
