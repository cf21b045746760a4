"""What an Azure role assignment's wildcard grant covers, for the graph (GDCC-GRAPH-006).

"Scope is the set of resources that the access applies to ... Azure provides four levels of
scope: management group, subscription, resource group, or resource ... Scopes are structured
in a parent-child relationship" (learn.microsoft.com/azure/role-based-access-control/overview,
"Scope"); a grant at a resource group applies to every resource in it and to their child
resources. The assignment notes on ``Resource.attributes`` the role's wildcard actions
(:data:`GRANT_WILDCARDS`), the scope level (:data:`GRANT_SCOPE`: ``top``, ``group`` or
``resource``), the role (:data:`GRANT_ROLE`), the scope as written (:data:`GRANT_AT`) and
whether the role may assign roles (:data:`GRANT_ESCALATES`);
at a resource group it refers (attribute :data:`IN_SCOPE`) to each resource of the root in
that group: its ``resource_group_name`` (AzAPI: ``parent_id``) names the group, by reference
or by the group's name, and the resources whose parent is one of those (a container of a
storage account, a secret of a vault). ``graph/azure_grants.py`` follows them.
"""

from __future__ import annotations

from typing import Any

from gdcc_audit.load.terraform_model import TfResource
from gdcc_audit.models.resource import Reference
from gdcc_audit.normalize.azure_grant_keys import (
    GRANT_AT,
    GRANT_ESCALATES,
    GRANT_ROLE,
    GRANT_SCOPE,
    GRANT_WILDCARDS,
    IN_SCOPE,
)
from gdcc_audit.normalize.terraform import azure_identity
from gdcc_audit.normalize.terraform.context import TfContext
from gdcc_audit.normalize.terraform.values import text

_GROUPS = ("azurerm_resource_group",)
_GROUP_ARM = "microsoft.resources/resourcegroups"
#: Attributes by which a child resource names its parent (besides AzAPI ``parent_id``).
_PARENT_SUFFIXES = ("_id", "_name")


def grant_links(
    r: TfResource, ctx: TfContext, attributes: dict[str, Any],
    references: tuple[Reference, ...],
) -> tuple[Reference, ...]:
    """For a role assignment whose role grants by wildcard at a known scope: the grant noted
    on ``attributes``, and at a resource group a reference to each resource in it (module
    docstring). Anything else: ``references`` unchanged."""
    read = azure_identity.as_assignment(r)
    if read is None:
        return references
    given = azure_identity.grant(read, ctx)
    scope = azure_identity.scope_of(read, ctx)
    if not given.wildcards or scope is None:
        return references
    attributes[GRANT_WILDCARDS] = list(given.wildcards)
    attributes[GRANT_SCOPE] = scope
    attributes[GRANT_ROLE] = given.role
    attributes[GRANT_AT] = _written_scope(read)
    attributes[GRANT_ESCALATES] = given.assigns
    if scope != "group":
        return references
    added = tuple(
        Reference(target=m.address, attribute=IN_SCOPE) for m in group_members(read, ctx)
        if _in_graph(m)
    )
    return tuple(dict.fromkeys(references + added))


def _in_graph(r: TfResource) -> bool:
    """Whether ``r`` is a resource of the graph (a mapped type; an AzAPI resource of an ARM
    type read): a reference to anything else would be listed as unresolved."""
    from gdcc_audit.normalize.terraform import azapi, registry

    if r.type == "azapi_resource":
        return azapi.reads(r)
    return r.type in registry.MAPPINGS


def _written_scope(r: TfResource) -> str:
    """The scope as written: the resource it refers to, or its literal id."""
    for ref in r.references:
        if ref.attribute.split(".", 1)[0] == "scope":
            return ref.target
    return text(r.values, "scope") or "a scope not known"


def group_members(r: TfResource, ctx: TfContext) -> list[TfResource]:
    """The resources of the root in the resource group an assignment is scoped to, and their
    children (module docstring)."""
    group, names = _group(r, ctx)
    if group is None and not names:
        return []
    members: dict[str, TfResource] = {}
    for candidate in ctx.by_address.values():
        if candidate.mode != "data" and candidate.address != r.address and _in_group(
            candidate, ctx, group, names
        ):
            members[candidate.address] = candidate
    for _ in range(3):  # children, grandchildren (a blob container's immutability policy)
        found = {
            c.address: c for c in ctx.by_address.values()
            if c.mode != "data" and c.address not in members and c.address != r.address
            and _child_of(c, ctx, members)
        }
        if not found:
            break
        members.update(found)
    return list(members.values())


def _group(r: TfResource, ctx: TfContext) -> tuple[TfResource | None, set[str]]:
    """The resource group an assignment's scope names (``azurerm_resource_group`` or AzAPI
    ``Microsoft.Resources/resourceGroups``, None when written as an id) and its names."""
    from gdcc_audit.normalize.terraform.azapi_body import arm_type

    names: set[str] = set()
    group: TfResource | None = None
    for ref in r.references:
        if ref.attribute.split(".", 1)[0] != "scope":
            continue
        found = ctx.resolve(r, ref.target)
        if found is not None and (
            found.type in _GROUPS
            or (found.type == "azapi_resource" and (arm_type(found) or "").lower() == _GROUP_ARM)
        ):
            group = found
    if group is not None and (name := text(group.values, "name")):
        names.add(name)
    literal = text(r.values, "scope")
    if literal is not None:
        parts = [p for p in literal.split("/") if p]
        if len(parts) == 4 and parts[2].lower() == "resourcegroups":
            names.add(parts[3])
    return group, names


def _in_group(
    candidate: TfResource, ctx: TfContext, group: TfResource | None, names: set[str]
) -> bool:
    """Whether ``candidate`` names the group by ``resource_group_name`` (AzAPI: by
    ``parent_id``), by reference or by name."""
    attribute = "parent_id" if candidate.type == "azapi_resource" else "resource_group_name"
    written = text(candidate.values, attribute)
    if written is not None:
        return written in names or any(
            written.lower().rstrip("/").endswith(f"/resourcegroups/{n.lower()}") for n in names
        )
    if group is None:
        return False
    return any(
        target.address == group.address
        for ref in candidate.references
        if ref.attribute.split(".", 1)[0] == attribute
        for target in [ctx.resolve(candidate, ref.target)] if target is not None
    )


def _child_of(candidate: TfResource, ctx: TfContext, members: dict[str, TfResource]) -> bool:
    """Whether ``candidate`` has no resource group of its own and names a member as its
    parent (``storage_account_id``, ``key_vault_id``, ``server_id``, AzAPI ``parent_id``)."""
    if candidate.type == "azapi_resource":
        attributes: tuple[str, ...] = ("parent_id",)
    elif "resource_group_name" in candidate.values:
        return False
    else:
        attributes = ()
    for ref in candidate.references:
        head = ref.attribute.split(".", 1)[0]
        if attributes and head not in attributes:
            continue
        if not attributes and (head in ("scope", "principal_id", "depends_on")
                               or not head.endswith(_PARENT_SUFFIXES)):
            continue
        target = ctx.resolve(candidate, ref.target)
        if target is not None and target.address in members:
            return True
    return False
