"""Azure data, AI and registry services written with AzAPI (``azapi_resource``), read from their
``body`` for the reach the azurerm mappings judge (:mod:`normalize.terraform.azure_exposure`):

- ``Microsoft.CognitiveServices/accounts`` (Azure AI services, Azure OpenAI): "By default,
  Azure AI services resources accept connections from clients on any network"
  (learn.microsoft.com/azure/ai-services/cognitive-services-virtual-networks): open unless
  ``publicNetworkAccess`` is ``Disabled`` or ``networkAcls.defaultAction`` is ``Deny`` with no
  ``ipRules`` value open to the internet.
- ``Microsoft.ContainerRegistry/registries``: "Azure container registries by default accept
  connections over the internet from hosts on any network" (Azure Policy "Container
  registries should not allow unrestricted network access"): ``publicNetworkAccess`` and
  ``networkRuleSet`` (``defaultAction`` "Allow" by default); ``anonymousPullEnabled`` (false
  by default) on a Standard or Premium registry lets anyone pull (GDCC-DATA-001).
- ``Microsoft.Kusto/clusters`` (Azure Data Explorer): "Public network access to the cluster
  is enabled by default" (Kusto REST API, ``publicNetworkAccess``); ``allowedIpRangeList`` is
  what its public endpoint admits (GDCC-GRAPH-004), not whether it has one (GDCC-NET-002).
  Entra ID sign-in only, encrypted at rest (as ``azurerm_kusto_cluster``).
- ``Microsoft.Search/searchServices`` (Azure AI Search, stop 39; was not judged), read as
  ``azurerm_search_service``: ``publicNetworkAccess`` "enabled" when not written ("This value
  can be set to 'enabled' to avoid breaking changes on existing customer resources and
  templates", Search REST API; "open to the internet at the network layer" by default,
  learn.microsoft.com/azure/search/service-configure-firewall), ``networkRuleSet.ipRules``
  (what it admits), ``disableLocalAuth`` (false by default) and ``authOptions``.
- ``Microsoft.Batch/batchAccounts``: "By default, Batch accounts have public endpoints"
  (learn.microsoft.com/azure/batch/public-network-access); ``networkProfile.accountAccess``
  narrows the account endpoint.
- ``Microsoft.DataFactory/factories`` and ``Microsoft.AppConfiguration/configurationStores``:
  ``publicNetworkAccess`` as written; left out, no page states the REST default for every
  api-version (an App Configuration store is then public until a private endpoint connects to
  it): not known, saying so.
- ``Microsoft.OperationalInsights/workspaces`` (a Log Analytics workspace), read as
  ``azurerm_log_analytics_workspace``: ``retentionInDays`` as written, else the default: "The
  default retention for Analytics tables in a Log Analytics workspace is 30 days"
  (learn.microsoft.com/azure/azure-monitor/logs/data-retention-configure); a workspace of the
  legacy Free tier (``sku.name`` "Free") keeps 7 days (Microsoft's workspace templates:
  "Workspaces in the legacy Free pricing tier can only have 7 days",
  learn.microsoft.com/azure/azure-monitor/logs/cost-logs#legacy-pricing-tiers); tamper-
  resistant under a management lock (``azure_locks``).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any

from gdcc_audit.load.terraform_model import UNKNOWN, TfResource
from gdcc_audit.models import cidr
from gdcc_audit.models.common import Text
from gdcc_audit.models.resource import Facets
from gdcc_audit.normalize.terraform import azure_reach, azurerm
from gdcc_audit.normalize.terraform.azapi_body import decoded, default, properties
from gdcc_audit.normalize.terraform.azure_locks import workspace_integrity
from gdcc_audit.normalize.terraform.azurerm import _private_endpoints
from gdcc_audit.normalize.terraform.context import Mapped, TfContext

COGNITIVE = "Microsoft.CognitiveServices/accounts"
REGISTRY = "Microsoft.ContainerRegistry/registries"
KUSTO = "Microsoft.Kusto/clusters"
SEARCH = "Microsoft.Search/searchServices"
BATCH = "Microsoft.Batch/batchAccounts"
DATA_FACTORY = "Microsoft.DataFactory/factories"
APP_CONFIGURATION = "Microsoft.AppConfiguration/configurationStores"
LOG_WORKSPACE = "Microsoft.OperationalInsights/workspaces"
_RETENTION_DOC = "learn.microsoft.com/azure/azure-monitor/logs/data-retention-configure"
_FREE_TIER_DOC = "learn.microsoft.com/azure/azure-monitor/logs/cost-logs#legacy-pricing-tiers"
_WORKSPACE = "analytics.workspace"

_NOT_WRITTEN = Text(
    en="publicNetworkAccess is not written and the REST API reference states no default for "
    "it: whether the service answers every network is not known",
    th="ไม่ได้กำหนด publicNetworkAccess และเอกสาร REST API ไม่ได้ระบุค่าเริ่มต้น "
    "จึงไม่ทราบว่าบริการรับการเชื่อมต่อจากทุกเครือข่ายหรือไม่",
)


def _public_access(values: Mapping[str, Any]) -> bool | None:
    """``publicNetworkAccess``: False when ``Disabled`` (or ``SecuredByPerimeter``), True
    when ``Enabled``, None when not written or not known."""
    public = values.get("publicNetworkAccess")
    if not isinstance(public, str):
        return None
    return public.lower() == "enabled"


def _ranges(items: Any, key: str | None) -> tuple[str, ...] | None:
    """The address ranges of an ARM list (objects with ``key``, or strings)."""
    if items is None:
        return ()
    if not isinstance(items, list):
        return None
    out: list[str] = []
    for item in items:
        value = item.get(key) if key is not None and isinstance(item, Mapping) else item
        if not isinstance(value, str):
            return None
        out.append(value)
    return tuple(out)


def _acl_open(acl: Any, default_action: str, rules: str) -> bool | None:
    """Whether an ARM network rule set (``defaultAction``, ``ipRules[].value``) lets every
    address in; no rule set: every address."""
    if acl is None:
        return True
    if not isinstance(acl, Mapping):
        return None
    action = acl.get("defaultAction", default_action)
    if not isinstance(action, str):
        return None
    if action.lower() != "deny":
        return True
    listed = _ranges(acl.get(rules), "value")
    if listed is None:
        return None
    return cidr.open_to_internet(listed) if listed else False


def _reach(public: bool | None, firewall: bool | None) -> bool | None:
    """Open when public network access is on (``public``; None: its default, on) and the
    firewall lets every address in."""
    if public is False or firewall is False:
        return False
    if firewall is None:
        return None
    return True


def _unwritten(values: Mapping[str, Any]) -> bool:
    return values.get("publicNetworkAccess") is None


def cognitive_account(r: TfResource, ctx: TfContext) -> Mapped:
    """``Microsoft.CognitiveServices/accounts`` (module docstring)."""
    values = properties(r)
    if values is None or values.get("publicNetworkAccess") is UNKNOWN:
        return _WORKSPACE, Facets()
    public = _public_access(values)
    if public is None and not _unwritten(values):
        return _WORKSPACE, Facets()
    return _WORKSPACE, Facets(
        public_endpoint=_reach(public, _acl_open(values.get("networkAcls"), "Allow", "ipRules"))
    )


def _anonymous_pull(r: TfResource, values: Mapping[str, Any]) -> bool | None:
    """``anonymousPullEnabled`` on a registry whose tier allows it (Standard, Premium)."""
    anonymous = values.get("anonymousPullEnabled", False)
    if not isinstance(anonymous, bool):
        return None
    if not anonymous:
        return False
    raw = decoded(r.values.get("body"))
    sku = raw.get("sku") if isinstance(raw, Mapping) else None
    name = sku.get("name") if isinstance(sku, Mapping) else None
    return not isinstance(name, str) or name.strip().lower() in ("standard", "premium")


def container_registry(r: TfResource, ctx: TfContext) -> Mapped:
    """``Microsoft.ContainerRegistry/registries`` (module docstring)."""
    values = properties(r)
    if values is None or values.get("publicNetworkAccess") is UNKNOWN:
        return "container.registry", Facets(encrypted_at_rest=True)
    public = _public_access(values)
    if public is None and not _unwritten(values):
        reach: bool | None = None
    else:
        reach = _reach(public, _acl_open(values.get("networkRuleSet"), "Allow", "ipRules"))
    return "container.registry", Facets(
        encrypted_at_rest=True,
        public_endpoint=reach,
        public_access=_anonymous_pull(r, values),
    )


def kusto_cluster(r: TfResource, ctx: TfContext) -> Mapped:
    """``Microsoft.Kusto/clusters`` (module docstring): a public endpoint while public network
    access is on, whatever ``allowedIpRangeList`` lists (``azure_reach``: it PASSed when
    ranges were listed); the list is what it admits on HTTPS."""
    values = properties(r)
    facts: dict[str, Any] = {"encrypted_at_rest": True, "public_access": False,
                             "public_grants": (), "directory_auth": True}
    if values is None or values.get("publicNetworkAccess") is UNKNOWN:
        return "database.instance", Facets(**facts)
    public = _public_access(values)
    if public is None and _unwritten(values):
        public = True  # "Public network access to the cluster is enabled by default"
    listed = _ranges(values.get("allowedIpRangeList"), None)
    azure_reach.name_firewall(r, ctx, public, azure_reach.listed(listed or ()))
    ingress = azure_reach.https_ingress(
        r, public, listed, _private_endpoints(r, ctx), "allowedIpRangeList"
    )
    return "database.instance", Facets(**facts, public_endpoint=public, ingress=ingress)


def search_service(r: TfResource, ctx: TfContext) -> Mapped:
    """``Microsoft.Search/searchServices`` (module docstring), read by ``azurerm.search_service``
    from its body translated into that type's attributes."""
    values = properties(r)
    if values is None:
        return "database.instance", Facets(encrypted_at_rest=True, encrypted_in_transit=True)
    access = values.get("publicNetworkAccess")
    public: Any = (
        True if access is None
        else access.strip().lower() == "enabled" if isinstance(access, str) else UNKNOWN
    )
    rules = values.get("networkRuleSet")
    listed = (
        _ranges(rules.get("ipRules"), "value") if isinstance(rules, Mapping)
        else () if rules is None else None
    )
    disabled = values.get("disableLocalAuth", False)
    options = values.get("authOptions")
    both = isinstance(options, Mapping) and options.get("aadOrApiKey") is not None
    translated = dataclasses.replace(r, type="azurerm_search_service", values={
        "public_network_access_enabled": public,
        "allowed_ips": UNKNOWN if listed is None else list(listed),
        "local_authentication_enabled": (
            not disabled if isinstance(disabled, bool) else UNKNOWN
        ),
        "authentication_failure_mode": (
            UNKNOWN if options is UNKNOWN else "written" if both else None
        ),
    })
    return azurerm.search_service(translated, ctx)


def batch_account(r: TfResource, ctx: TfContext) -> Mapped:
    """``Microsoft.Batch/batchAccounts`` (module docstring)."""
    values = properties(r)
    if values is None or values.get("publicNetworkAccess") is UNKNOWN:
        return _WORKSPACE, Facets()
    public = _public_access(values)
    if public is None and not _unwritten(values):
        return _WORKSPACE, Facets()
    profile = values.get("networkProfile")
    if profile is None:
        firewall: bool | None = True
    elif not isinstance(profile, Mapping):
        firewall = None
    else:
        access = profile.get("accountAccess")
        firewall = True if access is None else _acl_open(access, "Deny", "ipRules")
    return _WORKSPACE, Facets(public_endpoint=_reach(public, firewall))


def written_access(r: TfResource, ctx: TfContext) -> Mapped:
    """``Microsoft.DataFactory/factories``, ``Microsoft.AppConfiguration/
    configurationStores`` (module docstring): ``publicNetworkAccess`` as written."""
    values = properties(r)
    public = None if values is None else _public_access(values)
    if values is not None and public is None and _unwritten(values):
        ctx.note(r, "public_endpoint", None, unknown=_NOT_WRITTEN)
    return _WORKSPACE, Facets(public_endpoint=public)


def _retention(r: TfResource, ctx: TfContext, values: Mapping[str, Any] | None) -> int | None:
    """A workspace's ``retentionInDays``: as written, else its tier's default (module
    docstring); None when not known."""
    if values is None:
        return None
    days = values.get("retentionInDays")
    if days is not None:
        return days if isinstance(days, int) and not isinstance(days, bool) else None
    sku = values.get("sku")
    name = sku.get("name") if isinstance(sku, Mapping) else (None if sku is None else UNKNOWN)
    if name is not None and not isinstance(name, str):
        return None  # the tier is not known: 7 or 30 days
    free = isinstance(name, str) and name.lower() == "free"
    days = 7 if free else 30
    default(r, ctx, "log_retention_days", days, "retentionInDays",
            _FREE_TIER_DOC if free else _RETENTION_DOC)
    return days


def log_workspace(r: TfResource, ctx: TfContext) -> Mapped:
    """``Microsoft.OperationalInsights/workspaces`` (module docstring), as
    ``azurerm_log_analytics_workspace``."""
    return "logging.log_group", Facets(
        log_retention_days=_retention(r, ctx, properties(r)),
        log_integrity=workspace_integrity(r, ctx),
    )


READERS = {
    COGNITIVE: cognitive_account,
    REGISTRY: container_registry,
    KUSTO: kusto_cluster,
    SEARCH: search_service,
    BATCH: batch_account,
    DATA_FACTORY: written_access,
    APP_CONFIGURATION: written_access,
    LOG_WORKSPACE: log_workspace,
}
