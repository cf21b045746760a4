"""A database whose exported logs record no access (only the error or slow-query log) does not
log access: GDCC-DATA-004 FAILs it (it used to PASS on any export), in Terraform and
CloudFormation; the audit, general, listener and PostgreSQL logs count. A Neptune cluster's
``enable_cloudwatch_logs_exports`` is read (it used to FAIL with its audit log exported)."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.normalize.db_logs import exports_record_access
from gdcc_audit.settings import Settings

MANIFEST = """\
apiVersion: gdcc-audit/v1
kind: Tenant
metadata: {{name: logs}}
agency: {{name_th: หน่วยงานทดสอบ, name_en: Test Agency}}
iac:
  - {{path: {path}, system: payments}}
systems:
  - id: payments
    name_th: ระบบชำระเงิน
    name_en: Payments
    personal_data: true
    security_category: {{confidentiality: high, integrity: high, availability: high}}
"""

TERRAFORM = """\
resource "aws_db_instance" "errors_only" {
  engine                          = "mysql"
  enabled_cloudwatch_logs_exports = ["error", "slowquery"]
}
resource "aws_db_option_group" "audit" {
  name                 = "audit"
  engine_name          = "mysql"
  major_engine_version = "8.0"
  option {
    option_name = "MARIADB_AUDIT_PLUGIN"
  }
}
resource "aws_db_instance" "audited" {
  engine                          = "mysql"
  option_group_name               = aws_db_option_group.audit.name
  enabled_cloudwatch_logs_exports = ["audit", "error"]
}
resource "aws_db_instance" "none" {
  engine = "mysql"
}
resource "aws_rds_cluster" "postgres" {
  engine                          = "aurora-postgresql"
  enabled_cloudwatch_logs_exports = ["postgresql"]
}
resource "aws_docdb_cluster" "profiler_only" {
  enabled_cloudwatch_logs_exports = ["profiler"]
}
resource "aws_neptune_cluster_parameter_group" "audit" {
  family = "neptune1.3"
  name   = "audit"
  parameter {
    name  = "neptune_enable_audit_log"
    value = "1"
  }
}
resource "aws_neptune_cluster" "audited" {
  enable_cloudwatch_logs_exports       = ["audit"]
  neptune_cluster_parameter_group_name = aws_neptune_cluster_parameter_group.audit.name
}
resource "aws_neptune_cluster" "export_only" {
  enable_cloudwatch_logs_exports = ["audit"]
}
"""

TEMPLATE = """\
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  LogType: {Type: String}
Resources:
  ErrorsOnly:
    Type: AWS::DocDB::DBCluster
    Properties: {EnableCloudwatchLogsExports: [profiler]}
  Audited:
    Type: AWS::DocDB::DBCluster
    Properties:
      EnableCloudwatchLogsExports: [audit, profiler]
      DBClusterParameterGroupName: !Ref AuditOn
  AuditOn:
    Type: AWS::DocDB::DBClusterParameterGroup
    Properties:
      Family: docdb5.0
      Description: audit events on
      Parameters: {audit_logs: all}
  ExportOnly:
    Type: AWS::DocDB::DBCluster
    Properties: {EnableCloudwatchLogsExports: [audit]}
  FromParameter:
    Type: AWS::DocDB::DBCluster
    Properties: {EnableCloudwatchLogsExports: [profiler, !Ref LogType]}
"""


def _data004(folder: Path, name: str, text: str) -> dict[str, Status]:
    (folder / name).write_text(text)
    (folder / "tenant.yaml").write_text(MANIFEST.format(path=name))
    result = audit([folder / "tenant.yaml"], Settings(rule_ids=("GDCC-DATA-004",)))
    return {f.address or "": f.status for f in result.findings}


def test_log_types_that_record_no_access() -> None:
    assert exports_record_access(["audit"]) is True
    assert exports_record_access(["postgresql"]) is True
    assert exports_record_access(["General", "error"]) is True
    assert exports_record_access(["error", "slowquery", "iam-db-auth-error"]) is False
    assert exports_record_access([]) is False


def test_terraform_databases_exporting_only_error_logs_fail(tmp_path: Path) -> None:
    found = _data004(tmp_path, "main.tf", TERRAFORM)
    assert found["aws_db_instance.errors_only"] is Status.FAIL
    assert found["aws_db_instance.audited"] is Status.PASS
    assert found["aws_db_instance.none"] is Status.FAIL
    assert found["aws_rds_cluster.postgres"] is Status.PASS
    assert found["aws_docdb_cluster.profiler_only"] is Status.FAIL
    # Neptune names the argument enable_cloudwatch_logs_exports (was read as no export);
    # its audit log records events once neptune_enable_audit_log is 1 (0 by default)
    assert found["aws_neptune_cluster.audited"] is Status.PASS
    assert found["aws_neptune_cluster.export_only"] is Status.FAIL


def test_cloudformation_clusters_exporting_only_the_profiler_fail(tmp_path: Path) -> None:
    found = _data004(tmp_path, "template.yaml", TEMPLATE)
    assert found == {
        "ErrorsOnly": Status.FAIL,
        "Audited": Status.PASS,
        # the audit export alone records nothing: audit_logs is disabled by default
        "ExportOnly": Status.FAIL,
        "FromParameter": Status.UNKNOWN,
        # the parameter group judged on its own: it turns audit events on (audit_logs all)
        "AuditOn": Status.PASS,
    }
