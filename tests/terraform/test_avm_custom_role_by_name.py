"""An Azure Verified Module's ``role_assignments`` item naming a custom role of the scan
(``role_definition_id_or_name = "Our Operators"``, the ``azurerm_role_definition`` written
beside the call). The interfaces module (``Azure/avm-utl-interfaces/azure``, read without its
files: ``load/terraform/known_modules``) looks the name up among the role definitions, so the
assignment gives that role; its id is known only after apply. The role was "not known"
(GDCC-IAM-005 UNKNOWN 'the role it assigns is not known from the input'): it is now judged by
the custom role's actions, as an ``azurerm_role_assignment`` naming it by
``role_definition_name`` is."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

#: An AVM resource module's shape: the interfaces' role assignments at the resource itself,
#: and at its resource group (a module that assigns roles at a parent it is given).
MODULE = """\
variable "role_assignments" {
  type = map(object({
    role_definition_id_or_name = string
    principal_id               = string
  }))
  default  = {}
  nullable = false
}
module "avm_interfaces" {
  source  = "Azure/avm-utl-interfaces/azure"
  version = "0.5.1"

  role_assignments = var.role_assignments
%s}
resource "azapi_resource" "this" {
  type      = "Microsoft.KeyVault/vaults@2023-07-01"
  name      = "kv"
  parent_id = "/subscriptions/0/resourceGroups/rg"
  location  = "southeastasia"
  body      = { properties = { tenantId = "t", sku = { family = "A", name = "standard" } } }
}
resource "azapi_resource" "role_assignment" {
  for_each  = module.avm_interfaces.role_assignments_azapi
  name      = each.value.name
  parent_id = "/subscriptions/0/resourceGroups/rg"
  type      = "Microsoft.Authorization/roleAssignments@2022-04-01"
  body      = each.value.body
}
"""

ROOT = """\
module "vault" {
  source = "./vault"
  role_assignments = {
    ops    = { role_definition_id_or_name = "Our Operators", principal_id = "p" }
    reader = { role_definition_id_or_name = "Our Readers", principal_id = "p" }
    other  = { role_definition_id_or_name = "Someone Else's Role", principal_id = "p" }
  }
}
resource "azurerm_role_definition" "ops" {
  name  = "Our Operators"
  scope = "/subscriptions/0"
  permissions {
    actions = ["Microsoft.Compute/*"]
  }
}
resource "azurerm_role_definition" "reader" {
  name  = "Our Readers"
  scope = "/subscriptions/0"
  permissions {
    actions = ["Microsoft.Compute/virtualMachines/read"]
  }
}
"""


def _iam(tmp_path: Path, lookup: str = "") -> dict[str, tuple[Status, str]]:
    (tmp_path / "vault").mkdir(exist_ok=True)
    (tmp_path / "vault" / "main.tf").write_text(MODULE % lookup, encoding="utf-8")
    (tmp_path / "main.tf").write_text(ROOT, encoding="utf-8")
    report = audit([tmp_path], Settings(rule_ids=("GDCC-IAM-005",)))
    return {
        f.address.removeprefix("module.vault.azapi_resource.role_assignment"): (
            f.status, f.message.en
        ) for f in report.findings if "role_assignment" in f.address
    }


def test_a_custom_role_of_the_scan_named_by_an_avm_item_is_judged(tmp_path: Path) -> None:
    found = _iam(tmp_path)
    # a wildcard of the custom role, at a resource group: FAIL (was UNKNOWN)
    assert found['["ops"]'] == (Status.FAIL, (
        "it grants permissions by wildcard (role azurerm_role_definition.ops (custom) grants "
        "Microsoft.Compute/* by wildcard at a resource group)"
    ))
    # a narrow custom role: PASS
    assert found['["reader"]'][0] is Status.PASS
    # a name no role definition of the scan has: the role is named in the reason
    assert found['["other"]'] == (Status.UNKNOWN, (
        "whether it grants permissions by wildcard is not known from the input: the actions "
        "of role Someone Else's Role are not known: it is neither a built-in role of "
        "gdcc-audit's table nor a role definition of the scan"
    ))


def test_no_name_is_looked_up_when_the_lookup_is_off(tmp_path: Path) -> None:
    found = _iam(tmp_path, "  role_assignment_definition_lookup_enabled = false\n")
    # the name is then taken as the id (lookup(..., v, v) is not called): not known
    assert {key: status for key, (status, _) in found.items()} == {
        '["ops"]': Status.UNKNOWN, '["reader"]': Status.UNKNOWN, '["other"]': Status.UNKNOWN,
    }
    assert "the role it assigns is not known from the input" in found['["ops"]'][1]
