"""A Traefik controller's static configuration file, when the scan holds it: a ConfigMap key
(``traefik.yml`` / ``.yaml`` / ``.toml``) mounted where ``--configFile`` names, or at
``/etc/traefik/traefik.yml`` (a default path). The file wins over the flags (file, flags and
environment are "mutually exclusive" sources). Before, a controller naming a file was not
known (the ``web`` entry point taken as plain: a web route it redirects FAILed
GDCC-GRAPH-003, one on ``websecure`` was UNKNOWN); a file at the default path was not seen,
so flags that redirect ``web`` PASSed a route the file serves in clear (a wrong PASS)."""

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
apiVersion: apps/v1
kind: Deployment
metadata: {name: traefik, namespace: traefik}
spec:
  selector: {matchLabels: {app: traefik}}
  template:
    metadata: {labels: {app: traefik}}
    spec:
      containers:
        - name: traefik
          image: traefik:v3.1
          args: [ARGS]
          volumeMounts: [{name: config, mountPath: MOUNT}]
      volumes:
        - name: config
          configMap: {name: traefik-config}
"""

YAML_FILE = """\
---
apiVersion: v1
kind: ConfigMap
metadata: {name: traefik-config, namespace: traefik}
data:
  KEY: |
    entryPoints:
      web:
        address: ":8000"
        http:
          redirections:
            entryPoint: {to: websecure, scheme: https}
      websecure:
        address: ":8443"
        http:
          tls: {}
    providers:
      kubernetesCRD: {}
"""

TOML_FILE = """\
---
apiVersion: v1
kind: ConfigMap
metadata: {name: traefik-config, namespace: traefik}
data:
  traefik.toml: |
    [entryPoints.web]
      address = ":8000"
    [entryPoints.websecure]
      address = ":8443"
      [entryPoints.websecure.http.tls]
"""

NAMED = "--configFile=/config/traefik.yml"
REDIRECT_FLAGS = ("--entryPoints.web.address=:8000, "
                  "--entryPoints.web.http.redirections.entryPoint.to=websecure")


def _status(tmp_path: Path, point: str, args: str, mount: str, config: str) -> Status:
    text = (DATA.replace("POINT", point).replace("ARGS", args).replace("MOUNT", mount)
            + config)
    (tmp_path / "app.yaml").write_text(text, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-003",)))
    return next(f.status for f in result.findings
                if f.address == "IngressRoute.traefik.io/shop/web")


@pytest.mark.parametrize(
    ("point", "args", "mount", "config", "status"),
    [
        # the file named redirects web (was FAIL) and encrypts websecure (was UNKNOWN)
        ("web", NAMED, "/config", YAML_FILE.replace("KEY", "traefik.yml"), Status.PASS),
        ("websecure", NAMED, "/config", YAML_FILE.replace("KEY", "traefik.yml"), Status.PASS),
        # the file named is not in the scan: as before
        ("web", NAMED, "/config", "", Status.FAIL),
        ("websecure", NAMED, "/config", "", Status.UNKNOWN),
        # a TOML file at the default path: web is plain there, whatever the flags say
        # (was PASS: the flags, which Traefik ignores, redirect it)
        ("web", REDIRECT_FLAGS, "/etc/traefik", TOML_FILE, Status.FAIL),
        ("websecure", REDIRECT_FLAGS, "/etc/traefik", TOML_FILE, Status.PASS),
        # a default-path mount of a ConfigMap the scan does not hold: the flags may not be it
        ("web", REDIRECT_FLAGS, "/etc/traefik", "", Status.UNKNOWN),
        # no file at the default path (another key): the flags decide (unchanged)
        ("web", REDIRECT_FLAGS, "/etc/traefik", YAML_FILE.replace("KEY", "other.yml"),
         Status.PASS),
    ],
)
def test_static_file(
    tmp_path: Path, point: str, args: str, mount: str, config: str, status: Status
) -> None:
    assert _status(tmp_path, point, args, mount, config) is status
