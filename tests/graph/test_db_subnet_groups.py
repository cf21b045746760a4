"""A database placed by its subnet group (``aws_db_subnet_group``): the resource graph puts
it in the group's subnets (``normalize/terraform/subnet_groups.py``). Before, it was in no
subnet: a publicly accessible database in private subnets (no route to the internet gateway)
FAILed GDCC-GRAPH-001 with a certain path ``internet → hidden:5432``; RDS reaches a public
database only through subnets routed to an internet gateway. CloudFormation alike
(``AWS::RDS::DBSubnetGroup``, ``cloudformation/db_exposure.link_subnet_groups``)."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

FIXTURE = Path(__file__).parent.parent / "fixtures" / "graph" / "terraform" / "db_subnet_groups"


def test_database_placed_by_its_subnet_group() -> None:
    result = audit([FIXTURE / "main.tf"], Settings(rule_ids=("GDCC-GRAPH-001", "GDCC-NET-002")))
    found = {(f.address, f.rule_id): f for f in result.findings}
    exposed = found[("aws_db_instance.exposed", "GDCC-GRAPH-001")]
    assert (exposed.status, exposed.message.en) == (
        Status.FAIL,
        "exposed holds confidential data and is reachable from the internet: "
        "internet → exposed:5432",
    )
    hidden = found[("aws_db_instance.hidden", "GDCC-GRAPH-001")]
    assert hidden.status is Status.PASS
    # its endpoint is still public (publicly_accessible): NET-002 judges the setting
    assert found[("aws_db_instance.hidden", "GDCC-NET-002")].status is Status.FAIL
    # an Aurora instance naming no subnet group is in its cluster's (was a certain FAIL)
    aurora = found[("aws_rds_cluster_instance.aurora", "GDCC-GRAPH-001")]
    assert aurora.status is Status.PASS
    # a group with a subnet outside the scan: placement not known, never a PASS
    assert found[("aws_db_instance.mixed", "GDCC-GRAPH-001")].status is not Status.PASS


def test_subnet_group_read_for_context() -> None:
    result = audit([FIXTURE / "main.tf"], Settings(rule_ids=("GDCC-GRAPH-001",)))
    assert "aws_db_subnet_group" not in result.not_judged
    assert "aws_db_subnet_group" in result.read_for_context


def test_cloudformation_database_placed_by_its_subnet_group() -> None:
    result = audit([FIXTURE / "template.yaml"], Settings(rule_ids=("GDCC-GRAPH-001",)))
    found = {f.address: f for f in result.findings}
    assert found["Exposed"].message.en == (
        "Exposed holds confidential data and is reachable from the internet: "
        "internet → Exposed:5432"
    )
    assert found["Hidden"].status is Status.PASS


PARTIAL = FIXTURE.parent / "db_subnet_groups_partial" / "main.tf"


def test_subnet_outside_the_scan_leaves_the_path_uncertain() -> None:
    # each was a certain FAIL "... is reachable from the internet: internet → x:5432" (the
    # database was in no subnet); a subnet not in the scan may be private or public
    result = audit([PARTIAL], Settings(rule_ids=("GDCC-GRAPH-001",)))
    found = {f.address: f for f in result.findings}
    why = {
        "aws_db_instance.mixed": "aws_db_subnet_group.mixed lists 1 subnet(s) not in the scan",
        "aws_db_instance.input": "aws_db_subnet_group.input lists subnets not known "
        "(subnet_ids)",
        "aws_db_instance.outside": "subnet group named by db_subnet_group_name is not in the "
        "scan",
    }
    for address, reason in why.items():
        finding = found[address]
        name = address.split(".")[1]
        assert (finding.status, finding.message.en) == (
            Status.UNKNOWN,
            f"{name} holds confidential data and is reachable from the internet if what is "
            f"not known allows it: internet → {name}:5432",
        )
        assert f"placed in subnets not all in the scan: {reason}" in finding.model_dump_json()
    # a public subnet of the scan in the group decides it
    mixedpub = found["aws_db_instance.mixedpub"]
    assert (mixedpub.status, mixedpub.message.en) == (
        Status.FAIL,
        "mixedpub holds confidential data and is reachable from the internet: "
        "internet → mixedpub:5432",
    )


CFN_PARTIAL = """\
Parameters:
  OtherSubnet:
    Type: AWS::EC2::Subnet::Id
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties: {CidrBlock: 10.0.0.0/16}
  Igw:
    Type: AWS::EC2::InternetGateway
  Attach:
    Type: AWS::EC2::VPCGatewayAttachment
    Properties: {VpcId: !Ref Vpc, InternetGatewayId: !Ref Igw}
  PrivA:
    Type: AWS::EC2::Subnet
    Properties: {VpcId: !Ref Vpc, CidrBlock: 10.0.11.0/24}
  PrivRt:
    Type: AWS::EC2::RouteTable
    Properties: {VpcId: !Ref Vpc}
  A1:
    Type: AWS::EC2::SubnetRouteTableAssociation
    Properties: {SubnetId: !Ref PrivA, RouteTableId: !Ref PrivRt}
  DbSg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: db
      VpcId: !Ref Vpc
      SecurityGroupIngress: [{IpProtocol: tcp, FromPort: 5432, ToPort: 5432, CidrIp: 0.0.0.0/0}]
  Group:
    Type: AWS::RDS::DBSubnetGroup
    Properties:
      DBSubnetGroupDescription: mixed
      SubnetIds: [!Ref PrivA, !Ref OtherSubnet]
  Mixed:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: postgres
      DBInstanceClass: db.t3.micro
      AllocatedStorage: "20"
      PubliclyAccessible: true
      DBSubnetGroupName: !Ref Group
      VPCSecurityGroups: [!Ref DbSg]
      Tags: [{Key: DataClassification, Value: confidential}]
"""


def test_cloudformation_subnet_outside_the_template_leaves_the_path_uncertain(
    tmp_path: Path,
) -> None:
    (tmp_path / "template.yaml").write_text(CFN_PARTIAL, encoding="utf-8")
    result = audit([tmp_path / "template.yaml"], Settings(rule_ids=("GDCC-GRAPH-001",)))
    found = {f.address: f for f in result.findings}
    # was a certain FAIL (in no subnet); its one template subnet is private, the
    # parameter's may be public
    assert found["Mixed"].status is Status.UNKNOWN
    assert "Group lists 1 subnet(s) not in the template" in found["Mixed"].model_dump_json()
