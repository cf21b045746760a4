"""GDCC-DNS-002 for a private zone whose network a data source reads: the network is made
in another configuration, and so is the DNS server policy (Google) or Resolver query logging
(AWS) that would log its queries. fabric's openshift blueprint (``private_visibility_config``
naming ``data.google_compute_network.default``) FAILed "no google_dns_policy with
enable_logging of the scanned configuration names its network ...: queries from it are not
logged": the data source was taken for a network of the scan. It is UNKNOWN now, as for a
network given by an input; a network the scan makes, without logging, still FAILs."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

ZONES = """\
data "google_compute_network" "shared" {
  name = "shared-vpc"
}

resource "google_compute_network" "own" {
  name                    = "own"
  auto_create_subnetworks = false
}

resource "google_dns_managed_zone" "shared" {
  name       = "shared"
  dns_name   = "shared.internal."
  visibility = "private"
  private_visibility_config {
    networks {
      network_url = data.google_compute_network.shared.id
    }
  }
}

resource "google_dns_managed_zone" "own" {
  name       = "own"
  dns_name   = "own.internal."
  visibility = "private"
  private_visibility_config {
    networks {
      network_url = google_compute_network.own.id
    }
  }
}

data "aws_vpc" "shared" {
  tags = { Name = "shared" }
}

resource "aws_route53_zone" "shared" {
  name = "shared.example.internal"
  vpc {
    vpc_id = data.aws_vpc.shared.id
  }
}
"""

WHY = (
    "its network {} is read by a data source: it is made, and its query logging set, outside "
    "the scan"
)


def test_a_zone_of_a_network_read_by_a_data_source_is_unknown(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(ZONES, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-DNS-002",)))
    found = {f.address: (f.status, f.message.en) for f in result.findings}
    status, message = found["google_dns_managed_zone.shared"]
    assert status == Status.UNKNOWN
    assert message.endswith(WHY.format("data.google_compute_network.shared"))
    status, message = found["aws_route53_zone.shared"]
    assert status == Status.UNKNOWN
    assert message.endswith(WHY.format("data.aws_vpc.shared"))
    # a network made here, with no logging policy: still a FAIL
    assert found["google_dns_managed_zone.own"][0] == Status.FAIL


POLICY = """\
resource "google_dns_policy" "logging" {
  name           = "logging"
  enable_logging = true
  networks {
    network_url = data.google_compute_network.shared.id
  }
}
"""


def test_a_policy_of_the_scan_logging_that_network_passes(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(ZONES + POLICY, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-DNS-002",)))
    found = {f.address: f.status for f in result.findings}
    assert found["google_dns_managed_zone.shared"] == Status.PASS
