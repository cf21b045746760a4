"""CloudFormation data services read as their Terraform twins: Amazon MQ brokers, DAX and
MemoryDB clusters, AppSync caches, Keyspaces tables, Kinesis Video streams, CloudTrail event
data stores, Redshift Serverless namespaces and FSx file systems (encryption, customer keys,
TLS, minor upgrades; an AWS managed alias is not a customer key)."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Finding, Status
from gdcc_audit.settings import Settings

_CFN = "https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/"

MANIFEST = """\
apiVersion: gdcc-audit/v1
kind: Tenant
metadata: {name: data}
agency: {name_th: หน่วยงานทดสอบ, name_en: Test Agency}
iac: [template.yaml]
systems:
  - id: registry
    name_th: ระบบทะเบียน
    name_en: Registry
    personal_data: true
    security_category: {confidentiality: high, integrity: high, availability: high}
"""

T = "Tags: [{Key: gdcc_system, Value: registry}]"
KEY = "arn:aws:kms:ap-southeast-7:111122223333:key/k1"

TEMPLATE = f"""\
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Broker:
    Type: AWS::AmazonMQ::Broker
    Properties: {{BrokerName: b, EngineType: ACTIVEMQ, PubliclyAccessible: false, {T}}}
  BrokerOwnKey:
    Type: AWS::AmazonMQ::Broker
    Properties:
      BrokerName: k
      EngineType: ACTIVEMQ
      PubliclyAccessible: true
      AutoMinorVersionUpgrade: true
      EncryptionOptions: {{UseAwsOwnedKey: false, KmsKeyId: {KEY}}}
      {T}
  BrokerMqKey:
    Type: AWS::AmazonMQ::Broker
    Properties:
      BrokerName: m
      EngineType: ACTIVEMQ
      PubliclyAccessible: false
      EncryptionOptions: {{UseAwsOwnedKey: false}}
      {T}
  Dax:
    Type: AWS::DAX::Cluster
    Properties: {{IAMRoleARN: arn:r, NodeType: dax.r4.large, ReplicationFactor: 1, {T}}}
  DaxSealed:
    Type: AWS::DAX::Cluster
    Properties:
      IAMRoleARN: arn:r
      NodeType: dax.r4.large
      ReplicationFactor: 1
      SSESpecification: {{SSEEnabled: true}}
      ClusterEndpointEncryptionType: TLS
      {T}
  Cache:
    Type: AWS::AppSync::ApiCache
    Properties: {{ApiId: a, ApiCachingBehavior: FULL_REQUEST_CACHING, Ttl: 60, Type: SMALL, {T}}}
  CacheSealed:
    Type: AWS::AppSync::ApiCache
    Properties:
      ApiId: a
      ApiCachingBehavior: FULL_REQUEST_CACHING
      Ttl: 60
      Type: SMALL
      AtRestEncryptionEnabled: true
      TransitEncryptionEnabled: true
      {T}
  Memory:
    Type: AWS::MemoryDB::Cluster
    Properties: {{ClusterName: m, NodeType: db.t4g.small, ACLName: open-access, {T}}}
  MemoryPlain:
    Type: AWS::MemoryDB::Cluster
    Properties:
      ClusterName: p
      NodeType: db.t4g.small
      ACLName: open-access
      TLSEnabled: false
      AutoMinorVersionUpgrade: false
      KmsKeyId: {KEY}
      {T}
  Keyspace:
    Type: AWS::Cassandra::Table
    Properties:
      KeyspaceName: k
      PartitionKeyColumns: [{{ColumnName: id, ColumnType: text}}]
      {T}
  KeyspaceOwnKey:
    Type: AWS::Cassandra::Table
    Properties:
      KeyspaceName: k
      PartitionKeyColumns: [{{ColumnName: id, ColumnType: text}}]
      EncryptionSpecification:
        EncryptionType: CUSTOMER_MANAGED_KMS_KEY
        KmsKeyIdentifier: {KEY}
      {T}
  Video:
    Type: AWS::KinesisVideo::Stream
    Properties: {{KmsKeyId: alias/aws/kinesisvideo, {T}}}
  Events:
    Type: AWS::CloudTrail::EventDataStore
    Properties: {{KmsKeyId: {KEY}, {T}}}
  Namespace:
    Type: AWS::RedshiftServerless::Namespace
    Properties: {{NamespaceName: n, {T}}}
  Files:
    Type: AWS::FSx::FileSystem
    Properties: {{FileSystemType: LUSTRE, SubnetIds: [s], {T}}}
"""


def test_data_services(tmp_path: Path) -> None:
    (tmp_path / "template.yaml").write_text(TEMPLATE, encoding="utf-8")
    (tmp_path / "tenant.yaml").write_text(MANIFEST, encoding="utf-8")
    rules = ("GDCC-ENC-001", "GDCC-ENC-002", "GDCC-ENC-004", "GDCC-DB-002", "GDCC-MSG-001")
    result = audit([tmp_path / "tenant.yaml"], Settings(rule_ids=rules))
    found: dict[tuple[str, str], Finding] = {
        (f.rule_id, f.address): f for f in result.findings if f.address
    }
    statuses = {key: f.status for key, f in found.items()}
    ok, fail, na = Status.PASS, Status.FAIL, Status.NOT_APPLICABLE
    # customer-managed keys: AWS owned / managed keys (aws/mq, alias/aws/kinesisvideo) are not
    assert {k[1]: v for k, v in statuses.items() if k[0] == "GDCC-ENC-002"} == {
        "Broker": fail,
        "BrokerOwnKey": ok,
        "BrokerMqKey": fail,
        # DAX and AppSync caches have no key to choose; unencrypted ones fail for that
        "Dax": fail,
        "DaxSealed": fail,
        "Cache": fail,
        "CacheSealed": fail,
        "Memory": fail,
        "MemoryPlain": ok,
        "Keyspace": fail,
        "KeyspaceOwnKey": ok,
        "Video": fail,
        "Events": ok,
        "Namespace": fail,
        "Files": fail,
    }
    # encryption at rest: DAX and AppSync caches are off by default
    assert {k[1]: v for k, v in statuses.items() if k[0] == "GDCC-ENC-001"} == {
        "Dax": fail,
        "DaxSealed": ok,
        "Cache": fail,
        "CacheSealed": ok,
        "Memory": ok,
        "MemoryPlain": ok,
        "Keyspace": ok,
        "KeyspaceOwnKey": ok,
        "Namespace": ok,
        "Files": ok,
    }
    assert {k[1]: v for k, v in statuses.items() if k[0] == "GDCC-ENC-004"} == {
        "Dax": fail,
        "DaxSealed": ok,
        "Cache": fail,
        "CacheSealed": ok,
        "Memory": ok,
        "MemoryPlain": fail,
        "Keyspace": ok,  # Keyspaces accepts TLS connections only
        "KeyspaceOwnKey": ok,
        "Namespace": Status.UNKNOWN,  # require_ssl is a workgroup parameter
    }
    assert {k[1]: v for k, v in statuses.items() if k[0] == "GDCC-MSG-001"} == {
        "Broker": ok,
        "BrokerOwnKey": ok,
        "BrokerMqKey": ok,
        "Video": ok,
    }
    # minor upgrades: MQ off by default, MemoryDB on; serverless services are patched by AWS
    assert {k[1]: v for k, v in statuses.items() if k[0] == "GDCC-DB-002"} == {
        "Broker": fail,
        "BrokerOwnKey": ok,
        "BrokerMqKey": fail,
        "Dax": na,
        "DaxSealed": na,
        "Cache": na,
        "CacheSealed": na,
        "Memory": ok,
        "MemoryPlain": fail,
        "Keyspace": na,
        "KeyspaceOwnKey": na,
        "Namespace": na,
    }
    assert found[("GDCC-ENC-001", "Dax")].evidence["defaults"] == {
        "encrypted_at_rest": {
            "attribute": "SSESpecification.SSEEnabled",
            "value": "default",
            "documentation": _CFN + "aws-resource-dax-cluster.html",
        }
    }
    assert found[("GDCC-DB-002", "Broker")].evidence["defaults"]["auto_patching"][
        "attribute"
    ] == "AutoMinorVersionUpgrade"
    assert "defaults" not in found[("GDCC-DB-002", "MemoryPlain")].evidence
    assert found[("GDCC-ENC-002", "Dax")].evidence["encrypted_at_rest"] is False
    assert found[("GDCC-ENC-002", "DaxSealed")].evidence["customer_managed_key"] is False


def test_fsx_file_system_is_not_public(tmp_path: Path) -> None:
    """GDCC-DATA-001 was UNKNOWN "public access is not known" on ``AWS::FSx::FileSystem``:
    FSx takes no resource-based policy and is reached only through its network interfaces in
    the VPC (as the Terraform FSx types, ``tests/terraform/test_fsx_not_public.py``)."""
    (tmp_path / "template.yaml").write_text(TEMPLATE, encoding="utf-8")
    (tmp_path / "tenant.yaml").write_text(MANIFEST, encoding="utf-8")
    result = audit([tmp_path / "tenant.yaml"], Settings(rule_ids=("GDCC-DATA-001",)))
    found = {f.address: f for f in result.findings}
    assert found["Files"].status is Status.PASS
    assert found["Files"].message.en == "Storage is not publicly readable"
