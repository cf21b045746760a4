"""GDCC-K8S-018 and ``system:authenticated``: a binding that gives the group of every
authenticated identity (every service account; on GKE any Google account) a role other than
the discovery roles Kubernetes binds to it itself FAILs, in manifests and in the Terraform
kubernetes provider alike (both PASSED). The finding names the subject and the role
(``evidence.granted_by``). A subject or role that is not known is UNKNOWN (a Terraform
``name = var.group`` PASSED); a user named by a cloud identity's attribute (``name =
data.aws_caller_identity.current.arn``) is no system group (it was UNKNOWN on the first
version of this change).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

BINDINGS = """\
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: authenticated-edit, namespace: shop}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: edit}
subjects:
- {kind: User, name: alice, apiGroup: rbac.authorization.k8s.io}
- {kind: Group, name: "system:authenticated", apiGroup: rbac.authorization.k8s.io}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: authenticated-discovery}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: "system:discovery"}
subjects: [{kind: Group, name: "system:authenticated", apiGroup: rbac.authorization.k8s.io}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: own-discovery-role, namespace: shop}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: "system:discovery"}
subjects: [{kind: Group, name: "system:authenticated", apiGroup: rbac.authorization.k8s.io}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: unauthenticated-info}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: "system:public-info-viewer"}
subjects: [{kind: Group, name: "system:unauthenticated", apiGroup: rbac.authorization.k8s.io}]
"""

MAIN_TF = """\
variable "role" {
  type = string
}

variable "group" {
  type = string
}

resource "kubernetes_cluster_role_binding_v1" "authenticated_view" {
  metadata {
    name = "authenticated-view"
  }
  role_ref {
    api_group = "rbac.authorization.k8s.io"
    kind      = "ClusterRole"
    name      = "view"
  }
  subject {
    kind      = "Group"
    name      = "system:authenticated"
    api_group = "rbac.authorization.k8s.io"
  }
}

resource "kubernetes_cluster_role_binding" "basic_user" {
  metadata {
    name = "basic-user"
  }
  role_ref {
    api_group = "rbac.authorization.k8s.io"
    kind      = "ClusterRole"
    name      = "system:basic-user"
  }
  subject {
    kind      = "Group"
    name      = "system:authenticated"
    api_group = "rbac.authorization.k8s.io"
  }
}

resource "kubernetes_cluster_role_binding_v1" "role_from_var" {
  metadata {
    name = "role-from-var"
  }
  role_ref {
    api_group = "rbac.authorization.k8s.io"
    kind      = "ClusterRole"
    name      = var.role
  }
  subject {
    kind      = "Group"
    name      = "system:authenticated"
    api_group = "rbac.authorization.k8s.io"
  }
}

resource "kubernetes_role_binding_v1" "group_from_var" {
  metadata {
    name      = "group-from-var"
    namespace = "shop"
  }
  role_ref {
    api_group = "rbac.authorization.k8s.io"
    kind      = "ClusterRole"
    name      = "edit"
  }
  subject {
    kind      = "Group"
    name      = var.group
    api_group = "rbac.authorization.k8s.io"
  }
}

data "aws_caller_identity" "current" {}

resource "kubernetes_role_binding" "caller" {
  metadata {
    name      = "caller"
    namespace = "shop"
  }
  role_ref {
    api_group = "rbac.authorization.k8s.io"
    kind      = "ClusterRole"
    name      = "edit"
  }
  subject {
    kind      = "User"
    name      = data.aws_caller_identity.current.arn
    api_group = "rbac.authorization.k8s.io"
  }
}

resource "kubernetes_role_binding_v1" "devs" {
  metadata {
    name      = "devs"
    namespace = "shop"
  }
  role_ref {
    api_group = "rbac.authorization.k8s.io"
    kind      = "ClusterRole"
    name      = "edit"
  }
  subject {
    kind      = "Group"
    name      = "devs"
    api_group = "rbac.authorization.k8s.io"
  }
}
"""


def _audit(tmp_path: Path) -> dict[str, tuple[Status, dict[str, Any], str]]:
    (tmp_path / "rbac.yaml").write_text(BINDINGS)
    (tmp_path / "main.tf").write_text(MAIN_TF)
    result = audit([tmp_path], Settings(rule_ids=("GDCC-K8S-018",)))
    return {f.address or "": (f.status, f.evidence, f.message.en) for f in result.findings}


def test_bindings_to_every_authenticated_identity(tmp_path: Path) -> None:
    found = _audit(tmp_path)
    verdicts = {address: (status, evidence) for address, (status, evidence, _) in found.items()}
    assert verdicts == {
        "RoleBinding/shop/authenticated-edit": (Status.FAIL, {
            "public_access": True,
            "granted_by": ["Group system:authenticated bound to ClusterRole edit"],
        }),
        # the discovery roles Kubernetes binds to the group itself
        "ClusterRoleBinding/authenticated-discovery": (Status.PASS, {"public_access": False}),
        # a namespace Role of that name is not the built-in ClusterRole
        "RoleBinding/shop/own-discovery-role": (Status.FAIL, {
            "public_access": True,
            "granted_by": ["Group system:authenticated bound to Role system:discovery"],
        }),
        # the unauthenticated group fails whatever the role (unchanged)
        "ClusterRoleBinding/unauthenticated-info": (Status.FAIL, {
            "public_access": True,
            "granted_by": [
                "Group system:unauthenticated bound to ClusterRole system:public-info-viewer"
            ],
        }),
        "kubernetes_cluster_role_binding_v1.authenticated_view": (Status.FAIL, {
            "public_access": True,
            "granted_by": ["Group system:authenticated bound to ClusterRole view"],
        }),
        "kubernetes_cluster_role_binding.basic_user": (Status.PASS, {"public_access": False}),
        # the role, or the group, is not known before apply
        "kubernetes_cluster_role_binding_v1.role_from_var": (
            Status.UNKNOWN, {"public_access": None}
        ),
        "kubernetes_role_binding_v1.group_from_var": (Status.UNKNOWN, {"public_access": None}),
        "kubernetes_role_binding_v1.devs": (Status.PASS, {"public_access": False}),
        # an IAM ARN is not known, but it is no system: group (EKS's usual subject)
        "kubernetes_role_binding.caller": (Status.PASS, {"public_access": False}),
    }
    assert found["RoleBinding/shop/authenticated-edit"][2] == (
        "it grants rights to anonymous users, unauthenticated users or every authenticated"
        " identity (granted by Group system:authenticated bound to ClusterRole edit)"
    )
