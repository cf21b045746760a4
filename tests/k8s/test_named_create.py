"""A rule that lists ``resourceNames`` grants no ``create`` (nor ``deletecollection``) of
those objects: "You cannot restrict create or deletecollection requests by their resource
name. For create, this limitation is because the name of the new object may not be known at
authorization time" (Using RBAC Authorization, Referring to resources). Gatekeeper's
manager ClusterRole writes create, delete, patch, update on
``validatingwebhookconfigurations`` named ``gatekeeper-validating-webhook-configuration``:
GDCC-K8S-022 listed "create on validatingwebhookconfigurations named ..." among its paths,
and a role whose only grant was such a create FAILed (and its holders' blast radius,
GDCC-GRAPH-006, reached everything through "a mutating webhook"). On a subresource the
request carries the object's name (``serviceaccounts/token`` of a named account): still a
grant."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.normalize.kubernetes.mapper import role_facets
from gdcc_audit.settings import Settings

ROLES = """\
apiVersion: v1
kind: ServiceAccount
metadata: {name: installer, namespace: ops}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: own-webhook}
rules:
- apiGroups: [admissionregistration.k8s.io]
  resources: [validatingwebhookconfigurations]
  resourceNames: [my-validating-webhook]
  verbs: [create, delete, patch, update]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: create-named-only}
rules:
- apiGroups: [admissionregistration.k8s.io]
  resources: [mutatingwebhookconfigurations]
  resourceNames: [my-mutating-webhook]
  verbs: [create, deletecollection]
- apiGroups: [""]
  resources: [persistentvolumes]
  resourceNames: [data]
  verbs: [create]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: installer}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: create-named-only}
subjects: [{kind: ServiceAccount, name: installer, namespace: ops}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: token-of-one, namespace: ops}
rules:
- apiGroups: [""]
  resources: [serviceaccounts/token]
  resourceNames: [builder]
  verbs: [create]
"""


def _findings(tmp_path: Path, rule: str) -> dict[str, tuple[str, str]]:
    (tmp_path / "roles.yaml").write_text(ROLES, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=(rule,)))
    return {f.address: (f.status.value, f.message.en) for f in result.findings}


def test_a_named_create_is_no_escalation_path(tmp_path: Path) -> None:
    found = _findings(tmp_path, "GDCC-K8S-022")
    assert found["ClusterRole/create-named-only"][0] == "PASS"
    # gatekeeper's shape: the delete / patch / update of its own webhook remain
    assert found["ClusterRole/own-webhook"] == (
        "FAIL",
        "grants that open a privilege escalation path: delete on "
        "validatingwebhookconfigurations named my-validating-webhook, patch on "
        "validatingwebhookconfigurations named my-validating-webhook, update on "
        "validatingwebhookconfigurations named my-validating-webhook",
    )
    # a subresource request carries the named account: a token for it may be made
    assert found["Role/ops/token-of-one"] == (
        "FAIL",
        "grants that open a privilege escalation path: create on serviceaccounts/token "
        "named builder",
    )


def test_a_named_create_reaches_nothing(tmp_path: Path) -> None:
    found = _findings(tmp_path, "GDCC-GRAPH-006")
    assert found["ServiceAccount/ops/installer"][0] == "PASS"


def test_a_named_pod_create_runs_no_workload() -> None:
    def runs(rule: dict[str, object]) -> bool:
        return bool(role_facets({"kind": "Role", "rules": [rule]})["runs_workloads"])

    assert not runs({"apiGroups": [""], "resources": ["pods"], "resourceNames": ["x"],
                     "verbs": ["create"]})
    assert runs({"apiGroups": [""], "resources": ["pods"], "verbs": ["create"]})
    # a named Deployment's pod template may be changed; a named pod may be exec'd into
    assert runs({"apiGroups": ["apps"], "resources": ["deployments"], "resourceNames": ["x"],
                 "verbs": ["patch"]})
    assert runs({"apiGroups": [""], "resources": ["pods/exec"], "resourceNames": ["x"],
                 "verbs": ["create"]})
