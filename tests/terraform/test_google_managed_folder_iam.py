"""A grant to allUsers / allAuthenticatedUsers on a Cloud Storage managed folder makes the
objects under it public ("You can grant IAM roles on managed folders to ... control access
to the objects within them"). google_storage_managed_folder_iam_* was not read: the bucket
PASSed GDCC-DATA-001 ("Storage is not publicly readable")."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

MAIN = """\
resource "google_storage_bucket" "site" {
  name                        = "site"
  location                    = "ASIA-SOUTHEAST1"
  uniform_bucket_level_access = true
}
resource "google_storage_managed_folder" "public" {
  bucket = google_storage_bucket.site.name
  name   = "public/"
}
resource "google_storage_managed_folder_iam_member" "public" {
  bucket         = google_storage_managed_folder.public.bucket
  managed_folder = google_storage_managed_folder.public.name
  role           = "roles/storage.objectViewer"
  member         = "allUsers"
}

resource "google_storage_bucket" "team" {
  name                        = "team"
  location                    = "ASIA-SOUTHEAST1"
  uniform_bucket_level_access = true
}
resource "google_storage_managed_folder_iam_binding" "team" {
  bucket         = google_storage_bucket.team.name
  managed_folder = "shared/"
  role           = "roles/storage.objectViewer"
  members        = ["group:team@example.com", "allAuthenticatedUsers"]
}

resource "google_storage_bucket" "guarded" {
  name                        = "guarded"
  location                    = "ASIA-SOUTHEAST1"
  uniform_bucket_level_access = true
  public_access_prevention    = "enforced"
}
resource "google_storage_managed_folder_iam_member" "guarded" {
  bucket         = google_storage_bucket.guarded.name
  managed_folder = "public/"
  role           = "roles/storage.objectViewer"
  member         = "allUsers"
}

resource "google_storage_bucket" "private" {
  name                        = "private"
  location                    = "ASIA-SOUTHEAST1"
  uniform_bucket_level_access = true
}
resource "google_storage_managed_folder_iam_member" "private" {
  bucket         = google_storage_bucket.private.name
  managed_folder = "team/"
  role           = "roles/storage.objectViewer"
  member         = "group:team@example.com"
}

resource "google_storage_managed_folder_iam_member" "elsewhere" {
  bucket         = "bucket-of-another-configuration"
  managed_folder = "public/"
  role           = "roles/storage.objectViewer"
  member         = "allUsers"
}
"""


def test_managed_folder_grants_to_everyone_make_the_bucket_public(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(MAIN, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-DATA-001",)))
    found = {f.address: f for f in result.findings}
    assert {a: f.status for a, f in found.items()} == {
        "google_storage_bucket.site": Status.FAIL,
        "google_storage_bucket.team": Status.FAIL,
        "google_storage_bucket.guarded": Status.PASS,  # public access prevention refuses it
        "google_storage_bucket.private": Status.PASS,
        # its bucket is not in the scan: judged as that bucket
        "google_storage_managed_folder_iam_member.elsewhere": Status.FAIL,
    }
    assert found["google_storage_bucket.site"].message.en.startswith(
        "anyone on the internet can read this store: roles/storage.objectViewer to allUsers "
        "by google_storage_managed_folder_iam_member.public at "
    )
    assert "allAuthenticatedUsers by google_storage_managed_folder_iam_binding.team" in (
        found["google_storage_bucket.team"].message.en
    )
