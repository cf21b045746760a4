"""A Role's wildcard confined to custom resources' API groups (``dex.coreos.com``: ``*``
verbs on ``*``) reaches those custom objects only. GDCC-GRAPH-006 took any wildcard as
reaching everything: dex's and kiali's service accounts FAILed "a wildcard or administrator
permission reaches all N kubernetes resources", and a role that also patches Deployments was
not followed to the service accounts its pods may run as. A wildcard in a group of the kinds
gdcc-audit reads, or of an escalation risk (admission webhooks...), still reaches all."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Finding, Status
from gdcc_audit.settings import Settings

BASE = """\
apiVersion: v1
kind: ServiceAccount
metadata: {name: dex, namespace: auth}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: dex}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: dex}
subjects: [{kind: ServiceAccount, name: dex, namespace: auth}]
---
apiVersion: v1
kind: ServiceAccount
metadata: {name: backup, namespace: auth}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: backup, namespace: auth}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: secret-reader}
subjects: [{kind: ServiceAccount, name: backup, namespace: auth}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: secret-reader}
rules: [{apiGroups: [""], resources: [secrets], verbs: [get]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: dex}
rules:
  - {apiGroups: [dex.coreos.com], resources: ["*"], verbs: ["*"]}
  - {apiGroups: [apps], resources: [deployments], verbs: [patch]}
"""


def _dex(tmp_path: Path, extra_rule: str = "") -> Finding:
    text = BASE + (f"  - {extra_rule}\n" if extra_rule else "")
    (tmp_path / "dex.yaml").write_text(text, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-006",)))
    return {f.address: f for f in result.findings}["ServiceAccount/auth/dex"]


def test_a_wildcard_on_custom_resources_reaches_them_only(tmp_path: Path) -> None:
    dex = _dex(tmp_path)
    assert dex.status is Status.FAIL
    # was "a wildcard or administrator permission reaches all 7 kubernetes resources"
    assert dex.message.en == (
        "it grants actions by wildcard on named resources: dex: * on * in dex.coreos.com"
    )
    # patching Deployments runs pods as any service account: followed (it was not)
    assert dex.evidence["acts_as"] == ["ServiceAccount/auth/backup"]


def test_a_wildcard_on_admission_webhooks_still_reaches_everything(tmp_path: Path) -> None:
    dex = _dex(
        tmp_path,
        '{apiGroups: [admissionregistration.k8s.io], resources: ["*"], verbs: ["*"]}',
    )
    assert dex.status is Status.FAIL
    assert dex.message.en.startswith(
        "a wildcard or administrator permission reaches all"
    )


def test_a_wildcard_on_gateway_api_routes_reaches_them_only(tmp_path: Path) -> None:
    """The Gateway API's kinds are read since stop 31 (routes publish Services), yet its
    group grants no identity: kiali's wildcard there stays "on named resources" (reading the
    kinds made it "reaches all 258 kubernetes resources")."""
    dex = _dex(
        tmp_path,
        '{apiGroups: [gateway.networking.k8s.io], resources: ["*"], verbs: ["*"]}',
    )
    assert dex.message.en == (
        "it grants actions by wildcard on named resources: dex: * on * in dex.coreos.com; "
        "dex: * on * in gateway.networking.k8s.io"
    )
