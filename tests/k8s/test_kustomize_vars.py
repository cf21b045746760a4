"""An overlay's ``vars`` were not substituted: every object writing ``$(VAR)`` was left out of
the build ("var ... is not substituted"), so the OpenTelemetry Operator's webhook
configurations (``$(CERTIFICATE_NAMESPACE)/$(CERTIFICATE_NAME)``) and kustomize's wordpress
example Deployment were not assessed as built. Vars are now resolved as kustomize does when the
build ends: the ``objref`` object's ``fieldref.fieldPath`` (default ``metadata.name``, after the
prefix), substituted in the fields of kustomize's default ``varReference`` (container args,
command, env values, mount paths; labels and annotations of every kind; Ingress hosts...) and
those a ``configurations:`` file adds. A var whose object is not in the build leaves the
objects using it not assessed, with the reason."""

from __future__ import annotations

from pathlib import Path

import yaml

from gdcc_audit.api import audit
from gdcc_audit.load.kustomize import build
from gdcc_audit.models.result import InputStatus
from gdcc_audit.settings import Settings

MANIFESTS = """\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  annotations: {db: "$(DB_SERVICE).$(DB_NAMESPACE)"}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - name: web
        image: registry.example.com/shop/web:1.4.2
        args: ["--db=$(DB_SERVICE):5432", "--cache=$(CACHE)", "--literal=$$(DB_SERVICE)"]
        securityContext: {privileged: true}
---
apiVersion: v1
kind: Service
metadata: {name: db, namespace: data}
spec: {ports: [{port: 5432}]}
"""

KUSTOMIZATION = """\
namePrefix: shop-
resources:
- manifests.yaml
vars:
- name: DB_SERVICE
  objref: {kind: Service, name: db, apiVersion: v1}
- name: DB_NAMESPACE
  objref: {kind: Service, name: db, apiVersion: v1}
  fieldref: {fieldPath: metadata.namespace}
"""

CACHE = """\
- name: CACHE
  objref: {kind: Service, name: cache, apiVersion: v1}
"""


def test_vars_are_substituted(tmp_path: Path) -> None:
    (tmp_path / "manifests.yaml").write_text(MANIFESTS, encoding="utf-8")
    (tmp_path / "kustomization.yaml").write_text(KUSTOMIZATION, encoding="utf-8")
    built = build(str(tmp_path / "kustomization.yaml"), yaml.safe_load(KUSTOMIZATION), None,
                  1 << 20)
    web = next(i for i in built.items if i.kind == "Deployment")
    assert web.obj["metadata"]["annotations"] == {"db": "shop-db.data"}
    assert web.obj["spec"]["template"]["spec"]["containers"][0]["args"] == [
        "--db=shop-db:5432", "--cache=$(CACHE)", "--literal=$(DB_SERVICE)"]
    assert (web.unknown, web.changed) == ([], [1])
    # judged as built: the privileged container FAILs (before: left out)
    result = audit([tmp_path], Settings(rule_ids=("GDCC-K8S-001",)))
    found = {(f.address, Path(f.location.file).name): f.status.value
             for f in result.findings if f.location}
    assert found == {("Deployment/default/web", "manifests.yaml"): "FAIL",
                     ("Deployment/default/shop-web", "kustomization.yaml"): "FAIL"}


def test_a_var_of_an_object_not_built_leaves_its_users_out(tmp_path: Path) -> None:
    (tmp_path / "manifests.yaml").write_text(MANIFESTS, encoding="utf-8")
    text = KUSTOMIZATION + CACHE
    (tmp_path / "kustomization.yaml").write_text(text, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-K8S-001",)))
    inputs = {Path(i.path).name: i for i in result.inputs}
    # the prefixed Service shop-db is built and judged: the kustomization is assessed in part
    assert inputs["kustomization.yaml"].status == InputStatus.PARTIALLY_ASSESSED
    assert inputs["kustomization.yaml"].error == (
        "kustomize: Deployment shop-web as this kustomization builds it is not assessed (var "
        "CACHE (line 10) is not substituted: its object Service cache is not in the build)"
    )
