"""Bigtable and Spanner data opened to everyone by IAM (GDCC-DATA-001): a grant to
``allUsers`` / ``allAuthenticatedUsers`` on a Spanner database, on its instance (which
reaches every database in it), on a Bigtable instance or on one of its tables (part of the
instance's data). The deciding grant is named in ``evidence.granted_by``; a member from a
variable is UNKNOWN; a grant whose database or instance is not in the scan is not judged on
its own (as for BigQuery), it is listed among the companions whose target was not found."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Finding, Status
from gdcc_audit.normalize.interface import MapContext
from gdcc_audit.normalize.terraform import TerraformMapper
from gdcc_audit.settings import Settings

from .helpers import load

MAIN = """\
variable "reader" {
  type = string
}

resource "google_spanner_instance" "main" {
  name         = "main"
  config       = "regional-asia-southeast1"
  display_name = "main"
}

resource "google_spanner_database" "by_reference" {
  instance = google_spanner_instance.main.name
  name     = "by_reference"
}

resource "google_spanner_database" "by_name" {
  instance = "main"
  name     = "by_name"
}

resource "google_spanner_instance_iam_binding" "main" {
  instance = google_spanner_instance.main.name
  role     = "roles/spanner.databaseReader"
  members  = ["allAuthenticatedUsers"]
}

resource "google_spanner_database" "own_grant" {
  instance = "other"
  name     = "own_grant"
}

resource "google_spanner_database_iam_member" "own_grant" {
  instance = google_spanner_database.own_grant.instance
  database = google_spanner_database.own_grant.name
  role     = "roles/spanner.databaseReader"
  member   = "allUsers"
}

resource "google_spanner_database" "private" {
  instance = "other"
  name     = "private"
}

resource "google_spanner_database_iam_policy" "private" {
  instance = "other"
  database = "private"
  policy_data = jsonencode({
    bindings = [{ role = "roles/spanner.databaseUser", members = ["group:app@agency.go.th"] }]
  })
}

resource "google_spanner_database_iam_member" "alone" {
  instance = "not-in-this-scan"
  database = "gone"
  role     = "roles/spanner.databaseReader"
  member   = "allUsers"
}

resource "google_bigtable_instance" "events" {
  name = "events"
  cluster {
    cluster_id = "events-c1"
    zone       = "asia-southeast1-a"
  }
}

resource "google_bigtable_table" "clicks" {
  name          = "clicks"
  instance_name = google_bigtable_instance.events.name
}

resource "google_bigtable_table_iam_policy" "clicks" {
  instance_name = google_bigtable_instance.events.name
  table         = google_bigtable_table.clicks.name
  policy_data = jsonencode({
    bindings = [{ role = "roles/bigtable.reader", members = ["allUsers"] }]
  })
}

resource "google_bigtable_instance" "metrics" {
  name = "metrics"
  cluster {
    cluster_id = "metrics-c1"
    zone       = "asia-southeast1-a"
  }
}

resource "google_bigtable_instance_iam_member" "metrics" {
  instance = google_bigtable_instance.metrics.name
  role     = "roles/bigtable.reader"
  member   = var.reader
}

resource "google_bigtable_instance" "private" {
  name = "private"
  cluster {
    cluster_id = "private-c1"
    zone       = "asia-southeast1-a"
  }
}

resource "google_bigtable_instance_iam_binding" "private" {
  instance = "private"
  role     = "roles/bigtable.user"
  members  = ["serviceAccount:app@p.iam.gserviceaccount.com"]
}

resource "google_bigtable_instance_iam_member" "alone" {
  instance = "not-in-this-scan"
  role     = "roles/bigtable.reader"
  member   = "allAuthenticatedUsers"
}
"""


def _line(address: str) -> int:
    kind, name = address.split(".")
    return MAIN.splitlines().index(f'resource "{kind}" "{name}" {{') + 1


def _by(grant: str, address: str, main: Path) -> str:
    return f"{grant} by {address} at {main}:{_line(address)}"


def _scan(tmp_path: Path) -> dict[str, Finding]:
    (tmp_path / "main.tf").write_text(MAIN)
    result = audit([tmp_path], Settings(rule_ids=("GDCC-DATA-001",)))
    return {f.address or "": f for f in result.findings}


def test_bigtable_and_spanner_opened_by_iam_fail(tmp_path: Path) -> None:
    found = _scan(tmp_path)
    assert {address: f.status for address, f in found.items()} == {
        "google_spanner_database.by_reference": Status.FAIL,
        "google_spanner_database.by_name": Status.FAIL,
        "google_spanner_database.own_grant": Status.FAIL,
        "google_spanner_database.private": Status.PASS,
        "google_bigtable_instance.events": Status.FAIL,
        "google_bigtable_instance.metrics": Status.UNKNOWN,
        "google_bigtable_instance.private": Status.PASS,
    }


def test_the_deciding_grant_is_named(tmp_path: Path) -> None:
    found = _scan(tmp_path)
    main = tmp_path / "main.tf"
    instance = _by(
        "roles/spanner.databaseReader to allAuthenticatedUsers",
        "google_spanner_instance_iam_binding.main",
        main,
    )
    # the instance's grant reaches each database of it, by reference or by its name
    for address in ("google_spanner_database.by_reference", "google_spanner_database.by_name"):
        assert found[address].evidence == {
            "public_access": True,
            "data_classification": None,
            "granted_by": [instance],
        }
    assert found["google_spanner_database.own_grant"].evidence["granted_by"] == [
        _by(
            "roles/spanner.databaseReader to allUsers",
            "google_spanner_database_iam_member.own_grant",
            main,
        )
    ]
    assert found["google_spanner_database.private"].evidence == {"public_access": False}
    # a table is part of its instance: the table's grant opens the instance's data
    events = found["google_bigtable_instance.events"]
    table = _by(
        "roles/bigtable.reader to allUsers", "google_bigtable_table_iam_policy.clicks", main
    )
    assert events.evidence["granted_by"] == [table]
    assert events.message is not None
    assert events.message.en == f"anyone on the internet can read this store: {table}"
    assert found["google_bigtable_instance.metrics"].evidence == {
        "public_access": None,
        "granted_by": [
            _by(
                "roles/bigtable.reader to members not known",
                "google_bigtable_instance_iam_member.metrics",
                main,
            )
        ],
    }


def test_grants_on_databases_outside_the_scan_are_listed_not_judged(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(MAIN)
    documents, _ = load(tmp_path)
    (document,) = documents
    list(TerraformMapper().map(document, MapContext(Settings(), base=str(tmp_path))))
    assert document.meta["terraform_unresolved_companions"] == [
        "google_bigtable_instance_iam_member.alone",
        "google_spanner_database_iam_member.alone",
    ]


def test_iam_and_tls_only(tmp_path: Path) -> None:
    """Spanner and Bigtable have no database users of their own (IAM decides every access)
    and are reached through their Cloud APIs, which accept TLS only: GDCC-DB-001 and
    GDCC-ENC-004 PASS (both were UNKNOWN); BigQuery's ENC-004 too."""
    (tmp_path / "main.tf").write_text(
        MAIN + 'resource "google_bigquery_dataset" "d" {\n  dataset_id = "d"\n}\n'
    )
    result = audit([tmp_path], Settings(rule_ids=("GDCC-DB-001", "GDCC-ENC-004")))
    kinds = {
        (f.rule_id, (f.address or "").split(".")[0], f.status)
        for f in result.findings
        if f.resource_kind == "database.instance"
    }
    assert kinds == {
        (rule, kind, Status.PASS)
        for rule in ("GDCC-DB-001", "GDCC-ENC-004")
        for kind in ("google_spanner_database", "google_bigtable_instance",
                     "google_bigquery_dataset")
    }
