"""Never a false secret: a value that names where a secret is kept (an ARN, a Key Vault
reference, a Secret Manager name, a Vault path) or a password hash is no secret written in the
configuration, whatever the attribute is called; the same names with a literal are (both
ways). A literal default password (``changeme``) is a secret: it is what the server is given.
Before, every one of these FAILed GDCC-SECRET-001."""

from __future__ import annotations

import pytest

from gdcc_audit.normalize.secrets import detect_secrets, secret_value

NOT_SECRETS = {
    "DB_PASSWORD": "arn:aws:secretsmanager:ap-southeast-1:123456789012:secret:db-AbCdEf",
    "api_token": "arn:aws-us-gov:ssm:us-gov-west-1:123456789012:parameter/app/token",
    "API_KEY": "@Microsoft.KeyVault(SecretUri=https://kv.vault.azure.net/secrets/api/)",
    "ClientSecret": "@Microsoft.KeyVault(VaultName=kv;SecretName=client)",
    "secret_key": "https://kv1.vault.azure.net/secrets/storage-key",
    "TOKEN": "projects/p/secrets/tok/versions/latest",
    "db_password": "vault:secret/data/db#password",
    "adminPassword": "ref+awssecrets://prod/db#/password",
    "PASSWORD_HASH": "$2b$12$abcdefghijklmnopqrstuuJQ1Zg1p6n7mP3l2kYb4S7Q7a6sR8vW.",
    "root_password": "$6$rounds=5000$saltsalt$abcdefghijklmnopqrstuvwxyz0123456789",
    "auth": "admin:$apr1$H6uskkkW$IgXLP6ewTrSuBkTrqE8wj/",
    "password_sha256": "5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11ef721d1542d8",
    "ldap_password": "{SSHA}W6ph5Mm5Pz8GgiULbPgzG37mj9g4NOfF",
}

SECRETS = {
    "DB_PASSWORD": "arn-of-nothing",
    "API_KEY": "Microsoft.KeyVault",
    # a hex value under a name that does not say digest: API keys are often 32 hex digits
    "API_TOKEN": "5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11ef721d1542d8",
    "password": "changeme",
    "admin_password": "$notahash",
}


def test_references_and_hashes_are_not_secrets() -> None:
    assert detect_secrets(NOT_SECRETS) == ()


def test_literals_under_the_same_names_are() -> None:
    assert detect_secrets(SECRETS) == tuple(sorted(SECRETS))


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        ("$2y$10$abcdefghijklmnopqrstuuJQ1Zg1p6n7mP3l2kYb4S7Q7a6", False),
        ("alice:$apr1$H6uskkkW$IgXLP6ewTrSuBkTrqE8wj/\nbob:$apr1$x9uskkkW$IgXLP6ewTr/", False),
        ("hunter2hunter2", True),
    ],
)
def test_kubernetes_secret_values(text: str, secret: bool) -> None:
    """A Secret holding a password hash (an ingress basic-auth htpasswd, Argo CD's bcrypt
    ``admin.password``) holds no password."""
    assert secret_value(text) is secret


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        # a kubeconfig in a ConfigMap: a service-account JWT, a static token
        ("users:\n- user:\n    token: eyJhbGciOiJSUzI1NiIsImtpZCI6IiJ9.eyJpc3MiOiJrIn0."
         "abcdefghijklmnop\n", True),
        ("users:\n- user:\n    token: abcdef0123456789abcdef\n", True),
        ("curl -H 'Authorization: Bearer abcdefghijklmnopqrstuvwxyz123'", True),
        ("kubeadm join --token abcdef.0123456789abcdef 10.0.0.1:6443", True),
        ("AccountName=x;AccountKey=abcdefghijklmnopqrstuvwxyz0123456789ABCD==;", True),
        ("https://hooks.slack.com/services/T0ABCDEFG/B0ABCDEFG/abcdefghijklmnopqrstuvwx", True),
        # references and neighbours are not
        ("token: ${TOKEN}\n", False),
        ('curl -H "Authorization: Bearer $TOKEN"', False),
        ("token_endpoint: https://login.example.com/oauth/token\n", False),
        ("tokenizer: bert-base-uncased-long-name", False),
        ("kubeadm join --discovery-token-ca-cert-hash sha256:" + "a" * 64, False),
    ],
)
def test_token_shapes_in_any_text(text: str, secret: bool) -> None:
    """Tokens were found only under a secret's name: a kubeconfig token, a bearer header or
    a storage account key inside a script or a ConfigMap file PASSed."""
    assert (detect_secrets({"script": text}) == ("script",)) is secret
