"""A VPC firewall rule holds IPv4 or IPv6 source ranges, never both: ``0.0.0.0/0`` admits
IPv4 clients only, ``::/0`` IPv6 clients only. The graph read every internet source as any
client: a Compute Engine instance whose only external address is IPv6 (``ipv6_access_config``)
behind a ``0.0.0.0/0`` rule FAILed GDCC-GRAPH-002 (UNKNOWN on the default network, whose
pre-populated rules admit ``0.0.0.0/0``), and an IPv4-only instance behind a ``::/0`` rule
was reached from any compromised host of the scan, whose internal addresses are IPv4."""

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
"""


def _firewall(name: str, source: str, tag: str) -> str:
    return (
        f'resource "google_compute_firewall" "{name}" {{\n  name          = "{name}"\n'
        f"  network       = google_compute_network.net.name\n"
        f'  source_ranges = ["{source}"]\n  target_tags   = ["{tag}"]\n'
        '  allow {\n    protocol = "tcp"\n    ports    = ["22"]\n  }\n}\n'
    )


def _instance(name: str, tag: str, interface: str) -> str:
    return (
        f'resource "google_compute_instance" "{name}" {{\n  name         = "{name}"\n'
        f'  machine_type = "e2-small"\n  zone         = "asia-southeast1-a"\n'
        f'  tags         = ["{tag}"]\n'
        '  boot_disk {\n    initialize_params {\n      image = "debian-cloud/debian-12"\n'
        "    }\n  }\n  network_interface {\n"
        f"    subnetwork = google_compute_subnetwork.sub.name\n{interface}  }}\n}}\n"
    )


#: An interface whose only external address is IPv6 (internal IPv4 and IPv6).
ONLY_V6 = '    stack_type = "IPV4_IPV6"\n    ipv6_access_config {\n' \
    '      network_tier = "PREMIUM"\n    }\n'
#: An IPv4-only interface (no stack type: IPV4_ONLY) with an external IPv4 address.
ONLY_V4 = "    access_config {}\n"


def _graph2(tmp_path: Path, *parts: str) -> dict[str, Finding]:
    (tmp_path / "main.tf").write_text("\n".join([NETWORK, *parts]), encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-002",)))
    return {f.address or "": f for f in result.findings}


def test_an_ipv6_address_is_reached_through_ipv6_sources_only(tmp_path: Path) -> None:
    """``::/0``: FAIL; ``0.0.0.0/0``: PASS saying why (was FAIL 'internet → a:22')."""
    (tmp_path / "v6").mkdir()
    found = _graph2(tmp_path / "v6", _firewall("ssh6", "::/0", "v6"),
                    _instance("a", "v6", ONLY_V6))
    a = found["google_compute_instance.a"]
    assert (a.status, a.message.en) == (
        Status.FAIL, "management port 22 reachable from the internet: internet → a:22"
    )
    assert a.evidence["path_certain"] is True
    (tmp_path / "v4").mkdir()
    found = _graph2(tmp_path / "v4", _firewall("ssh4", "0.0.0.0/0", "v6"),
                    _instance("a", "v6", ONLY_V6))
    a = found["google_compute_instance.a"]
    assert a.status is Status.PASS
    assert a.message.en.endswith(
        "is reachable from the internet: its external addresses are IPv6 only, and the rules "
        "admitting the internet admit IPv4 clients only (ssh4: 0.0.0.0/0)"
    )
    assert a.evidence["external_ip_versions"] == ["IPv6"]
    assert a.evidence["other_version_sources"] == {"ssh4": ["0.0.0.0/0"]}


def test_an_ipv4_only_instance_is_not_reached_through_an_ipv6_source(tmp_path: Path) -> None:
    """``b`` is internet-facing over IPv4 and its internal addresses are IPv4: the ``::/0``
    rule on ``c`` admits neither (was FAIL 'internet → b:22 → c:22')."""
    found = _graph2(
        tmp_path,
        _firewall("ssh6", "::/0", "c"),
        _firewall("ssh4", "0.0.0.0/0", "b"),
        _instance("b", "b", ONLY_V4),
        _instance("c", "c", ONLY_V4),
    )
    assert found["google_compute_instance.b"].status is Status.FAIL
    c = found["google_compute_instance.c"]
    assert c.status is Status.PASS
    assert c.evidence["other_version_sources"] == {"ssh6": ["::/0"]}


def test_an_internal_ipv4_address_is_still_reached_laterally(tmp_path: Path) -> None:
    """An instance whose only external address is IPv6 still has an internal IPv4 address:
    a compromised host of the network reaches it through ``0.0.0.0/0``."""
    found = _graph2(
        tmp_path,
        _firewall("ssh4", "0.0.0.0/0", "v6"),
        _firewall("ssh4b", "0.0.0.0/0", "b"),
        _instance("a", "v6", ONLY_V6),
        _instance("b", "b", ONLY_V4),
    )
    a = found["google_compute_instance.a"]
    assert (a.status, a.evidence["path"]) == (Status.FAIL, "internet → b:22 → a:22")


def test_the_default_networks_ipv4_rules_do_not_admit_an_ipv6_address(tmp_path: Path) -> None:
    """Was UNKNOWN: the pre-populated rules (default-allow-ssh, 0.0.0.0/0) may exist."""
    (tmp_path / "main.tf").write_text(
        'resource "google_compute_instance" "v6" {\n  name = "v6"\n'
        '  machine_type = "e2-small"\n  zone = "asia-southeast1-a"\n'
        '  boot_disk {\n    initialize_params { image = "debian-cloud/debian-12" }\n  }\n'
        '  network_interface {\n    network = "default"\n' + ONLY_V6 + "  }\n}\n",
        encoding="utf-8",
    )
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-002",)))
    (v6,) = result.findings
    assert v6.status is Status.PASS
    assert v6.evidence["other_version_sources"] == {"the default network": ["0.0.0.0/0"]}


def test_a_managed_group_takes_its_templates_versions(tmp_path: Path) -> None:
    template = (
        'resource "google_compute_instance_template" "t" {\n  name_prefix = "t"\n'
        '  machine_type = "e2-small"\n  tags = ["v6"]\n'
        '  disk {\n    source_image = "debian-cloud/debian-12"\n  }\n'
        "  network_interface {\n    subnetwork = google_compute_subnetwork.sub.name\n"
        + ONLY_V6 + "  }\n}\n"
    )
    group = (
        'resource "google_compute_instance_group_manager" "g" {\n  name = "g"\n'
        '  zone = "asia-southeast1-a"\n  base_instance_name = "g"\n'
        "  version {\n    instance_template = google_compute_instance_template.t.id\n  }\n}\n"
    )
    found = _graph2(tmp_path, _firewall("ssh4", "0.0.0.0/0", "v6"), template, group)
    g = found["google_compute_instance_group_manager.g"]
    assert g.status is Status.PASS
    assert g.evidence["other_version_sources"] == {"ssh4": ["0.0.0.0/0"]}


def _passthrough(version: str) -> str:
    return (
        'resource "google_compute_target_pool" "pool" {\n  name      = "pool"\n'
        '  region    = "asia-southeast1"\n'
        "  instances = [google_compute_instance.web.self_link]\n}\n"
        'resource "google_compute_forwarding_rule" "lb" {\n  name       = "lb"\n'
        '  region     = "asia-southeast1"\n  target     = google_compute_target_pool.pool.id\n'
        f'  port_range = "22"\n{version}}}\n'
    )


def test_a_passthrough_rule_brings_clients_of_its_address_version(tmp_path: Path) -> None:
    """A passthrough forwarding rule keeps the client's address: an IPv4 rule (no
    ``ip_version`` nor ``ip_address``: an ephemeral IPv4 address) brings IPv4 clients, which a
    ``::/0`` rule does not admit (was FAIL 'internet → web:22'); an IPv6 rule brings IPv6
    clients, which it does."""
    backend = _instance("web", "web", '    stack_type = "IPV4_IPV6"\n')
    (tmp_path / "v4").mkdir()
    found = _graph2(tmp_path / "v4", _firewall("ssh6", "::/0", "web"), backend, _passthrough(""))
    assert found["google_compute_instance.web"].status is Status.PASS
    (tmp_path / "v6").mkdir()
    found = _graph2(tmp_path / "v6", _firewall("ssh6", "::/0", "web"), backend,
                    _passthrough('  ip_version = "IPV6"\n'))
    web = found["google_compute_instance.web"]
    assert (web.status, web.evidence["path"]) == (Status.FAIL, "internet → web:22")
    assert web.evidence["path_hops"][-1]["via"] == (
        "external forwarding rule lb; to pool; ssh6 allows ::/0"
    )
