"""API Gateway custom domain names (``aws_api_gateway_domain_name``,
``aws_apigatewayv2_domain_name``, ``AWS::ApiGateway::DomainName``,
``AWS::ApiGatewayV2::DomainName``) were not mapped: a domain name whose ``security_policy`` lets
every API behind it accept TLS 1.0 had no finding (KICS "API Gateway Without Security Policy",
checkov CKV_AWS_206). They are API gateways judged by GDCC-ENC-005 on their policy; WAF and
access logs belong to the stages mapped to them (NOT_APPLICABLE, GDCC-GRAPH-013 included: its
graph condition can only pass an entry point, so a type without access logs is set aside)."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.evaluate.rulepack import _graph_only_excuses
from gdcc_audit.models.finding import Finding, Status
from gdcc_audit.settings import Settings

TF = """\
resource "aws_api_gateway_domain_name" "edge_no_policy" {
  domain_name     = "api.example.go.th"
  certificate_arn = "arn:aws:acm:us-east-1:111122223333:certificate/c"
}

resource "aws_api_gateway_domain_name" "regional_tls10" {
  domain_name              = "old.example.go.th"
  regional_certificate_arn = "arn:aws:acm:ap-southeast-7:111122223333:certificate/c"
  security_policy          = "TLS_1_0"
  endpoint_configuration {
    types = ["REGIONAL"]
  }
}

resource "aws_api_gateway_domain_name" "private_tls13" {
  domain_name     = "p.example.go.th"
  certificate_arn = "arn:aws:acm:ap-southeast-7:111122223333:certificate/c"
  security_policy = "SecurityPolicy_TLS13_1_3_2025_09"
  endpoint_configuration {
    types = ["PRIVATE"]
  }
}

resource "aws_apigatewayv2_domain_name" "http" {
  domain_name = "h.example.go.th"
  domain_name_configuration {
    certificate_arn = "arn:aws:acm:ap-southeast-7:111122223333:certificate/c"
    endpoint_type   = "REGIONAL"
    security_policy = "TLS_1_2"
  }
}
"""

CFN = """\
Resources:
  OldDomain:
    Type: AWS::ApiGateway::DomainName
    Properties:
      DomainName: old.example.go.th
      RegionalCertificateArn: arn:aws:acm:ap-southeast-7:111122223333:certificate/c
      SecurityPolicy: TLS_1_0
      EndpointConfiguration:
        Types: [REGIONAL]
  NoPolicy:
    Type: AWS::ApiGateway::DomainName
    Properties:
      DomainName: none.example.go.th
      CertificateArn: arn:aws:acm:us-east-1:111122223333:certificate/c
  HttpDomain:
    Type: AWS::ApiGatewayV2::DomainName
    Properties:
      DomainName: h.example.go.th
      DomainNameConfigurations:
        - CertificateArn: arn:aws:acm:ap-southeast-7:111122223333:certificate/c
          EndpointType: REGIONAL
          SecurityPolicy: TLS_1_2
"""

RULES = ("GDCC-ENC-004", "GDCC-ENC-005", "GDCC-NET-003", "GDCC-LOG-007", "GDCC-GRAPH-013")
ON_STAGES = (
    "a custom domain name has no web ACL or access logs of its own: the API stages mapped to "
    "it carry them and are judged there"
)
UNSET = (
    "the minimum TLS version is not known from the input: security_policy is not written and API "
    "Gateway does not document the policy a custom domain name gets without one"
)


def _findings(folder: Path, name: str, text: str) -> dict[tuple[str, str], Finding]:
    folder.mkdir()
    (folder / name).write_text(text)
    result = audit([folder], Settings(rule_ids=RULES))
    return {(f.rule_id, f.address): f for f in result.findings if f.address}


Expected = dict[str, tuple[Status, str | None]]


def _check(found: dict[tuple[str, str], Finding], tls: Expected) -> None:
    for address, (status, version) in tls.items():
        assert found[("GDCC-ENC-004", address)].status == Status.PASS
        enc = found[("GDCC-ENC-005", address)]
        assert enc.status == status, address
        assert enc.evidence["tls_min_version"] == version
        if status == Status.UNKNOWN:
            assert enc.message is not None
            assert enc.message.en == UNSET
        for rule in ("GDCC-NET-003", "GDCC-LOG-007", "GDCC-GRAPH-013"):
            finding = found[(rule, address)]
            assert finding.status == Status.NOT_APPLICABLE, (rule, address)
            assert finding.message is not None
            assert finding.message.en.endswith(ON_STAGES)
    assert len(found) == len(tls) * len(RULES)


def test_terraform_domain_names(tmp_path: Path) -> None:
    found = _findings(tmp_path / "tf", "main.tf", TF)
    _check(
        found,
        {
            "aws_api_gateway_domain_name.edge_no_policy": (Status.UNKNOWN, None),
            "aws_api_gateway_domain_name.regional_tls10": (Status.FAIL, "1.0"),
            "aws_api_gateway_domain_name.private_tls13": (Status.PASS, "1.3"),
            "aws_apigatewayv2_domain_name.http": (Status.PASS, "1.2"),
        },
    )


def test_cloudformation_domain_names(tmp_path: Path) -> None:
    found = _findings(tmp_path / "cfn", "template.yaml", CFN)
    _check(
        found,
        {
            "OldDomain": (Status.FAIL, "1.0"),
            "NoPolicy": (Status.UNKNOWN, None),
            "HttpDomain": (Status.PASS, "1.2"),
        },
    )


def test_graph_conditions_set_aside_only_when_the_graph_can_only_pass() -> None:
    excuses = {"any": [{"not": {"graph": "internet_reachable", "equals": True}},
                       {"facet": "access_logging", "equals": True}]}
    assert _graph_only_excuses(excuses)
    # a graph leaf that can fail the resource keeps the rule on every type
    assert not _graph_only_excuses({"graph": "internet_reachable", "equals": False})
    assert not _graph_only_excuses(
        {"any": [{"graph": "internet_reachable", "equals": False},
                 {"facet": "access_logging", "equals": True}]}
    )
    assert not _graph_only_excuses(
        {"all": [{"not": {"graph": "internet_reachable", "equals": True}},
                 {"facet": "access_logging", "equals": True}]}
    )
