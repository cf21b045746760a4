"""``Fn::GetAtt Vpc.CidrBlock`` / ``Subnet.CidrBlock`` of a VPC or subnet of the template
returns the ``CidrBlock`` it writes (AWS::EC2::VPC / AWS::EC2::Subnet return values): a
security group rule open to it is open to that range, as Terraform reads
``aws_vpc.main.cidr_block``. It was unknown: GDCC-NET-001 UNKNOWN "cannot tell whether port
3306 is open to the internet" on cfngoat's database group. A VPC whose range comes from an IPAM
pool (no ``CidrBlock`` written) has a range not known, but it is still that VPC's own (/16 to
/28): never the internet (GDCC-NET-001 PASS, as Terraform's, ``test_vpc_range_sources``)."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.normalize.cloudformation.intrinsics import Resolver
from gdcc_audit.normalize.cloudformation.values import ResourceRef, VpcRange
from gdcc_audit.settings import Settings

TEMPLATE = """\
Parameters:
  Everything: {Type: String, Default: 0.0.0.0/0}
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties: {CidrBlock: 10.0.0.0/16}
  Subnet:
    Type: AWS::EC2::Subnet
    Properties: {VpcId: !Ref Vpc, CidrBlock: 10.0.1.0/24}
  Wide:
    Type: AWS::EC2::VPC
    Properties: {CidrBlock: !Ref Everything}
  Pooled:
    Type: AWS::EC2::VPC
    Properties: {Ipv4IpamPoolId: ipam-pool-1, Ipv4NetmaskLength: 16}
  FromVpc:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: db
      VpcId: !Ref Vpc
      SecurityGroupIngress:
        - {IpProtocol: tcp, FromPort: 3306, ToPort: 3306, CidrIp: !GetAtt Vpc.CidrBlock}
        - {IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: !GetAtt [Subnet, CidrBlock]}
  FromWide:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: ssh
      VpcId: !Ref Wide
      SecurityGroupIngress:
        - {IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: !GetAtt Wide.CidrBlock}
  FromPool:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: pooled
      VpcId: !Ref Pooled
      SecurityGroupIngress:
        - {IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: !GetAtt Pooled.CidrBlock}
"""


def test_a_rule_open_to_a_template_network_reads_its_range(tmp_path: Path) -> None:
    (tmp_path / "stack.yaml").write_text(TEMPLATE, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-NET-001",)))
    found = {f.address: (f.status, f.message.en) for f in result.findings}
    assert found["FromVpc"] == (Status.PASS, "Management ports are not open to the internet")
    assert found["FromWide"] == (
        Status.FAIL,
        "port 22 is open to the whole internet (0.0.0.0/0)",
    )
    assert found["FromPool"] == (Status.PASS, "Management ports are not open to the internet")


def test_only_written_ranges_are_echoed() -> None:
    resolver = Resolver(
        {
            "Resources": {
                "Vpc": {"Type": "AWS::EC2::VPC", "Properties": {"CidrBlock": "10.0.0.0/16"}},
                "Subnet": {"Type": "AWS::EC2::Subnet", "Properties": {"CidrBlock": "10.0.1.0/24"}},
                "Pooled": {"Type": "AWS::EC2::VPC", "Properties": {"Ipv4IpamPoolId": "p"}},
            }
        }
    )
    assert resolver.resolve({"Fn::GetAtt": ["Vpc", "CidrBlock"]}) == "10.0.0.0/16"
    assert resolver.resolve({"Fn::GetAtt": "Subnet.CidrBlock"}) == "10.0.1.0/24"
    assert resolver.resolve({"Fn::GetAtt": ["Pooled", "CidrBlock"]}) == VpcRange(
        "Pooled", "CidrBlock"
    )
    # another attribute of the VPC is still a reference to it
    assert resolver.resolve({"Fn::GetAtt": ["Vpc", "DefaultSecurityGroup"]}) == ResourceRef(
        "Vpc", "DefaultSecurityGroup"
    )
