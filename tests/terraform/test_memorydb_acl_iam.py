"""GDCC-DB-001 of MemoryDB clusters from their ACL's users (``normalize.terraform.memorydb_acls``).

IAM authentication is a MemoryDB user's (``authentication_mode { type = "iam" }``); a
cluster's users are its ACL's. Every cluster was UNKNOWN "whether IAM / directory
authentication is on is not known" though the ACL and its users were in the scan
(terraform-aws-modules/terraform-aws-memory-db examples).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

MAIN_TF = """\
resource "aws_memorydb_user" "admin" {
  user_name     = "admin"
  access_string = "on ~* &* +@all"
  authentication_mode { type = "iam" }
}
resource "aws_memorydb_user" "reader" {
  user_name     = "reader"
  access_string = "on ~* &* -@all +@read"
  authentication_mode {
    type      = "password"
    passwords = ["a-long-password-from-somewhere"]
  }
}
resource "aws_memorydb_acl" "iam" {
  name       = "iam"
  user_names = [aws_memorydb_user.admin.id, aws_memorydb_user.reader.id]
}
resource "aws_memorydb_acl" "passwords" {
  name       = "passwords"
  user_names = ["reader"]
}
resource "aws_memorydb_acl" "elsewhere" {
  name       = "elsewhere"
  user_names = ["reader", "made-in-another-stack"]
}
resource "aws_memorydb_cluster" "iam" {
  name      = "iam"
  node_type = "db.t4g.small"
  acl_name  = aws_memorydb_acl.iam.id
}
resource "aws_memorydb_cluster" "passwords" {
  name      = "passwords"
  node_type = "db.t4g.small"
  acl_name  = aws_memorydb_acl.passwords.id
}
resource "aws_memorydb_cluster" "elsewhere" {
  name      = "elsewhere"
  node_type = "db.t4g.small"
  acl_name  = aws_memorydb_acl.elsewhere.name
}
resource "aws_memorydb_cluster" "open" {
  name      = "open"
  node_type = "db.t4g.small"
  acl_name  = "open-access"
}
"""


@pytest.fixture(scope="module")
def found(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Status, str]]:
    folder: Path = tmp_path_factory.mktemp("memorydb")
    (folder / "main.tf").write_text(MAIN_TF)
    result = audit([folder], Settings(rule_ids=("GDCC-DB-001",)))
    return {f.address or "": (f.status, f.message.en) for f in result.findings}


def test_acl_with_an_iam_user(found: dict[str, tuple[Status, str]]) -> None:
    assert found["aws_memorydb_cluster.iam"][0] is Status.PASS


def test_acl_of_password_users(found: dict[str, tuple[Status, str]]) -> None:
    status, message = found["aws_memorydb_cluster.passwords"]
    assert status is Status.FAIL
    assert "no user of its ACL aws_memorydb_acl.passwords signs in with IAM " \
        "(aws_memorydb_user.reader)" in message


def test_acl_with_a_user_not_in_the_scan(found: dict[str, tuple[Status, str]]) -> None:
    status, message = found["aws_memorydb_cluster.elsewhere"]
    assert status is Status.UNKNOWN
    assert "some are not in the input (user made-in-another-stack)" in message


def test_open_access(found: dict[str, tuple[Status, str]]) -> None:
    status, message = found["aws_memorydb_cluster.open"]
    assert status is Status.FAIL
    assert "its ACL is open-access, which holds only the default user (no IAM)" in message
