"""A pod that names no service account runs as its namespace's ``default`` one, so that
account's ``automountServiceAccountToken: false`` (CIS Kubernetes Benchmark 5.1.5's advice)
keeps the token out of it. GDCC-K8S-012 read the setting only of an account the pod names:
such a pod FAILed "the service-account token is mounted (Kubernetes default)"."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

ACCOUNTS = """\
apiVersion: v1
kind: ServiceAccount
metadata: {name: default, namespace: shop}
automountServiceAccountToken: false
"""

PODS = """\
apiVersion: v1
kind: Pod
metadata: {name: web, namespace: shop}
spec:
  containers: [{name: web, image: "shop/web:1.0"}]
---
apiVersion: v1
kind: Pod
metadata: {name: web, namespace: blog}
spec:
  containers: [{name: web, image: "blog/web:1.0"}]
---
apiVersion: v1
kind: Pod
metadata: {name: agent, namespace: shop}
spec:
  automountServiceAccountToken: true
  containers: [{name: agent, image: "shop/agent:1.0"}]
"""


def test_the_default_accounts_setting_applies_to_pods_that_name_none(tmp_path: Path) -> None:
    (tmp_path / "accounts.yaml").write_text(ACCOUNTS, encoding="utf-8")
    (tmp_path / "pods.yaml").write_text(PODS, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-K8S-012",)))
    found = {f.address: f for f in result.findings}
    web = found["Pod/shop/web"]
    assert web.status is Status.PASS  # was FAIL (Kubernetes default)
    assert web.evidence["decided_by"] == "service account"
    # another namespace's default account is not this one
    assert found["Pod/blog/web"].message.en == (
        "the service-account token is mounted (Kubernetes default)"
    )
    # the pod's own setting still wins
    assert found["Pod/shop/agent"].message.en == "the service-account token is mounted (pod)"


def test_an_account_that_does_not_set_it_leaves_the_kubernetes_default(tmp_path: Path) -> None:
    """The pod names an account of the scan that does not write the setting: the token is
    mounted by the Kubernetes default, not by the account (it said "(service account)":
    argo-cd, calico, linkerd... 100 workloads)."""
    (tmp_path / "app.yaml").write_text(
        "apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: app, namespace: shop}\n---\n"
        "apiVersion: v1\nkind: Pod\nmetadata: {name: app, namespace: shop}\n"
        "spec:\n  serviceAccountName: app\n  containers: [{name: app, image: 'shop/app:1.0'}]\n",
        encoding="utf-8",
    )
    result = audit([tmp_path], Settings(rule_ids=("GDCC-K8S-012",)))
    app = next(f for f in result.findings if f.address == "Pod/shop/app")
    assert app.status is Status.FAIL
    assert app.message.en == "the service-account token is mounted (Kubernetes default)"
