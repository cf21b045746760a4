"""Azure API Management services: ``azurerm_api_management`` and the AzAPI
``Microsoft.ApiManagement/service`` (kind ``network.api_gateway``), judged alike.

- Reach (GDCC-NET-003, the graph): the gateway is public unless ``virtual_network_type`` /
  ``virtualNetworkType`` is ``Internal`` ("the API Management gateway ... is accessible only
  from within the virtual network") or public network access is off
  (``public_network_access_enabled`` "Defaults to ``true``"; ``publicNetworkAccess`` Enabled
  by default); an API Management service has no web application firewall of its own.
- Minimum TLS of the gateway (GDCC-ENC-005): TLS 1.0, TLS 1.1 and SSL 3.0 on the client side
  are off unless turned on: azurerm's ``security`` block (``frontend_tls10_enabled`` /
  ``frontend_tls11_enabled`` / ``frontend_ssl30_enabled``, 3.x ``enable_frontend_*``, each
  "Defaults to ``false``"), the REST API's ``customProperties``
  ``Microsoft.WindowsAzure.ApiManagement.Gateway.Security.Protocols.Tls10`` / ``Tls11`` /
  ``Ssl30`` ("Default value is True if the service was created on or before April 1, 2018
  and False otherwise": a service the configuration creates is newer). An
  ``azapi_update_resource`` of the service (``resource_id``) that writes one of these keys
  decides it (Azure Verified Modules patch ``customProperties`` that way).
- Its access log (GDCC-LOG-007): a diagnostic setting sending ``GatewayLogs``, or a
  service-level Application Insights diagnostic (``azure_diagnostics``).
- Whether the gateway accepts plain HTTP is a setting of each API (``protocols``): not read
  here (left not known).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from gdcc_audit.load.terraform_model import UNKNOWN, TfResource
from gdcc_audit.models.resource import DefaultedFacet, Facets
from gdcc_audit.normalize.terraform.azapi_body import (
    arm_type,
    default,
    properties,
    same,
    same_type,
)
from gdcc_audit.normalize.terraform.azure_diagnostics import access_logged
from gdcc_audit.normalize.terraform.context import MapFn, Mapped, TfContext
from gdcc_audit.normalize.terraform.values import block, flag, text

SERVICE = "Microsoft.ApiManagement/service"
AZURERM = "azurerm_api_management"
_AZ = "https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/"
_REST = (
    "https://learn.microsoft.com/rest/api/apimanagement/api-management-service/"
    "create-or-update"
)
_KEY = "Microsoft.WindowsAzure.ApiManagement.Gateway.Security.Protocols."
#: The client-side protocols API Management can turn on, lowest first: the minimum TLS
#: version each gives, the azurerm 4.x and 3.x ``security`` attributes, the ARM key.
_PROTOCOLS = (
    ("0.3", ("frontend_ssl30_enabled", "enable_frontend_ssl30"), _KEY + "Ssl30"),
    ("1.0", ("frontend_tls10_enabled", "enable_frontend_tls10"), _KEY + "Tls10"),
    ("1.1", ("frontend_tls11_enabled", "enable_frontend_tls11"), _KEY + "Tls11"),
)


def _custom(values: Any) -> dict[str, bool | None] | None:
    """The client-side protocol keys a ``customProperties`` map writes (lower-case key ->
    on / None when not known); None when the map is not known."""
    if values is None:
        return {}
    if not isinstance(values, Mapping):
        return None
    out: dict[str, bool | None] = {}
    for key, value in values.items():
        if any(key.lower() == arm.lower() for *_, arm in _PROTOCOLS):
            out[key.lower()] = flag({"v": value}, "v")
    return out


def _updates(r: TfResource, ctx: TfContext) -> dict[str, bool | None] | None:
    """The protocol keys the ``azapi_update_resource`` patches of ``r`` write; None when one
    that may patch it is not known."""
    found: dict[str, bool | None] = {}
    for update in ctx.related(["azapi_update_resource"]):
        if not same_type(arm_type(update), SERVICE):
            continue
        target = ctx.referenced(update, "resource_id", [AZURERM, "azapi_resource"])
        if not same(target, r):
            continue
        body = properties(update)
        written = None if body is None else _custom(body.get("customProperties"))
        if written is None:
            return None
        found.update(written)
    return found


def _minimum(on: dict[str, bool | None]) -> str | None:
    """The lowest protocol on (``on`` by ARM key, lower case; absent: off)."""
    for version, _, key in _PROTOCOLS:
        value = on.get(key.lower(), False)
        if value is None:
            return None
        if value:
            return version
    return "1.2"


def _azurerm_protocols(v: Mapping[str, Any]) -> dict[str, bool | None] | None:
    """The ``security`` block's client-side protocols by ARM key (absent: off)."""
    security = block(v, "security")
    if security is None:
        return None
    out: dict[str, bool | None] = {}
    for _, names, key in _PROTOCOLS:
        written = next((n for n in names if security.get(n) is not None), names[0])
        out[key.lower()] = flag(security, written, False)
    return out


def _reach(public: bool | None, network_type: str | None) -> bool | None:
    """Public unless public network access is off or the gateway is ``Internal``."""
    if public is False or (network_type or "").lower() == "internal":
        return False
    if public is None or network_type is None:
        return None
    return True


def api_management(r: TfResource, ctx: TfContext) -> Mapped:
    """``azurerm_api_management`` (module docstring)."""
    v = r.values
    own = _azurerm_protocols(v)
    updates = _updates(r, ctx)
    tls = None if own is None or updates is None else _minimum({**own, **updates})
    security = block(v, "security")
    if tls == "1.2" and security == {} and not updates:
        ctx.note(r, "tls_min_version", "1.2", DefaultedFacet(
            attribute="security", doc=_AZ + "api_management#frontend_tls10_enabled",
        ))
    return "network.api_gateway", Facets(
        public_endpoint=_reach(
            flag(v, "public_network_access_enabled", True),
            text(v, "virtual_network_type", "None"),
        ),
        waf_enabled=False,
        tls_min_version=tls,
        access_logging=access_logged(r, ctx),
    )


def apim_service(r: TfResource, ctx: TfContext) -> Mapped | None:
    """``Microsoft.ApiManagement/service`` (module docstring)."""
    values = properties(r)
    if values is None:
        return "network.api_gateway", Facets(
            waf_enabled=False, access_logging=access_logged(r, ctx)
        )
    own = _custom(values.get("customProperties"))
    updates = _updates(r, ctx)
    tls = None if own is None or updates is None else _minimum({**own, **updates})
    if tls == "1.2" and not own and not updates:
        default(r, ctx, "tls_min_version", "1.2", "properties.customProperties", _REST)
    access = values.get("publicNetworkAccess")
    network = values.get("virtualNetworkType")
    return "network.api_gateway", Facets(
        public_endpoint=_reach(
            None if access is UNKNOWN
            else True if access is None else str(access).lower() != "disabled",
            None if network is UNKNOWN else "None" if network is None else str(network),
        ),
        waf_enabled=False,
        tls_min_version=tls,
        access_logging=access_logged(r, ctx),
    )


MAPPINGS: dict[str, MapFn] = {AZURERM: api_management}
