"""Impersonating an extra field of the impersonated user: RBAC checks resource ``userextras``
with the field's key as subresource (``userextras/scopes``, the example role of "User
impersonation", Authenticating). ``impersonate`` on ``userextras/scopes`` was not read
(GDCC-K8S-019 named only the role's other grants, a role granting it alone PASSed), and one
on ``userextras`` alone, which matches no request, FAILed. An extra field, or a UID, is sent
only beside an impersonated user (a grant of its own): alone, GDCC-GRAPH-006 does not take it
for "any permission of its scope"."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.settings import Settings

ROLES = """\
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: scopes}
rules:
- apiGroups: [authentication.k8s.io]
  resources: [userextras/scopes, uids]
  verbs: [impersonate]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: users-and-scopes}
rules:
- apiGroups: [""]
  resources: [users]
  resourceNames: [jane.doe@example.com]
  verbs: [impersonate]
- apiGroups: [authentication.k8s.io]
  resources: ["*/scopes"]
  verbs: [impersonate]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: bare-extras}
rules:
- apiGroups: [authentication.k8s.io]
  resources: [userextras]
  verbs: [impersonate]
---
apiVersion: v1
kind: ServiceAccount
metadata: {name: holder, namespace: a}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: holder}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: scopes}
subjects: [{kind: ServiceAccount, name: holder, namespace: a}]
"""


def test_impersonating_extra_fields(tmp_path: Path) -> None:
    (tmp_path / "rbac.yaml").write_text(ROLES, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-K8S-019", "GDCC-GRAPH-006")))
    found = {(f.address, f.rule_id): (f.status.value, f.evidence) for f in result.findings}
    assert found[("ClusterRole/scopes", "GDCC-K8S-019")] == (
        "FAIL", {"rbac_escalation": ["impersonate on uids", "impersonate on userextras/scopes"]}
    )
    assert found[("ClusterRole/users-and-scopes", "GDCC-K8S-019")] == (
        "FAIL",
        {"rbac_escalation": [
            "impersonate on */scopes", "impersonate on users named jane.doe@example.com"
        ]},
    )
    assert found[("ClusterRole/bare-extras", "GDCC-K8S-019")] == (
        "PASS", {"rbac_escalation": []}
    )
    status, evidence = found[("ServiceAccount/a/holder", "GDCC-GRAPH-006")]
    assert status == "PASS"
    assert evidence["reaches_resources"] == 1
