"""Kubernetes objects written with the Terraform kubernetes provider are judged like the same
objects in YAML (read-only root filesystem, host ports, image pinning, default service account
bindings); a value that cannot be known never decides a verdict."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

MAIN = """\
variable "image" {
  type = string
}

locals {
  digest = "0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0"
}

resource "kubernetes_pod" "hardened" {
  metadata {
    name      = "hardened"
    namespace = "apps"
  }
  spec {
    container {
      name  = "app"
      image = "registry.example/app@sha256:${local.digest}"
      security_context {
        read_only_root_filesystem = true
      }
      port {
        container_port = 8080
      }
    }
  }
}

resource "kubernetes_deployment_v1" "loose" {
  metadata {
    name = "loose"
  }
  spec {
    template {
      metadata {
        labels = { app = "loose" }
      }
      spec {
        container = [{
          name  = "web"
          image = "nginx:latest"
          port  = { container_port = 80, host_port = 80 }
        }]
      }
    }
  }
}

resource "kubernetes_pod_v1" "from_variable" {
  metadata {
    name = "from-variable"
  }
  spec {
    container {
      name  = "app"
      image = var.image
      security_context {
        read_only_root_filesystem = true
      }
    }
  }
}

resource "kubernetes_cluster_role_binding" "default_sa" {
  metadata {
    name = "default-sa"
  }
  role_ref {
    api_group = "rbac.authorization.k8s.io"
    kind      = "ClusterRole"
    name      = "view"
  }
  subject {
    kind      = "ServiceAccount"
    name      = "default"
    namespace = "apps"
  }
}
"""

YAML = """\
apiVersion: apps/v1
kind: Deployment
metadata: {name: loose-yaml}
spec:
  selector: {matchLabels: {app: loose}}
  template:
    metadata: {labels: {app: loose}}
    spec:
      containers:
        - name: web
          image: nginx:latest
          ports: [{containerPort: 80, hostPort: 80}]
"""

RULES = ("GDCC-K8S-007", "GDCC-K8S-011", "GDCC-K8S-014", "GDCC-K8S-017")


def test_kubernetes_provider_objects(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(MAIN)
    (tmp_path / "k8s.yaml").write_text(YAML)
    result = audit([tmp_path], Settings(rule_ids=RULES))
    got = {(f.rule_id, f.address): f.status for f in result.findings}
    expected = {
        ("GDCC-K8S-007", "kubernetes_pod.hardened"): Status.PASS,
        ("GDCC-K8S-011", "kubernetes_pod.hardened"): Status.PASS,
        ("GDCC-K8S-014", "kubernetes_pod.hardened"): Status.PASS,
        ("GDCC-K8S-007", "kubernetes_deployment_v1.loose"): Status.FAIL,
        ("GDCC-K8S-011", "kubernetes_deployment_v1.loose"): Status.FAIL,
        ("GDCC-K8S-014", "kubernetes_deployment_v1.loose"): Status.FAIL,
        # the image comes from a variable: pinned or not cannot be known
        ("GDCC-K8S-007", "kubernetes_pod_v1.from_variable"): Status.PASS,
        ("GDCC-K8S-011", "kubernetes_pod_v1.from_variable"): Status.UNKNOWN,
        ("GDCC-K8S-014", "kubernetes_pod_v1.from_variable"): Status.PASS,
        ("GDCC-K8S-017", "kubernetes_cluster_role_binding.default_sa"): Status.FAIL,
    }
    assert {k: v for k, v in got.items() if k[1] in {a for _, a in expected}} == expected
    # the same deployment in YAML gets the same verdicts
    yaml_verdicts = {r: s for (r, a), s in got.items() if a == "Deployment/default/loose-yaml"}
    assert yaml_verdicts == {r: s for (r, a), s in expected.items() if a.endswith(".loose")}
