"""Step Functions state machines (``normalize/step_functions.py``) were not judged and gave no
reason: ``aws_sfn_state_machine``, ``AWS::StepFunctions::StateMachine`` and
``AWS::Serverless::StateMachine`` had no finding. Now judged as serverless workloads: their
customer key (GDCC-ENC-002: an AWS owned key by default), HTTPS-only API (GDCC-CMP-008), no
resource policy (GDCC-CMP-011) and their role's hold on the logs recording them
(GDCC-GRAPH-014)."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.settings import Settings

RULES = ("GDCC-ENC-002", "GDCC-CMP-008", "GDCC-CMP-011", "GDCC-GRAPH-014")

TF = """\
resource "aws_sfn_state_machine" "plain" {
  name       = "plain"
  role_arn   = var.role_arn
  definition = "{}"
  tags       = { "gdcc:personal-data" = "true" }
}
resource "aws_sfn_state_machine" "keyed" {
  name       = "keyed"
  role_arn   = aws_iam_role.sfn.arn
  definition = "{}"
  encryption_configuration {
    type       = "CUSTOMER_MANAGED_KMS_KEY"
    kms_key_id = aws_kms_key.k.arn
  }
  tags = { "gdcc:personal-data" = "true" }
}
resource "aws_sfn_state_machine" "owned" {
  name       = "owned"
  role_arn   = aws_iam_role.sfn.arn
  definition = "{}"
  encryption_configuration {
    type = "AWS_OWNED_KEY"
  }
  tags = { "gdcc:personal-data" = "true" }
}
resource "aws_sfn_state_machine" "chosen" {
  name       = "chosen"
  role_arn   = aws_iam_role.sfn.arn
  definition = "{}"
  encryption_configuration {
    type = var.key_type
  }
  tags = { "gdcc:personal-data" = "true" }
}
resource "aws_kms_key" "k" {
  enable_key_rotation = true
}
resource "aws_iam_role" "sfn" {
  name = "sfn"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole",
                   Principal = { Service = "states.amazonaws.com" } }]
  })
}
resource "aws_iam_role_policy" "sfn" {
  role = aws_iam_role.sfn.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "logs:DeleteLogGroup", Resource = "*" }]
  })
}
resource "aws_cloudtrail" "t" {
  name                          = "t"
  s3_bucket_name                = "trail-bucket"
  cloud_watch_logs_group_arn    = "${aws_cloudwatch_log_group.trail.arn}:*"
  is_multi_region_trail         = true
}
resource "aws_cloudwatch_log_group" "trail" {
  name              = "trail"
  retention_in_days = 365
}
resource "aws_lambda_function" "f" {
  function_name = "f"
  role          = var.role_arn
  runtime       = "python3.12"
  handler       = "index.handler"
  filename      = "f.zip"
}
variable "role_arn" {
  type = string
}
variable "key_type" {
  type = string
}
"""

CFN = """\
AWSTemplateFormatVersion: "2010-09-09"
Transform: AWS::Serverless-2016-10-31
Parameters:
  RoleParam:
    Type: String
Resources:
  Given:
    Type: AWS::StepFunctions::StateMachine
    Properties:
      RoleArn: !Ref RoleParam
      DefinitionString: "{}"
  Plain:
    Type: AWS::StepFunctions::StateMachine
    Properties:
      RoleArn: arn:aws:iam::123456789012:role/sfn
      DefinitionString: "{}"
      Tags:
        - Key: gdcc:personal-data
          Value: "true"
  Keyed:
    Type: AWS::StepFunctions::StateMachine
    Properties:
      RoleArn: arn:aws:iam::123456789012:role/sfn
      DefinitionString: "{}"
      EncryptionConfiguration:
        Type: CUSTOMER_MANAGED_KMS_KEY
        KmsKeyId: !Ref Key
      Tags:
        - Key: gdcc:personal-data
          Value: "true"
  Trail:
    Type: AWS::CloudTrail::Trail
    Properties:
      IsLogging: true
      S3BucketName: trail-bucket
      CloudWatchLogsLogGroupArn: !GetAtt TrailLogs.Arn
  TrailLogs:
    Type: AWS::Logs::LogGroup
  Key:
    Type: AWS::KMS::Key
    Properties:
      EnableKeyRotation: true
  Sam:
    Type: AWS::Serverless::StateMachine
    Properties:
      Definition: {}
      Policies: []
      Tags:
        gdcc:personal-data: "true"
"""


def _found(tmp_path: Path, name: str, text: str) -> dict[tuple[str, str], tuple[str, str]]:
    (tmp_path / name).write_text(text, encoding="utf-8")
    result = audit([tmp_path / name], Settings(rule_ids=RULES))
    return {
        (f.address or "", f.rule_id): (f.status.value, f.message.en if f.message else "")
        for f in result.findings
    }


def test_terraform_state_machines(tmp_path: Path) -> None:
    found = _found(tmp_path, "main.tf", TF)
    assert found[("aws_sfn_state_machine.plain", "GDCC-ENC-002")] == (
        "FAIL",
        "encrypted with a provider-managed key, not a customer-managed key "
        "(provider default: 'encryption_configuration' not set)",
    )
    assert found[("aws_sfn_state_machine.keyed", "GDCC-ENC-002")][0] == "PASS"
    assert found[("aws_sfn_state_machine.owned", "GDCC-ENC-002")] == (
        "FAIL", "encrypted with a provider-managed key, not a customer-managed key",
    )
    assert found[("aws_sfn_state_machine.chosen", "GDCC-ENC-002")][0] == "UNKNOWN"
    for name in ("plain", "keyed"):
        assert found[(f"aws_sfn_state_machine.{name}", "GDCC-CMP-008")][0] == "PASS"
        assert found[(f"aws_sfn_state_machine.{name}", "GDCC-CMP-011")][0] == "PASS"
    # its role may delete the trail's log group
    status, message = found[("aws_sfn_state_machine.keyed", "GDCC-GRAPH-014")]
    assert status == "FAIL"
    assert "logs:DeleteLogGroup on trail (written by t) through role sfn" in message
    # a role given by a variable: not known, never a PASS
    status, message = found[("aws_sfn_state_machine.plain", "GDCC-GRAPH-014")]
    assert status == "UNKNOWN"
    assert "role_arn not known before apply" in message
    # the same for a Lambda function (it PASSed: a role by variable was read as no role)
    status, message = found[("aws_lambda_function.f", "GDCC-GRAPH-014")]
    assert (status, "role not known before apply" in message) == ("UNKNOWN", True)


def test_cloudformation_and_sam_state_machines(tmp_path: Path) -> None:
    found = _found(tmp_path, "template.yaml", CFN)
    assert found[("Plain", "GDCC-ENC-002")] == (
        "FAIL",
        "encrypted with a provider-managed key, not a customer-managed key "
        "(provider default: 'EncryptionConfiguration' not set)",
    )
    assert found[("Keyed", "GDCC-ENC-002")][0] == "PASS"
    status, message = found[("Sam", "GDCC-ENC-002")]
    assert status == "FAIL"
    assert "AWS::Serverless::StateMachine has no such property" in message
    for name in ("Plain", "Keyed", "Sam"):
        assert found[(name, "GDCC-CMP-008")][0] == "PASS"
        assert found[(name, "GDCC-CMP-011")][0] == "PASS"
    # a role given by a parameter: not known (it PASSed as "no role")
    status, message = found[("Given", "GDCC-GRAPH-014")]
    assert status == "UNKNOWN"
    assert "RoleArn given by an expression naming no resource of the scan" in message


def test_activities_say_why_they_are_not_judged(tmp_path: Path) -> None:
    """A Step Functions activity (a task list workers poll) was not judged and said nothing."""
    (tmp_path / "main.tf").write_text('resource "aws_sfn_activity" "a" {\n  name = "a"\n}\n')
    result = audit([tmp_path / "main.tf"], Settings())
    assert result.not_judged == {"aws_sfn_activity": 1}
    assert result.not_judged_why["aws_sfn_activity"].en.startswith(
        "a Step Functions activity is a task list that workers poll"
    )


def test_lambda_invoke_configs_and_code_signing_say_why(tmp_path: Path) -> None:
    """A function's asynchronous invocation config and code signing types were not judged
    and said nothing (seen in terraform-aws-modules/lambda)."""
    (tmp_path / "main.tf").write_text(
        'resource "aws_lambda_function_event_invoke_config" "c" {\n'
        '  function_name = "f"\n  maximum_retry_attempts = 0\n}\n'
        'resource "aws_lambda_code_signing_config" "s" {\n'
        "  allowed_publishers {\n    signing_profile_version_arns = [\"arn\"]\n  }\n}\n"
    )
    result = audit([tmp_path / "main.tf"], Settings())
    why = result.not_judged_why
    assert why["aws_lambda_function_event_invoke_config"].en.startswith(
        "configures the retries and destinations of a Lambda function's asynchronous"
    )
    assert why["aws_lambda_code_signing_config"].en.startswith("code signing (signing profiles")
