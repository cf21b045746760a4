"""GDCC-SECRET-001 on a kustomization's ``helmCharts``: the ``valuesInline`` kustomize renders
a chart with were not read (a kustomization was read for its generators only), so a literal
``postgresPassword`` there had no finding. Each chart with a secret is a holder named
``HelmChart/<file>#<release>``, found at its line; a chart whose values only name a Secret
(``existingSecret``) makes none, and a kustomization with neither stays not recognised."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

KUSTOMIZATION = """\
apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
namespace: db
helmCharts:
  - name: postgresql
    repo: https://charts.bitnami.com/bitnami
    releaseName: pg
    valuesInline:
      auth:
        postgresPassword: Sup3rPostgres!
        existingSecret: ""
  - name: redis
    repo: https://charts.bitnami.com/bitnami
    valuesInline:
      auth:
        existingSecret: redis-auth
"""
REFERENCES_ONLY = """\
apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
resources: [deploy.yaml]
helmCharts:
  - name: redis
    valuesInline: {auth: {existingSecret: redis-auth}}
"""


def test_kustomize_helm_chart_values(tmp_path: Path) -> None:
    (tmp_path / "db").mkdir()
    (tmp_path / "db" / "kustomization.yaml").write_text(KUSTOMIZATION, encoding="utf-8")
    (tmp_path / "cache").mkdir()
    (tmp_path / "cache" / "kustomization.yaml").write_text(REFERENCES_ONLY, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-SECRET-001",)))
    found = {
        f.resource_name: (f.status, f.evidence.get("paths"), f.evidence.get("value_set_at"))
        for f in result.findings
    }
    assert found == {
        "HelmChart/db/kustomization.yaml#pg": (
            Status.FAIL, ["auth.postgresPassword"],
            {"auth.postgresPassword": "db/kustomization.yaml:10"},
        ),
    }
    statuses = {str(Path(i.path).relative_to(tmp_path)): i for i in result.inputs}
    # built for its namespace: the objects of its charts are not read, and it says so
    assert statuses["db/kustomization.yaml"].status == "partially_assessed"
    assert statuses["db/kustomization.yaml"].error == (
        "kustomize: helmCharts are not inflated (needs helm, which is not run here: render "
        "the charts first): the objects they make are not read")
    assert statuses["cache/kustomization.yaml"].status == "not_recognised"
