"""``kubernetes_manifest`` (Terraform kubernetes provider) holds a Kubernetes object in its
``manifest`` argument, with the field names of YAML: it is judged as that object is in a
manifest (it was not judged at all: a privileged pod or a cluster-admin binding written
this way had no finding). A kind gdcc-audit does not judge (a custom resource) is counted as
not judged, as an unmapped type is."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

MAIN = """\
resource "kubernetes_manifest" "agent" {
  manifest = {
    apiVersion = "v1"
    kind       = "Pod"
    metadata = {
      name      = "agent"
      namespace = "ops"
    }
    spec = {
      hostPID = true
      containers = [
        {
          name  = "agent"
          image = "agent:1.0"
          securityContext = {
            privileged = true
          }
        },
      ]
    }
  }
}

resource "kubernetes_manifest" "web" {
  manifest = {
    apiVersion = "apps/v1"
    kind       = "Deployment"
    metadata = {
      name = "web"
    }
    spec = {
      template = {
        spec = {
          containers = [
            {
              name  = "web"
              image = "web:1.0"
            },
          ]
        }
      }
    }
  }
}

resource "kubernetes_manifest" "admins" {
  manifest = {
    apiVersion = "rbac.authorization.k8s.io/v1"
    kind       = "ClusterRoleBinding"
    metadata = {
      name = "admins"
    }
    roleRef = {
      apiGroup = "rbac.authorization.k8s.io"
      kind     = "ClusterRole"
      name     = "cluster-admin"
    }
    subjects = [
      {
        kind      = "ServiceAccount"
        name      = "deployer"
        namespace = "ci"
      },
    ]
  }
}

resource "kubernetes_manifest" "certificate" {
  manifest = {
    apiVersion = "cert-manager.io/v1"
    kind       = "Certificate"
    metadata = {
      name      = "web"
      namespace = "ops"
    }
    spec = {
      secretName = "web-tls"
    }
  }
}
"""


def test_manifest_objects_are_judged_as_their_kind(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(MAIN)
    rules = ("GDCC-K8S-001", "GDCC-K8S-004", "GDCC-K8S-015")
    result = audit([tmp_path], Settings(rule_ids=rules))
    found = {(f.address, f.rule_id): (f.status, f.evidence) for f in result.findings}
    assert found == {
        ("kubernetes_manifest.agent", "GDCC-K8S-001"): (
            Status.FAIL, {"privileged_container": True, "containers": ["agent"]}
        ),
        ("kubernetes_manifest.agent", "GDCC-K8S-004"): (
            Status.FAIL, {"host_namespaces": ["hostPID"]}
        ),
        ("kubernetes_manifest.web", "GDCC-K8S-001"): (
            Status.PASS, {"privileged_container": False}
        ),
        ("kubernetes_manifest.web", "GDCC-K8S-004"): (Status.PASS, {"host_namespaces": []}),
        ("kubernetes_manifest.admins", "GDCC-K8S-015"): (
            Status.FAIL, {"role": "cluster-admin"}
        ),
    }
    assert result.not_judged == {"kubernetes_manifest": 1}
