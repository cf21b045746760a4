"""BigQuery datasets and tables readable by everyone FAIL "Storage is not publicly readable"
(GDCC-DATA-001), each way Google allows it: an inline ``access`` entry (``special_group =
"allAuthenticatedUsers"``, ``iam_member = "allUsers"``), ``google_bigquery_dataset_access``,
``google_bigquery_dataset_iam_member`` / ``_binding`` / ``_policy`` and
``google_bigquery_table_iam_*``; a table inherits its dataset's grants. The deciding grant is
named in the evidence (``granted_by``) and in the message. Other databases are not judged by
GDCC-DATA-001 (their network exposure is GDCC-NET-002)."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Finding, Status
from gdcc_audit.settings import Settings

MAIN = """\
resource "google_bigquery_dataset" "signed_in" {
  dataset_id = "signed_in"
  access {
    role          = "READER"
    special_group = "allAuthenticatedUsers"
  }
  access {
    role          = "OWNER"
    special_group = "projectOwners"
  }
}

resource "google_bigquery_dataset" "all_users" {
  dataset_id = "all_users"
  access {
    role       = "READER"
    iam_member = "allUsers"
  }
}

resource "google_bigquery_dataset" "private" {
  dataset_id = "private"
  access {
    role          = "READER"
    special_group = "projectReaders"
  }
  access {
    role           = "WRITER"
    group_by_email = "analysts@agency.go.th"
  }
}

resource "google_bigquery_table" "private" {
  dataset_id = google_bigquery_dataset.private.dataset_id
  table_id   = "private"
}

resource "google_bigquery_table" "in_signed_in" {
  dataset_id = google_bigquery_dataset.signed_in.dataset_id
  table_id   = "in_signed_in"
}

resource "google_bigquery_table" "elsewhere" {
  dataset_id = "not_in_this_scan"
  table_id   = "elsewhere"
}

resource "google_bigquery_dataset" "by_iam" {
  dataset_id = "by_iam"
}

resource "google_bigquery_dataset_iam_member" "by_iam" {
  dataset_id = google_bigquery_dataset.by_iam.dataset_id
  role       = "roles/bigquery.dataViewer"
  member     = "allUsers"
}

resource "google_bigquery_table" "under_iam" {
  dataset_id = google_bigquery_dataset.by_iam.dataset_id
  table_id   = "under_iam"
}

resource "google_bigquery_dataset" "by_access" {
  dataset_id = "by_access"
}

resource "google_bigquery_dataset_access" "by_access" {
  dataset_id    = google_bigquery_dataset.by_access.dataset_id
  role          = "READER"
  special_group = "allAuthenticatedUsers"
}

resource "google_bigquery_dataset" "by_literal_id" {
  dataset_id = "by_literal_id"
}

resource "google_bigquery_dataset_iam_binding" "by_literal_id" {
  dataset_id = "by_literal_id"
  role       = "roles/bigquery.dataViewer"
  members    = ["group:analysts@agency.go.th", "allAuthenticatedUsers"]
}

resource "google_bigquery_dataset" "policy_named" {
  dataset_id = "policy_named"
}

resource "google_bigquery_dataset_iam_policy" "policy_named" {
  dataset_id  = google_bigquery_dataset.policy_named.dataset_id
  policy_data = jsonencode({
    bindings = [{ role = "roles/bigquery.dataViewer", members = ["user:dpo@agency.go.th"] }]
  })
}

resource "google_bigquery_dataset" "table_grant" {
  dataset_id = "table_grant"
}

resource "google_bigquery_table" "table_grant" {
  dataset_id = google_bigquery_dataset.table_grant.dataset_id
  table_id   = "table_grant"
}

resource "google_bigquery_table_iam_member" "table_grant" {
  dataset_id = google_bigquery_table.table_grant.dataset_id
  table_id   = google_bigquery_table.table_grant.table_id
  role       = "roles/bigquery.dataViewer"
  member     = "allUsers"
}

variable "reader" {
  type = string
}

resource "google_bigquery_dataset" "reader_from_variable" {
  dataset_id = "reader_from_variable"
}

resource "google_bigquery_dataset_iam_member" "reader_from_variable" {
  dataset_id = google_bigquery_dataset.reader_from_variable.dataset_id
  role       = "roles/bigquery.dataViewer"
  member     = var.reader
}

resource "google_bigquery_dataset" "user_from_variable" {
  dataset_id = "user_from_variable"
}

resource "google_bigquery_dataset_iam_member" "user_from_variable" {
  dataset_id = google_bigquery_dataset.user_from_variable.dataset_id
  role       = "roles/bigquery.dataViewer"
  member     = "user:${var.reader}"
}

resource "aws_db_instance" "open_endpoint" {
  engine              = "postgres"
  instance_class      = "db.t3.micro"
  publicly_accessible = true
}
"""


def _line(address: str) -> int:
    """The line where ``address`` is declared in MAIN."""
    kind, name = address.split(".")
    return MAIN.splitlines().index(f'resource "{kind}" "{name}" {{') + 1


def _at(address: str, main: Path) -> str:
    """``ADDRESS at FILE:LINE`` as the evidence names a grant."""
    return f"{address} at {main}:{_line(address)}"


def _scan(tmp_path: Path) -> dict[str, Finding]:
    (tmp_path / "main.tf").write_text(MAIN)
    result = audit([tmp_path], Settings(rule_ids=("GDCC-DATA-001",)))
    return {f.address or "": f for f in result.findings}


def test_every_way_a_bigquery_dataset_or_table_becomes_public(tmp_path: Path) -> None:
    found = _scan(tmp_path)
    assert {address: f.status for address, f in found.items()} == {
        "google_bigquery_dataset.signed_in": Status.FAIL,
        "google_bigquery_dataset.all_users": Status.FAIL,
        "google_bigquery_dataset.private": Status.PASS,
        "google_bigquery_table.private": Status.PASS,
        "google_bigquery_table.in_signed_in": Status.FAIL,
        "google_bigquery_table.elsewhere": Status.UNKNOWN,
        "google_bigquery_dataset.by_iam": Status.FAIL,
        "google_bigquery_table.under_iam": Status.FAIL,
        "google_bigquery_dataset.by_access": Status.FAIL,
        "google_bigquery_dataset.by_literal_id": Status.FAIL,
        "google_bigquery_dataset.policy_named": Status.PASS,
        "google_bigquery_dataset.table_grant": Status.PASS,
        "google_bigquery_table.table_grant": Status.FAIL,
        "google_bigquery_dataset.reader_from_variable": Status.UNKNOWN,
        # an interpolated member whose written prefix names a kind of principal ("user:")
        # is that principal whatever the variable holds: never allUsers (was UNKNOWN); a
        # member written entirely from a variable stays UNKNOWN (reader_from_variable)
        "google_bigquery_dataset.user_from_variable": Status.PASS,
        "aws_db_instance.open_endpoint": Status.NOT_APPLICABLE,
    }


def test_the_deciding_grant_is_named(tmp_path: Path) -> None:
    found = _scan(tmp_path)
    main = tmp_path / "main.tf"
    dataset = _at("google_bigquery_dataset.signed_in", main)
    inline = f"READER to allAuthenticatedUsers by access block of {dataset}"
    assert found["google_bigquery_dataset.signed_in"].evidence == {
        "public_access": True,
        "data_classification": None,
        "granted_by": [inline],
    }
    assert found["google_bigquery_dataset.signed_in"].message is not None
    assert found["google_bigquery_dataset.signed_in"].message.en == (
        f"anyone on the internet can read this store: {inline}"
    )
    assert found["google_bigquery_dataset.signed_in"].message.th == (
        "บุคคลใดบนอินเทอร์เน็ตก็อ่านข้อมูลในที่จัดเก็บนี้ได้: READER ให้แก่ allAuthenticatedUsers "
        f"โดย access block ของ {dataset.replace(' at ', ' ที่ ')}"
    )
    # a table inherits its dataset's grants: the dataset's access entry decides
    assert found["google_bigquery_table.in_signed_in"].evidence["granted_by"] == [inline]
    by_iam = (
        "roles/bigquery.dataViewer to allUsers by "
        + _at("google_bigquery_dataset_iam_member.by_iam", main)
    )
    assert found["google_bigquery_dataset.by_iam"].evidence["granted_by"] == [by_iam]
    assert found["google_bigquery_table.under_iam"].evidence["granted_by"] == [by_iam]
    assert found["google_bigquery_dataset.by_access"].evidence["granted_by"] == [
        "READER to allAuthenticatedUsers by "
        + _at("google_bigquery_dataset_access.by_access", main)
    ]
    assert found["google_bigquery_dataset.by_literal_id"].evidence["granted_by"] == [
        "roles/bigquery.dataViewer to allAuthenticatedUsers by "
        f"{_at('google_bigquery_dataset_iam_binding.by_literal_id', main)}"
    ]
    assert found["google_bigquery_table.table_grant"].evidence["granted_by"] == [
        "roles/bigquery.dataViewer to allUsers by "
        + _at("google_bigquery_table_iam_member.table_grant", main)
    ]
    assert found["google_bigquery_dataset.private"].evidence == {"public_access": False}


def test_unknown_grants_say_why(tmp_path: Path) -> None:
    found = _scan(tmp_path)
    main = tmp_path / "main.tf"
    reader = found["google_bigquery_dataset.reader_from_variable"]
    assert reader.evidence == {
        "public_access": None,
        "granted_by": [
            "roles/bigquery.dataViewer to members not known by "
            f"{_at('google_bigquery_dataset_iam_member.reader_from_variable', main)}"
        ],
    }
    elsewhere = found["google_bigquery_table.elsewhere"]
    assert elsewhere.message is not None
    assert elsewhere.message.en == (
        "public access is not known: the table's dataset is not in the scan: its access "
        "entries and IAM grants, which the table inherits, are not known"
    )
    database = found["aws_db_instance.open_endpoint"]
    assert database.message is not None
    assert database.message.en == (
        "no grant that could open this database's data to everyone is read for its type (its "
        "network exposure is judged by GDCC-NET-002)"
    )


def test_bigquery_users_sign_in_through_iam(tmp_path: Path) -> None:
    """BigQuery has no database users of its own (IAM decides every access), so GDCC-DB-001
    "Databases authenticate users through the directory" PASSes on datasets and tables (it
    was UNKNOWN "whether IAM / directory authentication is on is not known")."""
    (tmp_path / "main.tf").write_text(MAIN)
    result = audit([tmp_path], Settings(rule_ids=("GDCC-DB-001",)))
    found = {
        f.address or "": f
        for f in result.findings
        if f.address != "aws_db_instance.open_endpoint"
    }
    assert found
    assert {f.status for f in found.values()} == {Status.PASS}
    assert {a.split(".")[0] for a in found} == {
        "google_bigquery_dataset",
        "google_bigquery_table",
    }
    dataset = found["google_bigquery_dataset.private"]
    assert dataset.message is not None
    assert dataset.message.en == (
        "Databases authenticate users through the directory (IAM / Entra ID)"
    )
    assert dataset.evidence == {"directory_auth": True}
