"""Secret values never reach any output format."""

from __future__ import annotations

import io

import pytest

from gdcc_audit.models.result import AuditResult
from gdcc_audit.plugins import collect_reporters, make_plugin_manager
from gdcc_audit.report.interface import ReportOptions
from gdcc_audit.report.redact import MASK, is_secret_key, redact_text, redact_value

SECRETS = ("Hunter2-SuperSecret", "Pa55word", "AKIAABCDEFGHIJKLMNOP")


@pytest.mark.parametrize("fmt", ["json", "html", "sarif", "junit", "csv", "oscal", "console"])
def test_no_format_shows_a_secret(hostile: AuditResult, fmt: str) -> None:
    reporter = collect_reporters(make_plugin_manager(entry_points=False))[fmt]
    stream = io.StringIO()
    reporter.render(hostile, stream, ReportOptions(lang="en", color=False))
    output = stream.getvalue()
    if fmt != "console":  # the console lists messages only, never evidence
        assert MASK in output
    for secret in SECRETS:
        assert secret not in output


@pytest.mark.parametrize(
    ("key", "secret"),
    [
        ("password", True),
        ("admin_password", True),
        ("clientSecret", True),
        ("api_key", True),
        ("storage_account_key", True),
        ("db_connection_string", True),
        ("tokens", True),
        ("password_min_length", False),
        ("hardcoded_secrets", False),
        ("secret_count", False),
        ("token_type", False),
        ("last_rotated", False),
        ("port", False),
        ("author", False),
    ],
)
def test_secret_keys(key: str, secret: bool) -> None:
    assert is_secret_key(key) is secret


def test_secret_values_are_masked_wherever_they_are() -> None:
    assert redact_text("postgres://u:pw@h/db") == f"postgres://{MASK}@h/db"
    assert redact_text("key AKIAABCDEFGHIJKLMNOP here") == f"key {MASK} here"
    pem = "-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY-----"
    assert redact_text(pem) == MASK
    assert redact_value({"a": {"passwords": ["x", "y"]}, "n": 22, "flag": True}) == {
        "a": {"passwords": [MASK, MASK]},
        "n": 22,
        "flag": True,
    }
    assert redact_value({"password_set": True, "password": ""}) == {
        "password_set": True,
        "password": "",
    }


def test_paths_of_user_data_secrets_are_shown() -> None:
    """``user_data_secrets`` lists where the secret is (attribute paths), not the secret: was
    masked whole by its key; a path that looks like a secret is still masked."""
    paths = ["UserData", "UserData (NoEcho parameter DBPassword)"]
    assert redact_value({"user_data_secrets": paths}) == {"user_data_secrets": paths}
    assert redact_value({"user_data_secrets": ["AKIAABCDEFGHIJKLMNOP"]}) == {
        "user_data_secrets": [MASK]
    }
    # other secret-named keys are masked as before
    assert redact_value({"client_secrets": ["UserData"]}) == {"client_secrets": [MASK]}


def test_reasons_of_secret_named_facets_are_shown() -> None:
    """``unknown_because`` / ``decided_by`` map facet names to texts gdcc-audit wrote: the
    reason of ``reads_secrets`` (GDCC-K8S-016) was shown as ``***REDACTED***`` because the
    facet's name holds "secrets". A secret inside such a text is still masked."""
    reason = "an aggregated ClusterRole: the control plane replaces its rules"
    assert redact_value({"unknown_because": {"reads_secrets": reason}}) == {
        "unknown_because": {"reads_secrets": reason}
    }
    assert redact_value({"decided_by": {"reads_secrets": reason}}) == {
        "decided_by": {"reads_secrets": reason}
    }
    assert redact_value({"decided_by": {"reads_secrets": "key AKIAABCDEFGHIJKLMNOP"}}) == {
        "decided_by": {"reads_secrets": f"key {MASK}"}
    }
    # the same key elsewhere is masked as before
    assert redact_value({"reads_secrets": reason}) == {"reads_secrets": MASK}
