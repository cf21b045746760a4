"""GDCC-NET-003 reads a load balancer's *resolved* type: a CloudFormation ``Type: !Ref
LbType`` made the rule crash (``unhashable type: 'dict'``, an ERROR finding) because the check
compared the raw template value. A network or gateway load balancer is NOT_APPLICABLE (no WAF
can be associated with it), in Terraform and CloudFormation alike; a CloudFormation
application load balancer (the default type) without a web ACL association in its template
fails, as ``aws_lb`` does in Terraform (was UNKNOWN)."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

CFN = """\
Parameters:
  LbType:
    Type: String
    Default: network
  Chosen:
    Type: String
Resources:
  FromParameter:
    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
    Properties:
      Type: !Ref LbType
      Subnets: [subnet-1, subnet-2]
  Gateway:
    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
    Properties:
      Type: gateway
      Subnets: [subnet-1]
  NotKnown:
    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
    Properties:
      Type: !Ref Chosen
      Subnets: [subnet-1, subnet-2]
  Plain:
    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
    Properties:
      Subnets: [subnet-1, subnet-2]
  Guarded:
    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
    Properties:
      Subnets: [subnet-1, subnet-2]
  Acl:
    Type: AWS::WAFv2::WebACL
    Properties:
      Scope: REGIONAL
      DefaultAction: {Allow: {}}
      VisibilityConfig:
        SampledRequestsEnabled: true
        CloudWatchMetricsEnabled: true
        MetricName: acl
  Association:
    Type: AWS::WAFv2::WebACLAssociation
    Properties:
      ResourceArn: !Ref Guarded
      WebACLArn: !GetAtt Acl.Arn
  Inside:
    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
    Properties:
      Scheme: internal
      Subnets: [subnet-1, subnet-2]
"""

TF = """\
variable "lb_type" {
  type    = string
  default = "network"
}

resource "aws_lb" "nlb" {
  name               = "nlb"
  load_balancer_type = var.lb_type
  subnets            = ["subnet-1"]
}

resource "aws_lb" "alb" {
  name    = "alb"
  subnets = ["subnet-1"]
}
"""

NOT_HTTP = (
    "does not apply to {}: a network or gateway load balancer carries no HTTP: no web "
    "application firewall can be associated with it (AWS WAF protects application load "
    "balancers)"
)
NO_WAF = "a public entry point without a web application firewall"


def test_load_balancer_type_decides_waf(tmp_path: Path) -> None:
    (tmp_path / "tf").mkdir()
    (tmp_path / "tf" / "main.tf").write_text(TF, encoding="utf-8")
    (tmp_path / "lb.yaml").write_text(CFN, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-NET-003",)))
    found = {(f.address or ""): (f.status, f.message.en) for f in result.findings}
    cfn = "AWS::ElasticLoadBalancingV2::LoadBalancer"
    assert found == {
        "FromParameter": (Status.NOT_APPLICABLE, NOT_HTTP.format(cfn)),
        "Gateway": (Status.NOT_APPLICABLE, NOT_HTTP.format(cfn)),
        "NotKnown": (
            Status.UNKNOWN,
            "whether it is public or has a WAF is not known from the input",
        ),
        "Plain": (Status.FAIL, NO_WAF),
        "Guarded": (Status.PASS, "Public web entry points have a web application firewall"),
        "Inside": (Status.NOT_APPLICABLE, "not reachable from the internet"),
        "aws_lb.nlb": (Status.NOT_APPLICABLE, NOT_HTTP.format("aws_lb")),
        "aws_lb.alb": (Status.FAIL, NO_WAF),
    }
    failed = next(f for f in result.findings if f.address == "Plain")
    assert failed.evidence == {"public_endpoint": True, "waf_enabled": False}
    assert not [f for f in result.findings if f.status is Status.ERROR]
