"""GDCC-GRAPH-008 on the subnets of an internet-facing load balancer. A balancer is no member
of its subnets in the reachability graph (it forwards only to its targets), so a VPC whose
only internet-facing resource is an application load balancer in its public subnets (the
targets in private ones, or run by ECS on hosts there: aws-samples'
ecs-refarch-cloudformation) "holds no workload reachable from the internet": the public
subnets and the VPC were NOT_APPLICABLE, though the internet's traffic crosses them and no flow
log records it. They now FAIL; an internal balancer leaves them NOT_APPLICABLE."""

from __future__ import annotations

from pathlib import Path

import pytest

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
  PublicA:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref Vpc
      CidrBlock: 10.0.1.0/24
  PublicB:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref Vpc
      CidrBlock: 10.0.2.0/24
  RoutesA:
    Type: AWS::EC2::SubnetRouteTableAssociation
    Properties:
      SubnetId: !Ref PublicA
      RouteTableId: !Ref Routes
  RoutesB:
    Type: AWS::EC2::SubnetRouteTableAssociation
    Properties:
      SubnetId: !Ref PublicB
      RouteTableId: !Ref Routes
  WebGroup:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: web
      VpcId: !Ref Vpc
      SecurityGroupIngress:
        - {IpProtocol: tcp, FromPort: 80, ToPort: 80, CidrIp: 0.0.0.0/0}
  Balancer:
    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
    Properties:
      Scheme: SCHEME
      Subnets: [!Ref PublicA, !Ref PublicB]
      SecurityGroups: [!Ref WebGroup]
  Targets:
    Type: AWS::ElasticLoadBalancingV2::TargetGroup
    Properties:
      VpcId: !Ref Vpc
      Port: 80
      Protocol: HTTP
  Listener:
    Type: AWS::ElasticLoadBalancingV2::Listener
    Properties:
      LoadBalancerArn: !Ref Balancer
      Port: 80
      Protocol: HTTP
      DefaultActions:
        - {Type: forward, TargetGroupArn: !Ref Targets}
"""


def _found(tmp_path: Path, scheme: str) -> dict[str, tuple[Status, str]]:
    (tmp_path / "web.yaml").write_text(TEMPLATE.replace("SCHEME", scheme), encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-008",)))
    return {f.address: (f.status, f.message.en) for f in result.findings}


def test_the_subnets_of_an_internet_facing_balancer_record_its_traffic(tmp_path: Path) -> None:
    failed = (
        Status.FAIL,
        "no flow log records this internet-facing network; the whole configuration was scanned",
    )
    assert _found(tmp_path, "internet-facing") == {
        "Vpc": failed, "PublicA": failed, "PublicB": failed,
    }


@pytest.mark.parametrize("scheme", ["internal"])
def test_an_internal_balancer_leaves_them_not_applicable(tmp_path: Path, scheme: str) -> None:
    # (a guard: the same before)
    found = _found(tmp_path, scheme)
    assert {status for status, _ in found.values()} == {Status.NOT_APPLICABLE}
