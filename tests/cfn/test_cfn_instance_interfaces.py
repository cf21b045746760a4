"""An EC2 instance that attaches a network interface of the template
(``NetworkInterfaces: [{NetworkInterfaceId: !Ref Eni, DeviceIndex: 0}]``) is in the
interface's security groups and subnet (``AWS::EC2::NetworkInterface`` ``GroupSet``,
``SubnetId``). The interface is not a resource of its own, so the instance had no group:
GDCC-NET-001 UNKNOWN "inbound rules are not known", GDCC-GRAPH-002 UNKNOWN, and the subnet
it sits in held no internet-facing workload (GDCC-GRAPH-008 NOT_APPLICABLE), though the
interface's group opens SSH to the internet and an Elastic IP makes it public
(startup-kit-templates' bastion)."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

TEMPLATE = """\
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: 10.0.0.0/16
  Gateway:
    Type: AWS::EC2::InternetGateway
  Attachment:
    Type: AWS::EC2::VPCGatewayAttachment
    Properties:
      VpcId: !Ref Vpc
      InternetGatewayId: !Ref Gateway
  Routes:
    Type: AWS::EC2::RouteTable
    Properties:
      VpcId: !Ref Vpc
  DefaultRoute:
    Type: AWS::EC2::Route
    Properties:
      RouteTableId: !Ref Routes
      DestinationCidrBlock: 0.0.0.0/0
      GatewayId: !Ref Gateway
  Public:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref Vpc
      CidrBlock: 10.0.1.0/24
  PublicRoutes:
    Type: AWS::EC2::SubnetRouteTableAssociation
    Properties:
      SubnetId: !Ref Public
      RouteTableId: !Ref Routes
  SshGroup:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: ssh
      VpcId: !Ref Vpc
      SecurityGroupIngress:
        - {IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 0.0.0.0/0}
  Card:
    Type: AWS::EC2::NetworkInterface
    Properties:
      SubnetId: !Ref Public
      GroupSet: [GROUPS]
  Address:
    Type: AWS::EC2::EIP
    Properties:
      Domain: vpc
  Association:
    Type: AWS::EC2::EIPAssociation
    Properties:
      AllocationId: !GetAtt Address.AllocationId
      NetworkInterfaceId: !Ref Card
  Bastion:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-12345678
      NetworkInterfaces:
        - {NetworkInterfaceId: !Ref Card, DeviceIndex: 0}
"""
RULES = ("GDCC-NET-001", "GDCC-GRAPH-002", "GDCC-GRAPH-008")


def _found(tmp_path: Path, groups: str) -> dict[tuple[str, str], tuple[Status, str]]:
    (tmp_path / "bastion.yaml").write_text(TEMPLATE.replace("GROUPS", groups), encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=RULES))
    return {(f.rule_id, f.address): (f.status, f.message.en) for f in result.findings}


def test_the_instance_is_in_its_interfaces_group_and_subnet(tmp_path: Path) -> None:
    found = _found(tmp_path, "!Ref SshGroup")
    assert found[("GDCC-NET-001", "Bastion")] == (
        Status.NOT_APPLICABLE, "judged on its security groups: SshGroup"
    )
    assert found[("GDCC-GRAPH-002", "Bastion")] == (
        Status.FAIL, "management port 22 reachable from the internet: internet → Bastion:22"
    )
    assert found[("GDCC-GRAPH-008", "Public")][0] is Status.FAIL


def test_an_interface_group_not_known_leaves_it_not_known(tmp_path: Path) -> None:
    # (a guard: the same before) a literal group id: its rules are not in the scan
    found = _found(tmp_path, "sg-0123456789abcdef0")
    assert found[("GDCC-NET-001", "Bastion")] == (Status.UNKNOWN, "inbound rules are not known")
