"""An RDS database that does not write PubliclyAccessible is public when its VPC has an
internet gateway (CreateDBInstance API): a subnet group was taken as "private" before, a
wrong PASS for a VPC with a gateway. The default VPC has one."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "cloudformation" / "rds_public"
DEFAULT = (
    "the endpoint is public (provider default: 'PubliclyAccessible' not set"
)


def test_public_by_the_vpc_of_the_subnet_group() -> None:
    result = audit([FIXTURE], Settings(rule_ids=("GDCC-NET-002",)))
    found = {f.address: f for f in result.findings}
    assert {a: f.status for a, f in found.items()} == {
        "InDefaultVpc": Status.FAIL,
        "BehindGateway": Status.FAIL,
        "NoGateway": Status.PASS,
        "SharedGroup": Status.UNKNOWN,
        "Written": Status.PASS,
    }
    assert found["BehindGateway"].message.en == DEFAULT + ")"
    assert found["InDefaultVpc"].message.en == (
        DEFAULT + "; unless the internet gateway of the Region's default VPC was detached)"
    )
    default = found["NoGateway"].evidence["defaults"]["public_endpoint"]
    assert default["attribute"] == "PubliclyAccessible"
    assert default["documentation"].endswith("API_CreateDBInstance.html")
    assert found["SharedGroup"].evidence["unknown_because"]["public_endpoint"] == (
        "PubliclyAccessible is not written: the database is public when the VPC of its subnet "
        "group has an internet gateway, and that VPC is not in the template"
    )
    assert "defaults" not in found["Written"].evidence


def test_an_attachment_to_a_vpc_that_cannot_be_told_leaves_it_unknown(tmp_path: Path) -> None:
    text = (FIXTURE / "template.yaml").read_text(encoding="utf-8")
    text = text.replace(
        "Properties: {VpcId: !Ref Vpc, InternetGatewayId: !Ref Igw}",
        "Properties: {VpcId: !Ref Vpc, InternetGatewayId: !Ref Igw}\n"
        "  Elsewhere:\n"
        "    Type: AWS::EC2::VPCGatewayAttachment\n"
        "    Properties: {VpcId: !ImportValue other-vpc, InternetGatewayId: !Ref Igw}",
    )
    (tmp_path / "template.yaml").write_text(text, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-NET-002",)))
    found = {f.address: f.status for f in result.findings}
    assert found["NoGateway"] == Status.UNKNOWN
    assert found["BehindGateway"] == Status.FAIL


AURORA = """\
Resources:
  Cluster:
    Type: AWS::RDS::DBCluster
    Properties: {Engine: aurora-postgresql}
  InTemplateCluster:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: aurora-postgresql
      DBInstanceClass: db.r6g.large
      DBClusterIdentifier: !Ref Cluster
  OutsideCluster:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: aurora-postgresql
      DBInstanceClass: db.r6g.large
      DBClusterIdentifier: shared-cluster
"""


def test_an_aurora_instance_takes_its_clusters_subnet_group(tmp_path: Path) -> None:
    (tmp_path / "template.yaml").write_text(AURORA, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-NET-002",)))
    found = {f.address: f.status for f in result.findings}
    # the template's cluster names no subnet group: the default VPC, which has a gateway
    assert found["InTemplateCluster"] == Status.FAIL
    # a cluster outside the template: its subnet group, and so its VPC, is not known
    assert found["OutsideCluster"] == Status.UNKNOWN
