"""Google roles granted on ONE service account (``google_service_account_iam_member`` /
``_binding`` / ``_policy``): ``roles/iam.serviceAccountUser``, ``serviceAccountTokenCreator``,
``workloadIdentityUser``, ``serviceAccountKeyAdmin``, ``serviceAccountAdmin``, owner / editor
let the member act as that account, so it holds that account's project roles
(cloud.google.com/iam/docs/service-account-permissions). The graph read such a grant the
wrong way round: the account the grant is on "reached" its members (a wrong FAIL of
GDCC-GRAPH-006 on it when a member was an owner), and the member that may act as an owner
account was UNKNOWN. Also: the other members of a project binding were reached as if the
holder acted as them (a viewer binding naming an owner account made every member FAIL)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

HEAD = """\
variable "project" {
  type = string
}
variable "role" {
  type = string
}
resource "google_service_account" "deployer" {
  account_id = "deployer"
}
resource "google_service_account" "ci" {
  account_id = "ci"
}
resource "google_project_iam_member" "deployer" {
  project = var.project
  role    = "DEPLOYER_ROLE"
  member  = "serviceAccount:${google_service_account.deployer.email}"
}
resource "google_project_iam_member" "ci" {
  project = var.project
  role    = "CI_ROLE"
  member  = "serviceAccount:${google_service_account.ci.email}"
}
"""

MEMBER = """\
resource "google_service_account_iam_member" "g" {
  service_account_id = google_service_account.deployer.name
  role               = ROLE
  member             = "serviceAccount:${google_service_account.ci.email}"
}
"""

BINDING = """\
resource "google_service_account_iam_binding" "g" {
  service_account_id = google_service_account.deployer.name
  role               = ROLE
  members = [
    "user:ops@example.com",
    "serviceAccount:ci@my-project.iam.gserviceaccount.com",
  ]
}
"""

POLICY = """\
data "google_iam_policy" "p" {
  binding {
    role    = "roles/iam.serviceAccountViewer"
    members = ["user:ops@example.com"]
  }
  binding {
    role    = ROLE
    members = ["serviceAccount:${google_service_account.ci.email}"]
  }
}
resource "google_service_account_iam_policy" "g" {
  service_account_id = google_service_account.deployer.name
  policy_data        = data.google_iam_policy.p.policy_data
}
"""


def _graph006(
    tmp_path: Path, grant: str, role: str, deployer: str = "roles/owner",
    ci: str = "roles/storage.objectViewer",
) -> dict[str, tuple[Status, str, dict[str, Any]]]:
    main = HEAD.replace("DEPLOYER_ROLE", deployer).replace("CI_ROLE", ci)
    (tmp_path / "main.tf").write_text(main + grant.replace("ROLE", role), encoding="utf-8")
    report = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-006",)))
    return {
        f.address: (f.status, f.message.en, dict(f.evidence))
        for f in report.findings if f.rule_id == "GDCC-GRAPH-006"
    }


@pytest.mark.parametrize(("grant", "address", "line"), [
    (MEMBER, "google_service_account_iam_member.g", 23),
    (BINDING, "google_service_account_iam_binding.g", 23),
    (POLICY, "google_service_account_iam_policy.g", 33),
])
@pytest.mark.parametrize(("role", "permissions"), [
    ("roles/iam.serviceAccountUser", "iam.serviceAccounts.actAs"),
    ("roles/iam.serviceAccountTokenCreator",
     "iam.serviceAccounts.getAccessToken, iam.serviceAccounts.implicitDelegation, "
     "iam.serviceAccounts.signBlob, iam.serviceAccounts.signJwt"),
    ("roles/iam.workloadIdentityUser", "iam.serviceAccounts.getAccessToken"),
    ("roles/iam.serviceAccountKeyAdmin", "iam.serviceAccountKeys.create"),
    ("roles/iam.serviceAccountAdmin", "iam.serviceAccounts.setIamPolicy"),
    ("roles/editor", "iam.serviceAccounts.actAs, iam.serviceAccountKeys.create"),
])
def test_a_member_that_may_act_as_an_owner_account_fails(
    tmp_path: Path, grant: str, address: str, line: int, role: str, permissions: str
) -> None:
    found = _graph006(tmp_path, grant, f'"{role}"')
    status, message, evidence = found["google_service_account.ci"]
    named = (
        f"google_service_account.deployer ({role}: {permissions}, granted by {address} at "
        f"{tmp_path / 'main.tf'}:{line})"
    )
    assert status is Status.FAIL
    assert message == (
        "a wildcard or administrator permission reaches all 4 google resources; it may act as "
        + named
    )
    assert evidence["impersonates"] == [named]
    assert evidence["acts_as"] == ["google_service_account.deployer"]


def test_the_account_a_grant_is_on_does_not_reach_its_members(tmp_path: Path) -> None:
    # ci is the owner and may act as deployer: deployer does not act as ci
    found = _graph006(
        tmp_path, MEMBER, '"roles/iam.serviceAccountUser"',
        deployer="roles/storage.objectViewer", ci="roles/owner",
    )
    status, message, _ = found["google_service_account.deployer"]
    assert status is Status.UNKNOWN
    assert message == (
        "the permissions of google_service_account.deployer are not known from the input"
    )
    assert found["google_service_account.ci"][0] is Status.FAIL


def test_a_role_that_does_not_impersonate_is_no_step(tmp_path: Path) -> None:
    found = _graph006(tmp_path, MEMBER, '"roles/iam.serviceAccountViewer"')
    status, message, evidence = found["google_service_account.ci"]
    assert status is Status.UNKNOWN
    assert message == "the permissions of google_service_account.ci are not known from the input"
    assert "impersonates" not in evidence


def test_an_open_id_token_creator_does_not_act_as_the_account(tmp_path: Path) -> None:
    # an ID token proves the identity to a service; it carries none of the account's roles
    found = _graph006(tmp_path, MEMBER, '"roles/iam.serviceAccountOpenIdTokenCreator"')
    assert found["google_service_account.ci"][0] is Status.UNKNOWN
    assert "impersonates" not in found["google_service_account.ci"][2]


def test_a_role_not_known_may_act_as_it(tmp_path: Path) -> None:
    found = _graph006(tmp_path, MEMBER, "var.role")
    status, message, evidence = found["google_service_account.ci"]
    assert status is Status.UNKNOWN
    assert message == (
        "the permissions of google_service_account.ci are not known from the input; it may "
        "act as google_service_account.deployer (a role not known, granted by "
        f"google_service_account_iam_member.g at {tmp_path / 'main.tf'}:23)"
    )
    assert "acts_as" not in evidence


def test_a_custom_role_holding_act_as(tmp_path: Path) -> None:
    custom = """\
resource "google_project_iam_custom_role" "runner" {
  role_id     = "runner"
  title       = "Runner"
  permissions = ["run.services.create", "iam.serviceAccounts.actAs"]
}
"""
    found = _graph006(tmp_path, custom + MEMBER, "google_project_iam_custom_role.runner.id")
    status, message, _ = found["google_service_account.ci"]
    assert status is Status.FAIL
    assert message.endswith(
        "; it may act as google_service_account.deployer (google_project_iam_custom_role.runner:"
        " iam.serviceAccounts.actAs, granted by google_service_account_iam_member.g at "
        f"{tmp_path / 'main.tf'}:28)"
    )


def test_sharing_a_project_binding_is_not_acting_as_the_other_members(tmp_path: Path) -> None:
    shared = """\
resource "google_project_iam_binding" "viewers" {
  project = var.project
  role    = "roles/viewer"
  members = [
    "serviceAccount:${google_service_account.ci.email}",
    "serviceAccount:${google_service_account.deployer.email}",
  ]
}
"""
    found = _graph006(tmp_path, shared, "")
    status, message, _ = found["google_service_account.ci"]
    assert status is Status.UNKNOWN
    assert message == "the permissions of google_service_account.ci are not known from the input"
    assert found["google_service_account.deployer"][0] is Status.FAIL
