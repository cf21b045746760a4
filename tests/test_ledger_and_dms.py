"""QLDB ledgers and DMS replication instances are database.instance resources: deletion
protection (GDCC-BCK-003, on by default for QLDB), customer-managed keys (GDCC-ENC-002) and
automatic minor upgrades (GDCC-DB-002, off by default for DMS in Terraform); properties a type
does not have are NOT_APPLICABLE, not UNKNOWN."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

MAIN = """\
resource "aws_qldb_ledger" "default" {
  name             = "default"
  permissions_mode = "STANDARD"
  tags             = { gdcc_system = "registry" }
}

resource "aws_qldb_ledger" "unprotected" {
  name                = "unprotected"
  permissions_mode    = "STANDARD"
  deletion_protection = false
  kms_key             = "arn:aws:kms:ap-southeast-7:111122223333:key/k1"
  tags                = { gdcc_system = "registry" }
}

resource "aws_dms_replication_instance" "defaults" {
  replication_instance_id    = "defaults"
  replication_instance_class = "dms.t3.micro"
  tags                       = { gdcc_system = "registry" }
}

resource "aws_dms_replication_instance" "own_key" {
  replication_instance_id    = "own-key"
  replication_instance_class = "dms.t3.micro"
  kms_key_arn                = "arn:aws:kms:ap-southeast-7:111122223333:key/k1"
  auto_minor_version_upgrade = true
  tags                       = { gdcc_system = "registry" }
}
"""

TEMPLATE = """\
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Ledger:
    Type: AWS::QLDB::Ledger
    Properties:
      PermissionsMode: STANDARD
      Tags: [{Key: gdcc_system, Value: registry}]
  OpenLedger:
    Type: AWS::QLDB::Ledger
    Properties:
      PermissionsMode: STANDARD
      DeletionProtection: false
      KmsKey: AWS_OWNED_KMS_KEY
      Tags: [{Key: gdcc_system, Value: registry}]
"""

MANIFEST = """\
apiVersion: gdcc-audit/v1
kind: Tenant
metadata: {name: ledgers}
agency: {name_th: หน่วยงานทดสอบ, name_en: Test Agency}
iac: [main.tf, template.yaml]
systems:
  - id: registry
    name_th: ระบบทะเบียน
    name_en: Registry
    security_category: {confidentiality: high, integrity: high, availability: high}
"""


def test_ledgers_and_replication_instances(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(MAIN)
    (tmp_path / "template.yaml").write_text(TEMPLATE)
    (tmp_path / "tenant.yaml").write_text(MANIFEST)
    rules = ("GDCC-BCK-003", "GDCC-ENC-002", "GDCC-DB-002", "GDCC-BCK-001")
    result = audit([tmp_path / "tenant.yaml"], Settings(rule_ids=rules))
    found = {(f.rule_id, f.address): f.status for f in result.findings if f.address}
    assert found == {
        ("GDCC-BCK-003", "aws_qldb_ledger.default"): Status.PASS,
        ("GDCC-BCK-003", "aws_qldb_ledger.unprotected"): Status.FAIL,
        ("GDCC-BCK-003", "Ledger"): Status.PASS,
        ("GDCC-BCK-003", "OpenLedger"): Status.FAIL,
        ("GDCC-BCK-003", "aws_dms_replication_instance.defaults"): Status.NOT_APPLICABLE,
        ("GDCC-BCK-003", "aws_dms_replication_instance.own_key"): Status.NOT_APPLICABLE,
        ("GDCC-ENC-002", "aws_qldb_ledger.default"): Status.FAIL,
        ("GDCC-ENC-002", "aws_qldb_ledger.unprotected"): Status.PASS,
        ("GDCC-ENC-002", "Ledger"): Status.FAIL,
        ("GDCC-ENC-002", "OpenLedger"): Status.FAIL,
        ("GDCC-ENC-002", "aws_dms_replication_instance.defaults"): Status.FAIL,
        ("GDCC-ENC-002", "aws_dms_replication_instance.own_key"): Status.PASS,
        ("GDCC-DB-002", "aws_qldb_ledger.default"): Status.NOT_APPLICABLE,
        ("GDCC-DB-002", "aws_qldb_ledger.unprotected"): Status.NOT_APPLICABLE,
        ("GDCC-DB-002", "Ledger"): Status.NOT_APPLICABLE,
        ("GDCC-DB-002", "OpenLedger"): Status.NOT_APPLICABLE,
        ("GDCC-DB-002", "aws_dms_replication_instance.defaults"): Status.FAIL,
        ("GDCC-DB-002", "aws_dms_replication_instance.own_key"): Status.PASS,
        ("GDCC-BCK-001", "aws_qldb_ledger.default"): Status.UNKNOWN,
        ("GDCC-BCK-001", "aws_qldb_ledger.unprotected"): Status.UNKNOWN,
        ("GDCC-BCK-001", "Ledger"): Status.UNKNOWN,
        ("GDCC-BCK-001", "OpenLedger"): Status.UNKNOWN,
        ("GDCC-BCK-001", "aws_dms_replication_instance.defaults"): Status.NOT_APPLICABLE,
        ("GDCC-BCK-001", "aws_dms_replication_instance.own_key"): Status.NOT_APPLICABLE,
    }
