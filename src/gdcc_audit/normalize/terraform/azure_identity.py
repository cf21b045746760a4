"""Azure managed identities and role assignments (GDCC-GRAPH-006, GDCC-IAM-005, GDCC-IAM-008).

A user-assigned managed identity (``azurerm_user_assigned_identity``) holds the roles Azure
role assignments give its ``principal_id``. Those may be made in the scan or elsewhere (the
portal, another configuration, Azure Policy), so what it may do is not known unless a role
assignment of the scan gives it an owner-like role, which FAILs; the assignment refers to the
identity, and the graph walks from the identity to it.

Who may use the identity: only the Azure resources it is assigned to, and the external
workloads its federated identity credentials name by exact issuer and subject ("The subject
identifier ... must match exactly"; learn.microsoft.com/entra/workload-id/
workload-identity-federation-create-trust-user-assigned-managed-identity): never everyone.

A role assignment (``azurerm_role_assignment``) is a grant. Built-in roles
(learn.microsoft.com/azure/role-based-access-control/built-in-roles):

- Owner: ``Actions: *``, "Grants full access to manage all resources, including the ability to
  assign roles in Azure RBAC";
- Contributor: ``Actions: *`` except role assignments: "Grants full access to manage all
  resources, but does not allow you to assign roles";
- User Access Administrator ("Lets you manage user access to Azure resources") and Role Based
  Access Control Administrator: may assign any role, their own holder included.

An owner-like role (Owner, the two access administrators) at a subscription, management group or
the root scope is an administrator grant; Owner or Contributor at such a scope or at a resource
group is a wildcard grant (every action on everything there). At one resource's scope neither:
the assignment names that resource, and the graph reaches it.

A system-assigned managed identity ("tied to the lifecycle of the Azure resource it's
enabled on ... Only that Azure resource can use this identity to request tokens from
Microsoft Entra ID", learn.microsoft.com/entra/identity/managed-identities-azure-resources/
overview) is an ``identity { type = "SystemAssigned" }`` block of its resource, which role
assignments name by ``<resource>.identity[0].principal_id``. When an assignment of the root
names one, :func:`system_identity` makes it an identity of its own,
``<resource address>.identity`` (type :data:`SYSTEM_IDENTITY`), judged as a user-assigned
identity is; the assignment refers to it (not to the resource, which it grants nothing on)
and the resource refers to it (:func:`identity_links`), as an instance does to its role. Not
for an AKS cluster: assignments name its kubelet and add-on identities
(``kubelet_identity[0].object_id``) the same way, and a reference does not tell which. AzAPI
resources (``azapi_resource``, ``identity`` block and ``identity[0].principal_id`` as in
azurerm) are read the same way, AKS clusters excepted.
"""

from __future__ import annotations

import re

from gdcc_audit.load.terraform_model import TfResource
from gdcc_audit.models.common import Text
from gdcc_audit.models.resource import Facets, Reference
from gdcc_audit.normalize.terraform.context import MapFn, Mapped, TfContext
from gdcc_audit.normalize.terraform.values import blocks, text

#: The type of the identity :func:`system_identity` makes for a resource's system-assigned
#: identity (no Terraform type: the identity is a block of its resource).
SYSTEM_IDENTITY = "azurerm_system_assigned_identity"
#: Its address: the resource's address and this suffix.
IDENTITY_SUFFIX = ".identity"
ASSIGNMENT = "azurerm_role_assignment"
#: Resources with identities besides their ``identity`` block (module docstring).
_SEVERAL_IDENTITIES = frozenset({"azurerm_kubernetes_cluster"})

#: Built-in role names by role definition id (the GUID of
#: ``/providers/Microsoft.Authorization/roleDefinitions/<guid>``), same page.
_BUILT_IN_IDS = {
    "8e3af657-a8ff-443c-a75c-2fe8c4bcb635": "Owner",
    "b24988ac-6180-42a0-ab88-20f7382dd24c": "Contributor",
    "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9": "User Access Administrator",
    "f58310d9-a9f6-439a-9e8d-f62e7b41a168": "Role Based Access Control Administrator",
    "acdd72a7-3385-48ef-bd42-f606fba81ae7": "Reader",
}
_OWNER_LIKE = frozenset(
    {"Owner", "User Access Administrator", "Role Based Access Control Administrator"}
)
_ALL_ACTIONS = frozenset({"Owner", "Contributor"})
_GUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", re.I)
_TOP_SCOPES = ("azurerm_subscription", "azurerm_management_group")
_GROUP_SCOPES = ("azurerm_resource_group",)


_PERMISSIONS_ELSEWHERE = Text(
    en="an Azure managed identity's roles are given by role assignments, which may be made "
    "outside the scanned configuration",
    th="บทบาทของ managed identity ของ Azure มาจากการมอบหมายบทบาท (role assignment) "
    "ซึ่งอาจทำไว้นอกการกำหนดค่าที่สแกน",
)


def managed_identity(r: TfResource, ctx: TfContext) -> Mapped:
    """``azurerm_user_assigned_identity``: used only by what it is assigned to and the exact
    federated subjects (module docstring); its permissions are its role assignments'."""
    for facet in ("wildcard_permissions", "admin_privileges"):
        ctx.note(r, facet, None, unknown=_PERMISSIONS_ELSEWHERE)
    return "identity.role", Facets(public_access=False, public_grants=())


def _system_assigned(r: TfResource) -> bool:
    """Whether ``r`` has an ``identity`` block whose ``type`` includes ``SystemAssigned``
    (``"SystemAssigned"``, ``"SystemAssigned, UserAssigned"``)."""
    found = blocks(r.values, "identity") or []
    return any("systemassigned" in (text(b, "type") or "").replace(" ", "").lower()
               for b in found)


def _assigned(r: TfResource, ctx: TfContext) -> bool:
    """Whether a role assignment of the root names ``r``'s identity as its principal."""
    return any(
        ctx.referenced(a, "principal_id", [r.type]) is r for a in ctx.related([ASSIGNMENT])
    )


def _one_identity(r: TfResource) -> bool:
    """Whether ``r`` is an azurerm resource, or an AzAPI resource (its ``identity`` block is
    azurerm's), whose ``identity`` block is its only identity (module docstring)."""
    from gdcc_audit.normalize.terraform.azapi_aks import CLUSTER
    from gdcc_audit.normalize.terraform.azapi_body import arm_type, same_type

    if r.type == "azapi_resource":
        return not same_type(arm_type(r), CLUSTER)
    return r.type.startswith("azurerm_") and r.type not in _SEVERAL_IDENTITIES | {
        SYSTEM_IDENTITY
    }


def system_identity(r: TfResource, ctx: TfContext, named: bool = False) -> TfResource | None:
    """The system-assigned identity of an azurerm resource that a role assignment of the root
    names (``named``: the caller is such an assignment), as a resource of its own (module
    docstring); None otherwise."""
    if not _one_identity(r):
        return None
    if not _system_assigned(r) or not (named or _assigned(r, ctx)):
        return None
    tags = r.values.get("tags")
    return TfResource(
        address=r.address + IDENTITY_SUFFIX,
        type=SYSTEM_IDENTITY,
        name=r.name,
        values={"tags": tags} if tags is not None else {},
        file=r.file,
        start_line=r.start_line,
        end_line=r.end_line,
        module=r.module,
        provider=r.provider,
        index=r.index,
        provider_config=r.provider_config,
    )


def _local(r: TfResource) -> str:
    """``r``'s address as its own module writes it."""
    return r.address.removeprefix(f"{r.module}.") if r.module else r.address


def identity_links(r: TfResource, ctx: TfContext, references: tuple[Reference, ...]
                   ) -> tuple[Reference, ...]:
    """A role assignment naming a system-assigned identity refers to that identity instead of
    its resource; a resource whose identity is one refers to it."""
    if r.type == ASSIGNMENT:
        changed: list[Reference] = []
        for ref in references:
            target = ctx.resolve(r, ref.target) if ref.attribute == "principal_id" else None
            if target is not None and system_identity(target, ctx, named=True) is not None:
                changed.append(Reference(target=ref.target + IDENTITY_SUFFIX,
                                         attribute=ref.attribute))
            else:
                changed.append(ref)
        return tuple(changed)
    if system_identity(r, ctx) is None:
        return references
    own = Reference(target=_local(r) + IDENTITY_SUFFIX, attribute="identity")
    return tuple(dict.fromkeys((*references, own)))


def role_assignment(r: TfResource, ctx: TfContext) -> Mapped:
    """``azurerm_role_assignment``: administrator / wildcard by role and scope (module
    docstring); a custom role of the scan (``azurerm_role_definition``) by its actions."""
    scope = _scope(r, ctx)
    custom = ctx.referenced(r, "role_definition_id", ["azurerm_role_definition"])
    if custom is not None:
        actions = _custom_actions(custom)
        if actions is None or scope is None:
            return "identity.policy", Facets()
        every = "*" in actions
        wild = any(a == "*" or a.endswith("/*") for a in actions)
        return "identity.policy", Facets(
            admin_privileges=every and scope == "top",
            wildcard_permissions=wild and scope != "resource",
        )
    role = _role_name(r)
    if role is None:
        return "identity.policy", Facets()
    if scope is None:
        # a built-in role that holds neither every action nor role assignment grants neither
        # at any scope; the others depend on a scope that is not known
        if role and role not in _ALL_ACTIONS | _OWNER_LIKE:
            return "identity.policy", Facets(admin_privileges=False, wildcard_permissions=False)
        return "identity.policy", Facets()
    return "identity.policy", Facets(
        admin_privileges=role in _OWNER_LIKE and scope == "top",
        wildcard_permissions=role in _ALL_ACTIONS | _OWNER_LIKE and scope != "resource",
    )


def _role_name(r: TfResource) -> str | None:
    """The built-in role named by ``role_definition_name`` or a built-in role id; a role id
    that is no built-in role of the table is a role with no name here ("")."""
    name = text(r.values, "role_definition_name")
    if name:
        return name
    definition = text(r.values, "role_definition_id")
    if definition is None:
        return None
    found = _GUID.search(definition)
    return _BUILT_IN_IDS.get(found.group(0).lower(), "") if found else ""


def _scope(r: TfResource, ctx: TfContext) -> str | None:
    """``top`` (root, management group or subscription), ``group`` (a resource group),
    ``resource`` (anything narrower) or None when not known."""
    literal = text(r.values, "scope")
    if literal is not None:
        parts = [p for p in literal.lower().split("/") if p]
        if not parts or parts[:3] == ["providers", "microsoft.management", "managementgroups"]:
            return "top" if len(parts) <= 4 else "resource"
        if parts[0] == "subscriptions":
            if len(parts) <= 2:
                return "top"
            if parts[2] == "resourcegroups":
                return "group" if len(parts) <= 4 else "resource"
        return "resource"
    for ref in r.references:
        if ref.attribute.split(".", 1)[0] != "scope":
            continue
        kind = ref.target.removeprefix("data.").split(".", 1)[0]
        if kind in _TOP_SCOPES:
            return "top"
        if kind in _GROUP_SCOPES:
            return "group"
        if kind.startswith("azurerm_"):
            return "resource"
    return None


def _custom_actions(definition: TfResource) -> list[str] | None:
    permissions = definition.values.get("permissions")
    if not isinstance(permissions, list):
        return None
    actions: list[str] = []
    for item in permissions:
        found = item.get("actions") if isinstance(item, dict) else None
        if not isinstance(found, list) or not all(isinstance(a, str) for a in found):
            return None
        actions.extend(found)
    return actions


MAPPINGS: dict[str, MapFn] = {
    "azurerm_user_assigned_identity": managed_identity,
    "azurerm_role_assignment": role_assignment,
}
