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
