"""escalate / bind / impersonate limited by ``resourceNames`` (Using RBAC Authorization: a
rule naming objects applies to those objects only). GDCC-K8S-019 still FAILs the role (its
holder may act beyond its own rules) and now names the objects ("impersonate on
serviceaccounts named ci"). GDCC-GRAPH-006 took every such grant for "any permission of its
scope": an account allowed to impersonate one powerless service account, or to bind the
``view`` role only, FAILed "a privilege escalation grant (impersonate on serviceaccounts),
which lets the holder give itself any permission, reaches all N resources". It now acts as
the accounts it may impersonate (as with a token of theirs) and holds the roles it may bind:
a role of the scan as its rules say, ``cluster-admin`` / ``admin`` / ``edit`` everything of
the scope, a role neither in the scan nor built in not known."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.settings import Settings

HEAD = """\
apiVersion: v1
kind: Secret
metadata: {name: s, namespace: a}
---
apiVersion: v1
kind: ServiceAccount
metadata: {name: ci, namespace: a}
---
apiVersion: v1
kind: ServiceAccount
metadata: {name: holder, namespace: a}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: holder, namespace: a}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: limited}
subjects: [{kind: ServiceAccount, name: holder, namespace: a}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: limited}
rules:
"""

ADMIN_CI = """\
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: ci-admin, namespace: a}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: admin}
subjects: [{kind: ServiceAccount, name: ci, namespace: a}]
"""

WILD = """\
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: wild}
rules:
- apiGroups: ["*"]
  resources: ["*"]
  verbs: ["*"]
"""


def _holder(tmp_path: Path, rules: str, more: str = "") -> tuple[str, str, dict[str, object]]:
    tmp_path.mkdir(exist_ok=True)
    (tmp_path / "rbac.yaml").write_text(HEAD + rules + more, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-006",)))
    found = next(f for f in result.findings if f.address == "ServiceAccount/a/holder")
    return found.status.value, found.message.en, dict(found.evidence)


IMPERSONATE_CI = """\
- apiGroups: [""]
  resources: [serviceaccounts]
  resourceNames: [ci]
  verbs: [impersonate]
"""


def test_impersonating_a_powerless_account_passes(tmp_path: Path) -> None:
    status, _, evidence = _holder(tmp_path, IMPERSONATE_CI)
    assert status == "PASS"
    assert evidence["acts_as"] == ["ServiceAccount/a/ci"]


def test_impersonating_an_admin_account_reaches_its_namespace(tmp_path: Path) -> None:
    status, message, evidence = _holder(tmp_path, IMPERSONATE_CI, ADMIN_CI)
    assert (status, message) == (
        "FAIL", "a wildcard or administrator role reaches all 6 resources of namespace a"
    )
    assert evidence["acts_as"] == ["ServiceAccount/a/ci"]


def _bind(name: str) -> str:
    return (
        "- apiGroups: [rbac.authorization.k8s.io]\n  resources: [clusterroles]\n"
        f"  resourceNames: [{name}]\n  verbs: [bind]\n"
    )


def test_binding_view_only_passes(tmp_path: Path) -> None:
    assert _holder(tmp_path, _bind("view"))[0] == "PASS"


def test_binding_a_wildcard_role_of_the_scan_or_admin_fails(tmp_path: Path) -> None:
    assert _holder(tmp_path / "w", _bind("wild"), WILD)[:2] == (
        "FAIL", "a wildcard or administrator role reaches all 6 resources of namespace a"
    )
    # (the scan has one object fewer: no ClusterRole wild)
    assert _holder(tmp_path / "c", _bind("cluster-admin"))[:2] == (
        "FAIL", "a wildcard or administrator role reaches all 5 resources of namespace a"
    )


def test_binding_a_role_not_in_the_scan_is_not_known(tmp_path: Path) -> None:
    status, message, _ = _holder(tmp_path, _bind("ops-tools"))
    assert (status, message) == (
        "UNKNOWN", "the permissions of ClusterRole/ops-tools are not known from the input"
    )


def test_an_unlimited_grant_is_still_everything(tmp_path: Path) -> None:
    status, message, _ = _holder(
        tmp_path,
        '- apiGroups: [""]\n  resources: [serviceaccounts]\n  verbs: [impersonate]\n',
    )
    assert (status, message) == (
        "FAIL",
        "a privilege escalation grant (impersonate on serviceaccounts), which lets the holder "
        "give itself any permission, reaches all 5 resources of namespace a",
    )


def test_the_role_s_finding_names_the_objects(tmp_path: Path) -> None:
    (tmp_path / "rbac.yaml").write_text(HEAD + IMPERSONATE_CI + _bind("view"), encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-K8S-019",)))
    [found] = [f for f in result.findings if f.address == "ClusterRole/limited"]
    assert (found.status.value, found.message.en) == (
        "FAIL",
        "grants that let the holder raise its privileges: bind on clusterroles named view, "
        "impersonate on serviceaccounts named ci",
    )
