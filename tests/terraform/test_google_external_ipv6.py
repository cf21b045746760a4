"""A Compute Engine instance (or instance template) whose network interface has an
``ipv6_access_config`` has an external IPv6 address reachable from the internet
("If there is no ipv6AccessConfig specified, then this instance will have no external IPv6
Internet access", google_compute_instance). GDCC-CMP-001 PASSed it ("no public IP address"):
only ``access_config`` (IPv4) was read."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

MAIN = """\
variable "v6" {
  type = list(any)
}
resource "google_compute_instance" "v6" {
  name         = "v6"
  machine_type = "e2-small"
  boot_disk {
    initialize_params { image = "debian-cloud/debian-12" }
  }
  network_interface {
    network    = "default"
    stack_type = "IPV4_IPV6"
    ipv6_access_config {
      network_tier = "PREMIUM"
    }
  }
}
resource "google_compute_instance_template" "v6" {
  name_prefix  = "v6"
  machine_type = "e2-small"
  disk {
    source_image = "debian-cloud/debian-12"
  }
  network_interface {
    network = "default"
  }
  network_interface {
    network = "other"
    ipv6_access_config {
      network_tier = "PREMIUM"
    }
  }
}
resource "google_compute_instance" "private" {
  name         = "private"
  machine_type = "e2-small"
  boot_disk {
    initialize_params { image = "debian-cloud/debian-12" }
  }
  network_interface {
    network    = "default"
    stack_type = "IPV4_IPV6"
  }
}
resource "google_compute_instance" "chosen" {
  name         = "chosen"
  machine_type = "e2-small"
  boot_disk {
    initialize_params { image = "debian-cloud/debian-12" }
  }
  network_interface {
    network = "default"
    dynamic "ipv6_access_config" {
      for_each = var.v6
      content {
        network_tier = "PREMIUM"
      }
    }
  }
}
"""


def test_external_ipv6_is_a_public_address(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(MAIN, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-CMP-001",)))
    found = {f.address: f for f in result.findings}
    assert {a: f.status for a, f in found.items()} == {
        "google_compute_instance.v6": Status.FAIL,
        "google_compute_instance_template.v6": Status.FAIL,
        "google_compute_instance.private": Status.PASS,
        "google_compute_instance.chosen": Status.UNKNOWN,
    }
    assert found["google_compute_instance.v6"].message.en.endswith(
        "(network_interface.0.ipv6_access_config gives it an external IPv6 address, "
        "reachable from the internet)"
    )
    assert found["google_compute_instance_template.v6"].message.en.endswith(
        "(network_interface.1.ipv6_access_config gives it an external IPv6 address, "
        "reachable from the internet)"
    )
