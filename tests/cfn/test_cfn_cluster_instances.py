"""An instance of an RDS DB cluster takes IAM authentication and backups from its cluster
("Amazon Aurora: Not applicable ... managed by the DB cluster", AWS::RDS::DBInstance): every
Aurora instance FAILed GDCC-DB-001 though its cluster enabled IAM authentication, and an
instance named into a cluster whose engine is a parameter (default ``MySQL``) FAILed
GDCC-BCK-002 with the one-day instance default while the cluster kept 16 days. Both are now
NOT_APPLICABLE on the instance and judged on the cluster."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

TEMPLATE = """\
Parameters:
  Engine:
    Type: String
    Default: MySQL
Resources:
  Aurora:
    Type: AWS::RDS::DBCluster
    Properties:
      Engine: aurora-postgresql
      EnableIAMDatabaseAuthentication: true
      BackupRetentionPeriod: 16
  AuroraMember:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: aurora-postgresql
      DBClusterIdentifier: !Ref Aurora
      DBInstanceClass: db.r6g.large
  ParameterCluster:
    Type: AWS::RDS::DBCluster
    Properties:
      Engine: !Ref Engine
      EnableIAMDatabaseAuthentication: true
      BackupRetentionPeriod: 16
  ParameterMember:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: !Ref Engine
      DBClusterIdentifier: !Ref ParameterCluster
      DBInstanceClass: db.r6g.large
  Standalone:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: mysql
      DBInstanceClass: db.t3.micro
"""

ON_CLUSTER = (
    "does not apply to AWS::RDS::DBInstance: an Aurora instance takes this from its DB "
    "cluster (aws_rds_cluster / AWS::RDS::DBCluster), where it is judged"
)


def test_cluster_instances_defer_to_their_cluster(tmp_path: Path) -> None:
    (tmp_path / "stack.yaml").write_text(TEMPLATE, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-DB-001", "GDCC-BCK-002")))
    found = {(f.address, f.rule_id): (f.status, f.message.en) for f in result.findings}
    for member in ("AuroraMember", "ParameterMember"):
        for rule in ("GDCC-DB-001", "GDCC-BCK-002"):
            assert found[(member, rule)] == (Status.NOT_APPLICABLE, ON_CLUSTER)
    for cluster in ("Aurora", "ParameterCluster"):
        assert found[(cluster, "GDCC-DB-001")][0] is Status.PASS
        assert found[(cluster, "GDCC-BCK-002")][0] is Status.PASS
    assert found[("Standalone", "GDCC-DB-001")] == (
        Status.FAIL, "IAM / directory authentication is off"
    )
    assert found[("Standalone", "GDCC-BCK-002")] == (
        Status.FAIL, "backup retention is 1 day; at least 7 days required"
    )
