"""CloudFormation RDS read replicas (``AWS::RDS::DBInstance`` with
``SourceDBInstanceIdentifier: !Ref Source``), GDCC-ENC-004 and GDCC-DB-004 (aws17; Terraform
since c5b4f2eb):

- **Wrong PASS**: a replica naming no ``DBParameterGroupName`` was judged on its engine's
  default group, but "Amazon RDS uses the DBParameterGroup of the source DB instance for a same
  Region read replica" (CreateDBInstanceReadReplica): a PostgreSQL 16 replica of a source whose
  group sets ``rds.force_ssl: 0`` PASSed ENC-004 (16's default is 1). Now its source's group
  decides (a point-in-time restore keeps the engine's default group).
- **Wrong NOT_APPLICABLE / needless UNKNOWN**: a replica writing no ``Engine`` has its
  source's; it was NOT_APPLICABLE "not a PostgreSQL database" on DB-004 and UNKNOWN on
  ENC-004 (a wrong PASS too, for ``Strict``'s replica judged nowhere). A replica of a source
  not in the template: UNKNOWN on both (DB-004 was NOT_APPLICABLE).
"""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

TEMPLATE = """\
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  SourceArn: {Type: String}
Resources:
  Lax:
    Type: AWS::RDS::DBParameterGroup
    Properties:
      Description: lax
      Family: postgres16
      Parameters:
        rds.force_ssl: "0"
  Strict:
    Type: AWS::RDS::DBParameterGroup
    Properties:
      Description: strict
      Family: postgres14
      Parameters:
        rds.force_ssl: "1"
        log_connections: "1"
        log_disconnections: "1"
  Primary:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: postgres
      EngineVersion: "16.4"
      DBInstanceClass: db.t3.micro
      AllocatedStorage: "20"
      StorageEncrypted: true
      ManageMasterUserPassword: true
      MasterUsername: app
      DBParameterGroupName: !Ref Lax
  Replica:
    Type: AWS::RDS::DBInstance
    Properties:
      SourceDBInstanceIdentifier: !Ref Primary
      DBInstanceClass: db.t3.micro
  ReplicaEngine:
    Type: AWS::RDS::DBInstance
    Properties:
      SourceDBInstanceIdentifier: !Ref Primary
      Engine: postgres
      EngineVersion: "16.4"
      DBInstanceClass: db.t3.micro
  Old:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: postgres
      EngineVersion: "14.12"
      DBInstanceClass: db.t3.micro
      AllocatedStorage: "20"
      StorageEncrypted: true
      ManageMasterUserPassword: true
      MasterUsername: app
      DBParameterGroupName: !Ref Strict
  OldReplica:
    Type: AWS::RDS::DBInstance
    Properties:
      SourceDBInstanceIdentifier: !Ref Old
      DBInstanceClass: db.t3.micro
  Own:
    Type: AWS::RDS::DBInstance
    Properties:
      SourceDBInstanceIdentifier: !Ref Old
      DBInstanceClass: db.t3.micro
      DBParameterGroupName: !Ref Lax
  Restored:
    Type: AWS::RDS::DBInstance
    Properties:
      SourceDBInstanceIdentifier: !Ref Primary
      UseLatestRestorableTime: true
      DBInstanceClass: db.t3.micro
  Remote:
    Type: AWS::RDS::DBInstance
    Properties:
      SourceDBInstanceIdentifier: !Ref SourceArn
      DBInstanceClass: db.t3.micro
"""
TLS = (Status.PASS, "Traffic to load balancers, gateways and databases is encrypted")
PLAIN = (Status.FAIL, "unencrypted connections are accepted")
LOGGED = (Status.PASS, "PostgreSQL logs connections and disconnections")
LAX_LOGS = (
    Status.FAIL,
    "log_connections, log_disconnections not on (provider default: 'log_connections, "
    "log_disconnections in Lax' not set)",
)
DEFAULT_LOGS = (
    Status.FAIL,
    "log_connections, log_disconnections not on (provider default: 'DBParameterGroupName' "
    "not set)",
)


def test_read_replicas_take_their_source_s_engine_and_group(tmp_path: Path) -> None:
    (tmp_path / "stack.yaml").write_text(TEMPLATE, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-ENC-004", "GDCC-DB-004"), cache=False))
    found = {(f.address, f.rule_id): (f.status, f.message.en) for f in result.findings}
    assert found == {
        ("Primary", "GDCC-ENC-004"): PLAIN,
        ("Primary", "GDCC-DB-004"): LAX_LOGS,
        ("Replica", "GDCC-ENC-004"): PLAIN,
        ("Replica", "GDCC-DB-004"): LAX_LOGS,
        ("ReplicaEngine", "GDCC-ENC-004"): PLAIN,
        ("ReplicaEngine", "GDCC-DB-004"): LAX_LOGS,
        ("Old", "GDCC-ENC-004"): TLS,
        ("Old", "GDCC-DB-004"): LOGGED,
        ("OldReplica", "GDCC-ENC-004"): TLS,
        ("OldReplica", "GDCC-DB-004"): LOGGED,
        # its own group, with its source's engine
        ("Own", "GDCC-ENC-004"): PLAIN,
        ("Own", "GDCC-DB-004"): LAX_LOGS,
        # a point-in-time restore: the engine's default group (PostgreSQL 16: rds.force_ssl 1)
        ("Restored", "GDCC-ENC-004"): TLS,
        ("Restored", "GDCC-DB-004"): DEFAULT_LOGS,
        ("Remote", "GDCC-ENC-004"): (
            Status.UNKNOWN,
            "whether only encrypted connections (TLS) are accepted is not known from the "
            "input: the database engine is not known from the input",
        ),
        ("Remote", "GDCC-DB-004"): (
            Status.UNKNOWN,
            "the database engine is not known from the input: whether it is PostgreSQL, and "
            "its connection logging flags, are not known",
        ),
    }
