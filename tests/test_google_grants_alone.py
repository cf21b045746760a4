"""Google grants whose target is not in the scan, or that reach a target through its parent:
a Cloud Storage bucket IAM grant or ACL on a bucket another configuration creates, and a KMS
key ring grant (inherited by every key in the ring)."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Finding, Status
from gdcc_audit.settings import Settings

BUCKETS = """\
resource "google_storage_bucket_iam_member" "everyone" {
  bucket = "agency-public-site"
  role   = "roles/storage.objectViewer"
  member = "allUsers"
}

resource "google_storage_bucket_iam_binding" "signed_in" {
  bucket  = var.bucket
  role    = "roles/storage.objectViewer"
  members = ["group:staff@agency.go.th", "allAuthenticatedUsers"]
}

resource "google_storage_bucket_iam_member" "team" {
  bucket = "agency-private"
  role   = "roles/storage.objectViewer"
  member = "group:staff@agency.go.th"
}

resource "google_storage_bucket_acl" "acl" {
  bucket      = "agency-legacy"
  role_entity = ["READER:allUsers"]
}

resource "google_storage_bucket_access_control" "owner_only" {
  bucket = "agency-legacy"
  role   = "OWNER"
  entity = "user:admin@agency.go.th"
}
"""


def _run(tmp_path: Path, text: str, *rules: str) -> dict[tuple[str, str], Finding]:
    (tmp_path / "main.tf").write_text(text)
    result = audit([tmp_path], Settings(rule_ids=rules, cache=False))
    return {(f.address or "", f.rule_id): f for f in result.findings}


def test_bucket_grants_outside_the_scan_are_judged(tmp_path: Path) -> None:
    """Were silent (no resource, "no failing checks"): the grant was a companion whose bucket
    was not found, and nothing reported it."""
    found = _run(tmp_path, BUCKETS, "GDCC-DATA-001", "GDCC-DATA-005", "GDCC-ENC-001")
    status = {key: f.status for key, f in found.items()}
    everyone = ("google_storage_bucket_iam_member.everyone", "GDCC-DATA-001")
    signed_in = ("google_storage_bucket_iam_binding.signed_in", "GDCC-DATA-001")
    team = ("google_storage_bucket_iam_member.team", "GDCC-DATA-001")
    acl = ("google_storage_bucket_acl.acl", "GDCC-DATA-001")
    owner = ("google_storage_bucket_access_control.owner_only", "GDCC-DATA-001")
    assert status[everyone] == Status.FAIL
    assert status[signed_in] == Status.FAIL
    assert status[team] == Status.PASS
    # an ACL counts only while the bucket's uniform bucket-level access is off, not known
    # for a bucket outside the scan
    assert status[acl] == Status.UNKNOWN
    assert status[owner] == Status.PASS
    assert found[everyone].message.en == (
        "anyone on the internet can read this store: roles/storage.objectViewer to allUsers "
        f"by google_storage_bucket_iam_member.everyone at {tmp_path / 'main.tf'}:1"
    )
    assert "uniform bucket-level access" in found[acl].message.en
    # the bucket's own settings are judged on the bucket, not on a grant
    for address in ("google_storage_bucket_iam_member.everyone", "google_storage_bucket_acl.acl"):
        for rule in ("GDCC-DATA-005", "GDCC-ENC-001"):
            assert status[address, rule] == Status.NOT_APPLICABLE
            assert "only grants access to a target outside the scan" in (
                found[address, rule].message.en
            )


BUCKET_IN_SCAN = """\
resource "google_storage_bucket" "site" {
  name     = "agency-site"
  location = "ASIA-SOUTHEAST1"
}

resource "google_storage_bucket_iam_member" "everyone" {
  bucket = google_storage_bucket.site.name
  role   = "roles/storage.objectViewer"
  member = "allUsers"
}
"""


def test_bucket_grant_in_the_scan_stays_on_its_bucket(tmp_path: Path) -> None:
    found = _run(tmp_path, BUCKET_IN_SCAN, "GDCC-DATA-001")
    assert {key: f.status for key, f in found.items()} == {
        ("google_storage_bucket.site", "GDCC-DATA-001"): Status.FAIL,
    }


KEYS = """\
resource "google_kms_key_ring" "ring" {
  name     = "ring"
  location = "asia-southeast1"
}

resource "google_kms_crypto_key" "first" {
  name            = "first"
  key_ring        = google_kms_key_ring.ring.id
  rotation_period = "7776000s"
}

resource "google_kms_crypto_key" "second" {
  name            = "second"
  key_ring        = google_kms_key_ring.ring.id
  rotation_period = "7776000s"
}

resource "google_kms_key_ring_iam_member" "everyone" {
  key_ring_id = google_kms_key_ring.ring.id
  role        = "roles/cloudkms.cryptoKeyEncrypterDecrypter"
  member      = "allUsers"
}

resource "google_kms_key_ring" "private" {
  name     = "private"
  location = "asia-southeast1"
}

resource "google_kms_crypto_key" "kept" {
  name            = "kept"
  key_ring        = google_kms_key_ring.private.id
  rotation_period = "7776000s"
}

resource "google_kms_key_ring_iam_binding" "team" {
  key_ring_id = google_kms_key_ring.private.id
  role        = "roles/cloudkms.cryptoKeyEncrypterDecrypter"
  members     = ["group:staff@agency.go.th"]
}

resource "google_kms_key_ring_iam_member" "elsewhere" {
  key_ring_id = "projects/p/locations/asia-southeast1/keyRings/shared"
  role        = "roles/cloudkms.cryptoKeyDecrypter"
  member      = "allAuthenticatedUsers"
}
"""


def test_key_ring_grants_reach_every_key_of_the_ring(tmp_path: Path) -> None:
    """A key ring's IAM policy is inherited by its keys: both keys of the ring were PASS."""
    found = _run(tmp_path, KEYS, "GDCC-ENC-006")
    assert {key[0]: f.status for key, f in found.items()} == {
        "google_kms_crypto_key.first": Status.FAIL,
        "google_kms_crypto_key.second": Status.FAIL,
        "google_kms_crypto_key.kept": Status.PASS,
        # its ring is not in the scan: judged alone for who it lets in (was silent)
        "google_kms_key_ring_iam_member.elsewhere": Status.FAIL,
    }
    first = found["google_kms_crypto_key.first", "GDCC-ENC-006"]
    assert first.message.en == (
        "anyone may use the key (granted by "
        "roles/cloudkms.cryptoKeyEncrypterDecrypter to allUsers by "
        f"google_kms_key_ring_iam_member.everyone at {tmp_path / 'main.tf'}:18)"
    )
