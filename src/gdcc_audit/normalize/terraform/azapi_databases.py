"""PostgreSQL and MySQL flexible servers written with AzAPI
(``Microsoft.DBforPostgreSQL/flexibleServers``, ``Microsoft.DBforMySQL/flexibleServers``),
read from their ``body`` into the facets ``azurerm.flexible_server`` gives, so that the same
configuration gets the same verdicts.

- Reach: ``network.publicNetworkAccess`` as written; not written, a server delegated to a
  subnet (``network.delegatedSubnetResourceId``, private access) is not public and any other
  is (public access, the mode a server without a virtual network is created in:
  learn.microsoft.com/azure/postgresql/flexible-server/concepts-networking-public). It admits
  on its engine port the ranges of the AzAPI ``flexibleServers/firewallRules`` whose
  ``parent_id`` is the server (``startIpAddress`` - ``endIpAddress``), what its private
  endpoints and delegated subnet admit (not known).
- Server parameters, from the AzAPI ``flexibleServers/configurations`` of the server (their
  ``name``, ``properties.value``): ``require_secure_transport`` on unless ``OFF`` (the
  documented default, as for azurerm); PostgreSQL ``ssl_min_protocol_version`` (the service
  denies TLS 1.0 / 1.1 otherwise) and ``log_connections`` / ``log_disconnections`` ("Default
  value: on").
- ``backup.backupRetentionDays`` (7 by default), ``highAvailability.mode`` (``Disabled`` by
  default), ``dataEncryption.type`` ``AzureKeyVault`` (customer-managed key),
  PostgreSQL ``authConfig.activeDirectoryAuth`` ``Enabled`` or a MySQL
  ``flexibleServers/administrators`` child (Entra ID sign-in; off by default).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from gdcc_audit.load.terraform_model import UNKNOWN, TfResource
from gdcc_audit.models.resource import DefaultedFacet, Facets, IngressRule
from gdcc_audit.normalize.terraform.azapi_body import (
    absent,
    any_child,
    arm_type,
    children,
    default,
    properties,
    same_type,
)
from gdcc_audit.normalize.terraform.azurerm import (
    _CONNECTION_FLAGS,
    _FLEXIBLE_LOG_DOC,
    _SECURE_TRANSPORT_DOCS,
    PG_FLEXIBLE_TLS,
    _private_endpoints,
    _range_sources,
)
from gdcc_audit.normalize.terraform.common import tls_version
from gdcc_audit.normalize.terraform.context import Mapped, TfContext
from gdcc_audit.normalize.terraform.values import number, text

POSTGRES = "Microsoft.DBforPostgreSQL/flexibleServers"
MYSQL = "Microsoft.DBforMySQL/flexibleServers"
_PORTS = {POSTGRES: 5432, MYSQL: 3306}
_AZURERM = {POSTGRES: "azurerm_postgresql_flexible_server", MYSQL: "azurerm_mysql_flexible_server"}
#: "the default backup retention period is seven days" (backup and restore concepts)
_BACKUPS = {
    POSTGRES: "https://learn.microsoft.com/azure/postgresql/flexible-server/concepts-backup-restore",
    MYSQL: "https://learn.microsoft.com/azure/mysql/flexible-server/concepts-backup-restore",
}


def _children(
    r: TfResource, ctx: TfContext, kind: str
) -> tuple[list[TfResource], list[TfResource]]:
    """The AzAPI resources of ARM type ``<server type>/<kind>`` whose parent is ``r``, and
    those whose parent may be (``azapi_body.children``)."""
    return children(r, ctx, f"{arm_type(r)}/{kind}")


def _parameters(r: TfResource, ctx: TfContext) -> dict[str, Any]:
    """The server parameters its configurations write (lower-case name -> value); one a
    configuration that may be the server's writes otherwise is not known."""
    found: dict[str, Any] = {}
    certain, maybe = _children(r, ctx, "configurations")
    for child in certain:
        name = text(child.values, "name")
        body = properties(child)
        if name is not None:
            found[name.lower()] = UNKNOWN if body is None else body.get("value")
    for child in maybe:
        name = text(child.values, "name")
        body = properties(child)
        value = UNKNOWN if body is None else body.get("value")
        if name is not None and (name.lower() not in found or found[name.lower()] != value):
            found[name.lower()] = UNKNOWN
    return found


def _switch(value: Any) -> bool | None:
    return None if not isinstance(value, str) else value.strip().upper() == "ON"


def _secure_transport(
    r: TfResource, ctx: TfContext, server: str, found: dict[str, Any]
) -> bool | None:
    """``require_secure_transport``: on unless a configuration turns it off."""
    if "require_secure_transport" in found:
        return _switch(found["require_secure_transport"])
    ctx.note(r, "encrypted_in_transit", True, DefaultedFacet(
        attribute="require_secure_transport", doc=_SECURE_TRANSPORT_DOCS[_AZURERM[server]],
    ))
    return True


def _connection_logging(r: TfResource, ctx: TfContext, found: dict[str, Any]) -> dict[str, Any]:
    """PostgreSQL ``log_connections`` / ``log_disconnections``, "on" by default."""
    off: list[str] = []
    for name in _CONNECTION_FLAGS:
        value = _switch(found.get(name, "on"))
        if value is None:
            return {}
        if not value:
            off.append(name)
    if off:
        return {"connection_logging": False, "connection_logging_off": tuple(off)}
    if not any(name in found for name in _CONNECTION_FLAGS):
        ctx.note(r, "connection_logging", True, DefaultedFacet(
            attribute="log_connections, log_disconnections", doc=_FLEXIBLE_LOG_DOC,
        ))
    return {"connection_logging": True, "connection_logging_off": ()}


def _public(values: Mapping[str, Any]) -> tuple[bool | None, bool | None]:
    """Whether the server is public, and whether it is delegated to a subnet."""
    network = values.get("network")
    if network is UNKNOWN or (network is not None and not isinstance(network, Mapping)):
        return None, None
    network = network or {}
    subnet = network.get("delegatedSubnetResourceId")
    delegated = None if subnet is UNKNOWN else subnet not in (None, "")
    access = network.get("publicNetworkAccess")
    if access is UNKNOWN:
        return None, delegated
    if isinstance(access, str):
        return access.lower() == "enabled", delegated
    return None if delegated is None else not delegated, delegated


def _ingress(
    r: TfResource, ctx: TfContext, port: int, public: bool | None, delegated: bool | None
) -> tuple[IngressRule, ...]:
    """As ``azurerm.server_ingress``: the firewall rules' ranges (ignored with public access
    off), private endpoints and a delegated subnet (sources not known)."""
    def rule(sources: tuple[str, ...] | None, by: str) -> IngressRule:
        return IngressRule(protocol="tcp", from_port=port, to_port=port, sources=sources,
                           declared_by=by)

    found: list[IngressRule] = []
    if public is not False:
        certain, maybe = _children(r, ctx, "firewallRules")
        for child in certain:
            body = properties(child) or {}
            sources = _range_sources(body.get("startIpAddress"), body.get("endIpAddress"))
            found.append(rule(sources if public else None, child.address))
        # a rule that may be another server's: what it lets in here is not known
        found.extend(rule(None, child.address) for child in maybe)
    found.extend(rule(None, endpoint) for endpoint in _private_endpoints(r, ctx))
    if delegated is not False:
        found.append(rule(None, f"{r.address} network.delegatedSubnetResourceId"))
    return tuple(found)


def _entra(r: TfResource, ctx: TfContext, server: str, values: Mapping[str, Any]) -> bool | None:
    if server == MYSQL:
        return any_child(_children(r, ctx, "administrators"))
    if absent(values, "authConfig.activeDirectoryAuth"):
        return False
    written = values["authConfig"]["activeDirectoryAuth"]
    return written.lower() == "enabled" if isinstance(written, str) else None


def flexible_server(r: TfResource, ctx: TfContext) -> Mapped | None:
    """``Microsoft.DBforPostgreSQL/flexibleServers`` / ``Microsoft.DBforMySQL/flexibleServers``
    (module docstring)."""
    server = POSTGRES if same_type(arm_type(r), POSTGRES) else MYSQL
    values = properties(r)
    if values is None:
        return "database.instance", Facets(encrypted_at_rest=True, backup_enabled=True)
    public, delegated = _public(values)
    found = _parameters(r, ctx)
    tls: str | None = None
    logging: dict[str, Any] = {}
    if server == POSTGRES:
        logging = _connection_logging(r, ctx, found)
        if "ssl_min_protocol_version" in found:
            tls = tls_version(found["ssl_min_protocol_version"])
        else:
            ctx.note(r, "tls_min_version", "1.2", because=PG_FLEXIBLE_TLS)
            tls = "1.2"
    days = (
        default(r, ctx, "backup_retention_days", 7, "properties.backup.backupRetentionDays",
                _BACKUPS[server])
        if absent(values, "backup.backupRetentionDays")
        else number(values, "backup.backupRetentionDays")
    )
    mode = None if absent(values, "highAvailability.mode") else values["highAvailability"]["mode"]
    encryption = None if absent(values, "dataEncryption.type") else values["dataEncryption"]["type"]
    return "database.instance", Facets(
        **logging,
        tls_min_version=tls,
        encrypted_in_transit=_secure_transport(r, ctx, server, found),
        encrypted_at_rest=True,
        customer_managed_key=(
            False if encryption is None
            else encryption.lower() == "azurekeyvault" if isinstance(encryption, str) else None
        ),
        directory_auth=_entra(r, ctx, server, values),
        public_endpoint=public,
        ingress=_ingress(r, ctx, _PORTS[server], public, delegated),
        backup_enabled=True,
        backup_retention_days=days,
        high_availability=(
            False if mode is None
            else mode.lower() != "disabled" if isinstance(mode, str) else None
        ),
    )
