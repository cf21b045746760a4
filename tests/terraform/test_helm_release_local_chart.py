"""A Terraform ``helm_release`` of a local copy of the traefik chart (``chart =
"${path.module}/charts/traefik"``, ``"./charts/traefik"``: a directory with a ``Chart.yaml``)
starts from that copy's own ``values.yaml``, which may differ from the published chart's
defaults: a copy that redirects ``web`` PASSes a web IngressRoute (was FAIL), one that turns
``websecure``'s TLS off FAILs a websecure one (was PASS by the published defaults: a wrong
PASS). A chart of a repository keeps the published defaults; a path that is not found keeps
the old reading (the release not read). A Flux HelmRelease whose chart comes from a
GitRepository is a copy too: the old reading (it took the published defaults)."""

from __future__ import annotations

from pathlib import Path

import pytest

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

APP = """\
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
"""

RELEASE = """\
resource "helm_release" "traefik" {
  name  = "traefik"
  chart = CHART
}
"""
REDIRECT = """\
ports:
  web:
    port: 8000
    redirections:
      entryPoint: {to: websecure, scheme: https}
  websecure:
    port: 8443
    tls: {enabled: true}
"""
NO_TLS = """\
ports:
  web: {port: 8000}
  websecure:
    port: 8443
    tls: {enabled: false}
"""
FLUX_GIT = """\
---
apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata: {name: traefik, namespace: traefik}
spec:
  chart:
    spec: {chart: ./charts/traefik, sourceRef: {kind: GitRepository, name: infra}}
  values:
    logs: {general: {level: DEBUG}}
"""


def _status(tmp_path: Path, point: str, chart: str, values: str | None,
            extra: str = "") -> Status:
    (tmp_path / "app.yaml").write_text(APP.replace("POINT", point) + extra, encoding="utf-8")
    (tmp_path / "main.tf").write_text(RELEASE.replace("CHART", chart), encoding="utf-8")
    if values is not None:
        folder = tmp_path / "charts" / "traefik"
        folder.mkdir(parents=True)
        (folder / "Chart.yaml").write_text("apiVersion: v2\nname: traefik\nversion: 1.0.0\n")
        (folder / "values.yaml").write_text(values)
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-003",)))
    return next(f.status for f in result.findings
                if f.address == "IngressRoute.traefik.io/shop/web")


@pytest.mark.parametrize(
    ("point", "chart", "values", "status"),
    [
        ("web", '"${path.module}/charts/traefik"', REDIRECT, Status.PASS),  # was FAIL
        ("web", '"./charts/traefik"', REDIRECT, Status.PASS),  # was FAIL
        ("websecure", '"./charts/traefik"', NO_TLS, Status.FAIL),  # was PASS
        ("websecure", '"./charts/traefik"', REDIRECT, Status.PASS),
        # a path not found: the release is not read (as for values not known)
        ("websecure", '"./charts/traefik"', None, Status.UNKNOWN),
        ("web", '"./charts/traefik"', None, Status.FAIL),
    ],
)
def test_local_chart_values(tmp_path: Path, point: str, chart: str, values: str | None,
                            status: Status) -> None:
    assert _status(tmp_path, point, chart, values) is status


def test_repository_chart_keeps_published_defaults(tmp_path: Path) -> None:
    """A chart of a repository is the published one, whatever a local copy says."""
    release = RELEASE.replace("  chart = CHART", '  repository = "https://traefik.github.io'
                              '/charts"\n  chart      = "traefik"')
    (tmp_path / "app.yaml").write_text(APP.replace("POINT", "websecure"), encoding="utf-8")
    (tmp_path / "main.tf").write_text(release, encoding="utf-8")
    folder = tmp_path / "traefik"
    folder.mkdir()
    (folder / "Chart.yaml").write_text("apiVersion: v2\nname: traefik\nversion: 1.0.0\n")
    (folder / "values.yaml").write_text(NO_TLS)
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-003",)))
    assert next(f.status for f in result.findings
                if f.address == "IngressRoute.traefik.io/shop/web") is Status.PASS


def test_flux_release_of_a_git_chart(tmp_path: Path) -> None:
    (tmp_path / "app.yaml").write_text(APP.replace("POINT", "websecure") + FLUX_GIT,
                                       encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-003",)))
    # was PASS by the published chart's websecure TLS
    assert next(f.status for f in result.findings
                if f.address == "IngressRoute.traefik.io/shop/web") is Status.UNKNOWN
