"""An ECS service whose tasks run on their hosts' network (bridge mode), with its cluster in
another template of the scan (a parent passes it: ``Cluster: !GetAtt Hosts.Outputs.Cluster``,
aws-samples' ecs-refarch-cloudformation), and container instances that join the cluster
through cfn-init (``AWS::CloudFormation::Init`` ``commands``: ``echo
ECS_CLUSTER=${Cluster} >> /etc/ecs/ecs.config``, as ecs-refarch's launch configuration does).
Each template is mapped alone, so the service's hosts were "not all known (its cluster is not
in the template)": a Postgres task on public hosts whose group opens 5432 to the internet was
GDCC-GRAPH-004 / GDCC-GRAPH-005 UNKNOWN. The cluster's template now says which instances join
it (its user data, and now its cfn-init metadata too), and the service takes them once every
template is mapped (``normalize/ecs_clusters.py``)."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

PARENT = """\
Resources:
  Hosts:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: ./cluster.yaml
  App:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: ./service.yaml
      Parameters:
        Cluster: !GetAtt Hosts.Outputs.Cluster
"""
CLUSTER = """\
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
      MapPublicIpOnLaunch: true
  PublicRoutes:
    Type: AWS::EC2::SubnetRouteTableAssociation
    Properties:
      SubnetId: !Ref Public
      RouteTableId: !Ref Routes
  HostGroup:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: hosts
      VpcId: !Ref Vpc
      SecurityGroupIngress:
        - {IpProtocol: tcp, FromPort: 5432, ToPort: 5432, CidrIp: 0.0.0.0/0}
  Cluster:
    Type: AWS::ECS::Cluster
  Launch:
    Type: AWS::AutoScaling::LaunchConfiguration
    Metadata:
      AWS::CloudFormation::Init:
        config:
          commands:
            join:
              command: !Sub echo ECS_CLUSTER=${Cluster} >> /etc/ecs/ecs.config
    Properties:
      ImageId: ami-12345678
      InstanceType: t3.small
      SecurityGroups: [!Ref HostGroup]
      UserData:
        Fn::Base64: !Sub |
          #!/bin/bash
          /opt/aws/bin/cfn-init -v --stack ${AWS::StackName} --resource Launch
  Group:
    Type: AWS::AutoScaling::AutoScalingGroup
    Properties:
      LaunchConfigurationName: !Ref Launch
      VPCZoneIdentifier: [!Ref Public]
      MinSize: "1"
      MaxSize: "1"
Outputs:
  Cluster:
    Value: !Ref Cluster
"""
SERVICE = """\
Parameters:
  Cluster:
    Type: String
Resources:
  Task:
    Type: AWS::ECS::TaskDefinition
    Properties:
      ContainerDefinitions:
        - Name: web
          Image: postgres:16.2
          Memory: 128
          PortMappings:
            - {ContainerPort: 5432, HostPort: 5432}
  Service:
    Type: AWS::ECS::Service
    Properties:
      Cluster: !Ref Cluster
      TaskDefinition: !Ref Task
      DesiredCount: 1
"""
RULES = ("GDCC-GRAPH-004", "GDCC-GRAPH-005")
EXPECTED = {
    "GDCC-GRAPH-004": (
        Status.FAIL,
        "the data tier is not segmented from the web tier: it admits any address on port(s) "
        "5432",
    ),
    "GDCC-GRAPH-005": (
        Status.FAIL,
        "a workload reachable from the internet can connect to port 5432 (its task's "
        "container web runs image postgres:16.2 on port 5432): internet → Group:5432 → "
        "Service:5432",
    ),
}


def _found(root: Path) -> dict[str, tuple[Status, str]]:
    result = audit([root], Settings(rule_ids=RULES))
    return {f.rule_id: (f.status, f.message.en) for f in result.findings if f.address == "Service"}


def test_a_service_runs_on_the_hosts_of_its_cluster_in_another_template(tmp_path: Path) -> None:
    (tmp_path / "parent.yaml").write_text(PARENT, encoding="utf-8")
    (tmp_path / "cluster.yaml").write_text(CLUSTER, encoding="utf-8")
    (tmp_path / "service.yaml").write_text(SERVICE, encoding="utf-8")
    assert _found(tmp_path) == EXPECTED


def test_hosts_that_join_the_cluster_through_cfn_init_in_one_template(tmp_path: Path) -> None:
    # the service beside its cluster: its hosts were "no container instance of cluster
    # Cluster was found" (cfn-init's commands were not read)
    merged = CLUSTER.split("Outputs:", maxsplit=1)[0] + SERVICE.split("Resources:\n", 1)[1]
    (tmp_path / "all.yaml").write_text(merged, encoding="utf-8")
    assert _found(tmp_path) == EXPECTED
