"""A launch configuration or template that leaves the public IP to the subnet was UNKNOWN on
GDCC-CMP-001 even when an Auto Scaling group of the scan launches it into the default subnets
(no ``vpc_zone_identifier`` / ``VPCZoneIdentifier``), where every instance gets a public IPv4
address (Amazon VPC user guide, "Default VPCs"): now FAIL naming the group. A group in named
subnets, or a configuration that writes its choice, changes nothing."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

TF = """\
resource "aws_launch_configuration" "web" {
  image_id      = "ami-1"
  instance_type = "t3.micro"
}

resource "aws_autoscaling_group" "web" {
  availability_zones   = ["ap-southeast-7a"]
  launch_configuration = aws_launch_configuration.web.name
  min_size             = 1
  max_size             = 1
}

resource "aws_launch_template" "app" {
  image_id      = "ami-1"
  instance_type = "t3.micro"
}

resource "aws_autoscaling_group" "app" {
  availability_zones = ["ap-southeast-7a"]
  min_size           = 1
  max_size           = 1
  launch_template {
    id = aws_launch_template.app.id
  }
}

resource "aws_launch_configuration" "private" {
  image_id      = "ami-1"
  instance_type = "t3.micro"
}

resource "aws_autoscaling_group" "private" {
  vpc_zone_identifier  = ["subnet-1"]
  launch_configuration = aws_launch_configuration.private.name
  min_size             = 1
  max_size             = 1
}

resource "aws_launch_configuration" "refused" {
  image_id                    = "ami-1"
  instance_type               = "t3.micro"
  associate_public_ip_address = false
}

resource "aws_autoscaling_group" "refused" {
  availability_zones   = ["ap-southeast-7a"]
  launch_configuration = aws_launch_configuration.refused.name
  min_size             = 1
  max_size             = 1
}
"""

TEMPLATE = """\
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Web:
    Type: AWS::AutoScaling::LaunchConfiguration
    Properties: {ImageId: ami-1, InstanceType: t3.micro}
  WebGroup:
    Type: AWS::AutoScaling::AutoScalingGroup
    Properties:
      AvailabilityZones: !GetAZs ""
      LaunchConfigurationName: !Ref Web
      MinSize: "1"
      MaxSize: "1"
  App:
    Type: AWS::EC2::LaunchTemplate
    Properties:
      LaunchTemplateData: {ImageId: ami-1, InstanceType: t3.micro}
  AppGroup:
    Type: AWS::AutoScaling::AutoScalingGroup
    Properties:
      AvailabilityZones: !GetAZs ""
      LaunchTemplate:
        LaunchTemplateId: !Ref App
        Version: !GetAtt App.LatestVersionNumber
      MinSize: "1"
      MaxSize: "1"
  Private:
    Type: AWS::AutoScaling::LaunchConfiguration
    Properties: {ImageId: ami-1, InstanceType: t3.micro}
  PrivateGroup:
    Type: AWS::AutoScaling::AutoScalingGroup
    Properties:
      VPCZoneIdentifier: [subnet-1]
      LaunchConfigurationName: !Ref Private
      MinSize: "1"
      MaxSize: "1"
"""


def _run(tmp_path: Path, name: str, text: str) -> dict[str, tuple[Status, str]]:
    (tmp_path / name).write_text(text)
    result = audit([tmp_path], Settings(rule_ids=("GDCC-CMP-001",), cache=False))
    return {f.address or f.resource_name: (f.status, f.message.en) for f in result.findings}


def test_terraform_launchers_in_default_subnets(tmp_path: Path) -> None:
    found = _run(tmp_path, "main.tf", TF)
    assert {a: s for a, (s, _) in found.items()} == {
        "aws_launch_configuration.web": Status.FAIL,
        "aws_launch_template.app": Status.FAIL,
        "aws_launch_configuration.private": Status.UNKNOWN,
        "aws_launch_configuration.refused": Status.PASS,
    }
    assert found["aws_launch_configuration.web"][1] == (
        "instances launched from it get a public IP address (aws_autoscaling_group.web "
        "launches its instances into the default subnets (no vpc_zone_identifier), which give "
        "them public IPv4 addresses)"
    )


def test_cloudformation_launchers_in_default_subnets(tmp_path: Path) -> None:
    found = _run(tmp_path, "template.yaml", TEMPLATE)
    assert {a: s for a, (s, _) in found.items()} == {
        "Web": Status.FAIL,
        "App": Status.FAIL,
        "Private": Status.UNKNOWN,
    }
    assert found["Web"][1] == (
        "instances launched from it get a public IP address (WebGroup launches its instances "
        "into the default subnets (no VPCZoneIdentifier), which give them public IPv4 "
        "addresses)"
    )
