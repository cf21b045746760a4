"""Google Cloud Run services and Cloud Functions: invoked from the internet as their invoker
grants and ingress say, and in the network of the Serverless VPC Access connector they name.
Neither was read: a Cloud Run service was "not publicly addressable" and in no network, so an
internet-facing API whose connector reaches a Memorystore instance and a Cloud SQL private IP
PASSed GDCC-GRAPH-005 (GoogleCloudPlatform/terraform-google-three-tier-web-app)."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

TERRAFORM = """\
resource "google_compute_network" "main" {
  name                    = "private"
  auto_create_subnetworks = true
}
resource "google_vpc_access_connector" "main" {
  name          = "connector"
  region        = "asia-southeast1"
  ip_cidr_range = "10.8.0.0/28"
  network       = google_compute_network.main.name
}
resource "google_redis_instance" "cache" {
  name               = "cache"
  memory_size_gb     = 1
  authorized_network = google_compute_network.main.name
  connect_mode       = "DIRECT_PEERING"
}
resource "google_cloud_run_v2_service" "api" {
  name     = "api"
  location = "asia-southeast1"
  template {
    containers {
      image = "asia-docker.pkg.dev/p/r/api:1"
    }
    CONNECTOR
  }
}
resource "google_cloud_run_v2_service_iam_member" "public" {
  name     = google_cloud_run_v2_service.api.name
  location = google_cloud_run_v2_service.api.location
  role     = "roles/run.invoker"
  member   = "allUsers"
}
"""


def _lateral(tmp_path: Path, connector: str) -> tuple[Status, str]:
    (tmp_path / "main.tf").write_text(TERRAFORM.replace("CONNECTOR", connector), "utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-005",)))
    [found] = [f for f in result.findings if f.address == "google_redis_instance.cache"]
    return found.status, found.message.en


def test_a_public_service_through_its_connector_reaches_the_cache(tmp_path: Path) -> None:
    assert _lateral(
        tmp_path,
        "vpc_access {\n      connector = google_vpc_access_connector.main.id\n      "
        'egress    = "ALL_TRAFFIC"\n    }',
    ) == (
        # the cache admits its authorized network, the connector's (it was UNKNOWN: the
        # cache's filtering was not known)
        Status.FAIL,
        "a workload reachable from the internet can connect to port 6379: "
        "internet → api:443 → cache:6379",
    )


def test_without_a_connector_the_service_is_in_no_network(tmp_path: Path) -> None:
    status, _ = _lateral(tmp_path, "")
    assert status is Status.PASS
