"""GDCC-K8S-018 on two bindings to everyone that Kubernetes documents (stop 39):

- kubeadm's ``kubeadm:bootstrap-signer-clusterinfo`` RoleBinding (kube-public: User
  system:anonymous may GET the ConfigMap ``cluster-info``, the CA certificate and API server
  address a joining node reads before it trusts the cluster; "Authenticating with Bootstrap
  Tokens", ConfigMap Signing) PASSes with the reason (it FAILed) when its Role is in the scan
  and grants that only; the same rule cluster-wide, in another namespace, with another verb or
  resource, or a cluster-info ConfigMap of the scan holding other keys still FAIL;
- ``system:service-account-issuer-discovery`` bound to ``system:unauthenticated`` (kubeflow's
  ``unauthenticated-oidc-viewer``) still FAILs, now saying what it exposes and that it is an
  opt-in (Kubernetes binds the role to service accounts only).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

CLUSTER_INFO_RULE = """\
  - apiGroups: [""]
    resources: [configmaps]
    resourceNames: [cluster-info]
    verbs: [get]
"""


def _role(kind: str, name: str, namespace: str | None, rules: str) -> str:
    where = f"\n  namespace: {namespace}" if namespace else ""
    return (f"apiVersion: rbac.authorization.k8s.io/v1\nkind: {kind}\nmetadata:\n"
            f"  name: {name}{where}\nrules:\n{rules}---\n")


def _binding(kind: str, name: str, namespace: str | None, role_kind: str, role: str,
             subject: str = "kind: User\n    name: system:anonymous") -> str:
    where = f"\n  namespace: {namespace}" if namespace else ""
    return (f"apiVersion: rbac.authorization.k8s.io/v1\nkind: {kind}\nmetadata:\n"
            f"  name: {name}{where}\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n"
            f"  kind: {role_kind}\n  name: {role}\nsubjects:\n"
            f"  - apiGroup: rbac.authorization.k8s.io\n    {subject}\n---\n")


KUBEADM = (
    _role("Role", "kubeadm:bootstrap-signer-clusterinfo", "kube-public", CLUSTER_INFO_RULE)
    + _binding("RoleBinding", "kubeadm:bootstrap-signer-clusterinfo", "kube-public", "Role",
               "kubeadm:bootstrap-signer-clusterinfo")
)

CLUSTER_INFO_PASS = (
    "system:anonymous gets Role/kubeadm:bootstrap-signer-clusterinfo, which only lets it GET "
    "the ConfigMap cluster-info of kube-public: the cluster's CA certificate and API server "
    "address, which a node joining with a bootstrap token reads before it trusts the cluster "
    "and checks by that token's signature in it: kubeadm's default, the ConfigMap signing of "
    "Kubernetes bootstrap tokens"
)


def _audit(root: Path) -> dict[str, tuple[Status, dict[str, Any]]]:
    result = audit([root], Settings(rule_ids=("GDCC-K8S-018",)))
    return {f.address or "": (f.status, f.evidence) for f in result.findings}


def _fail(grant: str, why: str | None = None) -> tuple[Status, dict[str, Any]]:
    evidence: dict[str, Any] = {"public_access": True, "granted_by": [grant]}
    if why is not None:
        evidence["decided_by"] = {"public_access": why}
    return Status.FAIL, evidence


def test_kubeadm_cluster_info_binding(tmp_path: Path) -> None:
    (tmp_path / "kube-public.yaml").write_text(KUBEADM)
    found = _audit(tmp_path)
    assert found["RoleBinding/kube-public/kubeadm:bootstrap-signer-clusterinfo"] == (
        Status.PASS, {"public_access": False, "decided_by": {"public_access": CLUSTER_INFO_PASS}}
    )


def test_cluster_info_config_map_of_the_scan(tmp_path: Path) -> None:
    """The ConfigMap as kubeadm writes it (kubeconfig, the tokens' signatures) keeps the
    PASS; one holding anything else is what anonymous reads: FAIL."""
    config_map = (
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cluster-info\n"
        "  namespace: kube-public\ndata:\n  kubeconfig: |\n    apiVersion: v1\n"
        "  jws-kubeconfig-abcdef: eyJhbGciOiJIUzI1NiIsImtpZCI6ImFiY2RlZiJ9..sig\n"
    )
    (tmp_path / "kube-public.yaml").write_text(KUBEADM + config_map)
    address = "RoleBinding/kube-public/kubeadm:bootstrap-signer-clusterinfo"
    assert _audit(tmp_path)[address][0] is Status.PASS
    (tmp_path / "kube-public.yaml").write_text(KUBEADM + config_map + "  notes: internal\n")
    assert _audit(tmp_path)[address] == _fail(
        "User system:anonymous bound to Role kubeadm:bootstrap-signer-clusterinfo")


def test_cluster_info_rule_granting_more_or_elsewhere(tmp_path: Path) -> None:
    manifests = (
        # the same rule cluster-wide: every namespace's cluster-info ConfigMap
        _role("ClusterRole", "cluster-info-reader", None, CLUSTER_INFO_RULE)
        + _binding("ClusterRoleBinding", "anon-cluster-info", None, "ClusterRole",
                   "cluster-info-reader")
        # the kubeadm Role's rule in another namespace
        + _role("Role", "cluster-info-reader", "default", CLUSTER_INFO_RULE)
        + _binding("RoleBinding", "anon-cluster-info", "default", "Role", "cluster-info-reader")
        # a namespace not written: lands where it is applied
        + _binding("RoleBinding", "anon-anywhere", None, "ClusterRole", "cluster-info-reader")
        # another verb, every ConfigMap, secrets too
        + _role("Role", "list-too", "kube-public",
                CLUSTER_INFO_RULE.replace("[get]", "[get, list]"))
        + _binding("RoleBinding", "anon-list", "kube-public", "Role", "list-too")
        + _role("Role", "all-config-maps", "kube-public",
                CLUSTER_INFO_RULE.replace("    resourceNames: [cluster-info]\n", ""))
        + _binding("RoleBinding", "anon-all", "kube-public", "Role", "all-config-maps")
        + _role("Role", "secrets-too", "kube-public", CLUSTER_INFO_RULE
                + "  - apiGroups: ['']\n    resources: [secrets]\n    verbs: [get]\n")
        + _binding("RoleBinding", "anon-secrets", "kube-public", "Role", "secrets-too")
    )
    (tmp_path / "rbac.yaml").write_text(manifests)
    found = _audit(tmp_path)
    assert found["ClusterRoleBinding/anon-cluster-info"] == _fail(
        "User system:anonymous bound to ClusterRole cluster-info-reader")
    assert found["RoleBinding/default/anon-cluster-info"] == _fail(
        "User system:anonymous bound to Role cluster-info-reader")
    assert found["RoleBinding/default/anon-anywhere"] == _fail(
        "User system:anonymous bound to ClusterRole cluster-info-reader")
    assert found["RoleBinding/kube-public/anon-list"] == _fail(
        "User system:anonymous bound to Role list-too")
    assert found["RoleBinding/kube-public/anon-all"] == _fail(
        "User system:anonymous bound to Role all-config-maps")
    assert found["RoleBinding/kube-public/anon-secrets"] == _fail(
        "User system:anonymous bound to Role secrets-too")


ISSUER = "system:service-account-issuer-discovery"
UNAUTHENTICATED = "kind: Group\n    name: system:unauthenticated"
OPT_IN = (
    "the service-account token issuer's discovery document and public keys, which name the "
    "cluster. Kubernetes gives them to service accounts only; giving them to everyone is an "
    "opt-in for external systems that verify the cluster's tokens"
)


def test_issuer_discovery_to_the_unauthenticated(tmp_path: Path) -> None:
    """kubeflow's binding (the built-in role, not in the scan), a role of the scan reading
    those URLs only: FAIL saying what is exposed; a role reading more: the plain FAIL."""
    manifests = (
        _binding("ClusterRoleBinding", "unauthenticated-oidc-viewer", None, "ClusterRole",
                 ISSUER, UNAUTHENTICATED)
        + _role("ClusterRole", "oidc-copy", None,
                "  - nonResourceURLs: [/openid/v1/jwks, /.well-known/openid-configuration]\n"
                "    verbs: [get]\n")
        + _binding("ClusterRoleBinding", "anon-oidc-copy", None, "ClusterRole", "oidc-copy")
        + _role("ClusterRole", "oidc-and-metrics", None,
                "  - nonResourceURLs: [/openid/v1/jwks, /metrics]\n    verbs: [get]\n")
        + _binding("ClusterRoleBinding", "anon-oidc-metrics", None, "ClusterRole",
                   "oidc-and-metrics")
    )
    (tmp_path / "rbac.yaml").write_text(manifests)
    found = _audit(tmp_path)
    assert found["ClusterRoleBinding/unauthenticated-oidc-viewer"] == _fail(
        f"Group system:unauthenticated bound to ClusterRole {ISSUER}",
        f"system:unauthenticated gets the built-in ClusterRole/{ISSUER}, which by default "
        f"lets it GET /.well-known/openid-configuration and /openid/v1/jwks: {OPT_IN}",
    )
    assert found["ClusterRoleBinding/anon-oidc-copy"] == _fail(
        "User system:anonymous bound to ClusterRole oidc-copy",
        "system:anonymous gets ClusterRole/oidc-copy, which lets it GET "
        f"/.well-known/openid-configuration and /openid/v1/jwks: {OPT_IN}",
    )
    assert found["ClusterRoleBinding/anon-oidc-metrics"] == _fail(
        "User system:anonymous bound to ClusterRole oidc-and-metrics")


def test_thai(tmp_path: Path) -> None:
    (tmp_path / "rbac.yaml").write_text(KUBEADM + _binding(
        "ClusterRoleBinding", "unauthenticated-oidc-viewer", None, "ClusterRole", ISSUER,
        UNAUTHENTICATED))
    result = audit([tmp_path], Settings(rule_ids=("GDCC-K8S-018",)))
    thai = {f.address: f.message.th or "" for f in result.findings}
    assert "ConfigMap cluster-info ของ kube-public ซึ่งเป็นใบรับรอง CA" in thai[
        "RoleBinding/kube-public/kubeadm:bootstrap-signer-clusterinfo"]
    assert "Kubernetes ให้ข้อมูลนี้แก่ service account เท่านั้น" in thai[
        "ClusterRoleBinding/unauthenticated-oidc-viewer"]
