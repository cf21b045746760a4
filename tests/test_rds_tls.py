"""Databases refuse unencrypted connections (GDCC-ENC-004) when their RDS parameter group
requires TLS; with no group, the engine's default group decides (AWS RDS user guide: MySQL,
MariaDB and SQL Server do not require TLS by default, PostgreSQL does from version 15)."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

MAIN = """\
resource "aws_db_instance" "mysql_default" {
  engine         = "mysql"
  engine_version = "8.0"
  instance_class = "db.t3.micro"
}

resource "aws_db_parameter_group" "tls" {
  name   = "tls"
  family = "mysql8.0"
  parameter {
    name  = "require_secure_transport"
    value = "ON"
  }
}

resource "aws_db_instance" "mysql_tls" {
  engine               = "mysql"
  instance_class       = "db.t3.micro"
  parameter_group_name = aws_db_parameter_group.tls.name
}

resource "aws_db_instance" "postgres16" {
  engine         = "postgres"
  engine_version = "16.3"
  instance_class = "db.t3.micro"
}

resource "aws_db_parameter_group" "pg13" {
  name   = "pg13"
  family = "postgres13"
  parameter {
    name  = "log_connections"
    value = "1"
  }
}

resource "aws_db_instance" "postgres13" {
  engine               = "postgres"
  instance_class       = "db.t3.micro"
  parameter_group_name = aws_db_parameter_group.pg13.name
}

resource "aws_db_instance" "named_default" {
  engine               = "mysql"
  instance_class       = "db.t3.micro"
  parameter_group_name = "default.mysql8.0"
}

resource "aws_db_instance" "elsewhere" {
  engine               = "postgres"
  engine_version       = "16.3"
  instance_class       = "db.t3.micro"
  parameter_group_name = "shared-hardened"
}

resource "aws_db_instance" "oracle" {
  engine         = "oracle-se2"
  instance_class = "db.t3.micro"
}
"""


def test_tls_required_from_the_parameter_group_or_the_engine_default(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(MAIN, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-ENC-004",)))
    found = {f.resource_name: f for f in result.findings}
    assert {name: f.status for name, f in found.items()} == {
        "mysql_default": Status.FAIL,
        "mysql_tls": Status.PASS,
        "postgres16": Status.PASS,
        "postgres13": Status.FAIL,  # its group does not set rds.force_ssl: 0 before 15
        "named_default": Status.FAIL,
        "elsewhere": Status.UNKNOWN,  # a group not in the scan may set it
        "oracle": Status.UNKNOWN,  # TLS through an option group: not read
    }
    assert found["mysql_default"].evidence["defaults"]["encrypted_in_transit"]["attribute"] == (
        "parameter_group_name"
    )
    assert "defaults" not in found["postgres13"].evidence


CFN = """\
Resources:
  MysqlDefault:
    Type: AWS::RDS::DBInstance
    Properties: {Engine: mysql, DBInstanceClass: db.t3.micro}
  Postgres16:
    Type: AWS::RDS::DBInstance
    Properties: {Engine: postgres, EngineVersion: "16.3", DBInstanceClass: db.t3.micro}
  NamedDefault:
    Type: AWS::RDS::DBInstance
    Properties: {Engine: postgres, DBInstanceClass: db.t3.micro,
                 DBParameterGroupName: default.postgres14}
  OwnGroup:
    Type: AWS::RDS::DBInstance
    Properties: {Engine: mysql, DBInstanceClass: db.t3.micro, DBParameterGroupName: hardened}
"""


def test_cloudformation_takes_the_engine_default_with_no_group(tmp_path: Path) -> None:
    (tmp_path / "db.yaml").write_text(CFN, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-ENC-004",)))
    found = {f.resource_name: f for f in result.findings}
    assert {name: f.status for name, f in found.items()} == {
        "MysqlDefault": Status.FAIL,
        "Postgres16": Status.PASS,
        "NamedDefault": Status.FAIL,
        "OwnGroup": Status.UNKNOWN,  # a group this mapper does not read
    }
    assert found["MysqlDefault"].evidence["defaults"]["encrypted_in_transit"]["attribute"] == (
        "DBParameterGroupName"
    )
