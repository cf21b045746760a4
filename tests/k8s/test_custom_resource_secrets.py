"""GDCC-SECRET-001 on custom resources and annotations: a literal password in an Argo CD
Application's Helm parameters, a Flux HelmRelease's values or a pod annotation had no
finding (custom resources were only counted as not judged; only env, args and command of a
pod were read). References (``existingSecret``, a ``remoteRef``'s key, a Secret's name),
ciphertexts (a SealedSecret's ``encryptedData``) and Vault Agent paths are not secrets."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

CUSTOM = """\
apiVersion: argoproj.io/v1alpha1
kind: Application
metadata: {name: db, namespace: argocd}
spec:
  source:
    chart: postgresql
    helm:
      parameters:
        - {name: auth.postgresPassword, value: Sup3rPostgres!}
        - {name: auth.existingSecret, value: pg-auth}
---
apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata: {name: redis, namespace: cache}
spec:
  values:
    auth: {password: R3disPass99, existingSecret: ""}
---
apiVersion: bitnami.com/v1alpha1
kind: SealedSecret
metadata: {name: db, namespace: shop}
spec:
  encryptedData: {password: AgBy3i4OJSWK+PiTySYZZA9rO43cGDEq}
---
apiVersion: external-secrets.io/v1beta1
kind: ExternalSecret
metadata: {name: db, namespace: shop}
spec:
  data:
    - secretKey: password
      remoteRef: {key: prod/db, property: password}
"""

REFERENCES_ONLY = """\
apiVersion: apiextensions.crossplane.io/v1
kind: CompositeResourceDefinition
metadata: {name: xpostgres.example.org}
spec:
  connectionSecretKeys: [username, password]
---
apiVersion: apiextensions.crossplane.io/v1
kind: Composition
metadata: {name: pg}
spec:
  writeConnectionSecretsToNamespace: crossplane-system
"""

DEPLOYMENT = """\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
  annotations: {example.com/api-token: "ghp_abcdefghijklmnopqrstuvwxyz0123456789"}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata:
      labels: {app: web}
      annotations:
        vault.hashicorp.com/agent-inject-secret-db: "database/creds/db-app"
        vault.hashicorp.com/agent-inject-template-db: |
          {{- with secret "database/creds/db-app" -}}
          postgres://{{ .Data.username }}:{{ .Data.password }}@db:5432/app
          {{- end }}
        backup.example.com/db-password: "Hunter22pw"
    spec:
      containers:
        - {name: web, image: example/web:1.0}
"""


def test_custom_resources_and_annotations(tmp_path: Path) -> None:
    (tmp_path / "apps.yaml").write_text(CUSTOM, encoding="utf-8")
    (tmp_path / "crossplane.yaml").write_text(REFERENCES_ONLY, encoding="utf-8")
    (tmp_path / "deploy.yaml").write_text(DEPLOYMENT, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-SECRET-001",)))
    found = {f.resource_name: (f.status, f.evidence.get("paths")) for f in result.findings}
    assert found == {
        "argocd/Application/db": (Status.FAIL, ["spec.source.helm.parameters.0.value"]),
        "cache/HelmRelease/redis": (Status.FAIL, ["spec.values.auth.password"]),
        "shop/Deployment/web": (
            Status.FAIL,
            ["metadata.annotations.example.com/api-token",
             "spec.template.metadata.annotations.backup.example.com/db-password"],
        ),
    }
    statuses = {Path(i.path).name: (i.status, i.error) for i in result.inputs}
    assert statuses["apps.yaml"] == ("assessed", None)
    # custom resources without a secret stay as they were: not recognised, kinds named
    assert statuses["crossplane.yaml"][0] == "not_recognised"
    assert "Kubernetes objects of kinds no rule reads" in str(statuses["crossplane.yaml"][1])
    messages = " ".join(f.message.en for f in result.findings)
    for value in ("Sup3rPostgres", "R3disPass99", "Hunter22pw", "ghp_abc"):
        assert value not in messages
