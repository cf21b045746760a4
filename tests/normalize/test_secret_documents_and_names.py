"""GDCC-SECRET-001 wrong FAILs found in third-party IaC (stop 39), and what still FAILs.

- kserve's ``inferenceservice-config`` ConfigMap (kubeflow/manifests) keeps its storage
  configuration as a JSON document under ``credentials``: names of Secrets, files and
  variables (``"s3SecretAccessKeyName": "AWS_SECRET_ACCESS_KEY"``). A JSON object written as
  text under a secret's name is now read as a document: its fields named or shaped as
  secrets are the secrets found; a value neither empty, a setting nor a name still makes
  the whole value a secret.
- A setting whose last word ends in ``name`` / ``annotation`` holding a name (a Secret's,
  a file's, a variable's, an annotation key) names something.
- ``export VAULT_SECRET=VaultSecret-${VaultSecGroup}`` (quickstart-hashicorp-vault user
  data): a value with a variable in it is filled in by the shell or ``Fn::Sub``.
- ``SecretString: empty`` (quickstart-hashicorp-vault: Vault writes the secret later): a
  stand-in, as ``none`` / ``null`` are.
- ``password_change_interval`` and ``token_endpoint`` (terraform-docs-samples) are settings.
- ``password: event.ResourceProperties.X`` in a function's source (widdix) is code reading
  a value, not a password.
- ``old_passwords: '0'`` (a MySQL parameter group, awslabs templates): a one- or two-digit
  number is a flag.
- airflow-helm's ``passwordSecret: airflow-mysql`` beside ``passwordSecretKey: password``
  names a Secret and its key.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.secrets.detect import detect_secrets
from gdcc_audit.settings import Settings

KSERVE = {
    "storageSpecSecretName": "storage-config",
    "storageSecretNameAnnotation": "serving.kserve.io/storageSecretName",
    "gcs": {"gcsCredentialFileName": "gcloud-application-credentials.json"},
    "s3": {
        "s3AccessKeyIDName": "AWS_ACCESS_KEY_ID",
        "s3SecretAccessKeyName": "AWS_SECRET_ACCESS_KEY",
        "s3Endpoint": "",
        "s3UseAnonymousCredential": "",
    },
}


@pytest.mark.parametrize(
    ("document", "found"),
    [
        (KSERVE, ()),
        ({"user": "bob", "password": "Hunter22pw"}, ("credentials.password",)),
        (
            {"type": "service_account", "private_key": "-----BEGIN PRIVATE KEY-----\nMIIE\n"
             "-----END PRIVATE KEY-----\n"},
            ("credentials.private_key",),
        ),
        # values not named as secrets: the whole value is one
        ({"secret": "abcdefgh"}, ("credentials",)),
        ({"auths": {"registry.example.com": {"auth": "dXNlcjpwYXNz"}}}, ("credentials",)),
    ],
)
def test_a_json_document_under_a_secret_name(document: object, found: tuple[str, ...]) -> None:
    text = json.dumps(document, indent=2)
    assert detect_secrets({"credentials": text}) == found
    # a Kubernetes Secret's data is secret whole: nothing changes there
    assert detect_secrets({"data": {"credentials": text}}, sensitive=frozenset({"data"})) == (
        ("data.credentials",)
    )


@pytest.mark.parametrize(
    ("values", "found"),
    [
        ({"s3SecretAccessKeyName": "AWS_SECRET_ACCESS_KEY"}, ()),
        ({"tokenSecretName": "github-token"}, ()),
        ({"passwordAnnotation": "example.com/db-password"}, ()),
        ({"password": "db-pass"}, ("password",)),
        ({"SecretString": "empty"}, ()),
        ({"SecretString": "empty-value-here"}, ("SecretString",)),
        ({"user_data": "#!/bin/bash\nexport VAULT_SECRET=VaultSecret-${VaultSecGroup}\n"}, ()),
        ({"user_data": "#!/bin/bash\nexport DB_PASS=abc$OTHER\n"}, ()),
        ({"user_data": "#!/bin/bash\nexport DB_PASS=Hunter22pw\n"}, ("user_data",)),
        ({"password_change_interval": "30s", "root_password": "abcABC123!"}, ("root_password",)),
        ({"token_endpoint": "https://auth.example.com/token", "client_secret": "D-XXF"},
         ("client_secret",)),
        # code reading a password (widdix account-password-policy's Lambda source)
        ({"ZipFile": "AllowUsersToChangePassword: event.ResourceProperties.Allow === 'true',"},
         ()),
        ({"ZipFile": "conn = connect(password=os.environ['DB_PASSWORD'])"}, ()),
        ({"ZipFile": "const c = {password: process.env.DB_PASSWORD};"}, ()),
        ({"ZipFile": "conn = connect(password='Hunter22pw')"}, ("ZipFile",)),
        # a DB parameter group's flag (awslabs RDS_with_DBParameterGroup): no password
        ({"Parameters": {"old_passwords": "0", "autocommit": "1"}}, ()),
        ({"pin_password": "123"}, ("pin_password",)),
        # airflow-helm: a ...Secret setting beside its ...SecretKey names a Secret and its key
        (
            {"externalDatabase": {
                "userSecret": "airflow-mysql-credentials", "userSecretKey": "username",
                "passwordSecret": "airflow-mysql-credentials", "passwordSecretKey": "password"},
             "gitSync": {"sshSecret": "airflow-git-secret", "sshSecretKey": "id_rsa"}},
            (),
        ),
        ({"gitSync": {"sshSecretKey": "id_rsa"}}, ("gitSync.sshSecretKey",)),
        ({"passwordSecret": "Hunter22pw", "passwordSecretKey": "k"}, ("passwordSecret",)),
        # an OAuth client's secret beside the key an existing Secret would hold it under
        ({"clientSecret": "abcdefgh", "clientSecretKey": "client-secret"}, ("clientSecret",)),
    ],
)
def test_names_variables_and_stand_ins(values: dict[str, str], found: tuple[str, ...]) -> None:
    assert detect_secrets(values) == found


CONFIG_MAP = """\
apiVersion: v1
kind: ConfigMap
metadata:
  name: inferenceservice-config
  namespace: kserve
data:
  credentials: |-
{document}
"""


def test_kserve_storage_configuration_passes(tmp_path: Path) -> None:
    text = "\n".join("    " + line for line in json.dumps(KSERVE, indent=2).splitlines())
    (tmp_path / "cm.yaml").write_text(CONFIG_MAP.format(document=text), encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-SECRET-001",)))
    assert [(f.address, f.status) for f in result.findings] == [
        ("ConfigMap/kserve/inferenceservice-config", Status.PASS)
    ]
