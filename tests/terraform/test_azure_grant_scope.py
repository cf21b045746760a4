"""An Azure role assignment's wildcard grant reaches what is in its scope, as far as the role's
actions apply (GDCC-GRAPH-006, ``graph/azure_grants.py``). Before, any Azure wildcard grant
reached "all N azurerm resources": Network Contributor on one resource group reached the
storage accounts of another group."""

from __future__ import annotations

from pathlib import Path

import pytest

from gdcc_audit.api import audit
from gdcc_audit.graph.model import ResourceGraph
from gdcc_audit.models.finding import Finding, Status
from gdcc_audit.models.resource import Resource
from gdcc_audit.settings import Settings
from iac_helpers import run

TERRAFORM = """\
locals {
  sub = "00000000-0000-0000-0000-000000000000"
}
resource "azurerm_resource_group" "rg" {
  name     = "rg-app"
  location = "southeastasia"
}
resource "azurerm_resource_group" "other" {
  name     = "rg-other"
  location = "southeastasia"
}
resource "azurerm_storage_account" "logs" {
  name                     = "logs"
  resource_group_name      = azurerm_resource_group.rg.name
  location                 = "southeastasia"
  account_tier             = "Standard"
  account_replication_type = "LRS"
}
resource "azurerm_storage_container" "audit" {
  name               = "audit"
  storage_account_id = azurerm_storage_account.logs.id
}
resource "azurerm_storage_account" "far" {
  name                     = "far"
  resource_group_name      = azurerm_resource_group.other.name
  location                 = "southeastasia"
  account_tier             = "Standard"
  account_replication_type = "LRS"
}
resource "azurerm_network_security_group" "web" {
  name                = "web"
  resource_group_name = azurerm_resource_group.rg.name
  location            = "southeastasia"
}
resource "azurerm_network_security_group" "far" {
  name                = "far"
  resource_group_name = "rg-other"
  location            = "southeastasia"
}
resource "azurerm_user_assigned_identity" "vm" {
  name                = "vm"
  resource_group_name = azurerm_resource_group.rg.name
  location            = "southeastasia"
}
resource "azurerm_user_assigned_identity" "net" {
  name                = "net"
  resource_group_name = azurerm_resource_group.other.name
  location            = "southeastasia"
}
resource "azurerm_user_assigned_identity" "deployer" {
  name                = "deployer"
  resource_group_name = azurerm_resource_group.other.name
  location            = "southeastasia"
}
resource "azurerm_user_assigned_identity" "netops" {
  name                = "netops"
  resource_group_name = azurerm_resource_group.other.name
  location            = "southeastasia"
}
resource "azurerm_role_assignment" "net" {
  scope                = azurerm_resource_group.rg.id
  role_definition_name = "Network Contributor"
  principal_id         = azurerm_user_assigned_identity.net.principal_id
}
resource "azurerm_role_assignment" "deployer" {
  scope                = "/subscriptions/${local.sub}/resourceGroups/rg-other"
  role_definition_name = "Contributor"
  principal_id         = azurerm_user_assigned_identity.deployer.principal_id
}
resource "azurerm_role_assignment" "netops" {
  scope                = "/subscriptions/00000000-0000-0000-0000-000000000000"
  role_definition_name = "Network Contributor"
  principal_id         = azurerm_user_assigned_identity.netops.principal_id
}
"""

_NETWORK = (
    "Microsoft.Authorization/*/read, Microsoft.Insights/alertRules/*, "
    "Microsoft.Resources/deployments/*, Microsoft.Support/*, Microsoft.Network/*"
)


@pytest.fixture(scope="module")
def scanned(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, Resource], Path]:
    folder = tmp_path_factory.mktemp("scope")
    (folder / "main.tf").write_text(TERRAFORM, encoding="utf-8")
    resources, errors, _ = run(folder)
    assert not errors
    return resources, folder


def _reached(resources: dict[str, Resource], who: str) -> tuple[bool, list[str], list[str]]:
    graph = ResourceGraph(resources.values())
    radius = graph.blast_radius(resources[who])
    by_id = {r.id: address for address, r in resources.items()}
    return radius.unbounded, sorted(by_id[r] for r in radius.resources), list(radius.wildcards)


def test_network_contributor_on_a_group_reaches_its_network_resources_only(
    scanned: tuple[dict[str, Resource], Path],
) -> None:
    unbounded, reached, wildcards = _reached(scanned[0], "azurerm_user_assigned_identity.net")
    assert not unbounded
    assert reached == ["azurerm_network_security_group.web", "azurerm_role_assignment.net"]
    assert wildcards == [
        f"role Network Contributor: {_NETWORK} at resource group azurerm_resource_group.rg"
    ]


def test_network_contributor_on_the_subscription_reaches_every_network_resource(
    scanned: tuple[dict[str, Resource], Path],
) -> None:
    unbounded, reached, wildcards = _reached(scanned[0], "azurerm_user_assigned_identity.netops")
    assert not unbounded
    assert [r for r in reached if "storage" in r] == []
    assert {"azurerm_network_security_group.web", "azurerm_network_security_group.far"} <= set(
        reached
    )
    assert wildcards == [
        f"role Network Contributor: {_NETWORK} at a subscription, management group or root "
        "scope"
    ]


def test_contributor_on_a_group_named_by_id_acts_as_the_identities_in_it(
    scanned: tuple[dict[str, Resource], Path],
) -> None:
    """Contributor (``*``) on rg-other (a literal id: its members name it by name) reaches
    the storage account there, not the one of rg-app, and may use the user-assigned
    identities of its group (``userAssignedIdentities/*/assign/action``): through them the
    Network Contributor grants."""
    resources = scanned[0]
    graph = ResourceGraph(resources.values())
    radius = graph.blast_radius(resources["azurerm_user_assigned_identity.deployer"])
    by_id = {r.id: address for address, r in resources.items()}
    reached = {by_id[r] for r in radius.resources}
    assert "azurerm_storage_account.far" in reached
    assert "azurerm_storage_account.logs" not in reached
    assert sorted(by_id[r] for r in radius.acts_as) == [
        "azurerm_user_assigned_identity.net", "azurerm_user_assigned_identity.netops",
    ]
    assert sorted(by_id[r] for r in radius.data) == ["azurerm_storage_account.far"]
    # the assignment that reaches it, with its line (``evidence.granted_by``)
    [(_far, given)] = [g for g in radius.granted if by_id[g[0]] == "azurerm_storage_account.far"]
    assert given == (f"azurerm_role_assignment.deployer at {scanned[1] / 'main.tf'}:65",)


def test_graph_006_names_the_grant_and_its_scope(
    scanned: tuple[dict[str, Resource], Path],
) -> None:
    result = audit([scanned[1]], Settings(rule_ids=["GDCC-GRAPH-006"]))
    addresses = {r.id: r.address for r in result.resources}
    found: dict[str, Finding] = {str(addresses[f.resource_id]): f for f in result.findings}
    net = found["azurerm_user_assigned_identity.net"]
    assert net.status is Status.FAIL
    assert net.message.en == (
        "it grants actions by wildcard within the scope of its role assignments: "
        "role Network Contributor: "
        f"{_NETWORK} at resource group azurerm_resource_group.rg"
    )
    assert net.evidence["reaches_resources"] == 2


def test_resources_the_graph_does_not_hold_are_not_named(tmp_path: Path) -> None:
    """The assignment refers only to the group's resources the graph holds: a reference to
    a type no mapper reads would be listed as unresolved."""
    (tmp_path / "main.tf").write_text(TERRAFORM + """\
resource "azurerm_portal_dashboard" "board" {
  name                 = "board"
  resource_group_name  = azurerm_resource_group.rg.name
  location             = "southeastasia"
  dashboard_properties = "{}"
}
""", encoding="utf-8")
    resources, errors, _ = run(tmp_path)
    assert not errors
    graph = ResourceGraph(resources.values())
    assert [u.target for u in graph.unresolved() if u.attribute == "in_scope"] == []


def test_managed_identity_operator_acts_as_the_identity_it_is_scoped_to(tmp_path: Path) -> None:
    """``userAssignedIdentities/*/assign/action`` grants ``userAssignedIdentities/assign/
    action``: Azure's ``/*/`` also matches a single ``/``. The cluster identity may use the
    kubelet identity (an AKS control plane identity is given this role on it)."""
    (tmp_path / "main.tf").write_text("""\
resource "azurerm_resource_group" "rg" {
  name     = "rg"
  location = "southeastasia"
}
resource "azurerm_user_assigned_identity" "cluster" {
  name                = "cluster"
  resource_group_name = azurerm_resource_group.rg.name
  location            = "southeastasia"
}
resource "azurerm_user_assigned_identity" "kubelet" {
  name                = "kubelet"
  resource_group_name = azurerm_resource_group.rg.name
  location            = "southeastasia"
}
resource "azurerm_role_assignment" "operator" {
  scope                = azurerm_user_assigned_identity.kubelet.id
  role_definition_name = "Managed Identity Operator"
  principal_id         = azurerm_user_assigned_identity.cluster.principal_id
}
""", encoding="utf-8")
    resources, errors, _ = run(tmp_path)
    assert not errors
    graph = ResourceGraph(resources.values())
    radius = graph.blast_radius(resources["azurerm_user_assigned_identity.cluster"])
    by_id = {r.id: address for address, r in resources.items()}
    assert [by_id[r] for r in radius.acts_as] == ["azurerm_user_assigned_identity.kubelet"]
    assert radius.wildcards == ()  # one resource's scope: named by the grant


AZAPI = """\
locals {
  contributor = "b24988ac-6180-42a0-ab88-20f7382dd24c"
}
resource "azapi_resource" "rg" {
  type     = "Microsoft.Resources/resourceGroups@2021-04-01"
  name     = "rg"
  location = "southeastasia"
}
resource "azapi_resource" "store" {
  type      = "Microsoft.Storage/storageAccounts@2023-01-01"
  parent_id = azapi_resource.rg.id
  name      = "store"
  location  = "southeastasia"
  body = {
    kind = "StorageV2"
    sku  = { name = "Standard_LRS" }
    properties = { minimumTlsVersion = "TLS1_2" }
  }
}
resource "azurerm_user_assigned_identity" "app" {
  name                = "app"
  resource_group_name = "rg"
  location            = "southeastasia"
}
resource "azapi_resource" "grant" {
  type      = "Microsoft.Authorization/roleAssignments@2022-04-01"
  parent_id = azapi_resource.rg.id
  name      = "00000000-0000-0000-0000-000000000001"
  body = {
    properties = {
      roleDefinitionId = "/providers/Microsoft.Authorization/roleDefinitions/${local.contributor}"
      principalId      = azurerm_user_assigned_identity.app.principal_id
    }
  }
}
"""


def test_an_azapi_assignment_at_an_azapi_group_reaches_its_resources(tmp_path: Path) -> None:
    """AzAPI ``roleAssignments`` whose ``parent_id`` is an AzAPI resource group: its members
    name the group by ``parent_id`` (or by its name); Contributor reads the storage
    account's data (``listKeys``)."""
    (tmp_path / "main.tf").write_text(AZAPI, encoding="utf-8")
    resources, errors, _ = run(tmp_path)
    assert not errors
    graph = ResourceGraph(resources.values())
    radius = graph.blast_radius(resources["azurerm_user_assigned_identity.app"])
    by_id = {r.id: address for address, r in resources.items()}
    assert not radius.unbounded
    assert [by_id[r] for r in radius.data] == ["azapi_resource.store"]
    assert list(radius.wildcards) == ["role Contributor: * at resource group azapi_resource.rg"]
