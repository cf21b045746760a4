"""A target instance / target pool / unmanaged group naming its VM by a literal link (a self
link, ``projects/p/zones/z/instances/vm``, ``zones/z/instances/vm``, ``zone/name``) added no
edge: a VM without an external IP behind an external forwarding rule on 22 and a 0.0.0.0/0
rule PASSed GDCC-GRAPH-002 (wrong PASS). The link now names the scanned VM of that name, zone
and project; when only the name can be compared, perhaps (UNKNOWN, saying so)."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Finding, Status
from gdcc_audit.settings import Settings

BASE = """\
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
"""


def _vm(label: str, extra: str = "") -> str:
    return f"""
resource "google_compute_instance" "{label}" {{
  name         = "{label}"
  machine_type = "e2-small"
  zone         = "asia-southeast1-a"
  {extra}
  boot_disk {{
    initialize_params {{ image = "debian-cloud/debian-12" }}
  }}
  network_interface {{
    subnetwork = google_compute_subnetwork.sub.name
  }}
}}
"""


def _rule(label: str, target: str) -> str:
    return f"""
resource "google_compute_forwarding_rule" "{label}" {{
  name        = "{label}"
  region      = "asia-southeast1"
  target      = {target}
  port_range  = "22"
  ip_protocol = "TCP"
}}
"""


def _scan(tmp_path: Path, text: str) -> dict[str, Finding]:
    (tmp_path / "main.tf").write_text(BASE + text, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-002",)))
    return {f.address: f for f in result.findings}


def test_a_target_instance_self_link_names_the_scanned_vm(tmp_path: Path) -> None:
    link = "https://www.googleapis.com/compute/v1/projects/p1/zones/asia-southeast1-a/instances/vm"
    found = _scan(tmp_path, _vm("vm", 'project = "p1"') + f"""
resource "google_compute_target_instance" "t" {{
  name     = "t"
  zone     = "asia-southeast1-a"
  instance = "{link}"
}}
""" + _rule("fw", "google_compute_target_instance.t.id"))
    vm = found["google_compute_instance.vm"]
    assert (vm.status, vm.message.en) == (
        Status.FAIL, "management port 22 reachable from the internet: internet → vm:22"
    )
    assert vm.evidence["path_hops"][-1]["via"] == (
        "external forwarding rule fw; to t; ssh allows 0.0.0.0/0"
    )


def test_relative_paths_of_a_target_pool(tmp_path: Path) -> None:
    found = _scan(tmp_path, _vm("a", 'project = "p1"') + _vm("c", 'project = "p2"') + """
resource "google_compute_target_pool" "pool" {
  name      = "pool"
  region    = "asia-southeast1"
  instances = [
    "projects/p1/zones/asia-southeast1-a/instances/a",
    "projects/p1/zones/asia-southeast1-a/instances/c",
  ]
}
""" + _rule("fw", "google_compute_target_pool.pool.self_link"))
    a = found["google_compute_instance.a"]
    assert (a.status, a.evidence["path"]) == (Status.FAIL, "internet → a:22")
    # c is in another project: not a member (reached only laterally, through a)
    c = found["google_compute_instance.c"]
    assert (c.status, c.evidence["path"]) == (Status.FAIL, "internet → a:22 → c:22")


def test_a_zone_name_whose_project_is_not_known_names_the_vm_perhaps(tmp_path: Path) -> None:
    found = _scan(tmp_path, _vm("b") + """
resource "google_compute_target_pool" "pool" {
  name      = "pool"
  region    = "asia-southeast1"
  instances = ["asia-southeast1-a/b"]
}
""" + _rule("fw", "google_compute_target_pool.pool.self_link"))
    b = found["google_compute_instance.b"]
    assert (b.status, b.evidence["path"]) == (Status.UNKNOWN, "internet → b:22")
    assert b.evidence["path_hops"][-1]["via"] == (
        "external forwarding rule fw; to pool; google_compute_target_pool.pool names "
        "asia-southeast1-a/b: the same name as google_compute_instance.b, whose project "
        "cannot be compared (not written, or not known, on one side); ssh allows 0.0.0.0/0"
    )


OTHER_NETWORK = """
resource "google_compute_network" "net2" {
  name                    = "net2"
  auto_create_subnetworks = false
}
resource "google_compute_subnetwork" "sub2" {
  name          = "sub2"
  ip_cidr_range = "10.1.0.0/24"
  network       = google_compute_network.net2.self_link
  region        = "asia-southeast1"
}
resource "google_compute_firewall" "ssh2" {
  name          = "ssh2"
  network       = google_compute_network.net2.name
  source_ranges = ["0.0.0.0/0"]
  allow {
    protocol = "tcp"
    ports    = ["22"]
  }
}
resource "google_compute_instance" "far" {
  name         = "far"
  machine_type = "e2-small"
  zone         = "asia-southeast1-a"
  boot_disk {
    initialize_params { image = "debian-cloud/debian-12" }
  }
  network_interface {
    subnetwork = google_compute_subnetwork.sub2.name
  }
}
"""


def test_a_link_of_another_zone_names_no_scanned_vm(tmp_path: Path) -> None:
    found = _scan(tmp_path, OTHER_NETWORK + _vm("vm") + """
resource "google_compute_target_instance" "near" {
  name     = "near"
  zone     = "asia-southeast1-a"
  instance = "zones/asia-southeast1-a/instances/vm"
}
resource "google_compute_target_instance" "far" {
  name     = "far"
  zone     = "asia-southeast1-b"
  instance = "zones/asia-southeast1-b/instances/far"
}
""" + _rule("fw", "google_compute_target_instance.near.id")
                  + _rule("fw2", "google_compute_target_instance.far.id"))
    # a relative path with no project: the provider's, not compared
    assert found["google_compute_instance.vm"].status is Status.UNKNOWN
    # far is in asia-southeast1-a: fw2's link names another VM; ssh2's 0.0.0.0/0 admits
    # the hosts of far's own network only (net2: nothing peers it with vm's network,
    # graph/islands.py), so nothing reaches far (it was "internet → vm:22 → far:22")
    far = found["google_compute_instance.far"]
    assert far.status is Status.PASS


def test_a_bare_name_takes_the_target_instance_zone(tmp_path: Path) -> None:
    found = _scan(tmp_path, _vm("vm", 'project = "p1"') + """
resource "google_compute_target_instance" "t" {
  name     = "t"
  project  = "p1"
  zone     = "asia-southeast1-a"
  instance = "vm"
}
""" + _rule("fw", "google_compute_target_instance.t.id"))
    # "the project will default to the provider-level project" (not the target's): perhaps
    vm = found["google_compute_instance.vm"]
    assert (vm.status, vm.evidence["path"]) == (Status.UNKNOWN, "internet → vm:22")
    assert "names vm: the same name as google_compute_instance.vm, whose project cannot" in (
        vm.evidence["path_hops"][-1]["via"]
    )


def test_a_link_whose_project_and_zone_are_inputs(tmp_path: Path) -> None:
    """``projects/${var.project}/zones/${var.zone}/instances/vm``: the written name decides,
    the parts from inputs are not compared (a member perhaps)."""
    found = _scan(tmp_path, _vm("vm", 'project = "p1"') + """
variable "project" {
  type = string
}
variable "zone" {
  type = string
}
resource "google_compute_target_pool" "pool" {
  name      = "pool"
  region    = "asia-southeast1"
  instances = ["projects/${var.project}/zones/${var.zone}/instances/vm"]
}
""" + _rule("fw", "google_compute_target_pool.pool.self_link"))
    vm = found["google_compute_instance.vm"]
    assert (vm.status, vm.evidence["path"]) == (Status.UNKNOWN, "internet → vm:22")
    assert "google_compute_target_pool.pool names projects/…/zones/…/instances/vm: the same " \
        "name as google_compute_instance.vm, whose zone and project cannot be compared" in (
            vm.evidence["path_hops"][-1]["via"]
        )
