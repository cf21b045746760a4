"""GDCC-CMP-006 when a Google service account's e-mail is known only in part. A module that
writes its account's e-mail as ``"${var.name}@${var.project_id}.iam.gserviceaccount.com"``
(as Cloud Foundation Fabric's ``iam-service-account`` does) gave every instance, notebook,
Composer environment and Dataproc cluster running as it UNKNOWN "whether it runs as the
default service account is not known": the written domain is that of user-managed accounts,
never the Compute Engine default account's ``developer.gserviceaccount.com``; one written
``"${var.project_number}-compute@developer.gserviceaccount.com"`` is the default account (it
was UNKNOWN too). An e-mail not known at all stays UNKNOWN."""

from __future__ import annotations

from pathlib import Path

import pytest

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

ACCOUNT_MODULE = """\
variable "project_id" { type = string }
variable "name" { type = string }
resource "google_service_account" "this" {
  project    = var.project_id
  account_id = var.name
}
output "email" {
  value = "${var.name}@${var.project_id}.iam.gserviceaccount.com"
}
"""

ROOT = """\
variable "project_id" { type = string }
variable "runner_email" { type = string }
variable "project_number" { type = string }

module "runner" {
  source     = "./account"
  project_id = var.project_id
  name       = "runner"
}

resource "google_compute_instance" "vm" {
  name         = "vm"
  machine_type = "e2-small"
  zone         = "asia-southeast1-a"
  boot_disk {
    initialize_params { image = "debian-cloud/debian-12" }
  }
  network_interface { subnetwork = "default" }
  service_account {
    email  = module.runner.email
    scopes = ["cloud-platform"]
  }
}

resource "google_compute_instance" "given" {
  name         = "given"
  machine_type = "e2-small"
  zone         = "asia-southeast1-a"
  boot_disk {
    initialize_params { image = "debian-cloud/debian-12" }
  }
  network_interface { subnetwork = "default" }
  service_account {
    email  = var.runner_email
    scopes = ["cloud-platform"]
  }
}

resource "google_compute_instance" "compute_default" {
  name         = "compute-default"
  machine_type = "e2-small"
  zone         = "asia-southeast1-a"
  boot_disk {
    initialize_params { image = "debian-cloud/debian-12" }
  }
  network_interface { subnetwork = "default" }
  service_account {
    email  = "${var.project_number}-compute@developer.gserviceaccount.com"
    scopes = ["cloud-platform"]
  }
}

resource "google_notebooks_instance" "lab" {
  name            = "lab"
  location        = "asia-southeast1-a"
  machine_type    = "e2-medium"
  no_public_ip    = true
  service_account = module.runner.email
  vm_image {
    project      = "deeplearning-platform-release"
    image_family = "tf-latest-cpu"
  }
}

resource "google_composer_environment" "flows" {
  name   = "flows"
  region = "asia-southeast1"
  config {
    node_config {
      service_account = module.runner.email
    }
  }
}
"""


@pytest.fixture
def findings(tmp_path: Path) -> dict[str, tuple[Status, str]]:
    (tmp_path / "account").mkdir()
    (tmp_path / "account" / "main.tf").write_text(ACCOUNT_MODULE, encoding="utf-8")
    (tmp_path / "main.tf").write_text(ROOT, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-CMP-006",)))
    return {f.address: (f.status, f.message.en) for f in result.findings}


WHY = (
    "its service account's e-mail is written ...@...iam.gserviceaccount.com, the domain of "
    "user-managed accounts; the Compute Engine default account's is "
    "developer.gserviceaccount.com"
)


@pytest.mark.parametrize(
    "address",
    ["google_compute_instance.vm", "google_notebooks_instance.lab",
     "google_composer_environment.flows"],
)
def test_an_iam_domain_email_is_a_user_managed_account(
    findings: dict[str, tuple[Status, str]], address: str
) -> None:
    status, message = findings[address]
    assert status == Status.PASS
    assert message.endswith(f"({WHY})")


def test_an_email_not_known_at_all_stays_unknown(
    findings: dict[str, tuple[Status, str]]
) -> None:
    status, message = findings["google_compute_instance.given"]
    assert status == Status.UNKNOWN
    assert message.startswith("whether it runs as the default service account is not known")


def test_the_default_accounts_email_fails(findings: dict[str, tuple[Status, str]]) -> None:
    status, message = findings["google_compute_instance.compute_default"]
    assert status == Status.FAIL
    assert message == (
        "it runs as the default service account (its service account's e-mail is written "
        "...-compute@developer.gserviceaccount.com, the Compute Engine default service "
        "account's)"
    )
