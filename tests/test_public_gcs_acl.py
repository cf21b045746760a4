"""Cloud Storage buckets made public by a legacy ACL FAIL "Storage is not publicly readable"
(GDCC-DATA-001), each ACL resource of the google provider: bucket ACLs
(``google_storage_bucket_acl`` with a predefined ACL or ``role_entity``,
``google_storage_bucket_access_control``), the default ACL of new objects
(``google_storage_default_object_acl``, ``google_storage_default_object_access_control``) and
object ACLs (``google_storage_object_acl``, ``google_storage_object_access_control``). They
were PASS before: only IAM grants were read. Uniform bucket-level access (ACLs disabled) and
enforced public access prevention make them ineffective: PASS."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Finding, Status
from gdcc_audit.settings import Settings

MAIN = """\
resource "google_storage_bucket" "access_control" {
  name     = "access-control"
  location = "ASIA-SOUTHEAST1"
}

resource "google_storage_bucket_access_control" "access_control" {
  bucket = google_storage_bucket.access_control.name
  role   = "READER"
  entity = "allUsers"
}

resource "google_storage_bucket" "predefined" {
  name     = "predefined"
  location = "ASIA-SOUTHEAST1"
}

resource "google_storage_bucket_acl" "predefined" {
  bucket         = google_storage_bucket.predefined.name
  predefined_acl = "publicRead"
}

resource "google_storage_bucket" "role_entity" {
  name     = "role-entity"
  location = "ASIA-SOUTHEAST1"
}

resource "google_storage_bucket_acl" "role_entity" {
  bucket      = google_storage_bucket.role_entity.name
  role_entity = ["OWNER:project-owners-123", "READER:allAuthenticatedUsers"]
}

resource "google_storage_bucket" "default_object" {
  name     = "default-object"
  location = "ASIA-SOUTHEAST1"
}

resource "google_storage_default_object_access_control" "default_object" {
  bucket = google_storage_bucket.default_object.name
  role   = "READER"
  entity = "allUsers"
}

resource "google_storage_bucket" "default_object_acl" {
  name     = "default-object-acl"
  location = "ASIA-SOUTHEAST1"
}

resource "google_storage_default_object_acl" "default_object_acl" {
  bucket      = google_storage_bucket.default_object_acl.name
  role_entity = ["READER:allUsers"]
}

resource "google_storage_bucket" "one_object" {
  name     = "one-object"
  location = "ASIA-SOUTHEAST1"
}

resource "google_storage_object_access_control" "one_object" {
  bucket = google_storage_bucket.one_object.name
  object = "report.csv"
  role   = "READER"
  entity = "allUsers"
}

resource "google_storage_bucket" "team_only" {
  name     = "team-only"
  location = "ASIA-SOUTHEAST1"
}

resource "google_storage_bucket_acl" "team_only" {
  bucket         = google_storage_bucket.team_only.name
  predefined_acl = "projectPrivate"
  role_entity    = ["READER:group-analysts@agency.go.th"]
}

resource "google_storage_bucket" "uniform" {
  name                        = "uniform"
  location                    = "ASIA-SOUTHEAST1"
  uniform_bucket_level_access = true
}

resource "google_storage_bucket_access_control" "uniform" {
  bucket = google_storage_bucket.uniform.name
  role   = "READER"
  entity = "allUsers"
}

resource "google_storage_bucket" "prevented" {
  name                     = "prevented"
  location                 = "ASIA-SOUTHEAST1"
  public_access_prevention = "enforced"
}

resource "google_storage_object_acl" "prevented" {
  bucket         = google_storage_bucket.prevented.name
  object         = "report.csv"
  predefined_acl = "publicRead"
}

variable "entity" {
  type = string
}

resource "google_storage_bucket" "entity_from_variable" {
  name     = "entity-from-variable"
  location = "ASIA-SOUTHEAST1"
}

resource "google_storage_bucket_access_control" "entity_from_variable" {
  bucket = google_storage_bucket.entity_from_variable.name
  role   = "READER"
  entity = var.entity
}
"""


def _line(address: str) -> int:
    kind, name = address.split(".")
    return MAIN.splitlines().index(f'resource "{kind}" "{name}" {{') + 1


def _scan(tmp_path: Path) -> dict[str, Finding]:
    (tmp_path / "main.tf").write_text(MAIN)
    result = audit([tmp_path], Settings(rule_ids=("GDCC-DATA-001",)))
    return {f.address or "": f for f in result.findings}


def test_every_legacy_acl_that_opens_a_bucket_fails(tmp_path: Path) -> None:
    found = _scan(tmp_path)
    assert {address: f.status for address, f in found.items()} == {
        "google_storage_bucket.access_control": Status.FAIL,
        "google_storage_bucket.predefined": Status.FAIL,
        "google_storage_bucket.role_entity": Status.FAIL,
        "google_storage_bucket.default_object": Status.FAIL,
        "google_storage_bucket.default_object_acl": Status.FAIL,
        "google_storage_bucket.one_object": Status.FAIL,
        "google_storage_bucket.team_only": Status.PASS,
        "google_storage_bucket.uniform": Status.PASS,
        "google_storage_bucket.prevented": Status.PASS,
        "google_storage_bucket.entity_from_variable": Status.UNKNOWN,
    }


def test_the_acl_that_opens_the_bucket_is_named(tmp_path: Path) -> None:
    found = _scan(tmp_path)
    main = tmp_path / "main.tf"

    def by(address: str) -> str:
        return f"by {address} at {main}:{_line(address)}"

    expected = {
        "google_storage_bucket.access_control": "READER to allUsers "
        + by("google_storage_bucket_access_control.access_control"),
        "google_storage_bucket.predefined": "predefined_acl publicRead "
        + by("google_storage_bucket_acl.predefined"),
        "google_storage_bucket.role_entity": "READER to allAuthenticatedUsers "
        + by("google_storage_bucket_acl.role_entity"),
        "google_storage_bucket.default_object": "READER to allUsers "
        + by("google_storage_default_object_access_control.default_object"),
        "google_storage_bucket.default_object_acl": "READER to allUsers "
        + by("google_storage_default_object_acl.default_object_acl"),
        "google_storage_bucket.one_object": "READER to allUsers "
        + by("google_storage_object_access_control.one_object"),
    }
    for bucket, grant in expected.items():
        assert found[bucket].evidence == {
            "public_access": True,
            "data_classification": None,
            "granted_by": [grant],
        }, bucket
        message = found[bucket].message
        assert message is not None
        assert message.en == f"anyone on the internet can read this store: {grant}"
    assert found["google_storage_bucket.uniform"].evidence == {"public_access": False}
    assert found["google_storage_bucket.entity_from_variable"].evidence == {
        "public_access": None,
        "granted_by": [
            "READER to members not known "
            + by("google_storage_bucket_access_control.entity_from_variable")
        ],
    }


DEFAULT_ACL = """\
variable "default_acl" {
  type = string
}
resource "google_storage_bucket" "b" {
  name     = "b"
  location = "ASIA-SOUTHEAST1"
}
resource "google_storage_bucket_acl" "b" {
  bucket      = google_storage_bucket.b.name
  role_entity = ["OWNER:project-owners-123"]
  default_acl = DEFAULT
}
"""


def test_a_public_default_acl_of_new_objects(tmp_path: Path) -> None:
    # default_acl is the predefined ACL every new object gets (predefinedDefaultObjectAcl):
    # publicRead made every object written later public, and the bucket PASSed
    verdicts = {}
    for value in ('"publicRead"', '"authenticatedRead"', '"projectPrivate"', "var.default_acl"):
        (tmp_path / "main.tf").write_text(DEFAULT_ACL.replace("DEFAULT", value), "utf-8")
        report = audit([tmp_path], Settings(rule_ids=("GDCC-DATA-001",)))
        (finding,) = [f for f in report.findings if f.address == "google_storage_bucket.b"]
        verdicts[value] = (finding.status, finding.evidence.get("granted_by"))
    at = f"google_storage_bucket_acl.b at {tmp_path / 'main.tf'}:8"
    assert verdicts == {
        '"publicRead"': (Status.FAIL, [f"default_acl publicRead by {at}"]),
        '"authenticatedRead"': (Status.FAIL, [f"default_acl authenticatedRead by {at}"]),
        '"projectPrivate"': (Status.PASS, None),
        "var.default_acl": (Status.UNKNOWN, [f"default_acl not known by {at}"]),
    }
