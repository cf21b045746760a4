"""GDCC-K8S-006 lists the limits (cpu, memory) some container does not set, in manifests and
with the Terraform kubernetes provider (checkov CKV_K8S_11 / CKV_K8S_13 test one each)."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

YAML = """\
apiVersion: v1
kind: Pod
metadata: {name: no-cpu, namespace: app}
spec:
  containers:
    - name: app
      image: registry.example/app:1.0
      resources: {limits: {memory: 256Mi}}
    - name: side
      image: registry.example/side:1.0
      resources: {limits: {cpu: 100m, memory: 64Mi}}
---
apiVersion: v1
kind: Pod
metadata: {name: both, namespace: app}
spec:
  containers:
    - name: app
      image: registry.example/app:1.0
      resources: {limits: {cpu: 500m, memory: 256Mi}}
"""

TF = """\
resource "kubernetes_pod" "no_memory" {
  metadata {
    name = "no-memory"
  }
  spec {
    container {
      name  = "app"
      image = "registry.example/app:1.0"
      resources {
        limits = { cpu = "250m" }
      }
    }
  }
}
"""


def test_missing_limits_are_listed(tmp_path: Path) -> None:
    (tmp_path / "pods.yaml").write_text(YAML, encoding="utf-8")
    (tmp_path / "main.tf").write_text(TF, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=["GDCC-K8S-006"]))
    got = {f.address: (f.status, f.evidence.get("missing_limits")) for f in result.findings}
    assert got == {
        "Pod/app/no-cpu": (Status.FAIL, ["cpu"]),
        "Pod/app/both": (Status.PASS, []),
        "kubernetes_pod.no_memory": (Status.FAIL, ["memory"]),
    }
