"""GDCC-K8S-015 on a RoleBinding to cluster-admin: "a RoleBinding may reference ... a
ClusterRole and bind that ClusterRole to the namespace of the RoleBinding" (Using RBAC
Authorization), so the subject gets every permission in that namespace only. The finding
said "binds the cluster-admin role" as for a ClusterRoleBinding (the whole cluster); it now
names the namespace and what the grant is. Both still FAIL."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.settings import Settings

BINDINGS = """\
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: ci-admin, namespace: shop}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
subjects: [{kind: ServiceAccount, name: ci, namespace: shop}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: ci-cluster-admin}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
subjects: [{kind: ServiceAccount, name: ci, namespace: shop}]
"""


def test_a_namespace_binding_names_its_namespace(tmp_path: Path) -> None:
    (tmp_path / "rbac.yaml").write_text(BINDINGS, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-K8S-015",)))
    found = {f.address: (f.status.value, f.message.en, f.message.th) for f in result.findings}
    assert found["RoleBinding/shop/ci-admin"] == (
        "FAIL",
        "binds the cluster-admin role in namespace shop (a RoleBinding: every permission on "
        "the objects of that namespace, its Secrets, roles and bindings included)",
        "ผูกบทบาท cluster-admin ใน namespace shop (RoleBinding: ทุกสิทธิ์บนออบเจกต์ของ "
        "namespace นั้น รวมทั้ง Secret, role และ binding)",
    )
    assert found["ClusterRoleBinding/ci-cluster-admin"][:2] == (
        "FAIL", "binds the cluster-admin role"
    )
