"""``unknown && false`` is false and ``unknown || true`` is true (Terraform's cty decides a
logical operator from either operand): a ``count`` that tests a value not known (a remote
module's output) beside a known false condition creates nothing. The evaluator kept such a
resource as one instance of unknown count; Azure Verified Module VMs on Linux with password
log-in off got a key vault secret holding the module's placeholder ``"notset"``, a GDCC-SECRET-001
FAIL "a secret is written in plain text" on a secret Terraform never creates."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

MODULE = """\
variable "os_type" {
  type = string
}

variable "vault_id" {
  type    = string
  default = null
}

resource "random_password" "admin" {
  count  = lower(var.os_type) == "windows" ? 1 : 0
  length = 22
}

locals {
  vault_count = var.vault_id != null ? 1 : 0
  windows     = lower(var.os_type) == "windows" ? random_password.admin[0].result : null
  # the vault's id is a remote module's output (not known): the os decides the count alone
  password_count = (local.vault_count == 1 && lower(var.os_type) == "windows") ? 1 : 0
  key_count      = (local.vault_count == 1 || lower(var.os_type) == "linux") ? 1 : 0
}

resource "azurerm_key_vault_secret" "admin_password" {
  count        = local.password_count
  key_vault_id = var.vault_id
  name         = "admin-password"
  value        = coalesce(local.windows, "notset")
}

resource "azurerm_key_vault_secret" "admin_key" {
  count        = local.key_count
  key_vault_id = var.vault_id
  name         = "admin-key"
  value        = "no_key"
}
"""

ROOT = """\
module "vault" {
  source = "Azure/avm-res-keyvault-vault/azurerm"
}

module "linux" {
  source   = "./vm"
  os_type  = "Linux"
  vault_id = module.vault.resource_id
}

module "windows" {
  source   = "./vm"
  os_type  = "Windows"
  vault_id = module.vault.resource_id
}
"""


def test_count_decided_by_the_known_operand(tmp_path: Path) -> None:
    (tmp_path / "vm").mkdir()
    (tmp_path / "vm" / "main.tf").write_text(MODULE, encoding="utf-8")
    (tmp_path / "main.tf").write_text(ROOT, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-SECRET-001",)))
    found = {(f.address or ""): (f.status, f.message.en) for f in result.findings}
    assert found == {
        # Linux: no password secret (was FAIL "a secret is written in plain text at 'value'"
        # on the placeholder "notset"); the key secret is created (unknown || true)
        "module.linux.azurerm_key_vault_secret.admin_key[0]": (
            Status.FAIL,
            "a secret is written in plain text at 'value'",
        ),
        # Windows: both counts wait for the vault's id (unknown && true, unknown || false):
        # kept as one instance of unknown count; the password is generated (not known)
        "module.windows.azurerm_key_vault_secret.admin_password": (
            Status.PASS,
            "No secrets are written in configuration",
        ),
        "module.windows.azurerm_key_vault_secret.admin_key": (
            Status.FAIL,
            "a secret is written in plain text at 'value'",
        ),
    }
