"""Elastic IPs give an instance a public address (GDCC-CMP-001). In Terraform an ``aws_eip``
(``instance`` / ``network_interface``) or ``aws_eip_association`` (``instance_id`` /
``network_interface_id``) was not read: an instance in a private subnet with an Elastic IP
PASSed "Instances have no public IP address", one reached through its network interface was
UNKNOWN. CloudFormation read ``InstanceId`` but not an ``AWS::EC2::EIPAssociation`` on the
instance's network interface (UNKNOWN), nor on one an ``AWS::EC2::NetworkInterfaceAttachment``
attaches (PASS)."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

TF = """\
resource "aws_subnet" "private" {
  vpc_id     = "vpc-1"
  cidr_block = "10.0.1.0/24"
}

resource "aws_instance" "direct" {
  ami           = "ami-123"
  instance_type = "t3.micro"
  subnet_id     = aws_subnet.private.id
}

resource "aws_eip" "direct" {
  domain   = "vpc"
  instance = aws_instance.direct.id
}

resource "aws_instance" "associated" {
  ami           = "ami-123"
  instance_type = "t3.micro"
  subnet_id     = aws_subnet.private.id
}

resource "aws_eip_association" "associated" {
  instance_id   = aws_instance.associated.id
  allocation_id = "eipalloc-1"
}

resource "aws_network_interface" "card" {
  subnet_id = aws_subnet.private.id
}

resource "aws_eip" "card" {
  domain            = "vpc"
  network_interface = aws_network_interface.card.id
}

resource "aws_instance" "card" {
  ami           = "ami-123"
  instance_type = "t3.micro"
  network_interface {
    network_interface_id = aws_network_interface.card.id
    device_index         = 0
  }
}

resource "aws_network_interface" "second" {
  subnet_id = aws_subnet.private.id
}

resource "aws_instance" "attached" {
  ami           = "ami-123"
  instance_type = "t3.micro"
  subnet_id     = aws_subnet.private.id
}

resource "aws_network_interface_attachment" "second" {
  instance_id          = aws_instance.attached.id
  network_interface_id = aws_network_interface.second.id
  device_index         = 1
}

resource "aws_eip_association" "second" {
  network_interface_id = aws_network_interface.second.id
  allocation_id        = "eipalloc-2"
}

resource "aws_instance" "private" {
  ami           = "ami-123"
  instance_type = "t3.micro"
  subnet_id     = aws_subnet.private.id
}
"""

TEMPLATE = """\
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Sub:
    Type: AWS::EC2::Subnet
    Properties: {VpcId: vpc-1, CidrBlock: 10.0.1.0/24}
  Direct:
    Type: AWS::EC2::Instance
    Properties: {ImageId: ami-1, SubnetId: !Ref Sub}
  DirectIp:
    Type: AWS::EC2::EIP
    Properties: {Domain: vpc, InstanceId: !Ref Direct}
  Card:
    Type: AWS::EC2::NetworkInterface
    Properties: {SubnetId: !Ref Sub}
  OnCard:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-1
      NetworkInterfaces: [{NetworkInterfaceId: !Ref Card, DeviceIndex: "0"}]
  CardIp:
    Type: AWS::EC2::EIP
    Properties: {Domain: vpc}
  CardAssociation:
    Type: AWS::EC2::EIPAssociation
    Properties: {NetworkInterfaceId: !Ref Card, AllocationId: !GetAtt CardIp.AllocationId}
  Second:
    Type: AWS::EC2::NetworkInterface
    Properties: {SubnetId: !Ref Sub}
  Attached:
    Type: AWS::EC2::Instance
    Properties: {ImageId: ami-1, SubnetId: !Ref Sub}
  SecondAttachment:
    Type: AWS::EC2::NetworkInterfaceAttachment
    Properties: {InstanceId: !Ref Attached, NetworkInterfaceId: !Ref Second, DeviceIndex: "1"}
  SecondAssociation:
    Type: AWS::EC2::EIPAssociation
    Properties: {NetworkInterfaceId: !Ref Second, AllocationId: eipalloc-2}
  Private:
    Type: AWS::EC2::Instance
    Properties: {ImageId: ami-1, SubnetId: !Ref Sub}
"""


def _statuses(tmp_path: Path, name: str, text: str) -> dict[str, Status]:
    (tmp_path / name).write_text(text)
    result = audit([tmp_path], Settings(rule_ids=("GDCC-CMP-001",), cache=False))
    return {f.address or f.resource_name: f.status for f in result.findings}


def test_terraform_elastic_ips(tmp_path: Path) -> None:
    assert _statuses(tmp_path, "main.tf", TF) == {
        "aws_instance.direct": Status.FAIL,
        "aws_instance.associated": Status.FAIL,
        "aws_instance.card": Status.FAIL,
        "aws_instance.attached": Status.FAIL,
        "aws_instance.private": Status.PASS,
    }


def test_cloudformation_elastic_ip_on_a_network_interface(tmp_path: Path) -> None:
    assert _statuses(tmp_path, "template.yaml", TEMPLATE) == {
        "Direct": Status.FAIL,
        "OnCard": Status.FAIL,
        # an interface attached by AWS::EC2::NetworkInterfaceAttachment (PASSed)
        "Attached": Status.FAIL,
        "Private": Status.PASS,
    }


def test_cloudformation_elastic_ips_under_a_condition_not_known(tmp_path: Path) -> None:
    """The associations on an instance's own interface and on an attached one exist only
    when ``Public`` holds, and ``Mode`` has no default: those instances are not known to be
    public (the attached one was FAIL for certain)."""
    text = TEMPLATE.replace(
        "Resources:\n",
        "Parameters:\n  Mode: {Type: String}\nConditions:\n"
        "  Public: !Equals [!Ref Mode, public]\nResources:\n",
    )
    for name in ("CardAssociation", "SecondAssociation"):
        text = text.replace(f"  {name}:\n    Type: AWS::EC2::EIPAssociation\n",
                            f"  {name}:\n    Type: AWS::EC2::EIPAssociation\n"
                            "    Condition: Public\n")
    (tmp_path / "template.yaml").write_text(text)
    result = audit([tmp_path], Settings(rule_ids=("GDCC-CMP-001",), cache=False))
    found = {f.address: (f.status, f.message.en) for f in result.findings}
    assert found["Direct"][0] == Status.FAIL
    assert found["Private"][0] == Status.PASS
    for instance, address in (("OnCard", "CardAssociation"), ("Attached", "SecondAssociation")):
        assert found[instance] == (
            Status.UNKNOWN,
            "whether it has a public IP address is not known from the input: an Elastic IP "
            f"that may not be created ({address}: Condition Public not known) is associated "
            "with it")
