"""Terraform kubernetes-provider objects named by a literal string are linked to the object of
that name and namespace in the scan: a pod's ``service_account_name = "app"`` is the
``kubernetes_service_account`` named ``app`` in its namespace (GDCC-K8S-012 took the
Kubernetes default), a binding's ``role_ref { name = "reader" }`` is the ``kubernetes_role``
``reader`` (GDCC-GRAPH-011 said "role reader was not scanned"), and a binding's subjects are
the accounts that hold its role (GDCC-GRAPH-006). The namespace not written is ``default``,
the provider's schema default."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.settings import Settings

MAIN_TF = """\
resource "kubernetes_service_account_v1" "app" {
  metadata {
    name      = "app"
    namespace = "shop"
  }
  automount_service_account_token = false
}

resource "kubernetes_service_account" "batch" {
  metadata {
    name = "batch"
  }
  automount_service_account_token = false
}

resource "kubernetes_role" "reader" {
  metadata {
    name      = "reader"
    namespace = "shop"
  }
  rule {
    api_groups = [""]
    resources  = ["*"]
    verbs      = ["*"]
  }
}

resource "kubernetes_role_v1" "viewer" {
  metadata {
    name = "viewer"
  }
  rule {
    api_groups = [""]
    resources  = ["pods"]
    verbs      = ["get"]
  }
}

resource "kubernetes_role_binding" "shop_default" {
  metadata {
    name      = "shop-default"
    namespace = "shop"
  }
  role_ref {
    api_group = "rbac.authorization.k8s.io"
    kind      = "Role"
    name      = "reader"
  }
  subject {
    kind      = "ServiceAccount"
    name      = "default"
    namespace = "shop"
  }
  subject {
    kind      = "ServiceAccount"
    name      = "app"
    namespace = "shop"
  }
}

resource "kubernetes_role_binding_v1" "default_viewer" {
  metadata {
    name = "default-viewer"
  }
  role_ref {
    api_group = "rbac.authorization.k8s.io"
    kind      = "Role"
    name      = "viewer"
  }
  subject {
    kind = "ServiceAccount"
    name = "default"
  }
}

resource "kubernetes_pod" "web" {
  metadata {
    name      = "web"
    namespace = "shop"
  }
  spec {
    service_account_name = "app"
    container {
      name  = "web"
      image = "nginx:1.27"
    }
  }
}

resource "kubernetes_deployment_v1" "job" {
  metadata {
    name = "job"
  }
  spec {
    template {
      metadata {}
      spec {
        service_account_name = "batch"
        container {
          name  = "job"
          image = "busybox:1.36"
        }
      }
    }
  }
}

resource "kubernetes_pod_v1" "elsewhere" {
  metadata {
    name      = "elsewhere"
    namespace = "other"
  }
  spec {
    service_account_name = "app"
    container {
      name  = "web"
      image = "nginx:1.27"
    }
  }
}
"""


def _verdicts(tmp_path: Path, *rules: str) -> list[tuple[str, str, str, dict[str, object]]]:
    (tmp_path / "main.tf").write_text(MAIN_TF, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=rules))
    return sorted((f.address, f.rule_id, f.status.value, f.evidence) for f in result.findings)


def test_pods_take_the_token_setting_of_the_account_they_name(tmp_path: Path) -> None:
    assert _verdicts(tmp_path, "GDCC-K8S-012") == [
        ("kubernetes_deployment_v1.job", "GDCC-K8S-012", "PASS",
         {"automount_token": False, "decided_by": "service account"}),
        ("kubernetes_pod.web", "GDCC-K8S-012", "PASS",
         {"automount_token": False, "decided_by": "service account"}),
        # an account named app in another namespace is not this pod's
        ("kubernetes_pod_v1.elsewhere", "GDCC-K8S-012", "FAIL",
         {"automount_token": True, "decided_by": "Kubernetes default"}),
    ]


def test_bindings_of_default_are_judged_on_the_role_they_name(tmp_path: Path) -> None:
    assert _verdicts(tmp_path, "GDCC-GRAPH-011") == [
        ("kubernetes_role_binding.shop_default", "GDCC-GRAPH-011", "FAIL", {"role": "reader"}),
        # was UNKNOWN "role viewer was not scanned"
        ("kubernetes_role_binding_v1.default_viewer", "GDCC-GRAPH-011", "PASS",
         {"role": "viewer"}),
    ]


def test_accounts_hold_the_roles_their_bindings_name(tmp_path: Path) -> None:
    found = {
        address: (status, evidence)
        for address, _, status, evidence in _verdicts(tmp_path, "GDCC-GRAPH-006")
    }
    status, evidence = found["kubernetes_service_account_v1.app"]
    assert status == "FAIL"
    assert evidence["namespaces"] == ["shop"]
    assert found["kubernetes_service_account.batch"][0] == "PASS"


REFERENCED_TF = """\
variable "account" {
  type = string
}

resource "kubernetes_service_account_v1" "default" {
  metadata {
    name      = "default"
    namespace = "shop"
  }
}

resource "kubernetes_service_account_v1" "app" {
  metadata {
    name      = "app"
    namespace = "shop"
  }
}

resource "kubernetes_pod_v1" "by_reference" {
  metadata {
    name      = "by-reference"
    namespace = "shop"
  }
  spec {
    service_account_name = kubernetes_service_account_v1.app.metadata[0].name
    container {
      name  = "app"
      image = "app:1.0"
    }
  }
}

resource "kubernetes_pod_v1" "as_default" {
  metadata {
    name      = "as-default"
    namespace = "shop"
  }
  spec {
    service_account_name = kubernetes_service_account_v1.default.metadata[0].name
    container {
      name  = "app"
      image = "app:1.0"
    }
  }
}

resource "kubernetes_pod_v1" "from_variable" {
  metadata {
    name      = "from-variable"
    namespace = "shop"
  }
  spec {
    service_account_name = var.account
    container {
      name  = "app"
      image = "app:1.0"
    }
  }
}
"""


def test_an_account_named_by_reference_gives_its_literal_name(tmp_path: Path) -> None:
    """GDCC-K8S-013 read ``kubernetes_service_account_v1.app.metadata[0].name`` as not known
    (UNKNOWN): the account of the scan gives its literal name; a variable stays unknown."""
    (tmp_path / "main.tf").write_text(REFERENCED_TF, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-K8S-013",)))
    assert sorted((f.address, f.status.value, f.evidence) for f in result.findings) == [
        ("kubernetes_pod_v1.as_default", "FAIL", {"uses_default_service_account": True}),
        ("kubernetes_pod_v1.by_reference", "PASS", {"uses_default_service_account": False}),
        ("kubernetes_pod_v1.from_variable", "UNKNOWN", {"uses_default_service_account": None}),
    ]
