"""AzAPI child resources read with their parent, as the azurerm resources they equal are.

A child (``type = "<parent type>/<child type>@…"``) names its parent by ``parent_id``: a
reference to an azurerm resource or to an AzAPI one (its id, or an id built from it:
``"${azapi_resource.account.id}/blobServices/default"``). :data:`CHILDREN` lists the child
types a parent's verdicts read, with the parents that read them:

- ``Microsoft.Network/networkSecurityGroups/securityRules``: a rule of an
  ``azurerm_network_security_group`` or an AzAPI NSG, read as an
  ``azurerm_network_security_rule`` (:func:`nsg_rule`): its NSG evaluates it with its own
  rules (a rule that opens the NSG FAILs it); without its NSG in the root it is judged alone.
- ``Microsoft.Sql/servers/firewallRules`` and the PostgreSQL / MySQL / MariaDB / Redis
  ``firewallRules``: a server-level IP firewall rule (``startIpAddress`` /
  ``endIpAddress``; Redis ``startIP`` / ``endIP``) of an azurerm server or cache, read as the
  azurerm firewall rule resources are (:func:`firewall_rules`).
- The children the AzAPI readers read from their parent: AKS ``agentPools``, storage
  ``blobServices`` and ``containers``, Event Hubs and Service Bus ``networkRuleSets``,
  flexible server ``firewallRules`` / ``configurations`` / ``administrators``, a DNS zone's
  ``dnssecConfigs`` (:mod:`normalize.terraform.azure_dns`), an AzAPI SQL server's
  ``firewallRules``, ``auditingSettings``, ``extendedAuditingSettings`` and
  ``administrators`` (:mod:`normalize.terraform.azapi_sql`), a Front Door endpoint's
  ``routes`` (:mod:`normalize.terraform.azure_frontdoor`), an App Service app's ``config``
  named ``web`` or ``authsettingsV2`` (:mod:`normalize.terraform.azapi_web`).

Such a child is not reported as not judged (:func:`read_by_parent`): its parent's verdicts
hold it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any

from gdcc_audit.load.terraform_model import UNKNOWN, TfResource
from gdcc_audit.normalize.terraform.azapi_body import arm_type, properties
from gdcc_audit.normalize.terraform.context import TfContext

NSG = "Microsoft.Network/networkSecurityGroups"
NSG_RULE = "Microsoft.Network/networkSecurityGroups/securityRules"
_PG = "microsoft.dbforpostgresql/flexibleservers"
_MYSQL = "microsoft.dbformysql/flexibleservers"

#: Child ARM type (lower case) -> the parents whose verdicts read it (azurerm types, lower-case
#: ARM types).
CHILDREN: dict[str, tuple[str, ...]] = {
    NSG_RULE.lower(): ("azurerm_network_security_group", NSG.lower()),
    "microsoft.sql/servers/firewallrules": (
        "azurerm_mssql_server", "azurerm_sql_server", "microsoft.sql/servers",
    ),
    "microsoft.sql/servers/auditingsettings": ("microsoft.sql/servers",),
    "microsoft.sql/servers/extendedauditingsettings": ("microsoft.sql/servers",),
    "microsoft.sql/servers/administrators": ("microsoft.sql/servers",),
    "microsoft.sql/servers/azureadonlyauthentications": ("microsoft.sql/servers",),
    "microsoft.dbforpostgresql/servers/firewallrules": ("azurerm_postgresql_server",),
    "microsoft.dbformysql/servers/firewallrules": ("azurerm_mysql_server",),
    "microsoft.dbformariadb/servers/firewallrules": ("azurerm_mariadb_server",),
    "microsoft.cache/redis/firewallrules": ("azurerm_redis_cache", "microsoft.cache/redis"),
    "microsoft.synapse/workspaces/firewallrules": (
        "azurerm_synapse_workspace", "microsoft.synapse/workspaces",
    ),
    f"{_PG}/firewallrules": ("azurerm_postgresql_flexible_server", _PG),
    f"{_MYSQL}/firewallrules": ("azurerm_mysql_flexible_server", _MYSQL),
    f"{_PG}/configurations": (_PG,),
    f"{_MYSQL}/configurations": (_MYSQL,),
    f"{_PG}/administrators": (_PG,),
    f"{_MYSQL}/administrators": (_MYSQL,),
    "microsoft.containerservice/managedclusters/agentpools": (
        "microsoft.containerservice/managedclusters",
    ),
    "microsoft.storage/storageaccounts/blobservices": ("microsoft.storage/storageaccounts",),
    "microsoft.storage/storageaccounts/blobservices/containers": (
        "microsoft.storage/storageaccounts",
    ),
    "microsoft.eventhub/namespaces/networkrulesets": ("microsoft.eventhub/namespaces",),
    "microsoft.servicebus/namespaces/networkrulesets": ("microsoft.servicebus/namespaces",),
    "microsoft.network/dnszones/dnssecconfigs": ("azurerm_dns_zone", "microsoft.network/dnszones"),
    "microsoft.cdn/profiles/afdendpoints/routes": ("microsoft.cdn/profiles/afdendpoints",),
    # (the site configuration ``web`` and sign-in settings ``authsettingsV2`` only:
    # ``azapi_web``; app settings, connection strings, logs... are no verdict's)
    "microsoft.web/sites/config": ("microsoft.web/sites",),
    # (``climb`` goes from a slot's config up to the site: either is its reader)
    "microsoft.web/sites/slots/config": ("microsoft.web/sites/slots", "microsoft.web/sites"),
}
#: Child types read only under some names (lower case).
_NAMED = dict.fromkeys(
    ("microsoft.web/sites/config", "microsoft.web/sites/slots/config"),
    frozenset({"web", "authsettingsv2"}),
)
#: Firewall rule child types -> the properties holding the first and last address.
_FIREWALLS = {
    kind: ("startIP", "endIP") if kind.startswith("microsoft.cache/") else
    ("startIpAddress", "endIpAddress")
    for kind in CHILDREN if kind.endswith("/firewallrules")
}
#: ARM security rule properties -> the azurerm attributes ``azure_nsg.read_rule`` reads.
_RULE_NAMES = {
    "priority": "priority",
    "direction": "direction",
    "access": "access",
    "protocol": "protocol",
    "sourceAddressPrefix": "source_address_prefix",
    "sourceAddressPrefixes": "source_address_prefixes",
    "destinationPortRange": "destination_port_range",
    "destinationPortRanges": "destination_port_ranges",
    "destinationAddressPrefix": "destination_address_prefix",
    "destinationAddressPrefixes": "destination_address_prefixes",
}


def _kind(r: TfResource) -> str:
    return (arm_type(r) or "").lower()


def parent_of(r: TfResource, ctx: TfContext) -> TfResource | None:
    """The managed parent of the root that reads the AzAPI child ``r``; None when ``r`` is no
    such child or its parent is not one of the root."""
    parents = CHILDREN.get(_kind(r))
    if r.type != "azapi_resource" or parents is None:
        return None
    names = _NAMED.get(_kind(r))
    written = r.values.get("name")
    if names is not None and not (isinstance(written, str) and written.lower() in names):
        return None
    azurerm = tuple(p for p in parents if p.startswith("azurerm_"))
    found = climb(r, ctx, (*azurerm, "azapi_resource"))
    if found is None or found.mode != "managed":
        return None
    kind = _kind(found) if found.type == "azapi_resource" else found.type
    return found if kind in parents else None


def climb(r: TfResource, ctx: TfContext, types: tuple[str, ...]) -> TfResource | None:
    """The resource ``r``'s ``parent_id`` names, through the AzAPI resources between them (a
    container whose parent is the account's ``blobServices``, managed or looked up by a data
    source, is the account's)."""
    child = _kind(r)
    found = ctx.referenced(r, "parent_id", types)
    seen = {r.address}
    while (
        found is not None and found.type == "azapi_resource" and found.address not in seen
        and (between := _kind(found)) and child.startswith(between + "/")
        and between.count("/") > 1
    ):
        seen.add(found.address)
        above = ctx.referenced(found, "parent_id", types)
        if above is None or not between.startswith(_kind(above) + "/"):
            break
        found = above
    return found


def read_by_parent(r: TfResource, ctx: TfContext) -> bool:
    """Whether the AzAPI child ``r`` is read by a parent of the root (not judged apart)."""
    return parent_of(r, ctx) is not None


def _translated(values: Any) -> dict[str, Any]:
    """An ARM security rule's ``properties`` as the attributes of an
    ``azurerm_network_security_rule``; every one not known when the properties are not."""
    if not isinstance(values, Mapping):
        return dict.fromkeys(_RULE_NAMES.values(), UNKNOWN)
    # an empty single value is not set (ARM reads the list form then)
    return {
        name: None if values.get(key) == "" else values.get(key)
        for key, name in _RULE_NAMES.items()
    }


def inline_rules(r: TfResource) -> list[dict[str, Any]] | None:
    """An AzAPI NSG's ``properties.securityRules`` as azurerm ``security_rule`` blocks; None
    when not known."""
    values = properties(r)
    rules = None if values is None else values.get("securityRules", [])
    if not isinstance(rules, list):
        return None
    out = []
    for item in rules:
        out.append(_translated(item.get("properties") if isinstance(item, Mapping) else None))
    return out


def nsg_rule(r: TfResource) -> TfResource:
    """An AzAPI ``securityRules`` child read as an ``azurerm_network_security_rule``."""
    return dataclasses.replace(
        r, type="azurerm_network_security_rule", values=_translated(properties(r))
    )


def nsg_rules(ctx: TfContext) -> dict[str, list[TfResource]]:
    """NSG address -> the AzAPI security rules of the root that belong to it (as azurerm
    rules); built once per document."""
    memo: dict[str, list[TfResource]] | None = ctx.memo.get(NSG_RULE)
    if memo is None:
        memo = {}
        for child in ctx.related(["azapi_resource"]):
            if child.mode == "managed" and _kind(child) == NSG_RULE.lower():
                parent = parent_of(child, ctx)
                if parent is not None:
                    memo.setdefault(parent.address, []).append(nsg_rule(child))
        ctx.memo[NSG_RULE] = memo
    return memo


def firewall_rules(ctx: TfContext) -> list[tuple[str, str, Any, Any]]:
    """The AzAPI server-level firewall rules of the root: (server address, rule address,
    first address, last address)."""
    found = []
    for child in ctx.related(["azapi_resource"]):
        names = _FIREWALLS.get(_kind(child))
        parent = None if names is None or child.mode != "managed" else parent_of(child, ctx)
        if parent is None or names is None:
            continue
        values = properties(child)
        first, last = (UNKNOWN, UNKNOWN) if values is None else (
            values.get(names[0]), values.get(names[1])
        )
        found.append((parent.address, child.address, first, last))
    return found
