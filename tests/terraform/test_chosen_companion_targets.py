"""Companion lookups that read a target an input or a condition chooses (issue 12).

A lookup that took every reference of an argument as certain made a resource configured by
``coalesce(var.x, r.id)`` or ``var.on ? a.id : b.id`` (a wrong PASS when the companion
protects, a wrong FAIL when it exposes); now each reads the designation
(``TfContext.naming`` / candidates and "a value beyond").
"""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings


def _found(folder: Path, text: str, rule: str) -> dict[str, tuple[Status, str]]:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "main.tf").write_text(text, encoding="utf-8")
    result = audit([folder], Settings(rule_ids=(rule,)))
    return {(f.address or ""): (f.status, f.message.en) for f in result.findings}


RINGS = """\
variable "ring" {
}

variable "use_a" {
}

resource "google_kms_key_ring" "a" {
  name     = "a"
  location = "asia-southeast1"
}

resource "google_kms_key_ring" "b" {
  name     = "b"
  location = "asia-southeast1"
}

resource "google_kms_crypto_key" "k" {
  name            = "k"
  key_ring        = KEY_RING
  rotation_period = "7776000s"
}

resource "google_kms_key_ring_iam_member" "everyone" {
  key_ring_id = GRANT_RING
  role        = "roles/cloudkms.cryptoKeyEncrypterDecrypter"
  member      = "allUsers"
}
"""

ANYONE = "whether anyone may use the key is not known from the input: "


def test_a_key_that_may_be_in_a_public_ring_is_not_private(tmp_path: Path) -> None:
    text = RINGS.replace("KEY_RING", "coalesce(var.ring, google_kms_key_ring.a.id)").replace(
        "GRANT_RING", "google_kms_key_ring.a.id"
    )
    # was PASS: the key's ring, when the input is null, is the ring open to everyone
    assert _found(tmp_path, text, "GDCC-ENC-006") == {
        "google_kms_crypto_key.k": (Status.UNKNOWN, ANYONE + (
            "google_kms_key_ring_iam_member.everyone sets it on this resource or on another "
            "one, chosen by a value not known before apply"
        ))
    }


def test_a_grant_on_one_of_two_rings_may_open_either_ring_keys(tmp_path: Path) -> None:
    text = RINGS.replace("KEY_RING", "google_kms_key_ring.a.id").replace(
        "GRANT_RING", "var.use_a ? google_kms_key_ring.a.id : google_kms_key_ring.b.id"
    )
    # was FAIL: the grant is on ring a or on ring b, as the input chooses
    assert _found(tmp_path, text, "GDCC-ENC-006") == {
        "google_kms_crypto_key.k": (Status.UNKNOWN, ANYONE + (
            "google_kms_key_ring_iam_member.everyone configures one of several resources, "
            "chosen by a value not known before apply (key_ring_id: google_kms_key_ring.a or "
            "google_kms_key_ring.b): it may or may not apply to this one"
        ))
    }
    certain = RINGS.replace("KEY_RING", "google_kms_key_ring.a.id").replace(
        "GRANT_RING", "google_kms_key_ring.a.id"
    )
    assert _found(tmp_path / "c", certain, "GDCC-ENC-006")["google_kms_crypto_key.k"][0] is (
        Status.FAIL
    )
