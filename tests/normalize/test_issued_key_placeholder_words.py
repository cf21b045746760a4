"""A placeholder word (``dummy``, ``changeme``, ``test``, ``placeholder``, ``none``) under the
name of a key or token a third party issues is no credential: no issuer hands out such a key.
GDCC-SECRET-001 FAILed aws-samples/retail-demo-store's Event Engine templates, which pass
``GitHubToken: "dummy"`` to the root stack (and every nested stack it reached said "value set
at" that line). A password's, a chosen token's or a secret's placeholder still FAILs (the
server takes it as the credential), and so does a value shaped like a real key."""

from __future__ import annotations

from pathlib import Path

import pytest

from gdcc_audit import Settings, audit
from gdcc_audit.models.finding import Status
from gdcc_audit.secrets.detect import detect_secrets


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("GitHubToken", "dummy"),
        ("GITHUB_TOKEN", "changeme"),
        ("HF_TOKEN", "placeholder"),
        ("api_key", "test"),
        ("SLACK_BOT_TOKEN", "fake-token"),
        ("OPENAI_API_KEY", "none"),
        ("datadogApiKey", "todo"),
    ],
)
def test_placeholder_words_for_issued_keys_are_no_secret(name: str, value: str) -> None:
    assert detect_secrets({name: value}) == ()


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("password", "dummy"),  # a password placeholder becomes the password
        ("DB_PASSWORD", "test"),
        ("K3S_TOKEN", "changeme"),  # a join token is chosen by whoever deploys it
        ("SECRET_KEY", "dummy"),
        ("AUTH_TOKEN", "changeme"),  # whose token is not said
        ("GitHubToken", "ghp_" + "Zx9Qw2Lk7Rt5Yp3Mn8BvZx9Qw2Lk7Rt5Yp3M"),
        ("api_key", "abc123xyz789"),
        ("api_key", "testKey9Qw2Lk7Rt5Yp3Mn8Bv"),  # key material holding a word
        ("API_KEY", "your-secret-prod-key-123"),  # digits: a value, not words to replace
        ("API_KEY", "x"),
    ],
)
def test_chosen_secrets_and_real_keys_stay(name: str, value: str) -> None:
    assert detect_secrets({name: value}) == (name,)


_PARENT = """\
AWSTemplateFormatVersion: 2010-09-09
Resources:
  ee:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: https://s3.amazonaws.com/bucket/cloudformation-templates/template.yaml
      Parameters:
        GitHubRepo: retail-store
        GitHubToken: {token}
        GitHubUser: example-org
"""


@pytest.mark.parametrize(
    ("token", "failed"),
    [('"dummy"', False), ("ghp_" + "Zx9Qw2Lk7Rt5Yp3Mn8BvZx9Qw2Lk7Rt5Yp3M", True)],
)
def test_nested_stack_parameter(tmp_path: Path, token: str, failed: bool) -> None:
    (tmp_path / "workshop.yaml").write_text(_PARENT.format(token=token), encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-SECRET-001",)))
    found = [(f.address, f.status, f.message.en) for f in result.findings
             if f.status is not Status.PASS]
    message = "a secret is written in plain text at 'Parameters.GitHubToken'"
    expected = [("ee", Status.FAIL, message)]
    assert found == (expected if failed else [])
