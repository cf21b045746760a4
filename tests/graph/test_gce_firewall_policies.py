"""Firewall policies (network, regional network, hierarchical) govern Compute Engine
instances beside the VPC firewall rules. Their rules were not read at all: a network policy
associated with the instance's network that allows 22 from 0.0.0.0/0 left the instance
GDCC-GRAPH-002 PASS "No management port is reachable from the internet" and the rule itself
unjudged. A rule that lets traffic through is now read like a VPC firewall rule (GDCC-NET-001
judges it) and governs the instances of the networks its policy is associated with; a
hierarchical policy's rule may govern every instance (whether an instance's project is below
the folder or organization it is associated with is not in the configuration); a policy with
no association in the scan may be associated elsewhere: not known."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Finding, Status
from gdcc_audit.settings import Settings
from iac_helpers import run

BASE = """\
resource "google_compute_network" "net" {
  name                    = "net"
  auto_create_subnetworks = false
}

resource "google_compute_subnetwork" "sub" {
  name          = "sub"
  network       = google_compute_network.net.id
  ip_cidr_range = "10.0.0.0/24"
  region        = "asia-southeast1"
}

resource "google_compute_instance" "vm" {
  name         = "vm"
  machine_type = "e2-small"
  zone         = "asia-southeast1-a"
  boot_disk {
    initialize_params {
      image = "debian-cloud/debian-12"
    }
  }
  network_interface {
    subnetwork = google_compute_subnetwork.sub.id
    access_config {}
  }
}
"""

NETWORK_POLICY = """\
resource "google_compute_network_firewall_policy" "policy" {
  name = "policy"
}

resource "google_compute_network_firewall_policy_rule" "ssh" {
  firewall_policy = google_compute_network_firewall_policy.policy.name
  priority        = 1000
  action          = "allow"
  direction       = "INGRESS"
  match {
    src_ip_ranges = ["0.0.0.0/0"]
    layer4_configs {
      ip_protocol = "tcp"
      ports       = ["22"]
    }
  }
}

resource "google_compute_network_firewall_policy_rule" "deny_all" {
  firewall_policy = google_compute_network_firewall_policy.policy.name
  priority        = 2000
  action          = "deny"
  direction       = "INGRESS"
  match {
    src_ip_ranges = ["0.0.0.0/0"]
    layer4_configs {
      ip_protocol = "all"
    }
  }
}
"""

ASSOCIATION = """\
resource "google_compute_network_firewall_policy_association" "net" {
  name              = "net"
  attachment_target = google_compute_network.net.id
  firewall_policy   = google_compute_network_firewall_policy.policy.name
}
"""

HIERARCHICAL = """\
resource "google_compute_firewall_policy" "org" {
  parent     = "folders/123"
  short_name = "org"
}

resource "google_compute_firewall_policy_association" "folder" {
  name              = "folder"
  attachment_target = "folders/123"
  firewall_policy   = google_compute_firewall_policy.org.id
}

resource "google_compute_firewall_policy_rule" "rdp" {
  firewall_policy = google_compute_firewall_policy.org.id
  priority        = 1000
  action          = "allow"
  direction       = "INGRESS"
  match {
    src_ip_ranges = ["0.0.0.0/0"]
    layer4_configs {
      ip_protocol = "tcp"
      ports       = ["3389"]
    }
  }
}
"""


def _run(tmp_path: Path, roots: dict[str, str]) -> dict[tuple[str, str], Finding]:
    for name, text in roots.items():
        (tmp_path / name).mkdir()
        (tmp_path / name / "main.tf").write_text(text, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-002", "GDCC-NET-001")))
    return {(f.rule_id, f.resource_id): f for f in result.findings}


def test_firewall_policy_rules_govern_instances(tmp_path: Path) -> None:
    found = _run(
        tmp_path,
        {
            "attached": BASE + NETWORK_POLICY + ASSOCIATION,
            "unattached": BASE + NETWORK_POLICY,
            "hierarchical": BASE + HIERARCHICAL,
        },
    )
    vm = {
        root: found[("GDCC-GRAPH-002", f"-/-/google_compute_instance.{root}:vm")]
        for root in ("attached", "unattached", "hierarchical")
    }
    assert {root: f.status for root, f in vm.items()} == {
        "attached": Status.FAIL,  # was PASS
        "unattached": Status.UNKNOWN,  # was PASS: the policy may be associated elsewhere
        # was PASS: the VM's project may be below the folder the policy is associated with
        "hierarchical": Status.UNKNOWN,
    }
    assert vm["attached"].evidence["path"] == "internet → vm:22"
    assert vm["hierarchical"].message is not None
    assert vm["hierarchical"].message.en == (
        "management port 3389 reachable from the internet if what is not known allows it: "
        "internet → vm:3389"
    )
    assert vm["hierarchical"].evidence["path_hops"][1]["via"] == (
        "public endpoint; a hierarchical firewall policy rule: it "
        "governs the instance if its project is below the folder or organization the policy "
        "is associated with"
    )
    rules = {
        key: f.status
        for (rule, key), f in found.items()
        if rule == "GDCC-NET-001" and "policy_rule" in key
    }
    assert rules == {
        "-/-/google_compute_network_firewall_policy_rule.attached:ssh": Status.FAIL,
        "-/-/google_compute_network_firewall_policy_rule.attached:deny_all": Status.PASS,
        "-/-/google_compute_network_firewall_policy_rule.unattached:ssh": Status.FAIL,
        "-/-/google_compute_network_firewall_policy_rule.unattached:deny_all": Status.PASS,
        "-/-/google_compute_firewall_policy_rule.hierarchical:rdp": Status.FAIL,
    }
    ssh = found[("GDCC-NET-001", "-/-/google_compute_network_firewall_policy_rule.attached:ssh")]
    assert ssh.message is not None
    assert ssh.message.en == "port 22 is open to the whole internet (0.0.0.0/0)"


NAMED_SOURCES = """\
resource "google_compute_network_firewall_policy" "policy" {
  name = "policy"
}

resource "google_network_security_address_group" "office" {
  name     = "office"
  parent   = "projects/p"
  location = "global"
  type     = "IPV4"
  capacity = 10
  items    = ["203.0.113.0/24"]
}

resource "google_network_security_address_group" "wide" {
  name     = "wide"
  parent   = "projects/p"
  location = "global"
  type     = "IPV4"
  capacity = 10
  items    = ["0.0.0.0/0"]
}

resource "google_compute_network_firewall_policy_rule" "from_us" {
  firewall_policy = google_compute_network_firewall_policy.policy.name
  priority        = 1000
  action          = "allow"
  direction       = "INGRESS"
  match {
    src_region_codes = ["US"]
    layer4_configs {
      ip_protocol = "all"
    }
  }
}

resource "google_compute_network_firewall_policy_rule" "from_tor" {
  firewall_policy = google_compute_network_firewall_policy.policy.name
  priority        = 1001
  action          = "allow"
  direction       = "INGRESS"
  match {
    src_threat_intelligences = ["iplist-tor-exit-nodes"]
    layer4_configs {
      ip_protocol = "tcp"
      ports       = ["3389"]
    }
  }
}

resource "google_compute_network_firewall_policy_rule" "from_host" {
  firewall_policy = google_compute_network_firewall_policy.policy.name
  priority        = 1002
  action          = "allow"
  direction       = "INGRESS"
  match {
    src_fqdns = ["bastion.agency.go.th"]
    layer4_configs {
      ip_protocol = "tcp"
      ports       = ["22"]
    }
  }
}

resource "google_compute_network_firewall_policy_rule" "from_office" {
  firewall_policy = google_compute_network_firewall_policy.policy.name
  priority        = 1003
  action          = "allow"
  direction       = "INGRESS"
  match {
    src_address_groups = [google_network_security_address_group.office.id]
    layer4_configs {
      ip_protocol = "tcp"
      ports       = ["22"]
    }
  }
}

resource "google_compute_network_firewall_policy_rule" "from_wide" {
  firewall_policy = google_compute_network_firewall_policy.policy.name
  priority        = 1004
  action          = "allow"
  direction       = "INGRESS"
  match {
    src_address_groups = [google_network_security_address_group.wide.id]
    layer4_configs {
      ip_protocol = "tcp"
      ports       = ["22"]
    }
  }
}

variable "groups" {
  type = list(string)
}

# the filters add up: region US is the internet whatever the address groups hold
resource "google_compute_network_firewall_policy_rule" "from_us_and_inputs" {
  firewall_policy = google_compute_network_firewall_policy.policy.name
  priority        = 1006
  action          = "allow"
  direction       = "INGRESS"
  match {
    src_region_codes   = ["US"]
    src_address_groups = var.groups
    layer4_configs {
      ip_protocol = "tcp"
      ports       = ["22"]
    }
  }
}

resource "google_compute_network_firewall_policy_rule" "from_inputs" {
  firewall_policy = google_compute_network_firewall_policy.policy.name
  priority        = 1007
  action          = "allow"
  direction       = "INGRESS"
  match {
    src_ip_ranges      = ["10.0.0.0/8"]
    src_address_groups = var.groups
    layer4_configs {
      ip_protocol = "tcp"
      ports       = ["22"]
    }
  }
}

resource "google_compute_network_firewall_policy_rule" "from_elsewhere" {
  firewall_policy = google_compute_network_firewall_policy.policy.name
  priority        = 1005
  action          = "allow"
  direction       = "INGRESS"
  match {
    src_address_groups = ["projects/p/locations/global/addressGroups/other"]
    layer4_configs {
      ip_protocol = "tcp"
      ports       = ["22"]
    }
  }
}
"""


def test_named_sources_of_policy_rules(tmp_path: Path) -> None:
    """Geolocations and threat intelligence lists are internet addresses; an FQDN is a few
    hosts; an address group of the scan is its items. They were not read: GDCC-NET-001 was
    UNKNOWN for each (a rule allowing every port from region "US" among them)."""
    found = _run(tmp_path, {"named": NAMED_SOURCES})
    rules = {
        key.rsplit(":", 1)[1]: f
        for (rule, key), f in found.items()
        if rule == "GDCC-NET-001" and "policy_rule" in key
    }
    assert {name: f.status for name, f in rules.items()} == {
        "from_us": Status.FAIL,
        "from_tor": Status.FAIL,
        "from_host": Status.PASS,
        "from_office": Status.PASS,
        "from_wide": Status.FAIL,
        "from_elsewhere": Status.UNKNOWN,  # an address group outside the scan
        "from_us_and_inputs": Status.FAIL,
        "from_inputs": Status.UNKNOWN,
    }
    assert rules["from_us"].message is not None
    assert rules["from_us"].message.en == (
        "ports 22, 23, 1433, 1521, 3306, 3389, 5432, 5985, 5986, 6379, 9200, 27017 are open "
        "to the internet (internet:region US)"
    )
    assert rules["from_tor"].message is not None
    assert rules["from_tor"].message.en == (
        "port 3389 is open to the internet (internet:threat list iplist-tor-exit-nodes)"
    )


DENIES = """\
resource "google_compute_network_firewall_policy" "policy" {
  name = "policy"
}

resource "google_compute_network_firewall_policy_rule" "deny_ssh" {
  firewall_policy = google_compute_network_firewall_policy.policy.name
  priority        = 100
  action          = "deny"
  direction       = "INGRESS"
  match {
    src_ip_ranges = ["0.0.0.0/0", "::/0"]
    layer4_configs {
      ip_protocol = "tcp"
      ports       = ["22"]
    }
  }
}

resource "google_compute_network_firewall_policy_rule" "deny_rdp_tagged" {
  firewall_policy = google_compute_network_firewall_policy.policy.name
  priority        = 101
  action          = "deny"
  direction       = "INGRESS"
  target_service_accounts = ["app@p.iam.gserviceaccount.com"]
  match {
    src_ip_ranges = ["0.0.0.0/0"]
    layer4_configs {
      ip_protocol = "tcp"
      ports       = ["3389"]
    }
  }
}

resource "google_compute_network_firewall_policy_rule" "early_ssh" {
  firewall_policy = google_compute_network_firewall_policy.policy.name
  priority        = 50
  action          = "allow"
  direction       = "INGRESS"
  match {
    src_ip_ranges = ["0.0.0.0/0"]
    layer4_configs {
      ip_protocol = "tcp"
      ports       = ["22"]
    }
  }
}

resource "google_compute_network_firewall_policy_rule" "late_ssh" {
  firewall_policy = google_compute_network_firewall_policy.policy.name
  priority        = 1000
  action          = "allow"
  direction       = "INGRESS"
  match {
    src_ip_ranges    = ["0.0.0.0/0"]
    src_region_codes = ["TH"]
    layer4_configs {
      ip_protocol = "tcp"
      ports       = ["22"]
    }
  }
}

resource "google_compute_network_firewall_policy_rule" "late_all" {
  firewall_policy = google_compute_network_firewall_policy.policy.name
  priority        = 1001
  action          = "allow"
  direction       = "INGRESS"
  match {
    src_ip_ranges = ["0.0.0.0/0"]
    layer4_configs {
      ip_protocol = "tcp"
    }
  }
}
"""


def test_earlier_deny_rules_bound_later_allow_rules(tmp_path: Path) -> None:
    """A deny rule of the same policy evaluated first (lower priority number), for every
    instance and every source of the allow, takes its ports out of the allow: SSH allowed at
    priority 1000 behind a deny of SSH from everywhere at 100 is not open (it FAILed). A
    deny limited to some instances, or evaluated after the allow, bounds nothing."""
    found = _run(tmp_path, {"denies": DENIES})
    rules = {
        key.rsplit(":", 1)[1]: f
        for (rule, key), f in found.items()
        if rule == "GDCC-NET-001" and "policy_rule" in key
    }
    assert {name: f.status for name, f in rules.items()} == {
        "deny_ssh": Status.PASS,
        "deny_rdp_tagged": Status.PASS,
        "early_ssh": Status.FAIL,
        "late_ssh": Status.PASS,
        "late_all": Status.FAIL,
    }
    resources, _, _ = run(tmp_path / "denies")
    late = resources["google_compute_network_firewall_policy_rule.late_ssh"]
    assert late.facets.ingress == ()
    assert late.decided_by["ingress"].en == (
        "deny rules evaluated before it (google_compute_network_firewall_policy_rule.deny_ssh) "
        "match part or all of what it allows"
    )
    every = rules["late_all"]
    assert every.message is not None
    assert every.message.en.startswith("ports 23, 1433, 1521, 3306, 3389,")
