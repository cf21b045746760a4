"""GDCC-K8S-018 and the PodSecurityPolicy pattern of clusters before Kubernetes 1.25: a binding
that gives ``system:authenticated`` a role of the scan whose every rule only lets it ``use``
PodSecurityPolicies grants no right on its own (it FAILed since the group was judged); a role
that also grants anything else, or a role not in the scan, still FAILs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

RBAC = """\
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: "psp:restricted"}
rules:
- {apiGroups: [policy], resources: [podsecuritypolicies], verbs: [use], resourceNames: [restricted]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: "default:restricted"}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: "psp:restricted"}
subjects: [{kind: Group, name: "system:authenticated", apiGroup: rbac.authorization.k8s.io}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: "psp:and-more"}
rules:
- {apiGroups: [policy], resources: [podsecuritypolicies], verbs: [use]}
- {apiGroups: [""], resources: [configmaps], verbs: [get, list]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: "default:and-more"}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: "psp:and-more"}
subjects: [{kind: Group, name: "system:authenticated", apiGroup: rbac.authorization.k8s.io}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: "default:elsewhere"}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: "psp:not-in-scan"}
subjects: [{kind: Group, name: "system:authenticated", apiGroup: rbac.authorization.k8s.io}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: "anonymous:restricted"}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: "psp:restricted"}
subjects: [{kind: User, name: "system:anonymous", apiGroup: rbac.authorization.k8s.io}]
"""


def _audit(tmp_path: Path) -> dict[str, tuple[Status, dict[str, Any]]]:
    (tmp_path / "rbac.yaml").write_text(RBAC)
    result = audit([tmp_path], Settings(rule_ids=("GDCC-K8S-018",)))
    return {f.address or "": (f.status, f.evidence) for f in result.findings}


def test_authenticated_bound_to_a_policy_use_role(tmp_path: Path) -> None:
    found = _audit(tmp_path)
    status, evidence = found["ClusterRoleBinding/default:restricted"]
    assert status is Status.PASS
    assert evidence["public_access"] is False
    assert evidence["decided_by"] == {
        "public_access": "system:authenticated gets ClusterRole/psp:restricted, which only "
        "lets it use PodSecurityPolicies: that grants no right on its own"
    }
    assert found["ClusterRoleBinding/default:and-more"] == (Status.FAIL, {
        "public_access": True,
        "granted_by": ["Group system:authenticated bound to ClusterRole psp:and-more"],
    })
    assert found["ClusterRoleBinding/default:elsewhere"] == (Status.FAIL, {
        "public_access": True,
        "granted_by": ["Group system:authenticated bound to ClusterRole psp:not-in-scan"],
    })
    # the anonymous user fails whatever the role (unchanged)
    assert found["ClusterRoleBinding/anonymous:restricted"] == (Status.FAIL, {
        "public_access": True,
        "granted_by": ["User system:anonymous bound to ClusterRole psp:restricted"],
    })
