"""Project-wide Compute Engine metadata (``google_compute_project_metadata``,
``google_compute_project_metadata_item``) writing ``serial-port-enable = "TRUE"`` turns the
serial port on for every instance of the project that does not set the key itself (an
instance's own setting overrides the project's). GDCC-CMP-004 PASSed such an instance on the
instance's metadata alone (wrong PASS); now FAIL naming the project metadata, UNKNOWN when the
metadata's project may or may not be the instance's."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

MAIN = """\
resource "google_compute_project_metadata" "default" {
  metadata = {
    enable-oslogin     = "TRUE"
    serial-port-enable = "TRUE"
  }
}

resource "google_compute_project_metadata_item" "other" {
  project = "other-project"
  key     = "serial-port-enable"
  value   = "TRUE"
}

variable "project" {
  type = string
}

# inherits the project's serial port setting
resource "google_compute_instance" "inherits" {
  name         = "inherits"
  machine_type = "e2-small"
  zone         = "asia-southeast1-a"
  boot_disk {
    initialize_params { image = "debian-cloud/debian-12" }
  }
  network_interface { network = "default" }
  service_account {
    email  = "app@p.iam.gserviceaccount.com"
    scopes = ["cloud-platform"]
  }
}

# its own setting overrides the project's
resource "google_compute_instance" "overrides" {
  name         = "overrides"
  machine_type = "e2-small"
  zone         = "asia-southeast1-a"
  metadata = {
    serial-port-enable = "FALSE"
  }
  boot_disk {
    initialize_params { image = "debian-cloud/debian-12" }
  }
  network_interface { network = "default" }
}

# another project, named by a value not known: it may be other-project
resource "google_compute_instance" "elsewhere" {
  name         = "elsewhere"
  project      = var.project
  machine_type = "e2-small"
  zone         = "asia-southeast1-a"
  boot_disk {
    initialize_params { image = "debian-cloud/debian-12" }
  }
  network_interface { network = "default" }
}

# a third project, written: neither metadata is its own
resource "google_compute_instance" "third" {
  name         = "third"
  project      = "third-project"
  machine_type = "e2-small"
  zone         = "asia-southeast1-a"
  boot_disk {
    initialize_params { image = "debian-cloud/debian-12" }
  }
  network_interface { network = "default" }
}
"""


def test_project_metadata_serial_port(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(MAIN, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-CMP-004",)))
    found = {f.address: f for f in result.findings}
    assert {address: f.status for address, f in found.items()} == {
        "google_compute_instance.inherits": Status.FAIL,
        "google_compute_instance.overrides": Status.PASS,
        "google_compute_instance.elsewhere": Status.UNKNOWN,
        "google_compute_instance.third": Status.UNKNOWN,
    }
    inherits = found["google_compute_instance.inherits"].message
    assert inherits is not None
    assert inherits.en == (
        "serial console access is on (the project metadata "
        "google_compute_project_metadata.default turns serial-port-enable on, which it "
        "inherits (it sets no serial-port-enable of its own))"
    )
    elsewhere = found["google_compute_instance.elsewhere"].message
    assert elsewhere is not None
    assert elsewhere.en.endswith(
        "the project metadata google_compute_project_metadata.default may set "
        "serial-port-enable for its project, which it inherits (it sets no serial-port-enable "
        "of its own)"
    )
