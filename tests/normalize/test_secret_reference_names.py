"""Settings that name where a secret is kept (a Secret object, a key of it), values written
in part by a template, and shapes that ran past their line: they FAILed GDCC-SECRET-001 as
secrets (wrong FAILs seen in Helm charts' values); real secrets under near names still
FAIL."""

from __future__ import annotations

import pytest

from gdcc_audit.secrets.detect import detect_secrets, names_reference


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("existingSecret", "my-db"),
        ("existingSecretPasswordKey", "password"),
        ("existingPasswordSecret", "db-auth"),
        ("passwordKey", "admin-password"),
        ("userPasswordKey", "password"),
        ("keystorePasswordSecretKey", "keystore-password"),
        ("passwordsSecretKeystoreKey", "keystore-password"),
        ("hostedGrafanaIdSecretKey", "hosted-grafana-id"),
        ("tlsSecret", "web.local-tls"),
        ("privateKeySecret", "my-secret"),
        ("elasticsearchCertificateSecret", "elasticsearch-master-certs"),
        ("elasticsearchCredentialSecret", "elasticsearch-master-credentials"),
        ("configFromSecret", "prometheus-config"),
        ("serviceAccountSecretKey", "credentials.json"),
        ("secretKey", "thanos.yaml"),
        ("pullSecret", "ghcr-auth"),
        ("apiKeyExistingSecret", "datadog-secret"),
        ("tokenExistingSecret", "cluster-agent-token"),
    ],
)
def test_names_a_secret_object_or_key(name: str, value: str) -> None:
    assert names_reference(name, value)
    assert detect_secrets({name: value}) == ()


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("secretKey", "supersecret"),  # MinIO's S3 secret key
        ("awsSecretAccessKey", "wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY"),
        ("jwtSecret", "mysecret"),
        ("cookieSecret", "abcdefabcdef"),
        ("accessTokenSecret", "Zx9Qw2Lk7Rt5Yp3Mn8Bv"),  # OAuth 1 token secret: not a name
        ("node_token_share_secret", "password"),  # an rsync password (a Heat default)
        ("adminTokenSecret", "admin-token"),  # may be the token's secret itself
        ("existingSecret", "Sup3r S3cret!"),  # not an object name
        ("rootPassword", "S3cretRoot!"),
        ("adminPassword", "changeme"),  # a default password is what the server is given
    ],
)
def test_real_secrets_stay(name: str, value: str) -> None:
    assert detect_secrets({name: value}) == (name,)


def test_settings_named_like_secrets() -> None:
    values = {
        "tsigSecretAlg": "hmac-sha256",
        "secretPrefix": "chainloop",
        "secretFieldSelector": "type!=kubernetes.io/dockercfg",
        "initialClusterToken": "etcd-cluster-k8s",
        "initial_cluster_token": "etcd-cluster-1",
        "credentialIssuerConfig": "impersonationProxy:\n  mode: auto\n",
        "secretTemplate": "concourse/{{.Team}}/{{.Secret}}",
        "privateKey": "-----BEGIN RSA PRIVATE KEY-----\n-----END RSA PRIVATE KEY-----",
    }
    assert detect_secrets(values) == ()


def test_a_template_value_is_searched_for_shapes() -> None:
    # written in part: the literal around the action is still read
    assert detect_secrets({"dsn": "mysql://app:Hunter22@{{ .Values.host }}/db"}) == ("dsn",)
    assert detect_secrets({"password": "{{ .Values.x }}-suffix"}) == ()


def test_a_password_shape_stays_on_its_line() -> None:
    config = "host: localhost\nuser:\npassword:\nlistenPort: 9100\n"
    assert detect_secrets({"configuration": config}) == ()
    assert detect_secrets({"configuration": "user: a\npassword: Hunter22\n"}) == (
        "configuration",
    )


def test_a_shell_default_is_no_password() -> None:
    command = 'PGPASSWORD="${PGPASSWORD:-$(< "$PGPASSWORD_FILE")}" pg_dumpall --no-password'
    assert detect_secrets({"command": [command]}) == ()
    assert detect_secrets({"command": ["PGPASSWORD=Hunter22 pg_dumpall"]}) == ("command.0",)


def test_a_sops_encrypted_value_is_a_ciphertext() -> None:
    sops = "ENC[AES256_GCM,data:Tr7o1xk=,iv:1=,tag:eOPA7pLmaqw5NA==,type:str]"
    assert detect_secrets({"password": sops, "api_token": "Tr7o1xkQ9vZz"}) == ("api_token",)


def test_keys_of_a_secret_annotations_and_files() -> None:
    values = {
        "secretKeys": {"host": "DB_HOST", "password": "KATIB_MYSQL_DB_PASSWORD"},
        "podAnnotations": {"secret.reloader.stakater.com/reload": "unifi-dns-secret"},
        "data": {"discordsrv-token.json": '{"file": "/data/config.yml", "ops": []}'},
    }
    assert detect_secrets(values) == ()
    leaked = {"data": {"app-token.json": '{"password": "Hunter22pw"}'},
              "annotations": {"example.com/db-password": "Hunter22pw"}}
    assert detect_secrets(leaked) == (
        "annotations.example.com/db-password", "data.app-token.json"
    )


def test_a_secret_key_beside_the_secret_name_is_a_key_name() -> None:
    # grafana pdc-agent: ``clusterSecretName`` / ``clusterSecretKey: cluster``; vault-helm
    # ``enterpriseLicense: {secretName, secretKey: license}``: the key in the named Secret
    pdc = {"cluster": "", "clusterSecretName": "", "clusterSecretKey": "cluster"}
    assert detect_secrets(pdc) == ()
    assert detect_secrets({"enterpriseLicense": {"secretName": "", "secretKey": "license"}}) == ()
    # alone, or beside an access key (a key pair), it stays a secret
    assert detect_secrets({"clusterSecretKey": "cluster"}) == ("clusterSecretKey",)
    pair = {"accessKey": "minio", "secretKey": "minio123", "secretName": "minio"}
    assert detect_secrets(pair) == ("accessKey", "secretKey")
    # a value that is no Secret key (spaces) stays a secret
    assert detect_secrets({"secretName": "x", "secretKey": "s3cret value"}) == ("secretKey",)


def test_an_access_key_id_written_as_one_word_is_no_secret() -> None:
    # harbor's values ``oss: {accesskeyid: accesskeyid, accesskeysecret: accesskeysecret}``
    oss = {"oss": {"accesskeyid": "accesskeyid", "accesskeysecret": "accesskeysecret"}}
    assert detect_secrets(oss) == ("oss.accesskeysecret",)


def test_classes_annotations_and_labels_are_not_secrets() -> None:
    # the Secrets Store CSI driver's ``secretProviderClass`` (an object name), a chart's
    # ``secretAnnotations`` (the Secret's annotations): they FAILed (stop 36 sweep)
    values = {
        "volumeAttributes": {"secretProviderClass": "aws-secrets"},
        "secretAnnotations": {"secret-annotation": "testing-purpose"},
        "tokenLabels": {"token-label": "x"},
    }
    assert detect_secrets(values) == ()
    # under ``existing`` mid-name, a value that is no object name stays a secret
    assert detect_secrets({"apiKeyExistingSecret": "Abc_123!"}) == ("apiKeyExistingSecret",)


def test_terraform_types_are_not_secrets() -> None:
    # a Google blueprint's metadata.yaml (``BlueprintMetadata``) describes its module's
    # inputs and outputs: ``varType: object({password = string})`` and the JSON-encoded
    # ``type: [object, {password: string}]`` FAILed (terraform-google-alloy-db, -sql-db)
    interfaces = {
        "variables": [{"name": "initial_user",
                       "varType": "object({\n  user     = optional(string),\n"
                                  "  password = string\n})"}],
        "outputs": [{"name": "cluster",
                     "type": ["object", {"initial_user": ["list", ["object", {
                         "password": "string", "user": "string"}]]}]}],
    }
    assert detect_secrets({"spec": {"interfaces": interfaces}}) == ()
    # a ``type`` that is no type is read as before
    assert detect_secrets({"type": "password=hunter22x"}) == ("type",)
    assert detect_secrets({"type": ["basic", {"password": "hunter22x"}]}) == ("type.1.password",)


def test_a_key_of_the_existing_secret_is_no_secret() -> None:
    # argo-cd's HA manifests vendor redis-ha's values: 'authKey: auth' is "the key holding
    # the redis password in existing secret" (existingSecret: argocd-redis); it FAILed. A
    # value with digits or upper case, no existing Secret beside it, or an empty one: still
    # a secret
    from gdcc_audit.secrets.detect import detect_secrets

    assert detect_secrets({
        "redis-ha": {"auth": True, "authKey": "auth", "existingSecret": "argocd-redis"},
        "other": {"passwordKey": "redis-password", "existingSecret": "db"},
        "mixed": {"authKey": "Kx7qLm2Wv9", "existingSecret": "argocd-redis"},
        "digits": {"authKey": "tskey-auth-k123", "existingSecret": "x"},
        "alone": {"authKey": "auth"},
        "empty": {"authKey": "auth", "existingSecret": ""},
        # a key's own existing Secret (datadog's apiKeyExistingSecret) names no key
        "own": {"apiKey": "lowercasekeyvalue", "apiKeyExistingSecret": "dd-secret"},
    }) == ("alone.authKey", "digits.authKey", "empty.authKey", "mixed.authKey", "own.apiKey")
