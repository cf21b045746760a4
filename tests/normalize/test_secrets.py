"""The shared hard-coded secret detector: paths only, literals only."""

from __future__ import annotations

import pytest

from gdcc_audit.load.terraform_model import UNKNOWN
from gdcc_audit.secrets.detect import detect_secrets, is_secret_name, redact


@pytest.mark.parametrize(
    "name",
    [
        "password",
        "admin_password",
        "MasterUserPassword",
        "client_secret",
        "access_key",
        "secret_key",
        "token",
        "DB_PASSWORD",
        "admin_pass",
        "private_key",
        "sas_token",
    ],
)
def test_secret_names(name: str) -> None:
    assert is_secret_name(name)


@pytest.mark.parametrize(
    "name",
    [
        "password_length",
        "minimum_password_length",
        "kms_key_id",
        "secret_arn",
        "secret_name",
        "manage_master_user_password",
        "disaster_recovery",
        "bypass",
        "public_key",
        "password_reset_required",
        "token_validity",
        "require_symbols",
    ],
)
def test_not_secret_names(name: str) -> None:
    assert not is_secret_name(name)


def test_literals_only_and_paths_not_values() -> None:
    values = {
        "password": "hunter2",
        "master_password": UNKNOWN,
        "admin_password": "${var.pw}",
        "empty_token": "",
        "environment": [{"variables": {"API_KEY": "abc123", "MODE": "prod"}}],
        "user_data": "#!/bin/sh\nmysql -u root --password=S3cretPass\n",
        "metadata": {"startup": "-----BEGIN RSA PRIVATE KEY-----\nMII..."},
        "description": "set the password in the console",
    }
    found = detect_secrets(values, "r")
    assert found == (
        "r.environment.0.variables.API_KEY",
        "r.metadata.startup",
        "r.password",
        "r.user_data",
    )
    assert "hunter2" not in repr(found)


def test_redact() -> None:
    assert redact({"password": "x", "n": 1, "user_data": "AKIAIOSFODNN7EXAMPLE"}) == {
        "password": "<redacted>",
        "n": 1,
        "user_data": "<redacted>",
    }


def test_generated_secret_template_is_not_a_secret() -> None:
    generated = {
        "GenerateSecretString": {
            "SecretStringTemplate": '{"username": "admin"}',
            "GenerateStringKey": "password",
            "ExcludeCharacters": '"@/\\',
            "PasswordLength": 32,
        }
    }
    assert detect_secrets(generated) == ()
    assert redact(generated) == generated
    leaky = {"GenerateSecretString": {"SecretStringTemplate": '{"user": "a", "password": "x1"}'}}
    assert detect_secrets(leaky) == ("GenerateSecretString.SecretStringTemplate.password",)
    assert redact(leaky) == {"GenerateSecretString": {"SecretStringTemplate": "<redacted>"}}
    assert not is_secret_name("SecretStringTemplate")


def test_settings_named_like_secrets_are_not_secrets() -> None:
    """``http_tokens = "required"`` is the EC2 IMDSv2 switch; ``enabled`` values are settings."""
    values = {
        "metadata_options": [{"http_tokens": "required", "http_endpoint": "enabled"}],
        "auth_token": "disabled",
        "password": "S3cr3t-Passw0rd",
    }
    assert detect_secrets(values) == ("password",)
