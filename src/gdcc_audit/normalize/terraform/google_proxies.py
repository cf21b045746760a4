"""What a Google Cloud target proxy's backends decide for it: exposure, logs, Cloud Armor.

A target HTTP(S), SSL or TCP proxy has no logging or security policy of its own: request
logging is a setting of each backend service (``log_config.enable``: "The default value is
false", cloud.google.com/python/docs/reference/compute/latest/
google.cloud.compute_v1.types.BackendServiceLogConfig; ``sample_rate`` 0.0 "means no logged
requests are reported"), and so is Cloud Armor (``security_policy``, none by default). The
proxy's backend services are those its URL map names (``default_service``, path matchers,
host rules, route actions) or its ``backend_service``. The proxy logs its requests when every
backend service does, and has a WAF when every backend service has a security policy; one
that does not decides FAIL, named in the reason. A backend not in the scan (a literal self
link, a module input) leaves the facet not known, and so does a backend bucket, but for its
request logs behind an external load balancer, which are always on (:func:`_logs_behind`).

The proxy is public when an external forwarding rule of the scan targets it (scheme not
``INTERNAL*``; ``EXTERNAL`` by default), not public when all of those target it are internal,
not known when none is in the scan.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from gdcc_audit.load.terraform_model import UNKNOWN, TfResource
from gdcc_audit.models.common import Text
from gdcc_audit.models.reason_words import reason_th
from gdcc_audit.normalize.terraform.context import TfContext
from gdcc_audit.normalize.terraform.google_lb import (
    FORWARDING_RULES,
    SERVICES,
    URL_MAP_LINKS,
    URL_MAPS,
    referrers,
)
from gdcc_audit.normalize.terraform.values import blocks, flag, text

_BUCKETS = ("google_compute_backend_bucket",)
_ARMOR = ("google_compute_security_policy", "google_compute_region_security_policy")
#: Keys under which a URL map or proxy names a backend.
_SERVICE_KEYS = frozenset({"default_service", "service", "backend_service"})


def _literal_services(values: Any) -> Iterator[Any]:
    """Values written under a backend key anywhere in ``values`` (nested blocks included)."""
    if isinstance(values, Mapping):
        for key, value in values.items():
            if key in _SERVICE_KEYS and not isinstance(value, Mapping | list):
                yield value
            else:
                yield from _literal_services(value)
    elif isinstance(values, list):
        for item in values:
            yield from _literal_services(item)


def backends(proxy: TfResource, ctx: TfContext) -> list[list[TfResource]] | None:
    """The backend services and buckets a proxy sends to, through its URL map or directly:
    one list per reference, of the instances it may name (every instance of a counted
    resource named without a known index: ``default[keys(var.backends)[0]]``); None when
    one is not in the scan (or a block naming them is not known)."""
    if proxy.values.get("url_map") is not None:
        maps = ctx.referenced_all(proxy, "url_map", URL_MAPS)
        if len(maps) > 1:
            return None  # a choice between URL maps (a conditional): which is not known
        holder = maps[0] if maps else ctx.target_of(proxy, "url_map", URL_MAPS)
        links: tuple[str, ...] = URL_MAP_LINKS
    else:
        holder, links = proxy, ("backend_service",)
    if holder is None:
        return None
    # references to backends, by where they are written (an index expression may refer to
    # other resources: ``default[keys(var.backends)[0]]`` names the groups in var.backends)
    refs = [
        (ref, group)
        for ref in holder.references
        if ref.attribute.split(".", 1)[0] in links
        for group in [_instances(holder, ref.target, ctx)]
        if any(t.type in (*SERVICES, *_BUCKETS) for t in group)
    ]
    named = {ref.attribute.split(".", 1)[0] for ref, _ in refs}
    for key in links:
        value = holder.values.get(key)
        if value is UNKNOWN and (key not in _SERVICE_KEYS or key not in named):
            return None  # a dynamic block, or a computed name not referring to the scan
        if isinstance(value, list) and any(item is UNKNOWN for item in value):
            return None
    written = [holder.values.get(key) for key in links]
    if any(isinstance(v, str) and v for v in _literal_services(written)):
        return None  # a self link or name: not resolved here
    found: list[list[TfResource]] = []
    for _, group in refs:
        if group not in found:
            found.append(group)
    return found or None


#: What else a URL map may route by, besides its default redirect.
_MAP_ROUTES = ("default_service", "default_route_action", "host_rule", "path_matcher")


def https_redirect_map(proxy: TfResource, ctx: TfContext) -> TfResource | None:
    """The URL map of the scan that a target HTTP proxy names when that map redirects every
    request to HTTPS: a ``default_url_redirect`` with ``https_redirect = true`` ("the URL
    scheme in the redirected request is set to https"; false by default) and nothing else
    to route by (no default service or route action, no host rule or path matcher:
    registry.terraform.io/providers/hashicorp/google/latest/docs/resources/compute_url_map
    ``default_url_redirect``). Such a proxy serves nothing over plain HTTP, like an AWS
    listener that only redirects to HTTPS. None otherwise, or when not known."""
    found = ctx.target_of(proxy, "url_map", URL_MAPS)
    if found is None:
        return None
    redirect = blocks(found.values, "default_url_redirect")
    if not redirect or flag(redirect[0], "https_redirect") is not True:
        return None
    if any(found.values.get(key) not in (None, []) for key in _MAP_ROUTES):
        return None  # a route to a backend (or one not known) besides the redirect
    return found


def _instances(holder: TfResource, target: str, ctx: TfContext) -> list[TfResource]:
    """The resource a reference names, or every instance of a counted one it names without
    an index."""
    for name in (target, target.rsplit(".", 1)[0]):
        found = ctx.resolve(holder, name)
        if found is not None:
            return [found]
        for full in (name, f"{holder.module}.{name}" if holder.module else name):
            counted = [r for a, r in ctx.by_address.items() if a.startswith(f"{full}[")]
            if counted:
                return counted
    return []


def _logs(service: TfResource, ctx: TfContext) -> tuple[bool | None, str]:
    """Whether a backend service logs its requests, and how that is written."""
    if service.type in _BUCKETS:
        return None, "a backend bucket"
    found = blocks(service.values, "log_config")
    if found is None:
        return None, "log_config not known"
    if not found:
        return False, "no log_config block (log_config.enable defaults to false)"
    enable = found[0].get("enable")
    if enable is None:  # not written, or null: the API's default
        return False, "log_config.enable not written (defaults to false)"
    if enable is UNKNOWN or not isinstance(enable, bool):
        return None, "log_config.enable not known"
    if not enable:
        return False, "log_config.enable = false"
    rate = found[0].get("sample_rate")
    if isinstance(rate, int | float) and not isinstance(rate, bool) and rate == 0:
        return False, "log_config.sample_rate = 0 (no request reported)"
    return True, "log_config.enable = true"


def _armor(service: TfResource, ctx: TfContext) -> tuple[bool | None, str]:
    """Whether a backend service has a Cloud Armor security policy."""
    if service.type in _BUCKETS:
        return None, "a backend bucket"
    policy = service.values.get("security_policy")
    if policy is UNKNOWN:
        named = ctx.target_of(service, "security_policy", _ARMOR) is not None
        # a policy of the scan (its id computed): set; an input: may be null
        return (True, "security_policy set") if named else (None, _armor_not_known(service))
    if policy in (None, ""):
        return False, "security_policy not set"
    return True, "security_policy set"


def _armor_not_known(service: TfResource) -> str:
    """Why a backend service's ``security_policy`` is not known: an input with no value in
    the scan (which may be null: no policy), or a reference to something the scan does not
    hold (a module output, a data source, a policy of another configuration)."""
    symbol = service.symbols.get("security_policy")
    if symbol is not None and not symbol.startswith(("var.", "local.")):
        symbol = None  # a module output or another expression: named by the references
    origin = service.origins.get("security_policy")
    if symbol or origin:
        shown = ", ".join(x for x in (symbol, origin) if x)
        return f"security_policy is set from an input ({shown}) whose value is not in the scan"
    named = [r.target for r in service.references if r.attribute.startswith("security_policy")]
    if named:
        return f"security_policy names {', '.join(dict.fromkeys(named))}, which is not in the scan"
    return "security_policy not known"


#: Per facet: how a backend is judged, and the words for one without it, for all with it,
#: and for the setting (English, Thai).
_FACETS: tuple[tuple[str, Any, tuple[str, str], tuple[str, str], tuple[str, str]], ...] = (
    ("access_logging", _logs,
     ("writes no request logs", "ไม่ได้บันทึก request log"),
     ("every backend logs requests", "backend ทุกตัวบันทึก request log"),
     ("request logging", "การบันทึก request log")),
    ("waf_enabled", _armor,
     ("has no Cloud Armor security policy", "ไม่มี Cloud Armor security policy"),
     ("every backend service has a Cloud Armor security policy",
      "backend service ทุกตัวมี Cloud Armor security policy"),
     ("the Cloud Armor security policy", "Cloud Armor security policy")),
)


def _all(
    groups: list[list[TfResource]], ctx: TfContext, judge: Any, lacking: tuple[str, str],
    having: tuple[str, str], setting: tuple[str, str],
) -> tuple[bool | None, Text]:
    """True when every backend passes ``judge``; False naming one that does not; else None
    naming one not known. A reference that may name any instance of a counted resource
    counts only when all its instances agree."""
    said: list[tuple[TfResource, bool | None, str]] = []
    for group in groups:
        judged = [(s, *judge(s, ctx)) for s in group]
        values = {value for _, value, _ in judged}
        said.append(judged[0] if len(values) == 1 else (group[0], None, "its instances differ"))
    for service, value, how in said:
        if value is False:
            return False, Text(en=f"its backend service {service.address} {lacking[0]}: {how}",
                               th=f"backend service {service.address} {lacking[1]}: "
                               f"{reason_th(how)}")
    for service, value, how in said:
        if value is None:
            return None, Text(
                en=f"{setting[0]} of its backend {service.address} is not known: {how}",
                th=f"ไม่ทราบ{setting[1]}ของ backend {service.address}: {reason_th(how)}",
            )
    names = ", ".join(dict.fromkeys(s.address for group in groups for s in group))
    return True, Text(en=f"{having[0]}: {names}", th=f"{having[1]}: {names}")


#: Why a backend bucket behind an external Application Load Balancer logs its requests.
BUCKET_LOGS = (
    "a backend bucket of an external Application Load Balancer: its requests are always "
    "logged"
)


def _external_only(proxy: TfResource, ctx: TfContext) -> bool:
    """Whether forwarding rules of the scan target the proxy and every one is external."""
    rules = referrers(proxy, tuple(FORWARDING_RULES), ("target",), ctx)
    schemes = [text(r.values, "load_balancing_scheme", "EXTERNAL") for r in rules]
    return bool(schemes) and all(
        s is not None and not s.upper().startswith("INTERNAL") for s in schemes
    )


def _logs_behind(proxy: TfResource, ctx: TfContext) -> Any:
    """:func:`_logs`, knowing a backend bucket's logging from the proxy's load balancer:
    "For external Application Load Balancers with backend buckets, logging is automatically
    enabled and cannot be disabled" (cloud.google.com/load-balancing/docs/https/
    https-logging-monitoring#logging); behind an internal one (or one not in the scan), not
    known."""
    external = _external_only(proxy, ctx)

    def judge(service: TfResource, ctx: TfContext) -> tuple[bool | None, str]:
        if service.type in _BUCKETS and external:
            return True, BUCKET_LOGS
        return _logs(service, ctx)

    return judge


def _public(proxy: TfResource, ctx: TfContext) -> bool | None:
    """External when a forwarding rule of the scan targeting it is external."""
    rules = referrers(proxy, tuple(FORWARDING_RULES), ("target",), ctx)
    schemes = [text(r.values, "load_balancing_scheme", "EXTERNAL") for r in rules]
    if any(s is not None and not s.upper().startswith("INTERNAL") for s in schemes):
        return True
    if rules and all(s is not None for s in schemes):
        return False
    return None


#: Proxies that carry no HTTP (TCP and SSL proxies): no web application firewall applies
#: (``absent.NOT_HTTP_PROXY``).
NOT_HTTP = frozenset(
    {"google_compute_target_tcp_proxy", "google_compute_region_target_tcp_proxy",
     "google_compute_target_ssl_proxy"}
)


#: Why a proxy's Cloud Armor policy is not known when its backends are not.
_BACKENDS_NOT_KNOWN = Text(
    en="the backend services it sends to (which hold the Cloud Armor policy) are not all "
    "in the scan: a URL map or backend given by a self link or an input, or chosen at apply "
    "time",
    th="backend service ที่ส่งต่อไป (ซึ่งเป็นที่ผูก Cloud Armor policy) ไม่อยู่ในชุดที่ตรวจทั้งหมด: "
    "URL map หรือ backend ที่ระบุด้วย self link หรือค่านำเข้า หรือเลือกตอน apply",
)


def proxy_facets(proxy: TfResource, ctx: TfContext) -> dict[str, Any]:
    """``public_endpoint``, ``access_logging`` and (HTTP(S) proxies) ``waf_enabled`` of a
    target proxy, the reason for each noted on it; empty when its backends are not known."""
    facets: dict[str, Any] = {"public_endpoint": _public(proxy, ctx)}
    found = backends(proxy, ctx)
    if found is None:
        if proxy.type not in NOT_HTTP:
            ctx.note(proxy, "waf_enabled", None, unknown=_BACKENDS_NOT_KNOWN)
        return facets
    for facet, judge, lacking, having, setting in _FACETS:
        if facet == "waf_enabled" and proxy.type in NOT_HTTP:
            continue
        how = _logs_behind(proxy, ctx) if facet == "access_logging" else judge
        value, why = _all(found, ctx, how, lacking, having, setting)
        facets[facet] = value
        if value is None:
            ctx.note(proxy, facet, None, unknown=why)
        else:
            ctx.note(proxy, facet, value, because=why)
    return facets
