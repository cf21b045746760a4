"""GDCC-SECRET-001 on a helmfile's values: the files a ``helmfile.yaml`` gives its releases
and environments (``config/app-prod.yaml``, ``environments/prod/env.yaml``: any name) and the
helmfile's own values (an inline ``values`` mapping, a ``set`` pair, a repository password)
were *not recognised*, so a literal password there had no finding. A value the release's
local chart gives as a Secret's name stays a name; a file the helmfile does not name, with a
name no values file has, stays not recognised."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

HELMFILE = """\
repositories:
  - name: private
    url: https://charts.example.com
    username: ci
    password: RepoPassw0rd
environments:
  production:
    values:
      - environments/prod/env.yaml
releases:
  - name: app
    chart: ./charts/app
    values:
      - config/app-prod.yaml
      - values/{{ .Release.Name }}.yaml
      - adminPassword: InlineS3cretPw
    set:
      - name: db.password
        value: SetS3cretPw99
    secrets:
      - secrets/app.yaml
"""


def _write(root: Path) -> None:
    files = {
        "helmfile.yaml": HELMFILE,
        "charts/app/Chart.yaml": "apiVersion: v2\nname: app\nversion: 0.1.0\n",
        "charts/app/templates/secret.yaml": (
            "apiVersion: v1\nkind: Secret\nmetadata:\n"
            "  name: {{ .Values.auth.adminTokenSecret }}\n"
            "---\nspec:\n  volumes:\n    - secret:\n"
            "        secretName: {{ .Values.auth.adminTokenSecret }}\n"
        ),
        "config/app-prod.yaml": (
            "db:\n  password: CfgPassw0rd\nauth:\n  adminTokenSecret: admin-token\n"
        ),
        "environments/prod/env.yaml": "db:\n  password: EnvPassw0rd\n",
        "secrets/app.yaml": "db:\n  password: ENC[AES256_GCM,data:abcd,iv:x,tag:y,type:str]\n",
        "other/unnamed.yaml": "db:\n  password: NotNamedPw1\n",
    }
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")


def test_helmfile_values_are_read(tmp_path: Path) -> None:
    _write(tmp_path)
    result = audit([tmp_path], Settings(rule_ids=("GDCC-SECRET-001",)))
    found = {
        f.resource_name: (f.status, f.evidence.get("paths"), f.evidence.get("value_set_at"))
        for f in result.findings
    }
    assert found == {
        "HelmValues/helmfile.yaml": (
            Status.FAIL,
            ["releases.0.set.0.value", "releases.0.values.2.adminPassword",
             "repositories.0.password"],
            {"releases.0.set.0.value": "helmfile.yaml:19",
             "releases.0.values.2.adminPassword": "helmfile.yaml:16",
             "repositories.0.password": "helmfile.yaml:5"},
        ),
        # the chart's template gives auth.adminTokenSecret as a Secret's name
        "HelmValues/config/app-prod.yaml": (
            Status.FAIL, ["db.password"], {"db.password": "config/app-prod.yaml:2"}
        ),
        "HelmValues/environments/prod/env.yaml": (
            Status.FAIL, ["db.password"], {"db.password": "environments/prod/env.yaml:2"}
        ),
    }
    statuses = {
        str(Path(i.path).relative_to(tmp_path)): i.status for i in result.inputs
    }
    assert statuses["other/unnamed.yaml"] == "not_recognised"
    assert statuses["secrets/app.yaml"] == "not_recognised"
