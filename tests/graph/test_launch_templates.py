"""Launch templates and configurations stand for the instances an Auto Scaling group launches
from them. They were no graph endpoints, so a database that only the group's web servers
could reach PASSed GDCC-GRAPH-005 (widdix wordpress-ha: load balancer -> web servers ->
database). And an API gateway or CDN reaches only its integrations or origins: its hop into
the tenant's network is never certain."""

from __future__ import annotations

from pathlib import Path

import pytest

from gdcc_audit.api import audit
from gdcc_audit.graph.network import LAUNCHER_TYPES, anywhere
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

from .test_graph_routing import _node, _scan

TF = """\
resource "aws_security_group" "web" {
  name = "web"
  ingress {
    from_port   = 80
    to_port     = 80
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_security_group" "db" {
  name = "db"
  ingress {
    from_port       = 3306
    to_port         = 3306
    protocol        = "tcp"
    security_groups = [aws_security_group.web.id]
  }
}

resource "aws_launch_template" "web" {
  image_id = "ami-1"
  network_interfaces {
    associate_public_ip_address = true
    security_groups             = [aws_security_group.web.id]
  }
}

resource "aws_autoscaling_group" "web" {
  min_size = 1
  max_size = 2
  launch_template {
    id = aws_launch_template.web.id
  }
}

resource "aws_db_instance" "db" {
  engine                 = "mysql"
  instance_class         = "db.t3.micro"
  vpc_security_group_ids = [aws_security_group.db.id]
  storage_encrypted      = true
}
"""

CFN = """\
Resources:
  WebSG:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: web
      SecurityGroupIngress:
        - {IpProtocol: tcp, FromPort: 80, ToPort: 80, CidrIp: 0.0.0.0/0}
  DbSG:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: db
      SecurityGroupIngress:
        - {IpProtocol: tcp, FromPort: 3306, ToPort: 3306, SourceSecurityGroupId: !Ref WebSG}
  LT:
    Type: AWS::EC2::LaunchTemplate
    Properties:
      LaunchTemplateData:
        ImageId: ami-1
        NetworkInterfaces:
          - {DeviceIndex: 0, AssociatePublicIpAddress: true, Groups: [!Ref WebSG]}
  ASG:
    Type: AWS::AutoScaling::AutoScalingGroup
    Properties:
      MinSize: "1"
      MaxSize: "2"
      LaunchTemplate: {LaunchTemplateId: !Ref LT, Version: "1"}
  DB:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: mysql
      DBInstanceClass: db.t3.micro
      StorageEncrypted: true
      VPCSecurityGroups: [!GetAtt DbSG.GroupId]
"""


def _lateral(path: Path) -> dict[str, tuple[Status, str]]:
    result = audit([path], Settings(rule_ids=("GDCC-GRAPH-005",)))
    return {f.address or "": (f.status, f.message.en) for f in result.findings}


def test_a_database_reached_from_launched_web_servers_is_not_passed(tmp_path: Path) -> None:
    (tmp_path / "tf").mkdir()
    (tmp_path / "tf" / "main.tf").write_text(TF, encoding="utf-8")
    (tmp_path / "cfn").mkdir()
    (tmp_path / "cfn" / "stack.yaml").write_text(CFN, encoding="utf-8")
    # the template writes a public IP: the path is certain
    assert _lateral(tmp_path / "tf") == {
        "aws_db_instance.db": (
            Status.FAIL,
            "a workload reachable from the internet can connect to port 3306: internet → "
            "web:80 → db:3306",
        )
    }
    assert _lateral(tmp_path / "cfn") == {
        "DB": (
            Status.FAIL,
            "a workload reachable from the internet can connect to port 3306: internet → "
            "ASG:80 → DB:3306",
        )
    }
    # an interface that does not say: its subnet decides, the path is not certain
    (tmp_path / "cfn" / "stack.yaml").write_text(
        CFN.replace("AssociatePublicIpAddress: true, ", ""), encoding="utf-8"
    )
    assert _lateral(tmp_path / "cfn") == {
        "DB": (
            Status.UNKNOWN,
            "a workload reachable from the internet can connect to port 3306 if what is not "
            "known allows it: internet → ASG:80 → DB:3306",
        )
    }


def test_a_cloudformation_launch_template_public_ip(tmp_path: Path) -> None:
    """GDCC-CMP-001 read no public IP setting of a CloudFormation launch template."""
    (tmp_path / "stack.yaml").write_text(CFN, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-CMP-001",)))
    assert [(f.address, f.status, f.message.en) for f in result.findings] == [
        ("LT", Status.FAIL, "instances launched from it get a public IP address")
    ]


CDN = """\
Resources:
  CDN:
    Type: AWS::CloudFront::Distribution
    Properties:
      DistributionConfig:
        Enabled: true
        Origins:
          - {Id: s3, DomainName: example.s3.amazonaws.com, S3OriginConfig: {}}
        DefaultCacheBehavior:
          {TargetOriginId: s3, ViewerProtocolPolicy: redirect-to-https,
           ForwardedValues: {QueryString: false}}
"""


def test_a_cdn_reaches_the_tenant_network_only_uncertainly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "cdn.yaml").write_text(CDN, encoding="utf-8")
    _, graph = _scan(tmp_path, monkeypatch)
    cdn = graph.get(_node(graph, "CDN"))
    assert cdn is not None
    edges = {(s, t): data.get("certain") for s, t, data in graph.reach.edges()}
    assert edges[("internet", cdn.id)] is True
    # an S3 origin is reached over the internet: no hop into the tenant's network
    # (normalize/cdn_origins.py); a VPC origin's is not certain
    assert (cdn.id, anywhere(cdn)) not in edges
    (tmp_path / "cdn.yaml").write_text(
        CDN.replace("S3OriginConfig: {}", "VpcOriginConfig: {VpcOriginId: vo_1}"),
        encoding="utf-8",
    )
    _, graph = _scan(tmp_path, monkeypatch)
    cdn = graph.get(_node(graph, "CDN"))
    assert cdn is not None
    edges = {(s, t): data.get("certain") for s, t, data in graph.reach.edges()}
    assert edges[(cdn.id, anywhere(cdn))] is False


def test_launcher_types() -> None:
    assert {
        "aws_launch_template", "aws_launch_configuration", "AWS::EC2::LaunchTemplate",
        "AWS::AutoScaling::LaunchConfiguration", "google_compute_instance_template",
        "google_compute_region_instance_template", "azurerm_linux_virtual_machine_scale_set",
        "azurerm_windows_virtual_machine_scale_set",
    } == LAUNCHER_TYPES


GCE = """\
resource "google_compute_firewall" "ssh" {
  name          = "ssh"
  network       = "default"
  source_ranges = ["0.0.0.0/0"]
  target_tags   = ["web"]
  allow {
    protocol = "tcp"
    ports    = ["22"]
  }
}

resource "google_compute_instance_template" "web" {
  machine_type = "e2-small"
  tags         = ["web"]
  disk {
    source_image = "debian-cloud/debian-12"
  }
  network_interface {
    network = "default"
    access_config {}
  }
}
"""


def test_an_instance_template_is_reached_as_its_instances(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A managed instance group's template with an external IP, tagged for a firewall rule
    open to the internet on 22: its instances are reached there (the template had no node)."""
    (tmp_path / "main.tf").write_text(GCE, encoding="utf-8")
    _, graph = _scan(tmp_path, monkeypatch)
    template = _node(graph, "google_compute_instance_template.web")
    assert [str(p) for p in graph.paths_from_internet(template, port=22)] == ["internet → web:22"]
