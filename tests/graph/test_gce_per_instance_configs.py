"""A per-instance config (``google_compute_per_instance_config`` / region variant) whose
``preserved_state`` keeps an external IP gives that instance of the managed group an external
IPv4 address ("You can preserve internal and external IPv4 addresses", stateful IPs in MIGs).
It was not read: a group whose template gives only an IPv6 external address (or none) behind
a 0.0.0.0/0 rule on 22 PASSed GDCC-GRAPH-002 (wrong PASS)."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Finding, Status
from gdcc_audit.settings import Settings

NETWORK = """\
resource "google_compute_network" "net" {
  name                    = "net"
  auto_create_subnetworks = false
}
resource "google_compute_subnetwork" "sub" {
  name             = "sub"
  ip_cidr_range    = "10.0.0.0/24"
  network          = google_compute_network.net.self_link
  region           = "asia-southeast1"
  stack_type       = "IPV4_IPV6"
  ipv6_access_type = "EXTERNAL"
}
resource "google_compute_firewall" "ssh4" {
  name          = "ssh4"
  network       = google_compute_network.net.name
  source_ranges = ["0.0.0.0/0"]
  allow {
    protocol = "tcp"
    ports    = ["22"]
  }
}
resource "google_compute_address" "static" {
  name   = "static"
  region = "asia-southeast1"
}
"""


def _template(name: str, interface: str) -> str:
    return f"""
resource "google_compute_instance_template" "{name}" {{
  name_prefix  = "{name}"
  machine_type = "e2-small"
  disk {{
    source_image = "debian-cloud/debian-12"
  }}
  network_interface {{
    subnetwork = google_compute_subnetwork.sub.name
{interface}  }}
}}
"""


ONLY_V6 = """    stack_type = "IPV4_IPV6"
    ipv6_access_config {
      network_tier = "PREMIUM"
    }
"""


def _groups(template: str) -> str:
    return f"""
resource "google_compute_instance_group_manager" "zonal" {{
  name               = "zonal"
  zone               = "asia-southeast1-a"
  base_instance_name = "zonal"
  version {{
    instance_template = google_compute_instance_template.{template}.id
  }}
}}
resource "google_compute_region_instance_group_manager" "regional" {{
  name               = "regional"
  region             = "asia-southeast1"
  base_instance_name = "regional"
  version {{
    instance_template = google_compute_instance_template.{template}.id
  }}
}}
resource "google_compute_per_instance_config" "one" {{
  zone                   = "asia-southeast1-a"
  instance_group_manager = google_compute_instance_group_manager.zonal.name
  name                   = "zonal-one"
  preserved_state {{
    external_ip {{
      interface_name = "nic0"
      ip_address {{
        address = google_compute_address.static.self_link
      }}
    }}
  }}
}}
resource "google_compute_region_per_instance_config" "two" {{
  region                        = "asia-southeast1"
  region_instance_group_manager = "regional"
  name                          = "regional-one"
  preserved_state {{
    external_ip {{
      interface_name = "nic0"
    }}
  }}
}}
"""


def _scan(tmp_path: Path, text: str) -> dict[str, Finding]:
    (tmp_path / "main.tf").write_text(NETWORK + text, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-002",)))
    return {f.address or "": f for f in result.findings}


def test_a_preserved_external_ip_is_an_ipv4_address(tmp_path: Path) -> None:
    found = _scan(tmp_path, _template("v6", ONLY_V6) + _groups("v6"))
    zonal = found["google_compute_instance_group_manager.zonal"]
    assert (zonal.status, zonal.message.en) == (
        Status.FAIL, "management port 22 reachable from the internet: internet → zonal:22"
    )
    assert zonal.evidence["path_hops"][-1]["via"] == (
        "per-instance config google_compute_per_instance_config.one preserves an external IP"
    )
    # the region variant, naming its group by a literal name
    regional = found["google_compute_region_instance_group_manager.regional"]
    assert (regional.status, regional.evidence["path"]) == (
        Status.FAIL, "internet → regional:22"
    )


def test_a_template_without_external_address(tmp_path: Path) -> None:
    found = _scan(tmp_path, _template("private", "") + _groups("private"))
    zonal = found["google_compute_instance_group_manager.zonal"]
    assert (zonal.status, zonal.evidence["path"]) == (Status.FAIL, "internet → zonal:22")
    assert zonal.evidence["path_hops"][-1]["via"] == (
        "per-instance config google_compute_per_instance_config.one preserves an external IP"
    )
