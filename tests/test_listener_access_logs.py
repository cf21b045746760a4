"""A load balancer listener has no access log of its own: its load balancer's records its
traffic. GDCC-GRAPH-013 PASSed ("Internet-facing entry points keep access logs") every listener
of an internet-facing load balancer without access logs, beside the load balancer's FAIL: a
listener is no graph entry point, so it was "not reachable from the internet". Listeners are
now NOT_APPLICABLE to both access-log rules (GDCC-LOG-007 was already, by its own check)."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

CFN = """\
Resources:
  Lb:
    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
    Properties:
      Scheme: internet-facing
      Subnets: [subnet-1, subnet-2]
  Listener:
    Type: AWS::ElasticLoadBalancingV2::Listener
    Properties:
      LoadBalancerArn: !Ref Lb
      Port: 80
      Protocol: HTTP
      DefaultActions: [{Type: fixed-response, FixedResponseConfig: {StatusCode: '200'}}]
"""
TF = """\
resource "aws_lb" "lb" {
  internal = false
  subnets  = ["subnet-1", "subnet-2"]
}
resource "aws_lb_listener" "http" {
  load_balancer_arn = aws_lb.lb.arn
  port              = 80
  protocol          = "HTTP"
  default_action {
    type = "fixed-response"
    fixed_response {
      content_type = "text/plain"
      status_code  = "200"
    }
  }
}
"""
REASON = (
    "does not apply to {}: a listener writes no access log of its own: its load balancer's "
    "access logs record its traffic and are judged on the load balancer"
)


def _listener_findings(tmp_path: Path, name: str, text: str) -> dict[tuple[str, str], object]:
    (tmp_path / name).write_text(text, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-013", "GDCC-LOG-007")))
    return {
        (f.rule_id, f.address): (f.status, f.message.en)
        for f in result.findings
        if "istener" in f.address or "http" in f.address
    }


def test_cloudformation_listener(tmp_path: Path) -> None:
    reason = REASON.format("AWS::ElasticLoadBalancingV2::Listener")
    assert _listener_findings(tmp_path, "template.yaml", CFN) == {
        ("GDCC-GRAPH-013", "Listener"): (Status.NOT_APPLICABLE, reason),
        ("GDCC-LOG-007", "Listener"): (Status.NOT_APPLICABLE, reason),
    }


def test_terraform_listener(tmp_path: Path) -> None:
    reason = REASON.format("aws_lb_listener")
    assert _listener_findings(tmp_path, "main.tf", TF) == {
        ("GDCC-GRAPH-013", "aws_lb_listener.http"): (Status.NOT_APPLICABLE, reason),
        ("GDCC-LOG-007", "aws_lb_listener.http"): (Status.NOT_APPLICABLE, reason),
    }
