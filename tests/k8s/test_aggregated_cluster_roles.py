"""An aggregated ClusterRole (``aggregationRule.clusterRoleSelectors``) grants what the
ClusterRoles it selects grant, anywhere in the cluster; the control plane overwrites the rules
written in it. Its permissions are not known from the files: GDCC-IAM-005 and GDCC-K8S-016 are
UNKNOWN with that reason (they passed on its empty ``rules``). Manifests and the Terraform
kubernetes provider (``aggregation_rule { cluster_role_selectors { ... } }``) alike."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

ROLES = """\
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: monitoring}
aggregationRule:
  clusterRoleSelectors:
    - matchLabels: {rbac.example.com/aggregate-to-monitoring: "true"}
rules: []
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: monitoring-endpoints
  labels: {rbac.example.com/aggregate-to-monitoring: "true"}
rules:
  - apiGroups: [""]
    resources: [services, endpoints, pods]
    verbs: [get, list, watch]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: no-selectors}
aggregationRule: {clusterRoleSelectors: []}
rules:
  - apiGroups: [""]
    resources: [pods]
    verbs: [get]
"""

MAIN_TF = """\
resource "kubernetes_cluster_role_v1" "aggregate" {
  metadata {
    name = "aggregate"
  }
  aggregation_rule {
    cluster_role_selectors {
      match_labels = {
        "rbac.example.com/aggregate-to-monitoring" = "true"
      }
    }
  }
}
"""

REASON = (
    "an aggregated ClusterRole: the control plane replaces its rules with those of every "
    "ClusterRole of the cluster its aggregationRule selects"
)


def test_aggregated_cluster_roles_are_unknown(tmp_path: Path) -> None:
    (tmp_path / "roles.yaml").write_text(ROLES)
    (tmp_path / "main.tf").write_text(MAIN_TF)
    result = audit([tmp_path], Settings(rule_ids=("GDCC-IAM-005", "GDCC-K8S-016")))
    found = {(f.address, f.rule_id): (f.status, f.evidence) for f in result.findings}
    assert found == {
        ("ClusterRole/monitoring", "GDCC-IAM-005"): (
            Status.UNKNOWN,
            {"wildcard_permissions": None, "unknown_because": {"wildcard_permissions": REASON}},
        ),
        ("ClusterRole/monitoring", "GDCC-K8S-016"): (
            Status.UNKNOWN,
            {"reads_secrets": None, "unknown_because": {"reads_secrets": REASON}},
        ),
        ("ClusterRole/monitoring-endpoints", "GDCC-IAM-005"): (
            Status.PASS, {"wildcard_permissions": False}
        ),
        ("ClusterRole/monitoring-endpoints", "GDCC-K8S-016"): (
            Status.PASS, {"reads_secrets": False}
        ),
        ("ClusterRole/no-selectors", "GDCC-IAM-005"): (
            Status.PASS, {"wildcard_permissions": False}
        ),
        ("ClusterRole/no-selectors", "GDCC-K8S-016"): (Status.PASS, {"reads_secrets": False}),
        ("kubernetes_cluster_role_v1.aggregate", "GDCC-IAM-005"): (
            Status.UNKNOWN, {"wildcard_permissions": None}
        ),
        ("kubernetes_cluster_role_v1.aggregate", "GDCC-K8S-016"): (
            Status.UNKNOWN, {"reads_secrets": None}
        ),
    }
