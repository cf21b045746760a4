"""RDS read replicas (``aws_db_instance`` with ``replicate_source_db``), GDCC-ENC-004 and
GDCC-DB-004:

- **Wrong PASS**: a replica naming no parameter group was judged on its engine's default
  group, but "RDS uses the DBParameterGroup of the source DB instance for a same Region read
  replica" (CreateDBInstanceReadReplica): a PostgreSQL 16 replica of a source whose group sets
  ``rds.force_ssl = 0`` PASSed ENC-004 (16's default is 1). Now the source's group decides.
- **Wrong NOT_APPLICABLE / needless UNKNOWN**: a replica that writes no engine
  (terraform-aws-modules/rds passes ``engine = null`` to every replica) has its source's
  engine; it was NOT_APPLICABLE "not a PostgreSQL database" on DB-004 and UNKNOWN on ENC-004.
  A replica of a source not in the scan: UNKNOWN on both.
"""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

CONFIG = """\
variable "source_arn" { type = string }
resource "aws_db_instance" "primary" {
  identifier          = "primary"
  engine              = "postgres"
  engine_version      = "16.4"
  instance_class      = "db.t3.micro"
  allocated_storage   = 20
  username            = "app"
  manage_master_user_password = true
  storage_encrypted   = true
  backup_retention_period = 7
}
resource "aws_db_instance" "replica" {
  identifier          = "replica"
  replicate_source_db = aws_db_instance.primary.identifier
  engine              = null
  instance_class      = "db.t3.micro"
}
resource "aws_db_instance" "remote" {
  identifier          = "remote"
  replicate_source_db = var.source_arn
  instance_class      = "db.t3.micro"
}
resource "aws_db_parameter_group" "lax" {
  name   = "lax"
  family = "postgres16"
  parameter {
    name  = "rds.force_ssl"
    value = "0"
  }
}
resource "aws_db_instance" "lax" {
  identifier           = "lax"
  engine               = "postgres"
  engine_version       = "16.4"
  instance_class       = "db.t3.micro"
  allocated_storage    = 20
  username             = "app"
  manage_master_user_password = true
  storage_encrypted    = true
  parameter_group_name = aws_db_parameter_group.lax.name
  backup_retention_period = 7
}
resource "aws_db_instance" "lax_replica" {
  identifier          = "lax-replica"
  replicate_source_db = aws_db_instance.lax.identifier
  instance_class      = "db.t3.micro"
}
resource "aws_db_instance" "lax_written" {
  identifier          = "lax-written"
  replicate_source_db = aws_db_instance.lax.identifier
  engine              = "postgres"
  engine_version      = "16.4"
  instance_class      = "db.t3.micro"
}
"""
TLS = (Status.PASS, "Traffic to load balancers, gateways and databases is encrypted")
PLAIN = (Status.FAIL, "unencrypted connections are accepted")
DEFAULT_LOGS = (
    Status.FAIL,
    "log_connections, log_disconnections not on (provider default: 'parameter_group_name' "
    "not set)",
)
LAX_LOGS = (
    Status.FAIL,
    "log_connections, log_disconnections not on (provider default: 'log_connections, "
    "log_disconnections in aws_db_parameter_group.lax' not set)",
)


def test_read_replicas(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(CONFIG, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-ENC-004", "GDCC-DB-004")))
    found = {(f.address, f.rule_id): (f.status, f.message.en) for f in result.findings}
    assert found == {
        ("aws_db_instance.primary", "GDCC-ENC-004"): TLS,
        ("aws_db_instance.primary", "GDCC-DB-004"): DEFAULT_LOGS,
        ("aws_db_instance.replica", "GDCC-ENC-004"): TLS,
        ("aws_db_instance.replica", "GDCC-DB-004"): DEFAULT_LOGS,
        ("aws_db_instance.lax", "GDCC-ENC-004"): PLAIN,
        ("aws_db_instance.lax", "GDCC-DB-004"): LAX_LOGS,
        ("aws_db_instance.lax_replica", "GDCC-ENC-004"): PLAIN,
        ("aws_db_instance.lax_replica", "GDCC-DB-004"): LAX_LOGS,
        ("aws_db_instance.lax_written", "GDCC-ENC-004"): PLAIN,
        ("aws_db_instance.lax_written", "GDCC-DB-004"): LAX_LOGS,
        ("aws_db_instance.remote", "GDCC-ENC-004"): (
            Status.UNKNOWN,
            "whether only encrypted connections (TLS) are accepted is not known from the "
            "input: the database engine is not known from the input",
        ),
        ("aws_db_instance.remote", "GDCC-DB-004"): (
            Status.UNKNOWN,
            "the database engine is not known from the input: whether it is PostgreSQL, and "
            "its connection logging flags, are not known",
        ),
    }
