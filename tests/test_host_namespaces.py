"""Pods that share the host's PID, IPC or network namespace fail GDCC-K8S-004 with the shared
namespaces listed, in Kubernetes YAML and in the Terraform kubernetes provider (``host_pid`` /
``host_ipc`` are hostPID / hostIPC, not "hostPid": a pod with ``host_pid = true`` passed)."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

MAIN = """\
resource "kubernetes_pod_v1" "pid" {
  metadata {
    name = "pid"
  }
  spec {
    host_pid = true
    container {
      name  = "app"
      image = "nginx@sha256:0000000000000000000000000000000000000000000000000000000000000000"
    }
  }
}

resource "kubernetes_deployment_v1" "ipc_and_network" {
  metadata {
    name = "ipc"
  }
  spec {
    template {
      metadata {
        labels = { app = "ipc" }
      }
      spec {
        host_ipc     = true
        host_network = true
        container {
          name  = "app"
          image = "nginx:1.27"
        }
      }
    }
  }
}

resource "kubernetes_pod_v1" "isolated" {
  metadata {
    name = "isolated"
  }
  spec {
    host_pid = false
    container {
      name  = "app"
      image = "nginx:1.27"
    }
  }
}
"""

PODS = """\
apiVersion: v1
kind: Pod
metadata: {name: agent, namespace: ops}
spec:
  hostPID: true
  hostNetwork: true
  containers:
    - {name: agent, image: "agent:1.0"}
---
apiVersion: v1
kind: Pod
metadata: {name: web, namespace: ops}
spec:
  containers:
    - {name: web, image: "web:1.0"}
"""


def test_shared_host_namespaces_are_listed(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(MAIN)
    (tmp_path / "pods.yaml").write_text(PODS)
    result = audit([tmp_path], Settings(rule_ids=("GDCC-K8S-004",)))
    found = {f.address: (f.status, f.evidence) for f in result.findings}
    assert found == {
        "kubernetes_pod_v1.pid": (Status.FAIL, {"host_namespaces": ["hostPID"]}),
        "kubernetes_deployment_v1.ipc_and_network": (
            Status.FAIL,
            {"host_namespaces": ["hostIPC", "hostNetwork"]},
        ),
        "kubernetes_pod_v1.isolated": (Status.PASS, {"host_namespaces": []}),
        "Pod/ops/agent": (Status.FAIL, {"host_namespaces": ["hostNetwork", "hostPID"]}),
        "Pod/ops/web": (Status.PASS, {"host_namespaces": []}),
    }
