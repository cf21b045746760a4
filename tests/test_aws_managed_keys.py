"""A KMS key reference that names an AWS managed key (``alias/aws/...``, its alias ARN, or the
bare ``aws/secretsmanager`` Secrets Manager takes) is not a customer-managed key, in every
input format (GDCC-ENC-002 fails it): a CloudFormation secret with ``KmsKeyId:
alias/aws/secretsmanager`` used to PASS. CloudFormation policies written as JSON text are read
as the objects they spell."""

from __future__ import annotations

from pathlib import Path

import pytest

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.models.result import AuditResult
from gdcc_audit.normalize.kms import names_aws_managed_key
from gdcc_audit.settings import Settings

TEMPLATE = """\
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  KeyAlias: {Type: String}
Resources:
  Key:
    Type: AWS::KMS::Key
  SecretOwnKey:
    Type: AWS::SecretsManager::Secret
    Properties: {KmsKeyId: !Ref Key}
  SecretAliasArn:
    Type: AWS::SecretsManager::Secret
    Properties: {KmsKeyId: "arn:aws:kms:ap-southeast-7:111122223333:alias/aws/secretsmanager"}
  SecretAwsAlias:
    Type: AWS::SecretsManager::Secret
    Properties: {KmsKeyId: alias/aws/secretsmanager}
  SecretBareAwsName:
    Type: AWS::SecretsManager::Secret
    Properties: {KmsKeyId: aws/secretsmanager}
  SecretCustomerAlias:
    Type: AWS::SecretsManager::Secret
    Properties: {KmsKeyId: alias/payments-secrets}
  SecretDefault:
    Type: AWS::SecretsManager::Secret
  TopicAwsKey:
    Type: AWS::SNS::Topic
    Properties: {KmsMasterKeyId: alias/aws/sns}
  TopicSubAwsKey:
    Type: AWS::SNS::Topic
    Properties:
      KmsMasterKeyId: !Sub "arn:aws:kms:${AWS::Region}:${AWS::AccountId}:alias/aws/sns"
  TopicSubOwnAlias:
    Type: AWS::SNS::Topic
    Properties:
      KmsMasterKeyId: !Sub "arn:${AWS::Partition}:kms:${AWS::Region}:${AWS::AccountId}:alias/app"
  TopicSubUnknownAlias:
    Type: AWS::SNS::Topic
    Properties:
      KmsMasterKeyId: !Sub "arn:aws:kms:${AWS::Region}:${AWS::AccountId}:alias/${KeyAlias}"
  TopicOwnKey:
    Type: AWS::SNS::Topic
    Properties: {KmsMasterKeyId: !GetAtt Key.Arn}
  BucketAwsKey:
    Type: AWS::S3::Bucket
    Properties:
      BucketEncryption:
        ServerSideEncryptionConfiguration:
          - ServerSideEncryptionByDefault: {SSEAlgorithm: "aws:kms", KMSMasterKeyID: alias/aws/s3}
  LogsAwsKey:
    Type: AWS::Logs::LogGroup
    Properties: {KmsKeyId: "arn:aws:kms:ap-southeast-7:111122223333:alias/aws/logs"}
  VaultAwsKey:
    Type: AWS::Backup::BackupVault
    Properties:
      BackupVaultName: vault
      EncryptionKeyArn: "arn:aws:kms:ap-southeast-7:111122223333:alias/aws/backup"
"""

MAIN_TF = """\
resource "aws_secretsmanager_secret" "bare_aws_name" {
  name       = "db"
  kms_key_id = "aws/secretsmanager"
}

resource "aws_secretsmanager_secret" "customer_alias" {
  name       = "api"
  kms_key_id = "alias/payments-secrets"
}

resource "aws_ssm_parameter" "aws_key" {
  name   = "/payments/db-password"
  type   = "SecureString"
  value  = var.db_password
  key_id = "alias/aws/ssm"
}

resource "aws_sqs_queue" "aws_key" {
  name              = "orders"
  kms_master_key_id = "alias/aws/sqs"
}

resource "aws_cloudwatch_log_group" "aws_key_arn" {
  name       = "payments"
  kms_key_id = "arn:aws:kms:ap-southeast-7:111122223333:alias/aws/logs"
}

resource "aws_ebs_volume" "aws_key" {
  availability_zone = "ap-southeast-7a"
  size              = 10
  encrypted         = true
  kms_key_id        = "alias/aws/ebs"
}

variable "db_password" {
  type      = string
  sensitive = true
}
"""


MANIFEST = """\
apiVersion: gdcc-audit/v1
kind: Tenant
metadata: {{name: keys}}
agency: {{name_th: หน่วยงานทดสอบ, name_en: Test Agency}}
iac:
  - {{path: {path}, system: payments}}
systems:
  - id: payments
    name_th: ระบบชำระเงิน
    name_en: Payments
    security_category: {{confidentiality: high, integrity: high, availability: high}}
"""


def _audit(folder: Path, name: str, text: str, rule: str) -> AuditResult:
    """``text`` saved as ``name`` in a sensitive system (GDCC-ENC-002 applies to those)."""
    (folder / name).write_text(text)
    (folder / "tenant.yaml").write_text(MANIFEST.format(path=name))
    return audit([folder / "tenant.yaml"], Settings(rule_ids=(rule,)))


def _enc002(folder: Path, name: str, text: str) -> dict[str, Status]:
    result = _audit(folder, name, text, "GDCC-ENC-002")
    return {f.address or "": f.status for f in result.findings}


def test_aws_managed_keys_are_not_customer_managed_in_cloudformation(tmp_path: Path) -> None:
    found = _enc002(tmp_path, "template.yaml", TEMPLATE)
    assert {k: v for k, v in found.items() if k != "Key"} == {
        "SecretOwnKey": Status.PASS,
        "SecretAliasArn": Status.FAIL,
        "SecretAwsAlias": Status.FAIL,
        "SecretBareAwsName": Status.FAIL,
        "SecretCustomerAlias": Status.PASS,
        "SecretDefault": Status.FAIL,
        "TopicAwsKey": Status.FAIL,
        # the account and region of a Fn::Sub are not known from the template, but an
        # alias/aws/ alias is AWS managed in every account and region ...
        "TopicSubAwsKey": Status.FAIL,
        # ... and a customer alias is the customer's
        "TopicSubOwnAlias": Status.PASS,
        # an alias from a parameter without a default may be alias/aws/sns: UNKNOWN
        "TopicSubUnknownAlias": Status.UNKNOWN,
        "TopicOwnKey": Status.PASS,
        "BucketAwsKey": Status.FAIL,
        "LogsAwsKey": Status.FAIL,
        "VaultAwsKey": Status.FAIL,
    }


def test_a_topic_with_the_aws_managed_key_is_encrypted_but_not_with_a_customer_key(
    tmp_path: Path,
) -> None:
    result = _audit(tmp_path, "template.yaml", TEMPLATE, "GDCC-ENC-002")
    topic = next(f for f in result.findings if f.address == "TopicAwsKey")
    assert topic.evidence == {"customer_managed_key": False}
    facets = next(r for r in result.resources if r.address == "TopicAwsKey")
    assert facets.kind == "messaging.topic"


def test_aws_managed_aliases_are_not_customer_keys_in_terraform(tmp_path: Path) -> None:
    assert _enc002(tmp_path, "main.tf", MAIN_TF) == {
        "aws_secretsmanager_secret.bare_aws_name": Status.FAIL,
        "aws_secretsmanager_secret.customer_alias": Status.PASS,
        "aws_ssm_parameter.aws_key": Status.FAIL,
        "aws_sqs_queue.aws_key": Status.FAIL,
        "aws_cloudwatch_log_group.aws_key_arn": Status.FAIL,
        "aws_ebs_volume.aws_key": Status.FAIL,
    }


@pytest.mark.parametrize(
    ("reference", "aws_managed"),
    [
        ("alias/aws/ebs", True),
        ("aws/secretsmanager", True),
        ("arn:aws:kms:ap-southeast-7:111122223333:alias/aws/backup", True),
        ("arn:aws-us-gov:kms:us-gov-west-1:111122223333:alias/aws/s3", True),
        ("alias/payments", False),
        ("alias/awsome", False),
        ("arn:aws:kms:ap-southeast-7:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab", False),
        ("1234abcd-12ab-34cd-56ef-1234567890ab", False),
    ],
)
def test_names_aws_managed_key(reference: str, aws_managed: bool) -> None:
    assert names_aws_managed_key(reference) is aws_managed


ECR_TEMPLATE = """\
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  PublicAsText:
    Type: AWS::ECR::Repository
    Properties:
      RepositoryPolicyText: '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
        "Principal": "*", "Action": ["ecr:BatchGetImage"]}]}'
  ServiceAsText:
    Type: AWS::ECR::Repository
    Properties:
      RepositoryPolicyText: '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
        "Principal": {"Service": "codebuild.amazonaws.com"}, "Action": ["ecr:BatchGetImage"]}]}'
  NotJson:
    Type: AWS::ECR::Repository
    Properties:
      RepositoryPolicyText: 'not a policy'
"""


def test_a_policy_written_as_json_text_is_read(tmp_path: Path) -> None:
    result = _audit(tmp_path, "template.yaml", ECR_TEMPLATE, "GDCC-DATA-001")
    assert {f.address: f.status for f in result.findings} == {
        "PublicAsText": Status.FAIL,
        "ServiceAsText": Status.PASS,
        "NotJson": Status.UNKNOWN,
    }
