"""A load balancer listener whose ``load_balancer_arn`` a value not known chooses may be
either balancer's: the ports it opens are a way in on each only uncertainly. It was a
listener of both: a balancer whose own listener its group does not admit FAILed
GDCC-GRAPH-013 "reachable from the internet" through a listener that may be the other's."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

TERRAFORM = '''\
variable "x" { type = bool }
resource "aws_vpc" "main" { cidr_block = "10.0.0.0/16" }
resource "aws_internet_gateway" "gw" { vpc_id = aws_vpc.main.id }
resource "aws_subnet" "pub" {
  vpc_id     = aws_vpc.main.id
  cidr_block = "10.0.1.0/24"
}
resource "aws_route_table" "pub" {
  vpc_id = aws_vpc.main.id
  route {
    cidr_block = "0.0.0.0/0"
    gateway_id = aws_internet_gateway.gw.id
  }
}
resource "aws_route_table_association" "pub" {
  subnet_id      = aws_subnet.pub.id
  route_table_id = aws_route_table.pub.id
}
resource "aws_security_group" "lb" {
  name   = "lb"
  vpc_id = aws_vpc.main.id
  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}
resource "aws_lb" "a" {
  name            = "a"
  subnets         = [aws_subnet.pub.id]
  security_groups = [aws_security_group.lb.id]
}
resource "aws_lb" "b" {
  name            = "b"
  subnets         = [aws_subnet.pub.id]
  security_groups = [aws_security_group.lb.id]
}
resource "aws_lb_listener" "https" {
  load_balancer_arn = aws_lb.a.arn
  port              = 443
  protocol          = "HTTPS"
  certificate_arn   = "arn:aws:acm:ap-southeast-1:123456789012:certificate/x"
  default_action {
    type = "fixed-response"
    fixed_response {
      content_type = "text/plain"
      status_code  = "200"
    }
  }
}
resource "aws_lb_listener" "ssh" {
  load_balancer_arn = var.x ? aws_lb.a.arn : aws_lb.b.arn
  port              = 22
  protocol          = "TCP"
  default_action {
    type = "fixed-response"
    fixed_response {
      content_type = "text/plain"
      status_code  = "200"
    }
  }
}
'''


def test_a_listener_that_may_be_another_balancers(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(TERRAFORM, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-013",)))
    found = {f.address: (f.status, f.message.en) for f in result.findings
             if f.status is not Status.NOT_APPLICABLE}
    assert found == {
        # its own listener (443) is not admitted by its group; 22 only if the listener is its
        "aws_lb.a": (
            Status.UNKNOWN,
            "whether it is reachable from the internet is not known: the only path rests on "
            "something not known: internet → a:22",
        ),
        # no listener certainly its own: it passes what its group admits either way
        "aws_lb.b": (
            Status.FAIL,
            "it is reachable from the internet: internet → b:22; access logging is off",
        ),
    }
    [a] = [f for f in result.findings if f.address == "aws_lb.a"]
    assert a.evidence["path_hops"][-1]["via"] == (
        "public endpoint; a listener that may be another balancer's (a value not known "
        "chooses) opens it"
    )
