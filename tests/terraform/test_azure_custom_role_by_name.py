"""An ``azurerm_role_assignment`` naming a custom role of the scan by
``role_definition_name`` (the name written, or ``azurerm_role_definition.ops.name``) was
UNKNOWN on GDCC-IAM-005: "neither a built-in role of gdcc-audit's table nor a role definition
of the scan", though the role definition was in the scan. A custom role's name is unique in
its Microsoft Entra directory: the assignment is now judged by that role's actions. A name
no role definition of the scan has stays not known."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

TF = """\
data "azurerm_subscription" "s" {}
resource "azurerm_resource_group" "rg" {
  name     = "rg"
  location = "southeastasia"
}
resource "azurerm_role_definition" "ops" {
  name  = "Ops Operator"
  scope = data.azurerm_subscription.s.id
  permissions {
    actions = ["Microsoft.Compute/*"]
  }
}
resource "azurerm_role_definition" "reader" {
  name  = "Ops Reader"
  scope = data.azurerm_subscription.s.id
  permissions {
    actions = ["Microsoft.Compute/virtualMachines/read"]
  }
}
resource "azurerm_role_assignment" "by_literal" {
  scope                = azurerm_resource_group.rg.id
  role_definition_name = "Ops Operator"
  principal_id         = "00000000-0000-0000-0000-000000000001"
}
resource "azurerm_role_assignment" "by_ref" {
  scope                = azurerm_resource_group.rg.id
  role_definition_name = azurerm_role_definition.ops.name
  principal_id         = "00000000-0000-0000-0000-000000000001"
}
resource "azurerm_role_assignment" "narrow" {
  scope                = azurerm_resource_group.rg.id
  role_definition_name = "Ops Reader"
  principal_id         = "00000000-0000-0000-0000-000000000001"
}
resource "azurerm_role_assignment" "elsewhere" {
  scope                = azurerm_resource_group.rg.id
  role_definition_name = "Defined Elsewhere"
  principal_id         = "00000000-0000-0000-0000-000000000001"
}
"""


def test_a_custom_role_named_is_judged_by_its_actions(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(TF, encoding="utf-8")
    report = audit([tmp_path], Settings(rule_ids=("GDCC-IAM-005",)))
    found = {
        f.address.removeprefix("azurerm_role_assignment."): (f.status, f.message.en)
        for f in report.findings if f.address.startswith("azurerm_role_assignment.")
    }
    wild = (
        Status.FAIL,
        "it grants permissions by wildcard (role azurerm_role_definition.ops (custom) grants "
        "Microsoft.Compute/* by wildcard at a resource group)",
    )
    assert found["by_literal"] == wild
    assert found["by_ref"] == wild
    assert found["narrow"][0] is Status.PASS
    assert found["elsewhere"] == (
        Status.UNKNOWN,
        "whether it grants permissions by wildcard is not known from the input: the actions "
        "of role Defined Elsewhere are not known: it is neither a built-in role of "
        "gdcc-audit's table nor a role definition of the scan",
    )
