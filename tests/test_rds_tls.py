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
    # its group is in the scan and does not set rds.force_ssl: PostgreSQL 13's default decides
    assert found["postgres13"].evidence["defaults"]["encrypted_in_transit"] == {
        "attribute": "rds.force_ssl in aws_db_parameter_group.pg13",
        "value": "default",
        "documentation": (
            "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/"
            "PostgreSQL.Concepts.General.SSL.html"
        ),
    }
    # PostgreSQL 16 with no group: the default decides a PASS too
    assert found["postgres16"].evidence["defaults"]["encrypted_in_transit"]["attribute"] == (
        "parameter_group_name"
    )
    # the group set it: no default
    assert "defaults" not in found["mysql_tls"].evidence
    assert found["elsewhere"].evidence["unknown_because"] == {
        "encrypted_in_transit": "its parameter group shared-hardened is not in the scan: it "
        "may set the TLS parameter"
    }
    assert found["elsewhere"].message.en.endswith(
        "is not in the scan: it may set the TLS parameter"
    )
    assert found["oracle"].evidence["unknown_because"]["encrypted_in_transit"].startswith(
        "Oracle takes TLS from an option group"
    )


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
        "OwnGroup": Status.UNKNOWN,  # a group not in the template
    }
    assert found["MysqlDefault"].evidence["defaults"]["encrypted_in_transit"]["attribute"] == (
        "DBParameterGroupName"
    )
    assert found["OwnGroup"].evidence["unknown_because"] == {
        "encrypted_in_transit": "its parameter group hardened is not in the scan: it may set "
        "the TLS parameter"
    }


GROUPS_TF = """\
resource "aws_db_parameter_group" "db2_ssl" {
  name   = "db2-ssl"
  family = "db2-se-11.5"
  parameter {
    name  = "db2comm"
    value = "SSL"
  }
}

resource "aws_db_instance" "db2_ssl" {
  engine               = "db2-se"
  instance_class       = "db.t3.medium"
  parameter_group_name = aws_db_parameter_group.db2_ssl.name
}

resource "aws_db_parameter_group" "db2_both" {
  name   = "db2-both"
  family = "db2-se-11.5"
  parameter {
    name  = "db2comm"
    value = "TCPIP,SSL"
  }
}

resource "aws_db_instance" "db2_both" {
  engine               = "db2-se"
  instance_class       = "db.t3.medium"
  parameter_group_name = aws_db_parameter_group.db2_both.name
}

resource "aws_db_parameter_group" "db2_plain" {
  name   = "db2-plain"
  family = "db2-ae-11.5"
}

resource "aws_db_instance" "db2_plain" {
  # no engine written (restored from a snapshot): the group's family names it
  instance_class       = "db.t3.medium"
  parameter_group_name = aws_db_parameter_group.db2_plain.name
}

resource "aws_db_parameter_group" "pg16_off" {
  name   = "pg16-off"
  family = "postgres16"
  parameter {
    name  = "rds.force_ssl"
    value = "0"
  }
}

resource "aws_db_instance" "pg16_off" {
  engine               = "postgres"
  engine_version       = "16.3"
  instance_class       = "db.t3.micro"
  parameter_group_name = aws_db_parameter_group.pg16_off.name
}

resource "aws_db_parameter_group" "pg16_inherits" {
  name   = "pg16-inherits"
  family = "postgres16"
}

resource "aws_db_instance" "pg16_inherits" {
  instance_class       = "db.t3.micro"
  parameter_group_name = aws_db_parameter_group.pg16_inherits.name
}

resource "aws_db_parameter_group" "no_such_version" {
  name   = "no-such-version"
  family = "postgres123"
}

resource "aws_db_instance" "no_such_version" {
  instance_class       = "db.t3.micro"
  parameter_group_name = aws_db_parameter_group.no_such_version.name
}

resource "aws_db_parameter_group" "by_name" {
  name   = "maria-tls"
  family = "mariadb10.11"
  parameter {
    name  = "require_secure_transport"
    value = "1"
  }
}

resource "aws_db_instance" "by_name" {
  engine               = "mariadb"
  instance_class       = "db.t3.micro"
  parameter_group_name = "maria-tls"
}
"""


def test_terraform_reads_db2comm_and_the_family_of_the_group(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(GROUPS_TF, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-ENC-004",)))
    found = {f.resource_name: f for f in result.findings}
    assert {name: f.status for name, f in found.items()} == {
        "db2_ssl": Status.PASS,  # DB2COMM SSL: only the TLS port listens
        "db2_both": Status.FAIL,  # TCPIP,SSL: the clear-text port listens too
        "db2_plain": Status.FAIL,  # Db2's default DB2COMM is TCPIP
        "pg16_off": Status.FAIL,  # written 0 wins over the version 16 default
        "pg16_inherits": Status.PASS,  # the family postgres16: 1 by default
        "no_such_version": Status.UNKNOWN,  # no PostgreSQL 123: its default is not known
        "by_name": Status.PASS,  # the group named by its name
    }
    assert "defaults" not in found["db2_ssl"].evidence
    assert found["db2_plain"].evidence["defaults"]["encrypted_in_transit"] == {
        "attribute": "db2comm in aws_db_parameter_group.db2_plain",
        "value": "default",
        "documentation": "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Db2.Concepts.SSL.html",
    }
    assert found["pg16_inherits"].evidence["defaults"]["encrypted_in_transit"]["attribute"] == (
        "rds.force_ssl in aws_db_parameter_group.pg16_inherits"
    )
    assert found["no_such_version"].evidence["unknown_because"] == {
        "encrypted_in_transit": "the default of rds.force_ssl depends on the postgres version, "
        "not known from the input (123)"
    }


GROUPS_CFN = """\
Parameters:
  ForceSsl:
    Type: String
Resources:
  Pg14Ssl:
    Type: AWS::RDS::DBParameterGroup
    Properties:
      Family: postgres14
      Description: TLS
      Parameters: {rds.force_ssl: "1"}
  Pg14SslInstance:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: postgres
      DBInstanceClass: db.t3.micro
      DBParameterGroupName: !Ref Pg14Ssl
  Pg14Plain:
    Type: AWS::RDS::DBParameterGroup
    Properties:
      Family: postgres14
      Description: nothing about TLS
      Parameters: {log_connections: "1"}
  Pg14PlainInstance:
    Type: AWS::RDS::DBInstance
    Properties:
      DBInstanceClass: db.t3.micro
      DBParameterGroupName: !Ref Pg14Plain
  Named:
    Type: AWS::RDS::DBParameterGroup
    Properties:
      DBParameterGroupName: MySQL-TLS
      Family: mysql8.0
      Description: by name
      Parameters: {require_secure_transport: "ON"}
  NamedInstance:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: mysql
      DBInstanceClass: db.t3.micro
      DBParameterGroupName: mysql-tls
  FromParameter:
    Type: AWS::RDS::DBParameterGroup
    Properties:
      Family: postgres14
      Description: the value is a stack parameter
      Parameters: {rds.force_ssl: !Ref ForceSsl}
  FromParameterInstance:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: postgres
      DBInstanceClass: db.t3.micro
      DBParameterGroupName: !Ref FromParameter
  AuroraParams:
    Type: AWS::RDS::DBClusterParameterGroup
    Properties:
      Family: aurora-mysql8.0
      Description: aurora
      Parameters: {require_secure_transport: "ON"}
  AuroraTls:
    Type: AWS::RDS::DBCluster
    Properties:
      Engine: aurora-mysql
      DBClusterParameterGroupName: !Ref AuroraParams
  AuroraDefault:
    Type: AWS::RDS::DBCluster
    Properties:
      Engine: aurora-postgresql
      EngineVersion: "16.4"
"""


def test_cloudformation_reads_the_templates_parameter_groups(tmp_path: Path) -> None:
    (tmp_path / "db.yaml").write_text(GROUPS_CFN, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-ENC-004",)))
    found = {f.resource_name: f for f in result.findings}
    assert {name: f.status for name, f in found.items()} == {
        "Pg14SslInstance": Status.PASS,
        "Pg14PlainInstance": Status.FAIL,  # PostgreSQL 14 (its family): 0 by default
        "NamedInstance": Status.PASS,  # by the group's name, stored in lower case
        "FromParameterInstance": Status.UNKNOWN,
        "AuroraTls": Status.PASS,
        "AuroraDefault": Status.FAIL,  # Aurora PostgreSQL: rds.force_ssl 0 by default
    }
    assert found["Pg14PlainInstance"].evidence["defaults"]["encrypted_in_transit"][
        "attribute"
    ] == ("rds.force_ssl in Pg14Plain")
    assert found["FromParameterInstance"].evidence["unknown_because"] == {
        "encrypted_in_transit": "rds.force_ssl in FromParameter is not known before apply"
    }
    assert found["AuroraDefault"].evidence["defaults"]["encrypted_in_transit"] == {
        "attribute": "DBClusterParameterGroupName",
        "value": "default",
        "documentation": "https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/"
        "ssl-certificate-rotation-aurora-postgresql.html",
    }
