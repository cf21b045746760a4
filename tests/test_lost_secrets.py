"""GDCC-SECRET-001 judges what a resource's own definition writes (and what a companion
writes into it: a secret version's ``secret_string``). A part not assessed that names the
resource but declares a resource of another kind (an IAM binding on a KMS key, declared
twice), or a blind one of a type that writes no secret into its target (an IAM binding
reaching its key through ``var.``), cannot write a secret there: the PASS stands. Before, it
was UNKNOWN (checkov-tests GCPKMSCryptoKeysAreNotPubliclyAccessible, cloud-foundation-fabric
kms iam fixtures). A lost companion that can write one keeps it UNKNOWN."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

MAIN = """\
resource "google_kms_crypto_key" "key" {
  name     = "key"
  key_ring = "projects/p/locations/global/keyRings/r"
}

resource "google_kms_crypto_key_iam_binding" "crypto_key" {
  crypto_key_id = google_kms_crypto_key.key.id
  role          = "roles/cloudkms.cryptoKeyEncrypter"
  members       = ["user:jane@example.com"]
}

resource "google_kms_crypto_key_iam_binding" "crypto_key" {
  crypto_key_id = google_kms_crypto_key.key.id
  role          = "roles/cloudkms.cryptoKeyEncrypter"
  members       = ["allUsers"]
}

variable "kms_key" {
  default = { id = "projects/p/locations/global/keyRings/r/cryptoKeys/k" }
}

resource "google_kms_crypto_key_iam_binding" "shared" {
  crypto_key_id = var.kms_key.id
  role          = "roles/cloudkms.cryptoKeyEncrypterDecrypter"
  members       = ["serviceAccount:a@p.iam.gserviceaccount.com"]
}

resource "google_kms_crypto_key_iam_binding" "shared" {
  crypto_key_id = var.kms_key.id
  role          = "roles/cloudkms.cryptoKeyEncrypterDecrypter"
  members       = ["serviceAccount:b@p.iam.gserviceaccount.com"]
}

resource "aws_secretsmanager_secret" "db" {
  name = "db"
}

resource "random_password" "db" {
  length = 20
}

resource "aws_secretsmanager_secret_version" "db" {
  secret_id     = aws_secretsmanager_secret.db.id
  secret_string = random_password.db.result
}

resource "aws_secretsmanager_secret_version" "db" {
  secret_id     = aws_secretsmanager_secret.db.id
  secret_string = "Hunter22-Pa55word!"
}
"""


def test_a_lost_part_of_another_kind_leaves_secret_001_judged(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(MAIN, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-SECRET-001",)))
    found = {f.address: f for f in result.findings}
    assert {address: f.status for address, f in found.items()} == {
        # the duplicate IAM binding names the key: it grants, it writes no secret there;
        # the blind one (through var.kms_key) neither
        "google_kms_crypto_key.key": Status.PASS,
        "google_kms_crypto_key_iam_binding.shared": Status.PASS,
        # the duplicate secret version may write a secret into the secret
        "aws_secretsmanager_secret.db": Status.UNKNOWN,
    }
    unknown = found["aws_secretsmanager_secret.db"]
    assert unknown.message is not None
    assert unknown.message.en == (
        f"a block that names this resource was not assessed ({tmp_path}/main.tf:47); what was "
        "assessed passes: No secrets are written in configuration"
    )
    assert unknown.evidence["not_assessed"] == [f"{tmp_path}/main.tf:47"]


def test_only_the_secret_writers_add_secrets_to_their_targets() -> None:
    """``SECRET_WRITERS`` lists every Terraform companion whose function adds
    ``hardcoded_secrets`` to its target: a new one must be added there (else its lost
    duplicate would leave the target's SECRET-001 PASS standing)."""
    import inspect

    from gdcc_audit.normalize.lost import SECRET_WRITERS
    from gdcc_audit.normalize.terraform.registry import COMPANIONS

    writers = {
        name for name, function in COMPANIONS.items()
        if "hardcoded_secrets" in inspect.getsource(function)
    }
    assert writers == SECRET_WRITERS


RAIN = """\
Resources:
  Network:
    Type: !Rain::Module ./vpc.yml
    Properties:
      Name: site
  Queue:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: events
  Included:
    Type: AWS::SQS::Queue
    Properties:
      Fn::Transform:
        Name: AWS::Include
        Parameters:
          Location: s3://bucket/queue.yaml
"""


def test_a_rain_module_writes_no_secret_into_other_resources(tmp_path: Path) -> None:
    """A Rain module (skipped: blind) creates its own resources; its ``Overrides`` change
    only those: the queue's SECRET-001 PASS stands (it was UNKNOWN, aws-cloudformation-
    templates' Solutions). A snippet included in a resource's Properties may write one."""
    (tmp_path / "template.yaml").write_text(RAIN, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-SECRET-001",)))
    assert {f.address: f.status for f in result.findings} == {
        "Queue": Status.PASS,
        "Included": Status.UNKNOWN,
    }
