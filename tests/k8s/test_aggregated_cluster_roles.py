"""An aggregated ClusterRole (``aggregationRule.clusterRoleSelectors``) grants what the
ClusterRoles it selects grant, anywhere in the cluster; the control plane overwrites the rules
written in it. What a selected ClusterRole of the scan grants, it grants (FAIL, naming the
role: it was UNKNOWN); what none of them grants is not known from the files (roles outside the
scan may be selected): GDCC-IAM-005 and GDCC-K8S-016 are UNKNOWN with that reason (they passed
on its empty ``rules``), unless every selector requires a label of the project's own (not in
the ``kubernetes.io`` / ``k8s.io`` domains Kubernetes reserves, so no built-in role carries it),
the scan holds roles with it, each known, and no role of another format: then none grants it
(PASS, saying so). Manifests and the Terraform kubernetes provider
(``aggregation_rule { cluster_role_selectors { ... } }``) alike."""

from __future__ import annotations

from pathlib import Path

import pytest

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.models.result import InputStatus
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
#: The role it selects in the scan grants neither: roles outside the scan may (the scan holds
#: a Terraform role, whose labels are not read with the manifests').
SELECTED = (
    REASON + "; none of those in the scan grants it (ClusterRole/monitoring-endpoints); roles "
    "outside the scan labelled rbac.example.com/aggregate-to-monitoring=true may"
)


def test_aggregated_cluster_roles_are_unknown(tmp_path: Path) -> None:
    (tmp_path / "roles.yaml").write_text(ROLES)
    (tmp_path / "main.tf").write_text(MAIN_TF)
    result = audit([tmp_path], Settings(rule_ids=("GDCC-IAM-005", "GDCC-K8S-016")))
    found = {(f.address, f.rule_id): (f.status, f.evidence) for f in result.findings}
    assert found == {
        ("ClusterRole/monitoring", "GDCC-IAM-005"): (
            Status.UNKNOWN,
            {"wildcard_permissions": None, "unknown_because": {"wildcard_permissions": SELECTED}},
        ),
        ("ClusterRole/monitoring", "GDCC-K8S-016"): (
            Status.UNKNOWN,
            {"reads_secrets": None, "unknown_because": {"reads_secrets": SELECTED}},
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


GRANTING = """\
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: ops}
aggregationRule:
  clusterRoleSelectors:
    - matchLabels: {rbac.example.com/aggregate-to-ops: "true"}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: ops-debug
  labels: {rbac.example.com/aggregate-to-ops: "true"}
aggregationRule:
  clusterRoleSelectors:
    - matchExpressions:
        - {key: rbac.example.com/aggregate-to-ops-debug, operator: Exists}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: secrets-reader
  labels: {rbac.example.com/aggregate-to-ops-debug: "yes"}
rules:
  - apiGroups: [""]
    resources: [secrets]
    verbs: [get, list]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: unlabelled
rules:
  - apiGroups: ["*"]
    resources: ["*"]
    verbs: ["*"]
---
apiVersion: v1
kind: ServiceAccount
metadata: {name: ops, namespace: tools}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: ops}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: ops}
subjects:
  - {kind: ServiceAccount, name: ops, namespace: tools}
"""


def test_aggregated_roles_grant_what_the_selected_roles_of_the_scan_grant(
    tmp_path: Path,
) -> None:
    """ops selects ops-debug, itself aggregated, which selects secrets-reader: both read
    Secrets (nested aggregation); neither grants a wildcard (the unlabelled ClusterRole that
    does is selected by neither): both select by labels of the project's own only, so that is
    decided (it was not known)."""
    (tmp_path / "roles.yaml").write_text(GRANTING)
    result = audit([tmp_path], Settings(rule_ids=("GDCC-IAM-005", "GDCC-K8S-016")))
    found = {(f.address, f.rule_id): (f.status, f.evidence) for f in result.findings}
    assert found[("ClusterRole/ops", "GDCC-K8S-016")] == (
        Status.FAIL,
        {
            "reads_secrets": True,
            "decided_by": {
                "reads_secrets": "aggregated ClusterRole: its aggregationRule selects "
                "ClusterRole/ops-debug"
            },
        },
    )
    assert found[("ClusterRole/ops-debug", "GDCC-K8S-016")] == (
        Status.FAIL,
        {
            "reads_secrets": True,
            "decided_by": {
                "reads_secrets": "aggregated ClusterRole: its aggregationRule selects "
                "ClusterRole/secrets-reader"
            },
        },
    )
    assert found[("ClusterRole/ops", "GDCC-IAM-005")] == (
        Status.PASS,
        {
            "wildcard_permissions": False,
            "decided_by": {
                "wildcard_permissions": "aggregated ClusterRole: its aggregationRule selects "
                "the roles labelled rbac.example.com/aggregate-to-ops=true (labels of the "
                "project's own, no built-in role carries them); none of those of the scan "
                "grants it (ClusterRole/ops-debug)"
            },
        },
    )
    assert found[("ClusterRole/unlabelled", "GDCC-IAM-005")][0] == Status.FAIL


def test_aggregated_wildcard_reaches_the_cluster(tmp_path: Path) -> None:
    """GDCC-GRAPH-006: the account bound to an aggregated role that selects a wildcard role of
    the scan reaches every object (it was UNKNOWN: "permissions not known")."""
    label = '  labels: {rbac.example.com/aggregate-to-ops: "true"}\n'
    text = GRANTING.replace("  name: unlabelled\n", "  name: unlabelled\n" + label)
    (tmp_path / "roles.yaml").write_text(text)
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-006", "GDCC-IAM-005")))
    found = {(f.address, f.rule_id): f for f in result.findings}
    account = found[("ServiceAccount/tools/ops", "GDCC-GRAPH-006")]
    assert account.status == Status.FAIL
    assert account.message.en == (
        "a wildcard or administrator permission reaches all 6 kubernetes resources"
    )
    ops = found[("ClusterRole/ops", "GDCC-IAM-005")]
    assert (ops.status, ops.evidence["decided_by"]) == (
        Status.FAIL,
        {"wildcard_permissions": "aggregated ClusterRole: its aggregationRule selects "
         "ClusterRole/unlabelled"},
    )


OWN_AND_BUILTIN = """\
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: prometheus}
aggregationRule:
  clusterRoleSelectors:
    - matchLabels: {rbac.storage.example.io/aggregate-to-prometheus: "true"}
rules: []
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: prometheus-rules
  labels: {rbac.storage.example.io/aggregate-to-prometheus: "true"}
rules:
  - apiGroups: [""]
    resources: [nodes, services, endpoints, pods]
    verbs: [get, list, watch]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: app-edit}
aggregationRule:
  clusterRoleSelectors:
    - matchLabels: {rbac.authorization.k8s.io/aggregate-to-edit: "true"}
rules: []
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: app-widgets-edit
  labels: {rbac.authorization.k8s.io/aggregate-to-edit: "true"}
rules:
  - apiGroups: [widgets.example.io]
    resources: [widgets]
    verbs: [get, list, create]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: pipelines-edit}
aggregationRule:
  clusterRoleSelectors:
    - matchLabels: {rbac.example.io/aggregate-to-pipelines-edit: "true"}
rules: []
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: pipelines-admin}
aggregationRule:
  clusterRoleSelectors:
    - matchLabels: {rbac.example.io/aggregate-to-pipelines-admin: "true"}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: pipelines-admin-base
  labels: {rbac.example.io/aggregate-to-pipelines-admin: "true"}
aggregationRule:
  clusterRoleSelectors:
    - matchLabels: {rbac.example.io/aggregate-to-pipelines-edit: "true"}
"""


def test_aggregation_by_the_projects_own_label_is_decided(tmp_path: Path) -> None:
    """rook's shape: ``prometheus`` aggregates the roles labelled
    ``rbac.storage.example.io/aggregate-to-prometheus``, a label no built-in role carries, and
    the scan holds the role with it: it reads no Secret (it was UNKNOWN). ``app-edit`` selects
    the built-in aggregation label ``rbac.authorization.k8s.io/aggregate-to-edit``, which the
    roles of every add-on of the cluster carry: not known, naming the label. No role of the
    scan carries ``aggregate-to-pipelines-edit`` (other components install them): not known,
    saying so, and so is ``pipelines-admin``, which selects a role that is not known."""
    (tmp_path / "roles.yaml").write_text(OWN_AND_BUILTIN)
    result = audit([tmp_path], Settings(rule_ids=("GDCC-K8S-016",)))
    found = {f.address: (f.status, f.evidence) for f in result.findings}
    assert found["ClusterRole/prometheus"] == (
        Status.PASS,
        {
            "reads_secrets": False,
            "decided_by": {
                "reads_secrets": "aggregated ClusterRole: its aggregationRule selects the "
                "roles labelled rbac.storage.example.io/aggregate-to-prometheus=true (labels "
                "of the project's own, no built-in role carries them); none of those of the "
                "scan grants it (ClusterRole/prometheus-rules)"
            },
        },
    )
    assert found["ClusterRole/app-edit"] == (
        Status.UNKNOWN,
        {
            "reads_secrets": None,
            "unknown_because": {
                "reads_secrets": REASON + "; none of those in the scan grants it "
                "(ClusterRole/app-widgets-edit); roles outside the scan labelled "
                "rbac.authorization.k8s.io/aggregate-to-edit=true may"
            },
        },
    )
    none_labelled = REASON + (
        "; no ClusterRole of the scan is labelled rbac.example.io/aggregate-to-pipelines-edit=true"
    )
    assert found["ClusterRole/pipelines-edit"] == (
        Status.UNKNOWN,
        {"reads_secrets": None, "unknown_because": {"reads_secrets": none_labelled}},
    )
    assert found["ClusterRole/pipelines-admin-base"] == (
        Status.UNKNOWN,
        {"reads_secrets": None, "unknown_because": {"reads_secrets": none_labelled}},
    )
    assert found["ClusterRole/pipelines-admin"] == (
        Status.UNKNOWN,
        {
            "reads_secrets": None,
            "unknown_because": {
                "reads_secrets": REASON + "; none of those in the scan grants it "
                "(ClusterRole/pipelines-admin-base); roles outside the scan labelled "
                "rbac.example.io/aggregate-to-pipelines-admin=true may"
            },
        },
    )
    assert all(f.message.th for f in result.findings)


@pytest.mark.parametrize(
    ("name", "text", "line"),
    [
        ("broken.yaml", "kind: ClusterRole\nmetadata: {name: [unclosed\n", 3),  # not parsed
        ("roles2.yaml", "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\n"
         "metadata: {labels: {rbac.storage.example.io/aggregate-to-prometheus: 'true'}}\n"
         "rules: [{apiGroups: [''], resources: [secrets], verbs: [get]}]\n", 3),  # no name
    ],
)
def test_own_label_aggregation_waits_for_what_was_not_assessed(
    tmp_path: Path, name: str, text: str, line: int
) -> None:
    """A file of the scan not read, or a document of it not assessed, may hold a ClusterRole
    with the project's own label (here one that reads Secrets, refused for its missing
    name): ``prometheus`` is not decided from the roles read (it PASSed), the reason naming
    the place."""
    (tmp_path / "roles.yaml").write_text(OWN_AND_BUILTIN)
    (tmp_path / name).write_text(text)
    result = audit([tmp_path], Settings(rule_ids=("GDCC-K8S-016",)))
    found = {f.address: (f.status, f.evidence) for f in result.findings}
    status, evidence = found["ClusterRole/prometheus"]
    assert status == Status.UNKNOWN
    reason = evidence["unknown_because"]["reads_secrets"]
    assert reason.startswith(REASON + "; none of those in the scan grants it "
                             "(ClusterRole/prometheus-rules), but part of the input was not "
                             "assessed (")
    assert reason.endswith(f"{name}:{line}) and may hold a ClusterRole labelled "
                           "rbac.storage.example.io/aggregate-to-prometheus=true")


def test_kustomization_leaving_out_no_role_does_not_wait(tmp_path: Path) -> None:
    """kubeflow's shape: a kustomization that cannot build one Deployment (its ``vars``
    are not substituted) is partially assessed, but what it leaves out is named and is no
    ClusterRole: ``prometheus`` stays decided (it became UNKNOWN "part of the input was not
    assessed (…/kustomization.yaml:…)")."""
    (tmp_path / "roles.yaml").write_text(OWN_AND_BUILTIN)
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "deployment.yaml").write_text(
        "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  template:\n"
        "    spec:\n      containers:\n      - name: web\n        image: web:1.0\n"
        "        env: [{name: USER_HEADER, value: $(USERID_HEADER)}]\n---\n"
        "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: api}\nspec:\n  template:\n"
        "    spec:\n      containers:\n      - name: api\n        image: web:1.0\n"
        "        env: [{name: USER_HEADER, value: $(USERID_HEADER)}]\n")
    (tmp_path / "app" / "kustomization.yaml").write_text(
        "resources: [deployment.yaml]\nimages: [{name: web, newTag: '1.1'}]\n"
        "vars:\n- name: USERID_HEADER\n  objref: {kind: ConfigMap, name: c, apiVersion: v1}\n")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-K8S-016",)))
    statuses = {Path(i.path).name: i.status for i in result.inputs}
    assert statuses["kustomization.yaml"] == InputStatus.NOT_ASSESSED
    kustomization = next(i for i in result.inputs if Path(i.path).name == "kustomization.yaml")
    assert kustomization.additional_errors[0].startswith("line 2: kustomize: Deployment ")
    found = {f.address: f.status for f in result.findings}
    assert found["ClusterRole/prometheus"] == Status.PASS
