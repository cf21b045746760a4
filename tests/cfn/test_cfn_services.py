"""CloudFormation types behind mapped checkov checks, read as their Terraform twins: DocumentDB
and Neptune clusters (backups, log exports, keys), Timestream databases (customer key),
Kinesis streams (encryption), CloudFront distributions (TLS 1.2+), Lambda function URLs and
permissions (public invocation)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Finding, Status
from gdcc_audit.settings import Settings

_CFN = "https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/"

MANIFEST = """\
apiVersion: gdcc-audit/v1
kind: Tenant
metadata: {name: services}
agency: {name_th: หน่วยงานทดสอบ, name_en: Test Agency}
iac: [template.yaml]
systems:
  - id: registry
    name_th: ระบบทะเบียน
    name_en: Registry
    personal_data: true
    security_category: {confidentiality: high, integrity: high, availability: high}
"""

TAGS = "Tags: [{Key: gdcc_system, Value: registry}]"


def _audit(
    tmp_path: Path, resources: str, rules: tuple[str, ...]
) -> dict[tuple[str, str], Finding]:
    template = 'AWSTemplateFormatVersion: "2010-09-09"\n' + resources
    (tmp_path / "template.yaml").write_text(template, encoding="utf-8")
    (tmp_path / "tenant.yaml").write_text(MANIFEST, encoding="utf-8")
    result = audit([tmp_path / "tenant.yaml"], Settings(rule_ids=rules))
    return {(f.rule_id, f.address): f for f in result.findings if f.address}


def _statuses(found: dict[tuple[str, str], Finding]) -> dict[tuple[str, str], Status]:
    return {key: f.status for key, f in found.items()}


def _default(found: dict[tuple[str, str], Finding], key: tuple[str, str]) -> Any:
    return found[key].evidence["defaults"]


CLUSTERS = f"""\
Parameters:
  Key: {{Type: String}}
Resources:
  DocDefault:
    Type: AWS::DocDB::DBCluster
    Properties: {{MasterUsername: name, MasterUserPassword: "{{{{resolve:ssm-secure:p}}}}", {TAGS}}}
  DocKept:
    Type: AWS::DocDB::DBCluster
    Properties:
      BackupRetentionPeriod: 7
      StorageEncrypted: true
      KmsKeyId: arn:aws:kms:ap-southeast-7:111122223333:key/k1
      DeletionProtection: true
      EnableCloudwatchLogsExports: [audit]
      DBClusterParameterGroupName: !Ref DocAudit
      {TAGS}
  DocAudit:
    Type: AWS::DocDB::DBClusterParameterGroup
    Properties:
      Family: docdb5.0
      Description: audit events on (the export alone records nothing)
      Parameters: {{audit_logs: enabled}}
  DocAwsKey:
    Type: AWS::DocDB::DBCluster
    Properties:
      StorageEncrypted: true
      KmsKeyId: alias/aws/rds
      BackupRetentionPeriod: 3
      {TAGS}
  GraphDefault:
    Type: AWS::Neptune::DBCluster
    Properties: {{{TAGS}}}
  GraphKept:
    Type: AWS::Neptune::DBCluster
    Properties:
      BackupRetentionPeriod: 35
      StorageEncrypted: true
      KmsKeyId: !Ref Key
      IamAuthEnabled: true
      EnableCloudwatchLogsExports: [audit]
      DBClusterParameterGroupName: !Ref GraphAudit
      {TAGS}
  GraphAudit:
    Type: AWS::Neptune::DBClusterParameterGroup
    Properties:
      Family: neptune1.3
      Description: audit events on
      Parameters: {{neptune_enable_audit_log: "1"}}
"""


def test_document_and_graph_clusters(tmp_path: Path) -> None:
    rules = (
        "GDCC-BCK-002",
        "GDCC-DATA-004",
        "GDCC-ENC-002",
        "GDCC-ENC-001",
        "GDCC-BCK-003",
        "GDCC-DB-002",
    )
    found = _audit(tmp_path, CLUSTERS, rules)
    fail, ok = Status.FAIL, Status.PASS
    na, unknown = Status.NOT_APPLICABLE, Status.UNKNOWN
    assert _statuses(found) == {
        ("GDCC-BCK-002", "DocDefault"): fail,
        ("GDCC-BCK-002", "DocKept"): ok,
        ("GDCC-BCK-002", "DocAwsKey"): fail,
        ("GDCC-BCK-002", "GraphDefault"): fail,
        ("GDCC-BCK-002", "GraphKept"): ok,
        ("GDCC-DATA-004", "DocDefault"): fail,
        ("GDCC-DATA-004", "DocKept"): ok,
        ("GDCC-DATA-004", "DocAwsKey"): fail,
        ("GDCC-DATA-004", "GraphDefault"): fail,
        ("GDCC-DATA-004", "GraphKept"): ok,
        # the DocumentDB group is judged on its own (audit_logs enabled); untagged, it holds
        # no personal data
        ("GDCC-DATA-004", "DocAudit"): na,
        ("GDCC-DATA-004", "GraphAudit"): na,
        # an AWS managed alias is not a customer key; a key from a parameter is not known
        ("GDCC-ENC-002", "DocDefault"): fail,
        ("GDCC-ENC-002", "DocKept"): ok,
        ("GDCC-ENC-002", "DocAwsKey"): fail,
        ("GDCC-ENC-002", "GraphDefault"): fail,
        ("GDCC-ENC-002", "GraphKept"): unknown,
        ("GDCC-ENC-001", "DocDefault"): fail,
        ("GDCC-ENC-001", "DocKept"): ok,
        ("GDCC-ENC-001", "DocAwsKey"): ok,
        ("GDCC-ENC-001", "GraphDefault"): fail,
        ("GDCC-ENC-001", "GraphKept"): ok,
        ("GDCC-BCK-003", "DocDefault"): fail,
        ("GDCC-BCK-003", "DocKept"): ok,
        ("GDCC-BCK-003", "DocAwsKey"): fail,
        ("GDCC-BCK-003", "GraphDefault"): fail,
        ("GDCC-BCK-003", "GraphKept"): fail,
        # minor upgrades are set on each cluster instance
        ("GDCC-DB-002", "DocDefault"): na,
        ("GDCC-DB-002", "DocKept"): na,
        ("GDCC-DB-002", "DocAwsKey"): na,
        ("GDCC-DB-002", "GraphDefault"): na,
        ("GDCC-DB-002", "GraphKept"): na,
    }
    doc = _CFN + "aws-resource-docdb-dbcluster.html"
    assert _default(found, ("GDCC-BCK-002", "DocDefault")) == {
        "backup_retention_days": {
            "attribute": "BackupRetentionPeriod", "value": "default", "documentation": doc
        }
    }
    assert found[("GDCC-BCK-002", "DocDefault")].evidence["backup_retention_days"] == 1
    assert found[("GDCC-BCK-002", "DocAwsKey")].evidence["backup_retention_days"] == 3
    assert "defaults" not in found[("GDCC-BCK-002", "DocAwsKey")].evidence
    assert _default(found, ("GDCC-DATA-004", "GraphDefault")) == {
        "access_logging": {
            "attribute": "EnableCloudwatchLogsExports",
            "value": "default",
            "documentation": _CFN + "aws-resource-neptune-dbcluster.html",
        }
    }
    assert _default(found, ("GDCC-ENC-001", "GraphDefault"))["encrypted_at_rest"][
        "attribute"
    ] == "StorageEncrypted"


STREAMS = f"""\
Resources:
  Plain:
    Type: AWS::Kinesis::Stream
    Properties: {{ShardCount: 1, {TAGS}}}
  AwsKey:
    Type: AWS::Kinesis::Stream
    Properties:
      ShardCount: 1
      StreamEncryption: {{EncryptionType: KMS, KeyId: alias/aws/kinesis}}
      {TAGS}
  OwnKey:
    Type: AWS::Kinesis::Stream
    Properties:
      ShardCount: 1
      StreamEncryption: {{EncryptionType: KMS, KeyId: !GetAtt StreamKey.Arn}}
      {TAGS}
  StreamKey:
    Type: AWS::KMS::Key
    Properties: {{EnableKeyRotation: true, {TAGS}}}
  Series:
    Type: AWS::Timestream::Database
    Properties: {{{TAGS}}}
  SeriesOwnKey:
    Type: AWS::Timestream::Database
    Properties: {{KmsKeyId: !Ref StreamKey, {TAGS}}}
"""


def test_streams_and_time_series(tmp_path: Path) -> None:
    found = _audit(tmp_path, STREAMS, ("GDCC-MSG-001", "GDCC-ENC-002", "GDCC-DB-002"))
    statuses = {k: v for k, v in _statuses(found).items() if k[1] != "StreamKey"}
    assert statuses == {
        ("GDCC-MSG-001", "Plain"): Status.FAIL,
        ("GDCC-MSG-001", "AwsKey"): Status.PASS,
        ("GDCC-MSG-001", "OwnKey"): Status.PASS,
        ("GDCC-ENC-002", "Plain"): Status.FAIL,
        ("GDCC-ENC-002", "AwsKey"): Status.FAIL,
        ("GDCC-ENC-002", "OwnKey"): Status.PASS,
        ("GDCC-ENC-002", "Series"): Status.FAIL,
        ("GDCC-ENC-002", "SeriesOwnKey"): Status.PASS,
        ("GDCC-DB-002", "Series"): Status.NOT_APPLICABLE,
        ("GDCC-DB-002", "SeriesOwnKey"): Status.NOT_APPLICABLE,
    }
    assert _default(found, ("GDCC-MSG-001", "Plain"))["encrypted_at_rest"]["attribute"] == (
        "StreamEncryption"
    )
    assert _default(found, ("GDCC-ENC-002", "Series")) == {
        "customer_managed_key": {
            "attribute": "KmsKeyId",
            "value": "default",
            "documentation": _CFN + "aws-resource-timestream-database.html",
        }
    }


def _distribution(name: str, certificate: str, policy: str = "https-only") -> str:
    cert = f"        ViewerCertificate: {{{certificate}}}\n" if certificate else ""
    return f"""\
  {name}:
    Type: AWS::CloudFront::Distribution
    Properties:
      DistributionConfig:
        Enabled: true
        Origins: [{{DomainName: example.com, Id: o}}]
        DefaultCacheBehavior: {{TargetOriginId: o, ViewerProtocolPolicy: {policy}}}
{cert}      {TAGS}
"""


_SNI = "AcmCertificateArn: arn:c, SslSupportMethod: sni-only"
DISTRIBUTIONS = "Resources:\n" + "".join(
    [
        _distribution("NoCertificate", ""),
        # the cloudfront.net certificate is TLSv1 "regardless of the value that you set"
        _distribution(
            "DefaultCertificate",
            "CloudFrontDefaultCertificate: true, MinimumProtocolVersion: TLSv1.2_2021",
        ),
        _distribution("Tls11", f"{_SNI}, MinimumProtocolVersion: TLSv1.1_2016"),
        _distribution("NoVersion", _SNI),
        _distribution("Tls12", f"{_SNI}, MinimumProtocolVersion: TLSv1.2_2021", "allow-all"),
        _distribution("Tls13", f"{_SNI}, MinimumProtocolVersion: TLSv1.3_2025"),
    ]
)


def test_cloudfront_minimum_tls(tmp_path: Path) -> None:
    found = _audit(tmp_path, DISTRIBUTIONS, ("GDCC-ENC-005", "GDCC-ENC-004"))
    enc005 = {k[1]: v for k, v in _statuses(found).items() if k[0] == "GDCC-ENC-005"}
    assert enc005 == {
        "NoCertificate": Status.FAIL,
        "DefaultCertificate": Status.FAIL,
        "Tls11": Status.FAIL,
        "NoVersion": Status.FAIL,
        "Tls12": Status.PASS,
        "Tls13": Status.PASS,
    }
    assert found[("GDCC-ENC-005", "Tls11")].evidence["tls_min_version"] == "1.1"
    assert found[("GDCC-ENC-005", "NoCertificate")].evidence["tls_min_version"] == "1.0"
    assert _default(found, ("GDCC-ENC-005", "NoCertificate"))["tls_min_version"][
        "attribute"
    ] == "DistributionConfig.ViewerCertificate"
    assert "defaults" not in found[("GDCC-ENC-005", "DefaultCertificate")].evidence
    # viewers over HTTP: only the behaviour that allows all protocols fails
    enc004 = {k[1]: v for k, v in _statuses(found).items() if k[0] == "GDCC-ENC-004"}
    assert enc004 == dict.fromkeys(enc005, Status.PASS) | {"Tls12": Status.FAIL}


FUNCTIONS = f"""\
Resources:
  Open:
    Type: AWS::Lambda::Function
    Properties: {{Runtime: python3.12, Handler: a.b, Role: arn:r, Code: {{ZipFile: x}}, {TAGS}}}
  OpenUrl:
    Type: AWS::Lambda::Url
    Properties: {{AuthType: NONE, TargetFunctionArn: !GetAtt Open.Arn}}
  Signed:
    Type: AWS::Lambda::Function
    Properties: {{Runtime: python3.12, Handler: a.b, Role: arn:r, Code: {{ZipFile: x}}, {TAGS}}}
  SignedUrl:
    Type: AWS::Lambda::Url
    Properties: {{AuthType: AWS_IAM, TargetFunctionArn: !Ref Signed}}
  ForEveryone:
    Type: AWS::Lambda::Function
    Properties: {{Runtime: python3.12, Handler: a.b, Role: arn:r, Code: {{ZipFile: x}}, {TAGS}}}
  Everyone:
    Type: AWS::Lambda::Permission
    Properties: {{Action: "lambda:InvokeFunction", FunctionName: !Ref ForEveryone, Principal: "*"}}
  FromBucket:
    Type: AWS::Lambda::Function
    Properties: {{Runtime: python3.12, Handler: a.b, Role: arn:r, Code: {{ZipFile: x}}, {TAGS}}}
  BucketOnly:
    Type: AWS::Lambda::Permission
    Properties:
      Action: "lambda:InvokeFunction"
      FunctionName: !GetAtt FromBucket.Arn
      Principal: s3.amazonaws.com
      SourceArn: arn:aws:s3:::bucket
  ElsewhereUrl:
    Type: AWS::Lambda::Url
    Properties:
      AuthType: NONE
      TargetFunctionArn: arn:aws:lambda:ap-southeast-7:111122223333:function:f
  ElsewhereSigned:
    Type: AWS::Lambda::Url
    Properties:
      AuthType: AWS_IAM
      TargetFunctionArn: arn:aws:lambda:ap-southeast-7:111122223333:function:f
  Sam:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: a.b
      InlineCode: x
      FunctionUrlConfig: {{AuthType: NONE}}
      Tags: {{gdcc_system: registry}}
"""


def test_function_urls_and_permissions(tmp_path: Path) -> None:
    found = _audit(tmp_path, FUNCTIONS, ("GDCC-CMP-011", "GDCC-ENC-002"))
    assert {k[1]: v for k, v in _statuses(found).items() if k[0] == "GDCC-CMP-011"} == {
        "Open": Status.FAIL,
        "Signed": Status.PASS,
        "ForEveryone": Status.FAIL,
        "FromBucket": Status.PASS,
        "ElsewhereUrl": Status.FAIL,
        "ElsewhereSigned": Status.PASS,
        "Sam": Status.FAIL,
    }
    # a URL of a function outside the template is judged only for whom it lets in
    assert found[("GDCC-ENC-002", "ElsewhereUrl")].status == Status.NOT_APPLICABLE
    assert found[("GDCC-ENC-002", "Open")].status == Status.FAIL
    assert found[("GDCC-CMP-011", "Open")].evidence["public_access"] is True


QUALIFIED = f"""\
Resources:
  Aliased:
    Type: AWS::Lambda::Function
    Properties: {{Runtime: python3.12, Handler: a.b, Role: arn:r, Code: {{ZipFile: x}}, {TAGS}}}
  AliasedVersion:
    Type: AWS::Lambda::Version
    Properties: {{FunctionName: !Ref Aliased}}
  AliasedLive:
    Type: AWS::Lambda::Alias
    Properties:
      FunctionName: !Ref Aliased
      FunctionVersion: !GetAtt AliasedVersion.Version
      Name: live
  LiveUrl:
    Type: AWS::Lambda::Url
    Properties: {{AuthType: NONE, TargetFunctionArn: !Ref AliasedLive}}
  Versioned:
    Type: AWS::Lambda::Function
    Properties: {{Runtime: python3.12, Handler: a.b, Role: arn:r, Code: {{ZipFile: x}}, {TAGS}}}
  VersionedOne:
    Type: AWS::Lambda::Version
    Properties: {{FunctionName: !Ref Versioned}}
  VersionGrant:
    Type: AWS::Lambda::Permission
    Properties: {{Action: "lambda:InvokeFunction", FunctionName: !Ref VersionedOne, Principal: "*"}}
"""


def test_grants_on_an_alias_or_version_open_the_function(tmp_path: Path) -> None:
    """A function URL on an alias (what the SAM transform writes for ``AutoPublishAlias`` with
    ``FunctionUrlConfig``) or a permission on a version: the function PASSed GDCC-CMP-011
    while the grant was judged alone; the grant now opens its function."""
    found = _audit(tmp_path, QUALIFIED, ("GDCC-CMP-011",))
    assert _statuses(found) == {
        ("GDCC-CMP-011", "Aliased"): Status.FAIL,
        ("GDCC-CMP-011", "Versioned"): Status.FAIL,
    }
    assert found[("GDCC-CMP-011", "Aliased")].evidence["public_access"] is True
