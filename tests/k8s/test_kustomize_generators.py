"""Secrets written in a kustomization's ``secretGenerator`` (``literals: [db-password=...]``, or
files of the scanned tree it reads with ``files:`` / ``envs:``) are found by GDCC-SECRET-001,
with the kustomization's file and the generator's line; a ``configMapGenerator``'s literals are
searched for secrets as a ConfigMap's data is. The kustomization file was not recognised: a
plaintext password in it was reported by nothing."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.settings import Settings

KUSTOMIZATION = """\
apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
namespace: shop
resources:
  - deployment.yaml
secretGenerator:
  - name: db-creds
    literals:
      - db-password=Sup3r-S3cret-Pw
      - db-user=app
  - name: tls
    files:
      - tls.key=certs/tls.key
      - certs/not-committed.pem
  - name: from-env
    envs:
      - secrets.env
  - name: elsewhere
    files:
      - /run/secrets/db.pem
configMapGenerator:
  - name: settings
    literals:
      - LOG_LEVEL=debug
  - name: app-config
    literals:
      - API_URL=https://api.example.com
      - DB_PASSWORD=Sup3r-S3cret-Pw
"""

DEPLOYMENT = """\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
        - name: web
          image: nginx:1.27
"""


def _scan(tmp_path: Path) -> dict[str, tuple[str, object, int | None]]:
    (tmp_path / "kustomization.yaml").write_text(KUSTOMIZATION, encoding="utf-8")
    (tmp_path / "deployment.yaml").write_text(DEPLOYMENT, encoding="utf-8")
    (tmp_path / "certs").mkdir()
    (tmp_path / "certs" / "tls.key").write_text("not a real key\n", encoding="utf-8")
    (tmp_path / "secrets.env").write_text("API_KEY=x\n", encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-SECRET-001",)))
    # the kustomization is built (it places the Deployment in shop): the two Secrets whose
    # files are not in the scanned tree cannot be generated whole, named with their lines
    inputs = {Path(i.path).name: i for i in result.inputs}
    assert {name: i.status.value for name, i in inputs.items()} == {
        "kustomization.yaml": "partially_assessed",
        "deployment.yaml": "assessed",
    }
    assert [inputs["kustomization.yaml"].error, *inputs["kustomization.yaml"].additional_errors] \
        == ["kustomize: Secret tls is not generated: file certs/not-committed.pem is not in "
            "the scanned tree",
            "line 18: kustomize: Secret elsewhere is not generated: file /run/secrets/db.pem "
            "is not in the scanned tree"]
    return {
        f.address: (f.status.value, f.evidence.get("paths"), f.location.start_line)
        for f in result.findings
        if f.location.file.endswith("kustomization.yaml")
    }


def test_secret_generators_are_secrets_in_the_configuration(tmp_path: Path) -> None:
    found = _scan(tmp_path)
    assert found == {
        # its user name is no secret (test_secret_user_name_keys)
        "Secret/shop/db-creds": ("FAIL", ["literals.db-password"], 7),
        # certs/not-committed.pem is not in the scanned tree: not written in it
        "Secret/shop/tls": ("FAIL", ["files.tls.key"], 11),
        "Secret/shop/from-env": ("FAIL", ["envs.secrets.env.API_KEY"], 15),
        "Secret/shop/elsewhere": ("PASS", None, 18),
        "ConfigMap/shop/settings": ("PASS", None, 22),
        "ConfigMap/shop/app-config": ("FAIL", ["literals.DB_PASSWORD"], 25),
        # the Deployment as the kustomization places it in shop, at its resources entry
        "Deployment/shop/web": ("PASS", None, 5),
    }


def test_a_kustomization_without_generators_is_still_not_recognised(tmp_path: Path) -> None:
    (tmp_path / "kustomization.yaml").write_text("resources: [deployment.yaml]\n")
    (tmp_path / "deployment.yaml").write_text(DEPLOYMENT, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-SECRET-001",)))
    assert {Path(i.path).name: i.status.value for i in result.inputs} == {
        "kustomization.yaml": "not_recognised",
        "deployment.yaml": "assessed",
    }
