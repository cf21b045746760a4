"""AWS KMS keys: who may use them and whether they can be rotated.

- A key policy set by ``aws_kms_key_policy`` was not read: a key given ``Principal: "*"``
  that way PASSed GDCC-ENC-006 "Key policies do not let everyone use the key" (a wrong PASS).
  It is folded into its key; a key policy whose key is not in the scan is judged alone.
- Replica keys (``aws_kms_replica_key``, ``AWS::KMS::ReplicaKey``) and keys with imported
  material (``aws_kms_external_key``) were not judged at all.
- Automatic rotation exists only for symmetric keys whose material KMS generates
  (docs.aws.amazon.com/kms/latest/APIReference/API_EnableKeyRotation.html): GDCC-ENC-003 is
  NOT_APPLICABLE to an asymmetric or HMAC key, a key in a custom key store, imported material
  and replicas (Terraform was UNKNOWN or FAIL, CloudFormation FAIL).
"""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

TF = """\
resource "aws_kms_key" "shared" {
  description         = "opened by its key policy resource"
  enable_key_rotation = true
}

resource "aws_kms_key_policy" "shared" {
  key_id = aws_kms_key.shared.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "Everyone"
      Effect    = "Allow"
      Principal = { AWS = "*" }
      Action    = "kms:Decrypt"
      Resource  = "*"
    }]
  })
}

resource "aws_kms_key" "private" {
  description         = "default key policy"
  enable_key_rotation = true
}

resource "aws_kms_key_policy" "outside" {
  key_id = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = "*", Action = "kms:*", Resource = "*" }]
  })
}

resource "aws_kms_key" "signing" {
  customer_master_key_spec = "ECC_NIST_P256"
  key_usage                = "SIGN_VERIFY"
  enable_key_rotation      = false
}

resource "aws_kms_key" "mac" {
  customer_master_key_spec = "HMAC_256"
  key_usage                = "GENERATE_VERIFY_MAC"
}

resource "aws_kms_key" "store" {
  custom_key_store_id = "cks-1234567890abcdef0"
}

resource "aws_kms_key" "plain" {
  description = "symmetric, rotation not set"
}

variable "spec" {
  type = string
}

resource "aws_kms_key" "spec_unknown" {
  customer_master_key_spec = var.spec
}

resource "aws_kms_replica_key" "replica" {
  primary_key_arn = "arn:aws:kms:us-east-1:111122223333:key/mrk-1234abcd12ab34cd56ef1234567890ab"
}

resource "aws_kms_external_key" "imported" {
  description = "imported material"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { AWS = "*" }, Action = "kms:*", Resource = "*" }]
  })
}
"""

CFN = """\
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  SigningKey:
    Type: AWS::KMS::Key
    Properties:
      KeySpec: RSA_2048
      KeyUsage: SIGN_VERIFY
  ImportedKey:
    Type: AWS::KMS::Key
    Properties:
      Origin: EXTERNAL
  PlainKey:
    Type: AWS::KMS::Key
    Properties:
      Description: symmetric, rotation not set
  Replica:
    Type: AWS::KMS::ReplicaKey
    Properties:
      PrimaryKeyArn: arn:aws:kms:us-east-1:111122223333:key/mrk-1234abcd12ab34cd56ef1234567890ab
      KeyPolicy:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: "*"
            Action: "kms:*"
            Resource: "*"
"""

NOT_ROTATABLE = (
    "AWS KMS rotates only symmetric encryption keys whose key material it generates: an "
    "asymmetric or HMAC key, a key with imported key material or in a custom key store "
    "cannot be rotated automatically (rotate it by hand: a new key, the alias moved to it)"
)
REPLICA = (
    "a replica of a multi-Region key is rotated with its primary key: rotation is set on the "
    "primary key, where it is judged"
)


def _found(tmp_path: Path, name: str, text: str, rule: str) -> dict[str, tuple[Status, str]]:
    (tmp_path / name).write_text(text, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=(rule,)))
    return {(f.address or ""): (f.status, f.message.en) for f in result.findings}


def test_terraform_key_policies(tmp_path: Path) -> None:
    found = _found(tmp_path, "main.tf", TF, "GDCC-ENC-006")
    main = tmp_path / "main.tf"
    # was PASS "Key policies do not let everyone use the key"
    assert found["aws_kms_key.shared"] == (
        Status.FAIL,
        f'anyone may use the key (granted by statement "Everyone" allows everyone by '
        f"aws_kms_key_policy.shared at {main}:6)",
    )
    assert found["aws_kms_key.private"] == (
        Status.PASS,
        "Key policies do not let everyone use the key",
    )
    # its key is not in the scan: judged alone as a key (was not judged)
    assert found["aws_kms_key_policy.outside"] == (
        Status.FAIL,
        f"anyone may use the key (granted by statement 1 allows everyone by "
        f"aws_kms_key_policy.outside at {main}:25)",
    )
    assert found["aws_kms_external_key.imported"][0] is Status.FAIL
    assert found["aws_kms_replica_key.replica"] == (
        Status.PASS,
        "Key policies do not let everyone use the key",
    )
    assert "aws_kms_key_policy.shared" not in found


def test_terraform_rotation(tmp_path: Path) -> None:
    found = _found(tmp_path, "main.tf", TF, "GDCC-ENC-003")
    not_rotatable = {
        address: (Status.NOT_APPLICABLE, f"does not apply to {kind}: {reason}")
        for address, kind, reason in (
            ("aws_kms_key.signing", "aws_kms_key", NOT_ROTATABLE),  # was UNKNOWN
            ("aws_kms_key.mac", "aws_kms_key", NOT_ROTATABLE),  # was UNKNOWN
            ("aws_kms_key.store", "aws_kms_key", NOT_ROTATABLE),  # was FAIL
            ("aws_kms_external_key.imported", "aws_kms_external_key", NOT_ROTATABLE),
            ("aws_kms_replica_key.replica", "aws_kms_replica_key", REPLICA),
        )
    }
    assert {a: found[a] for a in not_rotatable} == not_rotatable
    assert found["aws_kms_key.plain"] == (
        Status.FAIL,
        "automatic rotation is off (provider default: 'enable_key_rotation' not set)",
    )
    # a spec not known: the key may be asymmetric (was FAIL by the default)
    assert found["aws_kms_key.spec_unknown"] == (
        Status.UNKNOWN,
        "whether automatic rotation is on is not known from the input",
    )
    assert found["aws_kms_key.shared"][0] is Status.PASS


def test_cloudformation_keys(tmp_path: Path) -> None:
    rotation = _found(tmp_path, "keys.yaml", CFN, "GDCC-ENC-003")
    assert rotation == {
        # both were FAIL "automatic rotation is off"
        "SigningKey": (Status.NOT_APPLICABLE, f"does not apply to AWS::KMS::Key: {NOT_ROTATABLE}"),
        "ImportedKey": (
            Status.NOT_APPLICABLE,
            f"does not apply to AWS::KMS::Key: {NOT_ROTATABLE}",
        ),
        "PlainKey": (
            Status.FAIL,
            "automatic rotation is off (provider default: 'EnableKeyRotation' not set)",
        ),
        "Replica": (Status.NOT_APPLICABLE, f"does not apply to AWS::KMS::ReplicaKey: {REPLICA}"),
    }
    policies = audit([tmp_path], Settings(rule_ids=("GDCC-ENC-006",)))
    public = {(f.address or ""): f.status for f in policies.findings}
    # a replica key was not judged
    assert public == {
        "SigningKey": Status.PASS,
        "ImportedKey": Status.PASS,
        "PlainKey": Status.PASS,
        "Replica": Status.FAIL,
    }
