"""kustomize's built-in transformers named under ``transformers:`` (``apiVersion: builtin``)
were applied for labels, annotations, images and patches only: a ``ReplacementTransformer``,
``NamespaceTransformer``, ``PrefixSuffixTransformer`` or ``ReplicaCountTransformer`` (in a
file, written in place as a YAML text, or built by a folder's kustomization) left every object
of the build out ("transformer ... is not applied"), and ``replicas:`` was not read. They are
now applied as the kustomization fields they stand for; a plugin that is not built in (an exec
or container KRM function) still leaves every object out, with the reason."""

from __future__ import annotations

from pathlib import Path

import yaml

from gdcc_audit.api import audit
from gdcc_audit.load.kustomize import build
from gdcc_audit.models.result import InputStatus
from gdcc_audit.settings import Settings

DEPLOYMENT = """\
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 1
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      serviceAccountName: web
      containers:
      - name: web
        image: registry.example.com/shop/web:1.4.2
"""

ACCOUNT = """\
apiVersion: v1
kind: ServiceAccount
metadata: {name: web}
"""

BASE = """\
resources:
- deployment.yaml
- account.yaml
"""

OVERLAY = """\
resources:
- ../../base
replicas:
- {name: web, count: 3}
transformers:
- naming.yaml
- |-
  apiVersion: builtin
  kind: ReplacementTransformer
  metadata: {name: host}
  replacements:
  - sourceValue: "true"
    targets:
    - select: {kind: Deployment}
      fieldPaths: [spec.template.spec.hostNetwork]
      options: {create: true}
- more
"""

NAMING = """\
apiVersion: builtin
kind: NamespaceTransformer
metadata: {name: ns, namespace: shop}
---
apiVersion: builtin
kind: PrefixSuffixTransformer
metadata: {name: prefix}
prefix: prod-
fieldSpecs:
- path: metadata/name
"""

MORE_KUSTOMIZATION = """\
resources:
- replicas.yaml
"""

MORE_REPLICAS = """\
apiVersion: builtin
kind: ReplicaCountTransformer
metadata: {name: replicas}
replica: {name: web, count: 5}
fieldSpecs:
- {path: spec/replicas, create: true, kind: Deployment}
"""

PLUGIN = """\
resources:
- ../../base
transformers:
- plugin.yaml
"""

PLUGIN_CONFIG = """\
apiVersion: example.com/v1
kind: Sealer
metadata:
  name: sealer
  annotations:
    config.kubernetes.io/function: |
      exec: {path: ./sealer.sh}
"""


def _tree(tmp_path: Path) -> Path:
    files = {
        "base/kustomization.yaml": BASE, "base/deployment.yaml": DEPLOYMENT,
        "base/account.yaml": ACCOUNT, "overlays/prod/kustomization.yaml": OVERLAY,
        "overlays/prod/naming.yaml": NAMING,
        "overlays/prod/more/kustomization.yaml": MORE_KUSTOMIZATION,
        "overlays/prod/more/replicas.yaml": MORE_REPLICAS,
        "overlays/plugin/kustomization.yaml": PLUGIN,
        "overlays/plugin/plugin.yaml": PLUGIN_CONFIG,
    }
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def test_builtin_transformers_are_applied(tmp_path: Path) -> None:
    result = audit([_tree(tmp_path)], Settings(rule_ids=("GDCC-K8S-004",)))
    found = {
        (f.address, Path(f.location.file).relative_to(tmp_path).as_posix()):
            (f.status.value, f.message.en, f.location.start_line)
        for f in result.findings if f.location
    }
    # the base shares no host namespace; the overlay's replacement (written in place) turns
    # hostNetwork on, in the namespace and with the prefix its transformers set; its first
    # change is the replicas entry (line 4)
    assert found == {
        ("Deployment/default/web", "base/deployment.yaml"): (
            "PASS", "Pods do not share the host's namespaces", 1),
        ("Deployment/shop/prod-web", "overlays/prod/kustomization.yaml"): (
            "FAIL", "the pod shares the host's namespaces: hostNetwork", 4),
    }
    inputs = {Path(i.path).relative_to(tmp_path).as_posix(): i for i in result.inputs}
    prod = inputs["overlays/prod/kustomization.yaml"]
    assert (prod.status, prod.error) == (InputStatus.ASSESSED, None)
    # replicas: 3 (the field), then 5 (the folder's ReplicaCountTransformer, run after);
    # the pod's ServiceAccount reference follows the prefix
    path = tmp_path / "overlays/prod/kustomization.yaml"
    built = build(str(path), yaml.safe_load(OVERLAY), None, 1 << 20)
    assert built.problems == []
    web = next(i.obj for i in built.items if i.kind == "Deployment")
    assert (web["metadata"], web["spec"]["replicas"],
            web["spec"]["template"]["spec"]["serviceAccountName"]) == (
        {"name": "prod-web", "namespace": "shop"}, 5, "prod-web")


def test_plugin_transformer_is_not_applied(tmp_path: Path) -> None:
    result = audit([_tree(tmp_path)], Settings(rule_ids=("GDCC-K8S-004",)))
    inputs = {Path(i.path).relative_to(tmp_path).as_posix(): i for i in result.inputs}
    plugin = inputs["overlays/plugin/kustomization.yaml"]
    assert (plugin.line, plugin.error) == (
        4, "kustomize: transformer plugin.yaml is not applied",
    )
