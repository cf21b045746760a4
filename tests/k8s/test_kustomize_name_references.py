"""A kustomize build renames the references to the objects its ``namePrefix`` /
``nameSuffix`` / generator hash renamed, in the fields of kustomize's built-in
``namereference.go`` (``api/internal/konfig/builtinpluginconsts``), for the kinds it lists
there and no others. Before, only pod specs (of any kind), Ingress backends and RBAC bindings
followed: a claim's ``volumeName`` kept the base's PersistentVolume name, so an overlay whose
volume it patches to a ``hostPath`` was judged through the base's NFS volume (PASS, wrong);
a Role's ``resourceNames`` kept the un-hashed Secret name."""

from __future__ import annotations

from pathlib import Path

import yaml

from gdcc_audit.api import audit
from gdcc_audit.load.kustomize import build
from gdcc_audit.settings import Settings

STORAGE = """\
apiVersion: v1
kind: PersistentVolume
metadata: {name: models, labels: {app: models}}
spec:
  capacity: {storage: 1Gi}
  accessModes: [ReadOnlyMany]
  nfs: {server: nfs.example.internal, path: /exports/models}
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: models, namespace: ml, labels: {app: models}}
spec:
  accessModes: [ReadOnlyMany]
  resources: {requests: {storage: 1Gi}}
  volumeName: models
---
apiVersion: v1
kind: Pod
metadata: {name: serve, namespace: ml, labels: {app: models}}
spec:
  containers:
  - {name: serve, image: "registry.example/serve:1.0.0"}
  volumes:
  - name: models
    persistentVolumeClaim: {claimName: models}
"""

# a local-cluster overlay: the volume becomes a directory of the node
LOCAL = """\
resources: [../base]
namePrefix: local-
patches:
- target: {labelSelector: app=models}
  patch: |-
    - op: add
      path: /metadata/labels/env
      value: local
- target: {kind: PersistentVolume}
  patch: |-
    - op: remove
      path: /spec/nfs
    - op: add
      path: /spec/hostPath
      value: {path: /mnt/models}
"""


def _write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")


def test_claim_volume_name_follows_the_prefix(tmp_path: Path) -> None:
    _write(tmp_path, {"base/kustomization.yaml": "resources: [storage.yaml]\n",
                      "base/storage.yaml": STORAGE, "local/kustomization.yaml": LOCAL})
    result = audit([tmp_path], Settings(rule_ids=("GDCC-K8S-010",)))
    found = {(f.address, Path(f.location.file).parent.name): (f.status.value, f.evidence)
             for f in result.findings if f.location}
    assert found == {
        ("Pod/ml/serve", "base"): ("PASS", {"host_path_mounts": []}),
        # the built claim names local-models, the volume the overlay made a hostPath
        ("Pod/ml/local-serve", "local"): ("FAIL", {
            "host_path_mounts": ["/mnt/models"],
            "decided_by": {"host_path_mounts": "through PersistentVolumeClaims: claim "
                           "local-models is bound to PersistentVolume/local-models "
                           "(hostPath /mnt/models)"},
        }),
    }


ROLE = """\
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: reader, namespace: shop}
rules:
- apiGroups: [""]
  resources: [secrets]
  resourceNames: [db-credentials, other]
  verbs: [get]
"""


def test_role_resource_names_follow_the_generator_hash(tmp_path: Path) -> None:
    _write(tmp_path, {
        "kustomization.yaml": "namespace: shop\nresources: [role.yaml]\n"
                              "secretGenerator:\n- name: db-credentials\n"
                              "  literals: [user=app]\n"
                              "patches:\n- target: {kind: Role}\n  patch: |-\n"
                              "    - {op: add, path: /metadata/labels, value: {a: b}}\n",
        "role.yaml": ROLE})
    result = audit([tmp_path], Settings(rule_ids=("GDCC-K8S-016",)))
    built = [f for f in result.findings if f.location
             and f.location.file.endswith("kustomization.yaml")]
    assert [(f.address, f.status.value) for f in built] == [("Role/shop/reader", "PASS")]
    words = built[0].message.en
    secret = words.rsplit(": ", 1)[1].split(", ")[0]
    assert secret.startswith("db-credentials-")
    assert len(secret) == len("db-credentials-") + 10
    assert words == ("Roles do not let their holders read Secrets (it reads only the Secrets "
                     f"its rules name in resourceNames: {secret}, other)")


ALL_KINDS = """\
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db}
spec:
  serviceName: db
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec:
      priorityClassName: high
      containers: [{name: db, image: db:1}]
  volumeClaimTemplates:
  - metadata: {name: data}
    spec: {storageClassName: fast}
---
apiVersion: v1
kind: Service
metadata: {name: db}
spec: {selector: {app: db}, ports: [{port: 5432}]}
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: db}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: StatefulSet, name: db}
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: db}
spec: {selector: {matchLabels: {app: db}}, minAvailable: 1}
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingWebhookConfiguration
metadata: {name: db}
webhooks:
- name: db.example.com
  clientConfig:
    service: {name: db, namespace: data, path: /validate}
---
apiVersion: apiregistration.k8s.io/v1
kind: APIService
metadata: {name: v1.db.example.com}
spec:
  service: {name: db, namespace: data}
---
apiVersion: scheduling.k8s.io/v1
kind: PriorityClass
metadata: {name: high}
value: 1000
---
apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata: {name: fast}
provisioner: example.com/fast
parameters: {secretName: db}
---
apiVersion: v1
kind: Secret
metadata: {name: db}
---
apiVersion: networking.k8s.io/v1
kind: IngressClass
metadata: {name: public}
spec: {controller: k8s.io/ingress-nginx}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: db
  annotations: {nginx.ingress.kubernetes.io/auth-secret: db, other/auth-secret: db}
spec:
  ingressClassName: public
  defaultBackend: {service: {name: db, port: {number: 5432}}}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: db}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: db}
subjects:
- {kind: ServiceAccount, name: db}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: db}
rules: []
---
apiVersion: v1
kind: ServiceAccount
metadata: {name: db}
---
apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata: {name: db}
spec:
  template:
    spec:
      serviceAccountName: db
      containers: [{name: db, image: db:1}]
"""


def test_every_built_in_reference_follows(tmp_path: Path) -> None:
    """kustomize's list, kind by kind: what it names is renamed (with the namespace of the
    object, for a webhook's service map), what it does not name is left as written: an
    APIService is not prefixed; a PodDisruptionBudget selects by labels; a RoleBinding's
    ClusterRole is not the Role of that name; a custom resource's pod is not read."""
    (tmp_path / "all.yaml").write_text(ALL_KINDS, encoding="utf-8")
    text = "namespace: data\nnamePrefix: p-\nresources: [all.yaml]\n"
    (tmp_path / "kustomization.yaml").write_text(text, encoding="utf-8")
    built = build(str(tmp_path / "kustomization.yaml"), yaml.safe_load(text), None, 1 << 20)
    objects = {i.obj["kind"]: i.obj for i in built.items}
    assert objects["StatefulSet"]["spec"]["serviceName"] == "p-db"
    assert objects["StatefulSet"]["spec"]["template"]["spec"]["priorityClassName"] == "p-high"
    assert objects["StatefulSet"]["spec"]["volumeClaimTemplates"][0]["spec"] == {
        "storageClassName": "p-fast"}
    assert objects["HorizontalPodAutoscaler"]["spec"]["scaleTargetRef"]["name"] == "p-db"
    assert objects["PodDisruptionBudget"]["spec"]["selector"] == {"matchLabels": {"app": "db"}}
    assert objects["ValidatingWebhookConfiguration"]["webhooks"][0]["clientConfig"] == {
        "service": {"name": "p-db", "namespace": "data", "path": "/validate"}}
    assert objects["APIService"]["metadata"]["name"] == "v1.db.example.com"
    assert objects["APIService"]["spec"]["service"] == {"name": "p-db", "namespace": "data"}
    assert objects["StorageClass"]["parameters"] == {"secretName": "p-db"}
    ingress = objects["Ingress"]
    assert ingress["spec"]["ingressClassName"] == "p-public"
    assert ingress["spec"]["defaultBackend"]["service"]["name"] == "p-db"
    assert ingress["metadata"]["annotations"] == {
        "nginx.ingress.kubernetes.io/auth-secret": "p-db", "other/auth-secret": "db"}
    assert objects["RoleBinding"]["roleRef"]["name"] == "db"  # no ClusterRole db built
    assert objects["RoleBinding"]["subjects"] == [
        {"kind": "ServiceAccount", "name": "p-db", "namespace": "data"}]
    assert objects["Rollout"]["spec"]["template"]["spec"]["serviceAccountName"] == "db"


def test_configurations_add_name_references(tmp_path: Path) -> None:
    """A ``configurations:`` file's ``nameReference`` (Argo Rollouts' documented
    ``kustomizeconfig``) makes kustomize follow the custom resource's pod too."""
    (tmp_path / "all.yaml").write_text(ALL_KINDS, encoding="utf-8")
    (tmp_path / "rollout.yaml").write_text(
        "nameReference:\n- kind: ServiceAccount\n  fieldSpecs:\n"
        "  - {path: spec/template/spec/serviceAccountName, kind: Rollout}\n", encoding="utf-8")
    text = "namePrefix: p-\nresources: [all.yaml]\nconfigurations: [rollout.yaml]\n"
    (tmp_path / "kustomization.yaml").write_text(text, encoding="utf-8")
    built = build(str(tmp_path / "kustomization.yaml"), yaml.safe_load(text), None, 1 << 20)
    rollout = next(i.obj for i in built.items if i.obj["kind"] == "Rollout")
    assert rollout["spec"]["template"]["spec"]["serviceAccountName"] == "p-db"


def test_a_reference_is_renamed_once(tmp_path: Path) -> None:
    """A ``configurations:`` file re-listing a built-in field spec (an Ingress's
    ``spec/tls/secretName``): read twice, the Secret ``a`` renamed ``p-a`` was renamed again
    to ``p-p-a`` when an object ``p-a`` was built too; kustomize merges the two."""
    manifests = (
        "apiVersion: v1\nkind: Secret\nmetadata: {name: a}\n---\n"
        "apiVersion: v1\nkind: Secret\nmetadata: {name: p-a}\n---\n"
        "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: web}\n"
        "spec:\n  tls: [{hosts: [shop.example.com], secretName: a}]\n"
    )
    (tmp_path / "all.yaml").write_text(manifests, encoding="utf-8")
    (tmp_path / "refs.yaml").write_text(
        "nameReference:\n- kind: Secret\n  fieldSpecs:\n"
        "  - {path: spec/tls/secretName, kind: Ingress}\n", encoding="utf-8")
    text = "namePrefix: p-\nresources: [all.yaml]\nconfigurations: [refs.yaml]\n"
    (tmp_path / "kustomization.yaml").write_text(text, encoding="utf-8")
    built = build(str(tmp_path / "kustomization.yaml"), yaml.safe_load(text), None, 1 << 20)
    ingress = next(i.obj for i in built.items if i.obj["kind"] == "Ingress")
    assert ingress["spec"]["tls"][0]["secretName"] == "p-a"
