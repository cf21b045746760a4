"""A kustomization's patches were not applied: the files they name were set aside and only the
base was judged, so an overlay whose strategic merge patch makes a container privileged, or
whose JSON patch turns on ``hostNetwork``, showed the base's PASS (and one pinning the image
with ``images:`` or adding the limits, the base's FAIL alone). The objects a kustomization's
own patches or ``images`` change are now judged as it builds them (``load.kustomize``):
``Kind/namespace/name`` after its ``namespace`` / ``namePrefix``, located at the line of its
first change in the kustomization; the base stays judged as written. What cannot be applied
(a replacement whose source is not built, a patch matching no object, a directive not read)
is an error of the kustomization naming it, and the object it may change is not given as
built."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.result import InputStatus
from gdcc_audit.settings import Settings

DEPLOYMENT = """\
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      serviceAccountName: web
      securityContext: {runAsNonRoot: true, runAsUser: 1000}
      containers:
      - name: web
        image: registry.example.com:5000/shop/web
        env:
        - {name: MODE, value: base}
        securityContext: {allowPrivilegeEscalation: false}
      - name: debug
        image: busybox:1.36
        securityContext: {privileged: true}
        resources: {limits: {cpu: 50m, memory: 32Mi}}
"""

BASE = """\
resources:
- deployment.yaml
"""

PROD = """\
apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
namespace: prod
namePrefix: prod-
resources:
- ../../base
images:
- name: registry.example.com:5000/shop/web
  newTag: "2.4.1"
patches:
- path: hardening.yaml
patchesJson6902:
- target: {group: apps, version: v1, kind: Deployment, name: web}
  path: host.yaml
"""

HARDENING = """\
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  template:
    spec:
      containers:
      - name: debug
        $patch: delete
      - name: web
        resources: {limits: {cpu: 500m, memory: 256Mi}}
        env:
        - {name: MODE, value: prod}
"""

HOST = """\
- op: add
  path: /spec/template/spec/hostNetwork
  value: true
"""

DEV = """\
resources:
- ../../base
patches:
- patch: |-
    apiVersion: apps/v1
    kind: Deployment
    metadata: {name: web}
    spec:
      template:
        spec:
          containers:
          - name: web
            securityContext: {privileged: true}
replacements:
- source: {kind: ConfigMap, name: settings, fieldPath: data.mode}
  targets:
  - select: {kind: Deployment}
    fieldPaths: [spec.template.spec.containers.0.args.0]
"""

# replacements into a ConfigMap only, a built-in label transformer, a var no object uses:
# the Deployment the patch changes is known as built
QA = """\
resources:
- ../../base
images:
- {name: busybox, newTag: "1.37"}
transformers:
- labels.yaml
replacements:
- source: {kind: Deployment, name: web, fieldPath: metadata.name}
  targets:
  - select: {kind: ConfigMap, name: settings}
    fieldPaths: [data.app]
vars:
- name: UNUSED
  objref: {kind: Deployment, name: web, apiVersion: apps/v1}
"""

LABELS = """\
apiVersion: builtin
kind: LabelTransformer
metadata: {name: labels}
labels: {environment: qa}
fieldSpecs:
- {path: metadata/labels, create: true}
"""

STAGE = """\
resources:
- ../../base
patches:
- patch: |-
    - op: replace
      path: /spec/template/spec/containers/1/securityContext/privileged
      value: false
  target: {kind: Deployment, name: web}
- path: missing-object.yaml
"""

MISSING = """\
apiVersion: apps/v1
kind: Deployment
metadata: {name: api}
spec:
  replicas: 3
"""

RULES = ("GDCC-K8S-001", "GDCC-K8S-004", "GDCC-K8S-006", "GDCC-K8S-011")


def _tree(tmp_path: Path) -> Path:
    files = {
        "base/kustomization.yaml": BASE, "base/deployment.yaml": DEPLOYMENT,
        "overlays/prod/kustomization.yaml": PROD, "overlays/prod/hardening.yaml": HARDENING,
        "overlays/prod/host.yaml": HOST, "overlays/dev/kustomization.yaml": DEV,
        "overlays/stage/kustomization.yaml": STAGE,
        "overlays/stage/missing-object.yaml": MISSING,
        "overlays/qa/kustomization.yaml": QA, "overlays/qa/labels.yaml": LABELS,
    }
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def test_overlay_objects_are_judged_as_built(tmp_path: Path) -> None:
    result = audit([_tree(tmp_path)], Settings(rule_ids=RULES))
    found = {
        (f.address, Path(f.location.file).relative_to(tmp_path).as_posix(), f.rule_id):
            (f.status.value, f.message.en, f.location.start_line)
        for f in result.findings if f.location
    }
    base = ("Deployment/default/web", "base/deployment.yaml")
    prod = ("Deployment/prod/prod-web", "overlays/prod/kustomization.yaml")
    stage = ("Deployment/default/web", "overlays/stage/kustomization.yaml")
    qa = ("Deployment/default/web", "overlays/qa/kustomization.yaml")
    assert {(a, f) for a, f, _ in found} == {base, prod, stage, qa}
    assert found[(*qa, "GDCC-K8S-001")][0] == "FAIL"  # the privileged debug container
    assert [found[(*base, r)][0] for r in RULES] == ["FAIL", "PASS", "FAIL", "FAIL"]
    assert found[(*base, "GDCC-K8S-011")][1] == (
        "images by mutable tag: registry.example.com:5000/shop/web"
    )
    # prod deletes the privileged container, adds the limits, pins the image, and turns on
    # hostNetwork (JSON 6902): located at its first patch, patches[0] (line 11)
    assert [found[(*prod, r)][0] for r in RULES] == ["PASS", "FAIL", "PASS", "PASS"]
    assert found[(*prod, "GDCC-K8S-004")][1:] == (
        "the pod shares the host's namespaces: hostNetwork", 11,
    )
    # stage's JSON patch turns the debug container's privileged off (its other patch names
    # an object the build does not hold: an error of the kustomization, below)
    assert found[(*stage, "GDCC-K8S-001")][0] == "PASS"


def test_patch_not_applied_is_named(tmp_path: Path) -> None:
    result = audit([_tree(tmp_path)], Settings(rule_ids=RULES))
    inputs = {Path(i.path).relative_to(tmp_path).as_posix(): i for i in result.inputs}
    dev = inputs["overlays/dev/kustomization.yaml"]
    # its replacement's source is no object of the build (kustomize refuses the build): the
    # Deployment the dev patch makes privileged is not given as built (not the base's PASS
    # either: the base's container is not privileged)
    assert dev.status == InputStatus.NOT_ASSESSED
    assert (dev.line, dev.error, dev.additional_errors) == (
        15, "kustomize: replacement: its source ConfigMap/settings is not an object of the "
        "build", ("line 4: kustomize: Deployment web as this kustomization builds it is not "
                  "assessed (replacement (line 15) is not applied: its source ConfigMap/settings "
                  "is not an object of the build)",),
    )
    stage = inputs["overlays/stage/kustomization.yaml"]
    assert stage.status == InputStatus.PARTIALLY_ASSESSED
    assert (stage.line, stage.error) == (
        9, "kustomize: patch missing-object.yaml: Deployment api matches no object read"
    )
    assert inputs["overlays/prod/hardening.yaml"].status == InputStatus.NOT_RECOGNISED
    # replacements into a ConfigMap, a built-in LabelTransformer, an unused var: applied or
    # harmless, nothing left out
    assert (inputs["overlays/qa/kustomization.yaml"].status,
            inputs["overlays/qa/kustomization.yaml"].error) == (InputStatus.ASSESSED, None)


def test_strategic_merge_by_documented_list_keys(tmp_path: Path) -> None:
    from gdcc_audit.load.kustomize import build

    (tmp_path / "app.yaml").write_text(
        """\
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db, namespace: data}
spec:
  template:
    spec:
      volumes:
      - {name: data, emptyDir: {}}
      - {name: logs, emptyDir: {}}
      containers:
      - name: db
        image: postgres:16
        env:
        - {name: A, value: "1"}
        - {name: B, value: "2"}
        ports:
        - {containerPort: 5432, name: pg}
        securityContext: {runAsUser: 0, capabilities: {add: [NET_ADMIN]}}
---
apiVersion: example.com/v1
kind: Database
metadata: {name: db}
spec:
  containers:
  - {name: db, image: postgres:16}
  - {name: exporter, image: exporter:1}
""", encoding="utf-8")
    data = {
        "resources": ["app.yaml"],
        "patches": [
            {"patch": """\
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db, namespace: data}
spec:
  template:
    spec:
      volumes:
      - {name: logs, hostPath: {path: /var/log}, emptyDir: null}
      containers:
      - name: db
        env:
        - {name: B, value: "3"}
        - {name: C, value: "4"}
        ports:
        - {containerPort: 5432, hostPort: 5432}
        securityContext:
          runAsUser: null
          capabilities: {$patch: replace, drop: [ALL]}
"""},
            {"patch": "kind: Database\nmetadata: {name: db}\nspec:\n  containers:\n"
                      "  - {name: db, image: postgres:16}\n"},
        ],
        "images": [{"name": "postgres", "newName": "mirror.example.com/postgres",
                    "digest": "sha256:" + "a" * 64}],
    }
    built = build(str(tmp_path / "kustomization.yaml"), data, None, 1 << 20)
    assert built.problems == []
    stateful, custom = (item.obj for item in built.items)
    pod = stateful["spec"]["template"]["spec"]
    assert pod["volumes"] == [{"name": "data", "emptyDir": {}},
                              {"name": "logs", "hostPath": {"path": "/var/log"}}]
    container = pod["containers"][0]
    assert container["env"] == [{"name": "A", "value": "1"}, {"name": "B", "value": "3"},
                                {"name": "C", "value": "4"}]
    assert container["ports"] == [{"containerPort": 5432, "name": "pg", "hostPort": 5432}]
    assert container["securityContext"] == {"capabilities": {"drop": ["ALL"]}}
    assert container["image"] == "mirror.example.com/postgres@sha256:" + "a" * 64
    # a custom resource has no schema: kustomize replaces its lists
    assert [c["name"] for c in custom["spec"]["containers"]] == ["db"]


def test_overlay_of_an_overlay_keeps_the_built_name(tmp_path: Path) -> None:
    """The kubebuilder shape: ``config/default`` sets the namespace and a prefix, an
    OpenShift overlay of it patches ``controller-manager`` by the name the base wrote; the
    object keeps the name and namespace the build gave it."""
    files = {
        "base/kustomization.yaml": BASE, "base/deployment.yaml": DEPLOYMENT,
        "default/kustomization.yaml": "namespace: shop-system\nnamePrefix: shop-\n"
                                      "resources: [../base]\n",
        "openshift/kustomization.yaml": "resources: [../default]\npatches:\n- path: p.yaml\n",
        "openshift/p.yaml": "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n"
                            "  namespace: system\n  labels: {flavour: openshift}\nspec:\n"
                            "  template:\n    spec:\n      hostPID: true\n",
    }
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-K8S-004",)))
    found = {(f.address, Path(f.location.file).relative_to(tmp_path).as_posix()): f.status.value
             for f in result.findings if f.location}
    # config/default is a kustomization users build on its own too (kubebuilder's
    # ``make deploy``): its Deployment as it places it is judged there
    assert found == {("Deployment/default/web", "base/deployment.yaml"): "PASS",
                     ("Deployment/shop-system/shop-web", "default/kustomization.yaml"): "PASS",
                     ("Deployment/shop-system/shop-web", "openshift/kustomization.yaml"): "FAIL"}


def test_component_is_applied_where_included(tmp_path: Path) -> None:
    """microservices-demo's shape: a ``Component`` patches objects of the kustomization that
    includes it; on its own it builds nothing (it was reported "matches no object read")."""
    files = {
        "base/kustomization.yaml": BASE, "base/deployment.yaml": DEPLOYMENT,
        "components/host/kustomization.yaml": (
            "apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\npatches:\n"
            "- patch: |-\n    - op: add\n      path: /spec/template/spec/hostIPC\n"
            "      value: true\n  target: {kind: Deployment}\n"
        ),
        "app/kustomization.yaml": "resources: [../base]\ncomponents: [../components/host]\n",
    }
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-K8S-004",)))
    found = {(f.address, Path(f.location.file).relative_to(tmp_path).as_posix(),
              f.location.start_line): (f.status.value, f.message.en)
             for f in result.findings if f.location}
    assert found == {
        ("Deployment/default/web", "base/deployment.yaml", 1): (
            "PASS", "Pods do not share the host's namespaces"),
        ("Deployment/default/web", "app/kustomization.yaml", 2): (
            "FAIL", "the pod shares the host's namespaces: hostIPC"),
    }
    statuses = {Path(i.path).relative_to(tmp_path).as_posix(): (i.status, i.error)
                for i in result.inputs}
    assert statuses["components/host/kustomization.yaml"][0] == InputStatus.NOT_RECOGNISED
    assert statuses["app/kustomization.yaml"] == (InputStatus.ASSESSED, None)


def test_namespace_object_and_targets_selecting_nothing(tmp_path: Path) -> None:
    """kubebuilder's shape: the base's Namespace ``system`` is named after the overlay's
    ``namespace`` (notebook-controller's ``remove-namespace.yaml`` deletes it by that name:
    "matches no object read" before); a ``target`` selecting nothing changes nothing (no
    error, as kustomize)."""
    from gdcc_audit.load.kustomize import build

    (tmp_path / "default").mkdir()
    (tmp_path / "default" / "ns.yaml").write_text(
        "apiVersion: v1\nkind: Namespace\nmetadata: {name: system}\n---\n" + DEPLOYMENT,
        encoding="utf-8")
    (tmp_path / "default" / "kustomization.yaml").write_text(
        "namespace: notebook-controller-system\nresources: [ns.yaml]\n", encoding="utf-8")
    data = {
        "resources": ["default"],
        "patches": [
            {"patch": "$patch: delete\napiVersion: v1\nkind: Namespace\n"
                      "metadata: {name: notebook-controller-system}\n"},
            {"patch": "- {op: add, path: /metadata/labels, value: {a: b}}",
             "target": {"kind": "Namespace", "name": "kubeflow"}},
        ],
    }
    built = build(str(tmp_path / "kustomization.yaml"), data, None, 1 << 20)
    assert built.problems == []
    assert [(i.obj["kind"], i.obj["metadata"]["namespace"]) for i in built.items] == [
        ("Deployment", "notebook-controller-system")
    ]
