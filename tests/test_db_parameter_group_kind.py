"""DocumentDB, Redshift and Neptune parameter groups judged on their own (kind
database.parameter_group), in Terraform and CloudFormation: TLS (GDCC-ENC-004) and audit events
(GDCC-DATA-004) as written, else the family's documented default labelled "default"; UNKNOWN
with the reason for a value known only at deploy time; NOT_APPLICABLE with the reason where a
group has no such setting; the database naming a group is judged too."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

DOCDB_TLS = "https://docs.aws.amazon.com/documentdb/latest/developerguide/security.encryption.ssl.html"
DOCDB_AUDIT = "https://docs.aws.amazon.com/documentdb/latest/developerguide/event-auditing.html"
REDSHIFT_SSL = "https://docs.aws.amazon.com/redshift/latest/mgmt/connecting-ssl-support.html"
REDSHIFT_NA = (
    "does not apply to {}: a Redshift parameter group does not turn audit logging on: the "
    "cluster's logging (logging / LoggingProperties) does, and is judged on the cluster; the "
    "group's enable_user_activity_logging only adds the user activity log to it"
)

TF = """\
variable "tls" {}

resource "aws_docdb_cluster_parameter_group" "tls_off" {
  family = "docdb5.0"
  name   = "tls-off"
  tags   = { gdcc_personal_data = "true" }
  parameter {
    name  = "tls"
    value = "disabled"
  }
}

resource "aws_docdb_cluster_parameter_group" "defaults" {
  family = "docdb5.0"
  name   = "defaults"
  tags   = { gdcc_personal_data = "true" }
  parameter {
    name  = "ttl_monitor"
    value = "enabled"
  }
}

resource "aws_docdb_cluster_parameter_group" "audited" {
  family = "docdb5.0"
  name   = "audited"
  tags   = { gdcc_personal_data = "true" }
  parameter {
    name  = "tls"
    value = "tls1.2+"
  }
  parameter {
    name  = "audit_logs"
    value = "ddl,dml_write"
  }
}

resource "aws_docdb_cluster_parameter_group" "computed" {
  family = "docdb5.0"
  name   = "computed"
  tags   = { gdcc_personal_data = "true" }
  parameter {
    name  = "tls"
    value = var.tls
  }
  parameter {
    name  = "audit_logs"
    value = "none"
  }
}

resource "aws_docdb_cluster" "uses_tls_off" {
  cluster_identifier              = "uses-tls-off"
  db_cluster_parameter_group_name = aws_docdb_cluster_parameter_group.tls_off.name
  tags                            = { gdcc_personal_data = "true" }
}

resource "aws_redshift_parameter_group" "ssl" {
  name   = "ssl"
  family = "redshift-1.0"
  tags   = { gdcc_personal_data = "true" }
  parameter {
    name  = "require_ssl"
    value = true
  }
}

resource "aws_redshift_parameter_group" "logging_only" {
  name   = "logging-only"
  family = "redshift-1.0"
  parameter {
    name  = "enable_user_activity_logging"
    value = "true"
  }
}

resource "aws_redshift_parameter_group" "off" {
  name   = "off"
  family = "redshift-1.0"
  parameter {
    name  = "require_ssl"
    value = "false"
  }
}
"""

CFN = """\
Parameters:
  TlsMode:
    Type: String
Resources:
  TlsOff:
    Type: AWS::DocDB::DBClusterParameterGroup
    Properties:
      Family: docdb5.0
      Description: tls off
      Parameters: {tls: disabled}
      Tags: [{Key: "gdcc:personal-data", Value: "true"}]
  Defaults:
    Type: AWS::DocDB::DBClusterParameterGroup
    Properties:
      Family: docdb5.0
      Description: ttl only
      Parameters: {ttl_monitor: enabled}
      Tags: [{Key: "gdcc:personal-data", Value: "true"}]
  Audited:
    Type: AWS::DocDB::DBClusterParameterGroup
    Properties:
      Family: docdb5.0
      Description: audited
      Parameters: {tls: fips-140-3, audit_logs: all}
      Tags: [{Key: "gdcc:personal-data", Value: "true"}]
  FromParameter:
    Type: AWS::DocDB::DBClusterParameterGroup
    Properties:
      Family: docdb5.0
      Description: tls from a stack parameter
      Parameters: {tls: !Ref TlsMode, audit_logs: disabled}
      Tags: [{Key: "gdcc:personal-data", Value: "true"}]
  UsesTlsOff:
    Type: AWS::DocDB::DBCluster
    Properties:
      DBClusterParameterGroupName: !Ref TlsOff
      Tags: [{Key: "gdcc:personal-data", Value: "true"}]
  SslBool:
    Type: AWS::Redshift::ClusterParameterGroup
    Properties:
      Description: ssl
      ParameterGroupFamily: redshift-1.0
      Parameters:
        - {ParameterName: require_ssl, ParameterValue: true}
  LoggingOnly:
    Type: AWS::Redshift::ClusterParameterGroup
    Properties:
      Description: logging only
      ParameterGroupFamily: redshift-1.0
      Parameters:
        - {ParameterName: enable_user_activity_logging, ParameterValue: "true"}
  SslOff:
    Type: AWS::Redshift::ClusterParameterGroup
    Properties:
      Description: ssl off
      ParameterGroupFamily: redshift-1.0
      Parameters:
        - {ParameterName: require_ssl, ParameterValue: false}
      Tags: [{Key: "gdcc:personal-data", Value: "true"}]
"""


def _findings(path: Path, rule: str) -> dict[str, Any]:
    result = audit([path], Settings(rule_ids=(rule,)))
    return {f.address: f for f in result.findings}


def _default(attribute: str, doc: str) -> dict[str, str]:
    return {"attribute": attribute, "value": "default", "documentation": doc}


def test_terraform_groups_require_tls(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(TF, encoding="utf-8")
    found = _findings(tmp_path, "GDCC-ENC-004")
    assert {a: (f.status, f.resource_kind) for a, f in found.items()} == {
        "aws_docdb_cluster_parameter_group.tls_off": (Status.FAIL, "database.parameter_group"),
        "aws_docdb_cluster_parameter_group.defaults": (Status.PASS, "database.parameter_group"),
        "aws_docdb_cluster_parameter_group.audited": (Status.PASS, "database.parameter_group"),
        "aws_docdb_cluster_parameter_group.computed": (
            Status.UNKNOWN,
            "database.parameter_group",
        ),
        # the cluster naming the group is judged through it as before
        "aws_docdb_cluster.uses_tls_off": (Status.FAIL, "database.instance"),
        "aws_redshift_parameter_group.ssl": (Status.PASS, "database.parameter_group"),  # true
        "aws_redshift_parameter_group.logging_only": (Status.FAIL, "database.parameter_group"),
        "aws_redshift_parameter_group.off": (Status.FAIL, "database.parameter_group"),
    }
    evidence = {a: f.evidence for a, f in found.items()}
    assert evidence["aws_docdb_cluster_parameter_group.defaults"]["defaults"] == {
        "encrypted_in_transit": _default(
            "tls in aws_docdb_cluster_parameter_group.defaults", DOCDB_TLS
        )
    }
    assert evidence["aws_redshift_parameter_group.logging_only"]["defaults"] == {
        "encrypted_in_transit": _default(
            "require_ssl in aws_redshift_parameter_group.logging_only", REDSHIFT_SSL
        )
    }
    assert evidence["aws_docdb_cluster_parameter_group.computed"]["unknown_because"] == {
        "encrypted_in_transit": "tls in aws_docdb_cluster_parameter_group.computed is not "
        "known before apply"
    }
    for written in ("tls_off", "audited"):
        assert "defaults" not in evidence[f"aws_docdb_cluster_parameter_group.{written}"]
    for written in ("ssl", "off"):
        assert "defaults" not in evidence[f"aws_redshift_parameter_group.{written}"]


def test_terraform_documentdb_groups_turn_audit_events_on(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(TF, encoding="utf-8")
    found = _findings(tmp_path, "GDCC-DATA-004")
    statuses = {a: f.status for a, f in found.items()}
    assert statuses == {
        "aws_docdb_cluster_parameter_group.tls_off": Status.FAIL,  # audit_logs disabled
        "aws_docdb_cluster_parameter_group.defaults": Status.FAIL,
        "aws_docdb_cluster_parameter_group.audited": Status.PASS,  # ddl,dml_write
        "aws_docdb_cluster_parameter_group.computed": Status.FAIL,  # "none"
        "aws_docdb_cluster.uses_tls_off": Status.FAIL,  # exports no audit log
        "aws_redshift_parameter_group.ssl": Status.NOT_APPLICABLE,
        "aws_redshift_parameter_group.logging_only": Status.NOT_APPLICABLE,  # no personal data
        "aws_redshift_parameter_group.off": Status.NOT_APPLICABLE,
    }
    assert found["aws_docdb_cluster_parameter_group.defaults"].evidence["defaults"] == {
        "access_logging": _default(
            "audit_logs in aws_docdb_cluster_parameter_group.defaults", DOCDB_AUDIT
        )
    }
    assert "defaults" not in found["aws_docdb_cluster_parameter_group.computed"].evidence
    assert found["aws_redshift_parameter_group.ssl"].message.en == REDSHIFT_NA.format(
        "aws_redshift_parameter_group"
    )


def test_cloudformation_groups(tmp_path: Path) -> None:
    (tmp_path / "db.yaml").write_text(CFN, encoding="utf-8")
    tls = _findings(tmp_path, "GDCC-ENC-004")
    assert {a: (f.status, f.resource_kind) for a, f in tls.items()} == {
        "TlsOff": (Status.FAIL, "database.parameter_group"),
        "Defaults": (Status.PASS, "database.parameter_group"),
        "Audited": (Status.PASS, "database.parameter_group"),  # fips-140-3
        "FromParameter": (Status.UNKNOWN, "database.parameter_group"),
        "UsesTlsOff": (Status.FAIL, "database.instance"),
        "SslBool": (Status.PASS, "database.parameter_group"),  # ParameterValue: true
        "LoggingOnly": (Status.FAIL, "database.parameter_group"),
        "SslOff": (Status.FAIL, "database.parameter_group"),  # ParameterValue: false
    }
    assert tls["Defaults"].evidence["defaults"] == {
        "encrypted_in_transit": _default("tls in Defaults", DOCDB_TLS)
    }
    assert tls["LoggingOnly"].evidence["defaults"] == {
        "encrypted_in_transit": _default("require_ssl in LoggingOnly", REDSHIFT_SSL)
    }
    assert tls["FromParameter"].evidence["unknown_because"] == {
        "encrypted_in_transit": "tls in FromParameter is not known before apply"
    }
    logged = _findings(tmp_path, "GDCC-DATA-004")
    assert {a: f.status for a, f in logged.items()} == {
        "TlsOff": Status.FAIL,
        "Defaults": Status.FAIL,
        "Audited": Status.PASS,
        "FromParameter": Status.FAIL,  # audit_logs: disabled
        "UsesTlsOff": Status.FAIL,
        "SslBool": Status.NOT_APPLICABLE,
        "LoggingOnly": Status.NOT_APPLICABLE,
        "SslOff": Status.NOT_APPLICABLE,
    }
    assert logged["TlsOff"].evidence["defaults"] == {
        "access_logging": _default("audit_logs in TlsOff", DOCDB_AUDIT)
    }
    assert logged["SslOff"].message.en == REDSHIFT_NA.format(
        "AWS::Redshift::ClusterParameterGroup"
    )


NEPTUNE_AUDIT = "https://docs.aws.amazon.com/neptune/latest/userguide/auditing.html"
NEPTUNE_NA = (
    "does not apply to {}: Neptune accepts HTTPS only from engine 1.0.4.0 on, whatever its "
    "parameter group sets (neptune_enforce_ssl applies to older engines, no longer offered); "
    "TLS is judged on the cluster"
)

NEPTUNE_TF = """\
resource "aws_neptune_cluster_parameter_group" "audit" {
  family = "neptune1.3"
  name   = "audit"
  tags   = { gdcc_personal_data = "true" }
  parameter {
    name  = "neptune_enable_audit_log"
    value = "1"
  }
}

resource "aws_neptune_cluster_parameter_group" "quiet" {
  family = "neptune1.3"
  name   = "quiet"
  tags   = { gdcc_personal_data = "true" }
  parameter {
    name  = "neptune_query_timeout"
    value = "25"
  }
}
"""

NEPTUNE_CFN = """\
Resources:
  GraphAudit:
    Type: AWS::Neptune::DBClusterParameterGroup
    Properties:
      Family: neptune1.3
      Description: audit events on
      Parameters: {neptune_enable_audit_log: 1}
      Tags: [{Key: "gdcc:personal-data", Value: "true"}]
  GraphQuiet:
    Type: AWS::Neptune::DBClusterParameterGroup
    Properties:
      Family: neptune1.3
      Description: no audit
      Parameters: {neptune_enable_audit_log: 0}
      Tags: [{Key: "gdcc:personal-data", Value: "true"}]
"""


def test_neptune_groups_turn_audit_events_on(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(NEPTUNE_TF, encoding="utf-8")
    (tmp_path / "graph.yaml").write_text(NEPTUNE_CFN, encoding="utf-8")
    logged = _findings(tmp_path, "GDCC-DATA-004")
    assert {a: (f.status, f.resource_kind) for a, f in logged.items()} == {
        "aws_neptune_cluster_parameter_group.audit": (Status.PASS, "database.parameter_group"),
        "aws_neptune_cluster_parameter_group.quiet": (Status.FAIL, "database.parameter_group"),
        "GraphAudit": (Status.PASS, "database.parameter_group"),
        "GraphQuiet": (Status.FAIL, "database.parameter_group"),  # written 0: no default
    }
    assert logged["aws_neptune_cluster_parameter_group.quiet"].evidence["defaults"] == {
        "access_logging": _default(
            "neptune_enable_audit_log in aws_neptune_cluster_parameter_group.quiet",
            NEPTUNE_AUDIT,
        )
    }
    assert "defaults" not in logged["GraphQuiet"].evidence
    tls = _findings(tmp_path, "GDCC-ENC-004")
    assert {a: f.status for a, f in tls.items()} == {
        "aws_neptune_cluster_parameter_group.audit": Status.NOT_APPLICABLE,
        "aws_neptune_cluster_parameter_group.quiet": Status.NOT_APPLICABLE,
        "GraphAudit": Status.NOT_APPLICABLE,
        "GraphQuiet": Status.NOT_APPLICABLE,
    }
    assert tls["GraphQuiet"].message.en == NEPTUNE_NA.format(
        "AWS::Neptune::DBClusterParameterGroup"
    )
    assert tls["aws_neptune_cluster_parameter_group.audit"].message.en == NEPTUNE_NA.format(
        "aws_neptune_cluster_parameter_group"
    )
