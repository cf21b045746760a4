"""Application gateways written with AzAPI (``Microsoft.Network/applicationGateways``), read
from their ``body`` into the facets ``azurerm_application_gateway`` gives
(``azurerm.app_gateway``), so that the same configuration gets the same verdicts and the
resource graph makes the same entry point of it (``graph/azure.py``: listeners, backends).

The body's sub-resources name each other by ARM id (``frontendIPConfiguration = { id =
"<gateway id>/frontendIPConfigurations/public" }``): the last segment of the id (read from the
written shape when the gateway's own id is not known) is the name the azurerm block would
carry. The ARM properties are translated into the azurerm blocks the azurerm helpers read:
``frontendIPConfigurations`` (``publicIPAddress`` / ``subnet``), ``frontendPorts``,
``httpListeners`` (``protocol``), ``requestRoutingRules``, ``backendAddressPools``
(``backendAddresses``) and ``backendHttpSettingsCollection``.

- TLS: ``sslPolicy`` (``minProtocolVersion`` of a custom policy, else the predefined
  ``policyName``), lowered by the ``sslPolicy`` of any of ``sslProfiles``; without one "the
  default TLS policy is applied based on the API version used to create the resource":
  ``AppGwSslPolicy20220101`` (TLS 1.2) from api-version 2023-02-01,
  ``AppGwSslPolicy20150501`` (TLS 1.0) before
  (learn.microsoft.com/azure/application-gateway/application-gateway-ssl-policy-overview).
- WAF: ``webApplicationFirewallConfiguration.enabled``, or the WAF policy ``firewallPolicy``
  names when it is in the scan (an AzAPI ``ApplicationGatewayWebApplicationFirewallPolicies``
  whose ``policySettings.state`` is ``Enabled``, or an
  ``azurerm_web_application_firewall_policy``, read as ``azurerm`` reads it); a policy not in
  the scan, or whose state is not written (the REST reference states no default), leaves it
  not known. Neither: no WAF. A WAF in ``Detection`` mode (``firewallMode``,
  ``policySettings.mode``) blocks nothing: no WAF (:mod:`normalize.terraform.azure_waf`); a
  mode not written is not known (no documented default).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from gdcc_audit.load.terraform_model import UNKNOWN, UNKNOWN_TEXT, TfResource
from gdcc_audit.models.resource import Facets
from gdcc_audit.normalize.terraform import azure_frontdoor, azure_waf
from gdcc_audit.normalize.terraform.azapi_body import (
    absent,
    arm_type,
    default,
    properties,
    same_type,
    version,
)
from gdcc_audit.normalize.terraform.azure_diagnostics import access_logged
from gdcc_audit.normalize.terraform.azurerm import (
    _gateway_backends,
    _gateway_listeners,
    _gateway_public,
    gateway_tls,
    profile_logged,
    with_profiles,
)
from gdcc_audit.normalize.terraform.context import Mapped, TfContext
from gdcc_audit.normalize.terraform.values import block, flag

GATEWAY = "Microsoft.Network/applicationGateways"
WAF_POLICY = "Microsoft.Network/ApplicationGatewayWebApplicationFirewallPolicies"
_AZURERM_POLICY = "azurerm_web_application_firewall_policy"
TLS_DOC = (
    "https://learn.microsoft.com/azure/application-gateway/application-gateway-ssl-policy-overview"
)
#: From this api-version a gateway without ``sslPolicy`` gets ``AppGwSslPolicy20220101``.
_TLS12_FROM = "2023-02-01"


def _name(r: TfResource, path: str, ref: Any) -> Any:
    """The sub-resource name an ARM reference ``{ id = ".../<kind>/<name>" }`` at ``path``
    gives: the id's last segment, from the written shape when the id is not known in full;
    None when there is no reference, UNKNOWN when its name is not known."""
    if ref is None:
        return None
    if not isinstance(ref, Mapping):
        return UNKNOWN
    written = ref.get("id")
    if written is None:
        return None
    if written is UNKNOWN:
        written = r.shapes.get(f"{path}.id")
    if not isinstance(written, str):
        return UNKNOWN
    last = written.rstrip("/").rsplit("/", 1)[-1]
    return UNKNOWN if not last or UNKNOWN_TEXT in last else last


def _items(value: Any) -> list[Any] | Any:
    """A list property: ``[]`` when absent, UNKNOWN when it or an item is not known."""
    if value is None:
        return []
    if not isinstance(value, list) or any(item is UNKNOWN for item in value):
        return UNKNOWN
    return value


def _blocks(
    r: TfResource, values: Mapping[str, Any], name: str, refs: Mapping[str, str],
    plain: Mapping[str, str],
) -> list[dict[str, Any]] | Any:
    """The items of the list property ``name`` as azurerm blocks: ``refs`` maps an ARM
    reference property to the azurerm ``*_name`` attribute, ``plain`` a property to the
    attribute it is copied to."""
    found = _items(values.get(name))
    if found is UNKNOWN:
        return UNKNOWN
    out: list[dict[str, Any]] = []
    for index, item in enumerate(found):
        if not isinstance(item, Mapping):
            return UNKNOWN
        inner = item.get("properties")
        inner = {} if inner is None else inner
        if not isinstance(inner, Mapping):
            return UNKNOWN
        path = f"body.properties.{name}.{index}.properties"
        converted: dict[str, Any] = {"name": item.get("name")}
        for arm, attribute in refs.items():
            converted[attribute] = _name(r, f"{path}.{arm}", inner.get(arm))
        for arm, attribute in plain.items():
            converted[attribute] = inner.get(arm)
        out.append(converted)
    return out


def _item_properties(item: Any) -> Mapping[str, Any] | Any:
    """An ARM list item's ``properties``: ``{}`` when not written, UNKNOWN when the item or its
    properties are not a mapping."""
    inner = item.get("properties") if isinstance(item, Mapping) else UNKNOWN
    return {} if inner is None else inner


def _frontends(values: Mapping[str, Any]) -> list[dict[str, Any]] | Any:
    """``frontendIPConfigurations``: public with a ``publicIPAddress``, private with a
    ``subnet`` (whose presence, not id, decides)."""
    found = _items(values.get("frontendIPConfigurations"))
    if found is UNKNOWN:
        return UNKNOWN
    out: list[dict[str, Any]] = []
    for item in found:
        inner = _item_properties(item)
        if not isinstance(inner, Mapping):
            return UNKNOWN
        public, subnet = inner.get("publicIPAddress"), inner.get("subnet")
        out.append({
            "name": item.get("name"),
            # written, even as a value not known: public (as azurerm reads
            # public_ip_address_id), never a private frontend that may be public
            "public_ip_address_id": None if public is None else "written",
            "subnet_id": None if subnet is None else "written",
        })
    return out


def _pools(values: Mapping[str, Any]) -> list[dict[str, Any]] | Any:
    """``backendAddressPools``: the ``ipAddress`` / ``fqdn`` of each ``backendAddresses``."""
    found = _items(values.get("backendAddressPools"))
    if found is UNKNOWN:
        return UNKNOWN
    out: list[dict[str, Any]] = []
    for item in found:
        inner = _item_properties(item)
        if not isinstance(inner, Mapping):
            return UNKNOWN
        addresses = _items(inner.get("backendAddresses"))
        if addresses is UNKNOWN:
            out.append({"name": item.get("name"), "ip_addresses": UNKNOWN, "fqdns": UNKNOWN})
            continue
        listed = [a for a in addresses if isinstance(a, Mapping)]
        out.append({
            "name": item.get("name"),
            "ip_addresses": [a["ipAddress"] for a in listed if a.get("ipAddress") is not None],
            "fqdns": [a["fqdn"] for a in listed if a.get("fqdn") is not None],
        })
    return out


def azurerm_values(r: TfResource, values: Mapping[str, Any]) -> dict[str, Any]:
    """The body's properties as the ``azurerm_application_gateway`` blocks the azurerm
    helpers read (module docstring)."""
    return {
        "frontend_ip_configuration": _frontends(values),
        "frontend_port": _blocks(r, values, "frontendPorts", {}, {"port": "port"}),
        "http_listener": _blocks(r, values, "httpListeners", {
            "frontendIPConfiguration": "frontend_ip_configuration_name",
            "frontendPort": "frontend_port_name",
        }, {"protocol": "protocol"}),
        "request_routing_rule": _blocks(r, values, "requestRoutingRules", {
            "backendAddressPool": "backend_address_pool_name",
            "backendHttpSettings": "backend_http_settings_name",
            "urlPathMap": "url_path_map_name",
            "redirectConfiguration": "redirect_configuration_name",
        }, {}),
        "backend_address_pool": _pools(values),
        "backend_http_settings": _blocks(
            r, values, "backendHttpSettingsCollection", {}, {"port": "port"}
        ),
    }


def _tls(r: TfResource, ctx: TfContext, values: Mapping[str, Any]) -> str | None:
    """The minimum TLS of the gateway's ``sslPolicy``, else the api-version's default."""
    if absent(values, "sslPolicy") or values.get("sslPolicy") == {}:  # {}: none chosen
        written = version(r)
        if written is None:
            return None
        found = "1.2" if written >= _TLS12_FROM else "1.0"
        lowered = with_profiles(found, _profiles(values))
        if lowered == found:
            default(r, ctx, "tls_min_version", found, "properties.sslPolicy", TLS_DOC)
        return lowered
    return with_profiles(_policy_tls(values.get("sslPolicy")), _profiles(values))


def _as_azurerm(policy: Any) -> dict[str, Any] | None:
    """An ARM ``sslPolicy`` as the azurerm ``ssl_policy`` block (``{}`` when absent)."""
    if policy is None:
        return {}
    if not isinstance(policy, Mapping):
        return None
    return {
        "min_protocol_version": policy.get("minProtocolVersion"),
        "policy_name": policy.get("policyName"),
    }


def _policy_tls(policy: Any) -> str | None:
    found = _as_azurerm(policy)
    return None if not found else gateway_tls(found)


def _profiles(values: Mapping[str, Any]) -> list[Mapping[str, Any] | None] | None:
    """The ``sslPolicy`` of each of ``sslProfiles`` (``{}`` when it has none)."""
    found = _items(values.get("sslProfiles"))
    if found is UNKNOWN:
        return None
    out: list[Mapping[str, Any] | None] = []
    for item in found:
        inner = _item_properties(item)
        out.append(_as_azurerm(inner.get("sslPolicy")) if isinstance(inner, Mapping) else None)
    return out


def _policy_on(policy: TfResource) -> bool | None:
    """Whether a WAF policy of the scan is on (module docstring)."""
    if policy.type == _AZURERM_POLICY:
        settings = block(policy.values, "policy_settings")
        if settings is None:
            return None
        if flag(settings, "enabled", True) is not True:
            return flag(settings, "enabled", True)
        return azure_waf.blocks(settings.get("mode"), "Prevention")
    found = properties(policy)
    settings = None if found is None else (found.get("policySettings") or {})
    state = settings.get("state") if isinstance(settings, Mapping) else None
    if not isinstance(state, str) or state.lower() != "enabled":
        return None if not isinstance(state, str) else False
    return azure_waf.blocks(settings.get("mode") if isinstance(settings, Mapping) else None)


def _waf(r: TfResource, ctx: TfContext, values: Mapping[str, Any]) -> bool | None:
    """Whether a WAF inspects the gateway's requests (module docstring)."""
    config = values.get("webApplicationFirewallConfiguration")
    if config is UNKNOWN or (config is not None and not isinstance(config, Mapping)):
        return None
    on = None if config is None else flag(config, "enabled")
    if on is True and config is not None:
        prevents = azure_waf.blocks(config.get("firewallMode"))
        if prevents is False:
            azure_waf.note_detection(r, ctx, f"{r.address} webApplicationFirewallConfiguration")
        return prevents
    if config is not None and on is None:
        return None
    if absent(values, "firewallPolicy"):
        return False
    candidates = [
        p for p in ctx.referenced_all(r, "body", [_AZURERM_POLICY, "azapi_resource"])
        if p.type == _AZURERM_POLICY or same_type(arm_type(p), WAF_POLICY)
    ]
    if len(candidates) != 1:
        return None
    on = _policy_on(candidates[0])
    if on is False and _state_on(candidates[0]):
        azure_waf.note_detection(r, ctx, f"the WAF policy {candidates[0].address}")
    return on


def _state_on(policy: TfResource) -> bool:
    """Whether a WAF policy of the scan is switched on (whatever its mode)."""
    if policy.type == _AZURERM_POLICY:
        return flag(block(policy.values, "policy_settings") or {}, "enabled", True) is True
    settings = (properties(policy) or {}).get("policySettings")
    state = settings.get("state") if isinstance(settings, Mapping) else None
    return isinstance(state, str) and state.lower() == "enabled"


def application_gateway(r: TfResource, ctx: TfContext) -> Mapped | None:
    """``Microsoft.Network/applicationGateways`` (module docstring)."""
    values = properties(r)
    if values is None:
        return "network.load_balancer", Facets(access_logging=access_logged(r, ctx))
    v = azurerm_values(r, values)
    listeners = v["http_listener"]
    secure = (
        None if listeners is UNKNOWN or not listeners
        else None if any(not isinstance(i.get("protocol"), str) for i in listeners)
        else all(str(i["protocol"]).lower() == "https" for i in listeners)
    )
    return "network.load_balancer", Facets(
        waf_enabled=_waf(r, ctx, values),
        encrypted_in_transit=secure,
        tls_min_version=_tls(r, ctx, values),
        public_endpoint=_gateway_public(v),
        ingress=_gateway_listeners(v),
        egress=_gateway_backends(v),
        access_logging=access_logged(r, ctx),
    )


def frontdoor_endpoint(r: TfResource, ctx: TfContext) -> Mapped | None:
    """AzAPI ``Microsoft.Cdn/profiles/afdEndpoints``: a public Front Door endpoint, read as
    ``azurerm_cdn_frontdoor_endpoint`` (``azure_frontdoor``: TLS 1.2 at least, HTTPS only by
    its AzAPI routes; the access log by its profile's diagnostic settings); its WAF by the
    AzAPI security policies of the scan (``azapi_frontdoor``)."""
    from gdcc_audit.normalize.terraform import azapi_frontdoor

    return "network.api_gateway", Facets(
        public_endpoint=True, waf_enabled=azapi_frontdoor.endpoint_waf(r, ctx),
        access_logging=profile_logged(r, ctx, "parent_id"),
        encrypted_in_transit=azure_frontdoor.arm_endpoint_https_only(r, ctx),
        tls_min_version=azure_frontdoor.tls_floor(r, ctx),
    )
