"""A failing workload finding names the containers at fault (evidence ``containers`` and the
message), in manifests and with the Terraform kubernetes provider."""

from __future__ import annotations

from pathlib import Path

import pytest

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

#: One hardened container and one sidecar that runs as root with nothing restricted.
YAML = """\
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      securityContext: {runAsNonRoot: true, runAsUser: 10001}
      containers:
        - name: web
          image: registry.example/web:1.4.2
          securityContext:
            allowPrivilegeEscalation: false
            readOnlyRootFilesystem: true
            capabilities: {drop: ["ALL"]}
          resources: {limits: {cpu: 500m, memory: 256Mi}}
        - name: sidecar
          image: registry.example/sidecar:1.36
          securityContext: {runAsUser: 0, privileged: true}
      initContainers:
        - image: registry.example/init:2.0
          securityContext:
            allowPrivilegeEscalation: false
            readOnlyRootFilesystem: true
            capabilities: {drop: ["ALL"]}
"""

TF = """\
resource "kubernetes_deployment_v1" "web" {
  metadata {
    name      = "web"
    namespace = "shop"
  }
  spec {
    selector { match_labels = { app = "web" } }
    template {
      metadata { labels = { app = "web" } }
      spec {
        security_context {
          run_as_non_root = true
          run_as_user     = 10001
        }
        container {
          name  = "web"
          image = "registry.example/web:1.4.2"
          security_context {
            allow_privilege_escalation = false
            read_only_root_filesystem  = true
            capabilities { drop = ["ALL"] }
          }
          resources {
            limits = { cpu = "500m", memory = "256Mi" }
          }
        }
        container {
          name  = "sidecar"
          image = "registry.example/sidecar:1.36"
          security_context {
            run_as_user = 0
            privileged  = true
          }
        }
      }
    }
  }
}
"""

RULES = [f"GDCC-K8S-00{n}" for n in (1, 2, 3, 6, 7, 8)]


@pytest.mark.parametrize(
    ("name", "text", "address"),
    [("app.yaml", YAML, "Deployment/shop/web"), ("main.tf", TF, "kubernetes_deployment_v1.web")],
)
def test_each_failing_workload_rule_names_the_containers_at_fault(
    tmp_path: Path, name: str, text: str, address: str
) -> None:
    (tmp_path / name).write_text(text, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=RULES))
    found = {f.rule_id: f for f in result.findings if f.address == address}
    assert {rule: f.status for rule, f in found.items()} == dict.fromkeys(RULES, Status.FAIL)
    # The init container (no name in the manifest: its place) sets no limits.
    limits = ["initContainers.0", "sidecar"] if name == "app.yaml" else ["sidecar"]
    assert {rule: f.evidence for rule, f in found.items()} == {
        "GDCC-K8S-001": {"privileged_container": True, "containers": ["sidecar"]},
        "GDCC-K8S-002": {"run_as_root": True, "containers": ["sidecar"]},
        "GDCC-K8S-003": {"privilege_escalation": True, "containers": ["sidecar"]},
        "GDCC-K8S-006": {"missing_limits": ["cpu", "memory"], "containers": limits},
        "GDCC-K8S-007": {"read_only_root_fs": False, "containers": ["sidecar"]},
        "GDCC-K8S-008": {"drops_all_capabilities": False, "containers": ["sidecar"]},
    }
    message = found["GDCC-K8S-002"].message
    assert message.en == "a container runs as root (containers: sidecar)"
    assert message.th.endswith("(คอนเทนเนอร์: sidecar)")
    assert found["GDCC-K8S-006"].message.en == (
        f"a container sets no cpu, memory limit (containers: {', '.join(limits)})"
    )


def test_a_passing_workload_names_no_container(tmp_path: Path) -> None:
    hardened = YAML.split("        - name: sidecar", maxsplit=1)[0]
    (tmp_path / "app.yaml").write_text(hardened, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=["GDCC-K8S-002", "GDCC-K8S-007"]))
    assert [(f.rule_id, f.status, f.evidence) for f in result.findings] == [
        ("GDCC-K8S-002", Status.PASS, {"run_as_root": False}),
        ("GDCC-K8S-007", Status.PASS, {"read_only_root_fs": True}),
    ]
