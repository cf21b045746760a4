"""An argument named like a secret that the provider documents as none: an Integration
Connectors connection's ``auth_config.auth_key`` ("Identifier key for auth config";
terraform-docs-samples writes ``sampleAuthKey`` there, the password in ``user_password``
comes from Secret Manager) FAILed GDCC-SECRET-001. A credential's shape there still FAILs."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

MAIN = """\
resource "google_integration_connectors_connection" "named" {
  name              = "named"
  location          = "us-central1"
  connector_version = "projects/p/locations/global/providers/zendesk/connectors/zendesk/versions/1"
  auth_config {
    auth_type = "USER_PASSWORD"
    auth_key  = "sampleAuthKey"
    user_password {
      username = "user@xyz.com"
      password {
        secret_version = "projects/p/secrets/s/versions/1"
      }
    }
  }
}

resource "google_integration_connectors_connection" "shaped" {
  name              = "shaped"
  location          = "us-central1"
  connector_version = "projects/p/locations/global/providers/zendesk/connectors/zendesk/versions/1"
  auth_config {
    auth_type = "USER_PASSWORD"
    auth_key  = "AKIAZ7VRSQ5TNUFJ3MWX"
  }
}
"""


def test_an_auth_key_naming_the_auth_config_is_no_secret(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(MAIN, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-SECRET-001",)))
    assert [(f.address, f.status, f.message.en if f.message else "") for f in result.findings] == [
        (
            "google_integration_connectors_connection.shaped",
            Status.FAIL,
            "a secret is written in plain text at 'auth_config.0.auth_key'",
        )
    ]


EFS = """\
variable "name_prefix" {
  type = string
}

resource "aws_efs_file_system" "named" {
  creation_token = "${var.name_prefix}-fs"
}

resource "aws_efs_file_system" "literal" {
  creation_token = "jenkins-fs"
}

resource "aws_efs_file_system" "shaped" {
  creation_token = "ghp_abcdefghijklmnopqrstuvwxyz0123456789"
}
"""


def test_an_efs_creation_token_is_a_name(tmp_path: Path) -> None:
    """``creation_token`` is "a unique name ... used as reference when creating the Elastic
    File System" (AWS provider): ``"${var.name_prefix}-fs"`` (serverless-jenkins-on-aws-
    fargate) FAILed as a token written in part. A credential's shape there still FAILs."""
    (tmp_path / "main.tf").write_text(EFS, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-SECRET-001",)))
    found = {f.address: f.status for f in result.findings}
    assert found == {
        "aws_efs_file_system.named": Status.PASS,
        "aws_efs_file_system.literal": Status.PASS,
        "aws_efs_file_system.shaped": Status.FAIL,
    }
