"""A Compute Engine instance whose ``service_account.email`` is a ``google_service_account``
of the scan (``google_service_account.app.email``, known only at apply time) does not run as
the Compute Engine default account: a user-managed account is
``ACCOUNT_ID@PROJECT.iam.gserviceaccount.com``, the default one
``PROJECT_NUMBER-compute@developer.gserviceaccount.com``. It was GDCC-CMP-006 UNKNOWN. The
``google_compute_default_service_account`` data source is the default account: FAIL."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

MAIN = """\
resource "google_service_account" "app" {
  account_id = "app-runner"
}

data "google_compute_default_service_account" "default" {}

variable "email" {
  type = string
}

resource "google_compute_instance" "%s" {
  name         = "%s"
  machine_type = "e2-small"
  zone         = "asia-southeast1-a"
  boot_disk {
    initialize_params {
      image = "debian-cloud/debian-12"
    }
  }
  network_interface {
    subnetwork = "projects/p/regions/asia-southeast1/subnetworks/s"
  }
  service_account {
    email  = %s
    scopes = ["cloud-platform"]
  }
}
"""


def test_the_account_an_instance_runs_as(tmp_path: Path) -> None:
    cases = {
        "own": "google_service_account.app.email",
        "default": "data.google_compute_default_service_account.default.email",
        "given": "var.email",
    }
    for name, email in cases.items():
        (tmp_path / name).mkdir()
        (tmp_path / name / "main.tf").write_text(MAIN % (name, name, email), encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-CMP-006",)))
    found = {f.address: f for f in result.findings}
    assert {a: f.status for a, f in found.items()} == {
        "google_compute_instance.own": Status.PASS,
        "google_compute_instance.default": Status.FAIL,
        "google_compute_instance.given": Status.UNKNOWN,
    }
    own = found["google_compute_instance.own"]
    assert own.message is not None
    assert own.message.en == (
        "Instances do not run as the default compute service account "
        "(it runs as google_service_account.app, a user-managed service account)"
    )
    assert own.evidence["decided_by"] == {
        "default_service_account": "it runs as google_service_account.app, "
        "a user-managed service account"
    }
