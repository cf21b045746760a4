"""An overlay's ``replacements`` were not applied: the objects their targets select were left
out ("replacements are not applied"), so an overlay copying ``privileged: "true"`` from a
ConfigMap into its container, or the tag ``latest`` into its image, was judged by nothing but
the base's PASS. They are now applied as kustomize's replacement filter does
(``api/filters/replacement``): the source object's ``fieldPath`` (``options.delimiter`` /
``index``: one part), written at each target's ``fieldPaths`` (``[name=web]`` list selectors,
indices, ``options.create``, ``delimiter`` / ``index``) of the objects ``select`` selects and
no ``reject`` rejects; inline or from a ``path:`` file. A replacement kustomize refuses (its
source not in the build, a target field missing without ``create``) leaves the objects its
targets select not assessed as built, with the reason."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.result import InputStatus
from gdcc_audit.settings import Settings

DEPLOYMENT = """\
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, labels: {tier: front}}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - name: web
        image: registry.example.com/shop/web:1.4.2
        securityContext: {allowPrivilegeEscalation: false}
      - name: log
        image: registry.example.com/shop/log:2.0.0
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: worker, labels: {tier: back}}
spec:
  selector: {matchLabels: {app: worker}}
  template:
    metadata: {labels: {app: worker}}
    spec:
      containers:
      - name: web
        image: registry.example.com/shop/web:1.4.2
"""

SETTINGS = """\
apiVersion: v1
kind: ConfigMap
metadata: {name: settings}
data:
  privileged: "true"
  release: registry.example.com/shop/web:latest
"""

BASE = """\
resources:
- deployment.yaml
- settings.yaml
"""

DEBUG = """\
resources:
- ../../base
replacements:
- source: {kind: ConfigMap, name: settings, fieldPath: data.privileged}
  targets:
  - select: {kind: Deployment}
    reject:
    - {labelSelector: tier=back}
    fieldPaths:
    - spec.template.spec.containers.[name=web].securityContext.privileged
    options: {create: true}
- path: tag.yaml
"""

TAG = """\
source:
  kind: ConfigMap
  name: settings
  fieldPath: data.release
  options: {delimiter: ":", index: 1}
targets:
- select: {kind: Deployment, name: web}
  fieldPaths: [spec.template.spec.containers.1.image]
  options: {delimiter: ":", index: 1}
"""

BROKEN = """\
resources:
- ../../base
replacements:
- source: {kind: ConfigMap, name: settings, fieldPath: data.privileged}
  targets:
  - select: {kind: Deployment, name: web}
    fieldPaths: [spec.template.spec.hostNetwork]
"""

RULES = ("GDCC-K8S-001", "GDCC-K8S-011")


def _tree(tmp_path: Path) -> Path:
    files = {
        "base/kustomization.yaml": BASE, "base/deployment.yaml": DEPLOYMENT,
        "base/settings.yaml": SETTINGS, "overlays/debug/kustomization.yaml": DEBUG,
        "overlays/debug/tag.yaml": TAG, "overlays/broken/kustomization.yaml": BROKEN,
    }
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def test_replacements_are_applied(tmp_path: Path) -> None:
    result = audit([_tree(tmp_path)], Settings(rule_ids=RULES))
    found = {
        (f.address, Path(f.location.file).relative_to(tmp_path).as_posix(), f.rule_id):
            (f.status.value, f.message.en, f.location.start_line)
        for f in result.findings if f.location
    }
    debug = "overlays/debug/kustomization.yaml"
    assert {(a, f) for a, f, _ in found} == {
        ("Deployment/default/web", "base/deployment.yaml"),
        ("Deployment/default/worker", "base/deployment.yaml"),
        ("Deployment/default/web", debug),
    }
    # the base as written: nothing privileged, every image pinned
    assert found[("Deployment/default/web", "base/deployment.yaml", "GDCC-K8S-001")][0] == \
        "PASS"
    # the overlay copies "true" into the web container's privileged (created), and the tag
    # "latest" into the second container's image (delimiter ":", index 1); the worker is
    # rejected by its label: not changed, not given again
    assert found[("Deployment/default/web", debug, "GDCC-K8S-001")] == (
        "FAIL", "a container runs privileged (containers: web)", 4,
    )
    assert found[("Deployment/default/web", debug, "GDCC-K8S-011")][:2] == (
        "FAIL", "images by mutable tag: registry.example.com/shop/log:latest",
    )
    inputs = {Path(i.path).relative_to(tmp_path).as_posix(): i for i in result.inputs}
    assert (inputs[debug].status, inputs[debug].error) == (InputStatus.ASSESSED, None)


def test_replacement_kustomize_refuses(tmp_path: Path) -> None:
    result = audit([_tree(tmp_path)], Settings(rule_ids=RULES))
    inputs = {Path(i.path).relative_to(tmp_path).as_posix(): i for i in result.inputs}
    broken = inputs["overlays/broken/kustomization.yaml"]
    # hostNetwork is not written and create is off: kustomize refuses the build
    assert broken.status == InputStatus.NOT_ASSESSED
    assert (broken.line, broken.error, broken.additional_errors) == (
        4, "kustomize: replacement: unable to find field spec.template.spec.hostNetwork in "
        "the target", ("line 4: kustomize: Deployment web as this kustomization builds it is "
                       "not assessed (replacement (line 4) is not applied: unable to find field "
                       "spec.template.spec.hostNetwork in the target)",),
    )


CONFIG_JSON = """\
apiVersion: v1
kind: ConfigMap
metadata: {name: source-config}
data:
  database_host: prod-db.example.com
  database_port: "5432"
---
apiVersion: v1
kind: ConfigMap
metadata: {name: app-config}
data:
  config.json: |-
    {
      "database": {
        "connections": {
          "primary": {"host": "localhost", "port": 3306, "ssl": true}
        },
        "pool": {"min": 5, "max": 10}
      }
    }
  compact.json: '{"b": "x", "a": "<&>"}'
  app.yaml: |
    db:
      hosts:
      - one
      user: app
"""

STRUCTURED = """\
resources: [config.yaml]
replacements:
- source: {kind: ConfigMap, name: source-config, fieldPath: data.database_host}
  targets:
  - select: {kind: ConfigMap, name: app-config}
    fieldPaths:
    - data.config\\.json.database.connections.primary.host
    - data.compact\\.json.b
    - data.app\\.yaml.db.hosts.0
- source: {kind: ConfigMap, name: source-config, fieldPath: data.database_port}
  targets:
  - select: {kind: ConfigMap, name: app-config}
    fieldPaths: [data.config\\.json.database.connections.primary.port]
"""


def test_replacement_into_structured_data_in_a_string(tmp_path: Path) -> None:
    """kustomize reads the YAML / JSON a string field holds when the field path goes into
    it (``setValueInStructuredData``; the expected text is kustomize's own test case
    "replacement json complex nested structure": keys sorted, the number kept a number)."""
    import yaml

    from gdcc_audit.load.kustomize import build

    (tmp_path / "config.yaml").write_text(CONFIG_JSON, encoding="utf-8")
    (tmp_path / "kustomization.yaml").write_text(STRUCTURED, encoding="utf-8")
    built = build(str(tmp_path / "kustomization.yaml"), yaml.safe_load(STRUCTURED), None,
                  1 << 20)
    assert built.problems == []
    data = next(i.obj["data"] for i in built.items if i.name == "app-config")
    assert data["config.json"] == (
        '{\n  "database": {\n    "connections": {\n      "primary": {\n'
        '        "host": "prod-db.example.com",\n        "port": 5432,\n'
        '        "ssl": true\n      }\n    },\n    "pool": {\n      "max": 10,\n'
        '      "min": 5\n    }\n  }\n}'
    )
    assert data["compact.json"] == '{"a":"\\u003c\\u0026\\u003e","b":"prod-db.example.com"}'
    assert data["app.yaml"] == "db:\n  hosts:\n  - prod-db.example.com\n  user: app"


def test_password_replaced_into_a_config_file(tmp_path: Path) -> None:
    """An overlay copying a password into the JSON file a ConfigMap holds: the built
    ConfigMap FAILs GDCC-SECRET-001 (before: the replacement was refused, the overlay not
    assessed)."""
    files = {
        "base/kustomization.yaml": "resources: [app.yaml]\n",
        "base/app.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: app}\ndata:\n"
                         "  config.json: '{\"db\": {\"host\": \"db\", \"password\": \"\"}}'\n",
        "prod/kustomization.yaml": (
            "resources: [../base]\nreplacements:\n"
            "- source: {kind: ConfigMap, name: app, fieldPath: metadata.annotations.pw}\n"
            "  targets:\n  - select: {kind: ConfigMap, name: app}\n"
            "    fieldPaths: [data.config\\.json.db.password]\n"
            "patches:\n- target: {kind: ConfigMap, name: app}\n  patch: |-\n"
            "    - {op: add, path: /metadata/annotations, value: {pw: Xk9mQ2vLp8zR4tW7}}\n"
        ),
    }
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-SECRET-001",)))
    found = {(f.address, Path(f.location.file).relative_to(tmp_path).as_posix()):
             (f.status.value, f.message.en) for f in result.findings if f.location}
    assert found[("ConfigMap/default/app", "prod/kustomization.yaml")][0] == "FAIL"
    assert found[("ConfigMap/default/app", "base/app.yaml")][0] == "PASS"
    inputs = {Path(i.path).relative_to(tmp_path).as_posix(): i for i in result.inputs}
    assert inputs["prod/kustomization.yaml"].status == InputStatus.ASSESSED
