"""Memorystore for Memcached and Memorystore for Redis Cluster admit their VPC network's
addresses on their documented ports (``normalize/terraform/google_memorystore.py``,
``graph/store_ports.py``): GDCC-GRAPH-004 was UNKNOWN "filtering not known" on both, and
GDCC-GRAPH-005 checked a Memcached instance and a Redis Cluster on the usual database ports
(it named port 5432, which neither listens on)."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

MAIN = """\
resource "google_compute_network" "web" {
  name                    = "web"
  auto_create_subnetworks = false
}
resource "google_compute_network" "quiet" {
  name                    = "quiet"
  auto_create_subnetworks = false
}
resource "google_compute_subnetwork" "app" {
  name          = "app"
  network       = google_compute_network.web.id
  ip_cidr_range = "10.0.0.0/24"
}
resource "google_compute_subnetwork" "data" {
  name          = "data"
  network       = google_compute_network.quiet.id
  ip_cidr_range = "10.1.0.0/24"
}
resource "google_compute_firewall" "web" {
  name          = "web"
  network       = google_compute_network.web.name
  source_ranges = ["0.0.0.0/0"]
  allow {
    protocol = "tcp"
  }
}
resource "google_compute_instance" "web" {
  name         = "web"
  machine_type = "e2-small"
  boot_disk {
    initialize_params { image = "debian-cloud/debian-12" }
  }
  network_interface {
    subnetwork = google_compute_subnetwork.app.id
    access_config {}
  }
}
resource "google_memcache_instance" "shared" {
  name               = "shared"
  authorized_network = google_compute_network.web.id
  node_count         = 1
  node_config {
    cpu_count      = 1
    memory_size_mb = 1024
  }
}
resource "google_memcache_instance" "named" {
  name               = "named"
  authorized_network = "projects/p/global/networks/default"
  node_count         = 1
  node_config {
    cpu_count      = 1
    memory_size_mb = 1024
  }
}
resource "google_redis_cluster" "shared" {
  name        = "shared"
  shard_count = 3
  region      = "asia-southeast1"
  psc_configs {
    network = google_compute_network.web.id
  }
}
resource "google_redis_cluster" "quiet" {
  name        = "quiet"
  shard_count = 3
  region      = "asia-southeast1"
  psc_configs {
    network = google_compute_network.quiet.id
  }
}
"""
NOT_SEGMENTED = (
    "the data tier is not segmented from the web tier: it admits address range web, which "
    "holds internet-facing web"
)


def test_memorystore_stores_admit_their_network_on_their_ports(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(MAIN, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-004", "GDCC-GRAPH-005")))
    found = {
        (f.rule_id, f.address or ""): (f.status, f.message.en if f.message else "")
        for f in result.findings
        if f.address and ("memcache" in f.address or "redis" in f.address)
    }
    thai = next(f for f in result.findings if f.rule_id == "GDCC-GRAPH-004"
                and f.address == "google_memcache_instance.named")
    assert thai.message.th.endswith(
        "google_memcache_instance.named authorized_network ไม่ได้ระบุเครือข่ายที่อยู่ในชุดที่ตรวจ"
    )
    assert found == {
        ("GDCC-GRAPH-004", "google_memcache_instance.shared"): (Status.FAIL, NOT_SEGMENTED),
        ("GDCC-GRAPH-004", "google_redis_cluster.shared"): (Status.FAIL, NOT_SEGMENTED),
        # a network given by its self link: which addresses it holds is not known
        ("GDCC-GRAPH-004", "google_memcache_instance.named"): (
            Status.UNKNOWN,
            "cannot tell which addresses it admits: google_memcache_instance.named "
            "authorized_network names no network of the scan",
        ),
        ("GDCC-GRAPH-004", "google_redis_cluster.quiet"): (
            Status.PASS, "The data tier is segmented from the web tier",
        ),
        ("GDCC-GRAPH-005", "google_memcache_instance.shared"): (
            Status.FAIL,
            "a workload reachable from the internet can connect to port 11211: "
            "internet → web → shared:11211",
        ),
        ("GDCC-GRAPH-005", "google_redis_cluster.shared"): (
            Status.FAIL,
            "a workload reachable from the internet can connect to port 6379: "
            "internet → web → shared:6379",
        ),
        ("GDCC-GRAPH-005", "google_memcache_instance.named"): (
            Status.UNKNOWN,
            "a workload reachable from the internet can connect to port 11211 if what is not "
            "known allows it: internet → web → named:11211",
        ),
        ("GDCC-GRAPH-005", "google_redis_cluster.quiet"): (
            Status.PASS,
            "No internet-facing workload can move laterally to a data store's database port",
        ),
    }
