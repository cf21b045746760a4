"""GDCC-SECRET-001 on command lines: a key given to a long option named for it
(``--encryption-key 3q2+...``, ``--master-key <hex>``, kubeadm's ``--certificate-key``) and a
password given to a client's short option (``docker login -p``, ``mongosh -p``, ``redis-cli
-a``, ``ldapadd -w``, ``sqlcmd -P``, ``keytool -storepass``, OpenSSL's ``pass:PASSWORD`` and
``enc -K <hex>``) PASSed in a container's ``command`` / ``args``, user data, Heat
``user_data`` and CloudFormation ``UserData``: only ``--password`` / ``--token`` /
``--api-key`` style options were read. A key option counts only when its value is key
material (``key_material``); a variable, a command's output, a file path, a placeholder word,
a key's id and options that name or fetch keys (``--kms-key``, ``--public-key``, gpg's
``--recv-key FINGERPRINT``) stay clean, and so do ``-p`` options of other programs
(``docker run -p 8080:80``, ``mkdir -p``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from gdcc_audit import Settings, audit
from gdcc_audit.secrets.detect import detect_secrets

KEY = "3q2+7wAbCdEfGhIjKlMnOpQrStUvWxYz0123456789=="
HEX = "9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b"


@pytest.mark.parametrize("text", [
    f"vault-server --encryption-key {KEY}",
    f"app --encryption-key={KEY} --port 80",
    f"app --master_key '{KEY}'",
    f"kubeadm join 10.0.0.1:6443 --control-plane --certificate-key {HEX}",
    f"restic backup --hmac-key {HEX} /data",
    "docker login -u deploy -p Hunter22xyz registry.example.com",
    "mongosh --host db -u admin -p 'Sup3rS3cret' admin",
    "redis-cli -h cache -a Sup3rS3cret ping",
    "ldapadd -x -D cn=admin,dc=example,dc=org -w adminpw -f /tmp/users.ldif",
    "sqlcmd -S db -U sa -P Hunter22xyz -Q 'select 1'",
    "keytool -importkeystore -srckeystore a.p12 -srcstorepass Hunter22 -deststorepass Hunter22",
    "openssl pkcs12 -export -in cert.pem -inkey key.pem -passout pass:Hunter22 -out c.p12",
    f"openssl enc -aes-256-cbc -K {HEX} -iv 00000000000000000000000000000000 -in a",
])
def test_a_secret_given_to_an_option_on_a_command_line(text: str) -> None:
    assert detect_secrets({"user_data": f"#!/bin/bash\n{text}\n"}) == ("user_data",)


@pytest.mark.parametrize("text", [
    "app --encryption-key $ENC_KEY",
    "app --encryption-key \"${ENCRYPTION_KEY}\"",
    "app --encryption-key $(cat /run/secrets/enc)",
    "app --encryption-key /etc/app/encryption.key",
    "app --encryption-key my-encryption-key-goes-here",
    "aws kms encrypt --kms-key 1234abcd12ab34cd56ef1234567890abcdef --plaintext fileb://x",
    "aws s3 cp x s3://b --sse-kms-key-id 1234abcd-12ab-34cd-56ef-1234567890ab",
    "app --public-key AAAAB3NzaC1yc2EAAAADAQABAAABAQC7",
    "gpg --keyserver keys.openpgp.org --recv-key 0123456789ABCDEF0123456789ABCDEF01234567",
    "gpg --default-key 0123456789ABCDEF0123456789ABCDEF01234567 --sign a",
    "docker login -u deploy -p $REGISTRY_PASSWORD registry.example.com",
    "docker login -u deploy --password-stdin < /run/pw",
    "docker run -p 8080:80 -p 8443:443 nginx",
    "mkdir -p /opt/app/releases/current",
    "mongosh -u admin -p",
    "redis-cli -a \"$REDIS_PASSWORD\" ping",
    "openssl pkcs12 -export -in c.pem -passout env:P12_PASSWORD -out c.p12",
    "openssl pkcs12 -export -in c.pem -passout file:/run/secrets/p12 -out c.p12",
    "openssl rsa -in k.pem -passin pass:$KEY_PASSWORD -out k2.pem",
    "keytool -importkeystore -srcstorepass:env SRC_PW -deststorepass:file /run/pw",
])
def test_a_reference_a_path_or_another_option_is_no_secret(text: str) -> None:
    assert detect_secrets({"user_data": f"#!/bin/bash\n{text}\n"}) == ()


def test_an_option_and_its_value_as_two_items_of_a_command_list() -> None:
    assert detect_secrets({
        "args": ["--encryption-key", KEY, "--port", "8080"],
        "command": ["mongosh", "--host", "db", "-u", "admin", "-p", "Sup3rS3cret"],
        "other": ["docker", "login", "-u", "deploy", "-p", "Hunter22xyz"],
    }) == ("args.1", "command.6", "other.5")
    assert detect_secrets({
        "args": ["--encryption-key", "$(ENC_KEY)", "--kms-key", HEX],
        "command": ["docker", "run", "-p", "8080:80", "nginx"],
        "other": ["mongosh", "-u", "admin", "-p", "/run/secrets/pw"],
    }) == ()


K8S = f"""\
apiVersion: apps/v1
kind: Deployment
metadata: {{name: vault, namespace: ops}}
spec:
  selector: {{matchLabels: {{app: vault}}}}
  template:
    metadata: {{labels: {{app: vault}}}}
    spec:
      containers:
        - name: app
          image: example/app:1.0
          args: ["--encryption-key", "{KEY}", "--listen", ":8080"]
---
apiVersion: apps/v1
kind: Deployment
metadata: {{name: clean, namespace: ops}}
spec:
  selector: {{matchLabels: {{app: clean}}}}
  template:
    metadata: {{labels: {{app: clean}}}}
    spec:
      containers:
        - name: app
          image: example/app:1.0
          args: ["--encryption-key", "$(ENC_KEY)", "--key-file", "/etc/app/enc.key"]
"""

HEAT = """\
heat_template_version: 2018-08-31
resources:
  server:
    type: OS::Nova::Server
    properties:
      image: ubuntu
      flavor: m1.small
      user_data: |
        #!/bin/bash
        redis-cli -h cache -a Sup3rS3cret config set appendonly yes
  clean:
    type: OS::Nova::Server
    properties:
      image: ubuntu
      flavor: m1.small
      user_data: |
        #!/bin/bash
        docker run -d -p 6379:6379 redis
"""

CFN = f"""\
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Web:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-12345678
      InstanceType: t3.micro
      UserData:
        Fn::Base64: |
          #!/bin/bash
          kubeadm join 10.0.0.1:6443 --control-plane --certificate-key {HEX}
  Clean:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-12345678
      InstanceType: t3.micro
      UserData:
        Fn::Base64: !Sub |
          #!/bin/bash
          kubeadm join 10.0.0.1:6443 --control-plane --certificate-key ${{CertificateKey}}
Parameters:
  CertificateKey:
    Type: String
    NoEcho: true
"""


@pytest.mark.parametrize(("name", "text", "failing"), [
    ("deploy.yaml", K8S, "Deployment/ops/vault"),
    ("stack.yaml", HEAT, "server"),
    ("template.yaml", CFN, "Web"),
])
def test_each_format_fails_the_resource_with_the_secret_only(
    tmp_path: Path, name: str, text: str, failing: str
) -> None:
    (tmp_path / name).write_text(text, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-SECRET-001",), cache=False))
    verdicts = {f.address: f.status.value for f in result.findings}
    assert [a for a, s in verdicts.items() if s == "FAIL"] == [failing]
    assert len(verdicts) == 2
