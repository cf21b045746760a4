"""A placeholder for a token is no credential whoever issues it: ``FOOAI_TOKEN: FOOAI_TOKEN``
(a vendor not on the list of issuers) FAILed GDCC-SECRET-001 while ``HF_TOKEN: HF_TOKEN``
PASSed. A token named for whoever issues it (any word that is not generic), holding its own
name or "your-...-here" (the issuer may be named another way there: kubeflow's
``HF_API_KEY=your-huggingface-api-key-here`` FAILed), is a placeholder; a licence key too.
Tokens and keys whoever deploys them chooses (a cluster's join token, an admin's, a
webhook's, a password, a secret, a private / signing / master key), a token whose issuer is
not named (``AUTH_TOKEN``) and a key named only by an unknown word (MinIO's
``MINIO_ACCESS_KEY``: a key the deployer makes) stay secrets."""

from __future__ import annotations

from pathlib import Path

import pytest

from gdcc_audit import Settings, audit
from gdcc_audit.secrets.detect import detect_secrets, issued_key_placeholder


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("FOOAI_TOKEN", "FOOAI_TOKEN"),
        ("FOOAI_TOKEN", "your-fooai-token-here"),
        ("fooaiToken", "<your-fooai-token>"),
        ("DIGITALOCEAN_TOKEN", "DIGITALOCEAN_TOKEN"),
        ("TWILIO_AUTH_TOKEN", "TWILIO_AUTH_TOKEN"),
        ("NGROK_AUTHTOKEN", "NGROK_AUTHTOKEN"),
        ("NEW_RELIC_LICENSE_KEY", "NEW_RELIC_LICENSE_KEY"),
        ("ACME_API_KEY", "your-acme-api-key-here"),
        # the issuer named another way in the words telling what to write (kubeflow)
        ("HF_API_KEY", "your-huggingface-api-key-here"),
        ("HF_TOKEN", "YOUR_HUGGING_FACE_TOKEN"),
    ],
)
def test_a_token_named_for_any_issuer_holding_a_placeholder_is_no_secret(
    name: str, value: str
) -> None:
    assert issued_key_placeholder(name, value)
    assert detect_secrets({"env": {name: value}}) == ()


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("K3S_TOKEN", "K3S_TOKEN"),  # k3s servers start with it, agents join by it
        ("k3sToken", "your-k3s-token-here"),
        ("RKE2_TOKEN", "RKE2_TOKEN"),
        ("NODE_TOKEN", "NODE_TOKEN"),
        ("GITEA_RUNNER_REGISTRATION_TOKEN", "GITEA_RUNNER_REGISTRATION_TOKEN"),
        ("WEBHOOK_TOKEN", "WEBHOOK_TOKEN"),
        ("GRAFANA_ADMIN_TOKEN", "GRAFANA_ADMIN_TOKEN"),
        ("JWT_TOKEN", "your-jwt-token-here"),
        ("AUTH_TOKEN", "AUTH_TOKEN"),  # whose token: not said
        ("BOT_TOKEN", "your-bot-token-here"),
        # a key named by an unknown word: the deployer may make it (MinIO's access key)
        ("MINIO_ACCESS_KEY", "MINIO_ACCESS_KEY"),
        ("ACME_AUTH_KEY", "your-acme-auth-key-here"),
        ("MEILI_MASTER_KEY", "MEILI_MASTER_KEY"),
        ("ACME_SECRET_TOKEN", "ACME_SECRET_TOKEN"),
        ("ACME_SIGNING_KEY", "ACME_SIGNING_KEY"),
        ("FOOAI_TOKEN", "fooai-9f3Kq2LmZx7Rt5Wp"),  # not a placeholder
        ("API_KEY", "your-secret-prod-key-123"),  # digits: a value, not words to replace
        ("API_KEY", "your-a-b-c-key"),  # three words more than the name's
    ],
)
def test_chosen_tokens_unnamed_issuers_and_keys_stay_secrets(name: str, value: str) -> None:
    assert not issued_key_placeholder(name, value)
    assert detect_secrets({"env": {name: value}}) == (f"env.{name}",)


DEPLOYMENT = """\
apiVersion: apps/v1
kind: Deployment
metadata: {name: agent, namespace: ai}
spec:
  template:
    spec:
      containers:
        - name: agent
          image: example/agent:1.0
          env:
            - name: FOOAI_TOKEN
              value: FOOAI_TOKEN
            - name: K3S_TOKEN
              value: K3S_TOKEN
"""


def test_a_workload_names_the_placeholder_and_fails_the_join_token(tmp_path: Path) -> None:
    (tmp_path / "agent.yaml").write_text(DEPLOYMENT, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-SECRET-001",), cache=False))
    (finding,) = result.findings
    assert (finding.address, finding.status.value, finding.evidence.get("paths")) == (
        "Deployment/ai/agent", "FAIL", ["spec.template.spec.containers.0.env.K3S_TOKEN"]
    )
    (tmp_path / "agent.yaml").write_text(
        DEPLOYMENT.replace("K3S_TOKEN", "LOG_LEVEL").replace("value: LOG_LEVEL", "value: info"),
        encoding="utf-8",
    )
    result = audit([tmp_path], Settings(rule_ids=("GDCC-SECRET-001",), cache=False))
    (finding,) = result.findings
    assert finding.status.value == "PASS"
    assert finding.message.en == (
        "No secrets are written in configuration ('spec.template.spec.containers.0.env."
        "FOOAI_TOKEN': a placeholder for a key or token a third party issues, not a credential)"
    )
