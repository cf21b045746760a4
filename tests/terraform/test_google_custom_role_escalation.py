"""A Google custom role of the scan whose ``permissions`` let the holder give itself any
permission (``resourcemanager.projects.setIamPolicy``, ``iam.serviceAccounts.actAs``,
``iam.roles.update``...) made no rule FAIL: its grant's ``admin_privileges`` stayed not
known, so GDCC-GRAPH-006 on the service account holding it was UNKNOWN ("its permissions
are not known"). It now FAILs, naming the role and the permission; a custom role with
harmless or unknown permissions leaves it UNKNOWN (the account's other grants may be
outside the scan). GDCC-IAM-005 (wildcards) and IAM-007 (basic roles) do not change."""

from __future__ import annotations

from pathlib import Path

import pytest

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

TF = """\
variable "project_id" {
  type = string
}
variable "permissions" {
  type = list(string)
}
resource "google_service_account" "app" {
  account_id = "app"
}
resource "google_project_iam_custom_role" "r" {
  role_id     = "Custom"
  title       = "Custom"
  permissions = PERMISSIONS
}
resource "google_project_iam_member" "g" {
  project = var.project_id
  role    = google_project_iam_custom_role.r.id
  member  = "serviceAccount:${google_service_account.app.email}"
}
"""


def _findings(tmp_path: Path, permissions: str) -> dict[tuple[str, str], tuple[Status, str]]:
    (tmp_path / "main.tf").write_text(TF.replace("PERMISSIONS", permissions), encoding="utf-8")
    rules = ("GDCC-GRAPH-006", "GDCC-IAM-005", "GDCC-IAM-007")
    report = audit([tmp_path], Settings(rule_ids=rules))
    return {(f.address, f.rule_id): (f.status, f.message.en) for f in report.findings}


@pytest.mark.parametrize("permission", [
    "resourcemanager.projects.setIamPolicy",
    "iam.serviceAccounts.actAs",
    "iam.serviceAccounts.getAccessToken",
    "iam.roles.update",
])
def test_an_escalation_permission_makes_the_holder_an_administrator(
    tmp_path: Path, permission: str
) -> None:
    found = _findings(tmp_path, f'["resourcemanager.projects.get", "{permission}"]')
    assert found[("google_service_account.app", "GDCC-GRAPH-006")] == (
        Status.FAIL,
        f"a privilege escalation grant (google_project_iam_custom_role.r: {permission}), "
        "which lets the holder give itself any permission, reaches all 2 google resources",
    )
    # not a wildcard, not a basic role
    assert found[("google_project_iam_member.g", "GDCC-IAM-005")][0] is Status.PASS
    assert found[("google_project_iam_member.g", "GDCC-IAM-007")][0] is Status.PASS


@pytest.mark.parametrize("permissions", [
    '["resourcemanager.projects.get", "pubsub.subscriptions.list"]',
    "var.permissions",
])
def test_other_or_unknown_permissions_leave_it_unknown(tmp_path: Path, permissions: str) -> None:
    found = _findings(tmp_path, permissions)
    status, message = found[("google_service_account.app", "GDCC-GRAPH-006")]
    assert status is Status.UNKNOWN
    assert "escalation" not in message
