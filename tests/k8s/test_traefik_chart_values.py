"""The traefik Helm chart's values, when the scan holds the object that installs it (k3s's
``HelmChartConfig`` / ``HelmChart``, Flux's ``HelmRelease``, Argo CD's ``Application``):
the entry points the chart renders from them over its defaults (``web`` plain, ``websecure``
with TLS) decide a router's TLS as a controller's flags do. Before, only ``web`` was known
(plain, unless a controller of the scan redirected it): a ``web`` route the values redirect
FAILed GDCC-GRAPH-003, a ``websecure`` one was UNKNOWN whatever the values said. Values the
object does not hold all (``valuesFrom``) keep the old reading."""

from __future__ import annotations

from pathlib import Path

import pytest

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

DATA = """\
apiVersion: v1
kind: Service
metadata: {name: db, namespace: shop}
spec:
  selector: {app: db}
  ports: [{name: pg, port: 5432}]
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db, namespace: shop, labels: {pii: "true"}}
spec:
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec:
      containers: [{name: pg, image: postgres:16, ports: [{containerPort: 5432}]}]
---
apiVersion: traefik.io/v1alpha1
kind: IngressRoute
metadata: {name: web, namespace: shop}
spec:
  entryPoints: [POINT]
  routes:
    - match: Host(`shop.example.com`)
      kind: Rule
      services: [{name: db, port: 5432}]
---
"""

K3S = """\
apiVersion: helm.cattle.io/v1
kind: HelmChartConfig
metadata: {name: traefik, namespace: kube-system}
spec:
  valuesContent: |-
    ports:
      web:
        redirectTo:
          port: websecure
"""
K3S_ARGUMENTS = """\
apiVersion: helm.cattle.io/v1
kind: HelmChartConfig
metadata: {name: traefik, namespace: kube-system}
spec:
  valuesContent: |-
    additionalArguments:
      - "--entrypoints.web.http.redirections.entryPoint.to=:443"
"""
K3S_PLAIN = """\
apiVersion: helm.cattle.io/v1
kind: HelmChartConfig
metadata: {name: traefik, namespace: kube-system}
spec:
  valuesContent: |-
    logs: {general: {level: DEBUG}}
"""
FLUX = """\
apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata: {name: traefik, namespace: traefik}
spec:
  chart:
    spec: {chart: traefik, sourceRef: {kind: HelmRepository, name: traefik}}
  values:
    ports:
      web:
        http:
          redirections:
            entryPoint: {to: websecure, scheme: https}
"""
FLUX_FROM = FLUX + "  valuesFrom: [{kind: ConfigMap, name: traefik-values}]\n"
ARGO = """\
apiVersion: argoproj.io/v1alpha1
kind: Application
metadata: {name: traefik, namespace: argocd}
spec:
  source:
    repoURL: https://traefik.github.io/charts
    chart: traefik
    targetRevision: 34.0.0
    helm:
      valuesObject:
        ports:
          websecure:
            tls: {enabled: false}
"""


def _status(tmp_path: Path, point: str, release: str) -> Status:
    (tmp_path / "app.yaml").write_text(DATA.replace("POINT", point) + release,
                                       encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-003",)))
    return next(f.status for f in result.findings
                if f.address == "IngressRoute.traefik.io/shop/web")


@pytest.mark.parametrize(
    ("point", "release", "status"),
    [
        ("web", K3S, Status.PASS),  # was FAIL
        ("websecure", K3S, Status.PASS),  # was UNKNOWN
        ("web", K3S_ARGUMENTS, Status.PASS),  # was FAIL
        ("web", K3S_PLAIN, Status.FAIL),
        ("websecure", K3S_PLAIN, Status.PASS),  # the chart's default TLS (was UNKNOWN)
        ("web", FLUX, Status.PASS),  # was FAIL
        ("web", FLUX_FROM, Status.FAIL),  # values not all in the scan: as before
        ("websecure", FLUX_FROM, Status.UNKNOWN),
        ("websecure", ARGO, Status.FAIL),  # TLS turned off (was UNKNOWN)
    ],
)
def test_traefik_chart_values(tmp_path: Path, point: str, release: str,
                              status: Status) -> None:
    assert _status(tmp_path, point, release) is status


def test_values_are_still_read_for_secrets(tmp_path: Path) -> None:
    release = FLUX + "    deployment: {env: [{name: PASSWORD, value: s3cr3t-Pa55word}]}\n"
    (tmp_path / "app.yaml").write_text(release, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-SECRET-001",)))
    assert [f.status for f in result.findings] == [Status.FAIL]
