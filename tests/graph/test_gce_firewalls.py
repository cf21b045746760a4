"""Compute Engine instances are governed by the VPC firewall rules of their network: all of
them when a rule names no target, else those with one of its target tags. Ingress that no
rule allows is denied. So with the network in the scan the graph knows an instance's filtering;
it did not read firewall rules for instances at all, and every instance with an external IP was
GDCC-GRAPH-002 UNKNOWN "filtering not known" (terragoat's allow-all rule on 0-65535 included).
A network's default route to the internet gateway exists unless deleted."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Finding, Status
from gdcc_audit.settings import Settings

NETWORK = """\
resource "google_compute_network" "net" {
  name                    = "net"
  auto_create_subnetworks = false
%s}

resource "google_compute_subnetwork" "sub" {
  name          = "sub"
  ip_cidr_range = "10.0.0.0/24"
  network       = google_compute_network.net.self_link
  region        = "asia-southeast1"
}

variable "tags" {
  type = list(string)
}
"""


def _firewall(name: str, ports: str, targets: str = "") -> str:
    return (
        f'resource "google_compute_firewall" "{name}" {{\n  name    = "{name}"\n'
        f"  network = google_compute_network.net.name\n{targets}"
        f'  allow {{\n    protocol = "tcp"\n    ports    = [{ports}]\n  }}\n}}\n'
    )


def _instance(name: str, tags: str = "", interface: str = "") -> str:
    where = interface or "subnetwork = google_compute_subnetwork.sub.name"
    return (
        f'resource "google_compute_instance" "{name}" {{\n  name         = "{name}"\n'
        f'  machine_type = "e2-small"\n  zone         = "asia-southeast1-a"\n{tags}'
        '  boot_disk {\n    initialize_params {\n      image = "debian-cloud/debian-12"\n'
        f"    }}\n  }}\n  network_interface {{\n    {where}\n    access_config {{}}\n  }}\n}}\n"
    )


def _run(tmp_path: Path, text: str) -> dict[tuple[str, str], Finding]:
    (tmp_path / "main.tf").write_text(text, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-002", "GDCC-NET-001")))
    return {(f.rule_id, f.address or ""): f for f in result.findings}


def test_firewall_rules_govern_instances_by_network_and_tags(tmp_path: Path) -> None:
    text = "\n".join(
        [
            NETWORK % "",
            # no source: any address (Google Cloud's default source is 0.0.0.0/0)
            _firewall("ssh_web", '"22"', '  target_tags = ["web"]\n'),
            _firewall("https_all", '"443"'),
            _instance("web", '  tags = ["web"]\n'),
            _instance("db", '  tags = ["db"]\n'),
            _instance("by_network", interface="network = google_compute_network.net.name"),
            _instance("on_default", interface='network = "default"'),
        ]
    )
    found = _run(tmp_path, text)
    graph2 = {a: f.status for (r, a), f in found.items() if r == "GDCC-GRAPH-002"}
    assert graph2 == {
        "google_compute_instance.web": Status.FAIL,  # was UNKNOWN
        "google_compute_instance.db": Status.PASS,  # 443 only: was UNKNOWN
        "google_compute_instance.by_network": Status.PASS,
        # the default network's rules are not in the scan (its default-allow-ssh may exist)
        "google_compute_instance.on_default": Status.UNKNOWN,
    }
    web = found[("GDCC-GRAPH-002", "google_compute_instance.web")]
    assert web.evidence["path"] == "internet → web:22"
    assert web.evidence["path_certain"] is True
    assert [h["via"] for h in web.evidence["path_hops"]] == [None, "public endpoint"]
    net1 = {a: f.status for (r, a), f in found.items() if r == "GDCC-NET-001"}
    assert net1 == {
        "google_compute_firewall.ssh_web": Status.FAIL,
        "google_compute_firewall.https_all": Status.PASS,
        "google_compute_instance.web": Status.NOT_APPLICABLE,
        "google_compute_instance.db": Status.NOT_APPLICABLE,
        "google_compute_instance.by_network": Status.NOT_APPLICABLE,
        "google_compute_instance.on_default": Status.UNKNOWN,
    }
    assert found[("GDCC-NET-001", "google_compute_instance.web")].evidence == {
        "security_groups": ["https_all", "ssh_web"]
    }


def test_undecidable_rules_and_deleted_default_routes(tmp_path: Path) -> None:
    text = "\n".join(
        [
            NETWORK % "  delete_default_routes_on_create = true\n",
            _firewall("ssh", '"22"', "  target_tags = var.tags\n"),
            _instance("web", '  tags = ["web"]\n'),
        ]
    )
    found = _run(tmp_path, text)
    # target tags not known: which instances the rule governs cannot be told
    web = found[("GDCC-GRAPH-002", "google_compute_instance.web")]
    assert web.status == Status.UNKNOWN
    assert [h["via"] for h in web.evidence["path_hops"]][1] == (
        "public endpoint; no internet gateway found for its network; filtering not known"
    )


def test_sources_that_name_instances_are_never_the_internet(tmp_path: Path) -> None:
    """``source_tags`` / ``source_service_accounts`` admit the internal addresses of the VM
    instances they name, never the internet: a rule naming one from a variable or a module
    output (``[module.bastion.service_account]``) was GDCC-NET-001 UNKNOWN "cannot tell whether
    port 22 is open to the internet", and the instances behind it GDCC-GRAPH-002 UNKNOWN. A
    whole list not known may be empty (no source at all is 0.0.0.0/0): still not known."""
    text = "\n".join(
        [
            NETWORK % "",
            _firewall("from_account", '"22"', "  source_service_accounts = [var.tags[0]]\n"),
            _firewall("from_tags", '"3389"', '  source_tags = ["bastion", var.tags[1]]\n'),
            _firewall("tags_unknown", '"22"', '  source_tags = var.tags\n  target_tags = ["x"]\n'),
            _instance("web"),
        ]
    )
    found = _run(tmp_path, text)
    net1 = {a: f.status for (r, a), f in found.items() if r == "GDCC-NET-001"}
    assert net1 == {
        "google_compute_firewall.from_account": Status.PASS,
        "google_compute_firewall.from_tags": Status.PASS,
        "google_compute_firewall.tags_unknown": Status.UNKNOWN,
        "google_compute_instance.web": Status.NOT_APPLICABLE,
    }
    unknown = found[("GDCC-NET-001", "google_compute_firewall.tags_unknown")]
    assert unknown.message is not None
    assert unknown.message.en == "cannot tell whether port 22 is open to the internet"
    web = found[("GDCC-GRAPH-002", "google_compute_instance.web")]
    assert web.status == Status.PASS
    assert web.message is not None
    assert web.message.en == "No management port is reachable from the internet through any path"
