"""What an Azure role assignment's wildcard grant lets its holder do, resource by resource.

An assignment reaches what is in its scope ("a role assignment at a resource group scope
grants access to all resources in that resource group", learn.microsoft.com/azure/
role-based-access-control/scope-overview), as far as the role's actions apply to each
resource's type: ``Microsoft.Network/*`` acts on networks, not on a storage account of the
same group; ``*`` and ``*/read`` on everything. The assignment notes its grant
(``normalize/terraform/azure_grant_scope.py``): at a subscription, management group or root
the scope is every Azure resource of the scan, at a resource group the resources it refers
to (``in_scope``), at one resource that resource. What the actions let the holder do there
is classed as for AWS (:mod:`graph.grants`): acting as an identity (assigning roles, using a
user-assigned identity, running code on compute that has one), reading or writing data
(account keys, blobs, secrets), or controlling it. Only a grant holding ``*`` or ``*/...``
at the top reaches everything of the provider (``unbounded``); any other is walked here.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from gdcc_audit.graph.grants import ACT_AS, CONTROL, DATA, NONE, UNKNOWN, Reach
from gdcc_audit.models.resource import Resource
from gdcc_audit.normalize.arm_types import arm_type_of
from gdcc_audit.normalize.azure_grant_keys import (
    GRANT_AT,
    GRANT_ESCALATES,
    GRANT_ROLE,
    GRANT_SCOPE,
    GRANT_WILDCARDS,
    IN_SCOPE,
)

if TYPE_CHECKING:
    from gdcc_audit.graph.model import ResourceGraph

AZURE_PROVIDERS = frozenset({"azurerm", "azapi"})

#: The action that gives the holder every permission in the scope: "Microsoft.Authorization/
#: roleAssignments/write: Create a role assignment at the specified scope" (Azure permissions
#: reference, Microsoft.Authorization), the holder's own principal included.
ESCALATE = "Microsoft.Authorization/roleAssignments/write"
#: Actions that let the holder act as an identity or run code with one: using a user-assigned
#: identity ("Microsoft.ManagedIdentity/userAssignedIdentities/*/assign/action", the
#: Managed Identity Operator role), and changing or running commands on compute that runs
#: with its managed identity (virtual machines and scale sets, App Service sites, container
#: apps and groups, AKS admin credentials, runbooks, Logic Apps): Azure permissions reference,
#: learn.microsoft.com/azure/role-based-access-control/permissions/ (compute, web, containers,
#: management-and-governance, integration).
ACT_AS_ACTIONS = (
    "Microsoft.ManagedIdentity/userAssignedIdentities/assign/action",
    "Microsoft.Compute/virtualMachines/write",
    "Microsoft.Compute/virtualMachines/runCommand/action",
    "Microsoft.Compute/virtualMachines/extensions/write",
    "Microsoft.Compute/virtualMachineScaleSets/write",
    "Microsoft.Web/sites/write", "Microsoft.Web/sites/config/write",
    "Microsoft.App/containerApps/write",
    "Microsoft.ContainerInstance/containerGroups/write",
    "Microsoft.ContainerService/managedClusters/listClusterAdminCredential/action",
    "Microsoft.ContainerService/managedClusters/runCommand/action",
    "Microsoft.Automation/automationAccounts/runbooks/write",
    "Microsoft.Logic/workflows/write",
)
#: Actions and data actions that read or write a store's data (same reference: storage,
#: security, databases, integration).
DATA_ACTIONS = (
    "Microsoft.Storage/storageAccounts/listKeys/action",
    "Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read",
    "Microsoft.Storage/storageAccounts/blobServices/containers/blobs/write",
    "Microsoft.Storage/storageAccounts/fileServices/fileshares/files/read",
    "Microsoft.Storage/storageAccounts/queueServices/queues/messages/read",
    "Microsoft.KeyVault/vaults/secrets/getSecret/action",
    "Microsoft.KeyVault/vaults/keys/decrypt/action",
    "Microsoft.DocumentDB/databaseAccounts/listKeys/action",
    "Microsoft.Cache/redis/listKeys/action",
    "Microsoft.ServiceBus/namespaces/authorizationRules/listKeys/action",
    "Microsoft.EventHub/namespaces/authorizationRules/listKeys/action",
    "Microsoft.ContainerRegistry/registries/pull/read",
)
_SCOPE_WORDS = {"top": "a subscription, management group or root scope",
                "group": "resource group", "resource": "resource"}


def is_grant(resource: Resource) -> bool:
    """Whether ``resource`` is an Azure role assignment whose wildcard grant is noted."""
    return isinstance(resource.attributes.get(GRANT_WILDCARDS), list)


def _patterns(resource: Resource) -> list[str]:
    return [p for p in resource.attributes.get(GRANT_WILDCARDS) or () if isinstance(p, str)]


def _prefix(pattern: str) -> str:
    """The literal start of an action pattern, up to its first wildcard (lower case)."""
    cut = min((i for i in (pattern.find("*"), pattern.find("?")) if i >= 0), default=len(pattern))
    return pattern[:cut].lower()


def everything(resource: Resource) -> bool:
    """Whether the grant reaches every Azure resource: a pattern for every namespace
    (``*``, ``*/read``) at a subscription, management group or root scope."""
    return resource.attributes.get(GRANT_SCOPE) == "top" and any(
        _prefix(p) == "" for p in _patterns(resource)
    )


def _applies(prefix: str, arm_type: str) -> bool:
    """Whether actions starting with ``prefix`` may act on a resource of ``arm_type`` or its
    children (``microsoft.keyvault/vaults/secrets/`` on a vault, ``microsoft.network/`` on a
    subnet)."""
    own = arm_type + "/"
    return own.startswith(prefix) or prefix.startswith(own)


def reach(patterns: list[str], arm_type: str | None, escalates: bool = False) -> Reach:
    """What a grant of ``patterns`` lets its holder do to a resource of ``arm_type`` (None:
    not known); ``escalates``: the role may assign roles (Owner, User Access Administrator,
    Role Based Access Control Administrator, a custom role allowing
    :data:`ESCALATE`): its holder may give itself any role there. Contributor's ``*`` is
    not one ("NotActions: Microsoft.Authorization/*/Write": built-in roles reference)."""
    if escalates:
        return ACT_AS
    everywhere = [p for p in patterns if _prefix(p) == ""]
    if arm_type is None:
        if not everywhere:
            return UNKNOWN if patterns else NONE  # a namespace's wildcard may reach it
        applying = patterns
    else:
        applying = [p for p in patterns if _applies(_prefix(p), arm_type)]
    if not applying:
        return NONE
    matchers = [_matcher(p) for p in applying]
    for found, listed in ((ACT_AS, ACT_AS_ACTIONS), (DATA, DATA_ACTIONS)):
        own = [a for a in listed if arm_type is None or a.lower().startswith(arm_type + "/")]
        if any(m.fullmatch(a) for a in own for m in matchers):
            return found
    return CONTROL


@lru_cache(maxsize=512)
def _matcher(pattern: str) -> re.Pattern[str]:
    """An Azure action pattern as a regular expression (case-insensitive): ``*`` matches any
    text, and ``/*/`` also a single ``/``: Managed Identity Operator's
    ``userAssignedIdentities/*/assign/action`` is what lets it perform
    ``userAssignedIdentities/assign/action`` ("Assigns a user-assigned identity": Azure
    permissions reference, Microsoft.ManagedIdentity)."""
    parts = [re.escape(p) for p in pattern.split("/*/")]
    joined = "(?:/.*)?/".join(p.replace(r"\*", ".*").replace(r"\?", ".") for p in parts)
    return re.compile(joined, re.IGNORECASE)


def _arm_type(resource: Resource) -> str | None:
    return arm_type_of(resource.provider_type, resource.attributes)


def _in_scope(graph: ResourceGraph, holder: Resource) -> list[Resource]:
    """The resources of the grant's scope (module docstring)."""
    scope = holder.attributes.get(GRANT_SCOPE)
    if scope == "top":
        return [r for r in graph.resources() if r.provider in AZURE_PROVIDERS]
    wanted = IN_SCOPE if scope == "group" else "scope"
    found: list[Resource] = []
    for target, attribute in graph.reference_attributes(holder):
        head = attribute.split(".", 1)[0]
        if head == wanted or (scope == "resource" and head == "parent_id"):
            found.append(target)
    return found


def steps(graph: ResourceGraph, holder: Resource) -> list[tuple[str, Reach]]:
    """Each resource of the grant's scope with what the role's wildcards let its holder do
    there (the assignment's principal and role definition are not reached through it)."""
    patterns = _patterns(holder)
    escalates = holder.attributes.get(GRANT_ESCALATES) is True
    found: list[tuple[str, Reach]] = []
    for target in _in_scope(graph, holder):
        if target.id != holder.id:
            found.append((target.id, reach(patterns, _arm_type(target), escalates)))
    return found


def evidence(holder: Resource) -> list[str]:
    """What the grant gives by wildcard and where, for a finding (``role Network Contributor:
    Microsoft.Network/* at resource group azurerm_resource_group.rg``); empty when it reaches
    everything (``unbounded`` says so) or one resource (as GDCC-IAM-005 judges it: the
    grant names what it reaches)."""
    scope = str(holder.attributes.get(GRANT_SCOPE))
    if everything(holder) or scope == "resource":
        return []
    where = _SCOPE_WORDS.get(scope, scope)
    if scope != "top":
        where = f"{where} {holder.attributes.get(GRANT_AT)}"
    granted = ", ".join(_patterns(holder))
    return [f"role {holder.attributes.get(GRANT_ROLE)}: {granted} at {where}"]
