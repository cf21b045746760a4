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

import dataclasses
import fnmatch
import re

from gdcc_audit.load.terraform.known_modules import ROLE_NAME
from gdcc_audit.load.terraform_model import UNKNOWN, UNKNOWN_TEXT, TfResource
from gdcc_audit.models import azure_builtin_roles as builtin
from gdcc_audit.models.common import Text
from gdcc_audit.models.resource import Facets, Reference, wildcard_action
from gdcc_audit.normalize.terraform.context import MapFn, Mapped, TfContext, may_be_beyond
from gdcc_audit.normalize.terraform.values import blocks, string_list, text

#: The type of the identity :func:`system_identity` makes for a resource's system-assigned
#: identity (no Terraform type: the identity is a block of its resource).
SYSTEM_IDENTITY = "azurerm_system_assigned_identity"
#: Its address: the resource's address and this suffix.
IDENTITY_SUFFIX = ".identity"
ASSIGNMENT = "azurerm_role_assignment"
#: A Key Vault access policy of its own: a grant on its vault to ``object_id`` (read as an
#: assignment at the vault's scope: ``azurerm.key_vault_access_policy``).
ACCESS_POLICY = "azurerm_key_vault_access_policy"
#: Grant types -> the argument naming the principal they grant to.
_PRINCIPAL_OF = {ASSIGNMENT: "principal_id", ACCESS_POLICY: "object_id"}
#: A vault's inline access policy naming its principal (``access_policy.0.object_id``).
INLINE_POLICY = re.compile(r"^access_policy\.\d+\.object_id$")
VAULTS = ("azurerm_key_vault", "azurerm_key_vault_managed_hardware_security_module")
#: Resources with identities besides their ``identity`` block (module docstring).
_SEVERAL_IDENTITIES = frozenset(
    {"azurerm_kubernetes_cluster", "azurerm_kubernetes_automatic_cluster"}
)

_OWNER_LIKE = frozenset(
    {"Owner", "User Access Administrator", "Role Based Access Control Administrator"}
)
#: "Create a role assignment at the specified scope" (Azure permissions reference,
#: Microsoft.Authorization).
_ASSIGN_ROLES = "microsoft.authorization/roleassignments/write"
_ROLES_DOC = "learn.microsoft.com/azure/role-based-access-control/built-in-roles"
_SCOPE_WORDS = {
    "top": "a subscription, management group or root scope", "group": "a resource group",
}
_SCOPE_WORDS_TH = {"top": "subscription, management group หรือ root", "group": "resource group"}
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
    """Whether a role assignment or a Key Vault access policy of the root (one of its own,
    or a vault's inline ``access_policy``) names ``r``'s identity as its principal."""
    return any(
        ctx.may_designate(a, _PRINCIPAL_OF[a.type], [r.type], r) is not False
        for a in ctx.related(list(_PRINCIPAL_OF))
    ) or any(
        INLINE_POLICY.match(ref.attribute) and ctx.resolve(vault, ref.target) is r
        for vault in ctx.related(list(VAULTS))
        for ref in vault.references
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
    """A role assignment or a Key Vault access policy (of its own, or a vault's inline
    ``access_policy``) naming a system-assigned identity refers to that identity instead of
    its resource; a resource whose identity is one refers to it."""
    if r.type in _PRINCIPAL_OF or r.type in VAULTS:
        principal = _PRINCIPAL_OF.get(r.type)
        changed: list[Reference] = []
        vault = ctx.referenced(r, "key_vault_id", VAULTS) if r.type == ACCESS_POLICY else r
        ignored = vault is not None and vault.type in VAULTS and _rbac_only(vault)
        for ref in references:
            if ignored and (ref.attribute == "key_vault_id" or INLINE_POLICY.match(ref.attribute)):
                continue  # its vault authorizes by Azure RBAC: the access policy grants nothing
            names = ref.attribute == principal or (
                principal is None and INLINE_POLICY.match(ref.attribute) is not None
            )
            target = ctx.resolve(r, ref.target) if names else None
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


def _role_facets(
    r: TfResource, ctx: TfContext, role: str, wild: tuple[str, ...], every: bool,
    scope: str | None, doc: bool = True,
) -> Mapped:
    """IAM-005 / admin facets of an assignment of ``role`` (its wildcard actions ``wild``;
    ``every``: it holds every action including role assignment) at ``scope``; ``doc``: a
    built-in role, whose permissions the reference page gives."""
    admin = False if not every else None if scope is None else scope == "top"
    if not wild:
        return "identity.policy", Facets(admin_privileges=admin, wildcard_permissions=False)
    granted = ", ".join(wild)
    if scope is None:
        ctx.note(r, "wildcard_permissions", None, unknown=Text(
            en=f"role {role} grants {granted} by wildcard and the assignment's scope is not "
            "known (at one resource's scope it would grant nothing beyond that resource)",
            th=f"บทบาท {role} ให้สิทธิ์ {granted} แบบ wildcard และไม่ทราบขอบเขต (scope) "
            "ของการมอบหมาย (หากเป็นขอบเขตของทรัพยากรเดียวจะไม่ให้สิทธิ์เกินทรัพยากรนั้น)",
        ))
        return "identity.policy", Facets(admin_privileges=admin)
    wildcard = scope != "resource"
    ctx.note(r, "wildcard_permissions", wildcard, because=Text(
        en=f"role {role} grants {granted} by wildcard"
        + (" at the scope of one resource" if not wildcard else f" at {_SCOPE_WORDS[scope]}")
        + (f" (built-in role permissions: {_ROLES_DOC})" if doc else ""),
        th=f"บทบาท {role} ให้สิทธิ์ {granted} แบบ wildcard"
        + (" ในขอบเขตของทรัพยากรเดียว" if not wildcard else f" ที่ระดับ {_SCOPE_WORDS_TH[scope]}")
        + (f" (สิทธิ์ของบทบาทในตัว: {_ROLES_DOC})" if doc else ""),
    ))
    return "identity.policy", Facets(admin_privileges=admin, wildcard_permissions=wildcard)


@dataclasses.dataclass(frozen=True)
class Grant:
    """The role an assignment gives: its name for a message (``role``), its wildcard actions
    and data actions (None: not known), whether it holds every action (a custom ``*``), and
    whether it is a built-in role (the reference page gives its permissions)."""

    role: str | None
    wildcards: tuple[str, ...] | None
    every: bool = False
    built_in: bool = True
    #: It may assign roles at its scope (module docstring: owner-like roles; a custom role
    #: whose actions allow role assignments, its ``not_actions`` not read).
    assigns: bool = False


def grant(r: TfResource, ctx: TfContext) -> Grant:
    """The role ``r`` (read as an ``azurerm_role_assignment``) gives: a custom role of the
    scan by its actions, a built-in one by :mod:`models.azure_builtin_roles`; a role
    looked up by ``data "azurerm_role_definition" { name = ... }`` is that built-in role."""
    custom = ctx.referenced(r, "role_definition_id", ["azurerm_role_definition"])
    if custom is None:
        custom = _named_definition(r, ctx)
    if custom is not None and custom.mode == "data":
        looked_up = text(custom.values, "name") or _role_name(custom, "role_definition_id")
        return Grant(_role_id(r), None) if looked_up == "" else _built_in(looked_up)
    if custom is not None:
        actions = role_actions(custom)
        if actions is None:
            return Grant(f"{custom.address} (custom)", None, built_in=False)
        wild = tuple(a for a in actions if wildcard_action(a))
        assigns = any(fnmatch.fnmatchcase(_ASSIGN_ROLES, a.lower()) for a in actions)
        return Grant(f"{custom.address} (custom)", wild, "*" in actions, False, assigns)
    role = _role_name(r)
    if role == "":
        return Grant(_role_id(r), None)
    return _built_in(role)


def _named_definition(r: TfResource, ctx: TfContext) -> TfResource | None:
    """The custom role of the scan (``azurerm_role_definition``) an assignment names by
    ``role_definition_name``: by reference (``azurerm_role_definition.ops.name``), else by
    the name written, when it is no built-in role and exactly one role definition of the
    scan has that name (a custom role's name is unique in its tenant,
    learn.microsoft.com/azure/role-based-access-control/custom-roles, "Custom role
    properties": roleName). None otherwise."""
    found = ctx.referenced(r, "role_definition_name", ["azurerm_role_definition"])
    if found is not None:
        return found if found.mode != "data" else None
    name = text(r.values, "role_definition_name")
    if not name or builtin.wildcards(name) is not None:
        return None
    named = [
        d for d in ctx.by_type.get("azurerm_role_definition", ())
        if d.mode != "data" and text(d.values, "name") == name
    ]
    return named[0] if len(named) == 1 else None


def _not_known(given: Grant) -> Text:
    """Why the actions of an assignment's role are not known."""
    if given.role is None:
        return Text(
            en="the role it assigns is not known from the input (role_definition_id or "
            "role_definition_name is computed or an input)",
            th="ไม่ทราบบทบาทที่มอบหมายจากข้อมูลนำเข้า (role_definition_id หรือ "
            "role_definition_name คำนวณขึ้นหรือเป็นค่านำเข้า)",
        )
    if not given.built_in:
        return Text(
            en=f"the actions of role {given.role} are not known from the input",
            th=f"ไม่ทราบการกระทำที่บทบาท {given.role} อนุญาตจากข้อมูลนำเข้า",
        )
    return Text(
        en=f"the actions of role {given.role} are not known: it is neither a built-in role "
        "of gdcc-audit's table nor a role definition of the scan",
        th=f"ไม่ทราบการกระทำที่บทบาท {given.role} อนุญาต: ไม่ใช่บทบาทในตัว (built-in) "
        "ที่อยู่ในตารางของ gdcc-audit และไม่ใช่นิยามบทบาทในการกำหนดค่าที่สแกน",
    )


def _built_in(role: str | None) -> Grant:
    """A built-in role by name (None: not known)."""
    if role is None:
        return Grant(None, None)
    name = builtin.canonical(role)
    return Grant(name, builtin.wildcards(role), assigns=name in _OWNER_LIKE)


def role_assignment(r: TfResource, ctx: TfContext) -> Mapped:
    """``azurerm_role_assignment``: a custom role of the scan (``azurerm_role_definition``) by
    its actions and data actions, a built-in role by the same actions written in
    :mod:`models.azure_builtin_roles`, so both get the same verdict; owner-like roles and
    ``*`` at the top are administrator grants (module docstring)."""
    scope = scope_of(r, ctx)
    given = grant(r, ctx)
    if given.wildcards is None:
        ctx.note(r, "wildcard_permissions", None, unknown=_not_known(given))
        return "identity.policy", Facets()
    role = str(given.role)
    if not given.built_in:
        return _role_facets(r, ctx, role, given.wildcards, given.every, scope, doc=False)
    if role in _OWNER_LIKE:
        admin: bool | None = None if scope is None else scope == "top"
        _, facets = _role_facets(r, ctx, role, given.wildcards, False, scope)
        return "identity.policy", facets.model_copy(update={"admin_privileges": admin})
    return _role_facets(r, ctx, role, given.wildcards, False, scope)


def _role_id(r: TfResource) -> str:
    """The role definition GUID an assignment names (for a message)."""
    found = _written_guid(r, "role_definition_id")
    return f"id {found}" if found else "(id not known)"


def _role_name(r: TfResource, id_attribute: str = "role_definition_id") -> str | None:
    """The built-in role named by ``role_definition_name`` or a built-in role id; a role id
    that is no built-in role of the table is a role with no name here ("")."""
    name = text(r.values, "role_definition_name")
    if name:
        return name
    found = _written_guid(r, id_attribute)
    if found is None:
        return None
    return builtin.BY_ID.get(found.lower(), "") if found else ""


def _written_guid(r: TfResource, attribute: str) -> str | None:
    """The role definition GUID ``attribute`` names: the last GUID of the id, for
    ``/subscriptions/<subscription>/providers/Microsoft.Authorization/roleDefinitions/<role>``
    names the subscription first; read from the written part of an id built in part
    (``"${data.azurerm_subscription.current.id}/providers/.../roleDefinitions/<role>"``) when
    the role's GUID is written after the last value not known. "" when the id holds none;
    None when it is not known."""
    definition = text(r.values, attribute)
    if definition is None:
        shape = r.shapes.get(attribute)
        if not isinstance(shape, str):
            return None
        definition = shape.rsplit(UNKNOWN_TEXT, 1)[-1]
        if "roledefinitions/" not in definition.lower():
            return None
    found = _GUID.findall(definition)
    return found[-1] if found else ""


def scope_of(r: TfResource, ctx: TfContext) -> str | None:
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
    if may_be_beyond(r, "scope"):
        return None  # ``coalesce(var.scope, azurerm_resource_group.rg.id)``: any scope
    found = {
        _referred_scope(r, ctx, ref.target)
        for ref in r.references
        if ref.attribute.split(".", 1)[0] == "scope"
    }
    # several (``var.wide ? data.azurerm_subscription.s.id : azurerm_resource_group.rg.id``):
    # chosen at apply time, not known
    return found.pop() if len(found) == 1 else None


#: The module calls an address inside a module starts with.
_CALLS = re.compile(r"^(?:module\.[^.\[]+(?:\[[^\]]*\])?\.)+")


def _referred_scope(r: TfResource, ctx: TfContext, target: str) -> str | None:
    """The scope level a reference of ``scope`` names (None: not a scope known); a
    reference inside a module call is named with the call (``module.vault.azapi_resource.
    this``)."""
    kind = _CALLS.sub("", target).removeprefix("data.").split(".", 1)[0]
    if kind == "azapi_resource":
        return _arm_scope(ctx.resolve(r, target))
    if kind in _TOP_SCOPES:
        return "top"
    if kind in _GROUP_SCOPES:
        return "group"
    if kind.startswith("azurerm_"):
        return "resource"
    return None


def _arm_scope(target: TfResource | None) -> str | None:
    """The scope an AzAPI resource is: a subscription or management group (top), a resource
    group, anything else one resource; None when not known."""
    from gdcc_audit.normalize.terraform.azapi_body import arm_type

    kind = (arm_type(target) or "").lower() if target is not None else ""
    if not kind:
        return None
    if kind in ("microsoft.resources/subscriptions", "microsoft.management/managementgroups",
                "microsoft.subscription/aliases"):
        return "top"
    return "group" if kind == "microsoft.resources/resourcegroups" else "resource"


#: The ARM type of an AzAPI role assignment.
ARM_ASSIGNMENT = "Microsoft.Authorization/roleAssignments"
_DEFINITIONS = ("azurerm_role_definition.", "data.azurerm_role_definition.")


def as_assignment(r: TfResource) -> TfResource | None:
    """``r`` read as an ``azurerm_role_assignment``: itself, or an AzAPI
    ``Microsoft.Authorization/roleAssignments`` whose scope is its ``parent_id`` and whose
    role and principal are ``properties.roleDefinitionId`` / ``principalId`` (a reference in
    the body naming a role definition is the role, any other the principal); None for
    anything else, or an AzAPI body not known."""
    from gdcc_audit.load.terraform_model import TfReference
    from gdcc_audit.normalize.terraform.azapi_body import arm_type, properties, same_type

    if r.type == ASSIGNMENT:
        return r
    if r.type != "azapi_resource" or not same_type(arm_type(r), ARM_ASSIGNMENT):
        return None
    body = properties(r)
    if body is None:
        return None
    references: list[TfReference] = []
    for ref in r.references:
        if ref.attribute == "parent_id":
            references.append(TfReference(target=ref.target, attribute="scope"))
        elif ref.attribute.split(".", 1)[0] == "body":
            role = ref.target.startswith(_DEFINITIONS)
            references.append(TfReference(
                target=ref.target, attribute="role_definition_id" if role else "principal_id",
            ))
    shape = r.shapes.get("body.properties.roleDefinitionId")
    values = {
        "scope": r.values.get("parent_id"),
        "role_definition_id": body.get("roleDefinitionId"),
        "principal_id": body.get("principalId"),
    }
    # an AVM interfaces' assignment naming a custom role (``known_modules.ROLE_NAME``): the
    # module looks its id up by that name, as ``role_definition_name`` does
    whole = r.values.get("body")
    named = whole.get(ROLE_NAME) if isinstance(whole, dict) else None
    if values["role_definition_id"] is UNKNOWN and isinstance(named, str) and named:
        values["role_definition_name"] = named
    return dataclasses.replace(
        r, references=references, values=values,
        shapes={"role_definition_id": shape} if shape is not None else {},
    )


def arm_role_assignment(r: TfResource, ctx: TfContext) -> Mapped:
    """AzAPI ``Microsoft.Authorization/roleAssignments``: read as an
    ``azurerm_role_assignment`` (:func:`as_assignment`, :func:`role_assignment`)."""
    read = as_assignment(r)
    return ("identity.policy", Facets()) if read is None else role_assignment(read, ctx)


def role_actions(definition: TfResource) -> list[str] | None:
    """The actions and data actions of an ``azurerm_role_definition``'s ``permissions``
    blocks; None when one is not known."""
    permissions = blocks(definition.values, "permissions")
    if permissions is None:
        return None
    actions: list[str] = []
    for item in permissions:
        for key in ("actions", "data_actions"):
            if item.get(key) is None:
                continue
            found = string_list(item, key)
            if found is None:
                return None
            actions.extend(found)
    return actions


def role_definition(r: TfResource, ctx: TfContext) -> Mapped:
    """``azurerm_role_definition``: an action or data action holding ``*`` is a wildcard
    grant (as in :func:`role_assignment`); ``actions = ["*"]`` assignable at the top is
    owner-like."""
    actions = role_actions(r)
    if actions is None:
        return "identity.policy", Facets()
    scopes = string_list(r.values, "assignable_scopes")
    wild = tuple(a for a in actions if wildcard_action(a))
    if wild:
        ctx.note(r, "wildcard_permissions", True, because=Text(
            en=f"the role grants {', '.join(wild)} by wildcard",
            th=f"บทบาทนี้ให้สิทธิ์ {', '.join(wild)} แบบ wildcard",
        ))
    return "identity.policy", Facets(
        wildcard_permissions=bool(wild),
        admin_privileges="*" in actions
        and (scopes is None or any(s == "/" or s.count("/") <= 2 for s in scopes)),
    )


#: An access policy's permission lists. "all" is no permission the azurerm provider
#: accepts, but the Key Vault REST API's ``KeyPermissions`` / ``SecretPermissions`` /
#: ``CertificatePermissions`` enumerations list it (learn.microsoft.com/rest/api/keyvault/
#: keyvault/vaults/create-or-update): read as a wildcard.
_POLICY_PERMISSIONS = (
    "key_permissions", "secret_permissions", "certificate_permissions", "storage_permissions",
)


def _rbac_only(vault: TfResource) -> bool:
    """Whether a vault authorizes data actions by Azure RBAC only: "When Azure RBAC
    permission model is enabled, all access policies permissions become invalid"
    (learn.microsoft.com/azure/key-vault/general/rbac-migration); ``enable_rbac_authorization``
    (``rbac_authorization_enabled`` from azurerm 4.x) defaults to false."""
    return any(
        vault.values.get(name) is True
        for name in ("enable_rbac_authorization", "rbac_authorization_enabled")
    )


def key_vault_access_policy(r: TfResource, ctx: TfContext) -> Mapped:
    """``azurerm_key_vault_access_policy``: a grant to ``object_id`` on its vault
    (``key_vault_id``) of the keys, secrets and certificates permissions it lists ("Get",
    "List", "Purge"...), as a role assignment at the vault's scope: the principal's identity
    reaches the vault (GDCC-GRAPH-006; it was not read, so an identity that may read a vault
    of another system PASSed). No administrator grant (an access policy cannot assign roles);
    a wildcard only for the API's "all"."""
    wild: list[str] = []
    for name in _POLICY_PERMISSIONS:
        listed = string_list(r.values, name)
        if listed is None:
            ctx.note(r, "wildcard_permissions", None, unknown=Text(
                en=f"the {name} of the access policy are not known",
                th=f"ไม่ทราบ {name} ของ access policy",
            ))
            return "identity.policy", Facets(admin_privileges=False)
        wild.extend(f"{name}: {p}" for p in listed if p.lower() == "all")
    if wild:
        ctx.note(r, "wildcard_permissions", True, because=Text(
            en=f"the access policy grants {', '.join(wild)} on its vault",
            th=f"access policy ให้สิทธิ์ {', '.join(wild)} บน vault",
        ))
    return "identity.policy", Facets(admin_privileges=False, wildcard_permissions=bool(wild))


MAPPINGS: dict[str, MapFn] = {
    "azurerm_user_assigned_identity": managed_identity,
    "azurerm_role_assignment": role_assignment,
    "azurerm_role_definition": role_definition,
    ACCESS_POLICY: key_vault_access_policy,
}
