"""Snapshots and backup vaults of a sensitive system are encrypted with a customer-managed key
(GDCC-ENC-002): a copy or snapshot without its own KMS key, and a vault without
``kms_key_arn`` / ``EncryptionKeyArn``, use the AWS managed key and FAIL; a backup plan
holds no data and is NOT_APPLICABLE."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

MAIN = """\
resource "aws_kms_key" "backup" {
  enable_key_rotation = true
}

resource "aws_backup_vault" "own_key" {
  name        = "own-key"
  kms_key_arn = aws_kms_key.backup.arn
  tags        = { gdcc_system = "payments" }
}

resource "aws_backup_vault" "aws_key" {
  name = "aws-key"
  tags = { gdcc_system = "payments" }
}

resource "aws_backup_plan" "daily" {
  name = "daily"
  tags = { gdcc_system = "payments" }
  rule {
    rule_name         = "daily"
    target_vault_name = aws_backup_vault.own_key.name
    schedule          = "cron(0 12 * * ? *)"
    lifecycle {
      delete_after = 35
    }
  }
}

resource "aws_ebs_snapshot_copy" "own_key" {
  source_snapshot_id = "snap-0123456789abcdef0"
  source_region      = "ap-southeast-7"
  encrypted          = true
  kms_key_id         = aws_kms_key.backup.arn
  tags               = { gdcc_system = "payments" }
}

resource "aws_ebs_snapshot_copy" "aws_key" {
  source_snapshot_id = "snap-0123456789abcdef0"
  source_region      = "ap-southeast-7"
  encrypted          = true
  tags               = { gdcc_system = "payments" }
}

resource "aws_ebs_snapshot_copy" "aws_alias" {
  source_snapshot_id = "snap-0123456789abcdef0"
  source_region      = "ap-southeast-7"
  encrypted          = true
  kms_key_id         = "alias/aws/ebs"
  tags               = { gdcc_system = "payments" }
}

resource "aws_db_snapshot_copy" "own_key" {
  source_db_snapshot_identifier = "arn:aws:rds:ap-southeast-7:111122223333:snapshot:db"
  target_db_snapshot_identifier = "db-copy"
  kms_key_id                    = aws_kms_key.backup.id
  tags                          = { gdcc_system = "payments" }
}

resource "aws_db_snapshot_copy" "aws_key" {
  source_db_snapshot_identifier = "arn:aws:rds:ap-southeast-7:111122223333:snapshot:db"
  target_db_snapshot_identifier = "db-copy-2"
  tags                          = { gdcc_system = "payments" }
}

resource "aws_memorydb_snapshot" "aws_key" {
  cluster_name = "sessions"
  name         = "sessions-1"
  tags         = { gdcc_system = "payments" }
}

resource "aws_neptune_cluster" "graph" {
  cluster_identifier = "graph"
  storage_encrypted  = true
  kms_key_arn        = aws_kms_key.backup.arn
}

resource "aws_db_instance" "ledger" {
  engine            = "postgres"
  instance_class    = "db.t3.micro"
  storage_encrypted = true
  kms_key_id        = aws_kms_key.backup.arn
}

# encrypted with its database's key (a reference to a key resource: the customer's)
resource "aws_db_snapshot" "ledger" {
  db_instance_identifier = aws_db_instance.ledger.identifier
  db_snapshot_identifier = "ledger-1"
}

# kms_key_id is read-only on the snapshot: its key is its cluster's
resource "aws_neptune_cluster_snapshot" "own_key" {
  db_cluster_identifier          = aws_neptune_cluster.graph.id
  db_cluster_snapshot_identifier = "graph-1"
}

resource "aws_db_instance_automated_backups_replication" "aws_key" {
  source_db_instance_arn = "arn:aws:rds:ap-southeast-7:111122223333:db:payments"
  retention_period       = 14
}
"""

TEMPLATE = """\
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Key:
    Type: AWS::KMS::Key
  OwnKeyVault:
    Type: AWS::Backup::BackupVault
    Properties:
      BackupVaultName: own-key
      EncryptionKeyArn: !GetAtt Key.Arn
      BackupVaultTags: {gdcc_system: payments}
  AwsKeyVault:
    Type: AWS::Backup::BackupVault
    Properties:
      BackupVaultName: aws-key
      BackupVaultTags: {gdcc_system: payments}
  Daily:
    Type: AWS::Backup::BackupPlan
    Properties:
      BackupPlan:
        BackupPlanName: daily
        BackupPlanRule:
          - RuleName: daily
            TargetBackupVault: !Ref OwnKeyVault
            Lifecycle: {DeleteAfterDays: 35}
"""

MANIFEST = """\
apiVersion: gdcc-audit/v1
kind: Tenant
metadata: {name: snapshots}
agency: {name_th: หน่วยงานทดสอบ, name_en: Test Agency}
iac:
  - {path: main.tf, system: payments}
  - {path: template.yaml, system: payments}
systems:
  - id: payments
    name_th: ระบบชำระเงิน
    name_en: Payments
    security_category: {confidentiality: high, integrity: high, availability: high}
"""


def test_snapshots_and_vaults_use_customer_managed_keys(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(MAIN)
    (tmp_path / "template.yaml").write_text(TEMPLATE)
    (tmp_path / "tenant.yaml").write_text(MANIFEST)
    result = audit([tmp_path / "tenant.yaml"], Settings(rule_ids=("GDCC-ENC-002",)))
    found = {f.address: f for f in result.findings if f.rule_id == "GDCC-ENC-002"}
    assert {address: f.status for address, f in found.items()} == {
        "aws_backup_vault.own_key": Status.PASS,
        "aws_backup_vault.aws_key": Status.FAIL,
        "aws_backup_plan.daily": Status.NOT_APPLICABLE,
        "aws_ebs_snapshot_copy.own_key": Status.PASS,
        "aws_ebs_snapshot_copy.aws_key": Status.FAIL,
        "aws_ebs_snapshot_copy.aws_alias": Status.FAIL,
        "aws_db_snapshot_copy.own_key": Status.PASS,
        "aws_db_snapshot_copy.aws_key": Status.FAIL,
        "aws_memorydb_snapshot.aws_key": Status.FAIL,
        "aws_neptune_cluster.graph": Status.PASS,
        "aws_neptune_cluster_snapshot.own_key": Status.PASS,
        "aws_db_instance.ledger": Status.PASS,
        "aws_db_snapshot.ledger": Status.PASS,
        "aws_db_instance_automated_backups_replication.aws_key": Status.FAIL,
        "OwnKeyVault": Status.PASS,
        "AwsKeyVault": Status.FAIL,
        "Daily": Status.NOT_APPLICABLE,
    }
    assert found["aws_backup_vault.aws_key"].evidence == {"customer_managed_key": False}
    assert found["AwsKeyVault"].evidence == {"customer_managed_key": False}


def test_a_backup_plan_is_not_judged_for_encryption(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(MAIN)
    (tmp_path / "template.yaml").write_text(TEMPLATE)
    (tmp_path / "tenant.yaml").write_text(MANIFEST)
    result = audit([tmp_path / "tenant.yaml"], Settings(rule_ids=("GDCC-ENC-001",)))
    found = {f.address: f for f in result.findings}
    for plan, provider_type in (("aws_backup_plan.daily", "aws_backup_plan"),
                                ("Daily", "AWS::Backup::BackupPlan")):  # fmt: skip
        assert found[plan].status == Status.NOT_APPLICABLE
        assert found[plan].message.en == (
            f"does not apply to {provider_type}: a backup plan or policy holds no data: the "
            "vault that stores the backups is judged"
        )
    assert found["aws_backup_vault.aws_key"].status == Status.PASS  # always encrypted
