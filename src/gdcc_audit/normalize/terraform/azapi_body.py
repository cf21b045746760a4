"""Reading the ``body`` of an AzAPI resource: its ARM type and ``api-version`` (from
``type = "Microsoft.<Provider>/<type>@<api-version>"``), its ``properties``, and the ARM
defaults a property left out takes (:func:`default`), recorded with the REST API page and the
``api-version`` so that a finding says "default" and which page says so.

A body written as a JSON string (azapi 1.x ``jsonencode({...})``) is read as the object it
encodes (:func:`decoded`). A property written ``null`` is not sent when
``ignore_null_property`` is on, and a JSON ``null`` in a PUT body is read by Azure Resource
Manager as not given: both are absent here, so the ARM default applies; a value not known (a
variable without a default) stays unknown.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from gdcc_audit.load.terraform_model import UNKNOWN, TfResource
from gdcc_audit.models.resource import DefaultedFacet, Resource
from gdcc_audit.normalize.terraform.values import text

if TYPE_CHECKING:  # the context (and the HCL parser it imports) only for its type
    from gdcc_audit.normalize.terraform.context import TfContext

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


def same_type(written: str | None, name: str) -> bool:
    """Whether an ARM type as written (``type`` without or with its ``@api-version``) is
    ``name``: resource provider namespaces and types are case-insensitive
    (``managedClusters/agentpools`` is ``managedClusters/agentPools``)."""
    return written is not None and written.split("@", 1)[0].lower() == name.lower()


def is_arm(resource: Resource, name: str) -> bool:
    """Whether a mapped resource is an AzAPI resource of the ARM type ``name`` (its literal
    ``type`` attribute): for the resource graph."""
    written = resource.attributes.get("type")
    return (
        resource.provider_type in TYPES
        and isinstance(written, str)
        and same_type(written, name)
    )


def same(found: TfResource | None, r: TfResource) -> bool:
    """Whether ``found`` is ``r``: by address, for a reader may be given ``r`` with its AzAPI
    updates merged in (a copy)."""
    return found is not None and found.address == r.address


def children(
    r: TfResource, ctx: TfContext, *kinds: str
) -> tuple[list[TfResource], list[TfResource]]:
    """The AzAPI resources of one of the ARM types ``kinds`` whose ``parent_id`` names ``r``,
    and those whose ``parent_id`` may (one of several a value not known chooses:
    ``coalesce(var.server_id, azapi_resource.server.id)``): a reader takes the latter as
    neither ``r``'s nor another's (what they set is not known)."""
    found = [
        child for child in ctx.related(["azapi_resource"])
        if any(same_type(arm_type(child), kind) for kind in kinds)
    ]
    return ctx.naming(found, "parent_id", ["azapi_resource"], r)


def any_child(found: tuple[list[TfResource], list[TfResource]]) -> bool | None:
    """Whether a resource has a child of a kind, from :func:`children`: True, False, or None
    when one only may be its own."""
    certain, maybe = found
    return True if certain else (None if maybe else False)


def version(r: TfResource) -> str | None:
    """The ``api-version`` of ``type`` (``2023-05-01``, ``2024-01-01-preview``)."""
    written = text(r.values, "type")
    return written.split("@", 1)[1] if written and "@" in written else None


def decoded(body: Any) -> Any:
    """A ``body`` as an object: azapi 1.x takes it as a JSON string (``jsonencode({...})``),
    2.x as an HCL object; a string that is no JSON object is not known."""
    if not isinstance(body, str):
        return body
    try:
        found = json.loads(body)
    except ValueError:
        return UNKNOWN
    return found if isinstance(found, dict) else UNKNOWN


def properties(r: TfResource) -> Mapping[str, Any] | None:
    """``body.properties``; ``{}`` when not written, None when not known."""
    body = decoded(r.values.get("body"))
    if body is None:
        return {}
    if not isinstance(body, Mapping):
        return None
    found = body.get("properties")
    if found is None:
        return {}
    return found if isinstance(found, Mapping) else None


def flag_of(values: Mapping[str, Any], name: str) -> bool | None:
    """A boolean property as written (a JSON boolean); None otherwise."""
    value = values.get(name)
    return value if isinstance(value, bool) else None


def absent(values: Mapping[str, Any] | None, path: str) -> bool:
    """Whether the dotted ``path`` is not written (or ``null``) in ``values``: a part on the
    way that is not known is not absent."""
    current: Any = values
    for part in path.split("."):
        if current is None:
            return True
        if current is UNKNOWN or not isinstance(current, Mapping):
            return False
        current = current.get(part)
    return current is None


def default(
    r: TfResource, ctx: TfContext, facet: str, value: Any, attribute: str, doc: str
) -> Any:
    """``value``, recorded as the ARM default of ``attribute`` (``properties.…``) for
    ``facet``, with the ``api-version`` the body is sent with."""
    written = version(r)
    ctx.note(r, facet, value, DefaultedFacet(
        attribute=attribute, doc=doc,
        version=f"api-version {written}" if written else None,
    ))
    return value
