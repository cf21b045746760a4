"""A Cloud Storage ACL entry naming a service account
(``entity = "user-SA@P.iam.gserviceaccount.com"``, ``role_entity = ["READER:user-..."]``)
gives that account the entry's role on the bucket or its objects
(cloud.google.com/storage/docs/access-control/lists#scopes). The ACL was merged into
its bucket and read only for entries to everyone: the account reached nothing (GDCC-GRAPH-006
UNKNOWN "permissions not known" on an account that may read another system's bucket), and the
bucket "reached" the account. Now the account reaches the bucket (its data for a bucket
WRITER / OWNER and for an object or default-object entry), named with the ACL and role; a
bucket with uniform bucket-level access ignores ACLs. Entities whose known head names a user,
group, domain or project team (``user-${var.x}``) are not everyone: not "members not known"."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings
from iac_helpers import audit_keeping_graph, id_of

HEAD = """\
variable "who" {
  type = string
}
resource "google_service_account" "web" {
  account_id = "web"
}
resource "google_storage_bucket" "payroll" {
  name     = "payroll"
  location = "ASIA-SOUTHEAST1"
  labels   = { "gdcc-system" = "payroll" }
  UBLA
}
"""

ENTITY = """\
resource "KIND" "acl" {
  bucket = google_storage_bucket.payroll.name
  role   = "ROLE"
  entity = "user-${google_service_account.web.email}"
}
"""

ROLE_ENTITY = """\
resource "KIND" "acl" {
  bucket      = google_storage_bucket.payroll.name
  role_entity = ["OWNER:project-owners-123", "ROLE:user-web@my-project.iam.gserviceaccount.com"]
}
"""


def _write(tmp_path: Path, text: str, ubla: str = "") -> None:
    (tmp_path / "main.tf").write_text(HEAD.replace("UBLA", ubla) + text, encoding="utf-8")


def _findings(tmp_path: Path, rule: str) -> dict[str, tuple[Status, str, dict[str, Any]]]:
    report = audit([tmp_path], Settings(rule_ids=(rule,)))
    return {f.address: (f.status, f.message.en, dict(f.evidence)) for f in report.findings}


def _at(tmp_path: Path, line: int) -> str:
    return f"{tmp_path / 'main.tf'}:{line}"


@pytest.mark.parametrize(("kind", "role", "data"), [
    # a bucket READER lists the objects and reads the bucket's metadata, not object data
    ("google_storage_bucket_access_control", "READER", False),
    ("google_storage_bucket_access_control", "WRITER", True),
    ("google_storage_bucket_access_control", "OWNER", True),
    ("google_storage_default_object_access_control", "READER", True),
    ("google_storage_object_access_control", "READER", True),
])
def test_an_acl_entity_naming_an_account_reaches_the_bucket(
    tmp_path: Path, kind: str, role: str, data: bool
) -> None:
    text = ENTITY.replace("KIND", kind).replace("ROLE", role)
    if kind == "google_storage_object_access_control":
        text = text.replace("  role ", '  object = "report.csv"\n  role ')
    _write(tmp_path, text)
    status, message, evidence = _findings(tmp_path, "GDCC-GRAPH-006")["google_service_account.web"]
    assert (status, message) == (Status.FAIL, "reaches resources of other systems: payroll")
    assert evidence["granted_by"] == [f"{kind}.acl at {_at(tmp_path, 13)} ({role})"]
    assert evidence.get("reaches_data") == (["google_storage_bucket.payroll"] if data else None)


@pytest.mark.parametrize(("kind", "role", "data"), [
    ("google_storage_bucket_acl", "READER", False),
    ("google_storage_bucket_acl", "WRITER", True),
    ("google_storage_default_object_acl", "READER", True),
    ("google_storage_object_acl", "OWNER", True),
])
def test_a_role_entity_naming_an_account_by_e_mail_reaches_the_bucket(
    tmp_path: Path, kind: str, role: str, data: bool
) -> None:
    text = ROLE_ENTITY.replace("KIND", kind).replace("ROLE", role)
    if kind == "google_storage_object_acl":
        text = text.replace("  role_entity", '  object      = "report.csv"\n  role_entity')
    _write(tmp_path, text)
    status, message, evidence = _findings(tmp_path, "GDCC-GRAPH-006")["google_service_account.web"]
    assert (status, message) == (Status.FAIL, "reaches resources of other systems: payroll")
    assert evidence["granted_by"] == [f"{kind}.acl at {_at(tmp_path, 13)} ({role})"]
    assert evidence.get("reaches_data") == (["google_storage_bucket.payroll"] if data else None)


def test_uniform_bucket_level_access_disables_the_acl(tmp_path: Path) -> None:
    _write(
        tmp_path,
        ENTITY.replace("KIND", "google_storage_bucket_access_control").replace("ROLE", "OWNER"),
        ubla="uniform_bucket_level_access = true",
    )
    status, message, evidence = _findings(tmp_path, "GDCC-GRAPH-006")["google_service_account.web"]
    assert status is Status.UNKNOWN
    assert message == (
        "the permissions of google_service_account.web are not known from the input"
    )
    assert evidence["reaches_resources"] == 0


def test_uniform_access_not_known_is_a_step_not_known(tmp_path: Path) -> None:
    _write(
        tmp_path,
        ENTITY.replace("KIND", "google_storage_bucket_access_control").replace("ROLE", "OWNER"),
        ubla="uniform_bucket_level_access = var.who == \"\"",
    )
    status, _, evidence = _findings(tmp_path, "GDCC-GRAPH-006")["google_service_account.web"]
    assert status is Status.UNKNOWN
    assert evidence["reaches_resources"] == 0


def test_the_bucket_does_not_reach_the_acl_s_account(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _write(
        tmp_path,
        ENTITY.replace("KIND", "google_storage_bucket_access_control").replace("ROLE", "OWNER"),
    )
    _, graph = audit_keeping_graph(tmp_path, monkeypatch, Settings(rule_ids=("GDCC-GRAPH-006",)))
    bucket = graph.get(id_of(graph, "google_storage_bucket.payroll"))
    assert bucket is not None
    assert "google_service_account.web" not in [r.address for r in graph.references(bucket)]


@pytest.mark.parametrize("entity", [
    "user-${var.who}", "group-${var.who}", "domain-${var.who}", "project-viewers-${var.who}",
])
def test_an_entity_whose_head_names_a_principal_is_not_everyone(
    tmp_path: Path, entity: str
) -> None:
    text = ENTITY.replace("KIND", "google_storage_bucket_access_control").replace(
        "ROLE", "READER"
    ).replace("user-${google_service_account.web.email}", entity)
    _write(tmp_path, text)
    status, message, _ = _findings(tmp_path, "GDCC-DATA-001")["google_storage_bucket.payroll"]
    assert status is Status.PASS, message


def test_an_entity_not_known_at_all_stays_unknown(tmp_path: Path) -> None:
    text = ENTITY.replace("KIND", "google_storage_bucket_access_control").replace(
        "ROLE", "READER"
    ).replace("user-${google_service_account.web.email}", "${var.who}")
    _write(tmp_path, text)
    status, _, _ = _findings(tmp_path, "GDCC-DATA-001")["google_storage_bucket.payroll"]
    assert status is Status.UNKNOWN


def test_a_role_entity_item_by_reference_keeps_its_role(tmp_path: Path) -> None:
    text = ROLE_ENTITY.replace("KIND", "google_storage_bucket_acl").replace(
        "ROLE:user-web@my-project.iam.gserviceaccount.com",
        "WRITER:user-${google_service_account.web.email}",
    )
    _write(tmp_path, text)
    status, message, evidence = _findings(tmp_path, "GDCC-GRAPH-006")["google_service_account.web"]
    assert (status, message) == (Status.FAIL, "reaches resources of other systems: payroll")
    assert evidence["granted_by"] == [
        f"google_storage_bucket_acl.acl at {_at(tmp_path, 13)} (WRITER)"
    ]
    assert evidence["reaches_data"] == ["google_storage_bucket.payroll"]
    status, message, _ = _findings(tmp_path, "GDCC-DATA-001")["google_storage_bucket.payroll"]
    assert status is Status.PASS, message


def test_two_user_entities_not_known_are_a_step_not_known(tmp_path: Path) -> None:
    # the account is one of two entries, READER or WRITER: which one is not known
    text = ROLE_ENTITY.replace("KIND", "google_storage_bucket_acl").replace(
        '"ROLE:user-web@my-project.iam.gserviceaccount.com"',
        '"WRITER:user-${google_service_account.web.email}", "READER:user-${var.who}"',
    )
    _write(tmp_path, text)
    status, _, evidence = _findings(tmp_path, "GDCC-GRAPH-006")["google_service_account.web"]
    assert status is Status.UNKNOWN
    assert evidence["reaches_resources"] == 0
