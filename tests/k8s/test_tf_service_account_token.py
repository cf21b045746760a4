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


def _chosen(name: str, account: str) -> str:
    return f"""
resource "kubernetes_pod_v1" "{name}" {{
  metadata {{
    name      = "{name}"
    namespace = "shop"
  }}
  spec {{
    service_account_name = {account}
    container {{
      name  = "app"
      image = "app:1.0"
    }}
  }}
}}
"""


def test_an_account_a_condition_chooses_is_judged_for_each(tmp_path: Path) -> None:
    """``service_account_name = var.own ? kubernetes_service_account_v1.quiet.metadata[0].name
    : "builder"``: the reference named the account for certain (PASS, though ``builder``
    mounts its token). Each account a condition may choose is judged: all the same -> that
    verdict; they differ, or one is not known -> UNKNOWN."""
    quiet = "kubernetes_service_account_v1.quiet.metadata[0].name"
    (tmp_path / "main.tf").write_text(
        MAIN.split('resource "kubernetes_deployment_v1"', maxsplit=1)[0]
        + 'variable "own" {\n  type = bool\n}\n\nvariable "account" {\n  type = string\n}\n'
        + _chosen("either", f'var.own ? {quiet} : "builder"')
        + _chosen("both_loud", 'var.own ? "loud" : null')
        + _chosen("both_quiet", f'var.own ? {quiet} : "quiet"')
        + _chosen("one_unknown", f"var.own ? {quiet} : var.account")
        + _chosen("known", f'true ? {quiet} : "builder"')
    )
    result = audit([tmp_path], Settings(rule_ids=("GDCC-K8S-012",)))
    found = {f.address: (f.status, f.message.en, f.evidence) for f in result.findings}
    assert found == {
        "kubernetes_pod_v1.either": (
            Status.UNKNOWN,
            "the service account is chosen by a condition not known, and the token mount "
            "depends on which (quiet: not mounted (service account), builder: mounted "
            "(Kubernetes default))",
            {"automount_token": None, "service_account_choices": ["quiet", "builder"]},
        ),
        # null: no account named, the namespace's ``default`` (not in the scan: mounted)
        "kubernetes_pod_v1.both_loud": (
            Status.FAIL,
            "the service-account token is mounted with each service account a condition may "
            "choose (loud: mounted (Kubernetes default), default: mounted (Kubernetes "
            "default))",
            {"automount_token": True, "decided_by": "service accounts a condition chooses",
             "service_account_choices": ["loud", "default"]},
        ),
        # both branches name "quiet" (``metadata[0].name`` is read as written since stop
        # 48): the account is known whatever var.own is
        "kubernetes_pod_v1.both_quiet": (
            Status.PASS,
            "Pods do not mount a service-account token they do not need",
            {"automount_token": False, "decided_by": "service account"},
        ),
        "kubernetes_pod_v1.one_unknown": (
            Status.UNKNOWN,
            "the service account is chosen by a condition not known, and the token mount "
            "depends on which (quiet: not mounted (service account), a value not known)",
            {"automount_token": None, "service_account_choices": ["quiet", None]},
        ),
        "kubernetes_pod_v1.known": (
            Status.PASS,
            "Pods do not mount a service-account token they do not need",
            {"automount_token": False, "decided_by": "service account"},
        ),
    }


def test_gdcc_k8s_013_reads_each_account_a_condition_chooses(tmp_path: Path) -> None:
    """``var.own ? "app" : "batch"`` runs as its own account either way (PASS; was UNKNOWN,
    the value being known only at apply), ``var.own ? "app" : null`` may run as ``default``
    (UNKNOWN), ``var.own ? "default" : ""`` does in every case (FAIL)."""
    (tmp_path / "main.tf").write_text(
        'variable "own" {\n  type = bool\n}\n'
        + _chosen("named", 'var.own ? "app" : "batch"')
        + _chosen("maybe_default", 'var.own ? "app" : null')
        + _chosen("always_default", 'var.own ? "default" : ""')
    )
    result = audit([tmp_path], Settings(rule_ids=("GDCC-K8S-013",)))
    assert {f.address: f.status for f in result.findings} == {
        "kubernetes_pod_v1.named": Status.PASS,
        "kubernetes_pod_v1.maybe_default": Status.UNKNOWN,
        "kubernetes_pod_v1.always_default": Status.FAIL,
    }
