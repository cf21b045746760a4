"""DocumentDB, Redshift and Aurora clusters: TLS from their cluster parameter group (GDCC-ENC-004)
in Terraform and CloudFormation, the engine default labelled "default", UNKNOWN with its
reason; a Redshift cluster without PubliclyAccessible is not public (the API default)."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

DOCDB_DOC = "https://docs.aws.amazon.com/documentdb/latest/developerguide/security.encryption.ssl.html"
REDSHIFT_DOC = "https://docs.aws.amazon.com/redshift/latest/mgmt/connecting-ssl-support.html"
REDSHIFT_UNLESS = (
    "AWS announced that provisioned clusters created from 10 January 2025 get a default "
    "parameter group with require_ssl true; the Redshift documentation does not say so, so it "
    "is not assumed"
)

TF_MAIN = """\
resource "aws_docdb_cluster_parameter_group" "no_tls" {
  family = "docdb5.0"
  name   = "no-tls"
  parameter {
    name  = "tls"
    value = "disabled"
  }
}

resource "aws_docdb_cluster" "no_tls" {
  tags                            = { gdcc_personal_data = "true" }
  cluster_identifier              = "no-tls"
  db_cluster_parameter_group_name = aws_docdb_cluster_parameter_group.no_tls.name
}

resource "aws_docdb_cluster_parameter_group" "audit_only" {
  family = "docdb5.0"
  name   = "audit-only"
  parameter {
    name  = "audit_logs"
    value = "enabled"
  }
}

resource "aws_docdb_cluster" "inherits" {
  tags                            = { gdcc_personal_data = "true" }
  cluster_identifier              = "inherits"
  db_cluster_parameter_group_name = aws_docdb_cluster_parameter_group.audit_only.name
  enabled_cloudwatch_logs_exports = ["audit"]
}

resource "aws_docdb_cluster" "no_group" {
  tags                            = { gdcc_personal_data = "true" }
  cluster_identifier              = "no-group"
  enabled_cloudwatch_logs_exports = ["audit", "profiler"]
}

resource "aws_redshift_parameter_group" "ssl" {
  name   = "ssl"
  family = "redshift-1.0"
  parameter {
    name  = "require_ssl"
    value = "true"
  }
}

resource "aws_redshift_cluster" "ssl" {
  cluster_identifier           = "ssl"
  node_type                    = "ra3.large"
  cluster_parameter_group_name = aws_redshift_parameter_group.ssl.name
}

resource "aws_redshift_parameter_group" "plain" {
  name   = "plain"
  family = "redshift-1.0"
  parameter {
    name  = "require_ssl"
    value = "false"
  }
}

resource "aws_redshift_cluster" "plain" {
  cluster_identifier           = "plain"
  node_type                    = "ra3.large"
  cluster_parameter_group_name = aws_redshift_parameter_group.plain.name
}

resource "aws_redshift_cluster" "no_group" {
  cluster_identifier = "rs-no-group"
  node_type          = "ra3.large"
}

resource "aws_redshift_parameter_group" "logging_only" {
  name   = "logging-only"
  family = "redshift-1.0"
  parameter {
    name  = "enable_user_activity_logging"
    value = "true"
  }
}

resource "aws_redshift_cluster" "inherits" {
  cluster_identifier           = "rs-inherits"
  node_type                    = "ra3.large"
  cluster_parameter_group_name = aws_redshift_parameter_group.logging_only.name
}

resource "aws_redshift_cluster" "aws_default" {
  cluster_identifier           = "rs-aws-default"
  node_type                    = "ra3.large"
  cluster_parameter_group_name = "default.redshift-1.0"
}

resource "aws_redshift_cluster" "elsewhere" {
  cluster_identifier           = "rs-elsewhere"
  node_type                    = "ra3.large"
  cluster_parameter_group_name = "shared-ssl-group"
}

resource "aws_rds_cluster_parameter_group" "aurora_tls" {
  name   = "aurora-tls"
  family = "aurora-postgresql16"
  parameter {
    name  = "rds.force_ssl"
    value = "1"
  }
}

resource "aws_rds_cluster" "aurora_tls" {
  cluster_identifier              = "aurora-tls"
  engine                          = "aurora-postgresql"
  db_cluster_parameter_group_name = aws_rds_cluster_parameter_group.aurora_tls.name
}

resource "aws_rds_cluster" "aurora_mysql" {
  cluster_identifier = "aurora-mysql"
  engine             = "aurora-mysql"
}

resource "aws_rds_cluster" "no_engine" {
  # the provider's default engine was "aurora" (Aurora MySQL) before it became required
  cluster_identifier = "no-engine"
}
"""

CFN = """\
Resources:
  NoTlsParams:
    Type: AWS::DocDB::DBClusterParameterGroup
    Properties:
      Family: docdb5.0
      Description: tls off
      Parameters: {tls: disabled}
  DocNoTls:
    Type: AWS::DocDB::DBCluster
    Properties:
      Tags: [{Key: "gdcc:personal-data", Value: "true"}]
      DBClusterParameterGroupName: !Ref NoTlsParams
  AuditParams:
    Type: AWS::DocDB::DBClusterParameterGroup
    Properties:
      Name: audit-only
      Family: docdb5.0
      Description: audit logs only
      Parameters: {audit_logs: enabled}
  DocInherits:
    Type: AWS::DocDB::DBCluster
    Properties:
      Tags: [{Key: "gdcc:personal-data", Value: "true"}]
      DBClusterParameterGroupName: audit-only
      EnableCloudwatchLogsExports: [audit]
  DocNoGroup:
    Type: AWS::DocDB::DBCluster
    Properties:
      Tags: [{Key: "gdcc:personal-data", Value: "true"}]
      EnableCloudwatchLogsExports: [audit, profiler]
  SslParams:
    Type: AWS::Redshift::ClusterParameterGroup
    Properties:
      Description: ssl
      ParameterGroupFamily: redshift-1.0
      Parameters:
        - {ParameterName: require_ssl, ParameterValue: "true"}
  RedshiftSsl:
    Type: AWS::Redshift::Cluster
    Properties:
      NodeType: ra3.large
      ClusterType: single-node
      PubliclyAccessible: true
      ClusterParameterGroupName: !Ref SslParams
  PlainParams:
    Type: AWS::Redshift::ClusterParameterGroup
    Properties:
      Description: plain
      ParameterGroupFamily: redshift-1.0
      Parameters:
        - {ParameterName: require_ssl, ParameterValue: "false"}
  RedshiftPlain:
    Type: AWS::Redshift::Cluster
    Properties:
      NodeType: ra3.large
      ClusterType: single-node
      ClusterParameterGroupName: !Ref PlainParams
  RedshiftNoGroup:
    Type: AWS::Redshift::Cluster
    Properties: {NodeType: ra3.large, ClusterType: single-node}
"""


def _found(path: Path, rule: str) -> dict[str, object]:
    result = audit([path], Settings(rule_ids=(rule,)))
    return {f.address: f for f in result.findings}


def test_terraform_cluster_parameter_groups(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(TF_MAIN, encoding="utf-8")
    found = _found(tmp_path, "GDCC-ENC-004")
    assert {a: f.status for a, f in found.items()} == {  # type: ignore[attr-defined]
        "aws_docdb_cluster.no_tls": Status.FAIL,
        "aws_docdb_cluster.inherits": Status.PASS,  # tls enabled by default
        "aws_docdb_cluster.no_group": Status.PASS,
        "aws_redshift_cluster.ssl": Status.PASS,
        "aws_redshift_cluster.plain": Status.FAIL,
        "aws_redshift_cluster.no_group": Status.FAIL,  # require_ssl false by default
        "aws_redshift_cluster.inherits": Status.FAIL,  # its group does not set require_ssl
        "aws_redshift_cluster.aws_default": Status.FAIL,
        "aws_redshift_cluster.elsewhere": Status.UNKNOWN,  # the group may set it
        # the groups judged on their own (tests/test_db_parameter_group_kind.py)
        "aws_docdb_cluster_parameter_group.no_tls": Status.FAIL,
        "aws_docdb_cluster_parameter_group.audit_only": Status.PASS,
        "aws_redshift_parameter_group.ssl": Status.PASS,
        "aws_redshift_parameter_group.plain": Status.FAIL,
        "aws_redshift_parameter_group.logging_only": Status.FAIL,
        "aws_rds_cluster.aurora_tls": Status.PASS,
        "aws_rds_cluster.aurora_mysql": Status.FAIL,  # require_secure_transport OFF
        "aws_rds_cluster.no_engine": Status.FAIL,
    }
    evidence = {a: f.evidence for a, f in found.items()}  # type: ignore[attr-defined]
    assert evidence["aws_docdb_cluster.inherits"]["defaults"]["encrypted_in_transit"] == {
        "attribute": "tls in aws_docdb_cluster_parameter_group.audit_only",
        "value": "default",
        "documentation": DOCDB_DOC,
    }
    assert evidence["aws_docdb_cluster.no_group"]["defaults"]["encrypted_in_transit"][
        "attribute"
    ] == "db_cluster_parameter_group_name"
    assert "defaults" not in evidence["aws_docdb_cluster.no_tls"]
    assert evidence["aws_redshift_cluster.no_group"]["defaults"]["encrypted_in_transit"] == {
        "attribute": "cluster_parameter_group_name",
        "value": "default",
        "documentation": REDSHIFT_DOC,
        "unless": REDSHIFT_UNLESS,
    }
    assert evidence["aws_redshift_cluster.aws_default"]["defaults"]["encrypted_in_transit"] == {
        "attribute": "require_ssl in default.redshift-1.0",
        "value": "default",
        "documentation": REDSHIFT_DOC,
        "unless": REDSHIFT_UNLESS,
    }
    # a custom group inherits its family's value: the announcement is about AWS's groups
    assert evidence["aws_redshift_cluster.inherits"]["defaults"]["encrypted_in_transit"] == {
        "attribute": "require_ssl in aws_redshift_parameter_group.logging_only",
        "value": "default",
        "documentation": REDSHIFT_DOC,
    }
    assert evidence["aws_redshift_cluster.elsewhere"]["unknown_because"] == {
        "encrypted_in_transit": "its parameter group shared-ssl-group is not in the scan: it "
        "may set the TLS parameter"
    }
    assert "defaults" not in evidence["aws_redshift_cluster.plain"]
    assert evidence["aws_rds_cluster.aurora_mysql"]["defaults"]["encrypted_in_transit"] == {
        "attribute": "db_cluster_parameter_group_name",
        "value": "default",
        "documentation": "https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/"
        "AuroraMySQL.Security.html",
    }


def test_cloudformation_cluster_parameter_groups(tmp_path: Path) -> None:
    (tmp_path / "db.yaml").write_text(CFN, encoding="utf-8")
    found = _found(tmp_path, "GDCC-ENC-004")
    assert {a: f.status for a, f in found.items()} == {  # type: ignore[attr-defined]
        "DocNoTls": Status.FAIL,
        "DocInherits": Status.PASS,  # the group named by its Name; tls enabled by default
        "DocNoGroup": Status.PASS,
        "RedshiftSsl": Status.PASS,
        "RedshiftPlain": Status.FAIL,
        "RedshiftNoGroup": Status.FAIL,
        # the groups judged on their own (tests/test_db_parameter_group_kind.py)
        "NoTlsParams": Status.FAIL,
        "AuditParams": Status.PASS,
        "SslParams": Status.PASS,
        "PlainParams": Status.FAIL,
    }
    evidence = {a: f.evidence for a, f in found.items()}  # type: ignore[attr-defined]
    assert evidence["DocInherits"]["defaults"]["encrypted_in_transit"] == {
        "attribute": "tls in AuditParams",
        "value": "default",
        "documentation": DOCDB_DOC,
    }
    assert evidence["DocNoGroup"]["defaults"]["encrypted_in_transit"]["attribute"] == (
        "DBClusterParameterGroupName"
    )
    assert evidence["RedshiftNoGroup"]["defaults"]["encrypted_in_transit"] == {
        "attribute": "ClusterParameterGroupName",
        "value": "default",
        "documentation": REDSHIFT_DOC,
        "unless": REDSHIFT_UNLESS,
    }


def test_cloudformation_redshift_is_not_public_by_default(tmp_path: Path) -> None:
    (tmp_path / "db.yaml").write_text(CFN, encoding="utf-8")
    found = _found(tmp_path, "GDCC-NET-002")
    assert {a: f.status for a, f in found.items()} == {  # type: ignore[attr-defined]
        "RedshiftSsl": Status.FAIL,  # PubliclyAccessible: true
        "RedshiftPlain": Status.PASS,
        "RedshiftNoGroup": Status.PASS,
        "DocNoTls": Status.PASS,  # DocumentDB: reachable inside its VPC only
        "DocInherits": Status.PASS,
        "DocNoGroup": Status.PASS,
    }
    default = found["RedshiftPlain"].evidence["defaults"]["public_endpoint"]  # type: ignore[attr-defined]
    assert default == {
        "attribute": "PubliclyAccessible",
        "value": "default",
        "documentation": "https://docs.aws.amazon.com/redshift/latest/APIReference/"
        "API_CreateCluster.html",
    }


AUDIT_DOC = "https://docs.aws.amazon.com/documentdb/latest/developerguide/event-auditing.html"


def test_documentdb_audit_needs_the_export_and_audit_logs(tmp_path: Path) -> None:
    """Exporting the audit log records nothing until audit_logs is on (disabled by default):
    a wrong PASS before."""
    (tmp_path / "tf").mkdir()
    (tmp_path / "tf" / "main.tf").write_text(TF_MAIN, encoding="utf-8")
    (tmp_path / "cfn").mkdir()
    (tmp_path / "cfn" / "db.yaml").write_text(CFN, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-DATA-004",)))
    found = {f.address: f for f in result.findings if f.provider_type.lower().find("docdb") >= 0}
    assert {a: f.status for a, f in found.items()} == {
        "aws_docdb_cluster.no_tls": Status.FAIL,  # exports nothing
        "aws_docdb_cluster.inherits": Status.PASS,  # audit export + audit_logs enabled
        "aws_docdb_cluster.no_group": Status.FAIL,  # audit export, default audit_logs
        "DocNoTls": Status.FAIL,
        "DocInherits": Status.PASS,
        "DocNoGroup": Status.FAIL,
        # the groups judged on their own; untagged: no personal data
        "aws_docdb_cluster_parameter_group.no_tls": Status.NOT_APPLICABLE,
        "aws_docdb_cluster_parameter_group.audit_only": Status.NOT_APPLICABLE,
        "NoTlsParams": Status.NOT_APPLICABLE,
        "AuditParams": Status.NOT_APPLICABLE,
    }
    for address in ("aws_docdb_cluster.no_group", "DocNoGroup"):
        assert found[address].evidence["defaults"]["access_logging"]["documentation"] == (
            AUDIT_DOC
        )
    assert "defaults" not in found["DocInherits"].evidence


NEPTUNE_TF = """\
resource "aws_neptune_cluster" "current" {
  cluster_identifier = "graph"
}

resource "aws_neptune_cluster" "old" {
  cluster_identifier = "old-graph"
  engine_version     = "1.0.3.0"
}
"""

NEPTUNE_CFN = """\
Resources:
  Graph:
    Type: AWS::Neptune::DBCluster
    Properties: {EngineVersion: "1.3.2.1"}
"""


def test_neptune_serves_https_only(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(NEPTUNE_TF, encoding="utf-8")
    (tmp_path / "graph.yaml").write_text(NEPTUNE_CFN, encoding="utf-8")
    found = _found(tmp_path, "GDCC-ENC-004")
    assert {a: f.status for a, f in found.items()} == {  # type: ignore[attr-defined]
        "aws_neptune_cluster.current": Status.PASS,
        "aws_neptune_cluster.old": Status.UNKNOWN,  # before 1.0.4.0 a parameter decides
        "Graph": Status.PASS,
    }
    assert found["aws_neptune_cluster.old"].evidence["unknown_because"][  # type: ignore[attr-defined]
        "encrypted_in_transit"
    ].startswith("Neptune 1.0.3.0 predates HTTPS-only endpoints (1.0.4.0)")


NEPTUNE_AUDIT_TF = """\
resource "aws_neptune_cluster_parameter_group" "audit" {
  family = "neptune1.3"
  name   = "audit"
  parameter {
    name  = "neptune_enable_audit_log"
    value = "1"
  }
}

resource "aws_neptune_cluster" "audited" {
  cluster_identifier                   = "audited"
  neptune_cluster_parameter_group_name = aws_neptune_cluster_parameter_group.audit.name
  enable_cloudwatch_logs_exports       = ["audit"]
  tags                                 = { gdcc_personal_data = "true" }
}
"""

NEPTUNE_AUDIT_CFN = """\
Resources:
  ExportOnly:
    Type: AWS::Neptune::DBCluster
    Properties:
      EnableCloudwatchLogsExports: [audit]
      Tags: [{Key: "gdcc:personal-data", Value: "true"}]
"""


def test_neptune_audit_needs_the_export_and_the_parameter(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(NEPTUNE_AUDIT_TF, encoding="utf-8")
    (tmp_path / "graph.yaml").write_text(NEPTUNE_AUDIT_CFN, encoding="utf-8")
    found = _found(tmp_path, "GDCC-DATA-004")
    assert {a: f.status for a, f in found.items()} == {  # type: ignore[attr-defined]
        "aws_neptune_cluster.audited": Status.PASS,
        "ExportOnly": Status.FAIL,  # neptune_enable_audit_log is 0 by default
        # the group judged on its own (test_db_parameter_group_kind); untagged: no personal data
        "aws_neptune_cluster_parameter_group.audit": Status.NOT_APPLICABLE,
    }
    assert found["ExportOnly"].evidence["defaults"]["access_logging"] == {  # type: ignore[attr-defined]
        "attribute": "DBClusterParameterGroupName",
        "value": "default",
        "documentation": "https://docs.aws.amazon.com/neptune/latest/userguide/auditing.html",
    }
