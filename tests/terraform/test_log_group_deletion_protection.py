"""A CloudWatch log group's tamper resistance (GDCC-LOG-003) is its deletion protection: its
events cannot be edited, but without protection anyone allowed ``logs:DeleteLogGroup``
erases them, and "By default, deletion protection is not enabled" (CloudWatch Logs,
"Protecting log groups from deletion"; ``deletion_protection_enabled``, AWS provider 6.25+).
Every log group of terraform-aws-modules lambda and rds-aurora was UNKNOWN "whether logs are
protected against tampering is not known from the input" (34 groups); the fact is in the
input: FAIL by the provider default, PASS when protected, UNKNOWN only for a value not
known."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.settings import Settings

GROUPS = """\
variable "protect" {
  type = bool
}

resource "aws_cloudwatch_log_group" "plain" {
  name              = "/aws/lambda/plain"
  retention_in_days = 365
}

resource "aws_cloudwatch_log_group" "protected" {
  name                        = "/aws/lambda/protected"
  retention_in_days           = 365
  deletion_protection_enabled = true
}

resource "aws_cloudwatch_log_group" "off" {
  name                        = "/aws/lambda/off"
  deletion_protection_enabled = false
}

resource "aws_cloudwatch_log_group" "input" {
  name                        = "/aws/lambda/input"
  deletion_protection_enabled = var.protect
}
"""


def test_deletion_protection_decides_tamper_resistance(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(GROUPS, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-LOG-003",)))
    found = {f.address: (f.status.value, f.message.en) for f in result.findings}
    assert found == {
        "aws_cloudwatch_log_group.plain": (
            "FAIL",
            "logs are not protected against tampering (provider default: "
            "'deletion_protection_enabled' not set)",
        ),
        "aws_cloudwatch_log_group.protected": ("PASS", "Logs are stored tamper-resistant"),
        "aws_cloudwatch_log_group.off": ("FAIL", "logs are not protected against tampering"),
        "aws_cloudwatch_log_group.input": (
            "UNKNOWN",
            "whether logs are protected against tampering is not known from the input",
        ),
    }
    plain = next(f for f in result.findings if f.address == "aws_cloudwatch_log_group.plain")
    assert "ค่าเริ่มต้นของผู้ให้บริการ" in plain.message.th


TEMPLATE = """\
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Protect:
    Type: String
    AllowedValues: ["true", "false"]
Resources:
  Plain:
    Type: AWS::Logs::LogGroup
    Properties:
      RetentionInDays: 365
  Protected:
    Type: AWS::Logs::LogGroup
    Properties:
      RetentionInDays: 365
      DeletionProtectionEnabled: true
  Chosen:
    Type: AWS::Logs::LogGroup
    Properties:
      DeletionProtectionEnabled: !Ref Protect
"""


def test_cloudformation_log_groups_read_deletion_protection(tmp_path: Path) -> None:
    """AWS::Logs::LogGroup has DeletionProtectionEnabled too (the CloudFormation resource
    specification; normalize/cloudformation/type_properties.json): the same reading, where
    every template log group was UNKNOWN."""
    (tmp_path / "logs.yaml").write_text(TEMPLATE, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-LOG-003",)))
    found = {f.address: (f.status.value, f.message.en) for f in result.findings}
    assert found == {
        "Plain": (
            "FAIL",
            "logs are not protected against tampering (provider default: "
            "'DeletionProtectionEnabled' not set)",
        ),
        "Protected": ("PASS", "Logs are stored tamper-resistant"),
        "Chosen": (
            "UNKNOWN",
            "the verdict depends on how the template is deployed: PASS with Protect = "
            "'true'; FAIL with Protect = 'false'",
        ),
    }
