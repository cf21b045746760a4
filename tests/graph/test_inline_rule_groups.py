"""An inline ``ingress`` block of a Terraform AWS security group whose source group's id is
known only after apply (``sg:unknown``) admits the group its own block names, not every
group another block names: a web group admitting 80 from the balancer's group and 22 from
the bastion's let the balancer reach 22 too (GDCC-GRAPH-002 FAILed "internet → lb:80 →
web:22"; akshatmiglani/Three-Tier-Architecture-for-AWS-using-Terraform)."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

TERRAFORM = '''\
resource "aws_vpc" "main" { cidr_block = "10.0.0.0/16" }
resource "aws_internet_gateway" "gw" { vpc_id = aws_vpc.main.id }
resource "aws_subnet" "pub" {
  vpc_id     = aws_vpc.main.id
  cidr_block = "10.0.1.0/24"
}
resource "aws_subnet" "priv" {
  vpc_id     = aws_vpc.main.id
  cidr_block = "10.0.2.0/24"
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
  name   = "lb_sg"
  vpc_id = aws_vpc.main.id
  ingress {
    from_port   = 80
    to_port     = 80
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}
resource "aws_security_group" "bastion" {
  name   = "bastion_sg"
  vpc_id = aws_vpc.main.id
  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["10.20.0.0/16"]
  }
}
resource "aws_security_group" "web" {
  name   = "web_sg"
  vpc_id = aws_vpc.main.id
  ingress {
    from_port       = 80
    to_port         = 80
    protocol        = "tcp"
    security_groups = [aws_security_group.lb.id]
  }
  ingress {
    from_port       = 22
    to_port         = 22
    protocol        = "tcp"
    security_groups = [aws_security_group.bastion.id]
  }
}
resource "aws_lb" "front" {
  name            = "front"
  subnets         = [aws_subnet.pub.id]
  security_groups = [aws_security_group.lb.id]
}
resource "aws_lb_target_group" "web" {
  name     = "web"
  port     = PORT
  protocol = "HTTP"
  vpc_id   = aws_vpc.main.id
}
resource "aws_lb_listener" "http" {
  load_balancer_arn = aws_lb.front.arn
  port              = 80
  protocol          = "HTTP"
  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.web.arn
  }
}
resource "aws_instance" "web" {
  ami                    = "ami-12345678"
  instance_type          = "t3.micro"
  subnet_id              = aws_subnet.priv.id
  vpc_security_group_ids = [aws_security_group.web.id]
}
resource "aws_lb_target_group_attachment" "web" {
  target_group_arn = aws_lb_target_group.web.arn
  target_id        = aws_instance.web.id
}
'''


def _admin(tmp_path: Path, port: int) -> tuple[Status, str]:
    (tmp_path / "main.tf").write_text(TERRAFORM.replace("PORT", str(port)), encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-002",)))
    [finding] = [f for f in result.findings if f.address == "aws_instance.web"]
    return finding.status, finding.message.en


def test_each_inline_block_admits_the_group_it_names(tmp_path: Path) -> None:
    # the balancer forwards on 80, which only the balancer's block admits; 22 is the
    # bastion's, which the internet does not reach
    assert _admin(tmp_path, 80) == (
        Status.PASS, "No management port is reachable from the internet through any path"
    )


def test_the_block_that_names_the_balancers_group_still_admits_it(tmp_path: Path) -> None:
    """A target group on 22 is forwarded to only if the balancer's own block admits 22:
    it does not (80 only): the bastion's block is not the balancer's."""
    assert _admin(tmp_path, 22)[0] == Status.PASS
