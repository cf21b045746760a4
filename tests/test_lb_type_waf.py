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
            "a public entry point, and whether it has a WAF is not known from the input",
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


ON_LISTENERS = (
    "does not apply to {}: an application, network or gateway load balancer terminates no "
    "connection itself: each listener's protocol and TLS policy are judged on the listener"
)

LISTENERS_TF = """\
resource "aws_lb" "web" {
  name    = "web"
  subnets = ["subnet-1"]
}

resource "aws_lb_listener" "plain" {
  load_balancer_arn = aws_lb.web.arn
  port              = 80
  protocol          = "HTTP"
  default_action {
    type             = "forward"
    target_group_arn = "arn:aws:elasticloadbalancing:ap-southeast-7:111122223333:targetgroup/t/1"
  }
}
"""


def test_load_balancer_tls_is_judged_on_its_listeners(tmp_path: Path) -> None:
    """GDCC-ENC-004/005 were UNKNOWN on every aws_lb and AWS::ElasticLoadBalancingV2::
    LoadBalancer ("encrypted_in_transit is not known"), a value no input can give: the
    load balancer has no protocol of its own. Its listeners are still judged."""
    (tmp_path / "tf").mkdir()
    (tmp_path / "tf" / "main.tf").write_text(LISTENERS_TF, encoding="utf-8")
    (tmp_path / "lb.yaml").write_text(CFN, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-ENC-004", "GDCC-ENC-005")))
    found = {(f.address or "", f.rule_id): (f.status, f.message.en) for f in result.findings}
    cfn = "AWS::ElasticLoadBalancingV2::LoadBalancer"
    for name in ("FromParameter", "Gateway", "NotKnown", "Plain", "Guarded", "Inside"):
        for rule in ("GDCC-ENC-004", "GDCC-ENC-005"):
            assert found.pop((name, rule)) == (Status.NOT_APPLICABLE, ON_LISTENERS.format(cfn))
    for rule in ("GDCC-ENC-004", "GDCC-ENC-005"):
        assert found.pop(("aws_lb.web", rule)) == (
            Status.NOT_APPLICABLE,
            ON_LISTENERS.format("aws_lb"),
        )
    assert found[("aws_lb_listener.plain", "GDCC-ENC-004")] == (
        Status.FAIL,
        "unencrypted connections are accepted",
    )
    assert found[("aws_lb_listener.plain", "GDCC-ENC-005")][0] is Status.NOT_APPLICABLE
