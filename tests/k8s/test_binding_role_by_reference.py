"""GDCC-K8S-015 on a Terraform binding whose role is named by reference to a role of the scan
whose name is not known before apply (hashicorp/terraform-provider-kubernetes
_examples/kubernetes_manifest/terraform-operator: ``name = "${var.namespace}-sync-workspace"``,
``role_ref { name = kubernetes_role.tfc-role.metadata[0].name }``). It was UNKNOWN "the bound
role is not known"; the reference says which role is bound, and a role the scan creates is not
the built-in cluster-admin. Now it is judged on that role: PASS when its rules are known and
none allows every verb on every resource of every API group, FAIL when one does, UNKNOWN when
its rules are not known (a variable, a dynamic block) or it aggregates other roles."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.settings import Settings

ROLE = """\
variable "namespace" {
  type = string
}

variable "verbs" {
  type = list(string)
}

resource "kubernetes_role" "app" {
  metadata {
    name      = "${var.namespace}-app"
    namespace = var.namespace
  }
  rule {
    api_groups = %(groups)s
    resources  = %(resources)s
    verbs      = %(verbs)s
  }
}

resource "kubernetes_role_binding" "app" {
  metadata {
    name      = "${var.namespace}-app"
    namespace = var.namespace
  }
  role_ref {
    api_group = "rbac.authorization.k8s.io"
    kind      = "Role"
    name      = kubernetes_role.app.metadata[0].name
  }
  subject {
    kind      = "ServiceAccount"
    name      = "app"
    namespace = var.namespace
  }
}
"""

AGGREGATED = """\
variable "prefix" {
  type = string
}

resource "kubernetes_cluster_role_v1" "agg" {
  metadata {
    name = "${var.prefix}-agg"
  }
  aggregation_rule {
    cluster_role_selectors {
      match_labels = { "rbac.example.com/aggregate" = "true" }
    }
  }
}

resource "kubernetes_cluster_role_binding_v1" "agg" {
  metadata {
    name = "${var.prefix}-agg"
  }
  role_ref {
    api_group = "rbac.authorization.k8s.io"
    kind      = "ClusterRole"
    name      = kubernetes_cluster_role_v1.agg.metadata[0].name
  }
  subject {
    kind      = "Group"
    name      = "ops"
    api_group = "rbac.authorization.k8s.io"
  }
}
"""


def _binding(tmp_path: Path, text: str, address: str) -> tuple[str, str, dict[str, object]]:
    (tmp_path / "main.tf").write_text(text, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-K8S-015",)))
    [found] = [f for f in result.findings if f.address == address]
    return found.status.value, found.message.en, found.evidence


def test_a_narrow_role_bound_by_reference_passes(tmp_path: Path) -> None:
    text = ROLE % {"groups": '[""]', "resources": '["pods"]', "verbs": '["get", "list"]'}
    assert _binding(tmp_path, text, "kubernetes_role_binding.app") == (
        "PASS",
        "No binding grants cluster-admin",
        {"role": "kubernetes_role.app"},
    )


def test_an_every_permission_role_bound_by_reference_fails(tmp_path: Path) -> None:
    text = ROLE % {"groups": '["*"]', "resources": '["*"]', "verbs": '["*"]'}
    assert _binding(tmp_path, text, "kubernetes_role_binding.app") == (
        "FAIL",
        "binds the role kubernetes_role.app, which allows every verb on every resource of "
        "every API group, as cluster-admin does",
        {"role": "kubernetes_role.app"},
    )


def test_a_role_whose_rules_are_not_known_stays_unknown(tmp_path: Path) -> None:
    text = ROLE % {"groups": '["*"]', "resources": '["*"]', "verbs": "var.verbs"}
    assert _binding(tmp_path, text, "kubernetes_role_binding.app") == (
        "UNKNOWN",
        "the bound role is not known",
        {"admin_privileges": None},
    )


def test_an_aggregated_role_stays_unknown(tmp_path: Path) -> None:
    assert _binding(tmp_path, AGGREGATED, "kubernetes_cluster_role_binding_v1.agg") == (
        "UNKNOWN",
        "the bound role is not known",
        {"admin_privileges": None},
    )
