"""GDCC-SECRET-001: a secret's JSON document holding only who and where (a user name, the
database's engine, host, port, name: the fields Secrets Manager documents beside
``password``) wrote no secret, but each such value was taken for one and the whole document
FAILed: aws-ia/terraform-aws-transfer-family's connector writes ``jsonencode({Username =
var.sftp_username, PrivateKey = var.sftp_private_key})`` whose key defaults to ``""``. A
document with a password, a token or a field that is neither still FAILs."""

from __future__ import annotations

import json
from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.secrets.detect import detect_secrets
from gdcc_audit.settings import Settings

TERRAFORM = """\
variable "sftp_private_key" {
  type      = string
  default   = ""
  sensitive = true
}
resource "aws_secretsmanager_secret" "sftp" {
  name = "sftp"
}
resource "aws_secretsmanager_secret_version" "sftp" {
  secret_id = aws_secretsmanager_secret.sftp.id
  secret_string = jsonencode({
    Username   = "sftp-user"
    PrivateKey = var.sftp_private_key
  })
}
resource "aws_secretsmanager_secret" "db" {
  name = "db"
}
resource "aws_secretsmanager_secret_version" "db" {
  secret_id = aws_secretsmanager_secret.db.id
  secret_string = jsonencode({
    engine   = "postgres"
    host     = "db.internal.example.com"
    port     = 5432
    dbname   = "orders"
    username = "app"
    password = "Sup3r-S3cret-Passw0rd"
  })
}
"""


def test_who_and_where_are_no_secret(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(TERRAFORM)
    result = audit([tmp_path], Settings(rule_ids=["GDCC-SECRET-001"]))
    found = {f.address: f for f in result.findings}
    assert found["aws_secretsmanager_secret.sftp"].status is Status.PASS
    db = found["aws_secretsmanager_secret.db"]
    assert db.status is Status.FAIL
    assert db.evidence["paths"] == ["aws_secretsmanager_secret_version.db.secret_string.password"]


def test_documents() -> None:
    def paths(document: dict[str, object]) -> tuple[str, ...]:
        return detect_secrets({"secret_string": json.dumps(document)})

    assert paths({"Username": "sftp-user", "PrivateKey": ""}) == ()
    assert paths({"user": "svc", "host": "db.example.com", "port": 5432, "dbname": "app",
                  "dbClusterIdentifier": "orders", "engine": "mysql"}) == ()
    assert paths({"username": "admin", "password": "Hunter2Secret"}) == (
        "secret_string.password",
    )
    # a field that is neither a name nor a setting still makes the whole value a secret
    assert paths({"username": "admin", "key": "c2VjcmV0LXZhbHVl"}) == ("secret_string",)
    assert paths({"auths": {"r.io": {"auth": "dXNlcjpwYXNz"}}}) == ("secret_string",)
