"""Vertex AI endpoints (``google_vertex_ai_endpoint``; were not mapped) are
``compute.function`` resources: private until an IAM grant on the endpoint
(``google_vertex_ai_endpoint_iam_*``) names allUsers / allAuthenticatedUsers, then anyone may
call a public one (GDCC-CMP-011 FAIL naming the grant). A public endpoint is served by the
Vertex AI API over HTTPS (GDCC-CMP-008 PASS); a private one (``network`` peering, Private
Service Connect) is reached from the VPC network only, by a URI whose scheme is not read:
HTTPS not known, and a grant to everyone on it not known to reach the internet."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

MAIN = """\
resource "google_compute_network" "vpc" {
  name                    = "vpc"
  auto_create_subnetworks = false
}

resource "google_vertex_ai_endpoint" "open" {
  name         = "open"
  display_name = "open"
  location     = "asia-southeast1"
}

resource "google_vertex_ai_endpoint_iam_member" "everyone" {
  endpoint = google_vertex_ai_endpoint.open.id
  role     = "roles/aiplatform.user"
  member   = "allUsers"
}

resource "google_vertex_ai_endpoint" "team" {
  name         = "team"
  display_name = "team"
  location     = "asia-southeast1"
  encryption_spec {
    kms_key_name = "projects/p/locations/asia-southeast1/keyRings/r/cryptoKeys/k"
  }
}

resource "google_vertex_ai_endpoint_iam_binding" "team" {
  endpoint = google_vertex_ai_endpoint.team.name
  location = "asia-southeast1"
  role     = "roles/aiplatform.user"
  members  = ["group:ml@agency.go.th"]
}

# peered with the VPC network (private services access)
resource "google_vertex_ai_endpoint" "peered" {
  name         = "peered"
  display_name = "peered"
  location     = "asia-southeast1"
  network      = google_compute_network.vpc.id
}

resource "google_vertex_ai_endpoint_iam_member" "peered_everyone" {
  endpoint = google_vertex_ai_endpoint.peered.id
  role     = "roles/aiplatform.user"
  member   = "allAuthenticatedUsers"
}

resource "google_vertex_ai_endpoint" "psc" {
  name         = "psc"
  display_name = "psc"
  location     = "asia-southeast1"
  private_service_connect_config {
    enable_private_service_connect = true
    project_allowlist              = ["my-project"]
  }
}
"""


def test_vertex_ai_endpoints(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(MAIN, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-CMP-011", "GDCC-CMP-008")))
    found = {
        (f.rule_id, f.address): (f.status, f.message.en if f.message else "")
        for f in result.findings
    }
    invoke = {a: v for (rule, a), v in found.items() if rule == "GDCC-CMP-011"}
    assert invoke == {
        "google_vertex_ai_endpoint.open": (
            Status.FAIL,
            "anyone on the internet can access it (granted by roles/aiplatform.user to "
            "allUsers by google_vertex_ai_endpoint_iam_member.everyone at "
            f"{tmp_path / 'main.tf'}:12)",
        ),
        "google_vertex_ai_endpoint.team": (
            Status.PASS, "Functions cannot be invoked by anyone on the internet",
        ),
        "google_vertex_ai_endpoint.peered": (
            Status.UNKNOWN,
            "whether anyone on the internet can access it is not known from the input: it is "
            "granted to everyone, but served on a private endpoint (network): whether the "
            "internet reaches it is not known (granted by roles/aiplatform.user to "
            "allAuthenticatedUsers by google_vertex_ai_endpoint_iam_member.peered_everyone at "
            f"{tmp_path / 'main.tf'}:42)",
        ),
        "google_vertex_ai_endpoint.psc": (
            Status.PASS, "Functions cannot be invoked by anyone on the internet",
        ),
    }
    https = {a: v[0] for (rule, a), v in found.items() if rule == "GDCC-CMP-008"}
    assert https == {
        "google_vertex_ai_endpoint.open": Status.PASS,
        "google_vertex_ai_endpoint.team": Status.PASS,
        "google_vertex_ai_endpoint.peered": Status.UNKNOWN,
        "google_vertex_ai_endpoint.psc": Status.UNKNOWN,
    }
