"""``kubernetes_service_account`` / ``_v1`` (Terraform kubernetes provider) are read as the
ServiceAccount objects they create: a pod whose ``service_account_name`` refers to one that
sets ``automount_service_account_token = false`` does not mount a token (GDCC-K8S-012 failed
it by the Kubernetes default: the account was not read). The provider's default for the
account is true, the Kubernetes API's. A pod that names its account by a literal name is linked
to the account of that name and namespace (tests/k8s/test_tf_literal_names.py)."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

MAIN = """\
resource "kubernetes_service_account_v1" "quiet" {
  metadata {
    name      = "quiet"
    namespace = "shop"
  }
  automount_service_account_token = false
}

resource "kubernetes_service_account" "loud" {
  metadata {
    name      = "loud"
    namespace = "shop"
  }
}

resource "kubernetes_deployment_v1" "quiet_app" {
  metadata {
    name      = "quiet-app"
    namespace = "shop"
  }
  spec {
    template {
      metadata {
        labels = { app = "quiet" }
      }
      spec {
        service_account_name = kubernetes_service_account_v1.quiet.metadata[0].name
        container {
          name  = "app"
          image = "app:1.0"
        }
      }
    }
  }
}

resource "kubernetes_pod_v1" "loud_app" {
  metadata {
    name      = "loud-app"
    namespace = "shop"
  }
  spec {
    service_account_name = kubernetes_service_account.loud.metadata[0].name
    container {
      name  = "app"
      image = "app:1.0"
    }
  }
}

resource "kubernetes_pod_v1" "own_setting" {
  metadata {
    name      = "own-setting"
    namespace = "shop"
  }
  spec {
    service_account_name            = kubernetes_service_account.loud.metadata[0].name
    automount_service_account_token = false
    container {
      name  = "app"
      image = "app:1.0"
    }
  }
}
"""


def test_pods_take_their_terraform_service_accounts_setting(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(MAIN)
    result = audit([tmp_path], Settings(rule_ids=("GDCC-K8S-012",)))
    found = {f.address: (f.status, f.evidence) for f in result.findings}
    assert found == {
        "kubernetes_deployment_v1.quiet_app": (
            Status.PASS, {"automount_token": False, "decided_by": "service account"}
        ),
        # the account does not set it: the default (true, the provider's and the API's)
        "kubernetes_pod_v1.loud_app": (
            Status.FAIL, {"automount_token": True, "decided_by": "Kubernetes default"}
        ),
        "kubernetes_pod_v1.own_setting": (
            Status.PASS, {"automount_token": False, "decided_by": "pod"}
        ),
    }
