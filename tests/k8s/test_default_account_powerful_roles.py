"""GDCC-GRAPH-011 took a role as powerful only when it was cluster-admin, admin, edit or
granted by wildcard: a ``default`` service account bound to a role that reads Secrets,
creates pods or may ``bind`` any ClusterRole PASSed "not bound to a powerful role", and so
did one bound to an aggregated ClusterRole whose permissions are not known. Each is a
privilege escalation risk of "Role Based Access Control Good Practices" (Kubernetes)."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

ROLES = {
    "secret-reader": '[{apiGroups: [""], resources: [secrets], verbs: [get, list]}]',
    "pod-maker": '[{apiGroups: [""], resources: [pods], verbs: [create]}]',
    "binder": "[{apiGroups: [rbac.authorization.k8s.io], resources: [clusterroles], "
    "verbs: [bind]}]",
    "config-reader": '[{apiGroups: [""], resources: [configmaps], verbs: [get]}]',
}


def _manifest() -> str:
    docs = []
    for name, rules in ROLES.items():
        docs.append(
            f"apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\n"
            f"metadata: {{name: {name}}}\nrules: {rules}\n"
        )
    docs.append(
        "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\n"
        "metadata: {name: team-admin}\n"
        "aggregationRule: {clusterRoleSelectors: [{matchLabels: {team/admin: 'true'}}]}\n"
        "rules: []\n"
    )
    for name in [*ROLES, "team-admin"]:
        docs.append(
            f"apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\n"
            f"metadata: {{name: default-{name}, namespace: shop}}\n"
            f"roleRef: {{apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, "
            f"name: {name}}}\n"
            f"subjects: [{{kind: ServiceAccount, name: default, namespace: shop}}]\n"
        )
    return "---\n".join(docs)


def test_a_default_account_bound_to_an_escalation_risk_fails(tmp_path: Path) -> None:
    (tmp_path / "rbac.yaml").write_text(_manifest(), encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-011",)))
    found = {f.address: (f.status, f.message.en) for f in result.findings}
    prefix = "the default service account is bound to the powerful role"
    assert found == {
        "RoleBinding/shop/default-secret-reader": (
            Status.FAIL, f"{prefix} secret-reader: it can read Secrets"
        ),
        "RoleBinding/shop/default-pod-maker": (
            Status.FAIL,
            f"{prefix} pod-maker: it can run pods as any service account of its namespace",
        ),
        "RoleBinding/shop/default-binder": (
            Status.FAIL,
            f"{prefix} binder: it can raise its own privileges (escalate, bind or impersonate)",
        ),
        "RoleBinding/shop/default-team-admin": (
            Status.UNKNOWN,
            "the permissions of role team-admin are not known: an aggregated ClusterRole: the "
            "control plane replaces its rules with those of every ClusterRole of the cluster "
            "its aggregationRule selects; no ClusterRole of the scan is labelled team/admin=true",
        ),
        "RoleBinding/shop/default-config-reader": (
            Status.PASS, "The default service account is not bound to a powerful role"
        ),
    }


def test_a_default_account_that_may_take_an_escalation_path_fails(tmp_path: Path) -> None:
    """A ClusterRole that mints service account tokens or controls admission webhooks
    (GDCC-K8S-022) bound to ``default`` PASSed; through a RoleBinding the cluster-scoped
    webhooks are not granted (a RoleBinding grants nothing outside its namespace)."""
    roles = (
        "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\n"
        "metadata: {name: token-maker}\n"
        'rules: [{apiGroups: [""], resources: [serviceaccounts/token], verbs: [create]}]\n'
        "---\napiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\n"
        "metadata: {name: webhook-admin}\n"
        "rules: [{apiGroups: [admissionregistration.k8s.io], "
        "resources: [mutatingwebhookconfigurations], verbs: [patch]}]\n"
    )
    bindings = "".join(
        f"---\napiVersion: rbac.authorization.k8s.io/v1\nkind: {kind}\n"
        f"metadata: {{name: default-{role}{'' if kind == 'RoleBinding' else '-all'}, "
        "namespace: shop}\n"
        f"roleRef: {{apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: {role}}}\n"
        "subjects: [{kind: ServiceAccount, name: default, namespace: shop}]\n"
        for kind, role in (("RoleBinding", "token-maker"), ("RoleBinding", "webhook-admin"),
                           ("ClusterRoleBinding", "webhook-admin"))
    )
    (tmp_path / "rbac.yaml").write_text(roles + bindings, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-011",)))
    found = {f.address: (f.status, f.message.en) for f in result.findings}
    path = ("it opens a privilege escalation path (admission webhooks, certificate approval, "
            "nodes/proxy, service account tokens or PersistentVolumes)")
    prefix = "the default service account is bound to the powerful role"
    assert found == {
        "RoleBinding/shop/default-token-maker": (Status.FAIL, f"{prefix} token-maker: {path}"),
        "RoleBinding/shop/default-webhook-admin": (
            Status.PASS, "The default service account is not bound to a powerful role"
        ),
        "ClusterRoleBinding/default-webhook-admin-all": (
            Status.FAIL, f"{prefix} webhook-admin: {path}"
        ),
    }
