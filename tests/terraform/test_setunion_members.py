"""``setunion`` assembling a Google grant's members, one of them known only in part
(``"serviceAccount:${google_service_account.sa.email}"``): the members were wholly not known
(GDCC-DATA-001 UNKNOWN "members not known"), while ``distinct`` / ``concat`` / ``toset`` of
the same were read with each part not known marked (``load/terraform/evaluate.py``
``_PLACEHOLDER_CALLS``): a service account is never everyone; ``allUsers`` among them is."""

from __future__ import annotations

from pathlib import Path

import pytest

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

TERRAFORM = """\
resource "google_service_account" "sa" {
  account_id = "sa"
}
resource "google_storage_bucket" "b" {
  name     = "b"
  location = "ASIA-SOUTHEAST1"
}
resource "google_storage_bucket_iam_binding" "b" {
  bucket  = google_storage_bucket.b.name
  role    = "roles/storage.objectViewer"
  members = setunion(["serviceAccount:${google_service_account.sa.email}"], [OTHER])
}
"""


@pytest.mark.parametrize(("other", "status", "message"), [
    ('"group:readers@example.com"', Status.PASS, "Storage is not publicly readable"),
    ('"allUsers"', Status.FAIL,
     "anyone on the internet can read this store: roles/storage.objectViewer to allUsers by "
     "google_storage_bucket_iam_binding.b at MAIN:8"),
])
def test_setunion_members_are_read(
    tmp_path: Path, other: str, status: Status, message: str
) -> None:
    (tmp_path / "main.tf").write_text(TERRAFORM.replace("OTHER", other), encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-DATA-001",)))
    (finding,) = [f for f in result.findings if f.address == "google_storage_bucket.b"]
    assert finding.status is status
    assert finding.message.en == message.replace("MAIN", str(tmp_path / "main.tf"))
