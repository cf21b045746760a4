"""AWS resource policies that open data to everyone (GDCC-DATA-001; secrets GDCC-SECRET-003)
and message brokers with a public endpoint (GDCC-NET-002), in Terraform and CloudFormation.

EFS file system policies, DynamoDB resource policies, Secrets Manager secret policies, AWS
Backup vault access policies and OpenSearch / Elasticsearch domain access policies: an Allow
statement to everyone (``"*"``, ``{"AWS": "*"}``) without a condition that limits the callers
FAILs, naming the statement in ``evidence.granted_by``; a policy that cannot be read is
UNKNOWN; no policy PASSes (private by default). A search domain in a VPC, or with fine-grained
access control, is not opened by an open policy. Amazon MQ brokers with
``publicly_accessible`` FAIL GDCC-NET-002; SQS queues are NOT_APPLICABLE to it (API only).
"""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Finding, Status
from gdcc_audit.normalize.policy_conditions import narrows
from gdcc_audit.settings import Settings

MAIN = """\
resource "aws_efs_file_system" "open" {
  encrypted = true
}

resource "aws_efs_file_system_policy" "open" {
  file_system_id = aws_efs_file_system.open.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "Everyone"
      Effect    = "Allow"
      Principal = { AWS = "*" }
      Action    = ["elasticfilesystem:ClientMount"]
    }]
  })
}

resource "aws_efs_file_system" "mount_target_only" {
  encrypted = true
}

resource "aws_efs_file_system_policy" "mount_target_only" {
  file_system_id = aws_efs_file_system.mount_target_only.id
  policy = jsonencode({
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "*" }
      Action    = ["elasticfilesystem:ClientMount"]
      Condition = { Bool = { "elasticfilesystem:AccessedViaMountTarget" = "true" } }
    }]
  })
}

resource "aws_efs_file_system" "default" {
  encrypted = true
}

resource "aws_dynamodb_table" "open" {
  name     = "open"
  hash_key = "id"
  attribute {
    name = "id"
    type = "S"
  }
}

resource "aws_dynamodb_resource_policy" "open" {
  resource_arn = aws_dynamodb_table.open.arn
  policy       = <<POLICY
{"Statement":[{"Effect":"Allow","Principal":"*","Action":"dynamodb:GetItem","Resource":"*"}]}
POLICY
}

resource "aws_dynamodb_table" "own" {
  name     = "own"
  hash_key = "id"
  attribute {
    name = "id"
    type = "S"
  }
}

resource "aws_secretsmanager_secret" "inline" {
  name = "inline"
  policy = jsonencode({
    Statement = [{
      Sid = "All", Effect = "Allow", Principal = "*", Resource = "*"
      Action = "secretsmanager:GetSecretValue"
    }]
  })
}

resource "aws_secretsmanager_secret" "blocked" {
  name = "blocked"
}

resource "aws_secretsmanager_secret_policy" "blocked" {
  secret_arn          = aws_secretsmanager_secret.blocked.arn
  block_public_policy = true
  policy = jsonencode({
    Statement = [{
      Effect = "Allow", Principal = "*", Action = "secretsmanager:GetSecretValue", Resource = "*"
    }]
  })
}

variable "policy" { type = string }

resource "aws_backup_vault" "unknown" {
  name = "unknown"
}

resource "aws_backup_vault_policy" "unknown" {
  backup_vault_name = aws_backup_vault.unknown.name
  policy            = var.policy
}

resource "aws_backup_vault_policy" "lone" {
  backup_vault_name = "elsewhere"
  policy = jsonencode({
    Statement = [{
      Effect = "Allow", Principal = { AWS = "*" }, Action = "backup:DeleteRecoveryPoint"
      Resource = "*"
    }]
  })
}

resource "aws_glacier_vault" "open" {
  name = "open"
  access_policy = jsonencode({
    Statement = [{
      Sid = "read", Effect = "Allow", Principal = { AWS = ["arn:aws:iam::111122223333:root", "*"] }
      Action = ["glacier:InitiateJob", "glacier:GetJobOutput"], Resource = "*"
    }]
  })
}

resource "aws_glacier_vault" "deny_only" {
  name = "deny-only"
  access_policy = jsonencode({
    Statement = [{
      Effect = "Deny", Principal = "*", Action = "glacier:DeleteArchive", Resource = "*"
    }]
  })
}

resource "aws_glacier_vault" "no_policy" {
  name = "no-policy"
}
"""

SEARCH_AND_BROKERS = """\
resource "aws_opensearch_domain" "open" {
  domain_name = "open"
  access_policies = jsonencode({
    Statement = [{ Effect = "Allow", Principal = { AWS = "*" }, Action = "es:*", Resource = "*" }]
  })
}

resource "aws_opensearch_domain" "in_vpc" {
  domain_name = "invpc"
  vpc_options {
    subnet_ids = ["subnet-1"]
  }
  access_policies = jsonencode({
    Statement = [{ Effect = "Allow", Principal = { AWS = "*" }, Action = "es:*", Resource = "*" }]
  })
}

resource "aws_opensearch_domain" "fgac" {
  domain_name = "fgac"
  advanced_security_options {
    enabled                        = true
    internal_user_database_enabled = true
  }
}

resource "aws_opensearch_domain_policy" "fgac" {
  domain_name = aws_opensearch_domain.fgac.domain_name
  access_policies = jsonencode({
    Statement = [{ Effect = "Allow", Principal = { AWS = "*" }, Action = "es:*", Resource = "*" }]
  })
}

resource "aws_elasticsearch_domain" "ip_limited" {
  domain_name = "iplimited"
}

resource "aws_elasticsearch_domain_policy" "ip_limited" {
  domain_name = aws_elasticsearch_domain.ip_limited.domain_name
  access_policies = jsonencode({
    Statement = [{ Effect = "Allow", Principal = { AWS = "*" }, Action = "es:*", Resource = "*",
      Condition = { IpAddress = { "aws:SourceIp" = ["203.0.113.0/24"] } } }]
  })
}

resource "aws_elasticsearch_domain" "no_policy" {
  domain_name = "nopolicy"
}

resource "aws_mq_broker" "public" {
  broker_name         = "public"
  engine_type         = "ActiveMQ"
  engine_version      = "5.17.6"
  host_instance_type  = "mq.t3.micro"
  publicly_accessible = true
  user {
    username = "admin"
    password = var.pw
  }
}

resource "aws_mq_broker" "private" {
  broker_name        = "private"
  engine_type        = "ActiveMQ"
  engine_version     = "5.17.6"
  host_instance_type = "mq.t3.micro"
  user {
    username = "admin"
    password = var.pw
  }
}
variable "pw" { type = string }

resource "aws_sqs_queue" "jobs" {
  name = "jobs"
}

resource "azurerm_servicebus_namespace" "default_public" {
  name                = "agency-bus"
  location            = "southeastasia"
  resource_group_name = "rg"
  sku                 = "Standard"
}

resource "azurerm_servicebus_namespace" "private" {
  name                          = "agency-bus-private"
  location                      = "southeastasia"
  resource_group_name           = "rg"
  sku                           = "Premium"
  public_network_access_enabled = false
}
"""

TEMPLATE = """\
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  PolicyText:
    Type: String
Resources:
  OpenFileSystem:
    Type: AWS::EFS::FileSystem
    Properties:
      Encrypted: true
      FileSystemPolicy:
        Statement:
          - Sid: Everyone
            Effect: Allow
            Principal: {AWS: "*"}
            Action: ["elasticfilesystem:ClientMount"]
  DefaultFileSystem:
    Type: AWS::EFS::FileSystem
    Properties:
      Encrypted: true
  OpenTable:
    Type: AWS::DynamoDB::Table
    Properties:
      AttributeDefinitions: [{AttributeName: id, AttributeType: S}]
      KeySchema: [{AttributeName: id, KeyType: HASH}]
      BillingMode: PAY_PER_REQUEST
      ResourcePolicy:
        PolicyDocument:
          Statement:
            - Effect: Allow
              Principal: "*"
              Action: dynamodb:Query
              Resource: "*"
  OrgTable:
    Type: AWS::DynamoDB::Table
    Properties:
      AttributeDefinitions: [{AttributeName: id, AttributeType: S}]
      KeySchema: [{AttributeName: id, KeyType: HASH}]
      BillingMode: PAY_PER_REQUEST
      ResourcePolicy:
        PolicyDocument:
          Statement:
            - Effect: Allow
              Principal: "*"
              Action: dynamodb:Query
              Resource: "*"
              Condition:
                StringEquals: {"aws:PrincipalOrgID": "o-abc123"}
  OpenSecret:
    Type: AWS::SecretsManager::Secret
  OpenSecretPolicy:
    Type: AWS::SecretsManager::ResourcePolicy
    Properties:
      SecretId: !Ref OpenSecret
      ResourcePolicy:
        Statement:
          - Sid: Anyone
            Effect: Allow
            Principal: {AWS: "*"}
            Action: secretsmanager:GetSecretValue
            Resource: "*"
  OwnSecret:
    Type: AWS::SecretsManager::Secret
  OpenVault:
    Type: AWS::Backup::BackupVault
    Properties:
      BackupVaultName: open
      AccessPolicy:
        Statement:
          - Effect: Allow
            Principal: "*"
            Action: backup:DeleteRecoveryPoint
            Resource: "*"
  UnknownVault:
    Type: AWS::Backup::BackupVault
    Properties:
      BackupVaultName: unknown
      AccessPolicy: !Ref PolicyText
  OpenDomain:
    Type: AWS::OpenSearchService::Domain
    Properties:
      AccessPolicies:
        Statement:
          - Effect: Allow
            Principal: {AWS: "*"}
            Action: "es:*"
            Resource: "*"
  VpcDomain:
    Type: AWS::OpenSearchService::Domain
    Properties:
      VPCOptions: {SubnetIds: [subnet-1]}
      AccessPolicies:
        Statement:
          - Effect: Allow
            Principal: {AWS: "*"}
            Action: "es:*"
            Resource: "*"
  PublicBroker:
    Type: AWS::AmazonMQ::Broker
    Properties:
      BrokerName: public
      EngineType: ACTIVEMQ
      EngineVersion: "5.17.6"
      HostInstanceType: mq.t3.micro
      DeploymentMode: SINGLE_INSTANCE
      PubliclyAccessible: true
      Users: [{Username: admin, Password: "{{resolve:secretsmanager:mq}}"}]
  PrivateBroker:
    Type: AWS::AmazonMQ::Broker
    Properties:
      BrokerName: private
      EngineType: ACTIVEMQ
      EngineVersion: "5.17.6"
      HostInstanceType: mq.t3.micro
      DeploymentMode: SINGLE_INSTANCE
      PubliclyAccessible: false
      Users: [{Username: admin, Password: "{{resolve:secretsmanager:mq}}"}]
  Jobs:
    Type: AWS::SQS::Queue
"""


def _by(result_findings: list[Finding], rule: str) -> dict[str, Finding]:
    return {f.address or "": f for f in result_findings if f.rule_id == rule}


def test_terraform_resource_policies(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(MAIN)
    result = audit([tmp_path], Settings(rule_ids=("GDCC-DATA-001", "GDCC-SECRET-003")))
    found = {
        **_by(result.findings, "GDCC-DATA-001"),
        **_by(result.findings, "GDCC-SECRET-003"),
    }
    assert {f.rule_id for f in result.findings if "secret" in (f.address or "")} == {
        "GDCC-SECRET-003"
    }
    at = f"{tmp_path / 'main.tf'}"
    assert {a: f.status for a, f in found.items()} == {
        "aws_efs_file_system.open": Status.FAIL,
        # the condition of EFS's own default policy: only clients that reach a mount target
        "aws_efs_file_system.mount_target_only": Status.PASS,
        "aws_efs_file_system.default": Status.PASS,
        "aws_dynamodb_table.open": Status.FAIL,
        "aws_dynamodb_table.own": Status.PASS,
        "aws_secretsmanager_secret.inline": Status.FAIL,
        # block_public_policy: Secrets Manager refuses the public policy
        "aws_secretsmanager_secret.blocked": Status.PASS,
        "aws_backup_vault.unknown": Status.UNKNOWN,
        # its vault is not in the scan: judged on its own, as the vault
        "aws_backup_vault_policy.lone": Status.FAIL,
        "aws_glacier_vault.open": Status.FAIL,
        "aws_glacier_vault.deny_only": Status.PASS,
        "aws_glacier_vault.no_policy": Status.PASS,
    }
    assert found["aws_glacier_vault.open"].evidence["granted_by"] == [
        f'statement "read" allows everyone by access_policy of aws_glacier_vault.open at {at}:108'
    ]
    assert found["aws_efs_file_system.open"].evidence["granted_by"] == [
        f'statement "Everyone" allows everyone by aws_efs_file_system_policy.open at {at}:5'
    ]
    assert found["aws_dynamodb_table.open"].evidence["granted_by"] == [
        f"statement 1 allows everyone by aws_dynamodb_resource_policy.open at {at}:47"
    ]
    assert found["aws_secretsmanager_secret.inline"].message.en == (
        "anyone on the internet can access it (granted by statement \"All\" allows everyone "
        f"by policy of aws_secretsmanager_secret.inline at {at}:63)"
    )
    assert found["aws_secretsmanager_secret.inline"].evidence["granted_by"] == [
        f'statement "All" allows everyone by policy of aws_secretsmanager_secret.inline at {at}:63'
    ]
    assert found["aws_backup_vault.unknown"].evidence["granted_by"] == [
        f"policy not readable by aws_backup_vault_policy.unknown at {at}:93"
    ]
    assert found["aws_backup_vault_policy.lone"].evidence["granted_by"] == [
        f"statement 1 allows everyone by aws_backup_vault_policy.lone at {at}:98"
    ]
    assert found["aws_efs_file_system.open"].message.en == (
        "anyone on the internet can read this store: statement \"Everyone\" allows everyone "
        f"by aws_efs_file_system_policy.open at {at}:5"
    )
    assert "granted_by" not in found["aws_efs_file_system.default"].evidence


def test_terraform_search_domains_and_brokers(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(SEARCH_AND_BROKERS)
    result = audit(
        [tmp_path], Settings(rule_ids=("GDCC-DATA-001", "GDCC-NET-002", "GDCC-MSG-002"))
    )
    data = _by(result.findings, "GDCC-DATA-001")
    assert {a: f.status for a, f in data.items()} == {
        "aws_opensearch_domain.open": Status.FAIL,
        # reached only from inside its VPC
        "aws_opensearch_domain.in_vpc": Status.PASS,
        # fine-grained access control asks every request for credentials
        "aws_opensearch_domain.fgac": Status.PASS,
        "aws_elasticsearch_domain.ip_limited": Status.PASS,
        "aws_elasticsearch_domain.no_policy": Status.PASS,
    }
    assert data["aws_opensearch_domain.open"].evidence["granted_by"] == [
        "statement 1 allows everyone by access_policies of aws_opensearch_domain.open at "
        f"{tmp_path / 'main.tf'}:1"
    ]
    endpoint = _by(result.findings, "GDCC-NET-002")
    assert {a: endpoint[a].status for a in endpoint if "domain" not in a} == {
        "aws_mq_broker.public": Status.FAIL,
        "aws_mq_broker.private": Status.PASS,
        "aws_sqs_queue.jobs": Status.NOT_APPLICABLE,
        "azurerm_servicebus_namespace.default_public": Status.FAIL,
        "azurerm_servicebus_namespace.private": Status.PASS,
    }
    assert endpoint["aws_mq_broker.public"].evidence["public_endpoint"] is True
    # a broker has no resource policy: no grant to everyone (was UNKNOWN)
    policy = _by(result.findings, "GDCC-MSG-002")
    assert policy["aws_mq_broker.public"].status is Status.PASS
    assert policy["aws_mq_broker.private"].status is Status.PASS


def test_cloudformation_resource_policies_and_brokers(tmp_path: Path) -> None:
    (tmp_path / "template.yaml").write_text(TEMPLATE)
    result = audit(
        [tmp_path], Settings(rule_ids=("GDCC-DATA-001", "GDCC-NET-002", "GDCC-SECRET-003"))
    )
    data = {
        **_by(result.findings, "GDCC-DATA-001"),
        **_by(result.findings, "GDCC-SECRET-003"),
    }
    assert {a: f.status for a, f in data.items()} == {
        "OpenFileSystem": Status.FAIL,
        "DefaultFileSystem": Status.PASS,
        "OpenTable": Status.FAIL,
        "OrgTable": Status.PASS,
        "OpenSecret": Status.FAIL,
        "OwnSecret": Status.PASS,
        "OpenVault": Status.FAIL,
        "UnknownVault": Status.UNKNOWN,
        "OpenDomain": Status.FAIL,
        "VpcDomain": Status.PASS,
    }
    assert data["OpenFileSystem"].evidence["granted_by"] == [
        'statement "Everyone" allows everyone in FileSystemPolicy'
    ]
    assert data["OpenTable"].evidence["granted_by"] == [
        "statement 1 allows everyone in ResourcePolicy"
    ]
    assert data["OpenSecret"].evidence["granted_by"] == [
        f'statement "Anyone" allows everyone in OpenSecretPolicy at {tmp_path / "template.yaml"}:50'
    ]
    assert data["OpenVault"].evidence["granted_by"] == [
        "statement 1 allows everyone in AccessPolicy"
    ]
    assert data["UnknownVault"].evidence["granted_by"] == ["policy not readable in AccessPolicy"]
    assert data["OpenDomain"].evidence["granted_by"] == [
        "statement 1 allows everyone in AccessPolicies"
    ]
    endpoint = _by(result.findings, "GDCC-NET-002")
    assert endpoint["PublicBroker"].status is Status.FAIL
    assert endpoint["PrivateBroker"].status is Status.PASS
    assert endpoint["Jobs"].status is Status.NOT_APPLICABLE


GLOBAL_TABLES = """\
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  OpenGlobal:
    Type: AWS::DynamoDB::GlobalTable
    Properties:
      AttributeDefinitions: [{AttributeName: id, AttributeType: S}]
      KeySchema: [{AttributeName: id, KeyType: HASH}]
      BillingMode: PAY_PER_REQUEST
      Replicas:
        - Region: ap-southeast-7
        - Region: ap-southeast-1
          ResourcePolicy:
            PolicyDocument:
              Statement:
                - Sid: ReadAll
                  Effect: Allow
                  Principal: "*"
                  Action: dynamodb:GetItem
                  Resource: "*"
  OwnGlobal:
    Type: AWS::DynamoDB::GlobalTable
    Properties:
      AttributeDefinitions: [{AttributeName: id, AttributeType: S}]
      KeySchema: [{AttributeName: id, KeyType: HASH}]
      BillingMode: PAY_PER_REQUEST
      Replicas:
        - Region: ap-southeast-7
"""


def test_cloudformation_global_table_replica_policies(tmp_path: Path) -> None:
    """A global table is public when one replica's resource policy lets everyone in; the
    replica is named. Without replica policies it is private (was NOT_APPLICABLE)."""
    (tmp_path / "template.yaml").write_text(GLOBAL_TABLES)
    result = audit([tmp_path], Settings(rule_ids=("GDCC-DATA-001",)))
    found = _by(result.findings, "GDCC-DATA-001")
    assert {a: f.status for a, f in found.items()} == {
        "OpenGlobal": Status.FAIL,
        "OwnGlobal": Status.PASS,
    }
    assert found["OpenGlobal"].evidence["granted_by"] == [
        'statement "ReadAll" allows everyone in Replicas[1].ResourcePolicy'
    ]


def test_mount_target_condition_narrows_only_when_true() -> None:
    """``elasticfilesystem:AccessedViaMountTarget`` true under ``Bool`` limits a grant to
    clients in the file system's VPC; false, or under ``BoolIfExists``, limits nothing."""
    known = lambda value: True  # noqa: E731
    key = "elasticfilesystem:AccessedViaMountTarget"
    assert narrows({"Bool": {key: "true"}}, known) is True
    assert narrows({"Bool": {key: True}}, known) is True
    assert narrows({"Bool": {key: "false"}}, known) is False
    assert narrows({"BoolIfExists": {key: "true"}}, known) is False
    assert narrows({"Bool": {"aws:SecureTransport": "true"}}, known) is False
