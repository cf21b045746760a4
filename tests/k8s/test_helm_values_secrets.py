"""GDCC-SECRET-001 on a Helm chart's values files: they were *not recognised* (a values file
with a ``tpl`` string was even set aside as a Helm template), so a literal root password or a
private key in ``values.yaml`` had no finding. They are read for secrets only, found at their
file and line; names that say where a secret is kept are not secrets."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

VALUES = """\
# chart defaults
auth:
  rootPassword: "S3cretRoot!"
  existingSecret: ""
  existingSecretPasswordKey: password
  passwordKey: admin-password
  password: ""
  token: "{{ .Values.global.token }}"
tls:
  existingSecret: my-tls
  privateKeySecret: web-tls
  tls.key: "-----BEGIN RSA PRIVATE KEY-----\\nMIIEogIBAAKCAQE\\n-----END RSA PRIVATE KEY-----"
passwordLength: 16
metrics:
  configuration: |
    host: localhost:{{ .Values.containerPorts.jmx }}
    user:
    password:
    listenPort: 9100
---
"""


def _chart(root: Path) -> Path:
    chart = root / "chart"
    (chart / "templates").mkdir(parents=True)
    (chart / "ci").mkdir()
    (chart / "Chart.yaml").write_text("apiVersion: v2\nname: demo\nversion: 1.0.0\n")
    (chart / "values.yaml").write_text(VALUES)
    (chart / "ci" / "test-values.yaml").write_text("auth:\n  password: ci-pass\n")
    (chart / "values-prod.yaml").write_text("replicas: 2\nauth:\n  existingSecret: prod-db\n")
    (chart / "templates" / "secret.yaml").write_text(
        "apiVersion: v1\nkind: Secret\nmetadata:\n  name: {{ .Release.Name }}\n"
        "stringData:\n  password: {{ .Values.auth.rootPassword }}\n"
    )
    return chart


def test_values_files_are_read_for_secrets(tmp_path: Path) -> None:
    _chart(tmp_path)
    result = audit([tmp_path], Settings(rule_ids=("GDCC-SECRET-001",)))
    found = {
        f.resource_name: (f.status, f.evidence.get("paths"), f.evidence.get("value_set_at"))
        for f in result.findings
    }
    assert found == {
        "HelmValues/chart/values.yaml": (
            Status.FAIL,
            ["auth.rootPassword", "tls.tls.key"],
            {"auth.rootPassword": "chart/values.yaml:3",
             "tls.tls.key": "chart/values.yaml:12"},
        ),
        "HelmValues/chart/ci/test-values.yaml": (
            Status.FAIL, ["auth.password"], {"auth.password": "chart/ci/test-values.yaml:2"}
        ),
    }
    statuses = {Path(i.path).name: i.status for i in result.inputs}
    # values files are read (no longer set aside or not recognised); templates still wait
    # for rendering
    assert statuses["values.yaml"] == "assessed"
    assert statuses["test-values.yaml"] == "assessed"
    assert statuses["values-prod.yaml"] == "assessed"
    assert statuses["secret.yaml"] == "not_recognised"
    message = next(f for f in result.findings if f.resource_name.endswith("/values.yaml"))
    assert "S3cretRoot" not in message.message.en
    assert "(value set at chart/values.yaml:3, chart/values.yaml:12)" in message.message.en


def test_values_named_manifest_stays_a_manifest(tmp_path: Path) -> None:
    (tmp_path / "values.yaml").write_text(
        "apiVersion: v1\nkind: Secret\nmetadata: {name: db}\nstringData: {password: hunter22}\n"
    )
    result = audit([tmp_path], Settings(rule_ids=("GDCC-SECRET-001",)))
    assert [(f.resource_name, f.status) for f in result.findings] == [
        ("default/Secret/db", Status.FAIL)
    ]


def test_every_yaml_file_of_a_charts_ci_folder_is_values(tmp_path: Path) -> None:
    # chart-testing installs the chart with each file of ci/ as values, whatever its name
    # (argo-helm ``ci/enable-artifact-repo-ref.yaml``); they were not recognised
    chart = _chart(tmp_path)
    (chart / "ci" / "hostAliases.yml").write_text("auth:\n  rootPassword: ci-root-pw\n")
    (chart / "ci" / "plain.yaml").write_text("replicas: 1\n")
    (tmp_path / "ci").mkdir()  # not a chart's: stays not recognised
    (tmp_path / "ci" / "build.yaml").write_text("auth:\n  rootPassword: other-pw\n")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-SECRET-001",)))
    found = {f.resource_name: (f.status, f.evidence.get("paths")) for f in result.findings}
    assert found["HelmValues/chart/ci/hostAliases.yml"] == (Status.FAIL, ["auth.rootPassword"])
    assert not any("build.yaml" in name or "plain.yaml" in name for name in found)
    statuses = {Path(i.path).relative_to(tmp_path).as_posix(): i.status for i in result.inputs}
    assert statuses["chart/ci/plain.yaml"] == "assessed"
    assert statuses["ci/build.yaml"] == "not_recognised"


def test_values_the_templates_give_as_a_secret_name_or_key_are_names(tmp_path: Path) -> None:
    # grafana tempo ``tokengenJob.adminTokenSecret: admin-token`` (rendered as ``secretName``
    # and ``kubectl create secret generic``), a key under ``secretKeyRef``: they FAILed
    chart = tmp_path / "chart"
    (chart / "templates").mkdir(parents=True)
    (chart / "Chart.yaml").write_text("apiVersion: v2\nname: demo\nversion: 1.0.0\n")
    (chart / "values.yaml").write_text(
        "tokengenJob:\n  adminTokenSecret: admin-token\n"
        "hfSecret: hf-secret\nhfSecretKey: token-key\n"
        "webhookSecret: wh-S3cret-value\n"
    )
    (chart / "templates" / "job.yaml").write_text(
        "spec:\n  containers:\n    - args:\n        - kubectl create secret generic "
        "{{ .Values.tokengenJob.adminTokenSecret }} --from-literal=x=y\n"
        "      env:\n        - name: HF_TOKEN\n          valueFrom:\n            secretKeyRef:\n"
        "              name: {{ .Values.hfSecret | quote }}\n"
        "              key: {{ default \"token\" .Values.hfSecretKey }}\n"
        "        - name: WEBHOOK\n          value: {{ .Values.webhookSecret }}\n"
        "  volumes:\n    - name: t\n      secret:\n"
        "        secretName: {{ .Values.tokengenJob.adminTokenSecret }}\n"
    )
    result = audit([tmp_path], Settings(rule_ids=("GDCC-SECRET-001",)))
    found = {f.resource_name: (f.status, f.evidence.get("paths")) for f in result.findings}
    # the value the chart puts in a container's env is still a secret it deploys
    assert found == {"HelmValues/chart/values.yaml": (Status.FAIL, ["webhookSecret"])}
