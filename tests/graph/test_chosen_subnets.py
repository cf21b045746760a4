"""A subnet a value not known chooses (``subnet_id = var.public ? aws_subnet.pub.id :
aws_subnet.priv.id``) is a candidate: the instance is perhaps in the public subnet, whose
public IPs and route to the internet reach it only uncertainly. It was in both subnets
certainly: GDCC-GRAPH-002 FAILed an instance that may sit in the private one."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

TERRAFORM = '''\
variable "public" { type = bool }
resource "aws_vpc" "main" { cidr_block = "10.0.0.0/16" }
resource "aws_internet_gateway" "gw" { vpc_id = aws_vpc.main.id }
resource "aws_subnet" "pub" {
  vpc_id                  = aws_vpc.main.id
  cidr_block              = "10.0.1.0/24"
  map_public_ip_on_launch = true
}
resource "aws_subnet" "priv" {
  vpc_id     = aws_vpc.main.id
  cidr_block = "10.0.2.0/24"
}
resource "aws_route_table" "pub" {
  vpc_id = aws_vpc.main.id
  route {
    cidr_block = "0.0.0.0/0"
    gateway_id = aws_internet_gateway.gw.id
  }
}
resource "aws_route_table_association" "pub" {
  subnet_id      = aws_subnet.pub.id
  route_table_id = aws_route_table.pub.id
}
resource "aws_security_group" "web" {
  name   = "web"
  vpc_id = aws_vpc.main.id
  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}
resource "aws_instance" "web" {
  ami                    = "ami-12345678"
  instance_type          = "t3.micro"
  subnet_id              = SUBNET
  vpc_security_group_ids = [aws_security_group.web.id]
}
'''


def _admin(tmp_path: Path, subnet: str) -> tuple[Status, str, str]:
    (tmp_path / "main.tf").write_text(TERRAFORM.replace("SUBNET", subnet), encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-002",)))
    [finding] = [f for f in result.findings if f.address == "aws_instance.web"]
    return finding.status, finding.message.en, finding.evidence["path_hops"][-1]["via"]


def test_a_chosen_subnet_is_only_perhaps_the_instances(tmp_path: Path) -> None:
    assert _admin(tmp_path, "var.public ? aws_subnet.pub.id : aws_subnet.priv.id") == (
        Status.UNKNOWN,
        "management port 22 reachable from the internet if what is not known allows it: "
        "internet → web:22",
        "subnet pub assigns public IPs (one of those a value not known chooses); route table "
        "pub routes to an internet gateway (one of those a value not known chooses)",
    )


def test_the_public_subnet_written_is_certain(tmp_path: Path) -> None:
    status, message, _ = _admin(tmp_path, "aws_subnet.pub.id")
    assert (status, message) == (
        Status.FAIL, "management port 22 reachable from the internet: internet → web:22"
    )


DATABASE = '''\
resource "aws_security_group" "db" {
  name   = "db"
  vpc_id = aws_vpc.main.id
  ingress {
    from_port   = 5432
    to_port     = 5432
    protocol    = "tcp"
    cidr_blocks = ["10.0.1.0/24"]
  }
}
resource "aws_db_instance" "db" {
  engine                 = "postgres"
  instance_class         = "db.t3.micro"
  allocated_storage      = 20
  storage_encrypted      = true
  vpc_security_group_ids = [aws_security_group.db.id]
}
'''


def _segmentation(tmp_path: Path, subnet: str) -> dict[tuple[str, str], tuple[Status, str]]:
    text = TERRAFORM.replace("SUBNET", subnet) + DATABASE
    (tmp_path / "main.tf").write_text(text, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-004", "GDCC-GRAPH-008")))
    return {
        (f.rule_id, f.address or ""): (f.status, f.message.en) for f in result.findings
    }


def test_a_workload_that_may_sit_in_an_admitted_range_is_no_pass(tmp_path: Path) -> None:
    """The database admits the public subnet's range; the internet-facing instance perhaps
    sits there. GDCC-GRAPH-004 PASSed ('segmented') and GDCC-GRAPH-008 was NOT_APPLICABLE on
    every network (the uncertain member was skipped): both are UNKNOWN now."""
    found = _segmentation(tmp_path, "var.public ? aws_subnet.pub.id : aws_subnet.priv.id")
    maybe_held = (
        Status.UNKNOWN,
        "an internet-facing workload may sit in this network (the input does not tell for "
        "certain its subnet or whether the internet reaches it), and no flow log records it",
    )
    assert found == {
        ("GDCC-GRAPH-004", "aws_db_instance.db"): (
            Status.UNKNOWN,
            "cannot tell which addresses it admits: address range pub, which may hold "
            "internet-facing web",
        ),
        ("GDCC-GRAPH-008", "aws_vpc.main"): maybe_held,
        ("GDCC-GRAPH-008", "aws_subnet.pub"): maybe_held,
        ("GDCC-GRAPH-008", "aws_subnet.priv"): maybe_held,
    }


def test_a_workload_certainly_in_an_admitted_range_fails(tmp_path: Path) -> None:
    found = _segmentation(tmp_path, "aws_subnet.pub.id")
    assert found[("GDCC-GRAPH-004", "aws_db_instance.db")][0] is Status.FAIL
    assert found[("GDCC-GRAPH-008", "aws_subnet.pub")][0] is Status.FAIL
    assert found[("GDCC-GRAPH-008", "aws_vpc.main")][0] is Status.FAIL
    assert found[("GDCC-GRAPH-008", "aws_subnet.priv")][0] is Status.NOT_APPLICABLE


CLOUDFORMATION = """\
Parameters:
  Public:
    Type: StringDEFAULT
Conditions:
  IsPublic: !Equals [!Ref Public, "true"]
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties: {CidrBlock: 10.0.0.0/16}
  Gateway:
    Type: AWS::EC2::InternetGateway
  Attach:
    Type: AWS::EC2::VPCGatewayAttachment
    Properties: {VpcId: !Ref Vpc, InternetGatewayId: !Ref Gateway}
  PublicSubnet:
    Type: AWS::EC2::Subnet
    Properties: {VpcId: !Ref Vpc, CidrBlock: 10.0.1.0/24, MapPublicIpOnLaunch: true}
  PrivateSubnet:
    Type: AWS::EC2::Subnet
    Properties: {VpcId: !Ref Vpc, CidrBlock: 10.0.2.0/24}
  PublicRoutes:
    Type: AWS::EC2::RouteTable
    Properties: {VpcId: !Ref Vpc}
  DefaultRoute:
    Type: AWS::EC2::Route
    Properties: {RouteTableId: !Ref PublicRoutes,
                 DestinationCidrBlock: 0.0.0.0/0, GatewayId: !Ref Gateway}
  PublicAssoc:
    Type: AWS::EC2::SubnetRouteTableAssociation
    Properties: {SubnetId: !Ref PublicSubnet, RouteTableId: !Ref PublicRoutes}
  WebGroup:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: web
      VpcId: !Ref Vpc
      SecurityGroupIngress:
        - {IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 0.0.0.0/0}
  Web:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-12345678
      InstanceType: t3.micro
      SubnetId: !If [IsPublic, !Ref PublicSubnet, !Ref PrivateSubnet]
      SecurityGroupIds: [!Ref WebGroup]
"""


def _cfn_admin(tmp_path: Path, default: str) -> tuple[Status, str, str]:
    text = CLOUDFORMATION.replace("DEFAULT", default)
    (tmp_path / "template.yaml").write_text(text, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-002",)))
    [finding] = [f for f in result.findings if f.address == "Web"]
    hops = finding.evidence.get("path_hops") or [{"via": ""}]
    return finding.status, finding.message.en, hops[-1]["via"]


def test_a_subnet_an_undecided_cloudformation_condition_chooses_is_a_candidate(
    tmp_path: Path,
) -> None:
    """``SubnetId: !If [IsPublic, !Ref PublicSubnet, !Ref PrivateSubnet]`` with a parameter
    the template does not give: the instance was in both subnets certainly (a certain
    GDCC-GRAPH-002 FAIL; every subnet and the VPC a certain GDCC-GRAPH-008 FAIL)."""
    assert _cfn_admin(tmp_path, "") == (
        Status.UNKNOWN,
        "management port 22 reachable from the internet if what is not known allows it: "
        "internet → Web:22",
        "subnet PublicSubnet assigns public IPs (one of those a value not known chooses); "
        "route table PublicRoutes routes to an internet gateway (one of those a value not "
        "known chooses)",
    )


def test_a_decided_cloudformation_condition_places_the_instance_certainly(
    tmp_path: Path,
) -> None:
    status, message, _ = _cfn_admin(tmp_path, '\n    Default: "true"')
    assert (status, message) == (
        Status.FAIL, "management port 22 reachable from the internet: internet → Web:22"
    )
    status, _, _ = _cfn_admin(tmp_path, '\n    Default: "false"')
    assert status is Status.PASS


def test_a_network_whose_workload_the_internet_only_perhaps_reaches_is_unknown(
    tmp_path: Path,
) -> None:
    """GDCC-GRAPH-008 FAILed the public subnet and its VPC as internet-facing when the web
    group's source was a variable without a value (a private range would make neither
    internet-facing): the workload's reach was uncertain, its membership certain."""
    (tmp_path / "main.tf").write_text(
        'variable "cidr" { type = string }\n'
        + TERRAFORM.replace("SUBNET", "aws_subnet.pub.id").replace(
            'cidr_blocks = ["0.0.0.0/0"]', "cidr_blocks = [var.cidr]"
        ),
        encoding="utf-8",
    )
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-002", "GDCC-GRAPH-008")))
    got = {(f.rule_id, f.address): (f.status, f.message.en) for f in result.findings}
    maybe = (
        Status.UNKNOWN,
        "an internet-facing workload may sit in this network (the input does not tell for "
        "certain its subnet or whether the internet reaches it), and no flow log records it",
    )
    assert got == {
        ("GDCC-GRAPH-002", "aws_instance.web"): (
            Status.UNKNOWN,
            "management port 22 reachable from the internet if what is not known allows it: "
            "internet → web:22",
        ),
        ("GDCC-GRAPH-008", "aws_subnet.pub"): maybe,
        ("GDCC-GRAPH-008", "aws_vpc.main"): maybe,
        ("GDCC-GRAPH-008", "aws_subnet.priv"): (
            Status.NOT_APPLICABLE, "holds no workload reachable from the internet"
        ),
    }
