"""GDCC-GRAPH-006 follows the privilege escalation paths GDCC-K8S-022 names (RBAC good
practices) to what they let the holder become; they reached the role only, so each of these
accounts PASSed "reaches N resources":

- writing a mutating admission webhook rewrites every object the API server admits (pods,
  role bindings), and approving a client certificate signer's requests mints any identity
  (``system:masters`` too): every permission of the cluster, as escalate / bind are;
- the kubelet API (``nodes/proxy``) runs commands in every pod of the node, a node's client
  certificate reads what a node may: every service account of the cluster;
- ``create serviceaccounts/token`` acts as the accounts it names (all of its scope when it
  names none).

A validating webhook reads admitted objects but changes none (reading Secrets is not followed,
as a Secret reader's is not): the role only.
"""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.graph.kube import escalates_to_everything, escalation_accounts
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings


def _account(name: str, rule: str, cluster: bool = True) -> str:
    role, binding = ("ClusterRole", "ClusterRoleBinding") if cluster else ("Role", "RoleBinding")
    where = "" if cluster else ", namespace: team"
    return f"""\
---
apiVersion: v1
kind: ServiceAccount
metadata: {{name: {name}, namespace: team}}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: {role}
metadata: {{name: {name}{where}}}
rules: [{rule}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: {binding}
metadata: {{name: {name}{where}}}
roleRef: {{apiGroup: rbac.authorization.k8s.io, kind: {role}, name: {name}}}
subjects: [{{kind: ServiceAccount, name: {name}, namespace: team}}]
"""


MANIFESTS = "".join((
    # bound to cluster-admin: the account the others may become
    """\
apiVersion: v1
kind: ServiceAccount
metadata: {name: admin, namespace: kube-system}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: admin}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
subjects: [{kind: ServiceAccount, name: admin, namespace: kube-system}]
""",
    _account("injector", "{apiGroups: [admissionregistration.k8s.io], "
             "resources: [mutatingwebhookconfigurations], verbs: [get, patch]}"),
    _account("validator", "{apiGroups: [admissionregistration.k8s.io], "
             "resources: [validatingwebhookconfigurations], verbs: [get, update]}"),
    _account("kubelet", "{apiGroups: [''], resources: [nodes/proxy], verbs: [get]}"),
    _account("minter", "{apiGroups: [''], resources: [serviceaccounts/token], "
             "verbs: [create], resourceNames: [helper]}", cluster=False),
    """\
---
apiVersion: v1
kind: ServiceAccount
metadata: {name: helper, namespace: team}
""",
))

EVERYTHING = "a wildcard or administrator permission reaches all 15 kubernetes resources"


def test_escalation_paths_reach_what_they_let_the_holder_become(tmp_path: Path) -> None:
    (tmp_path / "rbac.yaml").write_text(MANIFESTS, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-006",)))
    found = {f.address: (f.status, f.message.en, f.evidence.get("acts_as"))
             for f in result.findings}
    # the message names the grant, not a wildcard it does not hold
    assert found["ServiceAccount/team/injector"] == (
        Status.FAIL,
        "a privilege escalation grant (patch on mutatingwebhookconfigurations), which lets "
        "the holder give itself any permission, reaches all 15 kubernetes resources",
        None,
    )
    # every account of the cluster, cluster-admin's among them: its reach is everything
    assert found["ServiceAccount/team/kubelet"] == (Status.FAIL, EVERYTHING, [
        "ServiceAccount/kube-system/admin", "ServiceAccount/team/helper",
        "ServiceAccount/team/injector", "ServiceAccount/team/minter",
        "ServiceAccount/team/validator"])
    assert found["ServiceAccount/team/minter"][0] is Status.PASS
    assert found["ServiceAccount/team/minter"][2] == ["ServiceAccount/team/helper"]
    assert found["ServiceAccount/team/validator"][0] is Status.PASS
    assert found["ServiceAccount/team/validator"][2] is None


def test_the_paths_a_grant_opens() -> None:
    assert escalates_to_everything(("create on mutatingwebhookconfigurations",))
    assert not escalates_to_everything(("delete on mutatingwebhookconfigurations",))
    assert escalates_to_everything(("approve on signers named kubernetes.io/*",))
    node = "approve on signers named kubernetes.io/kube-apiserver-client-kubelet"
    assert not escalates_to_everything((node,))
    assert escalation_accounts((node,), False) == (True, None)
    assert escalation_accounts(("create on persistentvolumes",), False) == (False, None)
    assert escalation_accounts(("create on persistentvolumes",), True) == (True, None)
    assert escalation_accounts(("create on serviceaccounts/token",), False) == (False, ())
    assert escalation_accounts(
        ("create on serviceaccounts/token named a, b",), False) == (False, ("a", "b"))
