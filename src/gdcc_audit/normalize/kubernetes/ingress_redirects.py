"""Whether an Ingress encrypts every listener it is served on: each controller's own default
and annotations. The controller is known from the Ingress's class: by its name here (the
mapper: ``contour``, ``kong``, ``traefik``, ``alb``, GKE's ``gce`` / ``gce-internal``), by
the ``spec.controller`` of the scan's IngressClass of that name (or the scan's one default
IngressClass) in the graph (``graph.kube_classes``), which calls :func:`ingress_encrypted`
again with it.

- Contour adds the Ingress's routes to the insecure virtual host too, redirecting them only
  with ``ingress.kubernetes.io/force-ssl-redirect: "true"``, dropping them with
  ``kubernetes.io/ingress.allow-http: "false"`` (Contour, Annotations Reference;
  ``internal/dag/ingress_processor.go``: ``TLSRequired`` / ``HTTPAllowed``);
- Kong routes an Ingress over its default protocols, ``http`` and ``https`` (Kong Admin API,
  Route object ``protocols``), unless ``konghq.com/protocols`` names TLS ones only (Kong then
  answers plain HTTP with 426 Upgrade Required, never the backend's content);
- ingress-nginx redirects by default once ``tls`` is written, not with
  ``nginx.ingress.kubernetes.io/ssl-redirect: "false"`` (unless ``force-ssl-redirect:
  "true"``) (ingress-nginx, Annotations, Server-side HTTPS enforcement through redirect);
- F5 NGINX Ingress Controller redirects by default, not with ``ingress.kubernetes.io/
  ssl-redirect: "false"`` (unless ``nginx.org/redirect-to-https: "true"``) (NGINX Ingress
  Controller, Advanced configuration with annotations);
- Traefik's Ingress provider makes a TLS router only with ``traefik.ingress.kubernetes.io/
  router.tls: "true"`` or a ``router.tls.*`` option (``spec.tls`` only loads certificates:
  ``pkg/provider/kubernetes/ingress/kubernetes.go``); without it the router is served on
  every entry point, plain ``web`` (port 80) included, unless ``router.entrypoints`` names
  others (whose TLS is Traefik's static configuration: not known) or a
  ``router.middlewares`` may redirect (not known);
- the AWS Load Balancer Controller listens on ``alb.ingress.kubernetes.io/listen-ports``,
  by default HTTPS 443 when a certificate is given (``certificate-arn``, the IngressClassParams'
  ``certificateArn``, ``create-acm-cert``), else HTTP 80 only: ``spec.tls`` alone makes no
  HTTPS listener (``computeIngressListenPorts``: ``preferTLS`` is the explicit certificates).
  An HTTP listener redirects only with ``ssl-redirect`` (or the IngressClassParams'
  ``sslRedirectPort``) (AWS Load Balancer Controller, Ingress annotations, listen-ports,
  ssl-redirect), or with the older redirect action: a backend ``use-annotation`` naming an
  ``alb.ingress.kubernetes.io/actions.<name>`` redirect to HTTPS as the first path of every
  rule (``_action_redirects``);
- GKE's load balancer serves HTTP beside HTTPS unless ``kubernetes.io/ingress.allow-http:
  "false"``; a FrontendConfig may redirect it (not known here: the graph reads it);
- Azure's Application Gateway controller listens on HTTPS only once the Ingress has ``tls``
  (AGIC ``ingress_rules.go``);
- the HAProxy Kubernetes Ingress Controller redirects once ``tls`` is written, not with
  ``haproxy.org/ssl-redirect: "false"`` (HAProxy Kubernetes Ingress, annotations).

A controller not known keeps the reading that holds for any of them: ``tls`` encrypts,
unless an NGINX annotation says it does not redirect; when the Ingress writes annotations
only one controller reads (``alb.ingress.kubernetes.io/``, ``traefik.ingress.kubernetes.io/``,
``projectcontour.io/``, ``konghq.com/``), its class may be that controller's: a reading of
that controller that differs leaves it not known.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

_CONTOUR_REDIRECT = "ingress.kubernetes.io/force-ssl-redirect"
_ALLOW_HTTP = "kubernetes.io/ingress.allow-http"
_NGINX_REDIRECT = "nginx.ingress.kubernetes.io/ssl-redirect"
_NGINX_FORCE = "nginx.ingress.kubernetes.io/force-ssl-redirect"
_F5_REDIRECT = "ingress.kubernetes.io/ssl-redirect"
_F5_FORWARDED = "nginx.org/redirect-to-https"
#: HAProxy Kubernetes Ingress Controller: "SSL redirection is enabled by default for any
#: ingress resource defined with a TLS section", off with ``ssl-redirect: "false"``
#: (``haproxy.org/`` or ``haproxy.com/``; HAProxy Kubernetes Ingress, annotations).
_HAPROXY_REDIRECT = ("haproxy.org/ssl-redirect", "haproxy.com/ssl-redirect")
_TRAEFIK_TLS = "traefik.ingress.kubernetes.io/router.tls"
_TRAEFIK_ENTRYPOINTS = "traefik.ingress.kubernetes.io/router.entrypoints"
_TRAEFIK_MIDDLEWARES = "traefik.ingress.kubernetes.io/router.middlewares"
_ALB_LISTEN_PORTS = "alb.ingress.kubernetes.io/listen-ports"
_ALB_CERTIFICATE = "alb.ingress.kubernetes.io/certificate-arn"
_ALB_CREATE_CERTIFICATE = "alb.ingress.kubernetes.io/create-acm-cert"
_ALB_REDIRECT = "alb.ingress.kubernetes.io/ssl-redirect"
#: A GKE Ingress's FrontendConfig, which may redirect HTTP (GKE, Ingress configuration, HTTPS
#: redirects): read by the mapper and by the graph (``graph.kube``, ``graph.kube_tls``), which
#: take it from here so that a scan without Kubernetes manifests imports no mapper.
GCE_FRONTEND = "networking.gke.io/v1beta1.FrontendConfig"
#: Kong's route protocols annotation, and the protocols that are TLS.
_KONG_PROTOCOLS = "konghq.com/protocols"
_TLS_PROTOCOLS = frozenset({"https", "grpcs", "tls", "wss"})

#: The deprecated class annotation; it wins over ``spec.ingressClassName`` where both are
#: written (ingress-nginx, Contour, the AWS Load Balancer Controller read it first).
CLASS_ANNOTATION = "kubernetes.io/ingress.class"

#: IngressClass ``spec.controller`` -> the controller (the values each project documents for
#: its IngressClass): ingress-nginx (and AKS's application routing add-on, which runs it),
#: F5 NGINX, Contour (any ``projectcontour.io/`` controller name), Kong, Traefik, the AWS Load
#: Balancer Controller and EKS Auto Mode, Azure's Application Gateway controller.
CONTROLLERS = {
    "k8s.io/ingress-nginx": "ingress-nginx",
    "webapprouting.kubernetes.azure.com/nginx": "ingress-nginx",
    "nginx.org/ingress-controller": "f5-nginx",
    "ingress-controllers.konghq.com/kong": "kong",
    "traefik.io/ingress-controller": "traefik",
    "ingress.k8s.aws/alb": "alb",
    "eks.amazonaws.com/alb": "alb",
    "azure/application-gateway": "agic",
    "haproxy.org/ingress-controller": "haproxy",
}
#: Class names that tell the controller without an IngressClass: those only one controller
#: uses by default (``nginx`` is both ingress-nginx's and F5 NGINX's).
_NAMED = {"contour": "contour", "kong": "kong", "traefik": "traefik", "alb": "alb",
          "gce": "gce", "gce-internal": "gce", "haproxy": "haproxy"}
#: GKE's annotations only its Ingress controller reads (GKE, Ingress configuration; Using
#: Google-managed SSL certificates; static IP addresses): an Ingress naming no class that
#: writes one is meant for GKE's default controller, ``gce`` ("If you don't specify an
#: Ingress class, GKE uses the external Application Load Balancer").
GKE_CERTIFICATES = ("ingress.gcp.kubernetes.io/pre-shared-cert",
                    "networking.gke.io/managed-certificates")
GKE_ONLY = frozenset({
    _ALLOW_HTTP, GCE_FRONTEND, *GKE_CERTIFICATES,
    "kubernetes.io/ingress.global-static-ip-name",
    "kubernetes.io/ingress.regional-static-ip-name",
})


def _map(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _text(annotations: Mapping[str, Any], key: str) -> str:
    return str(annotations.get(key) or "").strip().lower()


def controller_of(value: Any) -> str | None:
    """The controller an IngressClass's ``spec.controller`` names; None when not known."""
    if not isinstance(value, str):
        return None
    if value.startswith("projectcontour.io/"):
        return "contour"
    if value.startswith("haproxy.org/ingress-controller"):  # ".../<name>" for another one
        return "haproxy"
    return CONTROLLERS.get(value)


def class_name(obj: Mapping[str, Any]) -> Any:
    """The class an Ingress names (its annotation, else ``spec.ingressClassName``)."""
    annotations = _map(_map(obj.get("metadata")).get("annotations"))
    return annotations.get(CLASS_ANNOTATION) or _map(obj.get("spec")).get("ingressClassName")


def named_controller(obj: Mapping[str, Any]) -> str | None:
    """The controller the Ingress's class name (or GKE-only annotations, without a class)
    tells; None when it does not."""
    named = class_name(obj)
    if isinstance(named, str) and named in _NAMED:
        return _NAMED[named]
    annotations = _map(_map(obj.get("metadata")).get("annotations"))
    return "gce" if not named and not GKE_ONLY.isdisjoint(annotations) else None


def _serves_http_too(controller: str | None, annotations: Mapping[str, Any]) -> bool:
    """Whether the controller serves plain HTTP for an Ingress with ``tls``."""
    if controller == "contour":
        return _text(annotations, _CONTOUR_REDIRECT) != "true" \
            and _text(annotations, _ALLOW_HTTP) != "false"
    if controller == "kong":
        return True
    nginx = _text(annotations, _NGINX_REDIRECT) == "false" \
        and _text(annotations, _NGINX_FORCE) != "true"
    f5 = _text(annotations, _F5_REDIRECT) == "false" \
        and _text(annotations, _F5_FORWARDED) != "true"
    haproxy = any(_text(annotations, k) == "false" for k in _HAPROXY_REDIRECT)
    if controller == "ingress-nginx":
        return nginx
    if controller == "f5-nginx":
        return f5
    if controller == "haproxy":
        return haproxy
    return controller is None and (nginx or f5 or haproxy)


def _kong_tls(annotations: Mapping[str, Any]) -> bool:
    protocols = {p.strip().lower() for p in str(annotations.get(_KONG_PROTOCOLS) or "").split(",")
                 if p.strip()}
    return bool(protocols) and protocols <= _TLS_PROTOCOLS


def _traefik(annotations: Mapping[str, Any]) -> bool | None:
    """A TLS router (``router.tls: "true"``, or any ``router.tls.*`` option: a certificate
    resolver, domains, TLS options); else served on the entry points it names (not known
    which are TLS unless ``web``, Traefik's plain one) or on all, ``web`` included; a
    middleware may redirect (not known)."""
    if _text(annotations, _TRAEFIK_TLS) == "true" \
            or any(str(k).startswith(_TRAEFIK_TLS + ".") for k in annotations):
        return True
    points = {p.strip() for p in _text(annotations, _TRAEFIK_ENTRYPOINTS).split(",") if p.strip()}
    if (points and "web" not in points) or annotations.get(_TRAEFIK_MIDDLEWARES):
        return None
    return False


#: An ALB action written in an annotation, named by a backend whose port is ``use-annotation``
#: (AWS Load Balancer Controller, Ingress annotations, actions.${action-name}).
_ALB_ACTION = "alb.ingress.kubernetes.io/actions."


def _folded(value: Any) -> dict[str, Any]:
    """A JSON object with its keys in lower case (the controller's JSON decoding ignores
    their case: ``Type`` / ``type``, ``RedirectConfig`` / ``redirectConfig``)."""
    return {str(k).lower(): v for k, v in value.items()} if isinstance(value, Mapping) else {}


def _redirect_action(annotations: Mapping[str, Any], backend: Any) -> bool:
    """The backend is an annotation action (``use-annotation``) that redirects to HTTPS."""
    backend = _map(backend)
    service = _map(backend.get("service"))
    named = service.get("name", backend.get("serviceName"))
    port = _map(service.get("port")).get("name") if service else backend.get("servicePort")
    if port != "use-annotation" or not isinstance(named, str):
        return False
    try:
        action = _folded(json.loads(str(annotations.get(_ALB_ACTION + named) or "")))
    except ValueError:
        return False
    config = _folded(action.get("redirectconfig"))
    return str(action.get("type") or "").lower() == "redirect" \
        and str(config.get("protocol") or "").upper() == "HTTPS"


def _catch_all(path: Mapping[str, Any]) -> bool:
    """An Ingress path the ALB matches every request of its host with: none, ``/*``, or
    ``/`` of type Prefix."""
    found = path.get("path")
    return found in (None, "", "/*") or (found == "/" and path.get("pathType") == "Prefix")


def _action_redirects(obj: Mapping[str, Any], annotations: Mapping[str, Any]) -> bool:
    """The older HTTPS redirect of an ALB Ingress: the first path of every rule (or of a
    first rule without ``host``, which matches every host) is a catch-all redirect action.
    The controller applies the rules to every listener in order and leaves the redirect off
    the HTTPS listener it would loop on ("the ssl-redirect action must be the first rule";
    "will ignore that rule for specific listener"): the HTTP listener only redirects. A
    default backend that is not such an action is served on HTTP too, unless a first rule
    without ``host`` redirects every request before it."""
    spec = _map(obj.get("spec"))
    rules = [_map(r) for r in spec.get("rules") or []]
    firsts = []
    for rule in rules:
        paths = [_map(p) for p in _map(rule.get("http")).get("paths") or []]
        firsts.append(bool(paths) and _catch_all(paths[0])
                      and _redirect_action(annotations, paths[0].get("backend")))
    if rules and firsts[0] and not rules[0].get("host"):
        return True  # every request matches it first: the default backend is never reached
    default = spec.get("defaultBackend", spec.get("backend"))
    if default is not None and not _redirect_action(annotations, default):
        return False
    return bool(rules) and all(firsts)


def _alb(annotations: Mapping[str, Any], params: Mapping[str, Any],
         group_redirect: bool = False, obj: Mapping[str, Any] | None = None) -> bool | None:
    """An ALB's listeners (listen-ports, else 443 HTTPS with a certificate, 80 HTTP without)
    all HTTPS, or every HTTP one redirecting; None when listen-ports is not JSON (the
    controller refuses the Ingress). ``group_redirect``: another member of its IngressGroup
    sets ``ssl-redirect`` (or ``sslRedirectPort``), which is the whole group's ("exclusive
    across all Ingresses in IngressGroup": every HTTP listener of the ALB then only
    redirects, "other rules will be ignored"; ``buildSSLRedirectConfig``)."""
    certificates = bool(params.get("certificateArn")) or bool(annotations.get(_ALB_CERTIFICATE)) \
        or _text(annotations, _ALB_CREATE_CERTIFICATE) == "true"
    raw = annotations.get(_ALB_LISTEN_PORTS)
    if raw is None:
        return certificates or group_redirect
    try:
        entries = json.loads(str(raw))
    except ValueError:
        return None
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        return None
    protocols = {str(p).upper() for entry in entries for p in entry}
    if "HTTP" not in protocols:
        return "HTTPS" in protocols
    return group_redirect or ("HTTPS" in protocols and (
        alb_redirects(annotations, params) or _action_redirects(obj or {}, annotations)))


def alb_redirects(annotations: Mapping[str, Any], params: Mapping[str, Any]) -> bool:
    """An ALB Ingress (or its IngressClassParams' spec) sets the HTTP to HTTPS redirect."""
    return bool(params.get("sslRedirectPort") or annotations.get(_ALB_REDIRECT))


def ingress_encrypted(
    obj: Mapping[str, Any], controller: str | None, params: Mapping[str, Any] | None = None,
    group_redirect: bool = False,
) -> bool | None:
    """Whether an Ingress served by ``controller`` (None: not known) encrypts every listener;
    None when not known from the Ingress (a GKE FrontendConfig may redirect; Traefik entry
    points of its static configuration). ``params``: its AWS IngressClassParams' spec;
    ``group_redirect``: another member of its ALB IngressGroup redirects HTTP."""
    annotations = _map(_map(obj.get("metadata")).get("annotations"))
    tls = bool(_map(obj.get("spec")).get("tls"))
    if controller == "alb":
        return _alb(annotations, params or {}, group_redirect, obj)
    if controller == "gce":
        if not tls and not any(annotations.get(k) for k in GKE_CERTIFICATES):
            return False
        if _text(annotations, _ALLOW_HTTP) == "false":
            return True
        return None if annotations.get(GCE_FRONTEND) else False
    if controller == "traefik":
        return _traefik(annotations)
    if controller is None:
        return _hinted(obj, annotations, _served(None, annotations, tls, obj))
    return _served(controller, annotations, tls, obj)


#: Annotation prefixes only one controller reads: an Ingress of a class not known that writes
#: one may be that controller's (the AWS Load Balancer Controller's ``alb.ingress.kubernetes
#: .io/`` on a class whose IngressClass is elsewhere).
_HINTS = {
    "alb.ingress.kubernetes.io/": "alb",
    "traefik.ingress.kubernetes.io/": "traefik",
    "projectcontour.io/": "contour",
    "konghq.com/": "kong",
}


def _hinted(obj: Mapping[str, Any], annotations: Mapping[str, Any],
            found: bool | None) -> bool | None:
    """The reading of a controller not known (``found``), None when a controller whose own
    annotations the Ingress writes would serve it otherwise (its class may be that
    controller's: an ALB with ``spec.tls`` and no certificate serves HTTP only)."""
    hinted = {c for prefix, c in _HINTS.items() if any(str(k).startswith(prefix)
                                                        for k in annotations)}
    readings = {found, *(ingress_encrypted(obj, c) for c in sorted(hinted))}
    return found if len(readings) == 1 else None


def _served(controller: str | None, annotations: Mapping[str, Any], tls: bool,
            obj: Mapping[str, Any]) -> bool | None:
    """An NGINX-like controller's reading (ingress-nginx, F5 NGINX, HAProxy, Contour, Kong,
    AGIC, or one not known): ``tls`` encrypts unless it serves HTTP too."""
    kong_tls = controller in ("kong", None) and _kong_tls(annotations)
    if tls and _serves_http_too(controller, annotations):
        return kong_tls
    if tls and controller in _PER_HOST and _plain_host(_map(obj.get("spec"))):
        return False if controller == "contour" else (True if kong_tls else None)
    return tls or kong_tls


#: Controllers that serve TLS (and redirect HTTP) per host. Contour makes a secure virtual
#: host of each host a ``tls`` entry lists, the others insecure only (``internal/dag/
#: ingress_processor.go``). ingress-nginx gives a host its certificate when a ``tls`` entry
#: lists it, or when the certificate of one names it (its SANs: ``extractTLSSecretName``),
#: which the scan does not show: not known; F5 NGINX and a controller not known alike.
#: HAProxy redirects the whole Ingress once it has ``tls`` (``tlsEnabled``); GKE, ALB,
#: AGIC, Traefik and Kong serve HTTPS for every host of it.
_PER_HOST = frozenset({None, "ingress-nginx", "f5-nginx", "contour"})


def _covered(host: str, tls_hosts: set[str]) -> bool:
    """``host`` is one of the TLS hosts, or matches one ``*.`` wildcard (one label)."""
    return host in tls_hosts or f"*.{host.partition('.')[2]}" in tls_hosts


def _plain_host(spec: Mapping[str, Any]) -> bool:
    """A rule whose ``host`` no ``tls`` entry lists, every entry listing its hosts (an entry
    without hosts: which hosts it serves is the controller's default: not judged)."""
    written = spec.get("tls")
    entries = [_map(t) for t in written] if isinstance(written, list) else []
    if not entries or any(not isinstance(e.get("hosts"), list) or not e["hosts"]
                          for e in entries):
        return False
    tls_hosts = {str(h).strip().lower() for e in entries for h in e["hosts"]}
    rules = spec.get("rules")
    hosts = [_map(r).get("host") for r in rules] if isinstance(rules, list) else []
    return any(isinstance(h, str) and h.strip() and not _covered(h.strip().lower(), tls_hosts)
               for h in hosts)


#: The attribute of a ConfigMap that keeps its ingress-nginx HTTPS redirect settings (the
#: global ``ssl-redirect`` / ``force-ssl-redirect``, default ``true`` / ``false``:
#: ingress-nginx, ConfigMap options), read when a controller of the scan names it; and its
#: global allow-list (``whitelist-source-range``: "the default whitelisted IPs for each
#: server block", which an Ingress's annotation overrides).
NGINX_SETTINGS = "ingress_nginx_redirects"
_NGINX_KEYS = ("ssl-redirect", "force-ssl-redirect")
NGINX_ALLOW_LIST = "whitelist-source-range"


def nginx_settings(obj: Mapping[str, Any]) -> dict[str, str]:
    """The ingress-nginx redirect settings a ConfigMap's ``data`` writes (``true`` /
    ``false`` only) and its allow-list (addresses: no other value is kept)."""
    data = _map(obj.get("data"))
    found = {k: str(data[k]).strip().lower() for k in _NGINX_KEYS
             if str(data.get(k)).strip().lower() in ("true", "false")}
    allowed = data.get(NGINX_ALLOW_LIST)
    if isinstance(allowed, str) and allowed.strip() \
            and all(c in "0123456789abcdefABCDEF.:/, " for c in allowed):
        found[NGINX_ALLOW_LIST] = allowed.strip()
    return found


def nginx_redirects(annotations: Mapping[str, Any], settings: Mapping[str, Any]) -> bool:
    """Whether ingress-nginx redirects HTTP for an Ingress with ``tls``: its own annotations
    first, else its controller's ConfigMap ``settings`` (``ssl-redirect`` true by default)."""
    if _text(annotations, _NGINX_FORCE) == "true" or _text(annotations, _NGINX_REDIRECT) == "true":
        return True
    if _text(annotations, _NGINX_REDIRECT) == "false":
        return False
    return settings.get("force-ssl-redirect") == "true" or settings.get("ssl-redirect") != "false"
