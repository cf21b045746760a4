"""GDCC-IAM-005 judged a built-in Azure role by name only: Owner / Contributor / the access
administrators were wildcard grants and every other role PASSed, even Network Contributor
(``Microsoft.Network/*``) or Reader (``*/read``), while a custom role with the same actions
FAILed (``Microsoft.Network/*``) or PASSed (``*/read``: only ``*`` and ``.../*`` counted).
Built-in roles are now read from a table of their actions (the Azure built-in roles
reference) and judged with custom roles by one test: any action or data action holding
``*``, as for AWS (``s3:Get*``); a role in neither is UNKNOWN, not PASS."""

from __future__ import annotations

from pathlib import Path

import pytest

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Finding, Status
from gdcc_audit.settings import Settings

_HEAD = """\
data "azurerm_subscription" "current" {}
resource "azurerm_resource_group" "rg" {
  name     = "rg"
  location = "southeastasia"
}
resource "azurerm_user_assigned_identity" "id" {
  name                = "id"
  resource_group_name = azurerm_resource_group.rg.name
  location            = "southeastasia"
}
"""
_CUSTOM = """\
resource "azurerm_role_definition" "{name}" {{
  name  = "{name}"
  scope = data.azurerm_subscription.current.id
  permissions {{
    actions      = [{actions}]
    data_actions = [{data_actions}]
  }}
}}
resource "azurerm_role_assignment" "custom_{name}" {{
  scope              = {scope}
  role_definition_id = azurerm_role_definition.{name}.role_definition_resource_id
  principal_id       = azurerm_user_assigned_identity.id.principal_id
}}
"""
_BUILT_IN = """\
resource "azurerm_role_assignment" "builtin_{name}" {{
  scope        = {scope}
  {role}
  principal_id = azurerm_user_assigned_identity.id.principal_id
}}
"""
_GROUP = "azurerm_resource_group.rg.id"
_SUBSCRIPTION = "data.azurerm_subscription.current.id"
#: name, built-in role line, the custom role's actions and data actions, scope
_PAIRS = (
    ("network", 'role_definition_name = "Network Contributor"',
     '"Microsoft.Authorization/*/read", "Microsoft.Insights/alertRules/*", '
     '"Microsoft.Network/*", "Microsoft.Resources/deployments/*", '
     '"Microsoft.Resources/subscriptions/resourceGroups/read", "Microsoft.Support/*"', "",
     _GROUP),
    ("reader", 'role_definition_id = "/providers/Microsoft.Authorization/roleDefinitions/'
     'acdd72a7-3385-48ef-bd42-f606fba81ae7"', '"*/read"', "", _SUBSCRIPTION),
    ("blob_owner", 'role_definition_name = "storage blob data owner"',
     '"Microsoft.Storage/storageAccounts/blobServices/containers/*", '
     '"Microsoft.Storage/storageAccounts/blobServices/generateUserDelegationKey/action"',
     '"Microsoft.Storage/storageAccounts/blobServices/containers/blobs/*"', _GROUP),
    ("blob_reader", 'role_definition_name = "Storage Blob Data Reader"',
     '"Microsoft.Storage/storageAccounts/blobServices/containers/read", '
     '"Microsoft.Storage/storageAccounts/blobServices/generateUserDelegationKey/action"',
     '"Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read"', _GROUP),
    ("acr_pull", 'role_definition_name = "AcrPull"',
     '"Microsoft.ContainerRegistry/registries/pull/read"', "", _SUBSCRIPTION),
    # stop 36 (were UNKNOWN "not known"): the MicrosoftDocs built-in roles JSON
    ("appconfig_owner", 'role_definition_name = "App Configuration Data Owner"', "",
     '"Microsoft.AppConfiguration/configurationStores/*/read", '
     '"Microsoft.AppConfiguration/configurationStores/*/write", '
     '"Microsoft.AppConfiguration/configurationStores/*/delete", '
     '"Microsoft.AppConfiguration/configurationStores/*/action"', _GROUP),
    ("avd_user", 'role_definition_id = "/providers/Microsoft.Authorization/roleDefinitions/'
     '1d18fff3-a72a-46b5-b4a9-0b38a3cd7e63"', "",
     '"Microsoft.DesktopVirtualization/applicationGroups/useApplications/action", '
     '"Microsoft.DesktopVirtualization/appAttachPackages/useApplications/action"', _GROUP),
)
TERRAFORM = _HEAD + "".join(
    _CUSTOM.format(name=name, actions=actions, data_actions=data, scope=scope)
    + _BUILT_IN.format(name=name, role=role, scope=scope)
    for name, role, actions, data, scope in _PAIRS
) + """\
resource "azurerm_role_assignment" "not_listed" {
  scope                = azurerm_resource_group.rg.id
  role_definition_name = "Some Preview Role"
  principal_id         = azurerm_user_assigned_identity.id.principal_id
}
resource "azurerm_role_assignment" "network_on_a_vnet" {
  scope                = azurerm_virtual_network.vnet.id
  role_definition_name = "Network Contributor"
  principal_id         = azurerm_user_assigned_identity.id.principal_id
}
resource "azurerm_virtual_network" "vnet" {
  name                = "vnet"
  resource_group_name = azurerm_resource_group.rg.name
  location            = "southeastasia"
  address_space       = ["10.0.0.0/16"]
}
"""


@pytest.fixture(scope="module")
def findings(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Finding]:
    folder = tmp_path_factory.mktemp("roles")
    (folder / "main.tf").write_text(TERRAFORM, encoding="utf-8")
    result = audit([folder], Settings(rule_ids=["GDCC-IAM-005"]))
    addresses = {r.id: str(r.address) for r in result.resources}
    return {addresses[f.resource_id]: f for f in result.findings}


@pytest.mark.parametrize(("name", "status"), [
    ("network", Status.FAIL), ("reader", Status.FAIL), ("blob_owner", Status.FAIL),
    ("blob_reader", Status.PASS), ("acr_pull", Status.PASS),
    ("appconfig_owner", Status.FAIL), ("avd_user", Status.PASS),
])
def test_a_built_in_role_and_a_custom_role_with_its_actions_agree(
    findings: dict[str, Finding], name: str, status: Status
) -> None:
    built_in = findings[f"azurerm_role_assignment.builtin_{name}"]
    custom = findings[f"azurerm_role_assignment.custom_{name}"]
    assert (built_in.status, custom.status) == (status, status)
    assert findings[f"azurerm_role_definition.{name}"].status is status


def test_the_finding_names_the_role_and_its_wildcards(findings: dict[str, Finding]) -> None:
    reader = findings["azurerm_role_assignment.builtin_reader"]
    assert reader.message.en == (
        "it grants permissions by wildcard (role Reader grants */read by wildcard at a "
        "subscription, management group or root scope (built-in role permissions: "
        "learn.microsoft.com/azure/role-based-access-control/built-in-roles))"
    )
    owner = findings["azurerm_role_assignment.custom_blob_owner"].message.en
    assert owner == (
        "it grants permissions by wildcard (role azurerm_role_definition.blob_owner (custom) "
        "grants Microsoft.Storage/storageAccounts/blobServices/containers/*, "
        "Microsoft.Storage/storageAccounts/blobServices/containers/blobs/* by wildcard at a "
        "resource group)"
    )


def test_a_role_in_neither_table_nor_scan_is_not_known(findings: dict[str, Finding]) -> None:
    found = findings["azurerm_role_assignment.not_listed"]
    assert found.status is Status.UNKNOWN
    assert "the actions of role Some Preview Role are not known" in found.message.en


def test_a_wildcard_role_on_one_resource_is_no_wildcard_grant(
    findings: dict[str, Finding],
) -> None:
    assert findings["azurerm_role_assignment.network_on_a_vnet"].status is Status.PASS


def test_the_custom_role_definition_names_its_wildcards(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(TERRAFORM, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=["GDCC-IAM-005"]))
    addresses = {r.id: str(r.address) for r in result.resources}
    found = next(f for f in result.findings
                 if addresses[f.resource_id] == "azurerm_role_definition.reader")
    assert found.message.en == (
        "it grants permissions by wildcard (the role grants */read by wildcard)"
    )


def test_a_wildcard_role_at_a_scope_not_known_says_so(tmp_path: Path) -> None:
    """It PASSed: every built-in role but four was taken to grant no wildcard."""
    (tmp_path / "main.tf").write_text(_HEAD + """\
variable "scope" {
  type = string
}
resource "azurerm_role_assignment" "kv_admin" {
  scope                = var.scope
  role_definition_name = "Key Vault Administrator"
  principal_id         = azurerm_user_assigned_identity.id.principal_id
}
""", encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=["GDCC-IAM-005"]))
    addresses = {r.id: str(r.address) for r in result.resources}
    found = next(f for f in result.findings
                 if addresses[f.resource_id] == "azurerm_role_assignment.kv_admin")
    assert found.status is Status.UNKNOWN
    assert "role Key Vault Administrator grants Microsoft.Authorization/*/read" in (
        found.message.en
    )
    assert "and the assignment's scope is not known" in found.message.en


_SUB = "/subscriptions/00000000-0000-0000-0000-000000000000"
_ROLE_IDS = _SUB + "/providers/Microsoft.Authorization/roleDefinitions/"
_LOOKED_UP = _HEAD + """\
data "azurerm_role_definition" "network" {
  name = "Network Contributor"
}
data "azurerm_role_definition" "acr_pull" {
  name = "AcrPull"
}
resource "azurerm_role_assignment" "owner_by_subscription_id" {
  scope              = data.azurerm_subscription.current.id
  role_definition_id = "ROLES8e3af657-a8ff-443c-a75c-2fe8c4bcb635"
  principal_id       = azurerm_user_assigned_identity.id.principal_id
}
resource "azurerm_role_assignment" "network_by_data" {
  scope              = azurerm_resource_group.rg.id
  role_definition_id = data.azurerm_role_definition.network.id
  principal_id       = azurerm_user_assigned_identity.id.principal_id
}
resource "azapi_resource" "reader" {
  type      = "Microsoft.Authorization/roleAssignments@2022-04-01"
  name      = "00000000-0000-0000-0000-000000000001"
  parent_id = "/subscriptions/00000000-0000-0000-0000-000000000000"
  body = {
    properties = {
      principalId      = azurerm_user_assigned_identity.id.principal_id
      roleDefinitionId = "ROLESacdd72a7-3385-48ef-bd42-f606fba81ae7"
    }
  }
}
resource "azapi_resource" "acr_pull" {
  type      = "Microsoft.Authorization/roleAssignments@2022-04-01"
  name      = "00000000-0000-0000-0000-000000000002"
  parent_id = azurerm_resource_group.rg.id
  body = {
    properties = {
      principalId      = azurerm_user_assigned_identity.id.principal_id
      roleDefinitionId = data.azurerm_role_definition.acr_pull.id
    }
  }
}
"""


@pytest.mark.parametrize(("address", "status", "role"), [
    # the first GUID of the id (the subscription) was taken for the role: Owner PASSed
    ("azurerm_role_assignment.owner_by_subscription_id", Status.FAIL, "role Owner grants *"),
    # a role looked up by a data source was not known (UNKNOWN)
    ("azurerm_role_assignment.network_by_data", Status.FAIL, "role Network Contributor grants"),
    # AzAPI role assignments were not judged
    ("azapi_resource.reader", Status.FAIL, "role Reader grants */read"),
    ("azapi_resource.acr_pull", Status.PASS, ""),
])
def test_roles_named_by_id_data_source_or_azapi(
    tmp_path: Path, address: str, status: Status, role: str
) -> None:
    (tmp_path / "main.tf").write_text(_LOOKED_UP.replace("ROLES", _ROLE_IDS), encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=["GDCC-IAM-005"]))
    addresses = {r.id: str(r.address) for r in result.resources}
    found = next(f for f in result.findings if addresses[f.resource_id] == address)
    assert found.status is status
    assert role in found.message.en


def test_a_role_id_built_in_part_is_read_by_its_written_guid(tmp_path: Path) -> None:
    """``"${data.azurerm_subscription.current.id}/providers/.../roleDefinitions/<Owner>"``
    (azurerm) and the same in an AzAPI body were UNKNOWN: the id is not known as a whole,
    but the role's GUID is written."""
    (tmp_path / "main.tf").write_text(_HEAD + """\
data "azapi_client_config" "current" {}
resource "azurerm_role_assignment" "owner" {
  scope              = data.azurerm_subscription.current.id
  role_definition_id = "${data.azurerm_subscription.current.id}/providers/Microsoft.Authorization/roleDefinitions/8e3af657-a8ff-443c-a75c-2fe8c4bcb635"
  principal_id       = azurerm_user_assigned_identity.id.principal_id
}
resource "azapi_resource" "reader" {
  type      = "Microsoft.Authorization/roleAssignments@2022-04-01"
  name      = "x"
  parent_id = data.azurerm_subscription.current.id
  body = {
    properties = {
      principalId      = azurerm_user_assigned_identity.id.principal_id
      roleDefinitionId = "/subscriptions/${data.azapi_client_config.current.subscription_id}/providers/Microsoft.Authorization/roleDefinitions/acdd72a7-3385-48ef-bd42-f606fba81ae7"
    }
  }
}
""", encoding="utf-8")  # noqa: E501
    result = audit([tmp_path], Settings(rule_ids=["GDCC-IAM-005"]))
    addresses = {r.id: str(r.address) for r in result.resources}
    found = {addresses[f.resource_id]: f for f in result.findings}
    assert found["azurerm_role_assignment.owner"].status is Status.FAIL
    assert "role Owner grants *" in found["azurerm_role_assignment.owner"].message.en
    assert found["azapi_resource.reader"].status is Status.FAIL
    assert "role Reader grants */read" in found["azapi_resource.reader"].message.en


_MORE = """\
resource "azurerm_role_assignment" "{name}" {{
  scope              = azurerm_resource_group.rg.id
  role_definition_id = "/providers/Microsoft.Authorization/roleDefinitions/{guid}"
  principal_id       = azurerm_user_assigned_identity.id.principal_id
}}
"""


@pytest.mark.parametrize(("guid", "status", "named"), [
    # Virtual Machine Contributor: Microsoft.Compute/virtualMachines/* and more
    ("9980e02c-c2be-4d73-94e8-173b1dc7cf3c", Status.FAIL, "Virtual Machine Contributor"),
    # Azure Kubernetes Service RBAC Writer: managedClusters/secrets/* ... (data actions)
    ("a7ffa36f-339b-4b5c-8bdf-e2c188b2c0eb", Status.FAIL,
     "Azure Kubernetes Service RBAC Writer"),
    # Key Vault Crypto User, Key Vault Certificate User: every data action named
    ("12338af0-0e69-4776-bea7-57ae8d297424", Status.PASS, None),
    ("db79e9a7-68ee-4b58-9aeb-b90e7c24fcba", Status.PASS, None),
    # Storage Table Data Reader (the table knew its name, not its id)
    ("76199698-9eea-4c19-bc75-cec21354c6b6", Status.PASS, None),
])
def test_more_built_in_roles_by_id(
    tmp_path: Path, guid: str, status: Status, named: str | None
) -> None:
    """Roles added to the table in stop 35 (built-in roles reference, compute, containers
    and security pages): they were UNKNOWN "the actions of role id ... are not known"."""
    (tmp_path / "main.tf").write_text(_HEAD + _MORE.format(name="more", guid=guid), "utf-8")
    result = audit([tmp_path], Settings(rule_ids=["GDCC-IAM-005"]))
    addresses = {r.id: str(r.address) for r in result.resources}
    found = next(f for f in result.findings
                 if addresses[f.resource_id] == "azurerm_role_assignment.more")
    assert found.status is status
    if named is not None:
        assert found.message.en.startswith(f"it grants permissions by wildcard (role {named} ")


@pytest.mark.parametrize(("role", "reason"), [
    ("role_definition_name = var.role",
     "the role it assigns is not known from the input (role_definition_id or "
     "role_definition_name is computed or an input)"),
    ("role_definition_id = azurerm_role_definition.dynamic.role_definition_resource_id",
     "the actions of role azurerm_role_definition.dynamic (custom) are not known from the "
     "input"),
])
def test_a_role_not_known_says_why(tmp_path: Path, role: str, reason: str) -> None:
    """Both were UNKNOWN with no reason ("not known from the input")."""
    (tmp_path / "main.tf").write_text(_HEAD + f"""\
variable "role" {{
  type = string
}}
variable "actions" {{
  type = list(string)
}}
resource "azurerm_role_definition" "dynamic" {{
  name  = "dynamic"
  scope = data.azurerm_subscription.current.id
  permissions {{
    actions = var.actions
  }}
}}
resource "azurerm_role_assignment" "unknown" {{
  scope        = azurerm_resource_group.rg.id
  {role}
  principal_id = azurerm_user_assigned_identity.id.principal_id
}}
""", "utf-8")
    result = audit([tmp_path], Settings(rule_ids=["GDCC-IAM-005"]))
    addresses = {r.id: str(r.address) for r in result.resources}
    found = next(f for f in result.findings
                 if addresses[f.resource_id] == "azurerm_role_assignment.unknown")
    assert found.status is Status.UNKNOWN
    assert found.evidence["unknown_because"] == {"wildcard_permissions": reason}
