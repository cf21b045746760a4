"""Google service accounts (GDCC-IAM-008's idea for GCP: an identity anyone may take on).

A grant on a service account (``google_service_account_iam_member`` / ``_binding`` /
``_policy``) to ``allUsers`` / ``allAuthenticatedUsers``, or to a whole workload identity pool
whose GitHub provider has no ``attribute_condition`` (any repository), lets anyone act as the
account: FAIL, naming the grant. Its permissions are granted elsewhere (project, folder and
resource IAM policies), so GDCC-GRAPH-006 never PASSes "reaches 0 resources" for it: UNKNOWN,
or FAIL when a basic role of the scan reaches it. An IAM member whose written prefix names a
principal (``serviceAccount:${google_service_account.x.email}``) is not everyone (was
UNKNOWN: the e-mail is computed)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

MAIN = """\
variable "member" {
  type = string
}

resource "google_service_account" "token_to_all" {
  account_id = "token-to-all"
}

resource "google_service_account_iam_member" "token_to_all" {
  service_account_id = google_service_account.token_to_all.name
  role               = "roles/iam.serviceAccountTokenCreator"
  member             = "allUsers"
}

resource "google_service_account" "by_literal_id" {
  account_id = "by-literal-id"
}

resource "google_service_account_iam_binding" "by_literal_id" {
  service_account_id = "projects/p/serviceAccounts/by-literal-id@p.iam.gserviceaccount.com"
  role               = "roles/iam.serviceAccountUser"
  members            = ["allAuthenticatedUsers", "user:ops@example.org"]
}

resource "google_service_account_iam_member" "not_in_scan" {
  service_account_id = "projects/p/serviceAccounts/elsewhere@p.iam.gserviceaccount.com"
  role               = "roles/iam.serviceAccountTokenCreator"
  member             = "allAuthenticatedUsers"
}

resource "google_service_account" "used_by_another" {
  account_id = "used-by-another"
}

resource "google_service_account" "caller" {
  account_id = "caller"
}

resource "google_service_account_iam_member" "used_by_another" {
  service_account_id = google_service_account.used_by_another.name
  role               = "roles/iam.serviceAccountTokenCreator"
  member             = "serviceAccount:${google_service_account.caller.email}"
}

resource "google_service_account" "member_from_variable" {
  account_id = "member-from-variable"
}

resource "google_service_account_iam_member" "member_from_variable" {
  service_account_id = google_service_account.member_from_variable.name
  role               = "roles/iam.serviceAccountUser"
  member             = var.member
}

resource "google_project_iam_member" "caller_editor" {
  project = "p"
  role    = "roles/editor"
  member  = "serviceAccount:${google_service_account.caller.email}"
}

resource "google_iam_workload_identity_pool" "open" {
  workload_identity_pool_id = "open"
}

locals {
  open_pool = google_iam_workload_identity_pool.open.workload_identity_pool_id
}

resource "google_iam_workload_identity_pool_provider" "open" {
  workload_identity_pool_id          = local.open_pool
  workload_identity_pool_provider_id = "github"
  attribute_mapping = {
    "google.subject"       = "assertion.sub"
    "attribute.repository" = "assertion.repository"
  }
  oidc {
    issuer_uri = "https://token.actions.githubusercontent.com"
  }
}

resource "google_iam_workload_identity_pool" "owned" {
  workload_identity_pool_id = "owned"
}

resource "google_iam_workload_identity_pool_provider" "owned" {
  workload_identity_pool_id          = "owned"
  workload_identity_pool_provider_id = "github"
  attribute_condition                = "assertion.repository_owner == 'agency'"
  attribute_mapping = {
    "google.subject" = "assertion.sub"
  }
  oidc {
    issuer_uri = "https://token.actions.githubusercontent.com"
  }
}

resource "google_service_account" "any_repository" {
  account_id = "any-repository"
}

resource "google_service_account_iam_member" "any_repository" {
  service_account_id = google_service_account.any_repository.name
  role               = "roles/iam.workloadIdentityUser"
  member             = "principalSet://iam.googleapis.com/${google_iam_workload_identity_pool.open.name}/*"
}

resource "google_service_account" "one_repository" {
  account_id = "one-repository"
}

resource "google_service_account_iam_member" "one_repository" {
  service_account_id = google_service_account.one_repository.name
  role               = "roles/iam.workloadIdentityUser"
  member             = "principalSet://iam.googleapis.com/${google_iam_workload_identity_pool.open.name}/attribute.repository/agency/app"
}

resource "google_service_account" "owner_condition" {
  account_id = "owner-condition"
}

resource "google_service_account_iam_binding" "owner_condition" {
  service_account_id = google_service_account.owner_condition.name
  role               = "roles/iam.workloadIdentityUser"
  members = [
    "principalSet://iam.googleapis.com/projects/1/locations/global/workloadIdentityPools/owned/*",
  ]
}

resource "google_service_account" "pool_elsewhere" {
  account_id = "pool-elsewhere"
}

resource "google_service_account_iam_member" "pool_elsewhere" {
  service_account_id = google_service_account.pool_elsewhere.name
  role               = "roles/iam.workloadIdentityUser"
  member             = "principalSet://iam.googleapis.com/projects/1/locations/global/workloadIdentityPools/other/*"
}

resource "google_storage_bucket" "shared_with_account" {
  name                        = "shared-with-account"
  location                    = "asia-southeast1"
  uniform_bucket_level_access = true
}

resource "google_storage_bucket_iam_member" "shared_with_account" {
  bucket = google_storage_bucket.shared_with_account.name
  role   = "roles/storage.objectViewer"
  member = "serviceAccount:${google_service_account.caller.email}"
}
"""

_NO = ("Roles cannot be assumed by anyone", {"public_access": False})


def _open(grant: str, address: str, line: int) -> tuple[str, dict[str, Any]]:
    by = f"{grant} by {address} at ./main.tf:{line}"
    return (
        f"anyone can assume this role (granted by {by})",
        {"public_access": True, "granted_by": [by]},
    )


#: address -> (status, message, evidence) of GDCC-IAM-008
IAM_008: dict[str, tuple[Status, str, dict[str, Any]]] = {
    "google_service_account.token_to_all": (
        Status.FAIL,
        *_open(
            "roles/iam.serviceAccountTokenCreator to allUsers",
            "google_service_account_iam_member.token_to_all",
            9,
        ),
    ),
    "google_service_account.by_literal_id": (
        Status.FAIL,
        *_open(
            "roles/iam.serviceAccountUser to allAuthenticatedUsers",
            "google_service_account_iam_binding.by_literal_id",
            19,
        ),
    ),
    # a grant on an account outside the scan is judged as that account
    "google_service_account_iam_member.not_in_scan": (
        Status.FAIL,
        *_open(
            "roles/iam.serviceAccountTokenCreator to allAuthenticatedUsers",
            "google_service_account_iam_member.not_in_scan",
            25,
        ),
    ),
    "google_service_account.used_by_another": (Status.PASS, *_NO),
    "google_service_account.caller": (Status.PASS, *_NO),
    "google_service_account.member_from_variable": (
        Status.UNKNOWN,
        "who may assume this role is not known (granted by roles/iam.serviceAccountUser to "
        "members not known by google_service_account_iam_member.member_from_variable at "
        "./main.tf:49)",
        {
            "public_access": None,
            "granted_by": [
                "roles/iam.serviceAccountUser to members not known by "
                "google_service_account_iam_member.member_from_variable at ./main.tf:49"
            ],
        },
    ),
    "google_service_account.any_repository": (
        Status.FAIL,
        *_open(
            "roles/iam.workloadIdentityUser to every identity of a workload identity pool: "
            "its GitHub provider google_iam_workload_identity_pool_provider.open has no "
            "attribute_condition (any repository)",
            "google_service_account_iam_member.any_repository",
            101,
        ),
    ),
    "google_service_account.one_repository": (Status.PASS, *_NO),
    "google_service_account.owner_condition": (Status.PASS, *_NO),
    "google_service_account.pool_elsewhere": (
        Status.UNKNOWN,
        "who may assume this role is not known (granted by roles/iam.workloadIdentityUser to "
        "every identity of a workload identity pool whose providers are not in the scan by "
        "google_service_account_iam_member.pool_elsewhere at ./main.tf:133)",
        {
            "public_access": None,
            "granted_by": [
                "roles/iam.workloadIdentityUser to every identity of a workload identity pool "
                "whose providers are not in the scan by "
                "google_service_account_iam_member.pool_elsewhere at ./main.tf:133"
            ],
        },
    ),
}


@pytest.fixture(scope="module")
def findings(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Any]:
    root = tmp_path_factory.mktemp("gsa")
    (root / "main.tf").write_text(MAIN, encoding="utf-8")
    rules = ("GDCC-IAM-008", "GDCC-GRAPH-006", "GDCC-DATA-001")
    here = Path.cwd()
    os.chdir(root)  # a relative scan path: findings name main.tf
    try:
        result = audit([Path(".")], Settings(rule_ids=rules))
    finally:
        os.chdir(here)
    return {(f.address, f.rule_id): f for f in result.findings}


@pytest.mark.parametrize("address", sorted(IAM_008))
def test_who_may_impersonate_a_service_account(
    findings: dict[tuple[str, str], Any], address: str
) -> None:
    status, message, evidence = IAM_008[address]
    found = findings[(address, "GDCC-IAM-008")]
    assert (found.status, found.message.en) == (status, message)
    assert {key: found.evidence.get(key) for key in evidence} == evidence


def test_every_service_account_is_judged(findings: dict[tuple[str, str], Any]) -> None:
    judged = {address for address, rule in findings if rule == "GDCC-IAM-008"}
    assert judged == set(IAM_008)


def test_a_service_account_never_passes_on_permissions_not_read(
    findings: dict[tuple[str, str], Any],
) -> None:
    """Its roles are granted elsewhere: UNKNOWN naming it, never PASS "reaches 0"; a basic
    role of the scan that reaches it FAILs."""
    alone = findings[("google_service_account.token_to_all", "GDCC-GRAPH-006")]
    assert (alone.status, alone.message.en) == (
        Status.UNKNOWN,
        "the permissions of google_service_account.token_to_all are not known from the input",
    )
    assert alone.evidence["permissions_not_known"] == ["google_service_account.token_to_all"]
    editor = findings[("google_service_account.caller", "GDCC-GRAPH-006")]
    assert editor.status is Status.FAIL
    assert editor.message.en.startswith("a wildcard or administrator permission reaches all ")
    statuses = {f.status for (a, rule), f in findings.items() if rule == "GDCC-GRAPH-006"}
    assert Status.PASS not in statuses


def test_a_member_written_as_a_service_account_is_not_everyone(
    findings: dict[tuple[str, str], Any],
) -> None:
    found = findings[("google_storage_bucket.shared_with_account", "GDCC-DATA-001")]
    assert (found.status, found.evidence) == (Status.PASS, {"public_access": False})


def test_pool_provider_with_a_condition_not_known_is_not_decided(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "main.tf").write_text(
        """\
variable "condition" {
  type = string
}

resource "google_iam_workload_identity_pool" "p" {
  workload_identity_pool_id = "p"
}

resource "google_iam_workload_identity_pool_provider" "p" {
  workload_identity_pool_id          = google_iam_workload_identity_pool.p.workload_identity_pool_id
  workload_identity_pool_provider_id = "github"
  attribute_condition                = var.condition
  oidc {
    issuer_uri = "https://token.actions.githubusercontent.com"
  }
}

resource "google_service_account" "sa" {
  account_id = "sa"
}

resource "google_service_account_iam_member" "sa" {
  service_account_id = google_service_account.sa.name
  role               = "roles/iam.workloadIdentityUser"
  member             = "principalSet://iam.googleapis.com/${google_iam_workload_identity_pool.p.name}/*"
}
""",
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    result = audit([Path(".")], Settings(rule_ids=("GDCC-IAM-008",)))
    (found,) = result.findings
    assert (found.address, found.status) == ("google_service_account.sa", Status.UNKNOWN)
    assert found.evidence["granted_by"] == [
        "roles/iam.workloadIdentityUser to every identity of a workload identity pool: the "
        "attribute_condition of its GitHub provider google_iam_workload_identity_pool_provider.p "
        "is not known by google_service_account_iam_member.sa at ./main.tf:22"
    ]
