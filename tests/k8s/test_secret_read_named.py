"""GDCC-K8S-016 and a role that reads only the Secrets it names (``resourceNames``): get,
list and watch then return those Secrets alone (list and watch need a metadata.name field
selector matching a listed name; "Using RBAC Authorization", Referring to resources), not
every Secret of the namespace. cert-manager's ``cert-manager-webhook:dynamic-serving`` Role
(its own CA Secret), argo-cd's ``redis-secret-init`` Role and argo-workflows' controller
(one CA Secret) FAILed "the role can read Secrets"; now PASS. A rule without names beside
them or an empty ``resourceNames`` still FAIL; names hold for a wildcard resource too. The
PASS names the Secrets (``decided_by``).
"""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

MANIFESTS = """\
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: cert-manager-webhook:dynamic-serving
  namespace: cert-manager
rules:
- apiGroups: [""]
  resources: ["secrets"]
  resourceNames: ["cert-manager-webhook-ca"]
  verbs: ["get", "list", "watch", "update"]
# It's not possible to grant CREATE permission on a single resourceName.
- apiGroups: [""]
  resources: ["secrets"]
  verbs: ["create"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: named-and-all
  namespace: cert-manager
rules:
- apiGroups: [""]
  resources: ["secrets"]
  resourceNames: ["cert-manager-webhook-ca"]
  verbs: ["get"]
- apiGroups: [""]
  resources: ["secrets"]
  verbs: ["list"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: empty-names
  namespace: cert-manager
rules:
- apiGroups: [""]
  resources: ["secrets"]
  resourceNames: []
  verbs: ["get"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: everything-named
rules:
- apiGroups: ["*"]
  resources: ["*"]
  resourceNames: ["x"]
  verbs: ["get"]
"""

TERRAFORM = """\
resource "kubernetes_role_v1" "named" {
  metadata {
    name      = "redis-secret-init"
    namespace = "argocd"
  }
  rule {
    api_groups     = [""]
    resources      = ["secrets"]
    resource_names = ["argocd-redis"]
    verbs          = ["get"]
  }
}

resource "kubernetes_role_v1" "all" {
  metadata {
    name      = "reader"
    namespace = "argocd"
  }
  rule {
    api_groups = [""]
    resources  = ["secrets"]
    verbs      = ["get"]
  }
}
"""


def test_roles_reading_named_secrets(tmp_path: Path) -> None:
    (tmp_path / "rbac.yaml").write_text(MANIFESTS)
    (tmp_path / "main.tf").write_text(TERRAFORM)
    result = audit([tmp_path], Settings(rule_ids=("GDCC-K8S-016",)))
    found = {f.address: (f.status, f.evidence) for f in result.findings}
    assert found == {
        "Role/cert-manager/cert-manager-webhook:dynamic-serving": (
            Status.PASS, _named("cert-manager-webhook-ca")),
        "Role/cert-manager/named-and-all": (Status.FAIL, {"reads_secrets": True}),
        "Role/cert-manager/empty-names": (Status.FAIL, {"reads_secrets": True}),
        "ClusterRole/everything-named": (Status.PASS, _named("x")),
        "kubernetes_role_v1.named": (Status.PASS, _named("argocd-redis")),
        "kubernetes_role_v1.all": (Status.FAIL, {"reads_secrets": True}),
    }
    passed = next(f for f in result.findings if f.address == "kubernetes_role_v1.named")
    assert passed.message.en == (
        "Roles do not let their holders read Secrets (it reads only the Secrets its rules "
        "name in resourceNames: argocd-redis)")
    assert passed.message.th is not None
    assert "อ่านได้เฉพาะ Secret ที่ rules ระบุชื่อไว้ใน resourceNames: argocd-redis" in (
        passed.message.th)


def _named(names: str) -> dict[str, object]:
    return {"reads_secrets": False, "decided_by": {
        "reads_secrets": f"it reads only the Secrets its rules name in resourceNames: {names}"}}
