"""A Dataproc cluster's master and worker VMs are Compute Engine VMs of its
``gce_cluster_config`` network, with its ``tags``: the VPC firewall rules of the scan govern
them as they govern an instance. They were not read, so every Dataproc cluster with external
IPs was GDCC-GRAPH-002 UNKNOWN "filtering not known", an open SSH rule on its network or none
alike."""

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
  target_tags   = ["open"]
  allow {
    protocol = "tcp"
    ports    = ["22"]
  }
}
resource "google_dataproc_cluster" "open" {
  name   = "open"
  region = "asia-southeast1"
  cluster_config {
    software_config {
      image_version = "2.1-debian11"
    }
    gce_cluster_config {
      subnetwork       = google_compute_subnetwork.sub.name
      internal_ip_only = false
      tags             = ["open"]
    }
  }
}
resource "google_dataproc_cluster" "closed" {
  name   = "closed"
  region = "asia-southeast1"
  cluster_config {
    software_config {
      image_version = "2.1-debian11"
    }
    gce_cluster_config {
      subnetwork       = google_compute_subnetwork.sub.name
      internal_ip_only = false
      tags             = ["etl"]
    }
  }
}
"""


def test_dataproc_vms_are_governed_by_their_networks_rules(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(MAIN, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-002",)))
    found = {f.address: f for f in result.findings}
    opened = found["google_dataproc_cluster.open"]
    assert (opened.status, opened.message.en) == (
        Status.FAIL, "management port 22 reachable from the internet: internet → open:22"
    )
    # no rule admits its tag: Google Cloud's implied deny ingress (was UNKNOWN)
    assert found["google_dataproc_cluster.closed"].status is Status.PASS
