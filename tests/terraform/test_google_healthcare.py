"""Cloud Healthcare API datasets and FHIR / DICOM / HL7v2 / consent stores (health records)
were not judged (``not_judged``). Now ``database.instance`` resources reached through the
API only (TLS, IAM): public through an IAM grant to allUsers / allAuthenticatedUsers on the
store or on its dataset (inherited by every store of the dataset), the customer's key from
the dataset's ``encryption_spec``."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

MAIN = """\
resource "google_healthcare_dataset" "records" {
  name     = "records"
  location = "asia-southeast1"
  labels   = { gdcc_system = "clinic" }
}
resource "google_healthcare_fhir_store" "patients" {
  name    = "patients"
  dataset = google_healthcare_dataset.records.id
  version = "R4"
  labels  = { gdcc_system = "clinic" }
}
resource "google_healthcare_dataset_iam_member" "everyone" {
  dataset_id = google_healthcare_dataset.records.id
  role       = "roles/healthcare.fhirResourceReader"
  member     = "allAuthenticatedUsers"
}
resource "google_healthcare_dataset" "keyed" {
  name     = "keyed"
  location = "asia-southeast1"
  labels   = { gdcc_system = "clinic" }
  encryption_spec {
    kms_key_name = "projects/p/locations/asia-southeast1/keyRings/r/cryptoKeys/k"
  }
}
resource "google_healthcare_hl7_v2_store" "messages" {
  name    = "messages"
  dataset = google_healthcare_dataset.keyed.id
  labels  = { gdcc_system = "clinic" }
}
resource "google_healthcare_hl7_v2_store_iam_member" "team" {
  hl7_v2_store_id = google_healthcare_hl7_v2_store.messages.id
  role            = "roles/healthcare.hl7V2Consumer"
  member          = "group:team@example.com"
}
resource "google_healthcare_dicom_store" "images" {
  name    = "images"
  dataset = google_healthcare_dataset.keyed.id
  labels  = { gdcc_system = "clinic" }
}
resource "google_healthcare_dicom_store_iam_member" "open" {
  dicom_store_id = google_healthcare_dicom_store.images.id
  role           = "roles/healthcare.dicomViewer"
  member         = "allUsers"
}
resource "google_healthcare_fhir_store_iam_member" "elsewhere" {
  fhir_store_id = "projects/p/locations/l/datasets/d/fhirStores/other"
  role          = "roles/healthcare.fhirResourceReader"
  member        = "allUsers"
}
"""
MANIFEST = """\
apiVersion: gdcc-audit/v1
kind: Tenant
metadata: {name: clinic}
agency: {name_th: หน่วยงานทดสอบ, name_en: Test Agency}
iac: [main.tf]
systems:
  - id: clinic
    name_th: ระบบคลินิก
    name_en: Clinic
    security_category: {confidentiality: high, integrity: high, availability: high}
"""
RULES = ("GDCC-DATA-001", "GDCC-ENC-002", "GDCC-ENC-004", "GDCC-DB-001", "GDCC-NET-002")


def test_healthcare_datasets_and_stores(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(MAIN, encoding="utf-8")
    (tmp_path / "tenant.yaml").write_text(MANIFEST, encoding="utf-8")
    result = audit([tmp_path / "tenant.yaml"], Settings(rule_ids=RULES, cache=False))
    found = {(f.rule_id, f.address): f for f in result.findings if f.address}
    status = {key: f.status for key, f in found.items()}
    names = ("google_healthcare_dataset.records", "google_healthcare_fhir_store.patients",
             "google_healthcare_dataset.keyed", "google_healthcare_hl7_v2_store.messages",
             "google_healthcare_dicom_store.images")
    assert {k: v for k, v in status.items() if k[0] == "GDCC-DATA-001"} == {
        # the dataset's grant reaches its store
        ("GDCC-DATA-001", "google_healthcare_dataset.records"): Status.FAIL,
        ("GDCC-DATA-001", "google_healthcare_fhir_store.patients"): Status.FAIL,
        ("GDCC-DATA-001", "google_healthcare_dataset.keyed"): Status.PASS,
        ("GDCC-DATA-001", "google_healthcare_hl7_v2_store.messages"): Status.PASS,
        ("GDCC-DATA-001", "google_healthcare_dicom_store.images"): Status.FAIL,
        # its store is not in the scan: judged on its own
        ("GDCC-DATA-001", "google_healthcare_fhir_store_iam_member.elsewhere"): Status.FAIL,
    }
    assert {n: status[("GDCC-ENC-002", n)] for n in names} == {
        "google_healthcare_dataset.records": Status.FAIL,
        "google_healthcare_fhir_store.patients": Status.FAIL,
        "google_healthcare_dataset.keyed": Status.PASS,
        "google_healthcare_hl7_v2_store.messages": Status.PASS,
        "google_healthcare_dicom_store.images": Status.PASS,
    }
    for name in names:
        assert status[("GDCC-ENC-004", name)] is Status.PASS
        assert status[("GDCC-DB-001", name)] is Status.PASS
        assert status[("GDCC-NET-002", name)] is Status.NOT_APPLICABLE
    store = found[("GDCC-DATA-001", "google_healthcare_fhir_store.patients")].message.en
    assert store.startswith(
        "anyone on the internet can read this store: roles/healthcare.fhirResourceReader to "
        "allAuthenticatedUsers by google_healthcare_dataset_iam_member.everyone"
    )


REGIONS = """\
provider "google" {
  region = "us-central1"
}
resource "google_healthcare_dataset" "records" {
  name     = "records"
  location = "asia-southeast1"
}
resource "google_healthcare_fhir_store" "patients" {
  name    = "patients"
  dataset = google_healthcare_dataset.records.id
  version = "R4"
}
resource "google_healthcare_dicom_store" "images" {
  name    = "images"
  dataset = "projects/p/locations/europe-west4/datasets/other"
}
"""


def test_a_store_lives_in_its_dataset_location(tmp_path: Path) -> None:
    """A store has no location of its own: its dataset's, not the provider's region (the
    store was judged on the provider's region, us-central1 here)."""
    (tmp_path / "main.tf").write_text(REGIONS, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-DATA-003",), cache=False))
    said = {f.address: f.message.en for f in result.findings if f.address}
    assert said["google_healthcare_fhir_store.patients"].startswith(
        "google region asia-southeast1 is outside Thailand"
    )
    assert said["google_healthcare_dicom_store.images"].startswith(
        "google region europe-west4 is outside Thailand"
    )


def test_backups_are_not_known_and_say_why(tmp_path: Path) -> None:
    """The API has no backup setting: UNKNOWN, naming what would make a copy (it said only
    'not known from the input'); a FHIR store's built-in point-in-time recovery lives in the
    store, so it is named but is no separate backup."""
    (tmp_path / "main.tf").write_text(MAIN, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-BCK-001", "GDCC-BCK-002")))
    found = {(f.rule_id, f.address): f for f in result.findings if f.address}
    fhir = found[("GDCC-BCK-001", "google_healthcare_fhir_store.patients")]
    assert fhir.status is Status.UNKNOWN
    assert fhir.message.en == (
        "whether backups are on is not known from the input: a FHIR store can be rolled back "
        "to a state of the last 21 days (point-in-time recovery, built in), but that history "
        "lives in the store and is deleted with it: no separate copy; separate copies are "
        "export operations to Cloud Storage or BigQuery, run outside the configuration"
    )
    for rule in ("GDCC-BCK-001", "GDCC-BCK-002"):
        dicom = found[(rule, "google_healthcare_dicom_store.images")]
        assert dicom.status is Status.UNKNOWN
        assert dicom.message.en.endswith(
            "not known from the input: the Cloud Healthcare API has no backup setting for it "
            "(copies are export operations to Cloud Storage or BigQuery, run outside the "
            "configuration)"
        )
        assert "Cloud Healthcare API ไม่มีการตั้งค่าสำรองข้อมูล" in dicom.message.th
