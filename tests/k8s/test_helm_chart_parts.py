"""Each part of a Helm chart that is not read is named with its reason, never dropped
(load/helm_chart.py, load/discover.py):

- a template whose actions hold none of the words discovery looked for (``lookup``, ``required``
  on a variable, ``{{ $name }}``) was read as YAML: an input error (``lookup`` in a quoted
  value), a "placeholders" reason, or worse, a Pod named ``{{ $name }}`` judged as written;
  every file with ``{{`` under a chart's ``templates/`` folder is now a Helm template;
- Helm's ``lookup "v1" ...`` / ``required "msg" $x`` outside a chart folder count as Helm
  actions too; Ansible's ``lookup('env', 'HOME')`` does not;
- a packaged dependency (``charts/redis-17.0.0.tgz``) was passed over without a word;
- ``Chart.yaml`` says it is chart metadata and names the dependencies not in ``charts/``.
"""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.load.discover import HELM_REASON
from gdcc_audit.settings import Settings

CHART = """\
apiVersion: v2
name: shop
version: 0.1.0
dependencies:
- name: redis
  version: 17.0.0
  repository: https://charts.example.com
- name: postgresql
  version: 12.0.0
  repository: oci://registry.example.com/charts
- name: sub
  version: 0.1.0
"""

LOOKUP = """\
apiVersion: v1
kind: Pod
metadata:
  name: uses-lookup
  annotations:
    existing: "{{ (lookup "v1" "Namespace" "" "kube-system").metadata.uid }}"
spec:
  containers:
  - name: app
    image: nginx:1.25
    securityContext:
      privileged: true
"""

REQUIRED = """\
{{- $host := required "host is required" .host -}}
apiVersion: v1
kind: Pod
metadata:
  name: required-var
spec:
  containers:
  - name: app
    image: "nginx:{{ $host }}"
"""

VARIABLE = """\
apiVersion: v1
kind: Pod
metadata:
  name: "{{ $name }}"
spec:
  containers:
  - name: app
    image: nginx:1.25
    securityContext:
      privileged: true
"""


def _inputs(root: Path) -> dict[str, tuple[str, str | None]]:
    result = audit([root], Settings(rule_ids=("GDCC-K8S-001",)))
    assert not [f for f in result.findings if f.rule_id == "GDCC-K8S-001"]
    return {
        str(Path(i.path).relative_to(root)): (i.status.value, i.error) for i in result.inputs
    }


def test_chart_parts_named(tmp_path: Path) -> None:
    chart = tmp_path / "shop"
    (chart / "templates" / "pods").mkdir(parents=True)
    (chart / "charts" / "sub").mkdir(parents=True)
    (chart / "Chart.yaml").write_text(CHART)
    (chart / "templates" / "lookup.yaml").write_text(LOOKUP)
    (chart / "templates" / "required.yaml").write_text(REQUIRED)
    (chart / "templates" / "pods" / "variable.yaml").write_text(VARIABLE)
    (chart / "charts" / "redis-17.0.0.tgz").write_bytes(b"\x1f\x8b\x08\x00")
    (chart / "charts" / "sub" / "Chart.yaml").write_text(
        "apiVersion: v2\nname: sub\nversion: 0.1.0\n")
    found = _inputs(tmp_path)
    template = ("not_recognised", HELM_REASON)
    assert found["shop/templates/lookup.yaml"] == template
    assert found["shop/templates/required.yaml"] == template
    assert found["shop/templates/pods/variable.yaml"] == template
    assert found["shop/charts/redis-17.0.0.tgz"] == ("not_recognised", (
        "packaged Helm chart (a dependency in the charts/ folder of chart shop): not read; "
        "render the chart that depends on it (helm template), then audit the output"))
    assert found["shop/Chart.yaml"] == ("not_recognised", (
        "Helm chart metadata: its templates are audited once rendered (helm template); "
        "dependencies not in its charts/ folder, so not in the scan: postgresql"))
    assert found["shop/charts/sub/Chart.yaml"] == ("not_recognised", (
        "Helm chart metadata: its templates are audited once rendered (helm template)"))


def test_helm_functions_outside_a_chart(tmp_path: Path) -> None:
    """No Chart.yaml: Helm's own functions still say "Helm template"; Ansible's lookup is
    text in a value."""
    (tmp_path / "lookup.yaml").write_text(LOOKUP)
    (tmp_path / "required.yaml").write_text(REQUIRED)
    (tmp_path / "vars.yaml").write_text("home: \"{{ lookup('env', 'HOME') }}\"\n")
    found = _inputs(tmp_path)
    assert found["lookup.yaml"] == ("not_recognised", HELM_REASON)
    assert found["required.yaml"] == ("not_recognised", HELM_REASON)
    assert found["vars.yaml"] == ("not_recognised", None)
