"""Whether an Ingress with ``tls`` still serves plain HTTP: each controller's own default
and annotations (the GKE controller's are in the mapper).

- Contour adds the Ingress's routes to the insecure virtual host too, redirecting them only
  with ``ingress.kubernetes.io/force-ssl-redirect: "true"``, dropping them with
  ``kubernetes.io/ingress.allow-http: "false"`` (Contour, Annotations Reference;
  ``internal/dag/ingress_processor.go``: ``TLSRequired`` / ``HTTPAllowed``);
- Kong routes an Ingress over its default protocols, ``http`` and ``https`` (Kong Admin API,
  Route object ``protocols``), unless ``konghq.com/protocols`` names TLS ones only (read by
  the mapper);
- ingress-nginx redirects by default once ``tls`` is written, not with
  ``nginx.ingress.kubernetes.io/ssl-redirect: "false"`` (unless ``force-ssl-redirect:
  "true"``) (ingress-nginx, Annotations, Server-side HTTPS enforcement through redirect);
- F5 NGINX Ingress Controller redirects by default, not with ``ingress.kubernetes.io/
  ssl-redirect: "false"`` (unless ``nginx.org/redirect-to-https: "true"``) (NGINX Ingress
  Controller, Advanced configuration with annotations).

Other controllers keep the default reading, ``tls`` encrypts (Traefik serves a router
with TLS on HTTPS only; AWS ALB and AGIC listen on HTTPS only once a certificate is set).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

_CONTOUR_REDIRECT = "ingress.kubernetes.io/force-ssl-redirect"
_ALLOW_HTTP = "kubernetes.io/ingress.allow-http"
_NGINX_REDIRECT = "nginx.ingress.kubernetes.io/ssl-redirect"
_NGINX_FORCE = "nginx.ingress.kubernetes.io/force-ssl-redirect"
_F5_REDIRECT = "ingress.kubernetes.io/ssl-redirect"
_F5_FORWARDED = "nginx.org/redirect-to-https"
#: A GKE Ingress's FrontendConfig, which may redirect HTTP (GKE, Ingress configuration, HTTPS
#: redirects): read by the mapper and by the graph (``graph.kube``, ``graph.kube_tls``), which
#: take it from here so that a scan without Kubernetes manifests imports no mapper.
GCE_FRONTEND = "networking.gke.io/v1beta1.FrontendConfig"


def _text(annotations: Mapping[str, Any], key: str) -> str:
    return str(annotations.get(key) or "").strip().lower()


def serves_http_too(named: Any, annotations: Mapping[str, Any]) -> bool:
    """Whether the controller of class ``named`` serves plain HTTP for an Ingress with
    ``tls`` and these annotations."""
    if named == "contour":
        return _text(annotations, _CONTOUR_REDIRECT) != "true" \
            and _text(annotations, _ALLOW_HTTP) != "false"
    if named == "kong":
        return True
    if _text(annotations, _NGINX_REDIRECT) == "false" \
            and _text(annotations, _NGINX_FORCE) != "true":
        return True
    return _text(annotations, _F5_REDIRECT) == "false" \
        and _text(annotations, _F5_FORWARDED) != "true"
