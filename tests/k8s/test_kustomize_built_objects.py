"""A kustomize build gives every object it builds otherwise than its file writes it, as
``kustomize build`` emits every object. Before, a build gave only the objects its own patches
or ``images`` changed, so with a ``namespace`` / ``namePrefix`` overlay the base's
ServiceAccounts, bindings, Services and NetworkPolicies were judged only as written (in
``default``, un-prefixed): the overlay's ClusterRoleBinding of its account to cluster-admin was
never judged as built, its pods' account was "not in the scan" (GDCC-K8S-012 FAIL, wrong), its
Service was missing (the internet path ran through the base's Service) and its database was
"not isolated" though the NetworkPolicy the overlay builds beside it isolates it
(GDCC-GRAPH-010 FAIL, wrong). Now the objects placed, renamed or labelled by a build are
judged as it builds them, ``Kind/namespace/name`` as built, located at the ``resources`` entry
they come from; an object another kustomization of the scan builds the same is judged once.
A binding's subject named ``default`` takes the overlay's namespace, as kustomize's namespace
filter sets it (``roleBindingHack``)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
import yaml

from gdcc_audit.api import audit
from gdcc_audit.load.kustomize import build
from gdcc_audit.settings import Settings

RBAC = """\
apiVersion: v1
kind: ServiceAccount
metadata: {name: deployer}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: deployer-admin}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
subjects:
- {kind: ServiceAccount, name: deployer, namespace: default}
"""

APP = """\
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      serviceAccountName: deployer
      containers:
      - name: web
        image: registry.example.com/shop/web:1.0.0
        ports: [{containerPort: 8443}, {containerPort: 22}]
---
apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  type: LoadBalancer
  selector: {app: web}
  ports: [{name: https, port: 443, targetPort: 8443}, {name: sftp, port: 22, targetPort: 22}]
"""

DB = """\
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db}
spec:
  serviceName: db
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec:
      containers:
      - name: postgres
        image: postgres:16.4
        ports: [{containerPort: 5432}]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: db-deny}
spec:
  podSelector: {matchLabels: {app: db}}
  policyTypes: [Ingress, Egress]
"""

WORKER = """\
apiVersion: apps/v1
kind: Deployment
metadata: {name: worker}
spec:
  selector: {matchLabels: {app: worker}}
  template:
    metadata: {labels: {app: worker}}
    spec:
      containers:
      - {name: worker, image: "registry.example.com/shop/worker:1.0.0"}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: worker-edit}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
subjects:
- {kind: ServiceAccount, name: default}
"""

BASE = "resources:\n- rbac.yaml\n- app.yaml\n- db.yaml\n- worker.yaml\n"

# the images entries made the old build give the two workloads (and nothing else) as built
PROD = """\
namespace: shop
namePrefix: prod-
resources:
- ../../base
images:
- {name: registry.example.com/shop/web, newTag: "1.0.1"}
- {name: postgres, newTag: "16.5"}
"""

# the same base without its NetworkPolicy, in another namespace
STAGING = """\
namespace: staging
resources:
- ../../base
patches:
- patch: |-
    $patch: delete
    apiVersion: networking.k8s.io/v1
    kind: NetworkPolicy
    metadata: {name: db-deny}
"""

# builds the prod overlay's objects as it does (the same namespace): judged once
AGAIN = "namespace: shop\nresources:\n- ../prod\n"


def _write(tmp_path: Path) -> None:
    files = {
        "base/rbac.yaml": RBAC, "base/app.yaml": APP, "base/db.yaml": DB,
        "base/worker.yaml": WORKER, "base/kustomization.yaml": BASE,
        "overlays/prod/kustomization.yaml": PROD,
        "overlays/staging/kustomization.yaml": STAGING,
        "overlays/again/kustomization.yaml": AGAIN,
    }
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")


def test_overlay_objects_are_judged_where_the_overlay_places_them(tmp_path: Path) -> None:
    _write(tmp_path)
    rules = ("GDCC-K8S-012", "GDCC-K8S-015", "GDCC-GRAPH-002", "GDCC-GRAPH-006",
             "GDCC-GRAPH-010", "GDCC-GRAPH-011")
    result = audit([tmp_path], Settings(rule_ids=rules))
    found = {
        (f.address, f.rule_id): (
            f.status.value, str(f.message.en),
            f"{Path(f.location.file).relative_to(tmp_path).as_posix()}:{f.location.start_line}",
        )
        for f in result.findings
    }
    prod = "overlays/prod/kustomization.yaml"
    # the overlay's binding, as built, at the resources entry it comes from
    assert found["ClusterRoleBinding/prod-deployer-admin", "GDCC-K8S-015"] == (
        "FAIL", "binds the cluster-admin role", f"{prod}:4")
    assert found["ServiceAccount/shop/prod-deployer", "GDCC-GRAPH-006"][0::2] == (
        "FAIL", f"{prod}:4")
    # before: FAIL "the service-account token is mounted" (its account was not in the scan)
    assert found["Deployment/shop/prod-web", "GDCC-K8S-012"] == (
        "PASS",
        "the service-account token is mounted (Kubernetes default) and the pod needs it to "
        "call the API: its service account prod-deployer is bound by "
        "ClusterRoleBinding/prod-deployer-admin to the built-in ClusterRole cluster-admin "
        "(not in the scan), which grants API verbs",
        f"{prod}:6")
    # before: the path ran through the base's Service of the default namespace
    assert found["Deployment/shop/prod-web", "GDCC-GRAPH-002"][:2] == (
        "FAIL",
        "management port 22 reachable from the internet: internet → shop/Service/prod-web:22,443 "
        "→ shop/Deployment/prod-web:22")
    # before: FAIL "no NetworkPolicy isolates it" (the overlay's policy was not built)
    assert found["StatefulSet/shop/prod-db", "GDCC-GRAPH-010"][:2] == (
        "PASS", "Kubernetes data workloads are isolated by a NetworkPolicy")
    # the policy isolates the pods of its own namespace only: staging deletes it
    assert found["StatefulSet/staging/db", "GDCC-GRAPH-010"][:2] == (
        "FAIL", "no NetworkPolicy isolates it: every pod in the cluster can connect "
                "(namespace staging)")
    # a subject named default takes the overlay's namespace (kustomize's roleBindingHack)
    assert found["RoleBinding/shop/prod-worker-edit", "GDCC-GRAPH-011"] == (
        "FAIL", "the default service account is bound to the powerful role cluster-admin",
        f"{prod}:4")
    # the pod naming no account runs as shop's default one, which that binding names: it
    # needs its token (FAILed "the service-account token is mounted": only a named account
    # not in the scan was looked up among the bindings' subjects)
    assert found["Deployment/shop/prod-worker", "GDCC-K8S-012"] == (
        "PASS",
        "the service-account token is mounted (Kubernetes default) and the pod needs it to "
        "call the API: its service account default is bound by "
        "RoleBinding/shop/prod-worker-edit to the built-in ClusterRole cluster-admin (not in "
        "the scan), which grants API verbs",
        f"{prod}:4")
    # as written, the base stays judged in its files; staging's binding (cluster-scoped, the
    # same name) binds staging's account: another object, judged too
    assert sorted(
        (Path(f.location.file).relative_to(tmp_path).as_posix(), f.location.start_line)
        for f in result.findings
        if (f.address, f.rule_id) == ("ClusterRoleBinding/deployer-admin", "GDCC-K8S-015")
    ) == [("base/rbac.yaml", 5), ("overlays/staging/kustomization.yaml", 3)]
    assert {f.address: f.status.value for f in result.findings
            if f.rule_id == "GDCC-GRAPH-006" and f.status.value == "FAIL"} == {
        "ServiceAccount/default/deployer": "FAIL", "ServiceAccount/shop/prod-deployer": "FAIL",
        "ServiceAccount/staging/deployer": "FAIL"}
    # the again overlay builds prod's objects as prod does: each judged once, in prod
    addresses = Counter(r.address for r in result.resources)
    assert {a: n for a, n in addresses.items() if "/shop/" in a or "prod-" in a} == {
        "ServiceAccount/shop/prod-deployer": 1, "ClusterRoleBinding/prod-deployer-admin": 1,
        "Deployment/shop/prod-web": 1, "Service/shop/prod-web": 1,
        "StatefulSet/shop/prod-db": 1, "NetworkPolicy/shop/prod-db-deny": 1,
        "Deployment/shop/prod-worker": 1, "RoleBinding/shop/prod-worker-edit": 1,
    }
    assert not any(Path(r.file).parent.name == "again" for r in result.resources if r.file)
    # ... and the again overlay is still read, its objects judged where prod builds them (it
    # was missing from the files listed)
    inputs = {Path(i.path).relative_to(tmp_path).as_posix(): i for i in result.inputs}
    assert (inputs["overlays/again/kustomization.yaml"].status.value,
            inputs["overlays/again/kustomization.yaml"].resources) == ("assessed", 0)


def test_a_subject_named_default_takes_the_namespace(tmp_path: Path) -> None:
    """kustomize's namespace filter in its default mode sets the namespace of every binding
    subject named ``default``; ``setRoleBindingSubjects: none`` of none, and
    ``allServiceAccountSubjects`` of every ServiceAccount subject."""
    (tmp_path / "rb.yaml").write_text(
        "apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\n"
        "metadata: {name: rb}\nroleRef: {kind: ClusterRole, name: view}\nsubjects:\n"
        "- {kind: ServiceAccount, name: default, namespace: default}\n"
        "- {kind: ServiceAccount, name: ci, namespace: tools}\n", encoding="utf-8")
    transformer = ("transformers:\n- |-\n  apiVersion: builtin\n  kind: NamespaceTransformer\n"
                   "  metadata: {name: ns, namespace: shop}\n  setRoleBindingSubjects: {mode}\n")

    def subjects(text: str) -> list[str | None]:
        built = build(str(tmp_path / "kustomization.yaml"), yaml.safe_load(text), None, 1 << 20)
        assert built.problems == []
        return [s.get("namespace") for s in built.items[0].obj["subjects"]]

    assert subjects("namespace: shop\nresources: [rb.yaml]\n") == ["shop", "tools"]
    assert subjects("resources: [rb.yaml]\n" + transformer.replace("{mode}", "none")) \
        == ["default", "tools"]
    assert subjects("resources: [rb.yaml]\n" + transformer.replace(
        "{mode}", "allServiceAccountSubjects")) == ["shop", "shop"]


INSTALL = """\
apiVersion: v1
kind: ServiceAccount
metadata: {name: controller}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: controller}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
subjects:
- {kind: ServiceAccount, name: controller, namespace: argocd}
"""


@pytest.mark.parametrize("apart", [False, True])
def test_a_binding_names_the_account_written_and_the_one_placed(
    tmp_path: Path, apart: bool
) -> None:
    """argo-cd's shape: ``install.yaml`` writes no namespace (applied with ``-n argocd``) and
    binds ``argocd/ServiceAccount/controller``, its own account (or, ``apart``, a binding of
    another folder does, as argo-cd's ``cluster-rbac``); an overlay of the scan builds that
    account in ``argocd``. The binding names both accounts (only the overlay's: the
    account written PASSed GDCC-GRAPH-006), and the overlay's binding the overlay's."""
    account, binding = INSTALL.split("---\n")
    files = {
        "install/install.yaml": account if apart else INSTALL,
        "install/kustomization.yaml": "resources: [install.yaml]\n",
        "dev/kustomization.yaml": "namespace: argocd\nresources: [../install]\n",
    }
    if apart:
        files["cluster-rbac/binding.yaml"] = binding
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-006",)))
    found = {
        (f.address, Path(f.location.file).relative_to(tmp_path).as_posix()): f.status.value
        for f in result.findings
    }
    assert found == {
        ("ServiceAccount/default/controller", "install/install.yaml"): "FAIL",
        ("ServiceAccount/argocd/controller", "dev/kustomization.yaml"): "FAIL",
    }
