"""A CloudFormation instance launched into a subnet of its template (``SubnetId: !Ref``, no
network interface) gets a public IPv4 address when that subnet's ``MapPublicIpOnLaunch`` is
true, and none when it is not written (the documented default, false): GDCC-CMP-001 was
UNKNOWN for every such instance while Terraform read ``aws_subnet`` the same way. A subnet
passed as a parameter still leaves it unknown. An instance made public by a written value
(an elastic IP, a subnet that maps public IPs) is no longer labelled "provider default:
'NetworkInterfaces' not set" (the default VPC), which did not decide it."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

TEMPLATE = """\
Parameters:
  Sub:
    Type: AWS::EC2::Subnet::Id
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties: {CidrBlock: 10.0.0.0/16}
  Private:
    Type: AWS::EC2::Subnet
    Properties: {VpcId: !Ref Vpc, CidrBlock: 10.0.1.0/24}
  Public:
    Type: AWS::EC2::Subnet
    Properties: {VpcId: !Ref Vpc, CidrBlock: 10.0.2.0/24, MapPublicIpOnLaunch: true}
  InPrivate:
    Type: AWS::EC2::Instance
    Properties: {ImageId: ami-1, SubnetId: !Ref Private}
  InPublic:
    Type: AWS::EC2::Instance
    Properties: {ImageId: ami-1, SubnetId: !Ref Public}
  FromParameter:
    Type: AWS::EC2::Instance
    Properties: {ImageId: ami-1, SubnetId: !Ref Sub}
  WithIp:
    Type: AWS::EC2::Instance
    Properties: {ImageId: ami-1, SubnetId: !Ref Private}
  Ip:
    Type: AWS::EC2::EIP
    Properties: {InstanceId: !Ref WithIp}
"""

SUBNET_DOC = (
    "https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/"
    "aws-resource-ec2-subnet.html"
)


def test_a_template_subnet_decides_the_public_ip(tmp_path: Path) -> None:
    (tmp_path / "stack.yaml").write_text(TEMPLATE, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-CMP-001",)))
    found = {f.address: (f.status, f.message.en, f.evidence) for f in result.findings}
    public = (
        Status.FAIL,
        "it has a public IP address",
        {"public_endpoint": True},
    )
    assert found == {
        "InPrivate": (
            Status.PASS,
            "Instances have no public IP address",
            {
                "public_endpoint": False,
                "defaults": {
                    "public_endpoint": {
                        "attribute": "MapPublicIpOnLaunch of Private",
                        "value": "default",
                        "documentation": SUBNET_DOC,
                    }
                },
            },
        ),
        "InPublic": public,
        "WithIp": public,
        "FromParameter": (
            Status.UNKNOWN,
            "whether it has a public IP address is not known from the input",
            {"public_endpoint": None},
        ),
    }
