"""Service Bus and Event Hubs namespaces written with AzAPI (``Microsoft.ServiceBus/namespaces``,
``Microsoft.EventHub/namespaces``), and Azure Cache for Redis (``Microsoft.Cache/redis``): the
body is translated into the attributes ``azurerm_servicebus_namespace`` /
``azurerm_eventhub_namespace`` / ``azurerm_redis_cache`` have and read by their azurerm
mappings, so that the same configuration gets the same verdicts. Only attributes whose ARM
default is azurerm's are left to azurerm's default; the others are written out:

- ``publicNetworkAccess``: ``Enabled`` by default (not ``Disabled`` / ``SecuredByPerimeter``:
  public).
- ``minimumTlsVersion`` of a namespace: as written; not written, TLS 1.2, the lowest the
  services accept ("Azure Service Bus namespaces permit clients to send and receive data by
  using TLS 1.2 and later versions", TLS 1.0 / 1.1 no longer supported;
  learn.microsoft.com/azure/service-bus-messaging/
  transport-layer-security-configure-minimum-version; the same for Event Hubs). A cache's
  ``minimumTlsVersion`` not written is 1.2: new caches have defaulted to TLS 1.2 since 2020,
  cannot be created below it since March 2024, and TLS 1.0 / 1.1 are retired
  (learn.microsoft.com/azure/azure-cache-for-redis/cache-remove-tls-10-11).
- ``disableLocalAuth`` (false by default): keys / SAS on; ``encryption.keySource``
  ``Microsoft.KeyVault``: a customer-managed key.
- A Service Bus namespace's firewall is its AzAPI ``namespaces/networkRuleSets`` child
  (``defaultAction``, ``ipRules``, ``virtualNetworkRules``, ``publicNetworkAccess``: its
  ``Disabled`` closes the namespace; the ranges are named in a GDCC-NET-002 FAIL).
- An Event Hubs namespace's firewall is its AzAPI ``namespaces/networkRuleSets`` child
  (``defaultAction``, ``ipRules``, ``virtualNetworkRules``, ``publicNetworkAccess``; read with
  the namespace's ``sku.name``: no rule set narrows a Basic namespace); none: every network.
- A cache's ``enableNonSslPort`` (false by default), ``redisConfiguration`` ``aad-enabled``,
  ``rdb-backup-enabled``, ``aof-backup-enabled`` (off by default).
- A Cosmos DB account (``Microsoft.DocumentDB/databaseAccounts``, read as
  ``azurerm_cosmosdb_account``): ``ipRules``, ``isVirtualNetworkFilterEnabled`` (false by
  default) and ``virtualNetworkRules``, ``keyVaultKeyUri``, ``disableLocalAuth``,
  ``backupPolicy`` (none: periodic, 8 hours, as azurerm's), ``kind`` and ``capabilities``
  (the ports); ``minimalTlsVersion`` not written is ``Tls12``: "The default value for new
  accounts is Tls12", and "Starting August 31, 2025, all Cosmos DB database accounts must
  use ... TLS 1.2 or higher, as support for TLS 1.0 and 1.1 is retired"
  (learn.microsoft.com/azure/cosmos-db/self-serve-minimum-tls-enforcement; the REST
  reference's older "Tls" default predates both).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any

from gdcc_audit.load.terraform_model import UNKNOWN, TfResource
from gdcc_audit.models.common import Text
from gdcc_audit.models.resource import Facets
from gdcc_audit.normalize.terraform import azure_exposure, azurerm, extras
from gdcc_audit.normalize.terraform.azapi_body import (
    arm_type,
    children,
    decoded,
    default,
    properties,
    same_type,
)
from gdcc_audit.normalize.terraform.context import Mapped, TfContext

SERVICE_BUS = "Microsoft.ServiceBus/namespaces"
EVENT_HUBS = "Microsoft.EventHub/namespaces"
REDIS = "Microsoft.Cache/redis"
COSMOS = "Microsoft.DocumentDB/databaseAccounts"
_RULESETS = "Microsoft.EventHub/namespaces/networkRuleSets"
_BUS_RULESETS = "Microsoft.ServiceBus/namespaces/networkRuleSets"
TLS_FLOOR = Text(
    en="Service Bus and Event Hubs accept TLS 1.2 and later only (TLS 1.0 and 1.1 are no "
    "longer supported; learn.microsoft.com/azure/service-bus-messaging/"
    "transport-layer-security-configure-minimum-version) and minimumTlsVersion is not written",
    th="Service Bus และ Event Hubs รับเฉพาะ TLS 1.2 ขึ้นไป (ไม่รองรับ TLS 1.0 และ 1.1 แล้ว) "
    "และไม่ได้กำหนด minimumTlsVersion",
)


#: The pages stating the minimum TLS of a cache or an account that does not write one.
REDIS_TLS = "https://learn.microsoft.com/azure/azure-cache-for-redis/cache-remove-tls-10-11"
COSMOS_TLS = "https://learn.microsoft.com/azure/cosmos-db/self-serve-minimum-tls-enforcement"


def _written_or_default(
    r: TfResource, ctx: TfContext, values: Mapping[str, Any], name: str, written: str,
    version: str, doc: str,
) -> Any:
    """``properties.<name>`` as written, else ``written`` recorded as the service default
    (the facet ``tls_min_version`` ``version``) that ``doc`` states."""
    if name in values and values[name] is not None:
        return values[name]
    default(r, ctx, "tls_min_version", version, f"properties.{name}", doc)
    return written


def _public(values: Mapping[str, Any]) -> Any:
    access = values.get("publicNetworkAccess")
    if access is None:
        return True
    return access.lower() == "enabled" if isinstance(access, str) else UNKNOWN


def _negated(value: Any, default: bool) -> Any:
    if value is None:
        return not default
    return (not value) if isinstance(value, bool) else UNKNOWN


def _key_vault(values: Mapping[str, Any]) -> Any:
    encryption = values.get("encryption")
    if encryption is None:
        return None
    if not isinstance(encryption, Mapping):
        return UNKNOWN
    source = encryption.get("keySource")
    if source is None:
        return None
    if not isinstance(source, str):
        return UNKNOWN
    return [{"key_vault_key_id": "written"}] if source.lower() == "microsoft.keyvault" else None


def _as(r: TfResource, kind: str, values: dict[str, Any]) -> TfResource:
    """``r`` read as the azurerm ``kind`` with ``values``."""
    return dataclasses.replace(r, type=kind, values=values)


def _tls(r: TfResource, ctx: TfContext, values: Mapping[str, Any]) -> Any:
    written = values.get("minimumTlsVersion")
    if written is None:
        ctx.note(r, "tls_min_version", "1.2", because=TLS_FLOOR)
        return "1.2"
    return written


def _one_rule_set(r: TfResource, ctx: TfContext, kind: str) -> Any:
    """The ``properties`` of the namespace's one AzAPI rule-set child of ARM type ``kind``:
    None when it has none, UNKNOWN when it has several, one that may be another's, or one
    whose properties are not known."""
    found, maybe = children(r, ctx, kind)
    if not found and not maybe:
        return None
    if len(found) + len(maybe) > 1 or maybe:  # several, or one that may be another's
        return UNKNOWN
    body = properties(found[0])
    return UNKNOWN if body is None else body


def _rulesets(r: TfResource, ctx: TfContext) -> Any:
    """The ``network_rulesets`` block an Event Hubs namespace's AzAPI rule set gives."""
    body = _one_rule_set(r, ctx, _RULESETS)
    if body is None or body is UNKNOWN:
        return body
    rules = body.get("ipRules")
    subnets = body.get("virtualNetworkRules")
    return [{
        "default_action": body.get("defaultAction"),
        "public_network_access_enabled": _public(body),
        "ip_rule": UNKNOWN if rules is UNKNOWN else [
            {"ip_mask": item.get("ipMask")} for item in rules or []
            if isinstance(item, Mapping)
        ],
        "virtual_network_rule": UNKNOWN if subnets is UNKNOWN else [
            {"subnet_id": item.get("subnet")} for item in subnets or []
            if isinstance(item, Mapping)
        ],
    }]


def _bus_rule_set(r: TfResource, ctx: TfContext) -> Any:
    """The ``network_rule_set`` block a Service Bus namespace's AzAPI ``networkRuleSets``
    child gives (``defaultAction``, ``ipRules[].ipMask``, ``virtualNetworkRules``,
    ``publicNetworkAccess``); ``[]`` when it has none (was not read: stop 38)."""
    body = _one_rule_set(r, ctx, _BUS_RULESETS)
    if body is None:
        return []
    if body is UNKNOWN:
        return UNKNOWN
    rules = body.get("ipRules")
    subnets = body.get("virtualNetworkRules")
    return [{
        "default_action": body.get("defaultAction"),
        "public_network_access_enabled": _public(body),
        "ip_rules": UNKNOWN if not isinstance(rules, list | type(None)) else [
            item.get("ipMask", UNKNOWN) if isinstance(item, Mapping) else UNKNOWN
            for item in rules or []
        ],
        "network_rules": UNKNOWN if not isinstance(subnets, list | type(None)) else [
            {"subnet_id": item.get("subnet")} for item in subnets or []
            if isinstance(item, Mapping)
        ],
    }]


def _sku(r: TfResource) -> Any:
    """``body.sku.name`` (the tier, as azurerm's ``sku``)."""
    body = decoded(r.values.get("body"))
    sku = body.get("sku") if isinstance(body, Mapping) else None
    return sku.get("name") if isinstance(sku, Mapping) else None


def namespace(r: TfResource, ctx: TfContext) -> Mapped | None:
    """``Microsoft.ServiceBus/namespaces`` / ``Microsoft.EventHub/namespaces``."""
    values = properties(r)
    bus = same_type(arm_type(r), SERVICE_BUS)
    if values is None:
        return ("messaging.queue" if bus else "messaging.stream"), Facets(encrypted_at_rest=True)
    common = {
        "public_network_access_enabled": _public(values),
        "minimum_tls_version": _tls(r, ctx, values),
        "customer_managed_key": _key_vault(values),
    }
    local = _negated(values.get("disableLocalAuth"), False)
    if bus:
        common["local_auth_enabled"] = local
        common["network_rule_set"] = _bus_rule_set(r, ctx)
        return azure_exposure.servicebus_namespace(
            _as(r, "azurerm_servicebus_namespace", common), ctx
        )
    common["local_authentication_enabled"] = local
    common["network_rulesets"] = _rulesets(r, ctx)
    common["sku"] = _sku(r)
    return azurerm.eventhub_namespace(_as(r, "azurerm_eventhub_namespace", common), ctx)


def _backup(policy: Any) -> Any:
    """``backupPolicy`` as azurerm's ``backup`` block (``[]``: none)."""
    if policy is None:
        return []
    if not isinstance(policy, Mapping):
        return UNKNOWN
    periodic = policy.get("periodicModeProperties")
    continuous = policy.get("continuousModeProperties")
    return [{
        "type": policy.get("type"),
        "retention_in_hours": periodic.get("backupRetentionIntervalInHours")
        if isinstance(periodic, Mapping) else periodic,
        "tier": continuous.get("tier") if isinstance(continuous, Mapping) else continuous,
    }]


def account(r: TfResource, ctx: TfContext) -> Mapped | None:
    """``Microsoft.DocumentDB/databaseAccounts``."""
    values = properties(r)
    if values is None:
        return "database.instance", Facets(encrypted_at_rest=True, encrypted_in_transit=True)
    rules = values.get("ipRules")
    networks = values.get("virtualNetworkRules")
    body = decoded(r.values.get("body"))
    translated = _as(r, "azurerm_cosmosdb_account", {
        "kind": body.get("kind") if isinstance(body, Mapping) else None,
        "capabilities": values.get("capabilities"),
        "public_network_access_enabled": _public(values),
        "ip_range_filter": UNKNOWN if not isinstance(rules, list | type(None)) else [
            item.get("ipAddressOrRange", UNKNOWN) if isinstance(item, Mapping) else UNKNOWN
            for item in rules or []
        ],
        "is_virtual_network_filter_enabled": values.get("isVirtualNetworkFilterEnabled"),
        # subnets named by ARM id: not resolved (sources not known)
        "virtual_network_rule": UNKNOWN if not isinstance(networks, list | type(None)) else [
            {"id": "written"} for _ in networks or []
        ],
        "key_vault_key_id": values.get("keyVaultKeyUri"),
        "minimal_tls_version": _written_or_default(
            r, ctx, values, "minimalTlsVersion", "Tls12", "1.2", COSMOS_TLS
        ),
        "backup": _backup(values.get("backupPolicy")),
        "local_authentication_disabled": values.get("disableLocalAuth"),
    })
    kind, facets = azurerm.cosmosdb(translated, ctx)
    return kind, facets.model_copy(update=extras.cosmosdb(translated, ctx))


def cache(r: TfResource, ctx: TfContext) -> Mapped | None:
    """``Microsoft.Cache/redis``."""
    values = properties(r)
    if values is None:
        return "database.instance", Facets()
    settings = values.get("redisConfiguration")
    block: Any = UNKNOWN if settings is UNKNOWN else {}
    if isinstance(settings, Mapping):
        block = {
            name: settings.get(key) for name, key in (
                ("active_directory_authentication_enabled", "aad-enabled"),
                ("rdb_backup_enabled", "rdb-backup-enabled"),
                ("aof_backup_enabled", "aof-backup-enabled"),
            )
        }
    return azurerm.redis(_as(r, "azurerm_redis_cache", {
        "non_ssl_port_enabled": values.get("enableNonSslPort"),
        "subnet_id": values.get("subnetId"),
        "public_network_access_enabled": _public(values),
        "minimum_tls_version": _written_or_default(
            r, ctx, values, "minimumTlsVersion", "1.2", "1.2", REDIS_TLS
        ),
        "redis_configuration": block,
    }), ctx)
