"""Placeholders for keys and tokens a third party issues (an API key, an access token,
``HF_TOKEN``, ``GOOGLE_API_KEY``, NVIDIA / OpenAI keys) are no credential: GDCC-SECRET-001
FAILed ``GOOGLE_API_KEY: GOOGLE_API_KEY_VAL`` (GoogleCloudPlatform/microservices-demo's
shopping assistant), ``HF_TOKEN: HF_TOKEN`` and ``NGC_API_KEY: nvapi-NVKEY``
(kubernetes-engine-samples). The PASS says "placeholder" (English and Thai). A value shaped
like a real key of that vendor, and a password's placeholder (it becomes the password),
still FAIL."""

from __future__ import annotations

from pathlib import Path

import pytest

from gdcc_audit import Settings, audit
from gdcc_audit.models.finding import Status
from gdcc_audit.secrets.detect import detect_secrets, issued_key_placeholder

_HF_REAL = "hf_" + "QmZkTrWpXcVbNaLsKdJfHgYtReWqAzSxDc"  # 34 letters
_NV_REAL = "nvapi-" + "Ab3dEf6hIj9lMn2pQr5tUv8xYz1B4cD7eF0gH3iJ6kL9mN2oP5qR8sT1uV4wX7yZ"[:64]


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("HF_TOKEN", "HF_TOKEN"),
        ("HF_TOKEN", "hf-token"),  # case, - and _ ignored
        ("hfToken", "HF_TOKEN"),
        ("GOOGLE_API_KEY", "GOOGLE_API_KEY_VAL"),
        ("GOOGLE_API_KEY", "google_api_key_value"),
        ("OPENAI_API_KEY", "OPENAI_API_KEY_HERE"),
        ("OPENAI_API_KEY", "<your-api-key>"),
        ("apiKey", "{{API_KEY}}"),
        ("NVIDIA_API_KEY", "YOUR_API_KEY"),
        ("HF_TOKEN", "your-hf-token-here"),
        ("pingdomApiToken", "YourPingdomApiToken"),
        ("access_token", "<insert-access-token>"),
        ("NGC_API_KEY", "nvapi-NVKEY"),  # a vendor's prefix, no key after it
        ("HF_TOKEN", "hf_xxxxxxxx"),
        ("OPENAI_API_KEY", "sk-xxxxxxxxxxxx"),
    ],
)
def test_placeholders_for_issued_keys_are_no_secret(name: str, value: str) -> None:
    assert issued_key_placeholder(name, value)
    held: list[str] = []
    assert detect_secrets({"env": {name: value}}, placeholders=held) == ()
    assert held == [f"env.{name}"]


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("HF_TOKEN", _HF_REAL),  # a real Hugging Face token's shape
        ("GOOGLE_API_KEY", "AIza" + "SyB3dEf6hIj9lMn2pQr5tUv8xYz1B4cD7eF"),
        ("NGC_API_KEY", _NV_REAL),
        ("OPENAI_API_KEY", "sk-" + "Zx9Qw2Lk7Rt5Yp3Mn8BvZx9Qw2Lk7Rt5Yp3Mn8Bv1234"),
        ("OPENAI_API_KEY", "sk-1234"),  # digits: a proxy's own key, not "fill me in"
        ("api_key", "abc123xyz789"),
        ("HF_TOKEN", "HF_TOKEN_1"),
        # chosen by whoever deploys it: a placeholder becomes the credential
        ("DB_PASSWORD", "DB_PASSWORD"),
        ("adminPassword", "YOUR_PASSWORD"),
        ("K3S_TOKEN", "K3S_TOKEN"),
        ("SECRET_KEY", "SECRET_KEY"),
        ("CLIENT_SECRET", "CLIENT_SECRET"),
        ("master_api_key", "MASTER_API_KEY"),
    ],
)
def test_real_keys_and_chosen_secrets_stay(name: str, value: str) -> None:
    assert not issued_key_placeholder(name, value)
    assert detect_secrets({"env": {name: value}}) == (f"env.{name}",)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("#!/bin/sh\nexport HF_TOKEN=HF_TOKEN\npython serve.py\n", ()),
        ("#!/bin/sh\nexport GOOGLE_API_KEY=GOOGLE_API_KEY_VAL\n", ()),
        (f"#!/bin/sh\nexport HF_TOKEN={_HF_REAL}\n", ("user_data",)),
        ("#!/bin/sh\nexport DB_PASSWORD=DB_PASSWORD\n", ("user_data",)),
    ],
)
def test_placeholders_in_text(text: str, found: tuple[str, ...]) -> None:
    assert detect_secrets({"user_data": text}) == found


_DEPLOYMENT = """\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: assistant
spec:
  selector: {{matchLabels: {{app: assistant}}}}
  template:
    metadata: {{labels: {{app: assistant}}}}
    spec:
      containers:
      - name: server
        image: example/server:1.0
        env:
        - name: GOOGLE_API_KEY
          value: {google}
        - name: LOG_LEVEL
          value: info
"""


def _secret_001(path: Path) -> list:
    result = audit([path], Settings(rule_ids=("GDCC-SECRET-001",)))
    return [f for f in result.findings if f.rule_id == "GDCC-SECRET-001"]


def test_a_workload_with_a_placeholder_passes_and_says_so(tmp_path: Path) -> None:
    path = tmp_path / "deploy.yaml"
    path.write_text(_DEPLOYMENT.format(google="GOOGLE_API_KEY_VAL"), encoding="utf-8")
    (finding,) = _secret_001(path)
    assert finding.status is Status.PASS
    where = "'spec.template.spec.containers.0.env.GOOGLE_API_KEY'"
    assert finding.message.en == (
        f"No secrets are written in configuration ({where}: a placeholder for a key or "
        "token a third party issues, not a credential)"
    )
    assert "placeholder" in finding.message.th
    assert where in finding.message.th
    assert "hardcoded_secrets" in finding.evidence["decided_by"]


def test_a_workload_with_a_real_key_fails(tmp_path: Path) -> None:
    path = tmp_path / "deploy.yaml"
    path.write_text(
        _DEPLOYMENT.format(google="AIzaSyB3dEf6hIj9lMn2pQr5tUv8xYz1B4cD7eF"), encoding="utf-8"
    )
    (finding,) = _secret_001(path)
    assert finding.status is Status.FAIL
    assert "spec.template.spec.containers.0.env.GOOGLE_API_KEY" in finding.message.en


def test_a_workload_with_no_placeholder_passes_plainly(tmp_path: Path) -> None:
    path = tmp_path / "deploy.yaml"
    path.write_text(
        _DEPLOYMENT.replace(
            "        - name: GOOGLE_API_KEY\n          value: {google}\n", ""
        ).format(),
        encoding="utf-8",
    )
    (finding,) = _secret_001(path)
    assert finding.status is Status.PASS
    assert "placeholder" not in finding.message.en
    assert "decided_by" not in finding.evidence


def test_a_secret_holding_placeholders(tmp_path: Path) -> None:
    path = tmp_path / "secret.yaml"
    path.write_text(
        "apiVersion: v1\nkind: Secret\nmetadata:\n  name: hf\n"
        "stringData:\n  HF_TOKEN: HF_TOKEN\n"
        "data:\n  NGC_API_KEY: bnZhcGktTlZLRVk=\n",  # nvapi-NVKEY
        encoding="utf-8",
    )
    (finding,) = _secret_001(path)
    assert finding.status is Status.PASS
    assert finding.message.en == (
        "No secrets are written in configuration ('data.NGC_API_KEY', 'stringData.HF_TOKEN': "
        "placeholders for keys or tokens a third party issues, not a credential)"
    )
    path.write_text(
        "apiVersion: v1\nkind: Secret\nmetadata:\n  name: hf\n"
        f"stringData:\n  HF_TOKEN: HF_TOKEN\n  OTHER_TOKEN: {_HF_REAL}\n",
        encoding="utf-8",
    )
    (finding,) = _secret_001(path)
    assert finding.status is Status.FAIL
    assert "'stringData.OTHER_TOKEN'" in finding.message.en
    assert "HF_TOKEN'" not in finding.message.en.replace("OTHER_TOKEN'", "")


def test_a_password_placeholder_in_a_secret_still_fails(tmp_path: Path) -> None:
    path = tmp_path / "secret.yaml"
    path.write_text(
        "apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\n"
        "stringData:\n  DB_PASSWORD: DB_PASSWORD\n",
        encoding="utf-8",
    )
    (finding,) = _secret_001(path)
    assert finding.status is Status.FAIL
    assert "'stringData.DB_PASSWORD'" in finding.message.en
