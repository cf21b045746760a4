"""The controller that serves an Ingress, from the scan's ``IngressClass`` objects: the one
its class names (``kubernetes.io/ingress.class``, else ``spec.ingressClassName``), or, for an
Ingress naming none, the one IngressClass annotated ``ingressclass.kubernetes.io/
is-default-class: "true"`` (the admission controller writes it into the Ingress: Kubernetes,
Ingress, Default IngressClass). Its ``spec.controller`` tells the controller
(``ingress_redirects.CONTROLLERS``), whose HTTP / TLS behaviour then decides the Ingress's
TLS; its ``spec.parameters`` may name AWS ``IngressClassParams``, which decide the scheme of
the ALB (``scheme``: "all Ingresses with this IngressClass will have the specified scheme"),
its certificates and HTTP redirect, and its IngressGroup (AWS Load Balancer Controller,
IngressClass, IngressClassParams). An IngressClass the scan does not hold, or a controller
not known, leaves the reading of the class name (the mapper's).

The scheme of an ALB is the group's: the scheme its members' IngressClassParams or
``alb.ingress.kubernetes.io/scheme`` annotations write, all of them (two differ: the
controller refuses the group); none written: ``internal``, the default
(``buildLoadBalancerScheme``). Members are the ALB Ingresses of the same IngressGroup
(``group.name`` of the IngressClassParams, else the ``alb.ingress.kubernetes.io/group.name``
annotation; without either an Ingress is its own group).
"""

from __future__ import annotations

import ipaddress
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from gdcc_audit.graph import kube, kube_traefik
from gdcc_audit.graph.kube import name, namespace, object_kind
from gdcc_audit.load.kube_kinds import ALB_CLASS_PARAMS, TRAEFIK_HTTP_ROUTES
from gdcc_audit.models.resource import Resource
from gdcc_audit.normalize.kubernetes.ingress_redirects import (
    GKE_ONLY,
    NGINX_ALLOW_LIST,
    NGINX_SETTINGS,
    alb_redirects,
    class_name,
    controller_of,
    ingress_encrypted,
    named_controller,
    nginx_redirects,
)

_DEFAULT_CLASS = "ingressclass.kubernetes.io/is-default-class"
#: The client address ranges an ALB admits (``inbound-cidrs``; the IngressClassParams'
#: ``inboundCIDRs`` win over it: AWS Load Balancer Controller, Ingress annotations,
#: IngressClassParams) and those ingress-nginx answers (``allowlist-source-range``, before
#: v1.9 ``whitelist-source-range``: "a comma separated list of CIDRs", any other client gets
#: 403; ingress-nginx, Annotations, Allowlist source range).
_ALB_INBOUND = "alb.ingress.kubernetes.io/inbound-cidrs"
_NGINX_ALLOW = ("nginx.ingress.kubernetes.io/allowlist-source-range",
                "nginx.ingress.kubernetes.io/whitelist-source-range")
_ALB_SCHEME = "alb.ingress.kubernetes.io/scheme"
_ALB_GROUP = "alb.ingress.kubernetes.io/group.name"


def _map(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _annotations(resource: Resource) -> Mapping[str, Any]:
    return _map(_map(resource.attributes.get("metadata")).get("annotations"))


def ingress_class(entry: Resource, configs: Sequence[Resource]) -> Resource | None:
    """The scan's IngressClass of the Ingress: the one its class names, or the one default
    IngressClass when it names none (and writes no annotation only GKE reads: GKE serves an
    Ingress without class); None when the scan holds none (or two defaults)."""
    if object_kind(entry) != "Ingress":
        return None
    classes = [c for c in configs if object_kind(c) == "IngressClass"]
    named = class_name(entry.attributes)
    if named:
        found = [c for c in classes if name(c) == named]
    elif GKE_ONLY.isdisjoint(_annotations(entry)):
        found = [c for c in classes
                 if str(_annotations(c).get(_DEFAULT_CLASS) or "").lower() == "true"]
    else:
        found = []
    return found[0] if len(found) == 1 else None


def _params(ingress_class: Resource, configs: Sequence[Resource]) -> Mapping[str, Any] | None:
    """The spec of the AWS IngressClassParams the class's ``spec.parameters`` name; ``{}`` for
    none named; None when named but not in the scan (or of another kind)."""
    parameters = _map(_map(ingress_class.attributes.get("spec")).get("parameters"))
    if not parameters:
        return {}
    wanted = f"{parameters.get('kind')}.{parameters.get('apiGroup')}"
    found = [c for c in configs
             if object_kind(c) == wanted and wanted in ALB_CLASS_PARAMS
             and name(c) == parameters.get("name")]
    return _map(found[0].attributes.get("spec")) if len(found) == 1 else None


def controller(entry: Resource, configs: Sequence[Resource]) -> str | None:
    """The known controller of the Ingress's IngressClass in the scan; None otherwise."""
    found = ingress_class(entry, configs)
    return controller_of(_map(found.attributes.get("spec")).get("controller")) \
        if found is not None else None


#: Stand-ins for an annotation value not known (a Terraform value computed at apply time):
#: a reading that differs between them is not known.
_STAND_INS = (None, "true", "false", "https", '[{"HTTPS": 443}]')


def _encrypted(entry: Resource, serving: str, params: Mapping[str, Any],
               group_redirect: bool = False) -> bool | None:
    """:func:`ingress_encrypted` of the entry, None when it depends on an annotation whose
    value is not known."""
    metadata = _map(entry.attributes.get("metadata"))
    unknown = [k for k, v in _annotations(entry).items() if v is None]
    if metadata.get("annotations", {}) is None:
        return None
    found = set()
    for stand_in in _STAND_INS if unknown else (None,):
        annotations = {k: v for k, v in _annotations(entry).items() if v is not None}
        if stand_in is not None:
            annotations.update(dict.fromkeys(unknown, stand_in))
        obj = {**entry.attributes, "metadata": {**metadata, "annotations": annotations}}
        found.add(ingress_encrypted(obj, serving, params, group_redirect))
    return found.pop() if len(found) == 1 else None


def ingress_tls(entry: Resource, configs: Sequence[Resource],
                controllers: Controllers | None = None,
                ingresses: Sequence[Resource] = ()) -> bool | None:
    """Whether the Ingress encrypts every listener as the controller of its IngressClass
    serves it; when the scan's classes do not tell a controller other than its class name
    does, the mapper's reading (``kube.ingress_tls``). Served by an ingress-nginx controller
    of the scan whose ConfigMap turns the redirect off: not encrypted; a Traefik one without
    TLS router when a Traefik controller of the scan redirects its ``web`` entry point: not
    known; an ALB one whose HTTP listener another member of its IngressGroup (of
    ``ingresses``) redirects: as that listener redirects."""
    controllers = controllers or Controllers()
    tls = _class_tls(entry, configs)
    serving = controller(entry, configs)
    if tls is False and (serving or named_controller(entry.attributes)) == "alb" \
            and _group_redirects(entry, configs, ingresses):
        found = ingress_class(entry, configs)
        params = _params(found, configs) if found is not None else {}
        tls = _encrypted(entry, "alb", params or {}, group_redirect=True)
    if tls is True and serving in ("ingress-nginx", None) \
            and nginx_http(entry, configs, controllers.nginx):
        return False
    if tls is not True and _annotations_known(entry):
        if object_kind(entry) in TRAEFIK_HTTP_ROUTES:
            return kube_traefik.ingress_route_tls(entry, configs, controllers.traefik)
        if (serving or named_controller(entry.attributes)) == "traefik":
            return kube_traefik.ingress_tls(entry, configs, controllers.traefik)
    return tls


def _annotations_known(entry: Resource) -> bool:
    """Every annotation's value is known (a Terraform one may be computed at apply time)."""
    metadata = _map(entry.attributes.get("metadata"))
    return metadata.get("annotations", {}) is not None \
        and all(v is not None for v in _annotations(entry).values())


def _class_tls(entry: Resource, configs: Sequence[Resource]) -> bool | None:
    found = ingress_class(entry, configs)
    serving = controller(entry, configs)
    if found is None or serving is None:
        return kube.ingress_tls(entry)
    params = _params(found, configs)
    if serving == named_controller(entry.attributes) and (serving != "alb" or not params):
        return kube.ingress_tls(entry)
    tls = _encrypted(entry, serving, params or {})
    if serving == "alb" and params is None and tls is False:
        return None  # its IngressClassParams may give a certificate or a redirect
    return tls


def _alb_members(entry: Resource, configs: Sequence[Resource],
                 ingresses: Sequence[Resource]) -> list[tuple[Resource, Mapping[str, Any] | None]]:
    """The ALB Ingresses of the entry's IngressGroup, each with its IngressClassParams' spec
    (``{}``: none; None: named, not in the scan)."""

    def group(ingress: Resource, params: Mapping[str, Any] | None) -> str | None:
        written = _map(_map(params).get("group")).get("name") or _annotations(ingress).get(
            _ALB_GROUP)
        return str(written) if written else None

    def params_of(ingress: Resource) -> Mapping[str, Any] | None:
        found = ingress_class(ingress, configs)
        return {} if found is None else _params(found, configs)

    own_params = params_of(entry)
    own = group(entry, own_params)
    if own is None:
        return [(entry, own_params)]
    members = []
    for ingress in ingresses:
        if ingress is entry or alb_ingress(ingress, configs):
            params = own_params if ingress is entry else params_of(ingress)
            if group(ingress, params) == own:
                members.append((ingress, params))
    return members


def _group_redirects(entry: Resource, configs: Sequence[Resource],
                     ingresses: Sequence[Resource]) -> bool:
    """Another member of the ALB Ingress's IngressGroup (or its IngressClassParams) sets the
    HTTP to HTTPS redirect, which is the group's (AWS Load Balancer Controller, Ingress
    annotations, ssl-redirect: "exclusive across all Ingresses in IngressGroup")."""
    if not ingresses:
        return False
    return any(member is not entry and alb_redirects(_annotations(member), params or {})
               for member, params in _alb_members(entry, configs, ingresses))


def alb_ingress(entry: Resource, configs: Sequence[Resource]) -> bool:
    """An Ingress the AWS Load Balancer Controller (or EKS Auto Mode) serves: class ``alb`` or
    an IngressClass of its controller (an ALB scheme annotation counts, as before)."""
    serving = controller(entry, configs) or named_controller(entry.attributes)
    return serving == "alb" or _ALB_SCHEME in _annotations(entry)


def alb_scheme(entry: Resource, configs: Sequence[Resource],
               ingresses: Sequence[Resource]) -> tuple[str, str]:
    """``(scheme, how)`` of an ALB Ingress's load balancer: ``internal`` / ``public`` as its
    group's IngressClassParams and annotations write it, ``maybe`` when none does (internal
    by default) or an IngressClassParams named is not in the scan."""
    schemes: set[str] = set()
    for member, params in _alb_members(entry, configs, ingresses):
        if params is None:
            return "maybe", f"ALB, IngressClassParams of {namespace(member)}/{name(member)} " \
                "not in the scan"
        written = params.get("scheme") or _annotations(member).get(_ALB_SCHEME)
        if written:
            schemes.add(str(written))
    if schemes == {"internal"}:
        return "internal", "ALB scheme internal"
    if schemes == {"internet-facing"}:
        return "public", "ALB scheme internet-facing"
    return "maybe", "ALB, scheme not written (internal by default)"


def ingress_scheme(entry: Resource, configs: Sequence[Resource],
                   ingresses: Sequence[Resource]) -> tuple[str, str]:
    """``(scheme, how)`` of an Ingress's load balancer (``kube.ingress_scheme``), an ALB's
    from its group (:func:`alb_scheme`)."""
    scheme, how = kube.ingress_scheme(entry)
    if scheme == "public" and alb_ingress(entry, configs):
        return alb_scheme(entry, configs, ingresses)
    return scheme, how


#: ingress-nginx's controller binary and the defaults of its flags (ingress-nginx, Command
#: line arguments): the class it serves by name, its IngressClass controller value.
_NGINX_BINARY = "/nginx-ingress-controller"
_NGINX_CLASS = "nginx"
_NGINX_CONTROLLER = "k8s.io/ingress-nginx"


@dataclass(frozen=True)
class NginxController:
    """An ingress-nginx controller of the scan: the classes it serves and its ConfigMap's
    redirect settings (``{}``: the defaults; its ConfigMap not in the scan is not in the
    cluster: the controller runs with the defaults)."""

    ingress_class: str
    controller_class: str
    without_class: bool
    settings: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Controllers:
    """The ingress controllers of the scan whose own configuration changes an Ingress's
    TLS: ingress-nginx ones, and the static configuration of Traefik ones (their entry
    points' TLS and redirects: ``kube_traefik``)."""

    nginx: tuple[NginxController, ...] = ()
    traefik: tuple[kube_traefik.TraefikStatic, ...] = ()


def controllers_of(workloads: Sequence[Resource], config_maps: Sequence[Resource],
                   configs: Sequence[Resource] = ()) -> Controllers:
    """:class:`Controllers` of the scan's workloads (and the traefik chart releases among
    ``configs``)."""
    return Controllers(tuple(nginx_controllers(workloads, config_maps)),
                       kube_traefik.traefik_statics(workloads, config_maps, configs))


def nginx_controllers(workloads: Sequence[Resource],
                      config_maps: Sequence[Resource]) -> list[NginxController]:
    """The ingress-nginx controllers of the scan (a container running
    ``/nginx-ingress-controller``) with the settings of the ConfigMap their ``--configmap``
    names (``namespace/name``; ``$(POD_NAMESPACE)``: the workload's)."""
    found = []
    for workload in workloads:
        flags = kube.container_flags(workload, _NGINX_BINARY)
        if flags is None:
            continue
        where, _, named = flags.get("configmap", "").rpartition("/")
        where = namespace(workload) if where in ("", "$(POD_NAMESPACE)") else where
        settings = next((c.attributes.get(NGINX_SETTINGS) for c in config_maps
                         if named and name(c) == named and namespace(c) == where), None)
        found.append(NginxController(
            flags.get("ingress-class") or _NGINX_CLASS,
            flags.get("controller-class") or _NGINX_CONTROLLER,
            flags.get("watch-ingress-without-class", "").lower() == "true",
            _map(settings)))
    return found


def _nginx_serves(controller: NginxController, entry: Resource,
                  configs: Sequence[Resource]) -> bool:
    """The controller serves the Ingress: its class annotation or ``ingressClassName`` is the
    controller's class (an IngressClass of the scan: of its controller value; the default
    one for an Ingress naming none), or it names no class and the controller watches
    Ingresses without one (``--watch-ingress-without-class``)."""
    named = class_name(entry.attributes)
    default = ingress_class(entry, configs) if not named else None
    if default is not None:
        return bool(_map(default.attributes.get("spec")).get("controller")
                    == controller.controller_class)
    if not named:
        return controller.without_class
    classes = [c for c in configs if object_kind(c) == "IngressClass" and name(c) == named]
    if classes:
        return bool(_map(classes[0].attributes.get("spec")).get("controller")
                    == controller.controller_class)
    return bool(named == controller.ingress_class)


def nginx_http(entry: Resource, configs: Sequence[Resource],
               controllers: Sequence[NginxController]) -> bool:
    """An Ingress with ``tls`` that an ingress-nginx controller of the scan serves without
    redirecting HTTP: its ConfigMap sets ``ssl-redirect: "false"`` and the Ingress does not
    ask for a redirect (ingress-nginx, ConfigMap ``ssl-redirect``; Annotations)."""
    if not _map(entry.attributes.get("spec")).get("tls"):
        return False
    return any(not nginx_redirects(_annotations(entry), c.settings)
               for c in controllers if _nginx_serves(c, entry, configs))


def _cidrs(value: Any) -> tuple[str, ...] | None:
    """The CIDRs of a comma separated list (or a list); None when one is not a CIDR (the
    controller refuses the setting: nothing is restricted) or none is given."""
    items = value if isinstance(value, list) else str(value or "").split(",")
    found = tuple(str(i).strip() for i in items if str(i).strip())
    try:
        for item in found:
            ipaddress.ip_network(item, strict=False)
    except ValueError:
        return None
    return found or None


def _alb_ranges(entry: Resource, configs: Sequence[Resource]) -> tuple[str, ...] | None:
    found = ingress_class(entry, configs)
    params = _params(found, configs) if found is not None else {}
    if params is None:
        return None  # its IngressClassParams may set or drop them
    return _cidrs(params.get("inboundCIDRs")) or _cidrs(_annotations(entry).get(_ALB_INBOUND))


def source_ranges(entry: Resource, configs: Sequence[Resource], ingresses: Sequence[Resource],
                  controllers: Controllers | None = None) -> tuple[str, ...] | None:
    """The client ranges the Ingress's controller admits, None when it admits any: an ALB's
    inbound CIDRs (each member of its IngressGroup the same: the ALB is theirs), the
    allow-list of an Ingress ingress-nginx serves (its IngressClass's controller, or an
    ingress-nginx controller of the scan whose class it is: another controller ignores the
    annotation), else the global ``whitelist-source-range`` of the ConfigMap of every
    ingress-nginx controller of the scan serving it."""
    if object_kind(entry) != "Ingress":
        return None
    if alb_ingress(entry, configs):
        members = [m for m, _ in _alb_members(entry, configs, ingresses)]
        ranges = {_alb_ranges(m, configs) for m in members}
        return ranges.pop() if len(ranges) == 1 else None
    serving = [c for c in (controllers or Controllers()).nginx
               if _nginx_serves(c, entry, configs)]
    if controller(entry, configs) != "ingress-nginx" and not serving:
        return None
    annotations = _annotations(entry)
    written = next((k for k in _NGINX_ALLOW if k in annotations), None)
    if written is not None:
        return _cidrs(annotations[written])
    # the global allow-list of each ingress-nginx controller of the scan serving it
    found = {_cidrs(c.settings.get(NGINX_ALLOW_LIST)) for c in serving}
    return found.pop() if len(found) == 1 else None
