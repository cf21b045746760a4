"""App Service apps written with AzAPI (``Microsoft.Web/sites``: web apps, function apps,
logic apps), read from their ``body`` and their ``Microsoft.Web/sites/config`` children into
the facets ``azurerm.web_app`` gives ``azurerm_linux_web_app`` / ``azurerm_windows_web_app``,
so that the same app gets the same verdicts (it was not judged:
Azure/terraform-azurerm-avm-res-web-site writes every app so).

Properties are those of the REST reference (learn.microsoft.com/rest/api/appservice/web-apps/
create-or-update, ``Site`` and ``SiteConfig``); one left out takes the platform's default,
recorded with the ``api-version`` the body is sent with:

- ``properties.httpsOnly``: "HttpsOnly: configures a web site to accept only https requests.
  Issues redirect for http requests"; left out, false: "By default, any user can still
  access your app by using HTTP" (learn.microsoft.com/azure/app-service/
  configure-ssl-bindings#enforce-https). An ``authsettingsV2`` config child whose
  ``httpSettings.requireHttps`` is false lets the sign-in flow run over HTTP (as azurerm's
  ``auth_settings_v2 { require_https = false }``; true by default).
- ``siteConfig.minTlsVersion``; left out, 1.2: "App Service ... TLS 1.2 is the default
  minimum TLS version" for new apps (learn.microsoft.com/azure/app-service/overview-tls).
- ``siteConfig.remoteDebuggingEnabled``; left out, false (remote debugging is turned on per
  app and "turned off automatically after 48 hours", learn.microsoft.com/visualstudio/
  debugger/remote-debugging-azure-app-service).
- Reach: ``properties.publicNetworkAccess`` ``Disabled`` closes the app; ``Enabled``, empty or
  left out leave it to the access restrictions ("Allowed Values: 'Enabled', 'Disabled' or an
  empty string"). ``siteConfig.ipSecurityRestrictions`` with
  ``ipSecurityRestrictionsDefaultAction``; that action left out follows Microsoft's unmatched
  rule: every address with no rules, none but those allowed with some
  (learn.microsoft.com/azure/app-service/overview-access-restrictions#unmatched-rule, as
  ``azurerm._app_firewall`` reads the older azurerm app types).

A deployment slot (``Microsoft.Web/sites/slots``, the same ``Site`` properties; azurerm's
``*_web_app_slot`` types are read as apps too) is read the same way, with its
``Microsoft.Web/sites/slots/config`` children.

A ``Microsoft.Web/sites/config`` child named ``web`` sets site configuration: its properties
are read over the site's ``siteConfig`` (what it leaves out keeps the site's). One only
perhaps of this site (its ``parent_id`` is one of several a value not known chooses) makes the
configuration it may set not known.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from gdcc_audit.load.terraform_model import UNKNOWN, TfResource
from gdcc_audit.models.resource import Facets
from gdcc_audit.normalize.terraform.azapi_body import arm_type, children, default, properties
from gdcc_audit.normalize.terraform.azurerm import _admits_internet
from gdcc_audit.normalize.terraform.common import tls_version
from gdcc_audit.normalize.terraform.context import Mapped, TfContext
from gdcc_audit.normalize.terraform.values import text

SITE = "Microsoft.Web/sites"
SLOT = "Microsoft.Web/sites/slots"
_REST = "https://learn.microsoft.com/rest/api/appservice/web-apps/create-or-update"
_HTTPS_DOC = "https://learn.microsoft.com/azure/app-service/configure-ssl-bindings#enforce-https"
_TLS_DOC = "https://learn.microsoft.com/azure/app-service/overview-tls"
_DEBUG_DOC = (
    "https://learn.microsoft.com/visualstudio/debugger/remote-debugging-azure-app-service"
)


def _configs(r: TfResource, ctx: TfContext, name: str) -> tuple[list[Any], bool]:
    """The ``properties`` of the config children named ``name`` of the site (UNKNOWN for
    one not known), and whether one only may be the site's."""
    # (a slot's configuration is ``Microsoft.Web/sites/slots/config``)
    certain, maybe = children(r, ctx, f"{arm_type(r) or SITE}/config")

    def named(child: TfResource) -> bool:
        written = text(child.values, "name")
        return written is not None and written.lower() == name.lower()

    found: list[Any] = []
    for child in certain:
        if named(child):
            values = properties(child)
            found.append(UNKNOWN if values is None else values)
    return found, any(named(child) or text(child.values, "name") is None for child in maybe)


def _site_config(
    r: TfResource, ctx: TfContext, values: Mapping[str, Any]
) -> Mapping[str, Any] | None:
    """The site configuration: ``siteConfig`` with the ``web`` config children's properties
    over it; None when it is not known."""
    site = values.get("siteConfig")
    if site is None:
        site = {}
    if not isinstance(site, Mapping):
        return None
    found, maybe = _configs(r, ctx, "web")
    if maybe:
        return None
    merged = dict(site)
    for config in found:
        if not isinstance(config, Mapping):
            return None
        merged.update({k: v for k, v in config.items() if v is not None})
    return merged


def _https_only(r: TfResource, ctx: TfContext, values: Mapping[str, Any]) -> bool | None:
    """``httpsOnly`` (false when left out), and no ``authsettingsV2`` child that lets the
    sign-in flow run over HTTP (module docstring)."""
    written = values.get("httpsOnly")
    if written is None:
        return bool(default(r, ctx, "encrypted_in_transit", False, "properties.httpsOnly",
                            _HTTPS_DOC))
    if not isinstance(written, bool):
        return None
    if not written:
        return False
    found, maybe = _configs(r, ctx, "authsettingsV2")
    verdict: bool | None = None if maybe else True
    for config in found:
        settings = config.get("httpSettings") if isinstance(config, Mapping) else UNKNOWN
        required = settings.get("requireHttps") if isinstance(settings, Mapping) else (
            None if settings is None else UNKNOWN
        )
        if required is False:
            return False
        if required is not None and required is not True:
            verdict = None
    return verdict


def _tls(r: TfResource, ctx: TfContext, site: Mapping[str, Any] | None) -> str | None:
    if site is None:
        return None
    written = site.get("minTlsVersion")
    if written is None:
        return str(default(r, ctx, "tls_min_version", "1.2", "properties.siteConfig."
                           "minTlsVersion", _TLS_DOC))
    return tls_version(written) if isinstance(written, str) else None


def _debugging(r: TfResource, ctx: TfContext, site: Mapping[str, Any] | None) -> bool | None:
    if site is None:
        return None
    written = site.get("remoteDebuggingEnabled")
    if written is None:
        return bool(default(r, ctx, "remote_debugging", False,
                            "properties.siteConfig.remoteDebuggingEnabled", _DEBUG_DOC))
    return written if isinstance(written, bool) else None


def _restriction(entry: Any) -> dict[str, Any]:
    """An ARM ``ipSecurityRestrictions`` entry as the azurerm ``ip_restriction`` block
    ``azurerm._admits_internet`` reads: a ``ServiceTag`` entry names its tag in
    ``ipAddress``; a subnet entry names no address (it narrows)."""
    if not isinstance(entry, Mapping):
        return {"action": UNKNOWN, "ip_address": UNKNOWN, "service_tag": UNKNOWN}
    tag = entry.get("tag")
    address = entry.get("ipAddress")
    if tag is UNKNOWN:
        return {"action": entry.get("action"), "ip_address": UNKNOWN, "service_tag": UNKNOWN}
    service = isinstance(tag, str) and tag.lower() == "servicetag"
    return {
        "action": entry.get("action"),
        "ip_address": None if service else address,
        "service_tag": address if service else None,
    }


def _firewall(r: TfResource, ctx: TfContext, site: Mapping[str, Any] | None) -> bool | None:
    """Whether the access restrictions let every address in (module docstring)."""
    if site is None:
        return None
    rules = site.get("ipSecurityRestrictions")
    if rules is None:
        rules = []
    if not isinstance(rules, list):
        return None
    action = site.get("ipSecurityRestrictionsDefaultAction")
    if action is None:
        action = "Deny" if rules else "Allow"
        if not rules:
            return True
    if not isinstance(action, str):
        return None
    if action.lower() != "deny":
        return True
    return _admits_internet([_restriction(entry) for entry in rules])


def _public(
    r: TfResource, ctx: TfContext, values: Mapping[str, Any], site: Mapping[str, Any] | None
) -> bool | None:
    access = values.get("publicNetworkAccess")
    if access is not None and not isinstance(access, str):
        return None
    if isinstance(access, str) and access.strip().lower() == "disabled":
        return False
    firewall = _firewall(r, ctx, site)
    if firewall is False or firewall is None:
        return firewall
    if access is None or not access.strip():
        # nothing closes it: publicNetworkAccess left out (or empty) and no restriction
        return bool(default(r, ctx, "public_endpoint", True, "properties.publicNetworkAccess",
                            _REST))
    return True


def web_site(r: TfResource, ctx: TfContext) -> Mapped:
    """``Microsoft.Web/sites`` (module docstring), as ``azurerm.web_app`` reads an azurerm
    app."""
    values = properties(r)
    if values is None:
        return "compute.function", Facets()
    site = _site_config(r, ctx, values)
    return "compute.function", Facets(
        encrypted_in_transit=_https_only(r, ctx, values),
        tls_min_version=_tls(r, ctx, site),
        remote_debugging=_debugging(r, ctx, site),
        public_endpoint=_public(r, ctx, values, site),
    )
