"""Mapper fixes found while mapping more AWS checkov checks (issue 12, stop 22): each test
names the resource, the rule, the verdict and the evidence the fix gives."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Finding, Status
from gdcc_audit.settings import Settings

MANIFEST = """\
apiVersion: gdcc-audit/v1
kind: Tenant
metadata: {name: additions}
agency: {name_th: หน่วยงานทดสอบ, name_en: Test Agency}
iac: [%s]
systems:
  - id: app
    name_th: ระบบทดสอบ
    name_en: App
    personal_data: true
    security_category: {confidentiality: high, integrity: high, availability: high}
"""


def _findings(tmp_path: Path, files: dict[str, str], rules: tuple[str, ...]) -> dict[
    tuple[str, str], Finding
]:
    for name, text in files.items():
        (tmp_path / name).write_text(text)
    (tmp_path / "tenant.yaml").write_text(MANIFEST % ", ".join(files))
    result = audit([tmp_path / "tenant.yaml"], Settings(rule_ids=rules))
    return {(f.rule_id, f.address): f for f in result.findings if f.address}


DNSSEC = """\
resource "aws_route53_zone" "signed" {
  name = "service.example.go.th"
  tags = { gdcc_system = "app" }
}

resource "aws_kms_key" "dnssec" {
  customer_master_key_spec = "ECC_NIST_P256"
  key_usage                = "SIGN_VERIFY"
  tags                     = { gdcc_system = "app" }
}

resource "aws_route53_key_signing_key" "signed" {
  hosted_zone_id             = aws_route53_zone.signed.id
  key_management_service_arn = aws_kms_key.dnssec.arn
  name                       = "signed"
}

# the provider's own example: the zone named through the key-signing key
resource "aws_route53_hosted_zone_dnssec" "signed" {
  depends_on     = [aws_route53_key_signing_key.signed]
  hosted_zone_id = aws_route53_key_signing_key.signed.hosted_zone_id
}

resource "aws_route53_zone" "key_only" {
  name = "portal.example.go.th"
  tags = { gdcc_system = "app" }
}

# a key-signing key alone does not sign the zone
resource "aws_route53_key_signing_key" "key_only" {
  hosted_zone_id             = aws_route53_zone.key_only.id
  key_management_service_arn = aws_kms_key.dnssec.arn
  name                       = "key-only"
}
"""


def test_dnssec_through_the_key_signing_key(tmp_path: Path) -> None:
    found = _findings(tmp_path, {"main.tf": DNSSEC}, ("GDCC-DNS-001",))
    verdicts = {key: f.status for key, f in found.items()}
    assert verdicts == {
        ("GDCC-DNS-001", "aws_route53_zone.signed"): Status.PASS,
        ("GDCC-DNS-001", "aws_route53_zone.key_only"): Status.FAIL,
    }


GLOBAL_TABLE = """\
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Protected:
    Type: AWS::DynamoDB::GlobalTable
    Properties:
      AttributeDefinitions: [{AttributeName: pk, AttributeType: S}]
      KeySchema: [{AttributeName: pk, KeyType: HASH}]
      BillingMode: PAY_PER_REQUEST
      SSESpecification: {SSEEnabled: true, SSEType: KMS}
      Replicas:
        - Region: ap-southeast-7
          PointInTimeRecoverySpecification: {PointInTimeRecoveryEnabled: true}
          DeletionProtectionEnabled: true
          SSESpecification: {KMSMasterKeyId: arn:aws:kms:ap-southeast-7:111122223333:key/k1}
          Tags: [{Key: gdcc_system, Value: app}]
        - Region: ap-southeast-1
          PointInTimeRecoverySpecification: {PointInTimeRecoveryEnabled: true}
          DeletionProtectionEnabled: true
          SSESpecification: {KMSMasterKeyId: arn:aws:kms:ap-southeast-1:111122223333:key/k2}
      Tags: [{Key: gdcc_system, Value: app}]
  OneReplicaBare:
    Type: AWS::DynamoDB::GlobalTable
    Properties:
      AttributeDefinitions: [{AttributeName: pk, AttributeType: S}]
      KeySchema: [{AttributeName: pk, KeyType: HASH}]
      BillingMode: PAY_PER_REQUEST
      SSESpecification: {SSEEnabled: true, SSEType: KMS}
      Replicas:
        - Region: ap-southeast-7
          PointInTimeRecoverySpecification: {PointInTimeRecoveryEnabled: true}
          DeletionProtectionEnabled: true
          SSESpecification: {KMSMasterKeyId: arn:aws:kms:ap-southeast-7:111122223333:key/k1}
        - Region: ap-southeast-1
      Tags: [{Key: gdcc_system, Value: app}]
  OwnedKey:
    Type: AWS::DynamoDB::GlobalTable
    Properties:
      AttributeDefinitions: [{AttributeName: pk, AttributeType: S}]
      KeySchema: [{AttributeName: pk, KeyType: HASH}]
      BillingMode: PAY_PER_REQUEST
      Replicas:
        - Region: ap-southeast-7
          SSESpecification: {KMSMasterKeyId: arn:aws:kms:ap-southeast-7:111122223333:key/k1}
      Tags: [{Key: gdcc_system, Value: app}]
"""


def test_global_table_settings_are_read_per_replica(tmp_path: Path) -> None:
    rules = ("GDCC-BCK-001", "GDCC-BCK-003", "GDCC-ENC-002")
    found = _findings(tmp_path, {"template.yaml": GLOBAL_TABLE}, rules)
    verdicts = {key: f.status for key, f in found.items()}
    assert verdicts == {
        ("GDCC-BCK-001", "Protected"): Status.PASS,
        ("GDCC-BCK-003", "Protected"): Status.PASS,
        ("GDCC-ENC-002", "Protected"): Status.PASS,
        # the second replica has no point-in-time recovery, deletion protection or key
        ("GDCC-BCK-001", "OneReplicaBare"): Status.FAIL,
        ("GDCC-BCK-003", "OneReplicaBare"): Status.FAIL,
        ("GDCC-ENC-002", "OneReplicaBare"): Status.FAIL,
        # SSE not enabled: the AWS owned key, whatever a replica names
        ("GDCC-BCK-001", "OwnedKey"): Status.FAIL,
        ("GDCC-BCK-003", "OwnedKey"): Status.FAIL,
        ("GDCC-ENC-002", "OwnedKey"): Status.FAIL,
    }
    assert found[("GDCC-BCK-001", "OneReplicaBare")].evidence["backup_enabled"] is False


API_STAGES = """\
resource "aws_api_gateway_rest_api" "regional" {
  name = "regional"
  endpoint_configuration {
    types = ["REGIONAL"]
  }
  tags = { gdcc_system = "app" }
}

resource "aws_api_gateway_rest_api" "edge_default" {
  name = "edge"
  tags = { gdcc_system = "app" }
}

resource "aws_api_gateway_rest_api" "private" {
  name = "private"
  endpoint_configuration {
    types = ["PRIVATE"]
  }
  tags = { gdcc_system = "app" }
}

resource "aws_api_gateway_stage" "protected" {
  deployment_id = "d1"
  rest_api_id   = aws_api_gateway_rest_api.regional.id
  stage_name    = "prod"
  tags          = { gdcc_system = "app" }
}

resource "aws_wafv2_web_acl_association" "protected" {
  resource_arn = aws_api_gateway_stage.protected.arn
  web_acl_arn  = "arn:aws:wafv2:ap-southeast-7:111122223333:regional/webacl/w/1"
}

resource "aws_api_gateway_stage" "unprotected" {
  deployment_id = "d1"
  rest_api_id   = aws_api_gateway_rest_api.edge_default.id
  stage_name    = "prod"
  tags          = { gdcc_system = "app" }
}

resource "aws_api_gateway_stage" "internal" {
  deployment_id = "d1"
  rest_api_id   = aws_api_gateway_rest_api.private.id
  stage_name    = "prod"
  tags          = { gdcc_system = "app" }
}
"""


def test_rest_api_stage_waf_association_and_exposure(tmp_path: Path) -> None:
    found = _findings(tmp_path, {"main.tf": API_STAGES}, ("GDCC-NET-003",))
    verdicts = {key: f.status for key, f in found.items()}
    assert verdicts == {
        ("GDCC-NET-003", "aws_api_gateway_stage.protected"): Status.PASS,
        ("GDCC-NET-003", "aws_api_gateway_stage.unprotected"): Status.FAIL,
        ("GDCC-NET-003", "aws_api_gateway_stage.internal"): Status.NOT_APPLICABLE,
    }
    failed = found[("GDCC-NET-003", "aws_api_gateway_stage.unprotected")]
    assert failed.evidence["public_endpoint"] is True
    assert failed.evidence["waf_enabled"] is False


SEARCH = """\
resource "aws_opensearch_domain" "slow_logs_only" {
  domain_name = "slow"
  log_publishing_options {
    cloudwatch_log_group_arn = "arn:aws:logs:ap-southeast-7:111122223333:log-group:slow"
    log_type                 = "INDEX_SLOW_LOGS"
  }
  tags = { gdcc_system = "app" }
}

resource "aws_opensearch_domain" "audited" {
  domain_name = "audited"
  cluster_config {
    zone_awareness_enabled = true
  }
  log_publishing_options {
    cloudwatch_log_group_arn = "arn:aws:logs:ap-southeast-7:111122223333:log-group:audit"
    log_type                 = "AUDIT_LOGS"
  }
  tags = { gdcc_system = "app" }
}

resource "aws_elasticsearch_domain" "audit_off" {
  domain_name = "audit-off"
  cluster_config {
    instance_count = 3
  }
  log_publishing_options {
    cloudwatch_log_group_arn = "arn:aws:logs:ap-southeast-7:111122223333:log-group:audit"
    log_type                 = "AUDIT_LOGS"
    enabled                  = false
  }
  tags = { gdcc_system = "app" }
}
"""


def test_search_domains_log_access_only_with_audit_logs(tmp_path: Path) -> None:
    found = _findings(tmp_path, {"main.tf": SEARCH}, ("GDCC-DATA-004", "GDCC-DB-003"))
    verdicts = {key: f.status for key, f in found.items()}
    assert verdicts == {
        # slow logs record no access (was PASS)
        ("GDCC-DATA-004", "aws_opensearch_domain.slow_logs_only"): Status.FAIL,
        ("GDCC-DATA-004", "aws_opensearch_domain.audited"): Status.PASS,
        ("GDCC-DATA-004", "aws_elasticsearch_domain.audit_off"): Status.FAIL,
        # zone awareness off by default (was UNKNOWN)
        ("GDCC-DB-003", "aws_opensearch_domain.slow_logs_only"): Status.FAIL,
        ("GDCC-DB-003", "aws_opensearch_domain.audited"): Status.PASS,
        ("GDCC-DB-003", "aws_elasticsearch_domain.audit_off"): Status.FAIL,
    }
    assert found[("GDCC-DATA-004", "aws_opensearch_domain.slow_logs_only")].evidence[
        "access_logging"
    ] is False


API_TEMPLATE = """\
AWSTemplateFormatVersion: "2010-09-09"
Transform: AWS::Serverless-2016-10-31
Resources:
  Logs:
    Type: AWS::Logs::LogGroup
    Properties: {RetentionInDays: 365}
  LoggedStage:
    Type: AWS::ApiGateway::Stage
    Properties:
      RestApiId: api-1
      StageName: prod
      AccessLogSetting: {DestinationArn: !GetAtt Logs.Arn, Format: "$context.requestId"}
      Tags: [{Key: gdcc_system, Value: app}]
  SilentStage:
    Type: AWS::ApiGateway::Stage
    Properties:
      RestApiId: api-1
      StageName: dev
      Tags: [{Key: gdcc_system, Value: app}]
  SilentHttpStage:
    Type: AWS::ApiGatewayV2::Stage
    Properties:
      ApiId: api-2
      StageName: prod
      Tags: {gdcc_system: app}
  LoggedHttpApi:
    Type: AWS::Serverless::HttpApi
    Properties:
      AccessLogSettings: {DestinationArn: arn:aws:logs:ap-southeast-7:111122223333:log-group:h}
      Tags: {gdcc_system: app}
  Graph:
    Type: AWS::AppSync::GraphQLApi
    Properties:
      Name: graph
      AuthenticationType: AWS_IAM
      LogConfig:
        CloudWatchLogsRoleArn: arn:aws:iam::111122223333:role/appsync-logs
        FieldLogLevel: ERROR
      Tags: [{Key: gdcc_system, Value: app}]
  Acl:
    Type: AWS::WAFv2::WebACL
    Properties:
      Scope: REGIONAL
      DefaultAction: {Block: {}}
      VisibilityConfig:
        SampledRequestsEnabled: true
        CloudWatchMetricsEnabled: true
        MetricName: acl
  GraphAcl:
    Type: AWS::WAFv2::WebACLAssociation
    Properties:
      ResourceArn: !GetAtt Graph.Arn
      WebACLArn: !GetAtt Acl.Arn
  OpenGraph:
    Type: AWS::AppSync::GraphQLApi
    Properties:
      Name: open-graph
      AuthenticationType: API_KEY
      Tags: [{Key: gdcc_system, Value: app}]
  PrivateGraph:
    Type: AWS::AppSync::GraphQLApi
    Properties:
      Name: private-graph
      AuthenticationType: AWS_IAM
      Visibility: PRIVATE
      Tags: [{Key: gdcc_system, Value: app}]
"""

APPSYNC = """\
resource "aws_appsync_graphql_api" "protected" {
  name                = "protected"
  authentication_type = "AWS_IAM"
  log_config {
    cloudwatch_logs_role_arn = "arn:aws:iam::111122223333:role/appsync-logs"
    field_log_level          = "ERROR"
  }
  tags = { gdcc_system = "app" }
}

resource "aws_wafv2_web_acl_association" "protected" {
  resource_arn = aws_appsync_graphql_api.protected.arn
  web_acl_arn  = "arn:aws:wafv2:ap-southeast-7:111122223333:regional/webacl/w/1"
}

resource "aws_appsync_graphql_api" "open" {
  name                = "open"
  authentication_type = "API_KEY"
  tags                = { gdcc_system = "app" }
}
"""


def test_api_stages_and_graphql_apis(tmp_path: Path) -> None:
    files = {"template.yaml": API_TEMPLATE, "main.tf": APPSYNC}
    found = _findings(tmp_path, files, ("GDCC-LOG-007", "GDCC-NET-003"))
    verdicts = {key: f.status for key, f in found.items() if key[1] != "Logs"}
    assert {k: v for k, v in verdicts.items() if k[0] == "GDCC-LOG-007"} == {
        ("GDCC-LOG-007", "LoggedStage"): Status.PASS,
        ("GDCC-LOG-007", "SilentStage"): Status.FAIL,
        ("GDCC-LOG-007", "SilentHttpStage"): Status.FAIL,
        ("GDCC-LOG-007", "LoggedHttpApi"): Status.PASS,
        ("GDCC-LOG-007", "Graph"): Status.PASS,
        ("GDCC-LOG-007", "OpenGraph"): Status.FAIL,
        ("GDCC-LOG-007", "PrivateGraph"): Status.FAIL,
        ("GDCC-LOG-007", "aws_appsync_graphql_api.protected"): Status.PASS,
        ("GDCC-LOG-007", "aws_appsync_graphql_api.open"): Status.FAIL,
    }
    assert {k: v for k, v in verdicts.items() if k[0] == "GDCC-NET-003"} == {
        ("GDCC-NET-003", "Graph"): Status.PASS,  # through GraphAcl
        ("GDCC-NET-003", "OpenGraph"): Status.FAIL,
        ("GDCC-NET-003", "PrivateGraph"): Status.NOT_APPLICABLE,
        ("GDCC-NET-003", "aws_appsync_graphql_api.protected"): Status.PASS,
        ("GDCC-NET-003", "aws_appsync_graphql_api.open"): Status.FAIL,
        # a stage's exposure is its API's, which these templates do not declare
        ("GDCC-NET-003", "LoggedStage"): Status.UNKNOWN,
        ("GDCC-NET-003", "SilentStage"): Status.UNKNOWN,
        ("GDCC-NET-003", "SilentHttpStage"): Status.UNKNOWN,
        # a SAM HTTP API: public, and AWS WAF protects REST APIs only (absent.HTTP_API_WAF)
        ("GDCC-NET-003", "LoggedHttpApi"): Status.FAIL,
    }
    # the association is folded into the API it protects, not judged on its own
    assert not any(address == "GraphAcl" for _, address in found)
    assert found[("GDCC-NET-003", "OpenGraph")].evidence["waf_enabled"] is False


RDS_FAMILY = """\
resource "aws_db_parameter_group" "pg13" {
  name   = "pg13"
  family = "postgres13"
  parameter {
    name  = "log_connections"
    value = "1"
  }
}

# restored from a snapshot: no engine written, the group's family tells it
resource "aws_db_instance" "restored_pg" {
  identifier           = "restored-pg"
  instance_class       = "db.t4g.micro"
  snapshot_identifier  = "snap-1"
  parameter_group_name = aws_db_parameter_group.pg13.name
  tags                 = { gdcc_system = "app" }
}

resource "aws_db_instance" "restored_maria" {
  identifier           = "restored-maria"
  instance_class       = "db.t4g.micro"
  snapshot_identifier  = "snap-2"
  parameter_group_name = "default.mariadb10.6"
  tags                 = { gdcc_system = "app" }
}

resource "aws_db_instance" "restored_unknown" {
  identifier          = "restored-unknown"
  instance_class      = "db.t4g.micro"
  snapshot_identifier = "snap-3"
  tags                = { gdcc_system = "app" }
}
"""


def test_rds_engine_read_from_the_parameter_group_family(tmp_path: Path) -> None:
    found = _findings(tmp_path, {"main.tf": RDS_FAMILY}, ("GDCC-ENC-004",))
    verdicts = {key: f.status for key, f in found.items()}
    assert verdicts == {
        # PostgreSQL before 15 and MariaDB do not require TLS by default (was UNKNOWN)
        ("GDCC-ENC-004", "aws_db_instance.restored_pg"): Status.FAIL,
        ("GDCC-ENC-004", "aws_db_instance.restored_maria"): Status.FAIL,
        ("GDCC-ENC-004", "aws_db_instance.restored_unknown"): Status.UNKNOWN,
    }
    assert found[("GDCC-ENC-004", "aws_db_instance.restored_pg")].evidence[
        "encrypted_in_transit"
    ] is False


LISTENERS_TF = """\
resource "aws_lb_listener" "https_default_policy" {
  load_balancer_arn = "arn:aws:elasticloadbalancing:ap-southeast-7:1111:loadbalancer/app/a/1"
  port              = 443
  protocol          = "HTTPS"
  certificate_arn   = "arn:aws:acm:ap-southeast-7:111122223333:certificate/c1"
  default_action {
    type             = "forward"
    target_group_arn = "arn:aws:elasticloadbalancing:ap-southeast-7:111122223333:targetgroup/t/1"
  }
  tags = { gdcc_system = "app" }
}

resource "aws_lb_listener" "https_tls12" {
  load_balancer_arn = "arn:aws:elasticloadbalancing:ap-southeast-7:1111:loadbalancer/app/a/1"
  port              = 8443
  protocol          = "HTTPS"
  ssl_policy        = "ELBSecurityPolicy-TLS13-1-2-2021-06"
  certificate_arn   = "arn:aws:acm:ap-southeast-7:111122223333:certificate/c1"
  default_action {
    type             = "forward"
    target_group_arn = "arn:aws:elasticloadbalancing:ap-southeast-7:111122223333:targetgroup/t/1"
  }
  tags = { gdcc_system = "app" }
}

resource "aws_lb_listener" "plain_tcp" {
  load_balancer_arn = "arn:aws:elasticloadbalancing:ap-southeast-7:1111:loadbalancer/net/n/1"
  port              = 5432
  protocol          = "TCP"
  default_action {
    type             = "forward"
    target_group_arn = "arn:aws:elasticloadbalancing:ap-southeast-7:111122223333:targetgroup/t/2"
  }
  tags = { gdcc_system = "app" }
}
"""

LISTENERS_CFN = """\
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  TlsDefaultPolicy:
    Type: AWS::ElasticLoadBalancingV2::Listener
    Properties:
      LoadBalancerArn: arn:aws:elasticloadbalancing:ap-southeast-7:111122223333:loadbalancer/net/n/1
      Port: 443
      Protocol: TLS
      Certificates: [{CertificateArn: arn:aws:acm:ap-southeast-7:111122223333:certificate/c1}]
      DefaultActions: [{Type: forward, TargetGroupArn: tg}]
  PlainHttp:
    Type: AWS::ElasticLoadBalancingV2::Listener
    Properties:
      LoadBalancerArn: arn:aws:elasticloadbalancing:ap-southeast-7:111122223333:loadbalancer/app/a/1
      Port: 80
      Protocol: HTTP
      DefaultActions: [{Type: forward, TargetGroupArn: tg}]
"""


def test_listener_without_a_policy_takes_the_api_default_tls_1_0(tmp_path: Path) -> None:
    files = {"main.tf": LISTENERS_TF, "template.yaml": LISTENERS_CFN}
    found = _findings(tmp_path, files, ("GDCC-ENC-005",))
    verdicts = {key: f.status for key, f in found.items()}
    assert verdicts == {
        # ELBSecurityPolicy-2016-08 accepts TLS 1.0 (the Terraform mapper said 1.2: a wrong PASS)
        ("GDCC-ENC-005", "aws_lb_listener.https_default_policy"): Status.FAIL,
        ("GDCC-ENC-005", "aws_lb_listener.https_tls12"): Status.PASS,
        ("GDCC-ENC-005", "TlsDefaultPolicy"): Status.FAIL,  # was UNKNOWN
        # no TLS at all: no TLS version to judge (was UNKNOWN)
        ("GDCC-ENC-005", "aws_lb_listener.plain_tcp"): Status.NOT_APPLICABLE,
        ("GDCC-ENC-005", "PlainHttp"): Status.NOT_APPLICABLE,
    }
    failed = found[("GDCC-ENC-005", "aws_lb_listener.https_default_policy")]
    assert failed.evidence["tls_min_version"] == "1.0"
    plain = found[("GDCC-ENC-005", "PlainHttp")]
    assert plain.message is not None
    assert "terminates no TLS" in plain.message.en
