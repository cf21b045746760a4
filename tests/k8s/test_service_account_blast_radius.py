"""A Kubernetes ServiceAccount holds the roles its bindings name: GDCC-GRAPH-006 ("a workload
identity's permissions stay within its own system") follows each RoleBinding /
ClusterRoleBinding that names the account to its role. An account bound to a ClusterRole with
``*`` on ``*`` was PASS "reaches 0 resources" (argo-cd's application controller and server).
A wildcard Role held through a RoleBinding reaches its namespace only. A binding that names
``argocd/ServiceAccount/x`` finds the account ``x`` whose manifest writes no namespace (it
lands where it is applied, as argo-cd's install.yaml is applied with ``-n argocd``)."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.normalize.absent import SERVICE_ACCOUNT_GRANTS
from gdcc_audit.settings import Settings

WILDCARD = "rules:\n- {apiGroups: ['*'], resources: ['*'], verbs: ['*']}\n"
READER = "rules:\n- {apiGroups: [''], resources: [configmaps], verbs: [get]}\n"

MANIFESTS = f"""\
apiVersion: v1
kind: ServiceAccount
metadata: {{name: admin, namespace: ops}}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {{name: everything}}
{WILDCARD}---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {{name: admin}}
roleRef: {{apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: everything}}
subjects:
- {{kind: ServiceAccount, name: admin, namespace: ops}}
---
apiVersion: v1
kind: ServiceAccount
metadata: {{name: local, namespace: team}}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {{name: all-here, namespace: team}}
{WILDCARD}---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {{name: local, namespace: team}}
roleRef: {{apiGroup: rbac.authorization.k8s.io, kind: Role, name: all-here}}
subjects:
- {{kind: ServiceAccount, name: local, namespace: team}}
---
apiVersion: v1
kind: ConfigMap
metadata: {{name: settings, namespace: team}}
---
apiVersion: v1
kind: ServiceAccount
metadata: {{name: reader, namespace: team}}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {{name: read-config, namespace: team}}
{READER}---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {{name: reader, namespace: team}}
roleRef: {{apiGroup: rbac.authorization.k8s.io, kind: Role, name: read-config}}
subjects:
- {{kind: ServiceAccount, name: reader, namespace: team}}
"""

UNPLACED = f"""\
apiVersion: v1
kind: ServiceAccount
metadata: {{name: controller}}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {{name: controller}}
{WILDCARD}---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {{name: controller}}
roleRef: {{apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: controller}}
subjects:
- {{kind: ServiceAccount, name: controller, namespace: argocd}}
"""


def _graph006(tmp_path: Path, text: str) -> dict[str, tuple[Status, str, dict[str, object]]]:
    (tmp_path / "rbac.yaml").write_text(text, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-006",)))
    return {
        f.address: (f.status, f.message.en, f.evidence)
        for f in result.findings
        if f.provider_type == "ServiceAccount"
    }


def test_service_accounts_hold_the_roles_their_bindings_name(tmp_path: Path) -> None:
    found = _graph006(tmp_path, MANIFESTS)
    # 10 objects: every kubernetes resource of the scan
    assert found["ServiceAccount/ops/admin"] == (
        Status.FAIL,
        "a wildcard or administrator permission reaches all 10 kubernetes resources",
        {"reaches_resources": 10, "reaches_systems": []},
    )
    # the 7 objects of namespace team: 2 accounts, 2 roles, 2 bindings and the ConfigMap
    assert found["ServiceAccount/team/local"] == (
        Status.FAIL,
        "a wildcard or administrator role reaches all 7 resources of namespace team",
        {"reaches_resources": 7, "reaches_systems": [], "namespaces": ["team"]},
    )
    # a role without wildcards: only the role itself is reached
    assert found["ServiceAccount/team/reader"] == (
        Status.PASS,
        "A workload identity's permissions stay within its own system",
        {"reaches_resources": 1, "reaches_systems": []},
    )


def test_a_binding_finds_an_account_written_without_namespace(tmp_path: Path) -> None:
    found = _graph006(tmp_path, UNPLACED)
    assert found == {
        "ServiceAccount/default/controller": (
            Status.FAIL,
            "a wildcard or administrator permission reaches all 3 kubernetes resources",
            {"reaches_resources": 3, "reaches_systems": []},
        )
    }


def test_iam_005_judges_the_roles_not_the_account(tmp_path: Path) -> None:
    """GDCC-IAM-005 was UNKNOWN "wildcard_permissions is not known" on every ServiceAccount
    (83 in argo-cd's manifests): an account has no rules of its own; its roles are judged."""
    (tmp_path / "rbac.yaml").write_text(MANIFESTS, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-IAM-005",)))
    found = {f.address: (f.status, f.message.en) for f in result.findings}
    reason = f"does not apply to ServiceAccount: {SERVICE_ACCOUNT_GRANTS.en}"
    for account in ("ServiceAccount/ops/admin", "ServiceAccount/team/local"):
        assert found[account] == (Status.NOT_APPLICABLE, reason)
    assert found["ClusterRole/everything"] == (
        Status.FAIL,
        "it grants permissions by wildcard",
    )
    assert found["Role/team/read-config"][0] == Status.PASS


AGGREGATED = """\
apiVersion: v1
kind: ServiceAccount
metadata: {name: monitor, namespace: ops}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: monitoring}
aggregationRule:
  clusterRoleSelectors:
  - matchLabels: {rbac.example.com/aggregate-to-monitoring: "true"}
rules: []
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: monitor}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: monitoring}
subjects:
- {kind: ServiceAccount, name: monitor, namespace: ops}
"""


def test_an_aggregated_role_leaves_the_reach_unknown(tmp_path: Path) -> None:
    """An aggregated ClusterRole's rules are filled by the control plane from other roles:
    what an account bound to it holds is not known (never PASS "reaches 1 resource")."""
    assert _graph006(tmp_path, AGGREGATED) == {
        "ServiceAccount/ops/monitor": (
            Status.UNKNOWN,
            "the permissions of ClusterRole/monitoring are not known from the input",
            {
                "reaches_resources": 1,
                "reaches_systems": [],
                "permissions_not_known": ["ClusterRole/monitoring"],
            },
        )
    }
