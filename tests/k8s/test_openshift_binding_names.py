"""An OpenShift binding (``authorization.openshift.io/v1``) that writes ``userNames`` /
``groupNames`` grants its role to them, ``subjects`` then ignored (OpenShift API,
RoleBinding [authorization.openshift.io/v1]). They were not read: a binding of the
unauthenticated group PASSed GDCC-K8S-018, one of a namespace's ``default`` service account
(``system:serviceaccount:<ns>:default``) PASSed GDCC-K8S-017 (wrong PASSes)."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

BINDINGS = """\
apiVersion: authorization.openshift.io/v1
kind: RoleBinding
metadata: {name: public-view, namespace: shop}
roleRef: {name: view}
groupNames: ["system:unauthenticated"]
subjects: [{kind: Group, name: devs}]
userNames: null
---
apiVersion: authorization.openshift.io/v1
kind: ClusterRoleBinding
metadata: {name: default-edit}
roleRef: {name: edit}
userNames: ["system:serviceaccount:shop:default", alice]
---
apiVersion: authorization.openshift.io/v1
kind: RoleBinding
metadata: {name: devs, namespace: shop}
roleRef: {name: edit}
subjects: [{kind: Group, name: devs}]
"""


def test_openshift_user_and_group_names(tmp_path: Path) -> None:
    (tmp_path / "rbac.yaml").write_text(BINDINGS, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-K8S-017", "GDCC-K8S-018")))
    found = {(f.rule_id, f.address): (f.status, f.evidence) for f in result.findings}
    assert found == {
        ("GDCC-K8S-018", "RoleBinding/shop/public-view"): (Status.FAIL, {
            "public_access": True,
            "granted_by": ["Group system:unauthenticated bound to ClusterRole view"],
        }),
        ("GDCC-K8S-017", "RoleBinding/shop/public-view"): (
            Status.PASS, {"binds_default_service_account": False}),
        ("GDCC-K8S-018", "ClusterRoleBinding/default-edit"): (
            Status.PASS, {"public_access": False}),
        ("GDCC-K8S-017", "ClusterRoleBinding/default-edit"): (
            Status.FAIL, {"binds_default_service_account": True}),
        ("GDCC-K8S-018", "RoleBinding/shop/devs"): (Status.PASS, {"public_access": False}),
        ("GDCC-K8S-017", "RoleBinding/shop/devs"): (
            Status.PASS, {"binds_default_service_account": False}),
    }
