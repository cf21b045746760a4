"""``data "google_iam_role"`` looks a role up by ``name``, and its ``name`` is that role (the
registry page: "The name of the Role to lookup in the form roles/{ROLE_NAME}, ...").
terraform-google-pubsub's kms example grants ``role = data.google_iam_role.kms_encrypt_decrypt
.name``: the role was not known, so GDCC-IAM-005 and IAM-007 were UNKNOWN. Now it is the name
written; a data source with ``count`` / ``for_each`` (which instance is read) or a name not
known stays not known."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

TF = """\
variable "project_id" {
  type = string
}
variable "role" {
  type = string
}
data "google_iam_role" "kms" {
  name = "roles/cloudkms.cryptoKeyEncrypterDecrypter"
}
data "google_iam_role" "owner" {
  name = "roles/owner"
}
data "google_iam_role" "counted" {
  count = 1
  name  = "roles/owner"
}
data "google_iam_role" "given" {
  name = var.role
}
resource "google_project_iam_member" "kms" {
  project = var.project_id
  role    = data.google_iam_role.kms.name
  member  = "serviceAccount:sa@p.iam.gserviceaccount.com"
}
resource "google_project_iam_member" "owner" {
  project = var.project_id
  role    = data.google_iam_role.owner.name
  member  = "serviceAccount:sa@p.iam.gserviceaccount.com"
}
resource "google_project_iam_member" "counted" {
  project = var.project_id
  role    = data.google_iam_role.counted[0].name
  member  = "serviceAccount:sa@p.iam.gserviceaccount.com"
}
resource "google_project_iam_member" "given" {
  project = var.project_id
  role    = data.google_iam_role.given.name
  member  = "serviceAccount:sa@p.iam.gserviceaccount.com"
}
"""


def test_the_role_looked_up_is_the_name_written(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(TF, encoding="utf-8")
    report = audit([tmp_path], Settings(rule_ids=("GDCC-IAM-005", "GDCC-IAM-007")))
    found = {
        (f.address.removeprefix("google_project_iam_member."), f.rule_id): (f.status, f.message.en)
        for f in report.findings
    }
    assert found[("kms", "GDCC-IAM-005")] == (
        Status.PASS, "Permission policies do not grant actions by wildcard"
    )
    assert found[("kms", "GDCC-IAM-007")] == (
        Status.PASS, "No basic (owner / editor / viewer) roles are granted"
    )
    assert found[("owner", "GDCC-IAM-005")] == (Status.FAIL, "it grants permissions by wildcard")
    assert found[("owner", "GDCC-IAM-007")] == (
        Status.FAIL, "a basic role (owner / editor / viewer) is granted"
    )
    for name in ("counted", "given"):
        assert found[(name, "GDCC-IAM-007")] == (
            Status.UNKNOWN,
            "whether a basic role (owner / editor / viewer) is granted is not known from the input",
        )
