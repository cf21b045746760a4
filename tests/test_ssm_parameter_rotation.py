"""GDCC-SECRET-002 on an ``aws_ssm_parameter`` SecureString: Parameter Store has no rotation
setting (rotation is Secrets Manager's), so the secret is never rotated by the service: FAIL,
saying why. Before, every SecureString parameter was UNKNOWN ("whether automatic rotation is
on is not known"), a fact the resource type decides."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings


def test_secure_string_is_never_rotated(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(
        """
variable "password" {
  type      = string
  sensitive = true
}
resource "aws_ssm_parameter" "db" {
  name  = "/app/db"
  type  = "SecureString"
  value = var.password
}
resource "aws_ssm_parameter" "plain" {
  name  = "/app/host"
  type  = "String"
  value = "db.internal"
}
""",
        encoding="utf-8",
    )
    result = audit([tmp_path], Settings(rule_ids=("GDCC-SECRET-002",)))
    found = {f.address: f for f in result.findings}
    db = found["aws_ssm_parameter.db"]
    assert (db.status, db.message.en) == (
        Status.FAIL,
        "automatic rotation is off (Parameter Store has no automatic rotation: a secret that "
        "must rotate belongs in Secrets Manager, which a parameter can reference)",
    )
    # a String parameter is configuration, not a stored secret
    assert "aws_ssm_parameter.plain" not in found
