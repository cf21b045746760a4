"""A data source looks up an object that already exists: an attribute it does not write is
that object's real value, never the provider default of a resource that creates one.

An instance in a subnet found by ``data "aws_subnet"`` (by reference, or through the same
``var.subnet_id`` written on both, as terraform-aws-modules/ec2-instance does) PASSed
GDCC-CMP-001 because the lookup's ``map_public_ip_on_launch`` was read as the default of
``aws_subnet`` (false); whether that subnet assigns public IPs is not in the input: UNKNOWN.
A subnet the configuration creates still decides."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

MAIN = """\
variable "subnet_id" {
  type = string
}

data "aws_subnet" "picked" {
  id = var.subnet_id
}

data "aws_subnet" "named" {
  filter {
    name   = "tag:Name"
    values = ["app"]
  }
}

resource "aws_subnet" "private" {
  vpc_id     = "vpc-1"
  cidr_block = "10.0.1.0/24"
}

resource "aws_subnet" "public" {
  vpc_id                  = "vpc-1"
  cidr_block              = "10.0.2.0/24"
  map_public_ip_on_launch = true
}

resource "aws_instance" "same_input" {
  ami           = "ami-1"
  instance_type = "t3.micro"
  subnet_id     = var.subnet_id
}

resource "aws_instance" "looked_up" {
  ami           = "ami-1"
  instance_type = "t3.micro"
  subnet_id     = data.aws_subnet.named.id
}

resource "aws_instance" "in_private" {
  ami           = "ami-1"
  instance_type = "t3.micro"
  subnet_id     = aws_subnet.private.id
}

resource "aws_instance" "in_public" {
  ami           = "ami-1"
  instance_type = "t3.micro"
  subnet_id     = aws_subnet.public.id
}
"""


def test_a_looked_up_subnet_does_not_decide_public_ips(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(MAIN, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-CMP-001",)))
    found = {f.address: (f.status, f.message.en, f.evidence) for f in result.findings}
    # the subnet that maps public IPs fails, by the value it writes: no "provider default"
    # label (it named associate_public_ip_address and the default VPC page)
    assert found.pop("aws_instance.in_public") == (
        Status.FAIL,
        "it has a public IP address",
        {"public_endpoint": True},
    )
    not_known = (
        Status.UNKNOWN,
        "whether it has a public IP address is not known from the input",
        {"public_endpoint": None},
    )
    assert found == {
        "aws_instance.same_input": not_known,
        "aws_instance.looked_up": not_known,
        "aws_instance.in_private": (
            Status.PASS,
            "Instances have no public IP address",
            {"public_endpoint": False},
        ),
    }
