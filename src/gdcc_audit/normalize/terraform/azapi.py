"""AzAPI resources (``azapi_resource`` and its kin): any Azure Resource Manager resource,
named by ``type = "Microsoft.<Provider>/<type>@<api-version>"`` with its properties in
``body`` (registry.terraform.io/providers/Azure/azapi). Azure Verified Modules write AKS
clusters, scale sets and recovery vaults this way.

No mapper reads a ``body`` yet: the REST API's defaults differ from azurerm's and change with
the ``api-version``, so a body is not judged with azurerm's defaults. Each such resource is
reported as not judged under its ARM type (``azapi_resource (Microsoft.ContainerService/
managedClusters)``), so the report says which services were left unread, not only that some
AzAPI resources were.
"""

from __future__ import annotations

from gdcc_audit.load.terraform_model import TfResource
from gdcc_audit.normalize.terraform.values import text

#: AzAPI types that create or change an ARM resource of the type they name.
TYPES = frozenset(
    {"azapi_resource", "azapi_update_resource", "azapi_resource_action",
     "azapi_data_plane_resource"}
)


def arm_type(r: TfResource) -> str | None:
    """``Microsoft.<Provider>/<type>`` from ``type`` (the ``@api-version`` dropped); None
    when it is not known."""
    written = text(r.values, "type")
    if not written or "/" not in written:
        return None
    return written.split("@", 1)[0]


def unmapped_name(r: TfResource) -> str:
    """The name a resource no mapper reads is reported under: its type, with the ARM type
    for an AzAPI resource."""
    if r.type not in TYPES:
        return r.type
    found = arm_type(r)
    return f"{r.type} ({found if found is not None else 'ARM type not known'})"
