"""GDCC-ENC-004 (CloudFormation): an instance of a DB cluster (an Aurora ``AWS::RDS::DBInstance``
with ``DBClusterIdentifier``) takes TLS from its cluster's parameter group
(``require_secure_transport`` / ``rds.force_ssl`` are cluster parameters): it is judged on the
cluster, NOT_APPLICABLE on the instance, as Terraform's ``aws_rds_cluster_instance`` is. The
mapper read the instance's own ``DBParameterGroupName`` (none: the engine's default) and FAILed
every Aurora instance whatever the cluster's group said (aws-samples/aws-refarch-wordpress'
``DatabaseInstance0`` / ``1``); a cluster requiring TLS now PASSes alone."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

TEMPLATE = """\
Resources:
  ClusterParams:
    Type: AWS::RDS::DBClusterParameterGroup
    Properties:
      Description: tls
      Family: aurora-mysql8.0
      Parameters:
        require_secure_transport: "ON"
  Cluster:
    Type: AWS::RDS::DBCluster
    Properties:
      Engine: aurora-mysql
      EngineVersion: 8.0.mysql_aurora.3.05.2
      MasterUsername: admin
      ManageMasterUserPassword: true
      StorageEncrypted: true
      DBClusterParameterGroupName: !Ref ClusterParams
  Instance0:
    Type: AWS::RDS::DBInstance
    Properties:
      DBClusterIdentifier: !Ref Cluster
      DBInstanceClass: db.r6g.large
      Engine: aurora-mysql
"""


def test_aurora_instance_tls_is_the_cluster_s(tmp_path: Path) -> None:
    (tmp_path / "stack.yaml").write_text(TEMPLATE, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-ENC-004",)))
    assert {f.address: (f.status, f.message.en) for f in result.findings} == {
        "Cluster": (
            Status.PASS, "Traffic to load balancers, gateways and databases is encrypted"
        ),
        "Instance0": (
            Status.NOT_APPLICABLE,
            "does not apply to AWS::RDS::DBInstance: an Aurora instance takes this from its DB "
            "cluster (aws_rds_cluster / AWS::RDS::DBCluster), where it is judged",
        ),
    }
