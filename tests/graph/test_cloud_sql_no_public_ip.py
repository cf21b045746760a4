"""GDCC-GRAPH-004's PASS message for a Cloud SQL instance with no public IP and no private
network said "its public IP admits only the Cloud SQL Auth Proxy and connectors", for an
instance written ``ipv4_enabled = false`` (Cloud Foundation Fabric's ``cloudsql-instance``
module left with no ``psa_config``, fabric's cloudsql-multiregion blueprint): it has no public
IP. The message now says so; an instance with its public IP on keeps the proxy wording."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

INSTANCES = """\
resource "google_sql_database_instance" "closed" {
  name             = "closed"
  region           = "asia-southeast1"
  database_version = "POSTGRES_16"
  settings {
    tier = "db-custom-2-7680"
    ip_configuration {
      ipv4_enabled = false
    }
  }
}

resource "google_sql_database_instance" "proxy_only" {
  name             = "proxy-only"
  region           = "asia-southeast1"
  database_version = "POSTGRES_16"
  settings {
    tier = "db-custom-2-7680"
    ip_configuration {
      ipv4_enabled = true
    }
  }
}
"""


def test_an_instance_without_a_public_ip_says_so(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(INSTANCES, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-004",)))
    found = {f.address: (f.status, f.message.en, dict(f.evidence)) for f in result.findings}
    closed = "no address: no public IP and no private network"
    proxy = (
        "no address: no authorized network and no private network; its public IP admits only "
        "the Cloud SQL Auth Proxy and connectors, each connection authorised by IAM"
    )
    assert found == {
        "google_sql_database_instance.closed": (
            Status.PASS, f"the data tier admits {closed}", {"admits": closed}
        ),
        "google_sql_database_instance.proxy_only": (
            Status.PASS, f"the data tier admits {proxy}", {"admits": proxy}
        ),
    }
