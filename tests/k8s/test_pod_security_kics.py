"""Pod security facts found wrong while comparing with KICS's Kubernetes query tests.

- A Windows HostProcess container (``windowsOptions.hostProcess: true``, the container's or
  the pod's) runs with privileged access to the node: it FAILS GDCC-K8S-001 (it passed).
- The Terraform kubernetes provider types ``run_as_user`` as a string holding an integer:
  ``run_as_user = "1000"`` runs as UID 1000 (GDCC-K8S-002 failed it as root by default) and
  ``run_as_user = "0"`` as root.
- Terraform ``limits { ... }`` written as a block (provider 1.x) are the container's limits.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

WINDOWS = """\
apiVersion: v1
kind: Pod
metadata: {name: host-agent, namespace: ops}
spec:
  hostNetwork: true
  securityContext:
    windowsOptions: {hostProcess: true, runAsUserName: "NT AUTHORITY\\\\SYSTEM"}
  containers:
    - {name: agent, image: "agent:1.0"}
---
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: exporter, namespace: ops}
spec:
  selector: {matchLabels: {app: exporter}}
  template:
    metadata: {labels: {app: exporter}}
    spec:
      hostNetwork: true
      containers:
        - name: exporter
          image: "exporter:1.0"
          securityContext:
            windowsOptions: {hostProcess: true}
        - name: sidecar
          image: "sidecar:1.0"
          securityContext:
            windowsOptions: {hostProcess: false}
---
apiVersion: v1
kind: Pod
metadata: {name: plain, namespace: ops}
spec:
  securityContext:
    windowsOptions: {runAsUserName: ContainerUser}
  containers:
    - {name: app, image: "app:1.0"}
"""

PODS_TF = """\
resource "kubernetes_pod_v1" "uid_text" {
  metadata {
    name = "uid-text"
  }
  spec {
    security_context {
      run_as_user = "1000"
    }
    container {
      name  = "app"
      image = "app:1.0"
    }
  }
}

resource "kubernetes_pod_v1" "root_text" {
  metadata {
    name = "root-text"
  }
  spec {
    security_context {
      run_as_user = "1000"
    }
    container {
      name  = "app"
      image = "app:1.0"
      security_context {
        run_as_user = "0"
      }
    }
  }
}

resource "kubernetes_pod_v1" "uid_number" {
  metadata {
    name = "uid-number"
  }
  spec {
    container {
      name  = "app"
      image = "app:1.0"
      security_context {
        run_as_user = 1000
      }
    }
  }
}
"""


def _found(tmp_path: Path, name: str, text: str, rule: str) -> dict[str, tuple[Status, Any]]:
    (tmp_path / name).write_text(text)
    result = audit([tmp_path], Settings(rule_ids=(rule,)))
    return {f.address: (f.status, f.evidence) for f in result.findings}


def test_windows_host_process_containers_are_privileged(tmp_path: Path) -> None:
    assert _found(tmp_path, "windows.yaml", WINDOWS, "GDCC-K8S-001") == {
        "Pod/ops/host-agent": (
            Status.FAIL, {"privileged_container": True, "containers": ["agent"]}
        ),
        # the sidecar's own hostProcess: false is not a HostProcess container
        "DaemonSet/ops/exporter": (
            Status.FAIL, {"privileged_container": True, "containers": ["exporter"]}
        ),
        "Pod/ops/plain": (Status.PASS, {"privileged_container": False}),
    }


def test_terraform_run_as_user_text_is_the_uid(tmp_path: Path) -> None:
    assert _found(tmp_path, "main.tf", PODS_TF, "GDCC-K8S-002") == {
        "kubernetes_pod_v1.uid_text": (Status.PASS, {"run_as_root": False}),
        "kubernetes_pod_v1.root_text": (Status.FAIL, {"run_as_root": True, "containers": ["app"]}),
        "kubernetes_pod_v1.uid_number": (Status.PASS, {"run_as_root": False}),
    }


LIMITS_TF = """\
resource "kubernetes_pod" "limits_block" {
  metadata {
    name = "limits-block"
  }
  spec {
    container {
      name  = "app"
      image = "app:1.0"
      resources {
        limits {
          cpu    = "500m"
          memory = "512Mi"
        }
      }
    }
  }
}

resource "kubernetes_pod_v1" "limits_map" {
  metadata {
    name = "limits-map"
  }
  spec {
    container {
      name  = "app"
      image = "app:1.0"
      resources {
        limits = {
          memory = "512Mi"
        }
      }
    }
  }
}
"""


def test_terraform_limits_written_as_a_block_are_read(tmp_path: Path) -> None:
    """Provider 1.x wrote ``limits { cpu = ... }`` as a block (2.x a map): both are the
    container's limits (the block form failed GDCC-K8S-006 as "no cpu, memory limit")."""
    assert _found(tmp_path, "main.tf", LIMITS_TF, "GDCC-K8S-006") == {
        "kubernetes_pod.limits_block": (Status.PASS, {"missing_limits": []}),
        "kubernetes_pod_v1.limits_map": (
            Status.FAIL, {"missing_limits": ["cpu"], "containers": ["app"]}
        ),
    }
