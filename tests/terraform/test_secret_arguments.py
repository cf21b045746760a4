"""GDCC-SECRET-001 on Terraform arguments that hold secrets whatever they are called: the
write-only twins (``value_wo``, ``password_wo``: Terraform 1.11 write-only arguments exist only
for secrets) and the arguments a provider's schema marks sensitive (``aws_ssm_parameter``
``value``, ``azurerm_key_vault_secret`` ``value``). A literal written in ``value_wo`` PASSed
before (only ``value`` was read)."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

RULE = "GDCC-SECRET-001"


def secret_findings(root: Path) -> dict[str, tuple[Status, list[str] | None, str]]:
    """Each GDCC-SECRET-001 finding of ``root`` by address: status, paths and message."""
    result = audit([root], Settings(rule_ids=(RULE,)))
    return {
        f.address or f.resource_name: (f.status, f.evidence.get("paths"), f.message.en)
        for f in result.findings
        if f.rule_id == RULE
    }


WRITE_ONLY = """\
resource "aws_ssm_parameter" "wo" {
  name             = "/app/db"
  type             = "SecureString"
  value_wo         = "ssm-secret-wo"
  value_wo_version = 1
}
resource "aws_ssm_parameter" "ref" {
  name             = "/app/db2"
  type             = "SecureString"
  value_wo         = ephemeral.random_password.db.result
  value_wo_version = 1
}
resource "azurerm_key_vault_secret" "wo" {
  name             = "kv"
  key_vault_id     = "x"
  value_wo         = "kv-secret-wo"
  value_wo_version = 1
}
resource "azurerm_key_vault_secret" "plain" {
  name         = "kv2"
  key_vault_id = "x"
  value        = "kv-secret"
}
resource "aws_db_instance" "wo" {
  engine              = "mysql"
  instance_class      = "db.t3.micro"
  username            = "admin"
  password_wo         = "db-password-wo"
  password_wo_version = 1
}
resource "openstack_keymanager_secret_v1" "s" {
  name    = "s"
  payload = "barbican-payload"
}
resource "openstack_identity_application_credential_v3" "c" {
  name   = "c"
  secret = "app-credential-secret"
}
"""


def test_write_only_and_schema_sensitive_arguments_fail(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(WRITE_ONLY, encoding="utf-8")
    found = {k: v[:2] for k, v in secret_findings(tmp_path).items()}
    assert found == {
        # was PASS: only `value` was read
        "aws_ssm_parameter.wo": (Status.FAIL, ["value_wo"]),
        "aws_ssm_parameter.ref": (Status.PASS, None),
        "azurerm_key_vault_secret.wo": (Status.FAIL, ["value_wo"]),
        "azurerm_key_vault_secret.plain": (Status.FAIL, ["value"]),
        "aws_db_instance.wo": (Status.FAIL, ["password_wo"]),
        "openstack_keymanager_secret_v1.s": (Status.FAIL, ["payload"]),
        "openstack_identity_application_credential_v3.c": (Status.FAIL, ["secret"]),
    }
