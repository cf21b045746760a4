"""Never a false secret: a value that names where a secret is kept (an ARN, a Key Vault
reference, a Secret Manager name, a Vault path) or a password hash is no secret written in the
configuration, whatever the attribute is called; the same names with a literal are (both
ways). A literal default password (``changeme``) is a secret: it is what the server is given.
Before, every one of these FAILed GDCC-SECRET-001."""

from __future__ import annotations

import pytest

from gdcc_audit.secrets.detect import detect_secrets, secret_value, split_option_secrets

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


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        ("./deploy.sh --password hunter2hunter", True),
        ("app --db-password='abcd1234' --port 80", True),
        ("az login --service-principal -u app --client-secret Zz9~abcdefg", True),
        ("mysql -u root -p'S3cretPw!' -e 'select 1'", True),
        ("mysqldump -uroot -pS3cretPw db > db.sql", True),
        ("mysqladmin -u root password 'S3cretPw!'", True),
        ("/usr/bin/mysqladmin -u root -h localhost password Xyz12345", True),
        ("sshpass -p 'abc123' ssh admin@10.0.0.1", True),
        ("echo 'root:Cloud12#$' | chpasswd", True),
        ('echo "ubuntu:ubuntu" | sudo chpasswd', True),
        ("echo mypw1234 | passwd --stdin root", True),
        # prompts, references, other options and flags that are not passwords
        ("mysql -u root -p -e 'select 1'", False),
        ("mysql -u root -p$MYSQL_ROOT_PASSWORD", False),
        ('mysql -h db -P 3306 -u app -p"$PW"', False),
        ("mkdir -p /tmp/x && ssh -p 22 host && docker run -p 80:80 nginx", False),
        ("docker login --password-stdin < pw.txt", False),
        ("app --password $DB_PASSWORD --password-file /etc/pw", False),
        ('app --password "${PW}" --password <password>', False),
        ("gcloud secrets versions access latest --secret=db-password", False),
        ("echo '$6$salt$hashhashhash' | chpasswd -e", False),
        ('echo "root:$PASS" | chpasswd', False),
        ("sshpass -p $PASS ssh host", False),
        ('mysqladmin -u root password "$DB_ROOT_PASSWORD"', False),
        ("mysqladmin -u root password\nmysql -u root -e 'select 1'", False),
        ("mysqladmin -u root flush-privileges", False),
    ],
)
def test_passwords_on_command_lines(text: str, secret: bool) -> None:
    """A password given on a command line (a provisioner's ``inline``, a ``local-exec``
    ``command``, user data, a container's command) with a space after the option, or
    MySQL's ``-pPASSWORD``, or piped into ``chpasswd``, PASSed (only ``password=x``
    was a shape)."""
    assert (detect_secrets({"script": text}) == ("script",)) is secret


def test_option_and_value_as_two_items() -> None:
    """A container's args written ``["--token", "..."]``: the option and its value are two
    items, neither of which alone has a secret's shape."""
    args = ["--token", "abcdefghijklmnop1234", "--password", "$(PW)", "-p", "8080",
            "--db-password", "hunter2hunter", "--verbose"]  # fmt: skip
    assert split_option_secrets(args) == [1, 7]
    assert split_option_secrets("--token abc") == []
