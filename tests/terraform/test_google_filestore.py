"""Filestore instances (``google_filestore_instance``; were not mapped, no finding at all):
an NFS file share with only an internal address on its VPC network (never public), always
encrypted at rest, with the customer's key only with ``kms_key_name``."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

MAIN = """\
resource "google_filestore_instance" "share" {
  name     = "share"
  location = "asia-southeast1-a"
  tier     = "BASIC_HDD"
  file_shares {
    capacity_gb = 1024
    name        = "share1"
  }
  networks {
    network = "default"
    modes   = ["MODE_IPV4"]
  }
  labels = { gdcc_system = "payments" }
}
resource "google_filestore_instance" "cmek" {
  name         = "cmek"
  location     = "asia-southeast1"
  tier         = "ENTERPRISE"
  kms_key_name = "projects/p/locations/asia-southeast1/keyRings/r/cryptoKeys/k"
  file_shares {
    capacity_gb = 1024
    name        = "share1"
  }
  networks {
    network      = "default"
    modes        = ["MODE_IPV4"]
    connect_mode = "PRIVATE_SERVICE_ACCESS"
  }
  labels = { gdcc_system = "payments" }
}
"""
MANIFEST = """\
apiVersion: gdcc-audit/v1
kind: Tenant
metadata: {name: files}
agency: {name_th: หน่วยงานทดสอบ, name_en: Test Agency}
iac: [main.tf]
systems:
  - id: payments
    name_th: ระบบชำระเงิน
    name_en: Payments
    security_category: {confidentiality: high, integrity: high, availability: high}
"""


def test_filestore_instances(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(MAIN, encoding="utf-8")
    (tmp_path / "tenant.yaml").write_text(MANIFEST, encoding="utf-8")
    rules = ("GDCC-DATA-001", "GDCC-ENC-001", "GDCC-ENC-002")
    result = audit([tmp_path / "tenant.yaml"], Settings(rule_ids=rules))
    found = {(f.rule_id, f.address): (f.status, f.message.en) for f in result.findings}
    private = (
        Status.PASS,
        "Storage is not publicly readable (a Filestore instance has only an internal address "
        "on its VPC network: it is reached from that network and networks connected to it, "
        "never from the internet)",
    )
    assert found[("GDCC-DATA-001", "google_filestore_instance.share")] == private
    assert found[("GDCC-DATA-001", "google_filestore_instance.cmek")] == private
    assert found[("GDCC-ENC-001", "google_filestore_instance.share")][0] is Status.PASS
    assert found[("GDCC-ENC-002", "google_filestore_instance.share")][0] is Status.FAIL
    assert found[("GDCC-ENC-002", "google_filestore_instance.cmek")][0] is Status.PASS
