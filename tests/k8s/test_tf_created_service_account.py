"""GDCC-K8S-013 on a Terraform pod whose ``service_account_name`` is the name of a
``kubernetes_service_account`` whose own name is not known before apply
(hashicorp/terraform-provider-kubernetes ``_examples/kubernetes_manifest/terraform-operator``:
``"${kubernetes_manifest.namespace.object.metadata.name}-sync-workspace"``): UNKNOWN "not
known from the input". An account that resource creates is never the namespace's
``default`` (Kubernetes makes that one in every namespace; the API refuses a second, and the
provider adopts it with ``kubernetes_default_service_account`` instead): PASS, saying why,
when the value is exactly that reference; a condition or ``coalesce`` that may choose
another value, text written around the reference, or a ``kubernetes_default_service_account``
keep their verdicts."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.settings import Settings

MAIN_TF = """\
variable "namespace" { type = string }
variable "sa" { type = string }
variable "own" { type = bool }

resource "kubernetes_service_account_v1" "sync" {
  metadata {
    name      = "${var.namespace}-sync"
    namespace = var.namespace
  }
}

resource "kubernetes_default_service_account_v1" "default" {
  metadata { namespace = var.namespace }
}

resource "kubernetes_deployment_v1" "NAME" {
  metadata { name = "NAME" }
  spec {
    template {
      metadata { labels = { app = "NAME" } }
      spec {
        service_account_name = ACCOUNT
        container {
          name  = "app"
          image = "nginx:1.27"
        }
      }
    }
  }
}
"""

CASES = {
    "exact": "kubernetes_service_account_v1.sync.metadata[0].name",
    "chosen": "coalesce(var.sa, kubernetes_service_account_v1.sync.metadata[0].name)",
    "condition": 'var.own ? kubernetes_service_account_v1.sync.metadata[0].name : "default"',
    "around": '"${kubernetes_service_account_v1.sync.metadata[0].name}-x"',
    "adopted": "kubernetes_default_service_account_v1.default.metadata[0].name",
}


def test_an_account_the_configuration_creates_is_not_default(tmp_path: Path) -> None:
    head, _, pod = MAIN_TF.partition('resource "kubernetes_deployment_v1"')
    pods = "".join(
        ('resource "kubernetes_deployment_v1"' + pod).replace("NAME", name).replace(
            "ACCOUNT", account)
        for name, account in CASES.items()
    )
    (tmp_path / "main.tf").write_text(head + pods, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-K8S-013",)))
    found = {f.address: (f.status.value, f.message.en) for f in result.findings}
    assert found["kubernetes_deployment_v1.exact"] == (
        "PASS", "Workloads run as their own service account, not `default` "
        "(service_account_name is the name of kubernetes_service_account_v1.sync, an account "
        "the configuration creates: never the namespace's default one)")
    for name in ("chosen", "condition", "around"):
        assert found[f"kubernetes_deployment_v1.{name}"][0] == "UNKNOWN", name
    assert found["kubernetes_deployment_v1.adopted"][0] == "FAIL"
