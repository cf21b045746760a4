"""Template files that are not configuration as written are set aside as *not recognised*
with the reason, like Helm charts, instead of *not assessed* ("invalid YAML", exit code 2):
Jinja templates named as such (TripleO, Kolla, Ansible: ``*.j2.yaml``) and YAML with
``{{ }}`` / ``{% %}`` placeholders that do not parse (``name: etcd-{{cell}}``). A broken YAML
file without placeholders is still an input error."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.load.discover import (
    DUPLICATE_REASON,
    JINJA_REASON,
    PLACEHOLDER_REASON,
    TEXT_TEMPLATE_REASON,
)
from gdcc_audit.models.result import InputStatus

JINJA = """\
heat_template_version: rocky
resources:
{% for role in roles %}
  {{role.name}}Server:
    type: OS::Nova::Server
    properties: {image: cirros, flavor: m1.small}
{% endfor %}
"""

JINJA_PARSES = """\
heat_template_version: rocky
parameters:
  Name: {type: string, default: "{{ role.name }}"}
resources: {}
"""

MUSTACHE = """\
apiVersion: v1
kind: ReplicationController
metadata:
  name: etcd-{{cell}}
spec:
  replicas: {{replicas}}
"""

BROKEN = """\
apiVersion: v1
kind: ConfigMap
metadata: {name: broken
"""


def test_templates_are_set_aside_with_the_reason(tmp_path: Path) -> None:
    (tmp_path / "overcloud.j2.yaml").write_text(JINJA, encoding="utf-8")
    (tmp_path / "roles.j2.yaml").write_text(JINJA_PARSES, encoding="utf-8")
    (tmp_path / "etcd-controller-template.yaml").write_text(MUSTACHE, encoding="utf-8")
    (tmp_path / "broken.yaml").write_text(BROKEN, encoding="utf-8")
    result = audit([tmp_path])
    found = {Path(i.path).name: (i.status, i.error) for i in result.inputs}
    assert found["overcloud.j2.yaml"] == (InputStatus.NOT_RECOGNISED, JINJA_REASON)
    # named as a Jinja template and holding markup: template text, not configuration
    assert found["roles.j2.yaml"] == (InputStatus.NOT_RECOGNISED, JINJA_REASON)
    assert found["etcd-controller-template.yaml"] == (
        InputStatus.NOT_RECOGNISED,
        PLACEHOLDER_REASON,
    )
    status, error = found["broken.yaml"]
    assert status is InputStatus.NOT_ASSESSED
    assert error is not None
    assert error.startswith("invalid YAML")
    assert JINJA_REASON == "Jinja template: render it first, then audit the output"


GO_TEMPLATE = """\
apiVersion: batch/v1
kind: Job
metadata:
  name: chaos-{{ .Context.TestRun }}
spec:
  template:
    spec:
      securityContext:
        runAsNonRoot: true
{{ if not .Context.OcpCluster }}
        fsGroup: 1001
{{ end }}
      containers: [{name: chaos, image: "chaos:1.0"}]
"""

GO_RANGE = """\
{{- $testRun := .TestRun -}}
{{- range .Operator.ManagedNamespaces }}
---
apiVersion: v1
kind: Namespace
metadata:
  name: {{ . }}
{{- end }}
"""

BROKEN_WITH_TEXT = """\
apiVersion: v1
kind: ConfigMap
metadata: {name: alerts}
data:
  summary: "{{ .Labels.instance }} is down"
  rule: [a, b
"""


def test_go_template_actions_on_their_own_lines_make_a_template(tmp_path: Path) -> None:
    """``{{ if ... }}`` / ``{{- range }}`` lines of a Go template break the YAML with errors
    of any kind (``could not find expected ':'``, ``did not find expected node content``):
    ECK's e2e manifests were *not assessed* (exit code 2) or set aside depending on which.
    A broken file whose placeholders are only text in values stays an input error."""
    (tmp_path / "chaos_job.yaml").write_text(GO_TEMPLATE, encoding="utf-8")
    (tmp_path / "namespaces.yaml").write_text(GO_RANGE, encoding="utf-8")
    (tmp_path / "alerts.yaml").write_text(BROKEN_WITH_TEXT, encoding="utf-8")
    result = audit([tmp_path])
    found = {Path(i.path).name: (i.status, i.error) for i in result.inputs}
    assert found["chaos_job.yaml"] == (InputStatus.NOT_RECOGNISED, PLACEHOLDER_REASON)
    assert found["namespaces.yaml"] == (InputStatus.NOT_RECOGNISED, PLACEHOLDER_REASON)
    status, error = found["alerts.yaml"]
    assert status is InputStatus.NOT_ASSESSED
    assert error is not None
    assert error.startswith("invalid YAML")


def test_trimmed_template_action_is_a_placeholder(tmp_path: Path) -> None:
    """A Helm chart fragment holding only ``{{- end }}`` (cert-manager's
    ``crd.template.footer.yaml``): the trimming ``-`` kept it from being seen as a template,
    so it was *not assessed*, "invalid YAML"."""
    (tmp_path / "crd.template.footer.yaml").write_text("{{- end }}\n", encoding="utf-8")
    result = audit([tmp_path])
    found = {Path(i.path).name: (i.status, i.error) for i in result.inputs}
    assert found["crd.template.footer.yaml"] == (InputStatus.NOT_RECOGNISED, PLACEHOLDER_REASON)


CI_FILE = """\
language: go
branches:
  only: [main]
branches:
  only: [release]
"""

DEPLOYMENT_TWICE = """\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  name: web2
spec:
  template:
    spec:
      containers: [{name: web, image: nginx:1.27.0}]
"""

BIRD = """\
{{- $cfg := getConfig 4 . -}}
protocol kernel {
  learn;
}
"""

INI_TEMPLATE = """\
[client]
port = 3306

[mysqld]
max_connections = {{ max_connections }}
"""

BROKEN_CFN = """\
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Bucket: {Type: AWS::S3::Bucket
"""


def test_tools_files_read_keeping_the_last_value_are_not_configuration(tmp_path: Path) -> None:
    """A CI or tool file with a key written twice (knative's vendored ``.travis.yml``,
    flannel's ``ca-csr.json``) was *not assessed*, exit code 2: read keeping the last value it
    is nothing gdcc-audit reads, so it is set aside. A manifest with a key written twice
    is read as ``kubectl apply -f`` reads it, keeping the last value, with an error naming the
    ignored value (partially assessed); a broken CloudFormation template named
    ``.template``, while a text template of another tool named so (calico's
    ``bird.cfg.template``) is set aside."""
    (tmp_path / ".travis.yml").write_text(CI_FILE, encoding="utf-8")
    (tmp_path / "deploy.yaml").write_text(DEPLOYMENT_TWICE, encoding="utf-8")
    (tmp_path / "bird.cfg.template").write_text(BIRD, encoding="utf-8")
    (tmp_path / "config.template").write_text(INI_TEMPLATE, encoding="utf-8")
    (tmp_path / "stack.template").write_text(BROKEN_CFN, encoding="utf-8")
    result = audit([tmp_path])
    found = {Path(i.path).name: (i.status, i.error) for i in result.inputs}
    assert found[".travis.yml"] == (InputStatus.NOT_RECOGNISED, DUPLICATE_REASON)
    assert found["bird.cfg.template"] == (InputStatus.NOT_RECOGNISED, TEXT_TEMPLATE_REASON)
    # an INI file whose first line reads as YAML (trove's config.template)
    assert found["config.template"] == (InputStatus.NOT_RECOGNISED, TEXT_TEMPLATE_REASON)
    assert found["deploy.yaml"][0] is InputStatus.PARTIALLY_ASSESSED
    assert "duplicate key 'name'" in str(found["deploy.yaml"][1])
    assert found["stack.template"][0] is InputStatus.NOT_ASSESSED


MULTI_DOCUMENT_TEMPLATE = """\
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
spec:
  template:
    spec:
      containers:
        - name: agent
          securityContext:
            runAsUser: 0
  {{ if .OcpCluster }}
            privileged: true
  {{ end }}
---
apiVersion: v1
kind: ServiceAccount
metadata:
  name: agent
  namespace: {{ .Namespace }}
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: plain
"""


def test_multi_document_go_template_is_set_aside_whole(tmp_path: Path) -> None:
    """A multi-document Go template (ECK's ``config/e2e/monitoring.yaml``) whose every
    unreadable document breaks at a placeholder is a template, set aside whole: its documents
    that parse hold template text too (it was *not assessed*, one error per document)."""
    (tmp_path / "monitoring.yaml").write_text(MULTI_DOCUMENT_TEMPLATE, encoding="utf-8")
    (tmp_path / "broken.yaml").write_text(MULTI_DOCUMENT_TEMPLATE.replace(
        "  {{ if .OcpCluster }}", "  : oops"), encoding="utf-8")
    result = audit([tmp_path])
    found = {Path(i.path).name: (i.status, i.error) for i in result.inputs}
    assert found["monitoring.yaml"] == (InputStatus.NOT_RECOGNISED, PLACEHOLDER_REASON)
    # a document broken by something else than a placeholder keeps the file's errors
    assert found["broken.yaml"][0] is not InputStatus.NOT_RECOGNISED


KREW_PLUGIN = """\
apiVersion: krew.googlecontainertools.github.com/v1alpha2
kind: Plugin
metadata:
  name: ingress-nginx
spec:
  version: v1.0.0
  platforms:
  - selector:
      matchLabels:
        os: darwin
    {{addURIAndSha "https://example.com/download/{{ .TagName }}/plugin.tar.gz" .TagName }}
    bin: kubectl-plugin
"""


def test_placeholder_on_the_line_before_the_error(tmp_path: Path) -> None:
    """A scanner error "while scanning a simple key" on a placeholder's line is reported on
    the next line: ingress-nginx's GoReleaser krew manifest (``cmd/plugin/krew.yaml``) was
    *not assessed*, "invalid YAML: could not find expected ':'" (exit code 2)."""
    (tmp_path / "krew.yaml").write_text(KREW_PLUGIN, encoding="utf-8")
    result = audit([tmp_path])
    found = {Path(i.path).name: (i.status, i.error) for i in result.inputs}
    assert found["krew.yaml"] == (InputStatus.NOT_RECOGNISED, PLACEHOLDER_REASON)
