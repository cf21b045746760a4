"""GDCC-DB-004 (PostgreSQL logs connections) on a database whose engine the input does not give
(``engine = var.engine``; a Cloud SQL ``database_version`` built from a variable, as
terraform-google-sql-db's postgresql module and cloud-foundation-fabric's cloudsql-instance do)
was NOT_APPLICABLE "not a PostgreSQL database": the finding was hidden for what may well be a
PostgreSQL database. Now UNKNOWN naming the engine; a written engine other than PostgreSQL
stays NOT_APPLICABLE."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

MAIN = """\
variable "engine" {}
variable "version" {}

resource "google_sql_database_instance" "from_var" {
  database_version = (can(regex("\\\\d", var.version))
    ? format("POSTGRES_%s", var.version) : var.version)
  region           = "asia-southeast1"
  settings {
    tier = "db-custom-1-3840"
  }
}

resource "google_sql_database_instance" "mysql" {
  database_version = "MYSQL_8_0"
  region           = "asia-southeast1"
  settings {
    tier = "db-custom-1-3840"
  }
}

resource "aws_db_instance" "engine_var" {
  engine            = var.engine
  instance_class    = "db.t3.micro"
  allocated_storage = 20
}

resource "aws_db_instance" "mariadb" {
  engine            = "mariadb"
  instance_class    = "db.t3.micro"
  allocated_storage = 20
}
"""
NOT_KNOWN = (
    "the database engine is not known from the input: whether it is PostgreSQL, and its "
    "connection logging flags, are not known"
)


def test_engine_not_known_is_unknown(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(MAIN, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-DB-004",), cache=False))
    found = {f.address: (f.status, f.message.en if f.message else None) for f in result.findings}
    assert found == {
        "google_sql_database_instance.from_var": (Status.UNKNOWN, NOT_KNOWN),
        "google_sql_database_instance.mysql": (Status.NOT_APPLICABLE, "not a PostgreSQL database"),
        "aws_db_instance.engine_var": (Status.UNKNOWN, NOT_KNOWN),
        "aws_db_instance.mariadb": (Status.NOT_APPLICABLE, "not a PostgreSQL database"),
    }
    unknown = next(f for f in result.findings if f.address == "aws_db_instance.engine_var")
    assert unknown.evidence == {"engine": None}
    assert unknown.message is not None
    assert unknown.message.th.startswith("ไม่ทราบชนิดฐานข้อมูล (engine) จากข้อมูลนำเข้า")
