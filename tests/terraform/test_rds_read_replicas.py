"""An ``aws_db_instance`` read replica (``replicate_source_db``) is encrypted at rest as its
source is (RDS: "You can't create an encrypted read replica from an unencrypted DB
instance"; the provider ignores ``storage_encrypted`` on a replica). A replica writing
``storage_encrypted = true`` PASSed GDCC-ENC-001 whatever its source; a replica of an
encrypted source of the scan FAILed on the default."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

MAIN = """\
resource "aws_db_instance" "plain" {
  engine            = "mysql"
  instance_class    = "db.t3.micro"
  allocated_storage = 20
}
resource "aws_db_instance" "replica_writing_encrypted" {
  replicate_source_db = aws_db_instance.plain.identifier
  instance_class      = "db.t3.micro"
  storage_encrypted   = true
}
resource "aws_db_instance" "encrypted" {
  engine            = "mysql"
  instance_class    = "db.t3.micro"
  allocated_storage = 20
  storage_encrypted = true
}
resource "aws_db_instance" "replica_of_encrypted" {
  replicate_source_db = aws_db_instance.encrypted.identifier
  instance_class      = "db.t3.micro"
}
resource "aws_db_instance" "replica_of_outside" {
  replicate_source_db = "arn:aws:rds:us-east-1:123456789012:db:source"
  instance_class      = "db.t3.micro"
  storage_encrypted   = true
}
"""


def test_a_read_replica_is_encrypted_as_its_source(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(MAIN, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-ENC-001",)))
    found = {f.address: (f.status, f.message.en) for f in result.findings}
    assert found == {
        "aws_db_instance.plain": (Status.FAIL, "encryption at rest is off"),
        "aws_db_instance.encrypted": (Status.PASS, "Data stores are encrypted at rest"),
        "aws_db_instance.replica_writing_encrypted": (
            Status.FAIL,
            "encryption at rest is off (a read replica is encrypted as its source DB "
            "instance aws_db_instance.plain is)",
        ),
        "aws_db_instance.replica_of_encrypted": (
            Status.PASS,
            "Data stores are encrypted at rest (a read replica is encrypted as its source DB "
            "instance aws_db_instance.encrypted is)",
        ),
        "aws_db_instance.replica_of_outside": (
            Status.UNKNOWN,
            "whether encryption at rest is on is not known from the input: a read replica is "
            "encrypted as its source DB instance is (storage_encrypted is not read on a "
            "replica), and its source DB instance is not in the scan",
        ),
    }


def test_a_replica_does_not_point_at_its_own_ignored_setting(tmp_path: Path) -> None:
    """The replica's own ``storage_encrypted`` (set from a variable) is ignored: its finding
    said "value set at" that variable's default (terraform-aws-rds replica examples)."""
    (tmp_path / "main.tf").write_text(
        'variable "encrypted" {\n  default = true\n}\n'
        'resource "aws_db_instance" "source" {\n  engine = "mysql"\n'
        '  instance_class = "db.t3.micro"\n  storage_encrypted = true\n}\n'
        'resource "aws_db_instance" "replica" {\n'
        "  replicate_source_db = aws_db_instance.source.identifier\n"
        '  instance_class = "db.t3.micro"\n  storage_encrypted = var.encrypted\n}\n',
        encoding="utf-8",
    )
    result = audit([tmp_path], Settings(rule_ids=("GDCC-ENC-001",)))
    found = {f.address: (f.status, f.message.en) for f in result.findings}
    assert found["aws_db_instance.replica"] == (
        Status.PASS,
        "Data stores are encrypted at rest (a read replica is encrypted as its source DB "
        "instance aws_db_instance.source is)",
    )
