"""Azure Verified Modules' interfaces module (``Azure/avm-utl-interfaces/azure``) read
without its files: its maps have the keys of the inputs they come from.

Every recent AVM resource module calls it and iterates its outputs
(``for_each = module.avm_interfaces.role_assignments_azapi``). Not downloaded, its outputs
were UNKNOWN, so each such ``azapi_resource`` had instances not known even where the
caller asked for none: avm-res-web-site's examples had 74 GDCC-IAM-005 UNKNOWN 'whether it
grants permissions by wildcard is not known' on role assignments that are not made. The
model (``load/terraform/known_modules``) is used only when the call pins versions that
were read (v0.1.0 to v0.7.0)."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

MODULE = """\
variable "role_assignments" {
  type = map(object({
    role_definition_id_or_name = string
    principal_id               = string
  }))
  default  = {}
  nullable = false
}
variable "private_endpoints" {
  type    = map(object({ subnet_resource_id = string }))
  default = {}
}
variable "lock" {
  type    = object({ kind = string })
  default = null
}
module "avm_interfaces" {
  source  = "Azure/avm-utl-interfaces/azure"
  version = "%s"

  lock                     = var.lock
  private_endpoints        = var.private_endpoints
  private_endpoints_scope  = azapi_resource.this.id
  role_assignments         = var.role_assignments
}
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
  parent_id = azapi_resource.this.id
  type      = "Microsoft.Authorization/roleAssignments@2022-04-01"
  body      = each.value.body
}
resource "azapi_resource" "role_assignment_private_endpoint" {
  for_each  = module.avm_interfaces.role_assignments_private_endpoint_azapi
  name      = each.value.name
  parent_id = azapi_resource.this.id
  type      = "Microsoft.Authorization/roleAssignments@2022-04-01"
  body      = each.value.body
}
resource "azapi_resource" "lock" {
  for_each = (
    module.avm_interfaces.lock_azapi != null ? { lock = module.avm_interfaces.lock_azapi } : {}
  )
  name      = each.value.name
  parent_id = azapi_resource.this.id
  type      = "Microsoft.Authorization/locks@2020-05-01"
  body      = each.value.body
}
"""

ROOT = """\
module "vault" {
  source = "./vault"
%s
}
"""

GIVEN = """\
  role_assignments = {
    reader = { role_definition_id_or_name = "Reader", principal_id = "p" }
  }
"""


def _iam(tmp_path: Path, version: str, arguments: str = "") -> dict[str, Status]:
    (tmp_path / "vault").mkdir(exist_ok=True)
    (tmp_path / "vault" / "main.tf").write_text(MODULE % version, encoding="utf-8")
    (tmp_path / "main.tf").write_text(ROOT % arguments, encoding="utf-8")
    report = audit([tmp_path], Settings(rule_ids=("GDCC-IAM-005",)))
    return {f.address: f.status for f in report.findings}


def test_no_role_assignment_asked_makes_none(tmp_path: Path) -> None:
    # the caller leaves role_assignments and private_endpoints at {}: the module's maps
    # are empty, so no role assignment exists to be unknown
    assert _iam(tmp_path, "0.5.1") == {}


def test_role_assignments_asked_are_the_callers_keys(tmp_path: Path) -> None:
    # one instance per key the caller gives, with the body the module writes: the built-in
    # role named is looked up to its id (Reader's */read at the scope of the vault)
    assert _iam(tmp_path, "0.7.0", GIVEN) == {
        'module.vault.azapi_resource.role_assignment["reader"]': Status.PASS
    }


READER_ID = (
    "/subscriptions/0/providers/Microsoft.Authorization/roleDefinitions/"
    "acdd72a7-3385-48ef-bd42-f606fba81ae7"
)
ROLES = f"""\
  role_assignments = {{
    owner  = {{ role_definition_id_or_name = "Owner", principal_id = "p" }}
    by_id  = {{ role_definition_id_or_name = "{READER_ID}", principal_id = "p" }}
    custom = {{ role_definition_id_or_name = "Our Operators", principal_id = "p" }}
  }}
"""


def _messages(tmp_path: Path, arguments: str) -> dict[str, tuple[Status, str]]:
    (tmp_path / "vault").mkdir(exist_ok=True)
    (tmp_path / "vault" / "main.tf").write_text(MODULE % "0.5.1", encoding="utf-8")
    (tmp_path / "main.tf").write_text(ROOT % arguments, encoding="utf-8")
    report = audit([tmp_path], Settings(rule_ids=("GDCC-IAM-005",)))
    return {
        f.address.removeprefix("module.vault.azapi_resource.role_assignment"): (
            f.status, f.message.en
        ) for f in report.findings
    }


def test_the_role_of_each_assignment_is_the_callers(tmp_path: Path) -> None:
    found = _messages(tmp_path, ROLES)
    # judged as an azurerm_role_assignment of that role at the vault's scope is
    assert found['["owner"]'] == (Status.PASS, (
        "Permission policies do not grant actions by wildcard (role Owner grants * by "
        "wildcard at the scope of one resource (built-in role permissions: "
        "learn.microsoft.com/azure/role-based-access-control/built-in-roles))"
    ))
    assert found['["by_id"]'][0] is Status.PASS
    assert "(role Reader grants */read by wildcard at the scope of one resource" in (
        found['["by_id"]'][1]
    )
    # a role name that is no built-in role and no role definition of the scan has: the role
    # the lookup finds is not known (tests/terraform/test_avm_custom_role_by_name.py: one
    # that the scan defines)
    assert found['["custom"]'] == (Status.UNKNOWN, (
        "whether it grants permissions by wildcard is not known from the input: the actions "
        "of role Our Operators are not known: it is neither a built-in role of gdcc-audit's "
        "table nor a role definition of the scan"
    ))


def test_a_name_is_not_looked_up_when_the_lookup_is_off(tmp_path: Path) -> None:
    module = MODULE.replace(
        "  role_assignments         = var.role_assignments\n",
        "  role_assignments         = var.role_assignments\n"
        "  role_assignment_definition_lookup_enabled = false\n",
    )
    (tmp_path / "vault").mkdir(exist_ok=True)
    (tmp_path / "vault" / "main.tf").write_text(module % "0.5.1", encoding="utf-8")
    (tmp_path / "main.tf").write_text(ROOT % GIVEN, encoding="utf-8")
    report = audit([tmp_path], Settings(rule_ids=("GDCC-IAM-005",)))
    assert {f.address: f.status for f in report.findings} == {
        'module.vault.azapi_resource.role_assignment["reader"]': Status.UNKNOWN
    }


def test_a_version_not_read_keeps_the_outputs_unknown(tmp_path: Path) -> None:
    # "~> 0.7" admits releases after v0.7.0, whose outputs were not read
    assert _iam(tmp_path, "~> 0.7") == {
        "module.vault.azapi_resource.role_assignment": Status.UNKNOWN,
        "module.vault.azapi_resource.role_assignment_private_endpoint": Status.UNKNOWN,
    }


def test_a_scope_inside_a_module_is_the_resource_it_names(tmp_path: Path) -> None:
    # the reference of a role assignment in a module is named with the call
    # (module.vault.azurerm_storage_account.s): its scope was not known
    (tmp_path / "vault").mkdir()
    (tmp_path / "vault" / "main.tf").write_text("""\
resource "azurerm_storage_account" "s" {
  name                     = "s"
  resource_group_name      = "rg"
  location                 = "southeastasia"
  account_tier             = "Standard"
  account_replication_type = "LRS"
}
resource "azurerm_role_assignment" "reader" {
  scope                = azurerm_storage_account.s.id
  role_definition_name = "Reader"
  principal_id         = "p"
}
""", encoding="utf-8")
    (tmp_path / "main.tf").write_text('module "vault" {\n  source = "./vault"\n}\n')
    report = audit([tmp_path], Settings(rule_ids=("GDCC-IAM-005",)))
    assert [(f.address, f.status) for f in report.findings] == [
        ("module.vault.azurerm_role_assignment.reader", Status.PASS)
    ]
