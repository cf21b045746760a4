"""GDCC-K8S-018 and bindings that give everyone a role of the scan which grants nothing that
matters (normalize/kubernetes/public_bindings.py):

- a Terraform ``kubernetes_cluster_role_binding[_v1]`` / ``kubernetes_role_binding[_v1]`` of
  ``system:authenticated`` to a role that only ``use``s PodSecurityPolicies PASSes as the
  manifest binding does (it FAILed): the role a Terraform role of its root module or a manifest
  role, and a manifest binding of a Terraform role;
- a cluster dump's ``system:public-info-viewer`` binding (the Kubernetes default: the groups
  system:authenticated and system:unauthenticated, the role GETs only /healthz, /livez,
  /readyz, /version) PASSes (it FAILed) when the role is in the scan; a role reading more,
  a role not in the scan, a Terraform role of another root module still FAIL.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

PSP_RULE = """\
  rule {
    api_groups     = ["policy"]
    resources      = ["podsecuritypolicies"]
    verbs          = ["use"]
    resource_names = ["restricted"]
  }
"""

MAIN_TF = f"""\
resource "kubernetes_cluster_role_v1" "psp" {{
  metadata {{ name = "psp:restricted" }}
{PSP_RULE}}}

resource "kubernetes_cluster_role_binding_v1" "psp" {{
  metadata {{ name = "default:restricted" }}
  role_ref {{
    api_group = "rbac.authorization.k8s.io"
    kind      = "ClusterRole"
    name      = kubernetes_cluster_role_v1.psp.metadata[0].name
  }}
  subject {{
    kind      = "Group"
    name      = "system:authenticated"
    api_group = "rbac.authorization.k8s.io"
  }}
}}

resource "kubernetes_cluster_role" "more" {{
  metadata {{ name = "psp:and-more" }}
{PSP_RULE}  rule {{
    api_groups = [""]
    resources  = ["configmaps"]
    verbs      = ["get"]
  }}
}}

resource "kubernetes_cluster_role_binding" "more" {{
  metadata {{ name = "default:and-more" }}
  role_ref {{
    api_group = "rbac.authorization.k8s.io"
    kind      = "ClusterRole"
    name      = "psp:and-more"
  }}
  subject {{
    kind      = "Group"
    name      = "system:authenticated"
    api_group = "rbac.authorization.k8s.io"
  }}
}}

resource "kubernetes_cluster_role_binding_v1" "elsewhere" {{
  metadata {{ name = "default:elsewhere" }}
  role_ref {{
    api_group = "rbac.authorization.k8s.io"
    kind      = "ClusterRole"
    name      = "psp:not-in-scan"
  }}
  subject {{
    kind      = "Group"
    name      = "system:authenticated"
    api_group = "rbac.authorization.k8s.io"
  }}
}}

resource "kubernetes_cluster_role_binding_v1" "anonymous" {{
  metadata {{ name = "anonymous:restricted" }}
  role_ref {{
    api_group = "rbac.authorization.k8s.io"
    kind      = "ClusterRole"
    name      = "psp:restricted"
  }}
  subject {{
    kind      = "User"
    name      = "system:anonymous"
    api_group = "rbac.authorization.k8s.io"
  }}
}}

resource "kubernetes_role_v1" "psp" {{
  metadata {{
    name      = "psp:team"
    namespace = "team"
  }}
{PSP_RULE}}}

resource "kubernetes_role_binding_v1" "team" {{
  metadata {{
    name      = "team:restricted"
    namespace = "team"
  }}
  role_ref {{
    api_group = "rbac.authorization.k8s.io"
    kind      = "Role"
    name      = "psp:team"
  }}
  subject {{
    kind      = "Group"
    name      = "system:authenticated"
    api_group = "rbac.authorization.k8s.io"
  }}
}}

resource "kubernetes_role_binding_v1" "other_namespace" {{
  metadata {{
    name      = "shop:restricted"
    namespace = "shop"
  }}
  role_ref {{
    api_group = "rbac.authorization.k8s.io"
    kind      = "Role"
    name      = "psp:team"
  }}
  subject {{
    kind      = "Group"
    name      = "system:authenticated"
    api_group = "rbac.authorization.k8s.io"
  }}
}}

resource "kubernetes_cluster_role_binding_v1" "manifest_role" {{
  metadata {{ name = "default:manifest-role" }}
  role_ref {{
    api_group = "rbac.authorization.k8s.io"
    kind      = "ClusterRole"
    name      = "psp:from-manifest"
  }}
  subject {{
    kind      = "Group"
    name      = "system:authenticated"
    api_group = "rbac.authorization.k8s.io"
  }}
}}
"""

MANIFESTS = """\
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: "psp:from-manifest"}
rules:
- {apiGroups: [extensions, policy], resources: [podsecuritypolicies], verbs: [use]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: "manifest:tf-role"}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: "psp:restricted"}
subjects: [{kind: Group, name: "system:authenticated", apiGroup: rbac.authorization.k8s.io}]
"""

OTHER_ROOT_TF = """\
resource "kubernetes_cluster_role_binding_v1" "psp" {
  metadata { name = "other:restricted" }
  role_ref {
    api_group = "rbac.authorization.k8s.io"
    kind      = "ClusterRole"
    name      = "psp:restricted"
  }
  subject {
    kind      = "Group"
    name      = "system:authenticated"
    api_group = "rbac.authorization.k8s.io"
  }
}
"""

AUTHENTICATED_PSP = (
    "system:authenticated gets ClusterRole/psp:restricted, which only lets it use "
    "PodSecurityPolicies: that grants no right on its own"
)


def _audit(*roots: Path) -> dict[str, tuple[Status, dict[str, Any]]]:
    result = audit(list(roots), Settings(rule_ids=("GDCC-K8S-018",)))
    return {f.address or "": (f.status, f.evidence) for f in result.findings}


def _fail(grant: str) -> tuple[Status, dict[str, Any]]:
    return Status.FAIL, {"public_access": True, "granted_by": [grant]}


def test_terraform_binding_of_a_policy_use_role(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(MAIN_TF)
    (tmp_path / "rbac.yaml").write_text(MANIFESTS)
    found = _audit(tmp_path)
    assert found["kubernetes_cluster_role_binding_v1.psp"] == (Status.PASS, {
        "public_access": False, "decided_by": {"public_access": AUTHENTICATED_PSP},
    })
    assert found["kubernetes_role_binding_v1.team"] == (Status.PASS, {
        "public_access": False,
        "decided_by": {"public_access": AUTHENTICATED_PSP.replace(
            "ClusterRole/psp:restricted", "Role/psp:team")},
    })
    # a Terraform binding of a manifest role, a manifest binding of a Terraform role
    assert found["kubernetes_cluster_role_binding_v1.manifest_role"] == (Status.PASS, {
        "public_access": False,
        "decided_by": {"public_access": AUTHENTICATED_PSP.replace(
            "psp:restricted", "psp:from-manifest")},
    })
    assert found["ClusterRoleBinding/manifest:tf-role"] == (Status.PASS, {
        "public_access": False, "decided_by": {"public_access": AUTHENTICATED_PSP},
    })
    # a role granting more, a role not in the scan, a Role of another namespace, anonymous
    assert found["kubernetes_cluster_role_binding.more"] == _fail(
        "Group system:authenticated bound to ClusterRole psp:and-more")
    assert found["kubernetes_cluster_role_binding_v1.elsewhere"] == _fail(
        "Group system:authenticated bound to ClusterRole psp:not-in-scan")
    assert found["kubernetes_role_binding_v1.other_namespace"] == _fail(
        "Group system:authenticated bound to Role psp:team")
    assert found["kubernetes_cluster_role_binding_v1.anonymous"] == _fail(
        "User system:anonymous bound to ClusterRole psp:restricted")


def test_terraform_role_of_another_root_module(tmp_path: Path) -> None:
    """Two Terraform root modules may manage two clusters: the role of one does not decide
    the binding of the other."""
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "main.tf").write_text(MAIN_TF)
    (tmp_path / "b" / "main.tf").write_text(OTHER_ROOT_TF)
    result = audit([tmp_path], Settings(rule_ids=("GDCC-K8S-018",)))
    found = {
        (f.address, Path(str(f.location)).parent.name): (f.status, f.evidence)
        for f in result.findings if f.address == "kubernetes_cluster_role_binding_v1.psp"
    }
    assert found[("kubernetes_cluster_role_binding_v1.psp", "a")][0] is Status.PASS
    assert found[("kubernetes_cluster_role_binding_v1.psp", "b")] == _fail(
        "Group system:authenticated bound to ClusterRole psp:restricted")


DUMP = """\
apiVersion: v1
kind: List
items:
- apiVersion: rbac.authorization.k8s.io/v1
  kind: ClusterRoleBinding
  metadata:
    annotations: {rbac.authorization.kubernetes.io/autoupdate: "true"}
    labels: {kubernetes.io/bootstrapping: rbac-defaults}
    name: system:public-info-viewer
  roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: system:public-info-viewer}
  subjects:
  - {apiGroup: rbac.authorization.k8s.io, kind: Group, name: system:authenticated}
  - {apiGroup: rbac.authorization.k8s.io, kind: Group, name: system:unauthenticated}
- apiVersion: rbac.authorization.k8s.io/v1
  kind: ClusterRole
  metadata:
    annotations: {rbac.authorization.kubernetes.io/autoupdate: "true"}
    labels: {kubernetes.io/bootstrapping: rbac-defaults}
    name: system:public-info-viewer
  rules:
  - nonResourceURLs: [/healthz, /livez, /readyz, /version, /version/]
    verbs: [get]
- apiVersion: rbac.authorization.k8s.io/v1
  kind: ClusterRole
  metadata: {name: discovery-too}
  rules:
  - nonResourceURLs: [/healthz, /api, /api/*]
    verbs: [get]
- apiVersion: rbac.authorization.k8s.io/v1
  kind: ClusterRoleBinding
  metadata: {name: anon-discovery}
  roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: discovery-too}
  subjects:
  - {apiGroup: rbac.authorization.k8s.io, kind: Group, name: system:unauthenticated}
  - {apiGroup: rbac.authorization.k8s.io, kind: Group, name: system:authenticated}
- apiVersion: rbac.authorization.k8s.io/v1
  kind: ClusterRole
  metadata: {name: health-write}
  rules:
  - nonResourceURLs: [/healthz]
    verbs: [get, post]
- apiVersion: rbac.authorization.k8s.io/v1
  kind: ClusterRoleBinding
  metadata: {name: anon-health-write}
  roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: health-write}
  subjects: [{apiGroup: rbac.authorization.k8s.io, kind: User, name: system:anonymous}]
- apiVersion: rbac.authorization.k8s.io/v1
  kind: ClusterRoleBinding
  metadata: {name: anon-viewer-elsewhere}
  roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: public-info-copy}
  subjects: [{apiGroup: rbac.authorization.k8s.io, kind: User, name: system:anonymous}]
"""


def test_default_public_info_viewer_binding(tmp_path: Path) -> None:
    (tmp_path / "clusterrolebindings.yaml").write_text(DUMP)
    found = _audit(tmp_path)
    assert found["ClusterRoleBinding/system:public-info-viewer"] == (Status.PASS, {
        "public_access": False,
        "decided_by": {"public_access": (
            "system:unauthenticated gets ClusterRole/system:public-info-viewer, which only "
            "lets it GET /healthz, /livez, /readyz, /version, /version/: the health and "
            "version information Kubernetes gives everyone by default "
            "(system:public-info-viewer)"
        )},
    })
    # API discovery to the unauthenticated (not the default since 1.14): FAIL; the same
    # role to system:authenticated is what system:discovery gives it
    assert found["ClusterRoleBinding/anon-discovery"] == _fail(
        "Group system:unauthenticated bound to ClusterRole discovery-too")
    assert found["ClusterRoleBinding/anon-health-write"] == _fail(
        "User system:anonymous bound to ClusterRole health-write")
    assert found["ClusterRoleBinding/anon-viewer-elsewhere"] == _fail(
        "User system:anonymous bound to ClusterRole public-info-copy")


def test_default_binding_without_its_role(tmp_path: Path) -> None:
    """``kubectl get clusterrolebindings`` alone: the role is not in the scan (one of that
    name may grant more: reconciliation adds rules, never removes them): FAIL as before."""
    cut = "- apiVersion: rbac.authorization.k8s.io/v1\n  kind: ClusterRole\n"
    binding = DUMP.split(cut, maxsplit=1)[0]
    (tmp_path / "clusterrolebindings.yaml").write_text(binding)
    found = _audit(tmp_path)
    assert found["ClusterRoleBinding/system:public-info-viewer"] == _fail(
        "Group system:unauthenticated bound to ClusterRole system:public-info-viewer")


def test_thai_reason(tmp_path: Path) -> None:
    (tmp_path / "clusterrolebindings.yaml").write_text(DUMP)
    result = audit([tmp_path], Settings(rule_ids=("GDCC-K8S-018",)))
    passed = next(f for f in result.findings
                  if f.address == "ClusterRoleBinding/system:public-info-viewer")
    assert passed.message.th is not None
    assert "ข้อมูลสถานะและรุ่นที่ Kubernetes ให้ทุกคนโดยค่าเริ่มต้น" in passed.message.th
