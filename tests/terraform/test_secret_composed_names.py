"""GDCC-SECRET-001 and a value built from a reference and text written around it: a
generated path (``"${var.env}/db/password"``) in a secret-named argument FAILed as a literal
secret; it is decided by the shape of what is written (and of what is read into it). A built
name that locates nothing (``"${aws_db_instance.db.identifier}-pw"``,
``"${var.prefix}-password"`` = ``shop-password``) is the password itself, fixed by the
configuration: it still FAILs. A literal with entropy
around a reference (``"S3cret-${...}"``, ``"${var.unset}Xk9#mQ2vLp7zR"``: it PASSed when the
reference was not known) and a value read from a secret-named variable still FAIL."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.secrets.detect import detect_secrets, partly_written_secrets, redact
from gdcc_audit.secrets.pointer import Composed, locator, name_piece
from gdcc_audit.settings import Settings

RULE = "GDCC-SECRET-001"

MAIN = """\
variable "prefix" {
  default = "shop"
}
variable "unset" {}
variable "db_password" {
  default = "hunter22"
}

resource "aws_db_instance" "x" {
  identifier                  = "shop-db"
  engine                      = "mysql"
  instance_class              = "db.t3.micro"
  username                    = "admin"
  manage_master_user_password = true
}

resource "aws_glue_connection" "named" {
  name = "named"
  connection_properties = {
    PASSWORD = "${aws_db_instance.x.identifier}-pw"
    USERNAME = "u"
  }
}
resource "aws_glue_connection" "prefixed" {
  name = "prefixed"
  connection_properties = {
    PASSWORD = "${var.prefix}-password"
    USERNAME = "u"
  }
}
resource "aws_glue_connection" "path" {
  name = "path"
  connection_properties = {
    PASSWORD = "${var.prefix}/db/password"
    USERNAME = "u"
  }
}
resource "aws_glue_connection" "around" {
  name = "around"
  connection_properties = {
    PASSWORD = "S3cret-${aws_db_instance.x.identifier}"
    USERNAME = "u"
  }
}
resource "aws_glue_connection" "unknown" {
  name = "unknown"
  connection_properties = {
    PASSWORD = "${var.unset}Xk9#mQ2vLp7zR"
    USERNAME = "u"
  }
}
resource "aws_glue_connection" "variable" {
  name = "variable"
  connection_properties = {
    PASSWORD = "${var.db_password}-x"
    USERNAME = "u"
  }
}
"""


def test_generated_names_pass_and_literals_around_references_fail(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(MAIN)
    result = audit([tmp_path], Settings(rule_ids=(RULE,)))
    found = {f.address: (f.status, f.evidence.get("paths")) for f in result.findings}
    paths = ["connection_properties.PASSWORD"]
    assert found == {
        "aws_db_instance.x": (Status.PASS, None),
        "aws_glue_connection.named": (Status.FAIL, paths),
        "aws_glue_connection.prefixed": (Status.FAIL, paths),
        "aws_glue_connection.path": (Status.PASS, None),
        "aws_glue_connection.around": (Status.FAIL, paths),
        "aws_glue_connection.unknown": (Status.FAIL, paths),
        "aws_glue_connection.variable": (Status.FAIL, paths),
    }


def test_only_a_built_locator_is_judged_by_its_shape() -> None:
    for text in ("prod/db/password", "arn:aws:ssm:x", "https://v/x"):
        assert locator(text), text
    for text in ("shop-db-pw", "shop-password"):
        assert not locator(text), text


def test_name_pieces() -> None:
    for piece in ("-pw", "-password", "shop", "/db/password", "prod-01", "server01", "Aa1!"):
        assert name_piece(piece), piece
    for piece in ("S3cret-", "Hunter22", "s3cret", "Xk9#mQ2vLp7", "9f8e7d6c5b4a"):
        assert not name_piece(piece), piece
    # a composed name is judged by its shape only, and stays redacted
    assert detect_secrets({"password": Composed("shop-db-pw")}) == ()
    assert detect_secrets({"password": Composed("postgres://a:S3cretPw@db/x")}) == ("password",)
    assert redact({"password": Composed("shop-db-pw")}) == {"password": "<redacted>"}


def test_written_in_part_under_a_secret_name() -> None:
    texts = {
        "MasterUserPassword": "\0Xk9#mQ2vLp7",
        "Properties.Password": "{{resolve:secretsmanager:\0-db:SecretString:password}}",
        "db.password": "\0-password",
        "secret_string": '{"username": "admin", "password": "\0"}',
        "user_data": "\0Xk9#mQ2vLp7",
    }
    assert partly_written_secrets(texts, "\0") == ("MasterUserPassword",)
