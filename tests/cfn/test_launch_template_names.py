"""An instance or Auto Scaling group naming a launch template of its template by
``LaunchTemplateName`` (a literal, or the same ``Fn::Sub`` of pseudo parameters) is launched
from that template, exactly as with ``LaunchTemplateId: !Ref``. It was read as launched from a
template outside the input: the instance's GDCC-CMP-002/005 UNKNOWN (its template requires
IMDSv2 and holds a secret in its user data), GDCC-GRAPH-002 UNKNOWN for the group and the
instance whose template's security group opens SSH to the internet."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

NETWORK = """\
  Vpc:
    Type: AWS::EC2::VPC
    Properties: {CidrBlock: 10.0.0.0/16}
  Igw:
    Type: AWS::EC2::InternetGateway
  Attach:
    Type: AWS::EC2::VPCGatewayAttachment
    Properties: {VpcId: !Ref Vpc, InternetGatewayId: !Ref Igw}
  Rt:
    Type: AWS::EC2::RouteTable
    Properties: {VpcId: !Ref Vpc}
  Route:
    Type: AWS::EC2::Route
    Properties: {RouteTableId: !Ref Rt, DestinationCidrBlock: 0.0.0.0/0, GatewayId: !Ref Igw}
  Subnet:
    Type: AWS::EC2::Subnet
    Properties: {VpcId: !Ref Vpc, CidrBlock: 10.0.1.0/24, MapPublicIpOnLaunch: true}
  Assoc:
    Type: AWS::EC2::SubnetRouteTableAssociation
    Properties: {SubnetId: !Ref Subnet, RouteTableId: !Ref Rt}
  Sg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: web
      VpcId: !Ref Vpc
      SecurityGroupIngress:
        - {IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 0.0.0.0/0}
"""
TEMPLATE = f"""\
Resources:
{NETWORK}
  Lt:
    Type: AWS::EC2::LaunchTemplate
    Properties:
      LaunchTemplateName: !Sub ${{AWS::StackName}}-web
      LaunchTemplateData:
        ImageId: ami-12345678
        SecurityGroupIds: [!Ref Sg]
        MetadataOptions: {{HttpTokens: required}}
        UserData:
          Fn::Base64: |
            #!/bin/bash
            export AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
  Asg:
    Type: AWS::AutoScaling::AutoScalingGroup
    Properties:
      MinSize: '1'
      MaxSize: '1'
      VPCZoneIdentifier: [!Ref Subnet]
      MixedInstancesPolicy:
        LaunchTemplate:
          LaunchTemplateSpecification:
            LaunchTemplateName: !Sub ${{AWS::StackName}}-web
            Version: !GetAtt Lt.LatestVersionNumber
  Inst:
    Type: AWS::EC2::Instance
    Properties:
      SubnetId: !Ref Subnet
      LaunchTemplate:
        LaunchTemplateName: !Sub ${{AWS::StackName}}-web
        Version: '1'
  Other:
    Type: AWS::EC2::Instance
    Properties:
      SubnetId: !Ref Subnet
      LaunchTemplate:
        LaunchTemplateName: made-elsewhere
        Version: '1'
"""
RULES = ("GDCC-CMP-002", "GDCC-CMP-005", "GDCC-GRAPH-002")


def test_launch_template_named_by_name_is_read(tmp_path: Path) -> None:
    (tmp_path / "template.yaml").write_text(TEMPLATE, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=RULES))
    found = {
        (f.rule_id, f.address): (f.status, f.message.en)
        for f in result.findings
        if f.address in ("Asg", "Inst", "Other")
    }
    assert found == {
        ("GDCC-CMP-002", "Inst"): (
            Status.PASS,
            "The instance metadata service requires session tokens "
            "(as its launch template Lt gives it)",
        ),
        ("GDCC-CMP-005", "Inst"): (
            Status.FAIL,
            "secrets in user data: UserData (as its launch template Lt gives it)",
        ),
        ("GDCC-GRAPH-002", "Inst"): (
            Status.FAIL,
            "management port 22 reachable from the internet: internet → Inst:22",
        ),
        ("GDCC-GRAPH-002", "Asg"): (
            Status.FAIL,
            "management port 22 reachable from the internet: internet → Asg:22",
        ),
        # a name no launch template of the template writes: still not read
        ("GDCC-CMP-002", "Other"): (
            Status.UNKNOWN,
            "whether the metadata service requires session tokens (IMDSv2) is not known from "
            "the input: it is launched from a launch template that is not in the template, "
            "which decides it",
        ),
        ("GDCC-CMP-005", "Other"): (
            Status.UNKNOWN,
            "whether user data holds secrets is not known from the input: it is launched from "
            "a launch template that is not in the template, which decides it",
        ),
        ("GDCC-GRAPH-002", "Other"): (
            Status.UNKNOWN,
            "management ports 22, 3389, 5985, 5986, 23, 2375, 2376, 6443, 10250 reachable from the "
            "internet if what is not known allows it: internet → Other:22",
        ),
    }
