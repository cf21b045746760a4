"""A key named only by a word gdcc-audit does not know (``FERNET_KEY``, ``ENCRYPTION_KEY``,
``HMAC_KEY``, ``APP_KEY``, ``cipherKey``) is no secret's name: a random key written there
PASSed GDCC-SECRET-001 (only a vendor's shape was found). Such a key is a secret when its
value is key material (32+ hex digits; 20+ base64 characters mixing capitals, small letters
and digits: a Fernet key, ``openssl rand -base64 32``, Laravel's ``base64:`` ``APP_KEY``).
A KMS key's ARN, alias or resource name, a UUID, a placeholder, a word, a GPG key's
fingerprint, a public / site key and an index key (``partition_key``, ``cache_key``) stay
clean, as does ``key`` alone."""

from __future__ import annotations

from pathlib import Path

import pytest

from gdcc_audit import Settings, audit
from gdcc_audit.secrets.detect import detect_secrets

FERNET = "ZmDfcTF7_60GrrY167zsiPd67pEvs0aGOv2oasOM1Pg="


@pytest.mark.parametrize(
    ("name", "value", "secret"),
    [
        ("FERNET_KEY", FERNET, True),
        ("ENCRYPTION_KEY", "8f1c2d3e4a5b6c7d8e9f0a1b2c3d4e5f", True),
        ("APP_KEY", "base64:3q2+7w0tYz8Q1wXl0l3U4m5n6o7p8q9r0s1t2u3v4w8=", True),
        ("cipherKey", "Xk9mQ2vLp7zR3tYb8NcWq1Ej", True),
        ("HMAC_KEY", "your-hmac-key-here", False),
        ("ENCRYPTION_KEY", "arn:aws:kms:ap-southeast-1:123456789012:key/"
                           "1234abcd-12ab-34cd-56ef-1234567890ab", False),
        ("encryption_key", "projects/p/locations/l/keyRings/r/cryptoKeys/k", False),
        ("ENCRYPTION_KEY", "1234abcd-12ab-34cd-56ef-1234567890ab", False),
        ("ENCRYPTION_KEY", "x" * 44, False),
        ("GPG_KEY", "A035C8C19219BA821ECEA86B64E628F8D684696D", False),
        ("RECAPTCHA_SITE_KEY", "6LcAbCdEfGhIjKlMnOpQrStUvWxYz0123456789", False),
        ("partition_key", "UserIdPartitionKey12345", False),
        ("key", FERNET, False),
    ],
)
def test_a_key_named_by_an_unknown_word_is_a_secret_when_it_is_key_material(
    name: str, value: str, secret: bool
) -> None:
    assert bool(detect_secrets({name: value})) is secret


POD = f"""\
apiVersion: v1
kind: Pod
metadata:
  name: airflow
spec:
  containers:
    - name: web
      image: apache/airflow:2.9.0
      env:
        - name: AIRFLOW__CORE__FERNET_KEY
          value: {FERNET}
        - name: KMS_KEY
          value: alias/airflow
"""


def test_a_pod_s_fernet_key_fails(tmp_path: Path) -> None:
    (tmp_path / "pod.yaml").write_text(POD, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-SECRET-001",), cache=False))
    assert [(f.address, f.status.value, f.evidence.get("paths")) for f in result.findings] == [
        ("Pod/default/airflow", "FAIL", ["spec.containers.0.env.AIRFLOW__CORE__FERNET_KEY"])
    ]


STACK_SET = """\
AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  pStagingS3BucketName:
    Type: String
    Default: staging-bucket
Resources:
  PolicyStackSet:
    Type: AWS::CloudFormation::StackSet
    Properties:
      StackSetName: password-policy
      PermissionModel: SERVICE_MANAGED
      TemplateURL: https://example.com/t.yaml
      Parameters:
        - ParameterKey: pRequireSymbols
          ParameterValue: 'true'
        - ParameterKey: pSRAStagingS3BucketName
          ParameterValue: !Ref pStagingS3BucketName
        - ParameterKey: pHmacKey
          ParameterValue: Xk9mQ2vLp7zR3tYb8NcWq1Ej
"""


def test_a_stack_sets_parameter_key_names_a_parameter_and_is_no_key_material(
    tmp_path: Path,
) -> None:
    """A StackSet parameter's ``ParameterKey`` is the parameter's name: one mixing capitals,
    small letters and digits (``pSRAStagingS3BucketName``) FAILed GDCC-SECRET-001 as key
    material under a ``*Key`` name (aws-security-reference-architecture-examples). The value
    of a pair named like a key and holding key material is still found."""
    assert detect_secrets(
        {"Parameters": [{"ParameterKey": "pSRAStagingS3BucketName", "ParameterValue": "x"}]}
    ) == ()
    path = tmp_path / "stackset.yaml"
    path.write_text(STACK_SET, encoding="utf-8")
    result = audit([path], Settings(rule_ids=("GDCC-SECRET-001",)))
    [finding] = [f for f in result.findings if f.resource_name == "PolicyStackSet"]
    assert finding.status.value == "FAIL"
    assert finding.evidence["paths"] == ["Parameters.2.ParameterValue"]
