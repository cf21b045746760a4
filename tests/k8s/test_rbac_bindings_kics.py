"""Role bindings judged the same in manifests and in the Terraform kubernetes provider.

- A binding to a group every service account belongs to (``system:serviceaccounts``,
  ``system:serviceaccounts:<ns>``, ``system:authenticated``) gives the role to every
  ``default`` service account of its scope: GDCC-K8S-017 and GDCC-GRAPH-011 judge it as a
  binding of ``default`` (it passed K8S-017 and was NOT_APPLICABLE to GRAPH-011).
- The bound role is read from the facet ``bound_role`` (``roleRef.name`` / ``role_ref``):
  a Terraform binding of a literal role was UNKNOWN for GDCC-K8S-015, one of ``admin``
  FAILED it ("grants cluster-admin") and one of the default account was NOT_APPLICABLE to
  GDCC-GRAPH-011.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

BINDINGS = """\
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: all-sa-admin}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
subjects: [{kind: Group, name: "system:serviceaccounts", apiGroup: rbac.authorization.k8s.io}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: ns-sa-view, namespace: shop}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
subjects: [{kind: Group, name: "system:serviceaccounts:shop", apiGroup: rbac.authorization.k8s.io}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: authenticated-edit, namespace: shop}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: edit}
subjects: [{kind: Group, name: "system:authenticated", apiGroup: rbac.authorization.k8s.io}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: devs-edit, namespace: shop}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: edit}
subjects: [{kind: Group, name: devs, apiGroup: rbac.authorization.k8s.io}]
"""

MAIN_TF = """\
variable "role" {
  type = string
}

resource "kubernetes_cluster_role_binding_v1" "default_admin" {
  metadata {
    name = "default-admin"
  }
  role_ref {
    api_group = "rbac.authorization.k8s.io"
    kind      = "ClusterRole"
    name      = "cluster-admin"
  }
  subject {
    kind      = "ServiceAccount"
    name      = "default"
    namespace = "shop"
  }
}

resource "kubernetes_role_binding_v1" "ns_admin" {
  metadata {
    name      = "ns-admin"
    namespace = "shop"
  }
  role_ref {
    api_group = "rbac.authorization.k8s.io"
    kind      = "ClusterRole"
    name      = "admin"
  }
  subject {
    kind      = "User"
    name      = "alice"
    api_group = "rbac.authorization.k8s.io"
  }
}

resource "kubernetes_cluster_role_binding_v1" "reader" {
  metadata {
    name = "reader"
  }
  role_ref {
    api_group = "rbac.authorization.k8s.io"
    kind      = "ClusterRole"
    name      = "pod-reader"
  }
  subject {
    kind      = "Group"
    name      = "system:serviceaccounts:shop"
    api_group = "rbac.authorization.k8s.io"
  }
}

resource "kubernetes_cluster_role_binding_v1" "from_var" {
  metadata {
    name = "from-var"
  }
  role_ref {
    api_group = "rbac.authorization.k8s.io"
    kind      = "ClusterRole"
    name      = var.role
  }
  subject {
    kind      = "User"
    name      = "bob"
    api_group = "rbac.authorization.k8s.io"
  }
}
"""


def _audit(tmp_path: Path, rule: str) -> dict[str, tuple[Status, dict[str, Any]]]:
    (tmp_path / "rbac.yaml").write_text(BINDINGS)
    (tmp_path / "main.tf").write_text(MAIN_TF)
    result = audit([tmp_path], Settings(rule_ids=(rule,)))
    return {f.address: (f.status, f.evidence) for f in result.findings}


def test_groups_of_every_service_account_bind_the_default_ones(tmp_path: Path) -> None:
    found = _audit(tmp_path, "GDCC-K8S-017")
    assert found == {
        "ClusterRoleBinding/all-sa-admin": (
            Status.FAIL, {"binds_default_service_account": True}
        ),
        "RoleBinding/shop/ns-sa-view": (Status.FAIL, {"binds_default_service_account": True}),
        "RoleBinding/shop/authenticated-edit": (
            Status.FAIL, {"binds_default_service_account": True}
        ),
        "RoleBinding/shop/devs-edit": (Status.PASS, {"binds_default_service_account": False}),
        "kubernetes_cluster_role_binding_v1.default_admin": (
            Status.FAIL, {"binds_default_service_account": True}
        ),
        "kubernetes_role_binding_v1.ns_admin": (
            Status.PASS, {"binds_default_service_account": False}
        ),
        "kubernetes_cluster_role_binding_v1.reader": (
            Status.FAIL, {"binds_default_service_account": True}
        ),
        "kubernetes_cluster_role_binding_v1.from_var": (
            Status.PASS, {"binds_default_service_account": False}
        ),
    }


def test_terraform_bindings_name_their_role(tmp_path: Path) -> None:
    found = _audit(tmp_path, "GDCC-K8S-015")
    assert found == {
        "ClusterRoleBinding/all-sa-admin": (Status.FAIL, {"role": "cluster-admin"}),
        "RoleBinding/shop/ns-sa-view": (Status.PASS, {"role": "view"}),
        "RoleBinding/shop/authenticated-edit": (Status.PASS, {"role": "edit"}),
        "RoleBinding/shop/devs-edit": (Status.PASS, {"role": "edit"}),
        "kubernetes_cluster_role_binding_v1.default_admin": (
            Status.FAIL, {"role": "cluster-admin"}
        ),
        # the namespace admin role is not cluster-admin (was a FAIL read from the facet)
        "kubernetes_role_binding_v1.ns_admin": (Status.PASS, {"role": "admin"}),
        # was UNKNOWN: the role_ref block was not read
        "kubernetes_cluster_role_binding_v1.reader": (Status.PASS, {"role": "pod-reader"}),
        "kubernetes_cluster_role_binding_v1.from_var": (
            Status.UNKNOWN, {"admin_privileges": None}
        ),
    }


def test_default_accounts_bound_to_powerful_roles(tmp_path: Path) -> None:
    found = _audit(tmp_path, "GDCC-GRAPH-011")
    statuses = {address: status for address, (status, _) in found.items()}
    assert statuses == {
        # through the group of every service account (was NOT_APPLICABLE)
        "ClusterRoleBinding/all-sa-admin": Status.FAIL,
        # view is not powerful, and not scanned: its rules are not known
        "RoleBinding/shop/ns-sa-view": Status.UNKNOWN,
        "RoleBinding/shop/authenticated-edit": Status.FAIL,
        "RoleBinding/shop/devs-edit": Status.NOT_APPLICABLE,
        # Terraform: subjects were read from top-level attributes only (was NOT_APPLICABLE)
        "kubernetes_cluster_role_binding_v1.default_admin": Status.FAIL,
        "kubernetes_role_binding_v1.ns_admin": Status.NOT_APPLICABLE,
        "kubernetes_cluster_role_binding_v1.reader": Status.UNKNOWN,
        "kubernetes_cluster_role_binding_v1.from_var": Status.NOT_APPLICABLE,
    }
    assert found["ClusterRoleBinding/all-sa-admin"][1] == {"role": "cluster-admin"}
    assert found["kubernetes_cluster_role_binding_v1.default_admin"][1] == {
        "role": "cluster-admin"
    }
    assert found["kubernetes_cluster_role_binding_v1.reader"][1] == {"role": "pod-reader"}
