"""Auto Scaling groups stand for the instances they launch in the resource graph: the security
groups and public IP setting of their launch template, their own subnets
(``vpc_zone_identifier`` / ``VPCZoneIdentifier``). A template that does not say whether an
instance gets a public IP leaves it to the subnet's ``map_public_ip_on_launch`` /
``MapPublicIpOnLaunch`` (false when not written), exactly as for one ``aws_instance``, and
the subnets' route tables decide whether the internet routes to them. The groups were not
read: a template open on 22 to 0.0.0.0/0 was reached "if its subnets assign public IPs",
whichever subnets its groups used."""

from __future__ import annotations

import shutil
from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

FIXTURES = Path(__file__).parent.parent / "fixtures" / "graph" / "scaling_group"
FRONT_TF = '''resource "aws_autoscaling_group" "front" {
  min_size            = 1
  max_size            = 2
  vpc_zone_identifier = [aws_subnet.public.id]
  launch_template {
    id = aws_launch_template.node.id
  }
}
'''
FRONT_CFN = '''  Front:
    Type: AWS::AutoScaling::AutoScalingGroup
    Properties:
      MinSize: "1"
      MaxSize: "2"
      VPCZoneIdentifier: [!Ref PublicSubnet]
      LaunchTemplate: {LaunchTemplateId: !Ref Node, Version: !GetAtt Node.LatestVersionNumber}
'''


def _admin(path: Path) -> dict[str, tuple[Status, str]]:
    result = audit([path], Settings(rule_ids=("GDCC-GRAPH-002",)))
    assert result.not_judged == {}
    return {f.address or "": (f.status, f.message.en) for f in result.findings}


def _copy(tmp_path: Path) -> tuple[Path, Path]:
    shutil.copytree(FIXTURES, tmp_path / "asg")
    return tmp_path / "asg" / "tf" / "main.tf", tmp_path / "asg" / "cfn" / "stack.yaml"


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_the_group_in_a_public_subnet_is_reached_and_reaches_the_other() -> None:
    # the front group's subnet assigns public IPs and routes to the internet gateway; the
    # back group's do not, but its group admits 0.0.0.0/0, the front instances included
    assert _admin(FIXTURES / "tf") == {
        "aws_autoscaling_group.back": (
            Status.FAIL,
            "management port 22 reachable from the internet: internet → front:22 → back:22",
        ),
        "aws_autoscaling_group.front": (
            Status.FAIL, "management port 22 reachable from the internet: internet → front:22"
        ),
    }
    assert _admin(FIXTURES / "cfn") == {
        "Back": (
            Status.FAIL,
            "management port 22 reachable from the internet: internet → Front:22 → Back:22",
        ),
        "Front": (
            Status.FAIL, "management port 22 reachable from the internet: internet → Front:22"
        ),
    }


def test_a_group_in_private_subnets_alone_is_not_reached(tmp_path: Path) -> None:
    tf, cfn = _copy(tmp_path)
    _edit(tf, FRONT_TF, "")
    _edit(cfn, FRONT_CFN, "")
    assert _admin(tf.parent) == {"aws_autoscaling_group.back": (
        Status.PASS, "No management port is reachable from the internet through any path"
    )}
    assert _admin(cfn.parent) == {"Back": (
        Status.PASS, "No management port is reachable from the internet through any path"
    )}
    # a template that assigns public IPs: still no route from the internet to those subnets
    _edit(tf, 'image_id               = "ami-1"\n',
          'image_id               = "ami-1"\n'
          "  network_interfaces {\n    associate_public_ip_address = true\n  }\n")
    assert _admin(tf.parent)["aws_autoscaling_group.back"][0] is Status.PASS


def test_a_group_without_subnets_launches_into_the_default_subnets(tmp_path: Path) -> None:
    """The default VPC's subnets assign public IPs and route to its internet gateway."""
    tf, cfn = _copy(tmp_path)
    _edit(tf, FRONT_TF, "")
    _edit(tf, "vpc_zone_identifier = aws_subnet.private[*].id",
          'availability_zones  = ["ap-southeast-7a"]')
    _edit(cfn, FRONT_CFN, "")
    _edit(cfn, "VPCZoneIdentifier: [!Ref PrivateSubnet]", "AvailabilityZones: [ap-southeast-7a]")
    assert _admin(tf.parent) == {"aws_autoscaling_group.back": (
        Status.FAIL, "management port 22 reachable from the internet: internet → back:22"
    )}
    assert _admin(cfn.parent) == {"Back": (
        Status.FAIL, "management port 22 reachable from the internet: internet → Back:22"
    )}


def test_a_subnet_not_in_the_scan_leaves_the_exposure_unknown(tmp_path: Path) -> None:
    """One private subnet of the scan and one from an input: the group may have instances
    in a public subnet (was: 'private subnet', a PASS)."""
    tf, cfn = _copy(tmp_path)
    _edit(tf, FRONT_TF, 'variable "other" {\n  type = string\n}\n')
    _edit(tf, "vpc_zone_identifier = aws_subnet.private[*].id",
          "vpc_zone_identifier = [aws_subnet.private[0].id, var.other]")
    _edit(cfn, FRONT_CFN, "")
    _edit(cfn, "Resources:\n", "Parameters:\n  Other: {Type: String}\nResources:\n")
    _edit(cfn, "VPCZoneIdentifier: [!Ref PrivateSubnet]",
          "VPCZoneIdentifier: [!Ref PrivateSubnet, !Ref Other]")
    unknown = (
        "management port 22 reachable from the internet if what is not known allows it: "
        "internet → {}:22"
    )
    assert _admin(tf.parent) == {
        "aws_autoscaling_group.back": (Status.UNKNOWN, unknown.format("back"))
    }
    assert _admin(cfn.parent) == {"Back": (Status.UNKNOWN, unknown.format("Back"))}


LAUNCH_CONFIGURATION = """\
Resources:
  Subnet:
    Type: AWS::EC2::Subnet
    Properties: {VpcId: vpc-1, CidrBlock: 10.0.1.0/24, MapPublicIpOnLaunch: true}
  SshGroup:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: ssh
      SecurityGroupIngress:
        - {IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 0.0.0.0/0}
  Config:
    Type: AWS::AutoScaling::LaunchConfiguration
    Properties:
      ImageId: ami-1
      InstanceType: t3.micro
      AssociatePublicIpAddress: false
      SecurityGroups: [!Ref SshGroup]
  Group:
    Type: AWS::AutoScaling::AutoScalingGroup
    Properties:
      MinSize: "1"
      MaxSize: "2"
      VPCZoneIdentifier: [!Ref Subnet]
      LaunchConfigurationName: !Ref Config
"""


def test_a_launch_configuration_that_refuses_public_ips_wins_over_its_subnet(
    tmp_path: Path,
) -> None:
    """``AssociatePublicIpAddress: false`` of a CloudFormation launch configuration was not
    read: GDCC-CMP-001 was UNKNOWN and the subnet's setting decided."""
    stack = tmp_path / "stack.yaml"
    stack.write_text(LAUNCH_CONFIGURATION, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-CMP-001", "GDCC-GRAPH-002")))
    assert {(f.rule_id, f.address, f.status) for f in result.findings} == {
        ("GDCC-CMP-001", "Config", Status.PASS),
        ("GDCC-GRAPH-002", "Group", Status.PASS),
    }
    stack.write_text(LAUNCH_CONFIGURATION.replace("      AssociatePublicIpAddress: false\n", ""))
    assert _admin(tmp_path) == {"Group": (
        Status.FAIL, "management port 22 reachable from the internet: internet → Group:22"
    )}
