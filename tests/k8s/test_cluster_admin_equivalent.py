"""GDCC-K8S-015: a binding to a role of the scan that allows every verb on every resource of
every API group grants what cluster-admin grants. argo-cd's ClusterRoleBinding
``argocd-application-controller`` (its ClusterRole: ``*`` / ``*`` / ``*``) passed "No binding
grants cluster-admin". A role with wildcards on fewer axes is judged on the role (GDCC-IAM-005),
not here."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.settings import Settings

RBAC = """\
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: everything}
rules:
- apiGroups: ["*"]
  resources: ["*"]
  verbs: ["*"]
- nonResourceURLs: ["*"]
  verbs: ["*"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: core-only}
rules:
- apiGroups: [""]
  resources: ["*"]
  verbs: ["*"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: controller}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: everything}
subjects:
- {kind: ServiceAccount, name: controller, namespace: ops}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: core, namespace: ops}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: core-only}
subjects:
- {kind: ServiceAccount, name: controller, namespace: ops}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: elsewhere}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: not-scanned}
subjects:
- {kind: ServiceAccount, name: controller, namespace: ops}
"""


def test_bindings_to_roles_that_hold_every_permission(tmp_path: Path) -> None:
    (tmp_path / "rbac.yaml").write_text(RBAC, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-K8S-015",)))
    found = {f.address: (f.status.value, f.message.en, f.evidence) for f in result.findings}
    assert found == {
        "ClusterRoleBinding/controller": (
            "FAIL",
            "binds the role everything, which allows every verb on every resource of every "
            "API group, as cluster-admin does",
            {"role": "everything"},
        ),
        "RoleBinding/ops/core": (
            "PASS", "No binding grants cluster-admin", {"role": "core-only"}
        ),
        "ClusterRoleBinding/elsewhere": (
            "PASS", "No binding grants cluster-admin", {"role": "not-scanned"}
        ),
    }
