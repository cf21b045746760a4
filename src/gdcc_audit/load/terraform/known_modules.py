"""Registry modules whose outputs are read without their files, when ``terraform init`` has
not downloaded them.

A module call that was not downloaded gives UNKNOWN outputs (``module.py``). One module is
different: Cloud Posse's null label (``cloudposse/label/null``, github.com/cloudposse/
terraform-null-label) makes no resource and decides, through its ``enabled`` output, whether
every resource of a Cloud Posse module exists (``count = module.this.enabled ? 1 : 0`` in
each of them, the label called from the module's ``context.tf``). Left UNKNOWN, every such
resource has an unknown count and every policy document with that count is not rendered.
Its ``enabled`` is plain: ``var.enabled == null ? var.context.enabled : var.enabled``
(its main.tf), where ``var.enabled`` defaults to null and ``var.context`` to an object
with ``enabled = true`` (its variables.tf; label versions before ``context`` existed had
``enabled`` default to true); its ``context`` and ``normalized_context`` outputs pass that
``enabled`` on to the labels the module calls next. Only these are read; the label's other
outputs (``id``, ``tags``, the other context fields) stay UNKNOWN.

Azure Verified Modules' interfaces (``Azure/avm-utl-interfaces/azure``, every version read:
v0.1.0 to v0.7.0) turns a resource module's ``role_assignments``, ``diagnostic_settings``,
``private_endpoints`` and ``lock`` inputs into the maps its caller's ``azapi_resource``
blocks iterate (``for_each = module.avm_interfaces.role_assignments_azapi``). Left UNKNOWN,
each such resource had instances not known, even for a caller that asks for none (the
inputs' defaults, ``{}`` and null): a role assignment whose wildcard was 'not known' on
every example. Its outputs are read by their keys only (its locals.*.tf): ``{ for k, v in
var.X : k => {...} }`` has the input's keys (values not known), the private endpoints'
DNS zone groups too while ``private_endpoints_manage_dns_zone_group`` (default true); the
private endpoints' locks and role assignments are empty when there is no private
endpoint (not known otherwise); ``lock_azapi`` is null when ``lock`` is (default null).
``role_assignments_azapi`` also has each assignment's body: ``principalId`` and the optional
fields as given, ``roleDefinitionId`` the given ``role_definition_id_or_name`` when it is an
id, the built-in role's id when it names one (the module looks role names up among the role
definitions, on by default), not known otherwise; the name is not known. A name that is no
built-in role's (a custom role's: its id is known only after apply) is kept beside the body's
properties under ``ROLE_NAME`` while the lookup is on, so that the role assignment's reader
finds the custom role of the scan that has it (``normalize.terraform.azure_identity``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from gdcc_audit.load.terraform.versions import (
    Version,
    VersionRange,
    parse_constraint,
    parse_version,
)
from gdcc_audit.load.terraform_model import UNKNOWN
from gdcc_audit.models.azure_builtin_roles import BY_ID

#: ``cloudposse/label/null`` from the registry (with or without its host), or its GitHub
#: repository as a git source.
_LABEL = re.compile(
    r"^(?:registry\.terraform\.io/)?cloudposse/label/null(?://.*)?$"
    r"|^(?:git::)?(?:https://|ssh://git@|git@)?github\.com[/:]cloudposse/terraform-null-label"
    r"(?:\.git)?(?:\?.*)?$"
)
#: The fields of the label's ``context`` object (its ``output_context``).
_CONTEXT_FIELDS = (
    "namespace", "tenant", "environment", "stage", "name", "delimiter", "attributes", "tags",
    "additional_tag_map", "label_order", "regex_replace_chars", "id_length_limit",
    "label_key_case", "label_value_case", "labels_as_tags", "descriptor_formats",
)  # fmt: skip

#: An argument of the module call: its value, None when the call does not write it.
Argument = Callable[[str], Any]
#: One output of a module not downloaded, from the arguments of its call (UNKNOWN when not
#: modelled).
Model = Callable[[Argument, str], Any]


def _label_enabled(argument: Argument) -> Any:
    """The label's ``enabled``: the call's ``enabled`` unless null, else its ``context``'s
    (the default context's is true); UNKNOWN when either cannot be known."""
    enabled = argument("enabled")
    if enabled is None:
        context = argument("context")
        if context is None:
            return True
        enabled = context.get("enabled", UNKNOWN) if isinstance(context, dict) else UNKNOWN
    return enabled if isinstance(enabled, bool) else UNKNOWN


def _label_output(argument: Argument, name: str) -> Any:
    if name not in ("enabled", "context", "normalized_context"):
        return UNKNOWN
    enabled = _label_enabled(argument)
    if name == "enabled":
        return enabled
    return {"enabled": enabled, **dict.fromkeys(_CONTEXT_FIELDS, UNKNOWN)}


#: The interfaces' outputs that have the keys of one input map (values not known).
_INTERFACE_KEYS = {
    "diagnostic_settings_azapi": "diagnostic_settings",
    "diagnostic_settings_azapi_v2": "diagnostic_settings_v2",
    "private_endpoints_azapi": "private_endpoints",
}
#: Outputs empty when there is no private endpoint (which ones otherwise is not modelled).
_INTERFACE_PRIVATE_ENDPOINTS = frozenset(
    {"lock_private_endpoint_azapi", "role_assignments_private_endpoint_azapi"}
)


def _input_keys(argument: Argument, name: str) -> Any:
    """A map input of the interfaces as its keys, each value not known: ``{}`` when not
    written (its default; the inputs are ``nullable = false``); UNKNOWN when not known or
    its keys are not (a map whose ``for`` filter is not known)."""
    value = argument(name)
    if value is None:
        return {}
    if type(value) is not dict:
        return UNKNOWN
    return dict.fromkeys(value, UNKNOWN)


#: The id of a role definition as the interfaces' lookup gives it (``data.azapi_resource_list``
#: of ``Microsoft.Authorization/roleDefinitions``): only its GUID is read.
_ROLE_ID = "/providers/Microsoft.Authorization/roleDefinitions/"
#: Built-in role definition GUIDs by role name (``models.azure_builtin_roles.BY_ID``).
_BUILT_IN = {name: guid for guid, name in BY_ID.items()}
#: The key of a modelled role assignment's body (beside ``properties``; no ARM property) that
#: holds the role name its ``roleDefinitionId`` is looked up by, when that id is not known (a
#: custom role's name): the name, not its id, is what the call gives.
ROLE_NAME = "gdcc-audit:roleDefinitionName"
#: The optional fields of a role assignment item and their body properties.
_ASSIGNMENT_FIELDS = {
    "condition_version": "conditionVersion",
    "condition": "condition",
    "description": "description",
    "principal_type": "principalType",
    "delegated_managed_identity_resource_id": "delegatedManagedIdentityResourceId",
}


def _role_definition_id(argument: Argument, given: Any) -> Any:
    """``roleDefinitionId`` of a role assignment the interfaces make from its
    ``role_definition_id_or_name``: ``lookup(<role names to ids>, v, v)``. An id (``/...``)
    is kept; a built-in role's name is its id while the lookup is on (its default; role
    names are unique in a tenant, so the lookup finds the built-in role); anything else is
    not known."""
    if not isinstance(given, str):
        return UNKNOWN
    if given.startswith("/"):
        return given
    if argument("role_assignment_definition_lookup_enabled") in (None, True) and (
        given in _BUILT_IN
    ):
        return _ROLE_ID + _BUILT_IN[given]
    return UNKNOWN


def _role_assignments(argument: Argument) -> Any:
    """``role_assignments_azapi``: for each item of ``role_assignments``, the AzAPI role
    assignment the interfaces write (their locals.role_assignments.tf, every version read):
    the type, a name not known, and a body whose ``principalId`` and ``roleDefinitionId``
    come from the item."""
    keys = _input_keys(argument, "role_assignments")
    given = argument("role_assignments")
    if type(keys) is not dict or type(given) is not dict:
        return keys
    made: dict[str, Any] = {}
    for key in keys:
        item = given.get(key)
        if type(item) is not dict:
            made[key] = UNKNOWN
            continue
        properties = {
            "principalId": item.get("principal_id", UNKNOWN),
            "roleDefinitionId": _role_definition_id(
                argument, item.get("role_definition_id_or_name")
            ),
        }
        properties |= {
            arm: item[field] for field, arm in _ASSIGNMENT_FIELDS.items()
            if item.get(field) is not None
        }
        body: dict[str, Any] = {"properties": properties}
        named = item.get("role_definition_id_or_name")
        if (
            properties["roleDefinitionId"] is UNKNOWN
            and isinstance(named, str) and named
            and argument("role_assignment_definition_lookup_enabled") in (None, True)
        ):
            body[ROLE_NAME] = named  # a custom role's name, looked up at apply time
        made[key] = {
            "type": "Microsoft.Authorization/roleAssignments@2022-04-01",
            "name": UNKNOWN,
            "body": body,
        }
    return made


def _interfaces_output(argument: Argument, name: str) -> Any:
    """An output of ``Azure/avm-utl-interfaces/azure`` (module docstring)."""
    if name == "role_assignments_azapi":
        return _role_assignments(argument)
    if name in _INTERFACE_KEYS:
        return _input_keys(argument, _INTERFACE_KEYS[name])
    if name == "lock_azapi":
        return None if argument("lock") is None else UNKNOWN
    if name == "private_dns_zone_groups_azapi":
        manage = argument("private_endpoints_manage_dns_zone_group")
        if manage is False:
            return {}
        return _input_keys(argument, "private_endpoints") if manage in (None, True) else UNKNOWN
    if name in _INTERFACE_PRIVATE_ENDPOINTS:
        return {} if _input_keys(argument, "private_endpoints") == {} else UNKNOWN
    return UNKNOWN


_INTERFACES = "azure/avm-utl-interfaces/azure"


def modelled(source: str | None, version: str | None) -> Model | None:
    """What gives an output of a module of ``source`` called with the ``version``
    constraint that was not downloaded, from the arguments of its call; None for a module
    whose outputs are not modelled (the interfaces: only when every version the call admits
    was read)."""
    if source is not None and _LABEL.match(source.strip()):
        return _label_output
    if (
        source is not None
        and _REGISTRY_HOST.sub("", source.strip()).lower() == _INTERFACES
        and resourceless(source, version)
    ):
        return _interfaces_output
    return None


#: Registry modules that declare nothing a rule reads: no managed resource of a cloud, only
#: names, data sources and helpers that hold no cloud state (``random_*``; ``modtm_telemetry``,
#: the Azure Verified Modules' usage telemetry; ``null_resource``), with the newest version
#: read. Every published version up to it was read (github.com/<namespace>/terraform-
#: <provider>-<name>, each tag's *.tf outside examples and tests): a call of one that was not
#: downloaded, whose version constraint admits only those versions, hides no resource, so a
#: root calling it is whole for what may be declared elsewhere (a flow log, a diagnostic
#: setting, a firewall rule); its outputs stay UNKNOWN. A constraint that admits a later
#: release (``~> 0.4``, ``>= 0.3``, none: ``terraform init`` installs the newest) may get one
#: that declares a resource: the call is a gap as any other (:func:`unread_versions`).
_RESOURCELESS: dict[str, Version] = {
    # random_string only (0.1.0 to 0.4.3): CAF names for each resource type
    "azure/naming/azurerm": (0, 4, 3),
    # data sources only (v0.1.0 to v0.8.2): Azure regions and their zones
    "azure/regions/azurerm": (0, 8, 2),
    # data sources, random_uuid and modtm_telemetry (v0.1.0 to v0.12.0): regions
    "azure/avm-utl-regions/azurerm": (0, 12, 0),
    # data sources, random_uuid and modtm_telemetry (v0.1.0 to v0.7.0): the AzAPI bodies of
    # the AVM interfaces (role assignments, locks, diagnostic settings, private endpoints),
    # which the calling module declares itself (its resources are in the scan)
    "azure/avm-utl-interfaces/azure": (0, 7, 0),
    # locals and outputs (0.1.0 to 0.25.0; the early tags' null_resource and
    # null_data_source hold no cloud state): the Cloud Posse label (the module's docstring)
    "cloudposse/label/null": (0, 25, 0),
}
_REGISTRY_HOST = re.compile(r"^(?:registry\.terraform\.io|registry\.opentofu\.org)/", re.I)
#: a git source's ``?ref=`` (a tag: ``0.25.0``, ``tags/0.25.0``, ``v0.25.0``)
_GIT_REF = re.compile(r"[?&]ref=(?:refs/)?(?:tags/)?([^&]+)")


def _newest_read(source: str | None) -> Version | None:
    """The newest version read of the module ``source`` names, when it is one of
    ``_RESOURCELESS`` (the label as a git source too); None otherwise (a git URL, a
    submodule ``//x``, any other module)."""
    if source is None:
        return None
    if _LABEL.match(source.strip()):
        return _RESOURCELESS["cloudposse/label/null"]
    return _RESOURCELESS.get(_REGISTRY_HOST.sub("", source.strip()).lower())


def _admitted(source: str, version: str | None) -> VersionRange | None:
    """The versions a call may install: its ``version`` constraint (a registry source), the
    tag of a git source's ``ref``; no constraint, or one not read: any (None)."""
    if version is None and source.strip().startswith(("git::", "git@", "https://", "ssh://")):
        ref = _GIT_REF.search(source)
        version = ref.group(1) if ref is not None else None
        if version is not None and parse_version(version) is None:
            return None  # a branch or a commit: not a release read
    if version is None:
        return None
    return parse_constraint(version)


def unread_versions(source: str | None, version: str | None) -> str | None:
    """Why a call of a module of ``_RESOURCELESS`` may install a version that was not read
    (its constraint admits releases after the newest read, or it has none); None when every
    version it admits was read, or the module is not one of them."""
    newest = _newest_read(source)
    if newest is None or source is None:
        return None
    admitted = _admitted(source, version)
    if admitted is not None and admitted.meet(VersionRange(low=newest, low_in=False)).empty():
        return None
    read = ".".join(map(str, newest))
    if version is None:
        return (
            f"no release pinned: a release after {read}, the newest known to declare no "
            "resource, may be installed"
        )
    return (
        f'version "{version}" admits releases after {read}, the newest known to declare no '
        "resource"
    )



def resourceless(source: str | None, version: str | None) -> bool:
    """Whether a module of ``source`` (a registry address) called with the ``version``
    constraint (None: not written) declares no resource a rule reads: one of
    ``_RESOURCELESS`` and every version the call admits was read. False for any other source
    (a git URL but the label's, a submodule ``//x``)."""
    return _newest_read(source) is not None and unread_versions(source, version) is None
