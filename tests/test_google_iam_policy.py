"""Authoritative Google IAM policies (``google_*_iam_policy``) that grant a role to
``allUsers`` / ``allAuthenticatedUsers`` make a key, topic or bucket public: inline
``jsonencode`` or heredoc ``policy_data``, or ``data "google_iam_policy"``."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

MAIN = """\
variable "readers" {
  type = list(string)
}

resource "google_kms_crypto_key" "open" {
  name     = "open"
  key_ring = "projects/p/locations/asia-southeast1/keyRings/r"
}

resource "google_kms_crypto_key_iam_policy" "open" {
  crypto_key_id = google_kms_crypto_key.open.id
  policy_data = jsonencode({
    bindings = [{ role = "roles/cloudkms.cryptoKeyDecrypter", members = ["allUsers"] }]
  })
}

resource "google_kms_crypto_key" "named" {
  name     = "named"
  key_ring = "projects/p/locations/asia-southeast1/keyRings/r"
}

resource "google_kms_crypto_key_iam_policy" "named" {
  crypto_key_id = google_kms_crypto_key.named.id
  policy_data   = <<JSON
{"bindings": [{"role": "roles/cloudkms.cryptoKeyEncrypter",
               "members": ["serviceAccount:app@p.iam.gserviceaccount.com"]}]}
JSON
}

data "google_iam_policy" "signed_in" {
  binding {
    role    = "roles/cloudkms.cryptoKeyDecrypter"
    members = ["allAuthenticatedUsers"]
  }
}

resource "google_kms_crypto_key" "signed_in" {
  name     = "signed-in"
  key_ring = "projects/p/locations/asia-southeast1/keyRings/r"
}

resource "google_kms_crypto_key_iam_policy" "signed_in" {
  crypto_key_id = google_kms_crypto_key.signed_in.id
  policy_data   = data.google_iam_policy.signed_in.policy_data
}

resource "google_kms_crypto_key" "from_var" {
  name     = "from-var"
  key_ring = "projects/p/locations/asia-southeast1/keyRings/r"
}

resource "google_kms_crypto_key_iam_policy" "from_var" {
  crypto_key_id = google_kms_crypto_key.from_var.id
  policy_data = jsonencode({
    bindings = [{ role = "roles/cloudkms.cryptoKeyDecrypter", members = var.readers }]
  })
}

resource "google_kms_crypto_key_iam_policy" "elsewhere" {
  crypto_key_id = "projects/p/locations/asia-southeast1/keyRings/r/cryptoKeys/other"
  policy_data = jsonencode({
    bindings = [{ role = "roles/cloudkms.cryptoKeyDecrypter", members = ["allUsers"] }]
  })
}

resource "google_pubsub_topic" "events" {
  name = "events"
}

resource "google_pubsub_topic_iam_policy" "events" {
  topic       = google_pubsub_topic.events.name
  policy_data = jsonencode({
    bindings = [{ role = "roles/pubsub.subscriber", members = ["allUsers"] }]
  })
}

resource "google_storage_bucket" "site" {
  name     = "site"
  location = "ASIA-SOUTHEAST1"
}

resource "google_storage_bucket_iam_policy" "site" {
  bucket      = google_storage_bucket.site.name
  policy_data = jsonencode({
    bindings = [{ role = "roles/storage.objectViewer", members = ["allUsers"] }]
  })
}
"""


def test_google_iam_policies(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(MAIN)
    rules = ("GDCC-ENC-006", "GDCC-MSG-002", "GDCC-DATA-001")
    result = audit([tmp_path], Settings(rule_ids=rules))
    verdicts = {(f.rule_id, f.address): f.status for f in result.findings}
    assert verdicts[("GDCC-ENC-006", "google_kms_crypto_key.open")] == Status.FAIL
    assert verdicts[("GDCC-ENC-006", "google_kms_crypto_key.named")] == Status.PASS
    assert verdicts[("GDCC-ENC-006", "google_kms_crypto_key.signed_in")] == Status.FAIL
    assert verdicts[("GDCC-ENC-006", "google_kms_crypto_key.from_var")] == Status.UNKNOWN
    # the key is not in the input: the policy is judged as the key it opens
    assert verdicts[("GDCC-ENC-006", "google_kms_crypto_key_iam_policy.elsewhere")] == Status.FAIL
    assert verdicts[("GDCC-MSG-002", "google_pubsub_topic.events")] == Status.FAIL
    assert verdicts[("GDCC-DATA-001", "google_storage_bucket.site")] == Status.FAIL
