"""A Traefik router without TLS of its own (an IngressRoute without ``tls``, an Ingress
without ``router.tls``) is TLS when every entry point it is attached to has ``http.tls`` or
redirects (the static configuration: a Traefik controller's flags of the scan), and serves no
plain content when every route passes a ``redirectScheme`` middleware to ``https`` (Traefik,
EntryPoints HTTP options; Middlewares, RedirectScheme). Before, an IngressRoute without
``tls`` always FAILed GDCC-GRAPH-003 (the usual ``web`` route that only redirects, one on a
``websecure`` entry point with ``http.tls``: wrong FAILs), and an Ingress with
``router.middlewares`` stayed UNKNOWN whatever the Middleware was."""

from __future__ import annotations

from pathlib import Path

import pytest

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Finding, Status
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
"""


def _route(points: str = "", middlewares: str = "", tls: str = "") -> str:
    entry = f"\n  entryPoints: {points}" if points else ""
    using = f"\n      middlewares: {middlewares}" if middlewares else ""
    secured = f"\n  tls: {tls}" if tls else ""
    return f"""\
---
apiVersion: traefik.io/v1alpha1
kind: IngressRoute
metadata: {{name: web, namespace: shop}}
spec:{entry}
  routes:
    - match: Host(`shop.example.com`)
      kind: Rule{using}
      services: [{{name: db, port: 5432}}]{secured}
"""


def _middleware(name: str, spec: str, group: str = "traefik.io") -> str:
    return f"""\
---
apiVersion: {group}/v1alpha1
kind: Middleware
metadata: {{name: {name}, namespace: shop}}
spec: {spec}
"""


def _traefik(*args: str) -> str:
    return f"""\
---
apiVersion: apps/v1
kind: Deployment
metadata: {{name: traefik, namespace: traefik}}
spec:
  selector: {{matchLabels: {{app: traefik}}}}
  template:
    metadata: {{labels: {{app: traefik}}}}
    spec:
      containers:
        - name: traefik
          image: traefik:v3.1
          args: [{", ".join(args)}]
"""


_REDIRECT = _middleware("https", "{redirectScheme: {scheme: https, permanent: true}}")
_WEB = "--entryPoints.web.address=:8000/tcp"
_SECURE = "--entryPoints.websecure.address=:8443/tcp"


def _finding(tmp_path: Path, text: str, address: str) -> Finding:
    (tmp_path / "app.yaml").write_text(DATA + text, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-003",)))
    return next(f for f in result.findings if f.address == address)


_ROUTE = "IngressRoute.traefik.io/shop/web"


@pytest.mark.parametrize(
    ("text", "status"),
    [
        # the web route that only redirects (was FAIL)
        (_REDIRECT + _route("[web]", "[{name: https}]"), Status.PASS),
        (_middleware("https", "{redirectScheme: {scheme: https}}", "traefik.containo.us")
         + _route("[web]", "[{name: https, namespace: shop}]"), Status.PASS),
        # through a chain (was FAIL)
        (_REDIRECT + _middleware("secure", "{chain: {middlewares: [{name: https}]}}")
         + _route("[web]", "[{name: secure}]"), Status.PASS),
        # a middleware that does not redirect: plain HTTP on web (unchanged)
        (_middleware("strip", "{stripPrefix: {prefixes: [/api]}}")
         + _route("[web]", "[{name: strip}]"), Status.FAIL),
        # by its Traefik id, the namespace then ignored (was FAIL)
        (_REDIRECT + _route("[web]", "[{name: shop-https@kubernetescrd, namespace: x}]"),
         Status.PASS),
        (_REDIRECT + _route("[web]", "[{name: https@kubernetescrd}]"), Status.UNKNOWN),
        # one not in the scan, or another provider's: it may redirect (was FAIL)
        (_route("[web]", "[{name: https}]"), Status.UNKNOWN),
        (_route("[web]", "[{name: redirect@file}]"), Status.UNKNOWN),
        # another namespace's Middleware is not this one
        (_REDIRECT + _route("[web]", "[{name: https, namespace: other}]"), Status.UNKNOWN),
        # a redirectRegex to https may not match every request: not known
        (_middleware("re", "{redirectRegex: {regex: '^http://(.*)', replacement: 'https://$1'}}")
         + _route("[web]", "[{name: re}]"), Status.UNKNOWN),
        # websecure only: its TLS is the static configuration (was FAIL)
        (_route("[websecure]"), Status.UNKNOWN),
        (_traefik(_WEB, _SECURE, "--entryPoints.websecure.http.tls=true")
         + _route("[websecure]"), Status.PASS),
        (_traefik(_WEB, _SECURE, "--entryPoints.websecure.http.tls.certResolver=le")
         + _route("[websecure]"), Status.PASS),
        (_traefik(_WEB, _SECURE) + _route("[websecure]"), Status.FAIL),
        # two controllers (an internal and an external one): they decide when they agree
        # (was UNKNOWN)
        (_traefik(_WEB, _SECURE, "--entryPoints.websecure.http.tls=true")
         + _traefik(_WEB, _SECURE, "--entryPoints.websecure.http.tls=true").replace(
             "name: traefik,", "name: traefik-internal,") + _route("[websecure]"), Status.PASS),
        (_traefik(_WEB, _SECURE, "--entryPoints.websecure.http.tls=true")
         + _traefik(_WEB, _SECURE).replace("name: traefik,", "name: traefik-internal,")
         + _route("[websecure]"), Status.UNKNOWN),
        # a controller without that entry point does not serve it
        (_traefik(_WEB, _SECURE, "--entryPoints.websecure.http.tls=true")
         + _traefik(_WEB).replace("name: traefik,", "name: traefik-internal,")
         + _route("[websecure]"), Status.PASS),
        # every entry point: web is plain unless the controller redirects it
        (_route(), Status.FAIL),
        (_route("[web, websecure]"), Status.FAIL),
        (_traefik(_WEB, _SECURE, "--entryPoints.websecure.http.tls=true",
                  "--entryPoints.web.http.redirections.entryPoint.to=websecure")
         + _route(), Status.PASS),
        (_traefik(_WEB, _SECURE, "--entryPoints.websecure.http.tls=true") + _route(),
         Status.FAIL),
        # a child router of another IngressRoute: its parent's entry points (was FAIL)
        (_route().replace("spec:", "spec:\n  parentRefs: [{name: parent}]"), Status.UNKNOWN),
        # a route's own tls (unchanged)
        (_route("[websecure]", tls="{}"), Status.PASS),
    ],
)
def test_an_ingress_route_without_tls(tmp_path: Path, text: str, status: Status) -> None:
    assert _finding(tmp_path, text, _ROUTE).status is status


def _ingress(middlewares: str) -> str:
    return f"""\
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
  namespace: shop
  annotations: {{traefik.ingress.kubernetes.io/router.middlewares: {middlewares}}}
spec:
  ingressClassName: traefik
  defaultBackend: {{service: {{name: db, port: {{number: 5432}}}}}}
"""


@pytest.mark.parametrize(
    ("text", "status"),
    [
        # the Middleware of the scan decides (was UNKNOWN)
        (_REDIRECT + _ingress("shop-https@kubernetescrd"), Status.PASS),
        (_middleware("strip", "{stripPrefix: {prefixes: [/api]}}")
         + _ingress("shop-strip@kubernetescrd"), Status.FAIL),
        # not in the scan, or another provider's: not known (unchanged)
        (_ingress("shop-https@kubernetescrd"), Status.UNKNOWN),
        (_REDIRECT + _ingress("https@file"), Status.UNKNOWN),
    ],
)
def test_an_ingress_with_traefik_middlewares(tmp_path: Path, text: str, status: Status) -> None:
    assert _finding(tmp_path, text, "Ingress/shop/web").status is status


def test_websecure_without_a_controller_is_not_known(tmp_path: Path) -> None:
    found = _finding(tmp_path, _route("[websecure]"), _ROUTE)
    assert found.message.en == "whether every listener uses TLS is not known"


def test_a_secret_written_in_a_middleware_is_still_found(tmp_path: Path) -> None:
    token = "Bearer 9f8e7d6c5b4a39281706f5e4d3c2b1a0ffeeddcc"
    (tmp_path / "app.yaml").write_text(_middleware(
        "auth", f"{{headers: {{customRequestHeaders: {{Authorization: '{token}'}}}}}}"),
        encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-SECRET-001",)))
    found = [f for f in result.findings if f.address == "Middleware.traefik.io/shop/auth"]
    assert [f.status for f in found] == [Status.FAIL]


TERRAFORM = """\
resource "kubernetes_manifest" "https" {
  manifest = {
    apiVersion = "traefik.io/v1alpha1"
    kind       = "Middleware"
    metadata   = { name = "https", namespace = "shop" }
    spec       = { redirectScheme = { scheme = "https", permanent = true } }
  }
}

resource "kubernetes_manifest" "web" {
  manifest = {
    apiVersion = "traefik.io/v1alpha1"
    kind       = "IngressRoute"
    metadata   = { name = "web", namespace = "shop" }
    spec = {
      entryPoints = ["web"]
      routes = [{
        match       = "Host(`shop.example.com`)"
        kind        = "Rule"
        middlewares = [{ name = "https" }]
        services    = [{ name = "db", port = 5432 }]
      }]
    }
  }
}
"""


def test_terraform_manifests_are_read_alike(tmp_path: Path) -> None:
    (tmp_path / "app.yaml").write_text(DATA, encoding="utf-8")
    (tmp_path / "main.tf").write_text(TERRAFORM, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-003",)))
    found = {f.address: f.status for f in result.findings}
    assert found.get("kubernetes_manifest.web") is Status.PASS, found
