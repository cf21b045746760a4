"""GDCC-GRAPH-006 on service accounts bound to roles the scan does not hold. Built-in
ClusterRoles are documented ("Using RBAC Authorization", Default roles and role bindings):
``cluster-admin`` is every permission on every object, ``admin`` and ``edit`` read and write
most objects of a namespace (Secrets included), ``view`` reads no Secret. An account bound to
cluster-admin passed "reaches 0 resources" (flux's kustomize-controller and helm-controller
are bound so); one bound to a role of another name that the scan does not hold passed too
(its permissions are not known: UNKNOWN)."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.settings import Settings

BINDINGS = """\
apiVersion: v1
kind: ServiceAccount
metadata: {name: deployer, namespace: ci}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: deployer}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
subjects:
- {kind: ServiceAccount, name: deployer, namespace: ci}
---
apiVersion: v1
kind: ServiceAccount
metadata: {name: owner, namespace: ci}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: owner, namespace: ci}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: admin}
subjects:
- {kind: ServiceAccount, name: owner, namespace: ci}
---
apiVersion: v1
kind: ServiceAccount
metadata: {name: reader, namespace: ci}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: reader}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
subjects:
- {kind: ServiceAccount, name: reader, namespace: ci}
---
apiVersion: v1
kind: ServiceAccount
metadata: {name: custom, namespace: ci}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: custom, namespace: ci}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: not-here}
subjects:
- {kind: ServiceAccount, name: custom, namespace: ci}
"""


def test_built_in_and_unscanned_roles(tmp_path: Path) -> None:
    (tmp_path / "rbac.yaml").write_text(BINDINGS, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-006",)))
    found = {f.address: (f.status.value, f.message.en, f.evidence) for f in result.findings}
    assert found == {
        "ServiceAccount/ci/deployer": (
            "FAIL",
            "a wildcard or administrator permission reaches all 8 kubernetes resources",
            {"reaches_resources": 8, "reaches_systems": []},
        ),
        # admin through a RoleBinding: every object of its namespace (4 accounts, 2 bindings)
        "ServiceAccount/ci/owner": (
            "FAIL",
            "a wildcard or administrator role reaches all 6 resources of namespace ci",
            {"reaches_resources": 6, "reaches_systems": [], "namespaces": ["ci"]},
        ),
        "ServiceAccount/ci/reader": (
            "PASS",
            "A workload identity's permissions stay within its own system",
            {"reaches_resources": 0, "reaches_systems": []},
        ),
        "ServiceAccount/ci/custom": (
            "UNKNOWN",
            "the permissions of Role/ci/not-here are not known from the input",
            {"reaches_resources": 0, "reaches_systems": [],
             "permissions_not_known": ["Role/ci/not-here"]},
        ),
    }
