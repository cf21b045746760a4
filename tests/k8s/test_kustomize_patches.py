"""Files a kustomization names as patches are set aside as *not recognised* with the reason
("kustomize patch named in ...: render it first"): a strategic merge patch looks like a
Kubernetes object but holds only the fields it changes. Judged as a whole Deployment, the
argo-cd HA overlays failed GDCC-K8S-002 "runAsNonRoot not set" (the base sets it) and passed
rules whose setting the base object holds. The kustomization's resources are still read.
Since stop 49 the patches are applied to the objects the kustomization builds
(``load.kustomize``): the JSON patch adding ``hostNetwork`` made the base's PASS a wrong one."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.load.discover import KUSTOMIZE_PATCH_REASON
from gdcc_audit.models.result import InputStatus

KUSTOMIZATION = """\
apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
resources:
- deployment.yaml
patches:
- path: overlays/replicas.yaml
- patch: |-
    - op: replace
      path: /spec/replicas
      value: 3
  target: {kind: Deployment}
patchesStrategicMerge:
- probes.yaml
- |-
  apiVersion: apps/v1
  kind: Deployment
  metadata: {name: web}
patchesJson6902:
- path: json-patch.yaml
  target: {group: apps, version: v1, kind: Deployment, name: web}
"""

DEPLOYMENT = """\
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      securityContext: {runAsNonRoot: true, runAsUser: 1000}
      containers:
      - name: web
        image: nginx:1.27
"""

PATCH = """\
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  replicas: 2
  template:
    spec:
      containers:
      - name: web
        resources: {limits: {cpu: 100m}}
"""

JSON_PATCH = """\
- op: add
  path: /spec/template/spec/hostNetwork
  value: true
"""


def test_patches_are_set_aside_and_resources_read(tmp_path: Path) -> None:
    app = tmp_path / "app"
    (app / "overlays").mkdir(parents=True)
    (app / "kustomization.yaml").write_text(KUSTOMIZATION, encoding="utf-8")
    (app / "deployment.yaml").write_text(DEPLOYMENT, encoding="utf-8")
    (app / "overlays" / "replicas.yaml").write_text(PATCH, encoding="utf-8")
    (app / "probes.yaml").write_text(PATCH, encoding="utf-8")
    (app / "json-patch.yaml").write_text(JSON_PATCH, encoding="utf-8")
    result = audit([tmp_path])
    found = {
        Path(i.path).relative_to(tmp_path).as_posix(): (i.status, i.error) for i in result.inputs
    }
    reason = KUSTOMIZE_PATCH_REASON.format(kustomization=str(app / "kustomization.yaml"))
    for patch in ("app/overlays/replicas.yaml", "app/probes.yaml", "app/json-patch.yaml"):
        assert found[patch] == (InputStatus.NOT_RECOGNISED, reason)
    assert found["app/deployment.yaml"] == (InputStatus.ASSESSED, None)
    judged = {
        (f.address, f.location.file if f.location else None)
        for f in result.findings
        if f.rule_id == "GDCC-K8S-002"
    }
    # since stop 49 the patches are applied: the Deployment as the kustomization builds it
    # is judged too, at the line of its first patch (test_kustomize_overlays.py)
    assert judged == {("Deployment/shop/web", str(app / "deployment.yaml")),
                      ("Deployment/shop/web", str(app / "kustomization.yaml"))}
    host = {(f.location.file, f.status.value) for f in result.findings
            if f.rule_id == "GDCC-K8S-004" and f.location}
    assert host == {(str(app / "deployment.yaml"), "PASS"),
                    (str(app / "kustomization.yaml"), "FAIL")}
    assert KUSTOMIZE_PATCH_REASON.startswith("kustomize patch named in {kustomization}: ")


def test_a_file_no_kustomization_names_is_still_read(tmp_path: Path) -> None:
    (tmp_path / "kustomization.yaml").write_text(
        "resources: [deployment.yaml]\n", encoding="utf-8"
    )
    (tmp_path / "deployment.yaml").write_text(DEPLOYMENT, encoding="utf-8")
    (tmp_path / "other.yaml").write_text(PATCH, encoding="utf-8")
    result = audit([tmp_path])
    statuses = {Path(i.path).name: i.status for i in result.inputs}
    assert statuses["other.yaml"] == InputStatus.ASSESSED
    assert statuses["deployment.yaml"] == InputStatus.ASSESSED
