"""Azure Front Door: what its clients connect with (GDCC-ENC-004, GDCC-ENC-005).

- TLS: "Azure Front Door supports two versions of the TLS protocol: TLS versions 1.2 and
  1.3 ... As of March 1, 2025, TLS 1.0 and 1.1 minimum version are disallowed on Azure Front
  Door ... If you use Azure Front Door (classic) and Microsoft CDN (classic), you'll continue
  to use the minimum TLS 1.2 version" (:data:`TLS_DOC`). Every Front Door endpoint, classic or
  Standard/Premium, accepts TLS 1.2 at least, whatever is written (azurerm's custom domain
  ``tls.minimum_version`` takes only ``TLS12``).
- HTTPS only: a Standard/Premium endpoint (``azurerm_cdn_frontdoor_endpoint``, AzAPI
  ``Microsoft.Cdn/profiles/afdEndpoints``) serves what its routes (``azurerm_cdn_frontdoor_route``
  naming it by ``cdn_frontdoor_endpoint_id``, AzAPI ``afdEndpoints/routes`` children) accept: a
  route whose ``supported_protocols`` include ``Http`` serves plain HTTP unless
  ``https_redirect_enabled`` (azurerm: "Defaults to ``true``") redirects it to HTTPS. A
  classic ``azurerm_frontdoor`` serves what its ``routing_rule`` blocks accept: one accepting
  ``Http`` serves it unless its ``redirect_configuration`` redirects with ``redirect_protocol
  = "HttpsOnly"``. A disabled route or rule serves nothing. An AzAPI route takes the ARM REST
  defaults for what it leaves out (:data:`ROUTE_SPEC`, ``RouteUpdatePropertiesParameters``:
  ``supportedProtocols`` "default": ``["Http", "Https"]``, ``httpsRedirect`` "default":
  ``"Disabled"``): such a route serves plain HTTP, said with the finding (was UNKNOWN).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from gdcc_audit.load.terraform_model import TfResource
from gdcc_audit.models.common import Text
from gdcc_audit.normalize.terraform.azapi_body import arm_type, properties, same, same_type
from gdcc_audit.normalize.terraform.context import TfContext
from gdcc_audit.normalize.terraform.values import block, blocks, flag, string_list, text

TLS_DOC = "https://learn.microsoft.com/azure/frontdoor/standard-premium/tls-policy"
#: The Front Door Standard/Premium REST API specification (Microsoft.Cdn, afdx.json), where a
#: route's defaults are written.
ROUTE_SPEC = (
    "https://github.com/Azure/azure-rest-api-specs/blob/main/specification/cdn/"
    "resource-manager/Microsoft.Cdn/Cdn/stable/2025-06-01/afdx.json"
)
#: What the REST API gives a route that leaves these properties out (:data:`ROUTE_SPEC`).
_ROUTE_DEFAULTS: dict[str, Any] = {"supportedProtocols": ["Http", "Https"],
                                   "httpsRedirect": "Disabled"}
ROUTE = "azurerm_cdn_frontdoor_route"
ENDPOINT = "Microsoft.Cdn/profiles/afdEndpoints"
ARM_ROUTE = "Microsoft.Cdn/profiles/afdEndpoints/routes"
_TLS = Text(
    en="Azure Front Door accepts TLS 1.2 and 1.3 only: a TLS 1.0 or 1.1 minimum is disallowed "
    f"since 1 March 2025 and Front Door (classic) keeps TLS 1.2 ({TLS_DOC})",
    th="Azure Front Door รับเฉพาะ TLS 1.2 และ 1.3: ไม่อนุญาตให้ตั้งค่าขั้นต่ำเป็น TLS 1.0 หรือ 1.1 "
    f"ตั้งแต่ 1 มีนาคม 2025 และ Front Door (classic) ใช้ TLS 1.2 เป็นขั้นต่ำ ({TLS_DOC})",
)


def tls_floor(r: TfResource, ctx: TfContext) -> str:
    """The lowest TLS version a Front Door endpoint accepts: 1.2 (module docstring)."""
    ctx.note(r, "tls_min_version", "1.2", because=_TLS)
    return "1.2"


Found = tuple[bool | None, Text]


def _plain(protocols: Sequence[str] | None, redirect: bool | None, by: str) -> Found:
    """Whether a route accepting ``protocols`` serves plain HTTP, and why."""
    if protocols is None:
        return None, Text(en=f"{by}: its protocols are not known",
                          th=f"{by}: ไม่ทราบโปรโตคอลที่รับ")
    if not any(p.lower() == "http" for p in protocols):
        return False, Text(en=f"{by} accepts HTTPS only", th=f"{by} รับเฉพาะ HTTPS")
    if redirect is None:
        return None, Text(en=f"{by}: whether it redirects HTTP to HTTPS is not known",
                          th=f"{by}: ไม่ทราบว่าเปลี่ยนเส้นทาง HTTP ไปยัง HTTPS หรือไม่")
    if redirect:
        return False, Text(en=f"{by} redirects HTTP to HTTPS",
                           th=f"{by} เปลี่ยนเส้นทาง HTTP ไปยัง HTTPS")
    return True, Text(
        en=f"{by} serves plain HTTP (it accepts Http and does not redirect it to HTTPS)",
        th=f"{by} ให้บริการ HTTP แบบไม่เข้ารหัส (รับ Http และไม่เปลี่ยนเส้นทางไปยัง HTTPS)",
    )


def _joined(items: list[Text]) -> Text:
    return Text(en="; ".join(t.en for t in items), th="; ".join(t.th for t in items))


def _decide(r: TfResource, ctx: TfContext, found: list[Found], unresolved: list[str]
            ) -> bool | None:
    """HTTPS only from the routes' verdicts; noted with why."""
    plain = [why for value, why in found if value is True]
    if plain:
        ctx.note(r, "encrypted_in_transit", False, because=_joined(plain))
        return False
    unsure = [why for value, why in found if value is None] + [
        Text(en=f"{address} may be one of its routes (its endpoint is not known)",
             th=f"{address} อาจเป็นเส้นทางหนึ่งของ endpoint นี้ (ไม่ทราบ endpoint ของมัน)")
        for address in unresolved
    ]
    if unsure or not found:
        ctx.note(r, "encrypted_in_transit", None, unknown=_joined(unsure) if unsure else Text(
            en="no route of the scanned configuration serves it (its routes decide the "
            "protocols it accepts)",
            th="ไม่มีเส้นทาง (route) ในการกำหนดค่าที่สแกนที่ให้บริการ endpoint นี้ "
            "(เส้นทางเป็นตัวกำหนดโปรโตคอลที่รับ)",
        ))
        return None
    ctx.note(r, "encrypted_in_transit", True, because=_joined([w for _, w in found]))
    return True


def endpoint_https_only(r: TfResource, ctx: TfContext) -> bool | None:
    """``azurerm_cdn_frontdoor_endpoint``: HTTPS only when every enabled route naming it
    accepts HTTPS only or redirects HTTP (module docstring)."""
    found: list[Found] = []
    unresolved: list[str] = []
    for route in ctx.related([ROUTE]):
        target = ctx.referenced(route, "cdn_frontdoor_endpoint_id", [r.type])
        if target is None:
            unresolved.append(route.address)
            continue
        if target is not r or flag(route.values, "enabled", True) is False:
            continue
        found.append(_plain(
            string_list(route.values, "supported_protocols"),
            flag(route.values, "https_redirect_enabled", True), route.address,
        ))
    return _decide(r, ctx, found, unresolved)


def classic_https_only(r: TfResource, ctx: TfContext) -> bool | None:
    """``azurerm_frontdoor``: HTTPS only when no enabled ``routing_rule`` serves HTTP (module
    docstring)."""
    rules = blocks(r.values, "routing_rule")
    if rules is None:
        ctx.note(r, "encrypted_in_transit", None, unknown=Text(
            en="its routing rules are not known", th="ไม่ทราบ routing rule ของ Front Door นี้",
        ))
        return None
    found: list[Found] = []
    for n, rule in enumerate(rules):
        if flag(rule, "enabled", True) is False:
            continue
        by = f"routing rule {text(rule, 'name') or n}"
        redirect = block(rule, "redirect_configuration")
        https: bool | None = False
        if redirect:
            protocol = text(redirect, "redirect_protocol")
            https = None if protocol is None else protocol.lower() == "httpsonly"
        found.append(_plain(string_list(rule, "accepted_protocols"), https, by))
    return _decide(r, ctx, found, [])


def _shown(value: Any) -> str:
    """A default as the message writes it (``[Http, Https]``)."""
    return "[" + ", ".join(map(str, value)) + "]" if isinstance(value, list) else str(value)


def _arm_switch(value: Any) -> bool | None:
    return value.lower() == "enabled" if isinstance(value, str) else None


def arm_endpoint_https_only(r: TfResource, ctx: TfContext) -> bool | None:
    """AzAPI ``afdEndpoints``: from its AzAPI ``routes`` children (module docstring)."""
    found: list[Found] = []
    unresolved: list[str] = []
    for route in ctx.related(["azapi_resource"]):
        if not same_type(arm_type(route), ARM_ROUTE):
            continue
        parent = ctx.referenced(route, "parent_id", ["azapi_resource"])
        if parent is None:
            unresolved.append(route.address)
            continue
        values = properties(route)
        if not same(parent, r) or (values or {}).get("enabledState") == "Disabled":
            continue
        if not isinstance(values, Mapping):
            found.append((None, Text(en=f"{route.address}: its body is not known",
                                     th=f"{route.address}: ไม่ทราบ body")))
            continue
        absent = [name for name in _ROUTE_DEFAULTS if name not in values]
        values = {**_ROUTE_DEFAULTS, **values}
        protocols = values.get("supportedProtocols")
        listed = (
            [p for p in protocols if isinstance(p, str)]
            if isinstance(protocols, list) and all(isinstance(p, str) for p in protocols)
            else None
        )
        by = route.address
        if absent:
            written = ", ".join(f"{name} {_shown(_ROUTE_DEFAULTS[name])}" for name in absent)
            by += f" (not written, the REST API default: {written}; {ROUTE_SPEC})"
        found.append(_plain(listed, _arm_switch(values.get("httpsRedirect")), by))
    return _decide(r, ctx, found, unresolved)
