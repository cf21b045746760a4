"""Protocol forwarding: an external forwarding rule whose ``target`` is a
``google_compute_target_instance`` sends its packets, client addresses unchanged, to that
target's one VM (cloud.google.com/load-balancing/docs/protocol-forwarding), whose firewall
rules decide. The target instance was not read: a VM with no external IP of its own, behind
such a rule on port 22 and a 0.0.0.0/0 rule, PASSed GDCC-GRAPH-002 (wrong PASS)."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

MAIN = """\
resource "google_compute_network" "net" {
  name                    = "net"
  auto_create_subnetworks = false
}
resource "google_compute_subnetwork" "sub" {
  name          = "sub"
  ip_cidr_range = "10.0.0.0/24"
  network       = google_compute_network.net.self_link
  region        = "asia-southeast1"
}
resource "google_compute_firewall" "ssh" {
  name          = "ssh"
  network       = google_compute_network.net.name
  source_ranges = ["0.0.0.0/0"]
  allow {
    protocol = "tcp"
    ports    = ["22"]
  }
}
resource "google_compute_instance" "vm" {
  name         = "vm"
  machine_type = "e2-small"
  zone         = "asia-southeast1-a"
  boot_disk {
    initialize_params { image = "debian-cloud/debian-12" }
  }
  network_interface {
    subnetwork = google_compute_subnetwork.sub.name
  }
}
resource "google_compute_instance" "inner" {
  name         = "inner"
  machine_type = "e2-small"
  zone         = "asia-southeast1-a"
  boot_disk {
    initialize_params { image = "debian-cloud/debian-12" }
  }
  network_interface {
    subnetwork = google_compute_subnetwork.sub.name
  }
}
resource "google_compute_target_instance" "vm" {
  name     = "vm"
  zone     = "asia-southeast1-a"
  instance = google_compute_instance.vm.id
}
resource "google_compute_target_instance" "inner" {
  name     = "inner"
  zone     = "asia-southeast1-a"
  instance = google_compute_instance.inner.id
}
resource "google_compute_forwarding_rule" "vm" {
  name        = "vm"
  region      = "asia-southeast1"
  target      = google_compute_target_instance.vm.id
  port_range  = "22"
  ip_protocol = "TCP"
}
resource "google_compute_forwarding_rule" "inner" {
  name                  = "inner"
  region                = "asia-southeast1"
  load_balancing_scheme = "INTERNAL"
  target                = google_compute_target_instance.inner.id
  port_range            = "22"
  network               = google_compute_network.net.id
  subnetwork            = google_compute_subnetwork.sub.id
}
"""


def test_an_external_rule_reaches_its_target_instance(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(MAIN, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-002",)))
    found = {f.address: f for f in result.findings}
    vm = found["google_compute_instance.vm"]
    assert (vm.status, vm.message.en) == (
        Status.FAIL, "management port 22 reachable from the internet: internet → vm:22"
    )
    assert vm.evidence["path_hops"][-1]["via"] == (
        "external forwarding rule vm; to vm; ssh allows 0.0.0.0/0"
    )
    # an internal forwarding rule brings no internet client: only the way through vm
    inner = found["google_compute_instance.inner"]
    assert inner.evidence["path"] == "internet → vm:22 → inner:22"
