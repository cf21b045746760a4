"""A key that signs tokens or sessions is a secret whoever chooses it: istio's Kiali ConfigMap
(``samples/addons/kiali.yaml``, ``config.yaml``) writes ``login_token.signing_key:
CHANGEME00000000``, with which anyone can forge Kiali login tokens where it is deployed
unchanged; it PASSed GDCC-SECRET-001 (``signing_key`` was no secret's name). Its id, ARN,
name and algorithm are not secrets."""

from __future__ import annotations

import pytest

from gdcc_audit.models.secret_names import is_secret_name
from gdcc_audit.secrets.config_files import document_secrets
from gdcc_audit.secrets.detect import detect_secrets


@pytest.mark.parametrize("name", ["signing_key", "signingKey", "jwtSigningKey", "SIGNING_KEY"])
def test_signing_keys_are_secrets(name: str) -> None:
    assert is_secret_name(name)
    assert detect_secrets({name: "CHANGEME00000000"}) == (name,)


@pytest.mark.parametrize(
    "name", ["signing_key_id", "signing_key_arn", "signing_key_name", "signing_key_algorithm"]
)
def test_what_names_a_signing_key_is_not_one(name: str) -> None:
    assert not is_secret_name(name)


def test_kiali_config_fails_and_dnssec_key_specs_do_not() -> None:
    kiali = "login_token:\n  signing_key: CHANGEME00000000\nserver:\n  port: 20001\n"
    assert document_secrets("config.yaml", kiali, "data") == (
        "data.config.yaml.login_token.signing_key",
    )
    # a DNSSEC key's specification (cloud-foundation-fabric's dns module): its fields decide
    assert detect_secrets(
        {"key_signing_key": {"algorithm": "rsasha256", "key_length": 2048}}
    ) == ()
