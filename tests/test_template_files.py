"""Template files that are not configuration as written are set aside as *not recognised*
with the reason, like Helm charts, instead of *not assessed* ("invalid YAML", exit code 2):
Jinja templates named as such (TripleO, Kolla, Ansible: ``*.j2.yaml``) and YAML with
``{{ }}`` / ``{% %}`` placeholders that do not parse (``name: etcd-{{cell}}``). A broken YAML
file without placeholders is still an input error."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.load.discover import JINJA_REASON, PLACEHOLDER_REASON
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
