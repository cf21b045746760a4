"""GDCC-K8S-012 when the ServiceAccount a pod names is not in the scan but a binding of the
scan names it: the binding grants that account API verbs, so the pod needs its token.
CloudNativePG's ``config/default`` kustomization (``namePrefix: cnpg-``, ``namespace:
cnpg-system``) builds its controller with the account ``cnpg-system/cnpg-manager``, which its
ClusterRoleBinding names, while the account's own manifest is judged as written (``manager``):
the built controller FAILed "the service-account token is mounted (Kubernetes default)". A
binding of another namespace's account, or none, leaves the FAIL."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

MANIFESTS = """\
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: manager}
rules:
- apiGroups: [""]
  resources: [secrets]
  verbs: [get, list, watch]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: manager-rolebinding}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: manager}
subjects:
- {kind: ServiceAccount, name: cnpg-manager, namespace: cnpg-system}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: controller, namespace: cnpg-system}
spec:
  selector: {matchLabels: {app: controller}}
  template:
    metadata: {labels: {app: controller}}
    spec:
      serviceAccountName: cnpg-manager
      containers: [{name: manager, image: "controller:1.0"}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: elsewhere, namespace: apps}
spec:
  selector: {matchLabels: {app: elsewhere}}
  template:
    metadata: {labels: {app: elsewhere}}
    spec:
      serviceAccountName: cnpg-manager
      containers: [{name: web, image: "web:1.0"}]
"""


def test_a_binding_of_the_scan_names_the_account(tmp_path: Path) -> None:
    (tmp_path / "operator.yaml").write_text(MANIFESTS, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-K8S-012",)))
    found = {f.address: (f.status, f.message.en) for f in result.findings}
    assert found == {
        "Deployment/cnpg-system/controller": (
            Status.PASS,
            "the service-account token is mounted (Kubernetes default) and the pod needs it "
            "to call the API: its service account cnpg-manager is bound by "
            "ClusterRoleBinding/manager-rolebinding to ClusterRole/manager, which grants get, "
            "list, watch on secrets",
        ),
        # the same name in another namespace is another account
        "Deployment/apps/elsewhere": (
            Status.FAIL, "the service-account token is mounted (Kubernetes default)"
        ),
    }
