"""Azure SQL logical servers written with AzAPI (``Microsoft.Sql/servers``), read from their
``body`` and AzAPI children into the facets ``azurerm.sql_server`` gives, so that the same
configuration gets the same verdicts.

- Reach: ``publicNetworkAccess`` as written (``Enabled``; ``Disabled`` and
  ``SecuredByPerimeter`` are not public). Left out it is not known: the REST reference gives
  no default ("Value is optional but if passed in, must be 'Enabled' or 'Disabled' or
  'SecuredByPerimeter'") and the connectivity settings page gives the portal's (Disable). The
  server admits on 1433 the ranges of its AzAPI ``firewallRules`` children and what its
  private endpoints admit (``azurerm.server_ingress``).
- TLS: ``minimalTlsVersion`` as written (``None``: no minimum, every version the service
  accepts, as azurerm's ``Disabled``). Left out: 1.2, labelled as the default: Azure SQL
  Database stopped accepting TLS 1.0 and 1.1 on 31 August 2025 and new servers take 1.2
  (learn.microsoft.com/azure/azure-sql/database/connectivity-settings). Connections are
  always encrypted and data encrypted at rest by TDE (as ``azurerm.sql_server``).
- Auditing (access logging): an AzAPI ``auditingSettings`` or ``extendedAuditingSettings``
  child with ``state = "Enabled"``; server auditing is off until one turns it on (as
  azurerm's ``extended_auditing_policy``).
- Entra ID sign-in: ``properties.administrators`` (an Entra administrator at creation) or an
  AzAPI ``administrators`` child; off otherwise (as azurerm's ``azuread_administrator``).

Synapse workspaces (``Microsoft.Synapse/workspaces``, stop 39; were not judged) are read as
``azurerm_synapse_workspace`` is: ``publicNetworkAccess`` as written (left out: not known, the
REST reference gives no default), the ranges of their AzAPI ``firewallRules`` children on 1433
(named in a GDCC-NET-002 FAIL when one admits every address or all Azure services),
``azureADOnlyAuthentication`` (false when not written, azurerm's "Defaults to ``false``" for
the same property), ``encryption.cmk.key`` (a customer-managed key); storage always encrypted,
connections always TLS.
"""

from __future__ import annotations

from collections.abc import Mapping

from gdcc_audit.load.terraform_model import UNKNOWN, TfResource
from gdcc_audit.models.common import Text
from gdcc_audit.models.resource import Facets
from gdcc_audit.normalize.terraform.azapi_body import (
    any_child,
    children,
    default,
    properties,
)
from gdcc_audit.normalize.terraform.azurerm import _no_minimum, firewall_reasons, server_ingress
from gdcc_audit.normalize.terraform.context import Mapped, TfContext

SERVER = "Microsoft.Sql/servers"
SYNAPSE = "Microsoft.Synapse/workspaces"
_TLS_DOC = "https://learn.microsoft.com/azure/azure-sql/database/connectivity-settings"
_PUBLIC_NOT_KNOWN = Text(
    en="properties.publicNetworkAccess is not written and the SQL REST reference gives no "
    "default for it",
    th="ไม่ได้เขียน properties.publicNetworkAccess และเอกสาร REST ของ SQL ไม่ได้ระบุค่าเริ่มต้นไว้",
)
_SYNAPSE_PUBLIC_NOT_KNOWN = Text(
    en="properties.publicNetworkAccess is not written and the Synapse REST reference gives no "
    "default for it",
    th="ไม่ได้เขียน properties.publicNetworkAccess และเอกสาร REST ของ Synapse ไม่ได้ระบุค่าเริ่มต้นไว้",
)


def _children(
    r: TfResource, ctx: TfContext, *kinds: str
) -> tuple[list[TfResource], list[TfResource]]:
    """The AzAPI resources of ARM type ``Microsoft.Sql/servers/<kind>`` whose parent is
    ``r``, and those whose parent may be (``azapi_body.children``)."""
    return children(r, ctx, *(f"{SERVER}/{kind}" for kind in kinds))


def _public(
    r: TfResource, ctx: TfContext, values: Mapping[str, object], why: Text = _PUBLIC_NOT_KNOWN
) -> bool | None:
    access = values.get("publicNetworkAccess")
    if isinstance(access, str):
        return access.lower() == "enabled"
    if access is None:
        ctx.note(r, "public_endpoint", None, unknown=why)
    return None


def _audited(r: TfResource, ctx: TfContext) -> bool | None:
    """Whether an auditing setting of the server turns auditing on."""
    states = []
    certain, maybe = _children(r, ctx, "auditingSettings", "extendedAuditingSettings")
    for child in certain:
        body = properties(child)
        states.append(UNKNOWN if body is None else body.get("state", UNKNOWN))
    states.extend(UNKNOWN for _child in maybe)  # it may be another server's setting
    if any(isinstance(s, str) and s.lower() == "enabled" for s in states):
        return True
    return None if any(not isinstance(s, str) for s in states) else False


def sql_server(r: TfResource, ctx: TfContext) -> Mapped | None:
    """``Microsoft.Sql/servers`` (module docstring)."""
    values = properties(r)
    if values is None:
        return "database.instance", Facets(encrypted_at_rest=True, encrypted_in_transit=True)
    public = _public(r, ctx, values)
    firewall_reasons(r, ctx, public)
    written = values.get("minimalTlsVersion")
    tls = (
        default(r, ctx, "tls_min_version", "1.2", "properties.minimalTlsVersion", _TLS_DOC)
        if written is None else _no_minimum(written, "None")
    )
    admins = values.get("administrators")
    entra = (
        True if isinstance(admins, Mapping) and admins
        else None if admins is UNKNOWN
        else any_child(_children(r, ctx, "administrators"))
    )
    return "database.instance", Facets(
        public_endpoint=public,
        ingress=server_ingress(r, ctx, public, port=1433),
        tls_min_version=tls,
        encrypted_in_transit=True,
        encrypted_at_rest=True,
        access_logging=_audited(r, ctx),
        directory_auth=entra,
    )


def synapse_workspace(r: TfResource, ctx: TfContext) -> Mapped | None:
    """``Microsoft.Synapse/workspaces`` (module docstring)."""
    values = properties(r)
    base: dict[str, object] = {"encrypted_at_rest": True, "encrypted_in_transit": True}
    if values is None:
        return "database.instance", Facets.model_validate(base)
    public = _public(r, ctx, values, _SYNAPSE_PUBLIC_NOT_KNOWN)
    firewall_reasons(r, ctx, public)
    only = values.get("azureADOnlyAuthentication", False)
    encryption = values.get("encryption")
    key = encryption.get("cmk") if isinstance(encryption, Mapping) else encryption
    cmk = (
        None if key is UNKNOWN or encryption is UNKNOWN
        else isinstance(key, Mapping) and bool(key.get("key"))
    )
    return "database.instance", Facets.model_validate({
        **base,
        "public_endpoint": public,
        "ingress": server_ingress(r, ctx, public, port=1433),
        "directory_auth": only if isinstance(only, bool) else None,
        "customer_managed_key": cmk,
    })
