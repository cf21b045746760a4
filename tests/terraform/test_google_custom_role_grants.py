"""A Google IAM grant whose ``role`` is a custom role of the scan (``role =
google_project_iam_custom_role.consumer.id``, terraform-google-log-export's splunk-sink
example) was UNKNOWN on GDCC-IAM-005 and IAM-007: its id is known only after apply. A custom
role is no basic role, and it lists each permission by name: it is judged by its
``permissions``. A role that may be another value (a condition with an input) stays not
known."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

TF = """\
variable "project_id" {
  type = string
}
variable "own" {
  type = bool
}
variable "role" {
  type = string
}
resource "google_project_iam_custom_role" "consumer" {
  role_id     = "SplunkSink"
  title       = "Splunk Sink"
  permissions = ["pubsub.subscriptions.list", "resourcemanager.projects.get"]
}
resource "google_project_iam_member" "consumer" {
  project = var.project_id
  role    = google_project_iam_custom_role.consumer.id
  member  = "serviceAccount:sa@p.iam.gserviceaccount.com"
}
resource "google_project_iam_member" "chosen" {
  project = var.project_id
  role    = var.own ? google_project_iam_custom_role.consumer.id : var.role
  member  = "serviceAccount:sa@p.iam.gserviceaccount.com"
}
"""


def test_a_custom_role_of_the_scan_is_judged_by_its_permissions(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(TF, encoding="utf-8")
    report = audit([tmp_path], Settings(rule_ids=("GDCC-IAM-005", "GDCC-IAM-007")))
    found = {
        (f.address.removeprefix("google_project_iam_member."), f.rule_id): (f.status, f.message.en)
        for f in report.findings
    }
    assert found[("consumer", "GDCC-IAM-005")] == (
        Status.PASS, "Permission policies do not grant actions by wildcard"
    )
    assert found[("consumer", "GDCC-IAM-007")] == (
        Status.PASS, "No basic (owner / editor / viewer) roles are granted"
    )
    assert found[("chosen", "GDCC-IAM-005")][0] is Status.UNKNOWN
    assert found[("chosen", "GDCC-IAM-007")][0] is Status.UNKNOWN
