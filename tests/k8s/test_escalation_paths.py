"""GDCC-K8S-022: the privilege escalation paths of Kubernetes' "Role Based Access Control Good
Practices" besides escalate / bind / impersonate (GDCC-K8S-019) — admission webhooks,
certificate approval, ``nodes/proxy``, ``serviceaccounts/token``, PersistentVolume creation.
Before stop 31 no rule judged them (ingress-nginx's admission ClusterRole, ``update`` on its
validating webhook, passed everything). Fixtures: tests/rules/GDCC-K8S-022."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.settings import Settings

RULE = "GDCC-K8S-022"
FIXTURE = Path(__file__).parent.parent / "rules" / RULE


def _findings() -> dict[str, tuple[str, object]]:
    result = audit([FIXTURE / "k8s.yaml", FIXTURE / "main.tf"], Settings(rule_ids=(RULE,)))
    return {f.address: (f.status.value, f.evidence.get("escalation_paths"))
            for f in result.findings}


def test_each_path_is_named() -> None:
    found = _findings()
    # limited to its own webhook: still a path (the holder may point it at every object)
    assert found["ClusterRole/webhook-admin"] == (
        "FAIL", ["update on validatingwebhookconfigurations named my-admission"]
    )
    assert found["ClusterRole/csr-approver"] == (
        "FAIL", ["approve on signers", "update on certificatesigningrequests/approval"]
    )
    assert found["ClusterRole/kubelet-proxy"] == ("FAIL", ["get on nodes/proxy"])
    assert found["Role/app/token-maker"] == ("FAIL", ["create on serviceaccounts/token"])
    assert found["kubernetes_cluster_role_v1.volume_maker"] == (
        "FAIL", ["create on persistentvolumes"]
    )


def test_reading_and_own_signers_and_roles_on_cluster_objects_pass() -> None:
    found = _findings()
    assert found["ClusterRole/metrics-reader"] == ("PASS", [])
    # approving for a signer outside kubernetes.io issues nothing the cluster trusts
    assert found["ClusterRole/own-signer-approver"] == ("PASS", [])
    # a Role cannot grant PersistentVolumes or nodes (cluster-scoped)
    assert found["Role/app/namespaced-only"] == ("PASS", [])


def test_a_message_names_the_grants() -> None:
    result = audit([FIXTURE / "k8s.yaml"], Settings(rule_ids=(RULE,)))
    finding = next(f for f in result.findings if f.address == "ClusterRole/kubelet-proxy")
    assert finding.message.en == "grants that open a privilege escalation path: get on nodes/proxy"
