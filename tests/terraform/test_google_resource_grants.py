"""A Google IAM grant on one resource (``google_storage_bucket_iam_member``, a Secret Manager
secret's ``_binding``, a topic's ``_policy`` through ``data "google_iam_policy"``, a KMS key's
grant, a BigQuery dataset's access entries) naming a service account of the scan gives that
account the grant's role there. The grant was merged into its resource with its members as
the resource's references: the graph walked from the bucket to the account, and the account
reached nothing (GDCC-GRAPH-006 UNKNOWN "permissions not known" on an account that may read
another system's data). Now the account reaches the resource (its data for a role that reads
or writes it), named with the grant and role (``granted_by``); the resource no longer reaches
the grant's members."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings
from iac_helpers import audit_keeping_graph, id_of

HEAD = """\
variable "project" {
  type = string
}
variable "role" {
  type = string
}
resource "google_service_account" "web" {
  account_id = "web"
}
resource "google_service_account" "admin" {
  account_id = "admin"
}
resource "google_project_iam_member" "admin" {
  project = var.project
  role    = "roles/owner"
  member  = "serviceAccount:${google_service_account.admin.email}"
}
"""

BUCKET = """\
resource "google_storage_bucket" "payroll" {
  name     = "payroll"
  location = "ASIA-SOUTHEAST1"
  labels   = { "gdcc-system" = "SYSTEM" }
}
resource "google_storage_bucket_iam_member" "g" {
  bucket = google_storage_bucket.payroll.name
  role   = ROLE
  member = "serviceAccount:${google_service_account.web.email}"
}
"""

SECRET = """\
resource "google_secret_manager_secret" "db" {
  secret_id = "db"
  labels    = { "gdcc-system" = "payroll" }
  replication {
    auto {}
  }
}
resource "google_secret_manager_secret_iam_binding" "readers" {
  secret_id = google_secret_manager_secret.db.id
  role      = "roles/secretmanager.secretAccessor"
  members = [
    "serviceAccount:web@my-project.iam.gserviceaccount.com",
    "serviceAccount:${google_service_account.admin.email}",
  ]
}
"""

TOPIC = """\
resource "google_pubsub_topic" "t" {
  name   = "t"
  labels = { "gdcc-system" = "payroll" }
}
data "google_iam_policy" "p" {
  binding {
    role    = "roles/pubsub.viewer"
    members = ["serviceAccount:${google_service_account.web.email}"]
  }
}
resource "google_pubsub_topic_iam_policy" "p" {
  topic       = google_pubsub_topic.t.name
  policy_data = data.google_iam_policy.p.policy_data
}
"""

DATASET = """\
resource "google_bigquery_dataset" "d" {
  dataset_id = "d"
  labels     = { "gdcc-system" = "hr" }
  access {
    role          = "OWNER"
    special_group = "projectOwners"
  }
  access {
    role          = "READER"
    user_by_email = google_service_account.web.email
  }
}
resource "google_bigquery_table" "t" {
  dataset_id = google_bigquery_dataset.d.dataset_id
  table_id   = "t"
  labels     = { "gdcc-system" = "hr" }
}
"""

DATASET_ACCESS = """\
resource "google_bigquery_dataset" "d" {
  dataset_id = "d"
  labels     = { "gdcc-system" = "hr" }
}
resource "google_bigquery_dataset_access" "a" {
  dataset_id    = google_bigquery_dataset.d.dataset_id
  role          = "WRITER"
  user_by_email = "web@my-project.iam.gserviceaccount.com"
}
"""

KEY = """\
resource "google_kms_crypto_key" "k" {
  name     = "k"
  key_ring = "projects/p/locations/l/keyRings/r"
  labels   = { "gdcc-system" = "keys" }
}
resource "google_kms_crypto_key_iam_member" "k" {
  crypto_key_id = google_kms_crypto_key.k.id
  role          = var.role
  member        = "serviceAccount:${google_service_account.web.email}"
}
"""


def _graph006(tmp_path: Path, text: str) -> dict[str, tuple[Status, str, dict[str, Any]]]:
    (tmp_path / "main.tf").write_text(HEAD + text, encoding="utf-8")
    report = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-006",)))
    return {f.address: (f.status, f.message.en, dict(f.evidence)) for f in report.findings}


def _at(tmp_path: Path, line: int) -> str:
    return f"{tmp_path / 'main.tf'}:{line}"


@pytest.mark.parametrize(("role", "data"), [
    ('"roles/storage.objectViewer"', True),
    ('"roles/storage.objectAdmin"', True),
    # it manages the bucket (its settings, not its objects): it still reaches the bucket
    ('"roles/storage.insightsCollectorService"', False),
])
def test_a_bucket_grant_reaches_another_systems_bucket(
    tmp_path: Path, role: str, data: bool
) -> None:
    found = _graph006(tmp_path, BUCKET.replace("SYSTEM", "payroll").replace("ROLE", role))
    status, message, evidence = found["google_service_account.web"]
    assert status is Status.FAIL
    assert message == "reaches resources of other systems: payroll"
    assert evidence["granted_by"] == [
        f"google_storage_bucket_iam_member.g at {_at(tmp_path, 23)} ({role.strip(chr(34))})"
    ]
    assert evidence.get("reaches_data") == (["google_storage_bucket.payroll"] if data else None)


def test_a_grant_on_a_bucket_of_its_own_system_changes_nothing(tmp_path: Path) -> None:
    # no system on either: the account's project roles are still not known
    found = _graph006(
        tmp_path, BUCKET.replace('  labels   = { "gdcc-system" = "SYSTEM" }\n', "").replace(
            "ROLE", '"roles/storage.objectViewer"'
        ),
    )
    status, message, evidence = found["google_service_account.web"]
    assert status is Status.UNKNOWN
    assert message == (
        "the permissions of google_service_account.web are not known from the input"
    )
    assert evidence["reaches_data"] == ["google_storage_bucket.payroll"]


def test_a_secret_shared_with_an_owner_account_is_not_acting_as_it(tmp_path: Path) -> None:
    # reading the secret goes on through what the secret holds: the other members of a grant
    # on it are not among them (web read as acting as the owner account: "all N resources")
    found = _graph006(tmp_path, SECRET)
    status, message, evidence = found["google_service_account.web"]
    assert status is Status.FAIL
    assert message == "reaches resources of other systems: payroll"
    assert evidence["reaches_data"] == ["google_secret_manager_secret.db"]
    assert "acts_as" not in evidence
    assert evidence["granted_by"] == [
        f"google_secret_manager_secret_iam_binding.readers at {_at(tmp_path, 25)} "
        "(roles/secretmanager.secretAccessor)"
    ]
    assert found["google_service_account.admin"][1] == (
        "a wildcard or administrator permission reaches all 4 google resources"
    )


def test_a_topic_policy_reaches_the_topic_not_its_data(tmp_path: Path) -> None:
    found = _graph006(tmp_path, TOPIC)
    status, message, evidence = found["google_service_account.web"]
    assert (status, message) == (Status.FAIL, "reaches resources of other systems: payroll")
    assert "reaches_data" not in evidence
    assert evidence["granted_by"] == [
        f"google_pubsub_topic_iam_policy.p at {_at(tmp_path, 28)} (roles/pubsub.viewer)"
    ]


def test_a_dataset_access_block_opens_the_dataset_and_its_tables(tmp_path: Path) -> None:
    found = _graph006(tmp_path, DATASET)
    status, message, evidence = found["google_service_account.web"]
    assert (status, message) == (Status.FAIL, "reaches resources of other systems: hr")
    assert evidence["reaches_data"] == [
        "google_bigquery_dataset.d", "google_bigquery_table.t",
    ]
    assert evidence["granted_by"] == [
        f"an access block of google_bigquery_dataset.d at {_at(tmp_path, 18)} (READER)"
    ]


def test_a_dataset_access_resource_by_literal_e_mail(tmp_path: Path) -> None:
    found = _graph006(tmp_path, DATASET_ACCESS)
    status, message, evidence = found["google_service_account.web"]
    assert (status, message) == (Status.FAIL, "reaches resources of other systems: hr")
    assert evidence["reaches_data"] == ["google_bigquery_dataset.d"]
    assert evidence["granted_by"] == [
        f"google_bigquery_dataset_access.a at {_at(tmp_path, 22)} (WRITER)"
    ]


def test_a_role_not_known_still_reaches_the_key(tmp_path: Path) -> None:
    found = _graph006(tmp_path, KEY)
    status, message, evidence = found["google_service_account.web"]
    assert (status, message) == (Status.FAIL, "reaches resources of other systems: keys")
    assert "reaches_data" not in evidence
    assert evidence["granted_by"] == [
        f"google_kms_crypto_key_iam_member.k at {_at(tmp_path, 23)} (a role not known)"
    ]


def test_the_resource_does_not_reach_the_members_of_its_grants(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "main.tf").write_text(HEAD + SECRET + DATASET, encoding="utf-8")
    _, graph = audit_keeping_graph(tmp_path, monkeypatch, Settings(rule_ids=("GDCC-GRAPH-006",)))
    for address in ("google_secret_manager_secret.db", "google_bigquery_dataset.d"):
        resource = graph.get(id_of(graph, address))
        assert resource is not None
        reached = [r.address for r in graph.references(resource)]
        assert not [a for a in reached if a and a.startswith("google_service_account.")]


def test_a_grant_whose_bucket_a_condition_chooses_is_a_step_not_known(tmp_path: Path) -> None:
    # the grant is on payroll's bucket or on the scratch bucket: no FAIL resting on it
    chosen = """\
variable "use_payroll" {
  type = bool
}
resource "google_storage_bucket" "payroll" {
  name     = "payroll"
  location = "ASIA-SOUTHEAST1"
  labels   = { "gdcc-system" = "payroll" }
}
resource "google_storage_bucket" "scratch" {
  name     = "scratch"
  location = "ASIA-SOUTHEAST1"
}
resource "google_storage_bucket_iam_member" "g" {
  bucket = (var.use_payroll ? google_storage_bucket.payroll.name
            : google_storage_bucket.scratch.name)
  role   = "roles/storage.objectViewer"
  member = "serviceAccount:${google_service_account.web.email}"
}
"""
    found = _graph006(tmp_path, chosen)
    status, message, evidence = found["google_service_account.web"]
    assert status is Status.UNKNOWN
    assert message == (
        "the permissions of google_service_account.web are not known from the input"
    )
    assert evidence["reaches_resources"] == 0
