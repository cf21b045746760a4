"""A Terraform ``kubernetes_role`` / ``kubernetes_cluster_role`` (``_v1``) whose rule writes a
value not known (``verbs = var.verbs``, a ``dynamic "rule"`` block over an input) was not
mapped at all: reading whether it reads Secrets only by name raised "TypeError: an UNKNOWN
value has no truth value", so the role was an input error ("cannot map
kubernetes_role_v1.reader", the file partially assessed) and no rule judged it. It is a role
again, judged on what is known (GDCC-K8S-016 UNKNOWN when its reading of Secrets depends on
the value); a role whose rules are all known keeps its reason."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.models.result import InputStatus
from gdcc_audit.settings import Settings

MAIN = """\
variable "verbs" {
  type = list(string)
}

variable "rules" {
  type = list(object({ resources = list(string), verbs = list(string) }))
}

resource "kubernetes_role_v1" "reader" {
  metadata {
    name      = "reader"
    namespace = "ops"
  }
  rule {
    api_groups = [""]
    resources  = ["secrets"]
    verbs      = var.verbs
  }
}

resource "kubernetes_cluster_role_v1" "dynamic" {
  metadata {
    name = "dynamic"
  }
  dynamic "rule" {
    for_each = var.rules
    content {
      api_groups = [""]
      resources  = rule.value.resources
      verbs      = rule.value.verbs
    }
  }
}

resource "kubernetes_role_v1" "named" {
  metadata {
    name      = "named"
    namespace = "ops"
  }
  rule {
    api_groups     = [""]
    resources      = ["secrets"]
    resource_names = ["webhook-ca"]
    verbs          = ["get"]
  }
}
"""


def test_a_role_with_rules_not_known_is_mapped_and_judged(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(MAIN, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-K8S-016",)))
    assert [i.status for i in result.inputs] == [InputStatus.ASSESSED]  # was partially
    found = {f.address: f for f in result.findings}
    assert found["kubernetes_role_v1.reader"].status is Status.UNKNOWN  # was not judged
    assert found["kubernetes_cluster_role_v1.dynamic"].status is Status.UNKNOWN
    named = found["kubernetes_role_v1.named"]
    assert named.status is Status.PASS
    assert named.evidence["decided_by"] == {
        "reads_secrets": "it reads only the Secrets its rules name in resourceNames: webhook-ca"
    }
