"""GDCC-K8S-012 FAILed every pod that mounts its service-account token, also controllers
that need it to talk to the API (operators, ingress controllers, cert-manager). CIS
Kubernetes Benchmark 5.1.6 asks that tokens be mounted "only where necessary": a pod whose
service account a binding of the scan grants a role with API verbs needs its token. It
PASSes, the message naming the binding and the role, ``decided_by`` the binding; a pod
whose account no binding grants anything (or only a role whose verbs are not known, or an
unscanned role that is not built in) FAILs as before."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Finding, Status
from gdcc_audit.settings import Settings

MANIFESTS = """\
apiVersion: v1
kind: ServiceAccount
metadata: {name: operator, namespace: ops}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: operator}
rules:
- apiGroups: [""]
  resources: [configmaps]
  verbs: [get, list, watch]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: operator}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: operator}
subjects:
- {kind: ServiceAccount, name: operator, namespace: ops}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: operator, namespace: ops}
spec:
  selector: {matchLabels: {app: operator}}
  template:
    metadata: {labels: {app: operator}}
    spec:
      serviceAccountName: operator
      containers: [{name: op, image: "op:1.0"}]
---
apiVersion: v1
kind: ServiceAccount
metadata: {name: adapter, namespace: ops}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: adapter-delegator}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: "system:auth-delegator"}
subjects:
- {kind: ServiceAccount, name: adapter, namespace: ops}
---
apiVersion: v1
kind: Pod
metadata: {name: adapter, namespace: ops}
spec:
  serviceAccountName: adapter
  automountServiceAccountToken: true
  containers: [{name: a, image: "a:1.0"}]
---
apiVersion: v1
kind: ServiceAccount
metadata: {name: web, namespace: ops}
---
apiVersion: v1
kind: Pod
metadata: {name: web, namespace: ops}
spec:
  serviceAccountName: web
  containers: [{name: web, image: "web:1.0"}]
---
apiVersion: v1
kind: ServiceAccount
metadata: {name: other, namespace: ops}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: other, namespace: ops}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: my-role}
subjects:
- {kind: ServiceAccount, name: other, namespace: ops}
---
apiVersion: v1
kind: Pod
metadata: {name: other, namespace: ops}
spec:
  serviceAccountName: other
  containers: [{name: a, image: "a:1.0"}]
---
apiVersion: v1
kind: ServiceAccount
metadata: {name: empty, namespace: ops}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: empty, namespace: ops}
rules: []
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: empty, namespace: ops}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: empty}
subjects:
- {kind: ServiceAccount, name: empty, namespace: ops}
---
apiVersion: v1
kind: Pod
metadata: {name: empty, namespace: ops}
spec:
  serviceAccountName: empty
  containers: [{name: a, image: "a:1.0"}]
"""

TERRAFORM = """\
resource "kubernetes_service_account_v1" "ctrl" {
  metadata {
    name      = "ctrl"
    namespace = "ops"
  }
}

resource "kubernetes_role_v1" "ctrl" {
  metadata {
    name      = "ctrl"
    namespace = "ops"
  }
  rule {
    api_groups = [""]
    resources  = ["configmaps"]
    verbs      = ["get", "update"]
  }
}

resource "kubernetes_role_binding_v1" "ctrl" {
  metadata {
    name      = "ctrl"
    namespace = "ops"
  }
  role_ref {
    api_group = "rbac.authorization.k8s.io"
    kind      = "Role"
    name      = kubernetes_role_v1.ctrl.metadata[0].name
  }
  subject {
    kind      = "ServiceAccount"
    name      = kubernetes_service_account_v1.ctrl.metadata[0].name
    namespace = "ops"
  }
}

resource "kubernetes_deployment_v1" "ctrl" {
  metadata {
    name      = "ctrl"
    namespace = "ops"
  }
  spec {
    selector {
      match_labels = { app = "ctrl" }
    }
    template {
      metadata {
        labels = { app = "ctrl" }
      }
      spec {
        service_account_name = kubernetes_service_account_v1.ctrl.metadata[0].name
        container {
          name  = "ctrl"
          image = "ctrl:1.0"
        }
      }
    }
  }
}

variable "verbs" {
  type = list(string)
}

resource "kubernetes_service_account_v1" "web" {
  metadata {
    name      = "web"
    namespace = "ops"
  }
}

resource "kubernetes_role_v1" "web" {
  metadata {
    name      = "web"
    namespace = "ops"
  }
  rule {
    api_groups = [""]
    resources  = ["configmaps"]
    verbs      = var.verbs
  }
}

resource "kubernetes_role_binding_v1" "web" {
  metadata {
    name      = "web"
    namespace = "ops"
  }
  role_ref {
    api_group = "rbac.authorization.k8s.io"
    kind      = "Role"
    name      = kubernetes_role_v1.web.metadata[0].name
  }
  subject {
    kind      = "ServiceAccount"
    name      = kubernetes_service_account_v1.web.metadata[0].name
    namespace = "ops"
  }
}

resource "kubernetes_deployment_v1" "web" {
  metadata {
    name      = "web"
    namespace = "ops"
  }
  spec {
    selector {
      match_labels = { app = "web" }
    }
    template {
      metadata {
        labels = { app = "web" }
      }
      spec {
        service_account_name = kubernetes_service_account_v1.web.metadata[0].name
        container {
          name  = "web"
          image = "web:1.0"
        }
      }
    }
  }
}
"""


def _findings(tmp_path: Path, name: str, text: str) -> dict[str, Finding]:
    (tmp_path / name).write_text(text, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-K8S-012",)))
    return {f.address: f for f in result.findings}


def test_a_pod_whose_account_a_binding_grants_api_verbs_needs_its_token(
    tmp_path: Path,
) -> None:
    found = _findings(tmp_path, "ops.yaml", MANIFESTS)
    operator = found["Deployment/ops/operator"]
    assert operator.status is Status.PASS  # was FAIL (Kubernetes default)
    assert operator.message is not None
    assert operator.message.en == (
        "the service-account token is mounted (Kubernetes default) and the pod needs it to "
        "call the API: its service account operator is bound by ClusterRoleBinding/operator "
        "to ClusterRole/operator, which grants get, list, watch on configmaps"
    )
    assert operator.message.th is not None
    assert "ClusterRoleBinding/operator" in operator.message.th
    assert operator.evidence == {
        "automount_token": True, "decided_by": "ClusterRoleBinding/operator",
    }
    # a built-in role not in the scan (an aggregated API server's delegated authentication)
    adapter = found["Pod/ops/adapter"]
    assert adapter.status is Status.PASS  # was FAIL (pod)
    assert adapter.message is not None
    assert adapter.message.en == (
        "the service-account token is mounted (pod) and the pod needs it to call the API: its "
        "service account adapter is bound by ClusterRoleBinding/adapter-delegator to the "
        "built-in ClusterRole system:auth-delegator (not in the scan), which grants API verbs"
    )
    assert adapter.evidence["decided_by"] == "ClusterRoleBinding/adapter-delegator"


def test_no_binding_or_one_that_grants_nothing_still_fails(tmp_path: Path) -> None:
    found = _findings(tmp_path, "ops.yaml", MANIFESTS)
    for address in ("Pod/ops/web", "Pod/ops/empty"):
        finding = found[address]
        assert finding.status is Status.FAIL, address
        assert finding.message is not None
        assert finding.message.en == (
            "the service-account token is mounted (Kubernetes default)"
        )
        assert finding.evidence["decided_by"] == "Kubernetes default"


def test_a_binding_to_a_role_not_in_the_scan_leaves_the_need_not_known(tmp_path: Path) -> None:
    """A binding to a role the scan does not hold (not a built-in one): whether the role
    grants API verbs, so whether the pod needs its token, is not known (a FAIL would rest on
    the role granting nothing)."""
    other = _findings(tmp_path, "ops.yaml", MANIFESTS)["Pod/ops/other"]
    assert other.status is Status.UNKNOWN
    assert other.message is not None
    assert other.message.en == (
        "the service-account token is mounted (Kubernetes default); whether the pod needs it "
        "to call the API is not known: its service account other is bound by "
        "RoleBinding/ops/other to ClusterRole my-role, which is not in the scan"
    )
    assert other.evidence == {"automount_token": True, "bound_by": "RoleBinding/ops/other"}


def test_terraform_role_binding_shows_the_need(tmp_path: Path) -> None:
    found = _findings(tmp_path, "main.tf", TERRAFORM)
    ctrl = found["kubernetes_deployment_v1.ctrl"]
    assert ctrl.status is Status.PASS  # was FAIL
    assert ctrl.message is not None
    assert ctrl.message.en.endswith(
        "its service account ctrl is bound by kubernetes_role_binding_v1.ctrl to "
        "kubernetes_role_v1.ctrl, which grants get, update on configmaps"
    )
    assert ctrl.evidence["decided_by"] == "kubernetes_role_binding_v1.ctrl"
    # verbs from a variable not known: the role may grant some (the role was not mapped at
    # all: "cannot map kubernetes_role_v1.web: TypeError",
    # tests/k8s/test_tf_role_rules_not_known.py)
    web = found["kubernetes_deployment_v1.web"]
    assert web.status is Status.UNKNOWN
    assert web.message is not None
    assert web.message.en.endswith(
        "bound by kubernetes_role_binding_v1.web to kubernetes_role_v1.web, whose verbs or "
        "resources are not known"
    )


def _chosen(name: str, account: str) -> str:
    return f"""
resource "kubernetes_pod_v1" "{name}" {{
  metadata {{
    name      = "{name}"
    namespace = "ops"
  }}
  spec {{
    service_account_name = {account}
    container {{
      name  = "app"
      image = "app:1.0"
    }}
  }}
}}
"""


QUIET = """
resource "kubernetes_service_account_v1" "quiet" {
  metadata {
    name      = "quiet"
    namespace = "ops"
  }
  automount_service_account_token = false
}

variable "own" {
  type = bool
}
"""


def test_each_account_a_condition_chooses_may_need_its_token(tmp_path: Path) -> None:
    """``service_account_name = var.own ? <bound account> : "builder"``: both mount the token,
    but the bound one needs it; it FAILed 'mounted with each service account'."""
    ctrl = "kubernetes_service_account_v1.ctrl.metadata[0].name"
    quiet = "kubernetes_service_account_v1.quiet.metadata[0].name"
    text = (
        TERRAFORM + QUIET + _chosen("either", f'var.own ? {ctrl} : "builder"')
        + _chosen("needed_or_off", f"var.own ? {ctrl} : {quiet}")
    )
    found = _findings(tmp_path, "main.tf", text)
    either = found["kubernetes_pod_v1.either"]
    assert either.status is Status.UNKNOWN  # was FAIL
    assert either.message is not None
    assert either.message.en == (
        "the service account is chosen by a condition not known, and the token mount depends "
        "on which (ctrl: mounted (Kubernetes default), needed: bound by "
        "kubernetes_role_binding_v1.ctrl, builder: mounted (Kubernetes default))"
    )
    both = found["kubernetes_pod_v1.needed_or_off"]
    assert both.status is Status.PASS  # was UNKNOWN
    assert both.message is not None
    assert both.message.en == (
        "each service account a condition may choose mounts no token, or needs it to call the "
        "API (ctrl: mounted (Kubernetes default), needed: bound by "
        "kubernetes_role_binding_v1.ctrl, quiet: not mounted (service account))"
    )
    assert both.evidence["decided_by"] == "service accounts a condition chooses"
