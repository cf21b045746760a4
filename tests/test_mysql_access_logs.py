"""MySQL-family databases: an exported general or audit log records access only when the
database writes it — general_log = 1 in its parameter group (0 by default), the
MARIADB_AUDIT_PLUGIN option in its option group (RDS MySQL / MariaDB; the default option
group has none), server_audit_logging = 1 in its cluster parameter group (Aurora MySQL; 0 by
default). Exporting the log alone was a wrong PASS of GDCC-DATA-004."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

RDS = "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/"

MAIN = """\
locals {
  tags = { gdcc_personal_data = "true" }
}

resource "aws_db_instance" "general_default" {
  engine                          = "mysql"
  enabled_cloudwatch_logs_exports = ["general", "error"]
  tags                            = local.tags
}

resource "aws_db_parameter_group" "general_on" {
  name   = "general-on"
  family = "mysql8.0"
  parameter {
    name  = "general_log"
    value = "1"
  }
}

resource "aws_db_instance" "general_on" {
  engine                          = "mysql"
  parameter_group_name            = aws_db_parameter_group.general_on.name
  enabled_cloudwatch_logs_exports = ["general"]
  tags                            = local.tags
}

resource "aws_db_instance" "audit_no_plugin" {
  engine                          = "mariadb"
  enabled_cloudwatch_logs_exports = ["audit"]
  tags                            = local.tags
}

resource "aws_db_option_group" "audit" {
  name                 = "audit"
  engine_name          = "mysql"
  major_engine_version = "8.0"
  option {
    option_name = "MARIADB_AUDIT_PLUGIN"
  }
}

resource "aws_db_instance" "audit_plugin" {
  engine                          = "mysql"
  option_group_name               = aws_db_option_group.audit.name
  enabled_cloudwatch_logs_exports = ["audit"]
  tags                            = local.tags
}

resource "aws_db_instance" "options_elsewhere" {
  engine                          = "mysql"
  option_group_name               = "shared-options"
  enabled_cloudwatch_logs_exports = ["audit"]
  tags                            = local.tags
}

resource "aws_rds_cluster" "aurora_export_only" {
  engine                          = "aurora-mysql"
  enabled_cloudwatch_logs_exports = ["audit"]
  tags                            = local.tags
}

resource "aws_rds_cluster_parameter_group" "advanced_auditing" {
  name   = "advanced-auditing"
  family = "aurora-mysql8.0"
  parameter {
    name  = "server_audit_logging"
    value = "1"
  }
}

resource "aws_rds_cluster" "aurora_audited" {
  engine                          = "aurora-mysql"
  db_cluster_parameter_group_name = aws_rds_cluster_parameter_group.advanced_auditing.name
  enabled_cloudwatch_logs_exports = ["audit"]
  tags                            = local.tags
}

resource "aws_db_instance" "postgres" {
  engine                          = "postgres"
  enabled_cloudwatch_logs_exports = ["postgresql"]
  tags                            = local.tags
}
"""


def test_mysql_logs_record_access_only_when_written(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(MAIN, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-DATA-004",)))
    found = {f.address: f for f in result.findings}
    assert {a: f.status for a, f in found.items()} == {
        "aws_db_instance.general_default": Status.FAIL,
        "aws_db_instance.general_on": Status.PASS,
        "aws_db_instance.audit_no_plugin": Status.FAIL,
        "aws_db_instance.audit_plugin": Status.PASS,
        "aws_db_instance.options_elsewhere": Status.UNKNOWN,
        "aws_rds_cluster.aurora_export_only": Status.FAIL,
        "aws_rds_cluster.aurora_audited": Status.PASS,
        "aws_db_instance.postgres": Status.PASS,  # the PostgreSQL log: the export decides
    }
    assert found["aws_db_instance.general_default"].evidence["defaults"]["access_logging"] == {
        "attribute": "parameter_group_name",
        "value": "default",
        "documentation": RDS + "USER_LogAccess.MySQL.Generallog.html",
    }
    assert found["aws_db_instance.audit_no_plugin"].evidence["defaults"]["access_logging"] == {
        "attribute": "option_group_name",
        "value": "default",
        "documentation": RDS + "Appendix.MySQL.Options.AuditPlugin.html",
    }
    assert found["aws_rds_cluster.aurora_export_only"].evidence["defaults"][
        "access_logging"
    ]["documentation"] == (
        "https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/AuroraMySQL.Auditing.html"
    )
    assert found["aws_db_instance.options_elsewhere"].evidence["unknown_because"] == {
        "access_logging": "its option group shared-options is not in the scan: it may set "
        "MARIADB_AUDIT_PLUGIN"
    }
