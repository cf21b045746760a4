"""GDCC-GRAPH-006 on Kubernetes service accounts: what their roles' verbs let them become.

"Since Pods can run as any ServiceAccount, granting permission to create workloads also
implicitly grants the API access levels of any service account in that namespace" (RBAC good
practices, Workload creation): an account allowed to create pods in ``team`` acts as every
account of ``team`` (one bound to cluster-admin: FAIL; it was PASS "reaches 1 resources").
Through a RoleBinding to a ClusterRole, only the binding's namespace. ``escalate`` / ``bind`` /
``impersonate`` let the holder give itself any permission of its scope: a wildcard role's
verdict (was PASS). Reading pods and their logs runs nothing: PASS.
"""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

MANIFESTS = """\
apiVersion: v1
kind: ServiceAccount
metadata: {name: deployer, namespace: team}
---
apiVersion: v1
kind: ServiceAccount
metadata: {name: operator, namespace: team}
---
apiVersion: v1
kind: ServiceAccount
metadata: {name: binder, namespace: team}
---
apiVersion: v1
kind: ServiceAccount
metadata: {name: reader, namespace: team}
---
apiVersion: v1
kind: ServiceAccount
metadata: {name: builder, namespace: other}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: pod-maker, namespace: team}
rules:
  - {apiGroups: [""], resources: [pods], verbs: [create, get]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: binder, namespace: team}
rules:
  - {apiGroups: [rbac.authorization.k8s.io], resources: [roles], verbs: [bind]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: reader, namespace: team}
rules:
  - {apiGroups: [""], resources: [pods, pods/log], verbs: [get, list]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: deployer, namespace: team}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: pod-maker}
subjects: [{kind: ServiceAccount, name: deployer, namespace: team}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: operator}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
subjects: [{kind: ServiceAccount, name: operator, namespace: team}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: binder, namespace: team}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: binder}
subjects: [{kind: ServiceAccount, name: binder, namespace: team}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: reader, namespace: team}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: reader}
subjects: [{kind: ServiceAccount, name: reader, namespace: team}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: builder, namespace: other}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: pod-maker-everywhere}
subjects: [{kind: ServiceAccount, name: builder, namespace: other}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: pod-maker-everywhere}
rules:
  - {apiGroups: [apps], resources: [deployments], verbs: [patch]}
---
apiVersion: v1
kind: ServiceAccount
metadata: {name: worker, namespace: other}
"""

PASSED = "A workload identity's permissions stay within its own system"


def test_service_accounts_act_as_what_their_verbs_allow(tmp_path: Path) -> None:
    (tmp_path / "rbac.yaml").write_text(MANIFESTS, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-006",)))
    found = {f.address: (f.status, f.message.en, f.evidence) for f in result.findings}
    everything = "a wildcard or administrator permission reaches all 15 kubernetes resources"
    assert found == {
        "ServiceAccount/team/operator": (
            Status.FAIL, everything, {"reaches_resources": 15, "reaches_systems": []},
        ),
        "ServiceAccount/team/deployer": (
            Status.FAIL, everything,
            {"reaches_resources": 15, "reaches_systems": [],
             "acts_as": ["ServiceAccount/team/binder", "ServiceAccount/team/operator",
                         "ServiceAccount/team/reader"]},
        ),
        "ServiceAccount/team/binder": (
            # not a wildcard: the grant that lets it bind itself any role of its namespace
            Status.FAIL, "a privilege escalation grant (bind on roles), which lets the holder "
            "give itself any permission, reaches all 10 resources of namespace team",
            {"reaches_resources": 10, "reaches_systems": [], "escalations": ["bind on roles"],
             "namespaces": ["team"]},
        ),
        "ServiceAccount/team/reader": (
            Status.PASS, PASSED, {"reaches_resources": 1, "reaches_systems": []},
        ),
        # patch on deployments through a RoleBinding: the accounts of its namespace only
        "ServiceAccount/other/builder": (
            Status.PASS, PASSED,
            {"reaches_resources": 2, "reaches_systems": [],
             "acts_as": ["ServiceAccount/other/worker"]},
        ),
        "ServiceAccount/other/worker": (
            Status.PASS, PASSED, {"reaches_resources": 0, "reaches_systems": []},
        ),
    }
