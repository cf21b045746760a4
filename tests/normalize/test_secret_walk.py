"""The secret walk builds a path only for a secret it finds: its paths are exactly those of
the generator it replaced (every key and index joined as it went), on any nesting of dicts,
lists and tuples, any names (empty ones, template names, secret names) and any values."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from gdcc_audit.secrets import detect as secrets
from gdcc_audit.secrets.detect import detect_secrets, redact


def _reference(
    value: Any, path: str, named_secret: bool, carried: bool = False
) -> Iterator[str]:
    """The walk before (a path string made at every key and index), with a secret-like
    name no longer marking every field of the mapping it names (SAM ``Events:
    {LambdaToken: {Type: Api}}`` made ``Type`` a secret), nor every field of a block of a
    list it names (``connection_string { name, type, value }``: its ``value`` only), and the
    ``value`` of a ``{name: "DB_PASSWORD", value: ...}`` pair a secret; a JSON object written
    as text under a secret's name read as a document (stop 39)."""
    if isinstance(value, dict):
        pair = carried or secrets._secret_pair(value)
        for key, item in value.items():
            child = f"{path}.{key}" if path else str(key)
            fields = secrets._json_template(str(key), item)
            scanned = item if fields is None else fields
            # a key's secret-like name counts for its string or list, not for a mapping,
            # whose own keys say which of its fields are secrets
            paired = pair and str(key).lower() in ("value", "parametervalue")
            named = named_secret or paired or (
                not isinstance(item, dict) and secrets.is_secret_name(str(key))
            )
            # a parameter given as a one-value object under a secret's name (an ARM
            # deployment's ``{"adminPassword": {"value": ...}}``): its ``value`` is the secret
            wrapped = (
                isinstance(item, dict)
                and (named_secret or paired or secrets.is_secret_name(str(key)))
                and "value" in item
                and item.keys() <= {"value", "type"}
            )
            document = (
                secrets._json_document(item)
                if fields is None and named and not named_secret and not paired
                and isinstance(item, str)
                else None
            )
            if document is not None:
                # a JSON object under a secret's name: its fields, else the whole value
                # when a literal in it is neither a setting nor a name
                found = list(_reference(document, child, False))
                if found or secrets._unexplained(document, ""):
                    yield from found or [child]
                continue
            yield from _reference(scanned, child, named, wrapped)
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            child = f"{path}.{index}" if path else str(index)
            if isinstance(item, dict):
                yield from _reference(item, child, False, named_secret)
            else:
                yield from _reference(item, child, named_secret)
    elif secrets._literal(value) and (named_secret or secrets._has_secret_shape(value)):
        yield path


_NAMES = st.sampled_from(
    ["", "name", "password", "db_password", "password_length", "SecretStringTemplate",
     "secret_string", "user_data", "tags", "0", "a.b", "Token", "key_name", "admin_pass",
     "value", "Value", "container_definitions"]
)  # fmt: skip
_TEXTS = st.sampled_from(
    ["", " ", "hunter22", "${var.x}", "var.pw", "enabled", "AKIAZ7VRSQ5TNUFJ3MWX",
     "password=swordfish", '{"username": "admin", "password": "p4ssw0rd!"}',
     '{"username": "admin"}', "[1]", "-----BEGIN RSA PRIVATE KEY-----", "plain text", "DB_PASSWORD",
     '[{"name": "API_KEY", "value": "k3y"}]']
)  # fmt: skip
_SCALARS = _TEXTS | st.integers(-2, 2) | st.booleans() | st.none()
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: st.lists(inner, max_size=4)
    | st.lists(inner, max_size=3).map(tuple)
    | st.dictionaries(_NAMES | st.integers(0, 3), inner, max_size=4),
    max_leaves=25,
)


@settings(max_examples=2000, deadline=None)
@given(_VALUES, st.sampled_from(["", "spec", "a.b"]), st.booleans())
def test_the_walk_finds_the_paths_it_found_before(value: Any, path: str, named: bool) -> None:
    assert sorted(secrets._walk(value, path, named)) == sorted(_reference(value, path, named))


def test_paths_and_redaction_of_a_resource() -> None:
    values = {
        "": {"password": "hunter22", "list": ["AKIAZ7VRSQ5TNUFJ3MWX", {"": "x"}]},
        "master_password": "${var.pw}",
        "user_data": ["password=swordfish"],
        "SecretStringTemplate": '{"username": "admin", "password": "p4ssw0rd!"}',
        "tags": {"Name": "web"},
    }
    # An empty name at the start is left out of the path (as the walk always did).
    assert detect_secrets(values) == (
        "SecretStringTemplate.password",
        "list.0",
        "password",
        "user_data.0",
    )
    assert detect_secrets(values, "spec") == (
        "spec..list.0",
        "spec..password",
        "spec.SecretStringTemplate.password",
        "spec.user_data.0",
    )
    assert redact(values)["SecretStringTemplate"] == "<redacted>"
    assert redact(values)["tags"] == {"Name": "web"}
