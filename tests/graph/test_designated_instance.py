"""An argument whose value is one instance's id (``TfResource.designated``) names that
instance only, though it read every instance to find it: ``subnet_id =
local.subnet_ids["web"]`` with ``subnet_ids = {for name, s in aws_subnet.this : name =>
s.id}`` (Azure-Samples/private-aks-cluster-terraform-devops reads its subnets so through a
module output). The instance was a certain member of every subnet: the private one FAILed
GDCC-GRAPH-008 as holding an internet-facing workload."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

TERRAFORM = """\
resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}
resource "aws_internet_gateway" "gw" {
  vpc_id = aws_vpc.main.id
}
resource "aws_subnet" "this" {
  for_each   = { web = "10.0.1.0/24", db = "10.0.2.0/24" }
  vpc_id     = aws_vpc.main.id
  cidr_block = each.value
}
resource "aws_route_table" "public" {
  vpc_id = aws_vpc.main.id
  route {
    cidr_block = "0.0.0.0/0"
    gateway_id = aws_internet_gateway.gw.id
  }
}
resource "aws_route_table_association" "web" {
  subnet_id      = aws_subnet.this["web"].id
  route_table_id = aws_route_table.public.id
}
locals {
  subnet_ids = { for name, subnet in aws_subnet.this : name => subnet.id }
}
resource "aws_security_group" "web" {
  name   = "web"
  vpc_id = aws_vpc.main.id
  ingress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}
resource "aws_instance" "web" {
  ami                         = "ami-12345678"
  instance_type               = "t3.micro"
  subnet_id                   = local.subnet_ids["web"]
  associate_public_ip_address = true
  vpc_security_group_ids      = [aws_security_group.web.id]
}
"""


def test_a_map_lookup_places_the_instance_in_the_subnet_it_names(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(TERRAFORM, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-008",)))
    found = {f.address: (f.status, f.message.en) for f in result.findings}
    assert found == {
        'aws_subnet.this["db"]': (
            Status.NOT_APPLICABLE, "holds no workload reachable from the internet"
        ),
        'aws_subnet.this["web"]': (
            Status.FAIL,
            "no flow log records this internet-facing network; the whole configuration was "
            "scanned",
        ),
        "aws_vpc.main": (
            Status.FAIL,
            "no flow log records this internet-facing network; the whole configuration was "
            "scanned",
        ),
    }


def test_a_lookup_not_known_still_names_every_instance(tmp_path: Path) -> None:
    """A key from an input without a value designates no instance: each stays named."""
    text = TERRAFORM.replace('local.subnet_ids["web"]', "local.subnet_ids[var.tier]")
    (tmp_path / "main.tf").write_text(text + 'variable "tier" {\n  type = string\n}\n',
                                      encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-008",)))
    found = {f.address: f.status for f in result.findings}
    assert found['aws_subnet.this["db"]'] is not Status.NOT_APPLICABLE
