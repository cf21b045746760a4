"""A pod on the host's network binds each container port on the node ("If HostNetwork is
specified, this must match ContainerPort", Kubernetes API reference, ContainerPort): GDCC-K8S-014
FAILs with those ports (was PASS with no ``hostPort`` written), in manifests and in the
Terraform kubernetes provider alike."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

MANIFEST = """\
apiVersion: v1
kind: Pod
metadata: {name: on-host, namespace: apps}
spec:
  hostNetwork: true
  containers:
    - name: web
      image: nginx:1.27
      ports: [{containerPort: 8080}, {containerPort: 9090, hostPort: 9090}]
---
apiVersion: v1
kind: Pod
metadata: {name: own-network, namespace: apps}
spec:
  containers:
    - name: web
      image: nginx:1.27
      ports: [{containerPort: 8080}]
"""

TF = """\
resource "kubernetes_pod" "on_host" {
  metadata {
    name      = "tf-on-host"
    namespace = "apps"
  }
  spec {
    host_network = true
    container {
      name  = "web"
      image = "nginx:1.27"
      port {
        container_port = 8080
      }
    }
  }
}
"""


def test_container_ports_on_the_host_network_are_host_ports(tmp_path: Path) -> None:
    (tmp_path / "pods.yaml").write_text(MANIFEST, encoding="utf-8")
    (tmp_path / "tf").mkdir()
    (tmp_path / "tf" / "main.tf").write_text(TF, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-K8S-014",)))
    found = {f.address or "": (f.status, f.evidence.get("host_ports")) for f in result.findings}
    assert found == {
        "Pod/apps/on-host": (Status.FAIL, [8080, 9090]),
        "Pod/apps/own-network": (Status.PASS, []),
        "kubernetes_pod.on_host": (Status.FAIL, [8080]),
    }
