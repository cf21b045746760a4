"""AzAPI resources (``azapi_resource`` and its kin): any Azure Resource Manager resource,
named by ``type = "Microsoft.<Provider>/<type>@<api-version>"`` with its properties in
``body`` (registry.terraform.io/providers/Azure/azapi). Azure Verified Modules write AKS
clusters, scale sets and recovery vaults this way.

The REST API's defaults differ from azurerm's and change with the ``api-version``, so a body
is never judged with azurerm's defaults. These ARM types are read from their ``body``
(:data:`READERS`), each property as written and a property left out as not known unless the
REST API reference states its default for every api-version:

- ``Microsoft.Storage/storageAccounts``: ``supportsHttpsTrafficOnly`` ("The default value is
  true since API version 2019-04-01"), ``minimumTlsVersion`` (not written: TLS 1.2, the
  floor of every account since 3 February 2026), ``allowBlobPublicAccess`` (not written:
  true up to api-version 2022-09-01, false from 2023-01-01, per the REST API specs; a
  preview version not known),
  ``publicNetworkAccess`` with ``networkAcls.defaultAction`` ("By default, storage accounts
  accept connections from clients on any network": no ``networkAcls`` lets every network in,
  learn.microsoft.com/azure/storage/common/storage-network-security), the encryption
  ``keySource``; always encrypted at rest. It is readable by anyone when an AzAPI container
  of the root (``blobServices/containers``) has ``publicAccess`` ``Blob`` or ``Container``,
  or a blob-service update (``blobServices``) turns ``staticWebsite`` on; blob versioning is
  that update's ``isVersioningEnabled`` (off by default).
- ``Microsoft.KeyVault/vaults``: ``enablePurgeProtection``, ``publicNetworkAccess`` and
  ``networkAcls.defaultAction`` (the same reading).

AKS clusters (``Microsoft.ContainerService/managedClusters``) are read by
:mod:`normalize.terraform.azapi_aks`, application gateways by
:mod:`normalize.terraform.azapi_gateway`, API Management services by
:mod:`normalize.terraform.azure_apim`, container apps by
:mod:`normalize.terraform.azure_container_apps`, PostgreSQL / MySQL flexible servers by
:mod:`normalize.terraform.azapi_databases`, Service Bus / Event Hubs namespaces and Redis
caches by :mod:`normalize.terraform.azapi_messaging`, DNS zones by
:mod:`normalize.terraform.azure_dns`, Front Door endpoints (``afdEndpoints``) by
:mod:`normalize.terraform.azapi_gateway`, SQL servers by
:mod:`normalize.terraform.azapi_sql`, role assignments by
:mod:`normalize.terraform.azure_identity`, Azure AI services, container registries, Data
Explorer clusters, Batch accounts, Data Factory and App Configuration stores by
:mod:`normalize.terraform.azapi_services`; the body helpers and ARM defaults are in
:mod:`normalize.terraform.azapi_body`. ARM types are compared without case.

Network security groups, their ``securityRules`` and diagnostic settings are read by
:mod:`normalize.terraform.azapi_network`; the child resources a parent's verdicts read
(:mod:`normalize.terraform.azapi_children`) are not reported on their own.

Every other AzAPI resource is reported as not judged under its ARM type
(``azapi_resource (Microsoft.ContainerService/managedClusters)``), so the report says which
services were left unread, not only that some AzAPI resources were.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Mapping
from typing import Any

from gdcc_audit.load.terraform_model import UNKNOWN, TfResource
from gdcc_audit.models.resource import DefaultedFacet, Facets
from gdcc_audit.normalize.terraform import (
    azapi_aks,
    azapi_children,
    azapi_databases,
    azapi_frontdoor,
    azapi_gateway,
    azapi_messaging,
    azapi_network,
    azapi_services,
    azapi_sql,
    azapi_subnets,
    azapi_web,
    azure_apim,
    azure_container_apps,
    azure_diagnostics,
    azure_dns,
    azure_identity,
    azure_reach,
)
from gdcc_audit.normalize.terraform import azapi_body as body
from gdcc_audit.normalize.terraform.azapi_body import TYPES, arm_type, flag_of, same_type
from gdcc_audit.normalize.terraform.common import tls_version
from gdcc_audit.normalize.terraform.context import MapFn, Mapped, TfContext


def unmapped_name(r: TfResource) -> str:
    """The name a resource no mapper reads is reported under: its type, with the ARM type
    for an AzAPI resource."""
    if r.type not in TYPES:
        return r.type
    found = arm_type(r)
    return f"{r.type} ({found if found is not None else 'ARM type not known'})"


def _open(properties: Mapping[str, Any]) -> bool | None:
    """Whether every network reaches the service: ``publicNetworkAccess`` not ``Disabled``
    and ``networkAcls.defaultAction`` not ``Deny`` (no ``networkAcls``: every network)."""
    public = properties.get("publicNetworkAccess")
    if public is UNKNOWN:
        return None
    if isinstance(public, str) and public.lower() != "enabled":
        return False  # Disabled, SecuredByPerimeter
    acls = properties.get("networkAcls")
    if acls is None:
        return True
    if not isinstance(acls, Mapping):
        return None
    action = acls.get("defaultAction")
    if not isinstance(action, str):
        return None if action is UNKNOWN else True
    if action.lower() != "deny":
        return True
    ranges = acls.get("ipRules")
    if ranges is None or ranges == []:
        return False
    if not isinstance(ranges, list):
        return None
    values = [item.get("value") if isinstance(item, Mapping) else None for item in ranges]
    if any(not isinstance(value, str) for value in values):
        return None
    return any(str(value).strip() in ("0.0.0.0/0", "0.0.0.0", "*") for value in values)


def _trusted(
    r: TfResource, ctx: TfContext, properties: Mapping[str, Any], closed: bool | None, kind: str
) -> bool | None:
    """``closed`` (whether every network reaches the service, :func:`_open`), saying why a
    firewall that denies by default still lets trusted services in: ``networkAcls.bypass``
    names ``AzureServices``, the default of both storage accounts and key vaults ("If not
    specified the default is 'AzureServices'", Key Vault REST NetworkRuleSet; Storage REST
    NetworkRuleSet ``bypass`` default AzureServices): ``azure_reach.TRUSTED_SERVICES``."""
    acls = properties.get("networkAcls")
    public = properties.get("publicNetworkAccess")
    if closed is not False or not isinstance(acls, Mapping) or (
        isinstance(public, str) and public.lower() != "enabled"
    ):
        return closed
    bypass = acls.get("bypass", "AzureServices")
    if isinstance(bypass, str) and "azureservices" in {
        item.strip().lower() for item in bypass.split(",")
    }:
        ctx.note(r, "public_endpoint", False, because=azure_reach.TRUSTED_SERVICES[kind])
    return closed


_CONTAINERS = "Microsoft.Storage/storageAccounts/blobServices/containers"
_BLOB_SERVICE = "Microsoft.Storage/storageAccounts/blobServices"
_ANONYMOUS = frozenset({"blob", "container"})


def _blob_parts(r: TfResource, ctx: TfContext) -> tuple[tuple[str, ...] | None, bool | None]:
    """What the AzAPI containers and blob-service updates of the root say of the account:
    the anonymous ways in (a container whose ``publicAccess`` is ``Blob`` or ``Container``, a
    static website, whose ``$web`` container is served anonymously) or None when one that may
    be the account's is not known; and blob versioning (``isVersioningEnabled``, off unless a
    blob-service update turns it on), None when not known."""
    grants: list[str] = []
    known = True
    versioning: bool | None = False
    for other in ctx.related(["azapi_resource", "azapi_update_resource"]):
        kind = arm_type(other)
        if not (same_type(kind, _CONTAINERS) or same_type(kind, _BLOB_SERVICE)):
            continue
        target = azapi_children.climb(other, ctx, ("azapi_resource",)) or ctx.referenced(
            other, "resource_id", ["azapi_resource"]
        )
        if not body.same(target, r):
            known = known and target is not None
            if target is None and versioning is False and same_type(kind, _BLOB_SERVICE):
                # an update whose account is not known may be this one's: versioning it
                # turns on (or may) is not known here, never off
                written = body.properties(other)
                turned = UNKNOWN if written is None else written.get("isVersioningEnabled")
                if turned is not None and turned is not False:
                    versioning = None
            continue
        properties = body.properties(other)
        if properties is None:
            known, versioning = False, None
            continue
        if same_type(kind, _CONTAINERS):
            access = properties.get("publicAccess")
            if access is UNKNOWN:
                known = False
            elif isinstance(access, str) and access.lower() in _ANONYMOUS:
                grants.append(f"{other.address} publicAccess {access}")
            continue
        website = properties.get("staticWebsite")
        enabled = website.get("enabled") if isinstance(website, Mapping) else website
        if enabled is UNKNOWN:
            known = False
        elif enabled is True:
            grants.append(f"static website ($web container served to anyone) by {other.address}")
        written = properties.get("isVersioningEnabled")
        if written is UNKNOWN:
            versioning = None
        elif isinstance(written, bool) and versioning is not None:
            versioning = versioning or written
    return (tuple(grants) if known or grants else None), versioning


_VERSIONING_DOC = "https://learn.microsoft.com/azure/storage/blobs/versioning-overview"


def _versioning_written(r: TfResource, ctx: TfContext) -> bool:
    """Whether a blob-service update of the root naming account ``r`` writes
    ``isVersioningEnabled``."""
    for other in ctx.related(["azapi_resource", "azapi_update_resource"]):
        if not same_type(arm_type(other), _BLOB_SERVICE):
            continue
        target = azapi_children.climb(other, ctx, ("azapi_resource",)) or ctx.referenced(
            other, "resource_id", ["azapi_resource"]
        )
        properties = body.properties(other) if body.same(target, r) else None
        if properties is not None and properties.get("isVersioningEnabled") is not None:
            return True
    return False


#: The REST reference of a storage account; its ``allowBlobPublicAccess`` reads "The default
#: interpretation is true for this property" up to api-version 2022-09-01 and "... is false
#: ..." from 2023-01-01 (azure-rest-api-specs, specification/storage/resource-manager/
#: Microsoft.Storage/stable/<version>/storage.json, StorageAccountPropertiesCreateParameters).
_STORAGE_REST_DOC = "https://learn.microsoft.com/rest/api/storagerp/storage-accounts/create"
#: The first api-version whose anonymous blob access is off when not written; every stable
#: version before it, back to 2019-06-01 that brought the property, allows it (and a version
#: without the property has no account-level block at all).
_ANONYMOUS_OFF_FROM = "2023-01-01"
_LAST_ANONYMOUS_ON = "2022-09-01"
#: "Azure Storage ... TLS 1.2 will become the new minimum TLS version" on 3 February 2026, for
#: every account whatever its ``minimumTlsVersion``; the REST reference's "The default
#: interpretation is TLS 1.0" (every api-version) predates it.
_STORAGE_TLS_DOC = (
    "https://learn.microsoft.com/azure/storage/common/transport-layer-security-configure-"
    "minimum-version"
)


def _anonymous_default(r: TfResource, ctx: TfContext, version: str | None) -> bool | None:
    """``allowBlobPublicAccess`` of an account that does not write it, by the body's stable
    ``api-version`` (recorded as the REST API's default); None for a preview version or one
    between the two pinned (not stated)."""
    if not version or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", version) or _may_be_updated(
        r, ctx, "allowBlobPublicAccess"
    ):
        return None
    if version >= _ANONYMOUS_OFF_FROM:
        allowed = False
    elif version <= _LAST_ANONYMOUS_ON:
        allowed = True
    else:
        return None
    body.default(r, ctx, "public_access_block", not allowed, "properties.allowBlobPublicAccess",
                 _STORAGE_REST_DOC)
    return allowed


def _may_be_updated(r: TfResource, ctx: TfContext, name: str) -> bool:
    """Whether an ``azapi_update_resource`` of the root of ``r``'s ARM type, naming a
    resource not known (``resource_id = var.account_id``), may write ``properties.<name>``:
    it may be ``r``'s (those naming ``r`` are merged in by :func:`with_updates`)."""
    for update in ctx.related(["azapi_update_resource"]):
        if not same_type(arm_type(update), arm_type(r) or "") or _changes(update, r, ctx):
            continue
        attribute = "resource_id" if update.values.get("resource_id") is not None else "name"
        if ctx.referenced(update, attribute, ["azapi_resource"]) is not None:
            continue  # another account of the scan
        written = body.properties(update)
        if written is None or not body.absent(written, name):
            return True
    return False


def storage_account(r: TfResource, ctx: TfContext) -> Mapped | None:
    """``Microsoft.Storage/storageAccounts`` (module docstring)."""
    properties = body.properties(r)
    if properties is None:
        return "storage.bucket", Facets(encrypted_at_rest=True)
    https = flag_of(properties, "supportsHttpsTrafficOnly")
    version = body.version(r)
    if https is None and "supportsHttpsTrafficOnly" not in properties and version:
        https = True if version >= "2019-04-01" else None
    allowed = flag_of(properties, "allowBlobPublicAccess")
    if allowed is None and body.absent(properties, "allowBlobPublicAccess"):
        allowed = _anonymous_default(r, ctx, version)
    tls = tls_version(properties.get("minimumTlsVersion"))
    if tls is None and body.absent(properties, "minimumTlsVersion"):
        tls = "1.2"
        ctx.note(r, "tls_min_version", tls, DefaultedFacet(
            attribute="properties.minimumTlsVersion", doc=_STORAGE_TLS_DOC
        ))
    encryption = properties.get("encryption")
    source = encryption.get("keySource") if isinstance(encryption, Mapping) else None
    grants, versioning = _blob_parts(r, ctx)
    if versioning is False and not _versioning_written(r, ctx):
        # "You can enable Blob storage versioning": off until a blob-service update turns
        # it on (learn.microsoft.com/azure/storage/blobs/versioning-overview)
        ctx.note(r, "versioning", False, DefaultedFacet(
            attribute="isVersioningEnabled of a Microsoft.Storage/storageAccounts/blobServices "
            "update", doc=_VERSIONING_DOC,
        ))
    return "storage.bucket", Facets(
        public_access=None if grants is None else bool(grants),
        public_grants=grants if grants else None,
        versioning=versioning,
        encrypted_at_rest=True,
        encrypted_in_transit=https,
        tls_min_version=tls,
        public_access_block=None if allowed is None else not allowed,
        public_endpoint=_trusted(r, ctx, properties, _open(properties), "storage"),
        customer_managed_key=(
            source.lower() == "microsoft.keyvault" if isinstance(source, str) else None
        ),
    )


def key_vault(r: TfResource, ctx: TfContext) -> Mapped | None:
    """``Microsoft.KeyVault/vaults`` (module docstring)."""
    properties = body.properties(r)
    if properties is None:
        return "crypto.secret", Facets(encrypted_at_rest=True)
    return "crypto.secret", Facets(
        encrypted_at_rest=True,
        deletion_protection=flag_of(properties, "enablePurgeProtection"),
        public_endpoint=_trusted(r, ctx, properties, _open(properties), "vault"),
    )


#: ARM types read from their body.
READERS: dict[str, Callable[[TfResource, TfContext], Mapped | None]] = {
    "Microsoft.Storage/storageAccounts": storage_account,
    "Microsoft.KeyVault/vaults": key_vault,
    azapi_aks.CLUSTER: azapi_aks.managed_cluster,
    azapi_gateway.GATEWAY: azapi_gateway.application_gateway,
    azure_apim.SERVICE: azure_apim.apim_service,
    azure_container_apps.APP: azure_container_apps.app,
    azapi_databases.POSTGRES: azapi_databases.flexible_server,
    azapi_databases.MYSQL: azapi_databases.flexible_server,
    azapi_messaging.SERVICE_BUS: azapi_messaging.namespace,
    azapi_messaging.EVENT_HUBS: azapi_messaging.namespace,
    azapi_messaging.REDIS: azapi_messaging.cache,
    azapi_messaging.COSMOS: azapi_messaging.account,
    azapi_children.NSG: azapi_network.security_group,
    azapi_children.NSG_RULE: azapi_network.security_rule,
    azapi_subnets.VNET: azapi_network.virtual_network,
    azapi_subnets.SUBNET: azapi_network.subnet,
    azapi_network.FLOW_LOG: azapi_network.flow_log,
    azure_diagnostics.ARM_SETTING: azapi_network.diagnostic_setting,
    azure_dns.PUBLIC_ZONE: azure_dns.azapi_zone,
    azure_dns.PRIVATE_ZONE: azure_dns.private_zone,
    "Microsoft.Cdn/profiles/afdEndpoints": azapi_gateway.frontdoor_endpoint,
    azapi_sql.SERVER: azapi_sql.sql_server,
    azapi_sql.SYNAPSE: azapi_sql.synapse_workspace,
    azure_identity.ARM_ASSIGNMENT: azure_identity.arm_role_assignment,
    azapi_web.SITE: azapi_web.web_site,
    azapi_web.SLOT: azapi_web.web_site,
    azapi_frontdoor.CLASSIC: azapi_frontdoor.classic_frontdoor,
    **azapi_services.READERS,
}
#: :data:`READERS` by lower-case ARM type (ARM types are case-insensitive).
_BY_NAME = {name.lower(): reader for name, reader in READERS.items()}


def reads(r: TfResource) -> bool:
    """Whether an ``azapi_resource``'s ARM type is one this module reads (a resource of the
    graph)."""
    found = arm_type(r)
    return found is not None and found.lower() in _BY_NAME


def _merged(base: Any, patch: Any) -> Any:
    """``patch`` merged into ``base`` as a PUT of the merged body would set it: objects key by
    key, anything else replaced; a part not known makes what it may change not known."""
    if patch is UNKNOWN or base is UNKNOWN:
        return UNKNOWN
    if isinstance(base, Mapping) and isinstance(patch, Mapping):
        out = dict(base)
        for key, value in patch.items():
            if value is not None:
                out[key] = _merged(base.get(key), value) if key in base else value
        return out
    return patch


def _changes(update: TfResource, r: TfResource, ctx: TfContext) -> bool:
    """Whether ``update`` names ``r``: by ``resource_id``, else by ``name`` (with a
    ``parent_id``, the other way an update names its resource)."""
    if update.values.get("resource_id") is not None:
        return body.same(ctx.referenced(update, "resource_id", ["azapi_resource"]), r)
    return body.same(ctx.referenced(update, "name", ["azapi_resource"]), r)


def with_updates(r: TfResource, ctx: TfContext) -> TfResource:
    """``r`` with the ``body`` of every ``azapi_update_resource`` of the root that changes it
    (:func:`_changes`) merged in: the
    update's properties are what Azure keeps after apply. Two updates are merged in the
    order of the root; an update whose body is not known makes the body not known."""
    updates = [
        u for u in ctx.related(["azapi_update_resource"])
        if same_type(arm_type(u), arm_type(r) or "") and _changes(u, r, ctx)
    ]
    if not updates:
        return r
    merged: Any = body.decoded(r.values.get("body")) or {}
    for update in updates:
        merged = _merged(merged, body.decoded(update.values.get("body")))
    return dataclasses.replace(r, values={**r.values, "body": merged})


def azapi_resource(r: TfResource, ctx: TfContext) -> Mapped | None:
    """An ``azapi_resource`` of an ARM type :data:`READERS` reads (with the AzAPI updates of
    it merged in: :func:`with_updates`); None (not judged) otherwise."""
    found = arm_type(r)
    reader = _BY_NAME.get(found.lower()) if found is not None else None
    return None if reader is None else reader(with_updates(r, ctx), ctx)


MAPPINGS: dict[str, MapFn] = {"azapi_resource": azapi_resource}
#: Mapped types that are not judged when their mapping gives None.
NOT_JUDGED_WHEN_NONE = frozenset({"azapi_resource"})
