"""A Terraform ``helm_release`` of the traefik chart is read as the entry points the chart
renders from its ``values`` and ``set`` entries (as a manifest's Flux HelmRelease): a
``web`` IngressRoute the release redirects FAILed GDCC-GRAPH-003 (a wrong FAIL: only ``web``
was known, as plain). Values not all known (a file not read, ``set_sensitive``) keep the
old reading; the release itself stays not judged, and a literal ``set_sensitive`` value
still FAILs GDCC-SECRET-001."""

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

SET = """\
resource "helm_release" "traefik" {
  name       = "traefik"
  repository = "https://traefik.github.io/charts"
  chart      = "CHART"
  namespace  = "traefik"
  set {
    name  = "ports.web.redirections.entryPoint.to"
    value = "websecure"
  }
  set {
    name  = "ports.metrics"
    value = "null"
  }
}
"""
VALUES = """\
resource "helm_release" "traefik" {
  name   = "traefik"
  chart  = "traefik/traefik"
  values = [yamlencode({ ports = { web = { redirectTo = { port = "websecure" } } } })]
}
"""
FILE = """\
resource "helm_release" "traefik" {
  name   = "traefik"
  chart  = "traefik"
  values = [file("${path.module}/not-here.yaml")]
}
"""
SENSITIVE = SET.replace('''  set {
    name  = "ports.metrics"''', '''  set_sensitive {
    name  = "dashboard.password"
    value = "Xk9#mQ2vLp7zR-4tW"
  }
  set {
    name  = "ports.metrics"''')


def _status(tmp_path: Path, point: str, terraform: str) -> Status:
    (tmp_path / "app.yaml").write_text(APP.replace("POINT", point), encoding="utf-8")
    (tmp_path / "main.tf").write_text(terraform, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-003",)))
    return next(f.status for f in result.findings
                if f.address == "IngressRoute.traefik.io/shop/web")


@pytest.mark.parametrize(
    ("point", "terraform", "status"),
    [
        ("web", SET.replace("CHART", "traefik"), Status.PASS),  # was FAIL
        ("websecure", SET.replace("CHART", "traefik"), Status.PASS),  # was UNKNOWN
        ("web", VALUES, Status.PASS),  # was FAIL
        ("web", SET.replace("CHART", "nginx"), Status.FAIL),  # another chart
        ("web", FILE, Status.FAIL),  # values not known: as before
        ("web", SENSITIVE.replace("CHART", "traefik"), Status.FAIL),
    ],
)
def test_helm_release_of_traefik(tmp_path: Path, point: str, terraform: str,
                                 status: Status) -> None:
    assert _status(tmp_path, point, terraform) is status


def test_the_release_is_still_read_for_secrets(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(SENSITIVE.replace("CHART", "traefik"), encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-SECRET-001",)))
    assert [(f.address, f.status) for f in result.findings] == [
        ("helm_release.traefik", Status.FAIL)]
