"""Memorystore for Redis instances (``google_redis_instance``) admit their
``authorized_network`` on 6379, and over TLS on 6378 with in-transit encryption
(``normalize/terraform/google_memorystore.py``): GDCC-GRAPH-004 was UNKNOWN "filtering not
known" on every instance, and GDCC-GRAPH-005 UNKNOWN on 6379 whatever the network."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

MAIN = """\
variable "mode" {
  type = string
}
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
resource "google_redis_instance" "plain" {
  name               = "plain"
  memory_size_gb     = 1
  authorized_network = google_compute_network.web.id
}
resource "google_redis_instance" "tls" {
  name                    = "tls"
  memory_size_gb          = 1
  authorized_network      = google_compute_network.web.id
  connect_mode            = "PRIVATE_SERVICE_ACCESS"
  transit_encryption_mode = "SERVER_AUTHENTICATION"
}
resource "google_redis_instance" "chosen" {
  name                    = "chosen"
  memory_size_gb          = 1
  authorized_network      = google_compute_network.web.id
  transit_encryption_mode = var.mode
}
resource "google_redis_instance" "quiet" {
  name               = "quiet"
  memory_size_gb     = 1
  authorized_network = google_compute_network.quiet.id
}
resource "google_redis_instance" "unnamed" {
  name           = "unnamed"
  memory_size_gb = 1
}
"""
NOT_SEGMENTED = (
    "the data tier is not segmented from the web tier: it admits address range web, which "
    "holds internet-facing web"
)


def test_redis_instances_admit_their_authorized_network(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(MAIN, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-004", "GDCC-GRAPH-005")))
    found = {
        (f.rule_id, (f.address or "").split(".")[-1]): (f.status, f.message.en)
        for f in result.findings
        if (f.address or "").startswith("google_redis_instance.")
    }
    lateral = "a workload reachable from the internet can connect to port"
    assert found == {
        ("GDCC-GRAPH-004", "plain"): (Status.FAIL, NOT_SEGMENTED),
        ("GDCC-GRAPH-004", "tls"): (Status.FAIL, NOT_SEGMENTED),
        ("GDCC-GRAPH-004", "chosen"): (Status.FAIL, NOT_SEGMENTED),
        ("GDCC-GRAPH-004", "quiet"): (Status.PASS, "The data tier is segmented from the web tier"),
        ("GDCC-GRAPH-004", "unnamed"): (
            Status.UNKNOWN,
            "cannot tell which addresses it admits: google_redis_instance.unnamed writes no "
            "authorized_network: the project's default network, which is not in the scan",
        ),
        ("GDCC-GRAPH-005", "plain"): (Status.FAIL, f"{lateral} 6379: internet → web → plain:6379"),
        # in-transit encryption: clients connect over TLS on 6378
        ("GDCC-GRAPH-005", "tls"): (Status.FAIL, f"{lateral} 6378: internet → web → tls:6378"),
        ("GDCC-GRAPH-005", "chosen"): (
            Status.FAIL, f"{lateral} 6378: internet → web → chosen:6378"
        ),
        ("GDCC-GRAPH-005", "quiet"): (
            Status.PASS,
            "No internet-facing workload can move laterally to a data store's database port",
        ),
        ("GDCC-GRAPH-005", "unnamed"): (
            Status.UNKNOWN,
            f"{lateral} 6379 if what is not known allows it: internet → web → unnamed:6379",
        ),
    }
    unnamed = next(f for f in result.findings if f.rule_id == "GDCC-GRAPH-004"
                   and f.address == "google_redis_instance.unnamed")
    assert unnamed.message.th.endswith(
        "ไม่ได้กำหนด authorized_network จึงใช้เครือข่าย default ของโปรเจกต์ซึ่งไม่อยู่ในชุดที่ตรวจ"
    )


VALKEY = """\
resource "google_memorystore_instance" "auto" {
  instance_id = "auto"
  shard_count = 1
  location    = "asia-southeast1"
  desired_auto_created_endpoints {
    network    = google_compute_network.web.id
    project_id = "p"
  }
}
resource "google_memorystore_instance" "quiet" {
  instance_id = "quiet"
  shard_count = 1
  location    = "asia-southeast1"
  desired_psc_auto_connections {
    network    = google_compute_network.quiet.id
    project_id = "p"
  }
}
resource "google_memorystore_instance" "manual" {
  instance_id = "manual"
  shard_count = 1
  location    = "asia-southeast1"
}
"""


def test_valkey_instances_admit_their_endpoint_networks(tmp_path: Path) -> None:
    """Memorystore for Valkey: its automatic endpoints' networks on 6379 and 11000-13047
    (GDCC-GRAPH-004 was UNKNOWN 'filtering not known' on every instance)."""
    (tmp_path / "main.tf").write_text(MAIN + VALKEY, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-004", "GDCC-GRAPH-005")))
    found = {
        (f.rule_id, (f.address or "").split(".")[-1]): (f.status, f.message.en)
        for f in result.findings
        if (f.address or "").startswith("google_memorystore_instance.")
    }
    assert found == {
        ("GDCC-GRAPH-004", "auto"): (Status.FAIL, NOT_SEGMENTED),
        ("GDCC-GRAPH-004", "quiet"): (Status.PASS, "The data tier is segmented from the web tier"),
        ("GDCC-GRAPH-004", "manual"): (
            Status.UNKNOWN,
            "cannot tell which addresses it admits: google_memorystore_instance.manual has no "
            "automatic endpoints (desired_auto_created_endpoints): its Private Service Connect "
            "endpoints are made outside it",
        ),
        ("GDCC-GRAPH-005", "auto"): (
            Status.FAIL,
            "a workload reachable from the internet can connect to port 6379: "
            "internet → web → auto:6379",
        ),
        ("GDCC-GRAPH-005", "quiet"): (
            Status.PASS,
            "No internet-facing workload can move laterally to a data store's database port",
        ),
        ("GDCC-GRAPH-005", "manual"): (
            Status.UNKNOWN,
            "a workload reachable from the internet can connect to port 6379 if what is not "
            "known allows it: internet → web → manual:6379",
        ),
    }


LINKS = """\
variable "project_id" {
  type = string
}
provider "google" {
  project = "p"
}
resource "google_redis_cluster" "linked" {
  name        = "linked"
  shard_count = 3
  region      = "asia-southeast1"
  psc_configs {
    network = "projects/${var.project_id}/global/networks/${google_compute_network.web.name}"
  }
}
resource "google_memorystore_instance" "shaped" {
  instance_id = "shaped"
  shard_count = 1
  location    = "asia-southeast1"
  desired_psc_auto_connections {
    network    = "projects/${var.project_id}/global/networks/web"
    project_id = var.project_id
  }
}
resource "google_memorystore_instance" "self" {
  instance_id = "self"
  shard_count = 1
  location    = "asia-southeast1"
  desired_auto_created_endpoints {
    network    = "https://www.googleapis.com/compute/v1/projects/p/global/networks/quiet"
    project_id = "p"
  }
}
resource "google_memorystore_instance" "other" {
  instance_id = "other"
  shard_count = 1
  location    = "asia-southeast1"
  desired_auto_created_endpoints {
    network    = "projects/host/global/networks/web"
    project_id = "p"
  }
}
resource "google_memorystore_instance" "elsewhere" {
  instance_id = "elsewhere"
  shard_count = 1
  location    = "asia-southeast1"
  desired_auto_created_endpoints {
    network    = "projects/p/global/networks/shared-vpc"
    project_id = "p"
  }
}
"""
SHAPED_DOUBT = (
    "cannot tell which addresses it admits: google_memorystore_instance.shaped "
    "desired_psc_auto_connections.0.network names network web of project ${...}, which is "
    "google_compute_network.web of the scan only if google_compute_network.web is in that "
    "project (its project is p): network names are unique only within a project"
)


def _link_verdicts(tmp_path: Path, text: str) -> dict[str, tuple[Status, str]]:
    (tmp_path / "main.tf").write_text(text, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-004",)))
    return {
        (f.address or "").split(".")[-1]: (f.status, f.message.en)
        for f in result.findings
        if (f.address or "").startswith(("google_memorystore_instance.", "google_redis_cluster."))
    }


def test_networks_named_by_self_links(tmp_path: Path) -> None:
    """A Redis Cluster / Valkey network written as a self link names the scan's network of
    that name in that network's project (GDCC-GRAPH-004 was UNKNOWN 'names no network of the
    scan'). Network names are unique only within a project: a link whose project is an input
    (as terraform-google-memorystore writes ``projects/${var.project_id}/global/networks/
    ${var.network}``) only perhaps names it: not known, naming the candidate (it was matched
    by name alone: FAIL here, as it would PASS for a quiet network)."""
    assert _link_verdicts(tmp_path, MAIN + LINKS) == {
        # a reference names the network itself
        "linked": (Status.FAIL, NOT_SEGMENTED),
        "shaped": (Status.UNKNOWN, SHAPED_DOUBT),
        # project p, the provider's, where quiet is: that network
        "self": (Status.PASS, "The data tier is segmented from the web tier"),
        # another project's network named web
        "other": (
            Status.UNKNOWN,
            "cannot tell which addresses it admits: google_memorystore_instance.other "
            "desired_auto_created_endpoints names no network of the scan",
        ),
        "elsewhere": (
            Status.UNKNOWN,
            "cannot tell which addresses it admits: google_memorystore_instance.elsewhere "
            "desired_auto_created_endpoints names no network of the scan",
        ),
    }


def test_a_network_of_no_known_project_is_named_only_perhaps(tmp_path: Path) -> None:
    """A literal link to a network of the scan that writes no project, under a provider
    configuration that names none either: it may be another project's network of that
    name (it was taken as the scan's, PASS here)."""
    text = MAIN + LINKS.replace('provider "google" {\n  project = "p"\n}\n', "")
    found = _link_verdicts(tmp_path, text)
    assert found["self"] == (
        Status.UNKNOWN,
        "cannot tell which addresses it admits: google_memorystore_instance.self "
        "desired_auto_created_endpoints.0.network names network quiet of project p, which is "
        "google_compute_network.quiet of the scan only if google_compute_network.quiet is in "
        "that project (its project is not known): network names are unique only within a "
        "project",
    )
    # the network's own project, written: known equal
    text = text.replace('  name                    = "quiet"\n',
                        '  name                    = "quiet"\n  project                 = "p"\n')
    assert _link_verdicts(tmp_path, text)["self"] == (
        Status.PASS, "The data tier is segmented from the web tier"
    )
