"""Azure Container Apps: ``azurerm_container_app`` and the AzAPI ``Microsoft.App/containerApps``
(kind ``compute.function``, as App Service apps are), judged alike.

- Reach (GDCC-NET-004): an app answers requests only with ``ingress``; its ``external`` ingress
  (``external_enabled``) "Accepts traffic from both the public internet and your container
  app's internal environment", ``false`` by default (learn.microsoft.com/azure/container-apps/
  ingress-how-to). An environment with an internal load balancer
  (``internal_load_balancer_enabled``, ``vnetConfiguration.internal``, off by default) has no
  public address; an environment not in the scan leaves an external app's reach not known. IP
  restrictions "Allow" only the ranges listed (every other address is denied) and "Deny"
  rules leave every other address in (learn.microsoft.com/azure/container-apps/
  ip-restrictions).
- HTTPS (GDCC-CMP-008): HTTP requests are redirected to HTTPS unless ``allowInsecure`` /
  ``allow_insecure_connections`` ("false (default)"); an app without ingress serves nothing.
- Minimum TLS (GDCC-CMP-009): "HTTPS endpoints always use TLS 1.2, terminated at the ingress
  point" (learn.microsoft.com/azure/container-apps/ingress).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from gdcc_audit.load.terraform_model import UNKNOWN, TfResource
from gdcc_audit.models.cidr import open_to_internet
from gdcc_audit.models.common import Text
from gdcc_audit.models.resource import DefaultedFacet, Facets
from gdcc_audit.normalize.terraform.azapi_body import arm_type, properties, same_type
from gdcc_audit.normalize.terraform.context import MapFn, Mapped, TfContext
from gdcc_audit.normalize.terraform.values import block, blocks, flag

APP = "Microsoft.App/containerApps"
ENVIRONMENT = "Microsoft.App/managedEnvironments"
_AZURERM_ENV = "azurerm_container_app_environment"
_INGRESS = "https://learn.microsoft.com/azure/container-apps/ingress-how-to"
_INTERNET = {"*", "internet", "any", "0.0.0.0/0", "0.0.0.0", "::/0"}
TLS_12 = Text(
    en="Azure Container Apps HTTPS endpoints always use TLS 1.2, terminated at the ingress "
    "point (learn.microsoft.com/azure/container-apps/ingress)",
    th="endpoint HTTPS ของ Azure Container Apps ใช้ TLS 1.2 เสมอ โดยสิ้นสุดที่จุด ingress "
    "(learn.microsoft.com/azure/container-apps/ingress)",
)


def _restricted(entries: Any, action_key: str, range_key: str) -> bool | None:
    """Whether IP restrictions keep the internet out: only ``Allow`` rules, none of them for
    the whole internet or a wide public range (``models.cidr.open_to_internet``: ``0.0.0.0/1``
    with ``128.0.0.0/1`` is everyone too); ``Deny`` rules leave every other address in."""
    if entries is None or entries == []:
        return False
    if not isinstance(entries, list) or any(not isinstance(e, Mapping) for e in entries):
        return None
    actions = [e.get(action_key) for e in entries]
    if any(not isinstance(a, str) for a in actions):
        return None
    if any(str(a).lower() != "allow" for a in actions):
        return False
    ranges = [e.get(range_key) for e in entries]
    if any(not isinstance(r, str) for r in ranges):
        return None
    listed = [str(r).strip() for r in ranges]
    # every address, a wide public range, or ranges that together cover the internet
    return not (any(r.lower() in _INTERNET for r in listed) or open_to_internet(listed))


def _reach(
    external: bool | None, restricted: bool | None, internal: bool | None
) -> bool | None:
    """Public: external ingress, an environment with a public address, no narrowing rules."""
    if external is False or restricted is True or internal is True:
        return False
    if external is None or restricted is None or internal is None:
        return None
    return True


def _environment_internal(found: TfResource | None) -> bool | None:
    """Whether an environment of the scan has an internal load balancer only."""
    if found is None:
        return None
    if found.type == _AZURERM_ENV:
        return flag(found.values, "internal_load_balancer_enabled", False)
    values = properties(found)
    if values is None:
        return None
    network = values.get("vnetConfiguration")
    if network is None:
        return False
    if not isinstance(network, Mapping):
        return None
    return flag(network, "internal", False)


def _facets(
    r: TfResource, ctx: TfContext, ingress: Mapping[str, Any] | None, *,
    external: bool | None, insecure: bool | None, restricted: bool | None,
    internal: bool | None, attribute: str,
) -> Facets:
    ctx.note(r, "tls_min_version", "1.2", because=TLS_12)
    if ingress is not None and not ingress:  # no ingress: it serves nothing
        return Facets(public_endpoint=False, encrypted_in_transit=True, tls_min_version="1.2")
    if ingress is not None and external is False and attribute:
        ctx.note(r, "public_endpoint", False, DefaultedFacet(attribute=attribute, doc=_INGRESS))
    return Facets(
        public_endpoint=None if ingress is None else _reach(external, restricted, internal),
        encrypted_in_transit=None if insecure is None else not insecure,
        tls_min_version="1.2",
    )


def container_app(r: TfResource, ctx: TfContext) -> Mapped:
    """``azurerm_container_app`` (module docstring)."""
    ingress = block(r.values, "ingress")
    external = None if ingress is None else flag(ingress, "external_enabled", False)
    entries = None if ingress is None else blocks(ingress, "ip_security_restriction")
    environment = ctx.referenced(r, "container_app_environment_id", [_AZURERM_ENV])
    return "compute.function", _facets(
        r, ctx, ingress,
        external=external,
        insecure=None if ingress is None else flag(ingress, "allow_insecure_connections", False),
        restricted=None if entries is None else _restricted(entries, "action", "ip_address_range"),
        internal=_environment_internal(environment),
        attribute="ingress.0.external_enabled"
        if ingress is not None and ingress.get("external_enabled") is None else "",
    )


def app(r: TfResource, ctx: TfContext) -> Mapped | None:
    """``Microsoft.App/containerApps`` (module docstring)."""
    values = properties(r)
    config = None if values is None else values.get("configuration")
    if values is None or config is UNKNOWN or (
        config is not None and not isinstance(config, Mapping)
    ):
        return "compute.function", Facets()
    raw = (config or {}).get("ingress")
    ingress = {} if raw is None else raw if isinstance(raw, Mapping) else None
    environments = [
        e for e in ctx.referenced_all(r, "body", [_AZURERM_ENV, "azapi_resource"])
        if e.type == _AZURERM_ENV or same_type(arm_type(e), ENVIRONMENT)
    ]
    return "compute.function", _facets(
        r, ctx, ingress,
        external=None if ingress is None else flag(ingress, "external", False),
        insecure=None if ingress is None else flag(ingress, "allowInsecure", False),
        restricted=None if ingress is None else _restricted(
            ingress.get("ipSecurityRestrictions"), "action", "ipAddressRange"
        ),
        internal=_environment_internal(environments[0]) if len(environments) == 1 else None,
        attribute="properties.configuration.ingress.external"
        if ingress is not None and ingress.get("external") is None else "",
    )


def container_app_job(r: TfResource, ctx: TfContext) -> Mapped:
    """``azurerm_container_app_job`` (was not judged): a job's executions "start manually, on a
    schedule, or in response to events" and exit; jobs have no ingress (the resource takes no
    ``ingress`` block; learn.microsoft.com/azure/container-apps/jobs), so, as an app without
    ingress, it serves no request: no public endpoint, nothing served over HTTP. Its secrets
    and identity are judged as an app's."""
    return "compute.function", Facets(
        public_endpoint=False, encrypted_in_transit=True, tls_min_version="1.2"
    )


MAPPINGS: dict[str, MapFn] = {
    "azurerm_container_app": container_app,
    "azurerm_container_app_job": container_app_job,
}
