"""A kustomization's generators were no part of its build: a replacement taking its value from
a generated ConfigMap (kubeflow's ``centraldashboard-parameters``) had "no source" and its
targets were left out; a ConfigMap made by a built-in ``ConfigMapGenerator`` named under
``generators:`` was not read at all ("generators are not run"), so a password in its literals
was reported by nothing; the names pods give of generated objects kept no hash suffix. Now
``configMapGenerator`` / ``secretGenerator`` and the built-in generators of ``generators:``
make objects of the build (after the resources, before the transformers), ``behavior: merge``
/ ``replace`` change the base's object, and the build ends by suffixing each generated name
with kustomize's content hash (``api/hasher``) and renaming the references to it, unless
``disableNameSuffixHash``. ``HelmChartInflationGenerator`` and plugins stay not run, named."""

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
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - name: web
        image: registry.example.com/shop/web:1.4.2
        envFrom:
        - configMapRef: {name: parameters}
        - secretRef: {name: creds}
"""

BASE = """\
resources:
- deployment.yaml
configMapGenerator:
- name: parameters
  literals:
  - privileged=true
secretGenerator:
- name: creds
  literals:
  - user=admin
generatorOptions:
  labels: {team: shop}
"""

OVERLAY = """\
resources:
- ../../base
configMapGenerator:
- name: parameters
  behavior: merge
  literals:
  - mode=debug
replacements:
- source: {kind: ConfigMap, name: parameters, fieldPath: data.privileged}
  targets:
  - select: {kind: Deployment, name: web}
    fieldPaths: [spec.template.spec.containers.0.securityContext.privileged]
    options: {create: true}
generators:
- settings.yaml
- chart.yaml
"""

SETTINGS = """\
apiVersion: builtin
kind: ConfigMapGenerator
metadata: {name: app-settings}
literals:
- DB_PASSWORD=Sup3r-S3cret-Pw
options: {disableNameSuffixHash: true}
"""

CHART = """\
apiVersion: builtin
kind: HelmChartInflationGenerator
metadata: {name: redis}
name: redis
repo: https://charts.example.com
"""

HELM = """\
resources:
- ../../base
helmCharts:
- {name: redis, repo: https://charts.example.com, version: 1.2.3}
images:
- {name: registry.example.com/shop/web, newTag: 1.4.3}
"""


def _tree(tmp_path: Path) -> Path:
    files = {
        "base/kustomization.yaml": BASE, "base/deployment.yaml": DEPLOYMENT,
        "overlays/debug/kustomization.yaml": OVERLAY,
        "overlays/debug/settings.yaml": SETTINGS, "overlays/debug/chart.yaml": CHART,
        "overlays/helm/kustomization.yaml": HELM,
    }
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def test_generated_objects_are_part_of_the_build(tmp_path: Path) -> None:
    result = audit([_tree(tmp_path)],
                   Settings(rule_ids=("GDCC-K8S-001", "GDCC-SECRET-001")))
    found = {
        (f.address, Path(f.location.file).relative_to(tmp_path).as_posix(), f.rule_id):
            (f.status.value, f.location.start_line)
        for f in result.findings if f.location
    }
    debug = "overlays/debug/kustomization.yaml"
    # the replacement copies the generated ConfigMap's "true" into the container
    assert found[("Deployment/default/web", debug, "GDCC-K8S-001")] == ("FAIL", 9)
    assert found[("Deployment/default/web", "base/deployment.yaml", "GDCC-K8S-001")] == (
        "PASS", 1)
    # the ConfigMap the built-in generator makes is read as a written one: its password
    # is found, at the generators entry
    assert found[("ConfigMap/default/app-settings", debug, "GDCC-SECRET-001")] == ("FAIL", 15)
    inputs = {Path(i.path).relative_to(tmp_path).as_posix(): i for i in result.inputs}
    assert (inputs[debug].status, inputs[debug].line, inputs[debug].error) == (
        InputStatus.PARTIALLY_ASSESSED, 16,
        "kustomize: generator chart.yaml is not run (needs helm, which is not run here "
        "(render the chart first)): the objects it makes are not read",
    )
    helm = inputs["overlays/helm/kustomization.yaml"]
    assert (helm.status, helm.line, helm.error) == (
        InputStatus.PARTIALLY_ASSESSED, 3,
        "kustomize: helmCharts are not inflated (needs helm, which is not run here: render "
        "the charts first): the objects they make are not read",
    )


def test_generated_names_take_the_content_hash(tmp_path: Path) -> None:
    _tree(tmp_path)
    path = tmp_path / "overlays/debug/kustomization.yaml"
    built = build(str(path), yaml.safe_load(OVERLAY), None, 1 << 20)
    objects = {(i.obj["kind"], i.obj["metadata"]["name"]): i.obj for i in built.items}
    # kustomize's names: the merged ConfigMap's hash is of its merged data
    parameters = objects[("ConfigMap", "parameters-mdb898k9m8")]
    assert (parameters["data"], parameters["metadata"]["labels"]) == (
        {"privileged": "true", "mode": "debug"}, {"team": "shop"})
    assert objects[("Secret", "creds-hmbb7mfmdf")]["data"] == {"user": "YWRtaW4="}
    assert ("ConfigMap", "app-settings") in objects  # disableNameSuffixHash
    web = objects[("Deployment", "web")]["spec"]["template"]["spec"]["containers"][0]
    assert web["envFrom"] == [{"configMapRef": {"name": "parameters-mdb898k9m8"}},
                              {"secretRef": {"name": "creds-hmbb7mfmdf"}}]
    assert web["securityContext"] == {"privileged": True}


def test_a_bare_env_key_is_empty_not_a_failed_build(tmp_path: Path) -> None:
    # kustomize's springboot example: an envs file line "staging" (no "=") takes its value
    # from the environment kustomize runs in: the ConfigMap is still generated
    (tmp_path / "staging.env").write_text("staging\nLOG=debug\n", encoding="utf-8")
    text = "configMapGenerator:\n- name: demo\n  envs: [staging.env]\n"
    (tmp_path / "kustomization.yaml").write_text(text, encoding="utf-8")
    built = build(str(tmp_path / "kustomization.yaml"), yaml.safe_load(text), None, 1 << 20)
    assert built.problems == []
    assert [(i.obj["metadata"]["name"][:5], i.obj["data"]) for i in built.items] == [
        ("demo-", {"staging": "", "LOG": "debug"})]


def test_renamed_names_follow_in_projected_volumes_pull_secrets_and_ingresses(
    tmp_path: Path,
) -> None:
    # kustomize's name references: a projected volume's and the image pull secrets' Secret,
    # an Ingress's backend Service and TLS Secret follow the prefix and the hash
    manifests = """\
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  template:
    spec:
      imagePullSecrets: [{name: pull}]
      containers: [{name: web, image: web:1.0.0}]
      volumes:
      - name: both
        projected:
          sources: [{secret: {name: pull}}, {configMap: {name: other}}]
---
apiVersion: v1
kind: Service
metadata: {name: web}
spec: {ports: [{port: 80}]}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: web}
spec:
  tls: [{hosts: [shop.example.com], secretName: pull}]
  rules:
  - http:
      paths:
      - {path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}
"""
    (tmp_path / "all.yaml").write_text(manifests, encoding="utf-8")
    text = ("resources: [all.yaml]\nnamePrefix: p-\n"
            "secretGenerator:\n- name: pull\n  literals: [token=abc]\n")
    (tmp_path / "kustomization.yaml").write_text(text, encoding="utf-8")
    built = build(str(tmp_path / "kustomization.yaml"), yaml.safe_load(text), None, 1 << 20)
    objects = {i.obj["kind"]: i.obj for i in built.items}
    secret = objects["Secret"]["metadata"]["name"]
    assert secret.startswith("p-pull-")
    assert len(secret) == len("p-pull-") + 10
    pod = objects["Deployment"]["spec"]["template"]["spec"]
    assert pod["imagePullSecrets"] == [{"name": secret}]
    assert pod["volumes"][0]["projected"]["sources"] == [
        {"secret": {"name": secret}}, {"configMap": {"name": "other"}}]
    ingress = objects["Ingress"]["spec"]
    assert (ingress["tls"][0]["secretName"],
            ingress["rules"][0]["http"]["paths"][0]["backend"]["service"]["name"]) == (
        secret, "p-web")
