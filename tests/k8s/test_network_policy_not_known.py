"""A NetworkPolicy that may not select a pod did isolate it: a Terraform pod whose namespace
(``namespace = var.ns``) or labels (``app = var.app``) are known only at apply time, and a
default-deny policy in ``default`` (or one selecting ``app: redis``), made GDCC-GRAPH-010
PASS "isolated by a NetworkPolicy" (the graph took a namespace not known for ``default``,
and a selector that may match as matching). Whether the policy applies is not known: any
pod may reach it, uncertainly (UNKNOWN); a policy that surely selects it still isolates."""

from __future__ import annotations

from pathlib import Path

import pytest

from gdcc_audit.api import audit
from gdcc_audit.settings import Settings

MAIN_TF = """\
variable "ns" { type = string }
variable "app" { type = string }

resource "kubernetes_deployment_v1" "redis" {
  metadata {
    name      = "redis"
    namespace = NAMESPACE
  }
  spec {
    selector { match_labels = { app = APP } }
    template {
      metadata { labels = { app = APP } }
      spec {
        container {
          name  = "redis"
          image = "redis:7.2"
          port { container_port = 6379 }
        }
      }
    }
  }
}

resource "kubernetes_network_policy_v1" "deny" {
  metadata {
    name      = "deny"
    namespace = "default"
  }
  spec {
    pod_selector {
      match_labels = { app = "redis" }
    }
    policy_types = ["Ingress"]
  }
}
"""

NOT_KNOWN = (
    "UNKNOWN", "a NetworkPolicy may select it, but whether one does is not known (a "
    "selector, the pod's labels or a namespace not known)",
)


@pytest.mark.parametrize(("namespace", "app", "expected"), [
    ("var.ns", '"redis"', NOT_KNOWN),
    ('"default"', "var.app", NOT_KNOWN),
    ('"default"', '"redis"', ("PASS", "Kubernetes data workloads are isolated by a "
                              "NetworkPolicy")),
])
def test_a_policy_that_may_not_select_the_pod(
    tmp_path: Path, namespace: str, app: str, expected: tuple[str, str]
) -> None:
    text = MAIN_TF.replace("NAMESPACE", namespace).replace("APP", app)
    (tmp_path / "main.tf").write_text(text, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-010",)))
    found = {f.address: (f.status.value, f.message.en) for f in result.findings}
    assert found["kubernetes_deployment_v1.redis"] == expected
