"""Backup facts the provider documents. A DynamoDB table with point-in-time recovery keeps
35 days of continuous backups unless ``RecoveryPeriodInDays`` / ``recovery_period_in_days``
says otherwise (GDCC-BCK-002 was UNKNOWN on every such table); without it, nothing. A backup
vault stores recovery points: when backups run and how long they are kept are its plan's
rules, judged on the plan (GDCC-BCK-001 / 002 were UNKNOWN on every vault)."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

TF = """\
resource "aws_dynamodb_table" "pitr" {
  name     = "pitr"
  hash_key = "id"
  attribute {
    name = "id"
    type = "S"
  }
  point_in_time_recovery {
    enabled = true
  }
}
resource "aws_dynamodb_table" "short" {
  name     = "short"
  hash_key = "id"
  attribute {
    name = "id"
    type = "S"
  }
  point_in_time_recovery {
    enabled                 = true
    recovery_period_in_days = 3
  }
}
resource "aws_dynamodb_table" "none" {
  name     = "none"
  hash_key = "id"
  attribute {
    name = "id"
    type = "S"
  }
}
resource "aws_backup_vault" "vault" {
  name = "vault"
}
"""

CFN = """\
Resources:
  Pitr:
    Type: AWS::DynamoDB::Table
    Properties:
      KeySchema: [{AttributeName: id, KeyType: HASH}]
      AttributeDefinitions: [{AttributeName: id, AttributeType: S}]
      PointInTimeRecoverySpecification: {PointInTimeRecoveryEnabled: true}
  Short:
    Type: AWS::DynamoDB::Table
    Properties:
      KeySchema: [{AttributeName: id, KeyType: HASH}]
      AttributeDefinitions: [{AttributeName: id, AttributeType: S}]
      PointInTimeRecoverySpecification:
        PointInTimeRecoveryEnabled: true
        RecoveryPeriodInDays: 3
  None:
    Type: AWS::DynamoDB::Table
    Properties:
      KeySchema: [{AttributeName: id, KeyType: HASH}]
      AttributeDefinitions: [{AttributeName: id, AttributeType: S}]
  Vault:
    Type: AWS::Backup::BackupVault
    Properties: {BackupVaultName: vault}
"""

KEPT = "Backups are kept for at least 7 days"
PITR_DOC = (
    "https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/"
    "API_PointInTimeRecoverySpecification.html"
)
VAULT = (
    "a backup vault stores the recovery points of backup plans: when backups are taken and "
    "how long they are kept are the plan's rules (aws_backup_plan, AWS::Backup::BackupPlan), "
    "where they are judged"
)


def _bck(path: Path) -> dict[tuple[str, str], tuple[Status, str]]:
    result = audit([path], Settings(rule_ids=("GDCC-BCK-001", "GDCC-BCK-002")))
    return {(f.address or "", f.rule_id): (f.status, f.message.en) for f in result.findings}


def _expected(
    names: dict[str, str], vault: str, kind: str, off: str
) -> dict[tuple[str, str], tuple[Status, str]]:
    return {
        (names["pitr"], "GDCC-BCK-001"): (Status.PASS, "Backups are enabled"),
        (names["pitr"], "GDCC-BCK-002"): (Status.PASS, KEPT),
        (names["short"], "GDCC-BCK-001"): (Status.PASS, "Backups are enabled"),
        (names["short"], "GDCC-BCK-002"): (
            Status.FAIL, "backup retention is 3 days; at least 7 days required"
        ),
        (names["none"], "GDCC-BCK-001"): (
            Status.FAIL,
            f"backups are off (provider default: '{off}' not set)",
        ),
        (names["none"], "GDCC-BCK-002"): (
            Status.FAIL,
            f"backup retention is 0 days; at least 7 days required (provider default: '{off}' "
            "not set)",
        ),
        (vault, "GDCC-BCK-001"): (Status.NOT_APPLICABLE, f"does not apply to {kind}: {VAULT}"),
        (vault, "GDCC-BCK-002"): (Status.NOT_APPLICABLE, f"does not apply to {kind}: {VAULT}"),
    }


def test_terraform_pitr_retention_and_vaults(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(TF, encoding="utf-8")
    names = {n: f"aws_dynamodb_table.{n}" for n in ("pitr", "short", "none")}
    assert _bck(tmp_path) == _expected(
        names, "aws_backup_vault.vault", "aws_backup_vault", "point_in_time_recovery"
    )
    result = audit([tmp_path], Settings(rule_ids=("GDCC-BCK-002",)))
    pitr = next(f for f in result.findings if f.address == "aws_dynamodb_table.pitr")
    assert pitr.evidence["backup_retention_days"] == 35
    assert pitr.evidence["defaults"]["backup_retention_days"]["documentation"] == PITR_DOC


def test_cloudformation_pitr_retention_and_vaults(tmp_path: Path) -> None:
    (tmp_path / "stack.yaml").write_text(CFN, encoding="utf-8")
    names = {"pitr": "Pitr", "short": "Short", "none": "None"}
    assert _bck(tmp_path) == _expected(
        names, "Vault", "AWS::Backup::BackupVault", "PointInTimeRecoverySpecification"
    )
