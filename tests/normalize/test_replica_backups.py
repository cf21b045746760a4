"""A read replica of a DB instance that writes no backup retention has no automated backups:
"RDS creates read replicas with backups disabled" (RDS API, CreateDBInstanceReadReplica).
CloudFormation ``AWS::RDS::DBInstance`` with ``SourceDBInstanceIdentifier`` PASSed GDCC-BCK-001
on the one-day default of an instance created empty (wrong PASS) and FAILed GDCC-BCK-002 saying
"1 day"; Terraform ``aws_db_instance`` with ``replicate_source_db`` was UNKNOWN. A point-in-time
restore (``UseLatestRestorableTime``) is no replica and keeps its reading."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

FIXTURES = Path(__file__).parent.parent / "fixtures" / "replica_backups"
OFF = (
    "backups are off (RDS creates read replicas with backups disabled "
    "(CreateDBInstanceReadReplica)"
)
SHORT = "backup retention is 0 days; at least 7 days required (RDS creates read replicas with "
SHORT += "backups disabled (CreateDBInstanceReadReplica)"


def _found(path: Path) -> dict[tuple[str, str], tuple[Status, str]]:
    result = audit([path], Settings(rule_ids=("GDCC-BCK-001", "GDCC-BCK-002")))
    return {(f.address or "", f.rule_id): (f.status, f.message.en) for f in result.findings}


def test_cloudformation_replica_without_retention_has_no_backups() -> None:
    found = _found(FIXTURES / "stack.yaml")
    assert found[("Replica", "GDCC-BCK-001")] == (
        Status.FAIL, f"{OFF} and BackupRetentionPeriod is not set)"
    )
    assert found[("Replica", "GDCC-BCK-002")] == (
        Status.FAIL, f"{SHORT} and BackupRetentionPeriod is not set)"
    )
    assert found[("BackedUpReplica", "GDCC-BCK-001")][0] is Status.PASS
    assert found[("BackedUpReplica", "GDCC-BCK-002")][0] is Status.PASS
    # a point-in-time restore is not a replica
    assert found[("Restored", "GDCC-BCK-001")] == (Status.PASS, "Backups are enabled")


def test_terraform_replica_without_retention_has_no_backups() -> None:
    found = _found(FIXTURES / "main.tf")
    assert found[("aws_db_instance.replica", "GDCC-BCK-001")] == (
        Status.FAIL, f"{OFF} and backup_retention_period is not set)"
    )
    assert found[("aws_db_instance.replica", "GDCC-BCK-002")] == (
        Status.FAIL, f"{SHORT} and backup_retention_period is not set)"
    )
    assert found[("aws_db_instance.backed_up_replica", "GDCC-BCK-001")][0] is Status.PASS
    assert found[("aws_db_instance.zero_replica", "GDCC-BCK-001")] == (
        Status.FAIL, "backups are off"
    )
