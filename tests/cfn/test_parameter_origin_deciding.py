"""CloudFormation settings a parameter gives that had no deciding property named point at
the parameter's default: a log group's ``RetentionInDays`` (GDCC-LOG-001), a DB instance's
``BackupRetentionPeriod`` (GDCC-BCK-002) and ``AutoMinorVersionUpgrade`` (GDCC-DB-002), as
their Terraform arguments do (before: no line)."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

TEMPLATE = """\
Parameters:
  Days:
    Type: Number
    Default: 7
  Backups:
    Type: Number
    Default: 0
  Minor:
    Type: String
    Default: "false"
Resources:
  Logs:
    Type: AWS::Logs::LogGroup
    Properties:
      RetentionInDays: !Ref Days
  Db:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: mysql
      DBInstanceClass: db.t3.micro
      StorageEncrypted: true
      BackupRetentionPeriod: !Ref Backups
      AutoMinorVersionUpgrade: !Ref Minor
"""


def test_retention_backups_and_patching_point_at_parameter_defaults(tmp_path: Path) -> None:
    path = tmp_path / "stack.yaml"
    path.write_text(TEMPLATE, encoding="utf-8")
    result = audit(
        [path], Settings(rule_ids=("GDCC-LOG-001", "GDCC-BCK-002", "GDCC-DB-002"))
    )
    found = {
        (f.rule_id, f.address): (f.status, f.evidence.get("value_set_at"))
        for f in result.findings
    }
    assert found == {
        ("GDCC-LOG-001", "Logs"): (Status.FAIL, {"log_retention_days": f"{path}:4"}),
        ("GDCC-BCK-002", "Db"): (Status.FAIL, {"backup_retention_days": f"{path}:7"}),
        ("GDCC-DB-002", "Db"): (Status.FAIL, {"auto_patching": f"{path}:10"}),
    }
