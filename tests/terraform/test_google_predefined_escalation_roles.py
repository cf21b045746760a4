"""Predefined Google roles that let the holder give itself any permission
(``roles/resourcemanager.projectIamAdmin``, ``roles/iam.serviceAccountTokenCreator``,
``roles/iam.serviceAccountUser``, ``roles/resourcemanager.organizationAdmin`` ...: they hold a
project, folder, organization or service account ``setIamPolicy``, or impersonate service
accounts; Google's role reference, cloud.google.com/iam/docs/roles-permissions). Granted to a
service account on a project, folder or organization, they were read as no administrator
grant (only owner, editor and securityAdmin were), so GDCC-GRAPH-006 on the account was
UNKNOWN "its permissions are not known". It now FAILs naming the role and its permissions,
as for a custom role holding them (test_google_custom_role_escalation.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

TF = """\
variable "parent" {
  type = string
}
resource "google_service_account" "app" {
  account_id = "app"
}
resource "GRANT" "g" {
  PARENT = var.parent
  role   = "ROLE"
  member = "serviceAccount:${google_service_account.app.email}"
}
"""

PARENTS = {
    "google_project_iam_member": "project",
    "google_folder_iam_member": "folder",
    "google_organization_iam_member": "org_id",
}


def _findings(tmp_path: Path, grant: str, role: str) -> dict[tuple[str, str], tuple[Status, str]]:
    main = TF.replace("GRANT", grant).replace("PARENT", PARENTS[grant]).replace("ROLE", role)
    (tmp_path / "main.tf").write_text(main, encoding="utf-8")
    rules = ("GDCC-GRAPH-006", "GDCC-IAM-005", "GDCC-IAM-007")
    report = audit([tmp_path], Settings(rule_ids=rules))
    return {(f.address, f.rule_id): (f.status, f.message.en) for f in report.findings}


@pytest.mark.parametrize(("grant", "role", "permissions"), [
    ("google_project_iam_member", "roles/resourcemanager.projectIamAdmin",
     "resourcemanager.projects.setIamPolicy"),
    ("google_project_iam_member", "roles/iam.serviceAccountUser", "iam.serviceAccounts.actAs"),
    ("google_project_iam_member", "roles/iam.serviceAccountTokenCreator",
     "iam.serviceAccounts.getAccessToken, iam.serviceAccounts.getOpenIdToken, "
     "iam.serviceAccounts.implicitDelegation, iam.serviceAccounts.signBlob, "
     "iam.serviceAccounts.signJwt"),
    ("google_project_iam_member", "roles/iam.serviceAccountKeyAdmin",
     "iam.serviceAccountKeys.create"),
    ("google_project_iam_member", "roles/iam.roleAdmin", "iam.roles.update"),
    ("google_folder_iam_member", "roles/resourcemanager.folderAdmin",
     "resourcemanager.folders.setIamPolicy"),
    ("google_organization_iam_member", "roles/resourcemanager.organizationAdmin",
     "resourcemanager.organizations.setIamPolicy, resourcemanager.folders.setIamPolicy, "
     "resourcemanager.projects.setIamPolicy"),
])
def test_an_escalation_role_makes_the_holder_an_administrator(
    tmp_path: Path, grant: str, role: str, permissions: str
) -> None:
    found = _findings(tmp_path, grant, role)
    assert found[("google_service_account.app", "GDCC-GRAPH-006")] == (
        Status.FAIL,
        f"a privilege escalation grant ({role}: {permissions}), which lets the holder give "
        "itself any permission, reaches all 2 google resources",
    )
    # not a wildcard, not a basic role
    assert found[(f"{grant}.g", "GDCC-IAM-005")][0] is Status.PASS
    assert found[(f"{grant}.g", "GDCC-IAM-007")][0] is Status.PASS


def test_a_harmless_predefined_role_leaves_it_unknown(tmp_path: Path) -> None:
    found = _findings(tmp_path, "google_project_iam_member", "roles/pubsub.viewer")
    status, message = found[("google_service_account.app", "GDCC-GRAPH-006")]
    assert status is Status.UNKNOWN
    assert "escalation" not in message
