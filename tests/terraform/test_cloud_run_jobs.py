"""Cloud Run jobs (``google_cloud_run_v2_job``; were not mapped) are private until an IAM
grant on the job names allUsers / allAuthenticatedUsers: then anyone may execute it
(``run.jobs.run``, "Invoke (execute) jobs executions"), GDCC-CMP-011 FAIL naming the grant. A
job has no endpoint, so no ingress setting narrows the grant."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

MAIN = """\
resource "google_cloud_run_v2_job" "open" {
  name     = "open"
  location = "asia-southeast1"
  template {
    template {
      containers { image = "us-docker.pkg.dev/cloudrun/container/job" }
    }
  }
}
resource "google_cloud_run_v2_job_iam_member" "everyone" {
  name     = google_cloud_run_v2_job.open.name
  location = google_cloud_run_v2_job.open.location
  role     = "roles/run.invoker"
  member   = "allUsers"
}
resource "google_cloud_run_v2_job" "private" {
  name     = "private"
  location = "asia-southeast1"
  template {
    template {
      containers { image = "us-docker.pkg.dev/cloudrun/container/job" }
    }
  }
}
resource "google_cloud_run_v2_job_iam_binding" "team" {
  name     = google_cloud_run_v2_job.private.name
  location = google_cloud_run_v2_job.private.location
  role     = "roles/run.invoker"
  members  = ["group:ops@agency.go.th"]
}
"""


def test_cloud_run_job_grants(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(MAIN, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-CMP-011",)))
    found = {f.address: (f.status, f.message.en) for f in result.findings}
    assert found == {
        "google_cloud_run_v2_job.open": (
            Status.FAIL,
            "anyone on the internet can access it (granted by roles/run.invoker to allUsers "
            f"by google_cloud_run_v2_job_iam_member.everyone at {tmp_path / 'main.tf'}:10)",
        ),
        "google_cloud_run_v2_job.private": (
            Status.PASS,
            "Functions cannot be invoked by anyone on the internet",
        ),
    }
