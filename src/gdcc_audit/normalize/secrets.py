"""Hard-coded secret detection shared by every IaC mapper (Terraform, CloudFormation, Heat, ...).

``detect_secrets(values)`` walks plain Python values (dicts, lists, strings) and returns the
*paths* of attributes that hold a literal secret, never the secret itself. Two signals:

- the attribute is named like a secret (``password``, ``admin_pass``, ``client_secret``,
  ``private_key``, ``DB_PASSWORD`` in an environment map ...) and holds a non-empty literal
  string;
- any string, whatever its name (``user_data``, ``metadata.startup-script``), contains a
  well-known credential shape: an AWS access key id with its secret, a PEM private key, a
  ``password=...`` assignment with a literal value.

Only literals count: anything that is not a ``str`` (the Terraform ``UNKNOWN`` sentinel, a
CloudFormation ``{"Ref": ...}``, numbers, booleans) is a reference or a setting, not a secret.
Strings that are themselves expressions (``${var.db_password}``, ``{{ resolve:... }}``) are not
secrets either.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from typing import Any

__all__ = ["detect_secrets", "is_secret_name", "redact"]

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
#: Names of a JSON object written as a string, scanned field by field: the
#: ``SecretStringTemplate`` of a generated secret (``{"username": "admin"}``) holds the fields
#: stored beside the generated one, which are secrets only when named or shaped like one.
_JSON_TEMPLATE_NAMES = frozenset({"secretstringtemplate"})

#: Credential shapes recognised inside any string.
_VALUE_PATTERNS = (
    re.compile(r"-----BEGIN (?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY"),
    re.compile(r"(?<![A-Z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Z0-9])"),
    re.compile(
        r"(?i)(?:aws_secret_access_key|secret_key|client_secret|api_key)\s*[:=]\s*['\"]?"
        r"[A-Za-z0-9/+=_\-]{16,}"
    ),
    re.compile(
        r"(?i)(?:password|passwd|pwd)\s*[:=]\s*['\"]?(?![$%{<]|['\"]?\s*$)[^\s'\"]{4,}",
    ),
    re.compile(r"(?i)(?:mysql|postgres(?:ql)?|mongodb|redis|amqp)://[^:/\s]+:[^@\s$]{3,}@"),
    re.compile(r"(?:ghp|gho|ghs|github_pat)_[A-Za-z0-9_]{30,}"),
    re.compile(r"xox[abpr]-[A-Za-z0-9-]{10,}"),
)

def _one_pattern(patterns: tuple[re.Pattern[str], ...]) -> re.Pattern[str]:
    """The patterns as one alternation (one scan of each string instead of seven); a leading
    ``(?i)`` becomes a scoped ``(?i:...)`` group."""
    parts = []
    for pattern in patterns:
        source = pattern.pattern
        if source.startswith("(?i)"):
            parts.append(f"(?i:{source[4:]})")
        else:
            parts.append(f"(?:{source})")
    return re.compile("|".join(parts))


_ANY_VALUE_PATTERN = _one_pattern(_VALUE_PATTERNS)
#: A string that is an expression or a placeholder, not a literal.
_EXPRESSION = re.compile(r"^\s*(\$\{|\{\{|<|%\{|\$\()|^\s*(var|local|data|module)\.")

REDACTED = "<redacted>"


@lru_cache(maxsize=8192)
def is_secret_name(name: str) -> bool:
    """Whether an attribute named ``name`` is meant to hold a secret value."""
    lowered = name.strip().lower().replace("-", "_")
    if lowered in _NOT_SECRET_NAMES or lowered.endswith(_NOT_SECRET_SUFFIXES):
        return False
    if lowered.startswith(("is_", "enable_", "require_", "allow_", "max_", "min_", "minimum_")):
        return False
    return _SECRET_WORDS.search(lowered) is not None


#: Values that are settings, not secrets, whatever the attribute is called.
_SETTING_VALUES = frozenset(
    {"required", "optional", "enabled", "disabled", "true", "false", "none", "null", "yes",
     "no", "on", "off", "default", "auto"}
)


def _literal(value: Any) -> bool:
    return (
        isinstance(value, str)
        and value.strip() != ""
        and not _EXPRESSION.match(value)
        and value.strip().lower() not in _SETTING_VALUES
    )


def _has_secret_shape(text: str) -> bool:
    return _ANY_VALUE_PATTERN.search(text) is not None


def _json_template(key: str, value: Any) -> dict[str, Any] | None:
    """The JSON object a template attribute (``SecretStringTemplate``) holds, if any."""
    if not isinstance(value, str) or not _template_name(key):
        return None
    try:
        parsed = json.loads(value)
    except ValueError:
        return None
    return parsed if isinstance(parsed, dict) else None


@lru_cache(maxsize=8192)
def _template_name(key: str) -> bool:
    return key.strip().lower() in _JSON_TEMPLATE_NAMES


def _walk(value: Any, path: str, named_secret: bool) -> list[str]:
    """The paths (below ``path``) of the literal secrets in ``value``; ``named_secret``: the
    value sits under a secret-named attribute."""
    found: list[str] = []
    _find(value, path, [], named_secret, found)
    return found


def _find(value: Any, path: str, keys: list[str], named: bool, found: list[str]) -> None:
    """What ``_walk`` finds, added to ``found``; ``keys`` are the names and indexes from
    ``path`` down to ``value`` (a path string is only made for a secret found)."""
    if isinstance(value, dict):
        for key, item in value.items():
            name = str(key)
            inner = named or is_secret_name(name)
            if isinstance(item, str):
                fields = _json_template(name, item)
                if fields is None:
                    if _secret_text(item, inner):
                        found.append(_path(path, [*keys, name]))
                    continue
                keys.append(name)
                _find(fields, path, keys, inner, found)
                keys.pop()
            elif isinstance(item, dict | list | tuple):
                keys.append(name)
                _find(item, path, keys, inner, found)
                keys.pop()
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            if isinstance(item, str):
                if _secret_text(item, named):
                    found.append(_path(path, [*keys, str(index)]))
            elif isinstance(item, dict | list | tuple):
                keys.append(str(index))
                _find(item, path, keys, named, found)
                keys.pop()
    elif isinstance(value, str) and _secret_text(value, named):
        found.append(_path(path, keys))


def _secret_text(text: str, named: bool) -> bool:
    """Whether the string ``text`` is a literal secret (under a secret name, or shaped like
    one)."""
    return (named or _has_secret_shape(text)) and _literal(text)


def _path(path: str, keys: list[str]) -> str:
    """``path.key1.key2``; an empty path so far takes the next key alone (as ``a..b`` never
    shows an empty name at the start)."""
    for key in keys:
        path = f"{path}.{key}" if path else key
    return path


def detect_secrets(values: Any, path_prefix: str = "") -> tuple[str, ...]:
    """Paths (``a.0.b``, prefixed with ``path_prefix``) of attributes holding literal secrets.

    The result is sorted and has no duplicates; it never contains the secret values.
    """
    return tuple(sorted(set(_walk(values, path_prefix, False))))


def redact(values: Any) -> Any:
    """A copy of ``values`` with every secret-named attribute or secret-shaped string replaced
    by ``<redacted>`` (so raw attributes can be kept in reports without leaking credentials)."""
    return _redact(values, False)


def _redact(value: Any, named_secret: bool) -> Any:
    if isinstance(value, dict):
        redacted: dict[Any, Any] = {}
        for key, item in value.items():
            named = named_secret or is_secret_name(str(key))
            fields = _json_template(str(key), item)
            if fields is not None:
                redacted[key] = REDACTED if any(_walk(fields, "", named)) else item
            else:
                redacted[key] = _redact(item, named)
        return redacted
    if isinstance(value, list | tuple):
        return [_redact(item, named_secret) for item in value]
    if isinstance(value, str) and (named_secret or _has_secret_shape(value)):
        return REDACTED
    return value
