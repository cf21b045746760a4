"""A vendor's key is a secret whatever the setting holding it is called. ``STRIPE_KEY``,
``OPENAI_KEY``, ``SENDGRID`` or an app setting named ``AAD_CLIENT`` are no secret's names,
so a live Stripe key, an OpenAI project key, a SendGrid key or a Microsoft Entra ID client
secret written there PASSed GDCC-SECRET-001 (only GitHub, GitLab, Slack, Google API keys,
AWS access keys and JWTs were recognised by their shape). A run of one character standing
in for the key stays a placeholder."""

from __future__ import annotations

from pathlib import Path

import pytest

from gdcc_audit import Settings, audit
from gdcc_audit.secrets.detect import detect_secrets

# made-up keys of each vendor's documented shape
_KEYS = {
    "stripe": "sk_live_" + "4eC39HqLyjWDarjtT1zdp7dc",
    "stripe_restricted": "rk_test_" + "51H8xKqLyjWDarjtT1zdp7dcZ",
    "openai_project": "sk-proj-" + "Ab3dEf6hIj9lMn2pQr5tUv8xYz1B4cD7eF0gH3iJ6kL9",
    "openai_legacy": "sk-" + "Ab3dEf6hIj9lMn2pQr5t" + "T3BlbkFJ" + "Uv8xYz1B4cD7eF0gH3iJ",
    "anthropic": "sk-ant-api03-" + "Zx9Qw2Lk7Rt5Yp3Mn8Bv" * 5,
    "huggingface": "hf_" + "QmZkTrWpXcVbNaLsKdJfHgYtReWqAzSxDc",
    "github_user_to_server": "ghu_" + "Zx9Qw2Lk7Rt5Yp3Mn8BvZx9Qw2Lk7Rt5Yp3M",
    "gitlab_runner": "glrt-" + "Zx9Qw2Lk7Rt5Yp3Mn8BvZx",
    "npm": "npm_" + "Zx9Qw2Lk7Rt5Yp3Mn8BvZx9Qw2Lk7Rt5Yp3M",
    "sendgrid": "SG." + "Zx9Qw2Lk7Rt5Yp3Mn8BvZx" + "." + "Zx9Qw2Lk7Rt5Yp3Mn8Bv" * 2 + "123",
    "digitalocean": "dop_v1_" + "0123456789abcdef" * 4,
    "vault": "hvs." + "CAESIJlNzRkYjk4ZTQ5NTk0MjQ1ODU3YTk",
    "shopify": "shpat_" + "0123456789abcdef" * 2,
    "google_oauth": "GOCSPX-" + "Zx9Qw2Lk7Rt5Yp3Mn8BvZx9Qw2Lk",
    "entra_client_secret": "abc8Q~" + "Zx9Qw2Lk7Rt5Yp3Mn8BvZx9Qw2Lk7Rt5Yp",
}


@pytest.mark.parametrize("vendor", sorted(_KEYS))
def test_a_vendor_key_is_a_secret_under_any_name(vendor: str) -> None:
    assert detect_secrets({"environment": {"SETTING": _KEYS[vendor]}}) == (
        "environment.SETTING",
    )


@pytest.mark.parametrize(
    "value",
    [
        "sk_live_" + "x" * 24,
        "sk-proj-" + "x" * 48,
        "hf_" + "x" * 34,
        "https://stripe.com/docs/keys#sk_live_keys",
        "vault at hvs.example.com",
        "C:/Users/me/Q~archive",
    ],
)
def test_placeholders_and_text_are_no_key(value: str) -> None:
    assert detect_secrets({"environment": {"SETTING": value}}) == ()


def test_a_lambda_with_a_stripe_key_under_its_own_name_fails(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(
        'resource "aws_lambda_function" "pay" {\n'
        '  function_name = "pay"\n'
        '  role          = "arn:aws:iam::123456789012:role/pay"\n'
        "  environment {\n"
        "    variables = {\n"
        f'      STRIPE_KEY = "{_KEYS["stripe"]}"\n'
        '      LOG_LEVEL  = "info"\n'
        "    }\n"
        "  }\n"
        "}\n",
        encoding="utf-8",
    )
    result = audit([tmp_path], Settings(rule_ids=("GDCC-SECRET-001",), cache=False))
    assert [(f.address, f.status.value, f.evidence.get("paths")) for f in result.findings] == [
        ("aws_lambda_function.pay", "FAIL", ["environment.0.variables.STRIPE_KEY"])
    ]
