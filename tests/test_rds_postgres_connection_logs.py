"""GDCC-DB-004 on RDS and Aurora PostgreSQL: ``log_connections`` / ``log_disconnections``
are not set in the default parameter groups ("–" in the RDS and Aurora user guides' query
logging tables), so PostgreSQL's default, off, holds. Before, every RDS PostgreSQL database
was UNKNOWN ("the connection logging flags are not known from the input") even with its
parameter group in the scan."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

TERRAFORM = """\
resource "aws_db_parameter_group" "pg" {
  name   = "pg"
  family = "postgres16"
  parameter {
    name  = "log_connections"
    value = "1"
  }
}
resource "aws_db_instance" "half" {
  engine               = "postgres"
  instance_class       = "db.t3.micro"
  parameter_group_name = aws_db_parameter_group.pg.name
}
resource "aws_db_instance" "plain" {
  engine         = "postgres"
  instance_class = "db.t3.micro"
}
resource "aws_db_instance" "elsewhere" {
  engine               = "postgres"
  instance_class       = "db.t3.micro"
  parameter_group_name = "made-by-hand"
}
resource "aws_db_instance" "mysql" {
  engine         = "mysql"
  instance_class = "db.t3.micro"
}
resource "aws_rds_cluster_parameter_group" "aurora" {
  name   = "aurora"
  family = "aurora-postgresql16"
  parameter {
    name  = "log_connections"
    value = "1"
  }
  parameter {
    name  = "log_disconnections"
    value = "1"
  }
}
resource "aws_rds_cluster" "aurora" {
  engine                          = "aurora-postgresql"
  db_cluster_parameter_group_name = aws_rds_cluster_parameter_group.aurora.name
}
resource "aws_db_parameter_group" "quiet" {
  name   = "quiet"
  family = "aurora-postgresql16"
  parameter {
    name  = "log_disconnections"
    value = "0"
  }
}
resource "aws_rds_cluster_instance" "inherits" {
  cluster_identifier = aws_rds_cluster.aurora.id
  engine             = "aurora-postgresql"
  instance_class     = "db.r6g.large"
}
resource "aws_rds_cluster_instance" "overrides" {
  cluster_identifier      = aws_rds_cluster.aurora.id
  engine                  = "aurora-postgresql"
  instance_class          = "db.r6g.large"
  db_parameter_group_name = aws_db_parameter_group.quiet.name
}
resource "aws_rds_cluster" "bare" {
  engine = "aurora-postgresql"
}
"""
RDS_DOC = (
    "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/"
    "USER_LogAccess.Concepts.PostgreSQL.Query_Logging.html"
)


def test_connection_logging_from_parameter_groups(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(TERRAFORM, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-DB-004",)))
    found = {f.address: f for f in result.findings}
    verdicts = {a: (f.status, f.message.en) for a, f in found.items()}
    assert verdicts == {
        "aws_db_instance.half": (
            Status.FAIL,
            "log_disconnections not on (provider default: 'log_disconnections in "
            "aws_db_parameter_group.pg' not set)",
        ),
        "aws_db_instance.plain": (
            Status.FAIL,
            "log_connections, log_disconnections not on (provider default: "
            "'parameter_group_name' not set)",
        ),
        "aws_db_instance.elsewhere": (
            Status.UNKNOWN,
            "the connection logging flags are not known from the input: its parameter group "
            "made-by-hand is not in the scan: it may set the logging parameters",
        ),
        "aws_db_instance.mysql": (Status.NOT_APPLICABLE, "not a PostgreSQL database"),
        "aws_rds_cluster.aurora": (
            Status.PASS, "PostgreSQL logs connections and disconnections"
        ),
        "aws_rds_cluster_instance.inherits": (
            Status.PASS, "PostgreSQL logs connections and disconnections"
        ),
        "aws_rds_cluster_instance.overrides": (Status.FAIL, "log_disconnections not on"),
        "aws_rds_cluster.bare": (
            Status.FAIL,
            "log_connections, log_disconnections not on (provider default: "
            "'db_cluster_parameter_group_name' not set)",
        ),
    }
    defaults = found["aws_db_instance.plain"].evidence["defaults"]
    assert defaults["connection_logging"]["documentation"] == RDS_DOC


TEMPLATE = """\
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Params:
    Type: AWS::RDS::DBParameterGroup
    Properties:
      Family: postgres16
      Description: logs
      Parameters: {log_connections: "1", log_disconnections: "1"}
  Logged:
    Type: AWS::RDS::DBInstance
    Properties: {Engine: postgres, DBInstanceClass: db.t3.micro, DBParameterGroupName: !Ref Params}
  Plain:
    Type: AWS::RDS::DBInstance
    Properties: {Engine: postgres, DBInstanceClass: db.t3.micro}
  Elsewhere:
    Type: AWS::RDS::DBInstance
    Properties: {Engine: postgres, DBInstanceClass: db.t3.micro, DBParameterGroupName: by-hand}
  Aurora:
    Type: AWS::RDS::DBCluster
    Properties: {Engine: aurora-postgresql}
"""


def test_cloudformation_connection_logging(tmp_path: Path) -> None:
    """The same in CloudFormation (``AWS::RDS::DBInstance`` ``DBParameterGroupName``,
    ``AWS::RDS::DBCluster`` ``DBClusterParameterGroupName``): was UNKNOWN."""
    (tmp_path / "stack.yaml").write_text(TEMPLATE, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-DB-004",)))
    verdicts = {f.address: (f.status, f.message.en) for f in result.findings}
    assert verdicts == {
        "Logged": (Status.PASS, "PostgreSQL logs connections and disconnections"),
        "Plain": (
            Status.FAIL,
            "log_connections, log_disconnections not on (provider default: "
            "'DBParameterGroupName' not set)",
        ),
        "Elsewhere": (
            Status.UNKNOWN,
            "the connection logging flags are not known from the input: its parameter group "
            "by-hand is not in the scan: it may set the logging parameters",
        ),
        "Aurora": (
            Status.FAIL,
            "log_connections, log_disconnections not on (provider default: "
            "'DBClusterParameterGroupName' not set)",
        ),
    }


AURORA_TEMPLATE = """\
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  ClusterParams:
    Type: AWS::RDS::DBClusterParameterGroup
    Properties:
      Family: aurora-postgresql16
      Description: logs
      Parameters: {log_connections: "1", log_disconnections: "1"}
  Quiet:
    Type: AWS::RDS::DBParameterGroup
    Properties:
      Family: aurora-postgresql16
      Description: quiet
      Parameters: {log_disconnections: "0"}
  Cluster:
    Type: AWS::RDS::DBCluster
    Properties: {Engine: aurora-postgresql, DBClusterParameterGroupName: !Ref ClusterParams}
  Inherits:
    Type: AWS::RDS::DBInstance
    Properties:
      {Engine: aurora-postgresql, DBInstanceClass: db.r6g.large, DBClusterIdentifier: !Ref Cluster}
  Overrides:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: aurora-postgresql
      DBInstanceClass: db.r6g.large
      DBClusterIdentifier: !Ref Cluster
      DBParameterGroupName: !Ref Quiet
  Orphan:
    Type: AWS::RDS::DBInstance
    Properties:
      {Engine: aurora-postgresql, DBInstanceClass: db.r6g.large, DBClusterIdentifier: elsewhere}
"""


def test_cloudformation_aurora_instances(tmp_path: Path) -> None:
    """An Aurora PostgreSQL ``AWS::RDS::DBInstance``: its own DB parameter group first, then
    its cluster's (was UNKNOWN)."""
    (tmp_path / "stack.yaml").write_text(AURORA_TEMPLATE, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-DB-004",)))
    verdicts = {f.address: (f.status, f.message.en) for f in result.findings}
    assert verdicts == {
        "Cluster": (Status.PASS, "PostgreSQL logs connections and disconnections"),
        "Inherits": (Status.PASS, "PostgreSQL logs connections and disconnections"),
        "Overrides": (Status.FAIL, "log_disconnections not on"),
        "Orphan": (
            Status.UNKNOWN,
            "the connection logging flags are not known from the input: its cluster "
            "elsewhere is not in the scan: it may set the logging parameters",
        ),
    }
