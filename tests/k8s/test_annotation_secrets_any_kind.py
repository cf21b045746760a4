"""GDCC-SECRET-001 on the annotations of any Kubernetes object: credentials in an
ingress-nginx ``auth-url``, a ``Basic`` header in a ``configuration-snippet``, Traefik's
``custom-request-headers`` or an Ambassador configuration on a Service had no finding (only
workloads' annotations were read). What a controller's annotation names (a Secret:
``auth-secret: basic-auth``, ``auth-tls-secret: ns/ca``) and values taken from a request
(``$host``, ``$http_authorization``) are not secrets."""

from __future__ import annotations

from pathlib import Path

import yaml

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.normalize.kubernetes.mapper import object_attributes
from gdcc_audit.secrets.kubernetes import annotation_secrets
from gdcc_audit.settings import Settings

MANIFESTS = """\
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
  namespace: shop
  annotations:
    nginx.ingress.kubernetes.io/auth-type: basic
    nginx.ingress.kubernetes.io/auth-secret: basic-auth
    nginx.ingress.kubernetes.io/auth-tls-secret: shop/ca-secret
    nginx.ingress.kubernetes.io/auth-url: "https://admin:S3cretPw1@auth.example.com/check"
    nginx.ingress.kubernetes.io/configuration-snippet: |
      proxy_set_header Authorization "Basic YWRtaW46aHVudGVyMjI=";
spec:
  rules:
    - host: shop.example.com
      http:
        paths:
          - {path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: refs
  namespace: shop
  annotations:
    nginx.ingress.kubernetes.io/auth-secret: basic-auth
    ingress.kubernetes.io/auth-secret: traefik-users
    haproxy.org/auth-secret: shop/haproxy-credentials
    nginx.ingress.kubernetes.io/auth-url: "https://$host/oauth2/auth"
    nginx.ingress.kubernetes.io/auth-signin: "https://$host/oauth2/start?rd=$escaped_request_uri"
    nginx.ingress.kubernetes.io/configuration-snippet: |
      proxy_set_header Authorization $http_authorization;
spec:
  rules:
    - host: shop.example.com
      http:
        paths:
          - {path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}
---
apiVersion: v1
kind: Service
metadata:
  name: web
  namespace: shop
  annotations:
    getambassador.io/config: |
      ---
      apiVersion: getambassador.io/v2
      kind: Mapping
      name: web
      prefix: /web/
      service: web
      add_request_headers:
        Authorization: Basic YWRtaW46aHVudGVyMjI=
spec:
  selector: {app: web}
  ports: [{port: 80}]
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: cfg
  namespace: shop
  annotations: {example.com/api-token: "ghp_abcdefghijklmnopqrstuvwxyz0123456789"}
data: {a: b}
"""


def test_annotations_of_any_object(tmp_path: Path) -> None:
    (tmp_path / "shop.yaml").write_text(MANIFESTS, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-SECRET-001",)))
    found = {
        (f.resource_name, f.provider_type): (f.status, f.evidence.get("paths"))
        for f in result.findings
    }
    assert found == {
        ("shop/Ingress/web", "Ingress"): (
            Status.FAIL,
            ["metadata.annotations.nginx.ingress.kubernetes.io/auth-url",
             "metadata.annotations.nginx.ingress.kubernetes.io/configuration-snippet"],
        ),
        ("shop/Service/web", "Service"): (
            Status.FAIL, ["metadata.annotations.getambassador.io/config"]
        ),
        ("shop/ConfigMap/cfg", "ConfigMap"): (
            Status.FAIL, ["metadata.annotations.example.com/api-token"]
        ),
    }
    holders = {r.name: r.kind for r in result.resources if r.kind == "other.secret_holder"}
    assert holders == {
        "shop/Ingress/web": "other.secret_holder", "shop/Service/web": "other.secret_holder"
    }
    ingress = yaml.safe_load(MANIFESTS.split("---", 1)[0])
    kept = object_attributes(ingress)["metadata"]["annotations"]
    assert kept["nginx.ingress.kubernetes.io/auth-url"] == "<redacted>"
    assert kept["nginx.ingress.kubernetes.io/configuration-snippet"] == "<redacted>"
    assert kept["nginx.ingress.kubernetes.io/auth-secret"] == "basic-auth"
    messages = " ".join(f.message.en for f in result.findings)
    for value in ("S3cretPw1", "YWRtaW46"):
        assert value not in messages


def test_controller_annotations_naming_secrets() -> None:
    """A Secret named by a controller's annotation is a reference; another value under the
    same name, or a ``...-secret`` annotation of an unknown prefix given a bare word, is
    still judged."""
    references = {
        "nginx.ingress.kubernetes.io/auth-secret": "basic-auth",
        "nginx.ingress.kubernetes.io/proxy-ssl-secret": "shop/backend-ca",
        "nginx.org/basic-auth-secret": "htpasswd",
        "example.com/db-secret": "shop/db-credentials",
        "argocd-image-updater.argoproj.io/pull-secret": "pullsecret:argocd/dockerhub",
        "argocd-image-updater.argoproj.io/web.pull-secret": "secret:argocd/regcreds#creds",
    }
    assert annotation_secrets(references, "m") == ()
    written = {
        "nginx.ingress.kubernetes.io/auth-secret": "Hunter2 pass!",
        "example.com/db-secret": "hunter22pw",
        "argocd-image-updater.argoproj.io/pull-secret": "user:Sup3rSecret",
    }
    assert annotation_secrets(written, "m") == (
        "m.nginx.ingress.kubernetes.io/auth-secret", "m.example.com/db-secret",
        "m.argocd-image-updater.argoproj.io/pull-secret",
    )
