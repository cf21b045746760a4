"""checkov's Terraform checks of Kubernetes workloads number the memory checks the other way
round from its manifest checks (Terraform: CKV_K8S_12 MemoryLimits, CKV_K8S_13
MemoryRequests). Read by the manifest ids, checkov's Terraform FAIL for a missing memory
*request* was taken for the memory-limits item of GDCC-K8S-006 and hidden under the native
PASS (the workload sets its limits)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from gdcc_audit.bridges.checkov import load_table
from gdcc_audit.bridges.checkov.convert import bridge
from gdcc_audit.evaluate.engine import evaluate
from gdcc_audit.graph.model import ResourceGraph
from gdcc_audit.models.finding import Status
from gdcc_audit.plugins import collect, make_plugin_manager
from gdcc_audit.resources import rules_dir
from gdcc_audit.settings import Settings
from iac_helpers import run

TF = """\
resource "kubernetes_deployment" "api" {
  metadata {
    name = "api"
  }
  spec {
    template {
      metadata {
        labels = { app = "api" }
      }
      spec {
        container {
          name  = "api"
          image = "registry.example.go.th/api:1.4.2"
          resources {
            limits = { cpu = "500m", memory = "512Mi" }
          }
        }
      }
    }
  }
}
"""


def _report(main: Path, check_id: str) -> list[dict[str, Any]]:
    result = {
        "check_id": check_id,
        "check_name": "Memory requests should be set",
        "resource": "kubernetes_deployment.api",
        "file_abs_path": str(main),
        "file_line_range": [1, 21],
    }
    return [{"check_type": "terraform", "results": {"failed_checks": [result]}}]


def test_terraform_memory_requests_fail_is_its_own_finding(tmp_path: Path) -> None:
    main = tmp_path / "main.tf"
    main.write_text(TF, encoding="utf-8")
    resources = list(run(tmp_path)[0].values())
    settings = Settings(rule_ids=("GDCC-K8S-006",))
    registry = collect(make_plugin_manager(), settings)
    rules = [r for r in registry.rules if r.id == "GDCC-K8S-006"]
    native = list(
        evaluate(resources, rules, tenants=[], graph=ResourceGraph(resources), settings=settings)
    )
    assert [f.status for f in native] == [Status.PASS]  # its limits are set
    table = load_table(rules_dir() / "checkov", {r.meta.id: r.meta for r in registry.rules})
    # checkov's Terraform CKV_K8S_13 is MemoryRequests: a FAIL the native PASS must not hide
    out = bridge(_report(main, "CKV_K8S_13"), table, resources, native)
    (own,) = out.findings
    assert (own.rule_id, own.status, own.address) == (
        "CKV_K8S_12", Status.FAIL, "kubernetes_deployment.api"
    )
    assert own.message.en == "checkov CKV_K8S_12 failed: Memory requests are set"
    assert out.disagreed == []
