"""A companion is run once per root, with the context of the first document mapped; what it
notes about a resource in another file of the root, or in a module, reached that resource
only when both were in the same document. An allUsers grant in ``a.tf`` on a Cloud Run
service in ``b.tf`` whose ingress is internal only PASSed GDCC-CMP-011 without saying why
(no ``decided_by``): the notes are now shared by the root's documents."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

SERVICE = """\
variable "ingress" {
  type    = string
  default = "INGRESS_TRAFFIC_INTERNAL_ONLY"
}

resource "google_cloud_run_v2_service" "api" {
  name     = "api"
  location = "asia-southeast1"
  ingress  = var.ingress
  template {
    containers {
      image = "gcr.io/p/api"
    }
  }
}
"""
GRANT = """\
resource "google_cloud_run_v2_service_iam_member" "api" {
  name     = google_cloud_run_v2_service.api.name
  location = google_cloud_run_v2_service.api.location
  role     = "roles/run.invoker"
  member   = "allUsers"
}
"""
WHY = (
    'ingress = "INGRESS_TRAFFIC_INTERNAL_ONLY" admits internal traffic only: no request from '
    "the internet reaches it, whoever may invoke it"
)


def _decided(path: Path) -> dict[str, tuple[Status, object]]:
    result = audit([path], Settings(rule_ids=("GDCC-CMP-011",)))
    return {f.address or "": (f.status, f.evidence.get("decided_by")) for f in result.findings}


def test_a_grant_in_another_file_says_why_it_is_harmless(tmp_path: Path) -> None:
    (tmp_path / "a.tf").write_text(GRANT)  # mapped first: its companion runs with a.tf
    (tmp_path / "b.tf").write_text(SERVICE)
    assert _decided(tmp_path) == {
        "google_cloud_run_v2_service.api": (Status.PASS, {"public_access": WHY}),
    }


def test_a_grant_in_a_module_says_why_it_is_harmless(tmp_path: Path) -> None:
    module = tmp_path / "modules" / "api"
    module.mkdir(parents=True)
    (module / "main.tf").write_text(SERVICE)
    (module / "iam.tf").write_text(GRANT)
    (tmp_path / "main.tf").write_text('module "api" {\n  source = "./modules/api"\n}\n')
    found = _decided(tmp_path)
    assert found["module.api.google_cloud_run_v2_service.api"] == (
        Status.PASS, {"public_access": WHY}
    )
