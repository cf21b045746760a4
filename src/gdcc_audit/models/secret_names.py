"""Whether an attribute's name says it holds a secret (``password``, ``client_secret``,
``private_key`` ...): shared by the secret scanner (``normalize.secrets``) and the Terraform
evaluator, which marks reads of secret attributes (``load.terraform.secret_sources``)."""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["is_secret_name"]

#: Name parts that make an attribute a secret holder.
_SECRET_WORDS = re.compile(
    r"(password|passwd|passphrase|secret|token|private_?key|access_?key|api_?key|auth_?key|"
    r"connection_?string|credential|admin_?pass|(^|_)(pass|pwd|sas)(_|$))",
    re.IGNORECASE,
)
#: Name endings that describe a secret without holding it (a length, a reference, a flag ...).
_NOT_SECRET_SUFFIXES = (
    "_id",
    "_ids",
    "_arn",
    "_arns",
    "_name",
    "_names",
    "_version",
    "_length",
    "_enabled",
    "_enable",
    "_type",
    "_policy",
    "_prevention",
    "_age",
    "_period",
    "_days",
    "_url",
    "_uri",
    "_path",
    "_file",
    "_ttl",
    "_validity",
    "_rotation",
    "_mode",
    "_wo_version",
    "_auth",
    "_key_vault_id",
    "_source",
    "_count",
    "_expiry",
    "_expiration",
    "_format",
    "_reset_required",
    # which operations on secrets a principal may perform (Key Vault access policies:
    # secret_permissions = ["Get", "List"]), not a secret
    "_permissions",
)
_NOT_SECRET_NAMES = frozenset(
    {
        "password_policy",
        "manage_master_user_password",
        "manage_password",
        "password_required",
        "require_passwords",
        "disable_password_authentication",
        "hard_expiry",
        "allow_users_to_change_password",
        "secret_string_wo_version",
        "token_key",
        "access_key_id",
        "public_key",
        "ssh_public_key",
        "admin_ssh_key",
        "key_name",
        "sas_expiry",
        "auth_token_update_strategy",
        "secret_key_ref",
        "secretkeyref",
        "secretref",
        "secret_ref",
        "secrets",
        "secret",
        "token_binding",
        "http_tokens",  # EC2 IMDSv2 setting: "required" / "optional"
        # CloudFormation GenerateSecretString: how Secrets Manager generates a secret.
        "generatesecretstring",
        "secretstringtemplate",
    }
)


@lru_cache(maxsize=8192)
def is_secret_name(name: str) -> bool:
    """Whether an attribute named ``name`` is meant to hold a secret value."""
    lowered = name.strip().lower().replace("-", "_")
    if lowered in _NOT_SECRET_NAMES or lowered.endswith(_NOT_SECRET_SUFFIXES):
        return False
    if lowered.startswith(("is_", "enable_", "require_", "allow_", "max_", "min_", "minimum_")):
        return False
    return _SECRET_WORDS.search(lowered) is not None
