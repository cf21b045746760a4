"""Azure managed identities and role assignments were read by no rule ("Not judged"): a
managed identity given Owner on the subscription had no verdict. They are now an identity and
its grants (GDCC-GRAPH-006, GDCC-IAM-005, GDCC-IAM-008)."""

from __future__ import annotations

from pathlib import Path

import pytest

from gdcc_audit.api import audit
from gdcc_audit.graph.model import ResourceGraph
from gdcc_audit.models.finding import Finding, Status
from gdcc_audit.settings import Settings
from iac_helpers import run

_IDENTITY = """\
resource "azurerm_user_assigned_identity" "{name}" {{
  name                = "{name}"
  resource_group_name = azurerm_resource_group.rg.name
  location            = "southeastasia"
}}
resource "azurerm_role_assignment" "{name}" {{
  scope        = {scope}
  {role}
  principal_id = azurerm_user_assigned_identity.{name}.principal_id
}}
"""

TERRAFORM = """\
data "azurerm_subscription" "current" {}
resource "azurerm_resource_group" "rg" {
  name     = "rg"
  location = "southeastasia"
}
resource "azurerm_storage_account" "logs" {
  name                     = "logs"
  resource_group_name      = azurerm_resource_group.rg.name
  location                 = "southeastasia"
  account_tier             = "Standard"
  account_replication_type = "LRS"
}
resource "azurerm_role_definition" "everything" {
  name  = "everything"
  scope = data.azurerm_subscription.current.id
  permissions {
    actions = ["*"]
  }
}
""" + "".join(
    _IDENTITY.format(name=name, scope=scope, role=role)
    for name, scope, role in (
        ("owner", "data.azurerm_subscription.current.id", 'role_definition_name = "Owner"'),
        ("contributor", "azurerm_resource_group.rg.id",
         'role_definition_id = "/providers/Microsoft.Authorization/roleDefinitions/'
         'b24988ac-6180-42a0-ab88-20f7382dd24c"'),
        ("blob_reader", "azurerm_storage_account.logs.id",
         'role_definition_name = "Storage Blob Data Reader"'),
        ("custom", '"/subscriptions/00000000-0000-0000-0000-000000000000"',
         "role_definition_id = azurerm_role_definition.everything.role_definition_resource_id"),
        ("account_owner", "azurerm_storage_account.logs.id", 'role_definition_name = "Owner"'),
    )
)


@pytest.fixture(scope="module")
def findings(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Finding]:
    folder = tmp_path_factory.mktemp("azure")
    (folder / "main.tf").write_text(TERRAFORM, encoding="utf-8")
    result = audit(
        [folder],
        Settings(rule_ids=["GDCC-GRAPH-006", "GDCC-IAM-005", "GDCC-IAM-008"]),
    )
    addresses = {r.id: r.address for r in result.resources}
    return {(f.rule_id, str(addresses[f.resource_id])): f for f in result.findings}


def test_owner_on_the_subscription_reaches_everything(
    findings: dict[tuple[str, str], Finding],
) -> None:
    found = findings[("GDCC-GRAPH-006", "azurerm_user_assigned_identity.owner")]
    assert found.status is Status.FAIL
    assert found.message.en.startswith("a wildcard or administrator permission reaches all ")
    grant = findings[("GDCC-IAM-005", "azurerm_role_assignment.owner")]
    assert grant.status is Status.FAIL
    assert grant.evidence["wildcard_permissions"] is True
    assert grant.evidence["decided_by"] == {"wildcard_permissions": (
        "role Owner grants * by wildcard at a subscription, management group or root scope "
        "(built-in role permissions: "
        "learn.microsoft.com/azure/role-based-access-control/built-in-roles)"
    )}


@pytest.mark.parametrize("name", ["contributor", "custom"])
def test_contributor_on_a_group_and_a_custom_star_role_grant_by_wildcard(
    findings: dict[tuple[str, str], Finding], name: str
) -> None:
    assert findings[("GDCC-IAM-005", f"azurerm_role_assignment.{name}")].status is Status.FAIL
    found = findings[("GDCC-GRAPH-006", f"azurerm_user_assigned_identity.{name}")]
    assert found.status is Status.FAIL


@pytest.mark.parametrize("name", ["blob_reader", "account_owner"])
def test_a_role_on_one_resource_is_no_wildcard_and_the_rest_is_not_known(
    findings: dict[tuple[str, str], Finding], name: str
) -> None:
    assert findings[("GDCC-IAM-005", f"azurerm_role_assignment.{name}")].status is Status.PASS
    found = findings[("GDCC-GRAPH-006", f"azurerm_user_assigned_identity.{name}")]
    assert found.status is Status.UNKNOWN
    assert found.message.en == (
        f"the permissions of azurerm_user_assigned_identity.{name} are not known from the input"
    )
    wildcard = findings[("GDCC-IAM-005", f"azurerm_user_assigned_identity.{name}")]
    assert wildcard.status is Status.UNKNOWN
    assert "role assignments, which may be made outside the scanned configuration" in (
        wildcard.message.en
    )


def test_nobody_else_may_take_on_a_managed_identity(
    findings: dict[tuple[str, str], Finding],
) -> None:
    found = findings[("GDCC-IAM-008", "azurerm_user_assigned_identity.owner")]
    assert found.status is Status.PASS
    assert found.evidence == {"public_access": False}


def test_the_assignment_reaches_the_resource_it_is_scoped_to(
    tmp_path: Path,
) -> None:
    (tmp_path / "main.tf").write_text(TERRAFORM, encoding="utf-8")
    resources, errors, _ = run(tmp_path)
    assert not errors
    graph = ResourceGraph(resources.values())
    radius = graph.blast_radius(resources["azurerm_user_assigned_identity.blob_reader"])
    by_id = {r.id: address for address, r in resources.items()}
    assert sorted(by_id[r] for r in radius.resources) == [
        "azurerm_role_assignment.blob_reader", "azurerm_storage_account.logs",
    ]


SYSTEM_ASSIGNED = """\
data "azurerm_subscription" "current" {}
resource "azurerm_resource_group" "rg" {
  name     = "rg"
  location = "southeastasia"
}
resource "azurerm_storage_account" "logs" {
  name                     = "logs"
  resource_group_name      = azurerm_resource_group.rg.name
  location                 = "southeastasia"
  account_tier             = "Standard"
  account_replication_type = "LRS"
}
resource "azurerm_linux_virtual_machine" "vm" {
  name                  = "vm"
  resource_group_name   = azurerm_resource_group.rg.name
  location              = "southeastasia"
  size                  = "Standard_B1s"
  admin_username        = "azureuser"
  network_interface_ids = []
  identity {
    type = "SystemAssigned"
  }
}
resource "azurerm_role_assignment" "vm_owner" {
  scope                = data.azurerm_subscription.current.id
  role_definition_name = "Owner"
  principal_id         = azurerm_linux_virtual_machine.vm.identity[0].principal_id
}
resource "azurerm_service_plan" "plan" {
  name                = "plan"
  resource_group_name = azurerm_resource_group.rg.name
  location            = "southeastasia"
  os_type             = "Linux"
  sku_name            = "P1v3"
}
resource "azurerm_linux_web_app" "app" {
  name                = "app"
  resource_group_name = azurerm_resource_group.rg.name
  location            = "southeastasia"
  service_plan_id     = azurerm_service_plan.plan.id
  site_config {}
  identity {
    type = "SystemAssigned, UserAssigned"
  }
}
resource "azurerm_role_assignment" "app_reader" {
  scope                = azurerm_storage_account.logs.id
  role_definition_name = "Storage Blob Data Reader"
  principal_id         = azurerm_linux_web_app.app.identity[0].principal_id
}
"""


def test_a_system_assigned_identity_named_by_an_assignment_is_judged(tmp_path: Path) -> None:
    """Before, only user-assigned identities were followed: a VM's system-assigned identity
    given Owner on the subscription had no GDCC-GRAPH-006 verdict (the assignment named the
    VM, so the graph took the VM for what it grants access to)."""
    (tmp_path / "main.tf").write_text(SYSTEM_ASSIGNED, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=["GDCC-GRAPH-006"]))
    addresses = {r.id: r.address for r in result.resources}
    found = {str(addresses[f.resource_id]): f for f in result.findings}
    owner = found["azurerm_linux_virtual_machine.vm.identity"]
    assert owner.status is Status.FAIL
    assert owner.message.en.startswith("a wildcard or administrator permission reaches all ")
    app = found["azurerm_linux_web_app.app.identity"]
    assert (app.status, app.message.en) == (
        Status.UNKNOWN,
        "the permissions of azurerm_linux_web_app.app.identity are not known from the input",
    )
    resources, errors, _ = run(tmp_path)
    assert not errors
    graph = ResourceGraph(resources.values())
    radius = graph.blast_radius(resources["azurerm_linux_web_app.app.identity"])
    by_id = {r.id: address for address, r in resources.items()}
    # the assignment grants on the storage account, nothing on the app itself
    assert sorted(by_id[r] for r in radius.resources) == [
        "azurerm_role_assignment.app_reader", "azurerm_storage_account.logs",
    ]
    # the app acts as its identity
    assert resources["azurerm_linux_web_app.app.identity"].id in {
        t.id for t in graph.references(resources["azurerm_linux_web_app.app"])
    }


@pytest.mark.parametrize(
    ("role", "status"),
    [('role_definition_name = "AcrPull"', Status.PASS),
     ('role_definition_name = "Owner"', Status.UNKNOWN),
     ('role_definition_id = "/providers/Microsoft.Authorization/roleDefinitions/'
      'b24988ac-6180-42a0-ab88-20f7382dd24c"', Status.UNKNOWN)],
)
def test_a_narrow_built_in_role_is_no_wildcard_whatever_its_scope(
    tmp_path: Path, role: str, status: Status
) -> None:
    """Before, an assignment whose scope is an input was UNKNOWN on GDCC-IAM-005 whatever its
    role: AcrPull grants no wildcard at any scope; Owner or Contributor depend on it."""
    (tmp_path / "main.tf").write_text(
        'variable "registry_id" {\n  type = string\n}\n'
        'resource "azurerm_role_assignment" "pull" {\n'
        "  scope        = var.registry_id\n"
        f"  {role}\n"
        '  principal_id = "00000000-0000-0000-0000-000000000000"\n}\n',
        encoding="utf-8",
    )
    result = audit([tmp_path], Settings(rule_ids=["GDCC-IAM-005"]))
    [found] = result.findings
    assert found.status is status
