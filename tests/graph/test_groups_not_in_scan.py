"""A resource in a security group of the scan and in one that is not (a literal ``sg-…`` id, a
module output that was not downloaded, a ``data "aws_security_group"`` lookup): the groups of
the scan are not all that admit it (``normalize/terraform/group_lists.py``). Before, their
rules were read as the whole: an instance with a public IP in an empty group of the scan and
a group from ``module.sg`` PASSed GDCC-GRAPH-002, though that group may open SSH."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

TERRAFORM = """\
resource "aws_security_group" "closed" {
  name   = "closed"
  vpc_id = "vpc-1"
}
resource "aws_security_group" "named" {
  name   = "named"
  vpc_id = "vpc-1"
}
module "sg" {
  source = "terraform-aws-modules/security-group/aws"
}
data "aws_security_group" "existing" {
  name = "existing"
}
resource "aws_instance" "literal" {
  ami                         = "ami-1"
  instance_type               = "t3.micro"
  associate_public_ip_address = true
  subnet_id                   = "subnet-1"
  vpc_security_group_ids      = ["sg-0123456789", aws_security_group.closed.id]
}
resource "aws_instance" "module_output" {
  ami                         = "ami-1"
  instance_type               = "t3.micro"
  associate_public_ip_address = true
  subnet_id                   = "subnet-1"
  vpc_security_group_ids      = [module.sg.security_group_id, aws_security_group.closed.id]
}
resource "aws_instance" "looked_up" {
  ami                         = "ami-1"
  instance_type               = "t3.micro"
  associate_public_ip_address = true
  subnet_id                   = "subnet-1"
  vpc_security_group_ids      = [data.aws_security_group.existing.id, aws_security_group.closed.id]
}
resource "aws_instance" "all_known" {
  ami                         = "ami-1"
  instance_type               = "t3.micro"
  associate_public_ip_address = true
  subnet_id                   = "subnet-1"
  security_groups             = ["named", aws_security_group.closed.id]
}
"""
UNKNOWN = (
    Status.UNKNOWN,
    "management ports 22, 3389, 5985, 5986, 23, 2375, 2376, 6443, 10250 reachable from the "
    "internet if what is not known allows it: internet → %s:22",
)


def test_a_group_outside_the_scan_may_admit_anything(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(TERRAFORM, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-002",)))
    found = {f.address: f for f in result.findings}
    for name in ("literal", "module_output", "looked_up"):
        finding = found[f"aws_instance.{name}"]
        assert (finding.status, finding.message.en) == (UNKNOWN[0], UNKNOWN[1] % name), name
    hop = found["aws_instance.module_output"].evidence["path_hops"][-1]
    assert hop["via"] == "public endpoint; security groups not in the scan: module.sg"
    # every member a group of the scan (by reference or by its literal name): as before
    assert found["aws_instance.all_known"].status is Status.PASS


TEMPLATE = """\
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  ExtraSg:
    Type: AWS::EC2::SecurityGroup::Id
Resources:
  Closed:
    Type: AWS::EC2::SecurityGroup
    Properties: {GroupDescription: closed}
  Literal:
    Type: AWS::EC2::Instance
    Properties: {ImageId: ami-1, SecurityGroupIds: [!Ref Closed, sg-0123456789]}
  Param:
    Type: AWS::EC2::Instance
    Properties: {ImageId: ami-1, SecurityGroupIds: [!GetAtt Closed.GroupId, !Ref ExtraSg]}
  Known:
    Type: AWS::EC2::Instance
    Properties: {ImageId: ami-1, SecurityGroupIds: [!Ref Closed]}
"""


def test_cloudformation_group_outside_the_template(tmp_path: Path) -> None:
    """``SecurityGroupIds: [!Ref Closed, sg-…]`` or beside a parameter: PASSed before."""
    (tmp_path / "stack.yaml").write_text(TEMPLATE, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-002",)))
    found = {f.address: f for f in result.findings}
    for name in ("Literal", "Param"):
        assert (found[name].status, found[name].message.en) == (
            UNKNOWN[0], UNKNOWN[1] % name
        ), name
    assert found["Known"].status is Status.PASS


CANDIDATES = """\
variable "sg" {
  type = string
}
variable "x" {
  type = bool
}
resource "aws_security_group" "closed" {
  name   = "closed"
  vpc_id = "vpc-1"
}
resource "aws_security_group" "open" {
  name   = "open"
  vpc_id = "vpc-1"
  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}
resource "aws_instance" "beyond" {
  ami                         = "ami-1"
  instance_type               = "t3.micro"
  associate_public_ip_address = true
  subnet_id                   = "subnet-1"
  vpc_security_group_ids      = [coalesce(var.sg, aws_security_group.closed.id)]
}
resource "aws_instance" "either" {
  ami                         = "ami-1"
  instance_type               = "t3.micro"
  associate_public_ip_address = true
  subnet_id                   = "subnet-1"
  vpc_security_group_ids      = [var.x ? aws_security_group.open.id : aws_security_group.closed.id]
}
resource "aws_instance" "whole" {
  ami                         = "ami-1"
  instance_type               = "t3.micro"
  associate_public_ip_address = true
  subnet_id                   = "subnet-1"
  vpc_security_group_ids = (
    var.x ? [aws_security_group.open.id] : [aws_security_group.closed.id]
  )
}
variable "extra" {
  type = list(string)
}
resource "aws_instance" "listed" {
  ami                         = "ami-1"
  instance_type               = "t3.micro"
  associate_public_ip_address = true
  subnet_id                   = "subnet-1"
  vpc_security_group_ids      = concat([aws_security_group.closed.id], var.extra)
}
resource "aws_instance" "held" {
  ami                         = "ami-1"
  instance_type               = "t3.micro"
  associate_public_ip_address = true
  subnet_id                   = "subnet-1"
  vpc_security_group_ids      = concat(var.extra, [aws_security_group.open.id])
}
resource "aws_instance" "known" {
  ami                         = "ami-1"
  instance_type               = "t3.micro"
  associate_public_ip_address = true
  subnet_id                   = "subnet-1"
  vpc_security_group_ids      = [true ? aws_security_group.open.id : aws_security_group.closed.id]
}
"""


def test_a_group_a_value_not_known_chooses_is_only_a_candidate(tmp_path: Path) -> None:
    """``[coalesce(var.sg, closed.id)]`` read ``closed`` as the whole list (PASS, though
    ``var.sg`` may open SSH): a value beyond the configuration may admit anything.
    ``[var.x ? open.id : closed.id]`` and ``var.x ? [open.id] : [closed.id]`` read both as
    certain members (FAIL from a group it may not be in): what ``open`` admits is not
    certain. A condition known picks its group."""
    (tmp_path / "main.tf").write_text(CANDIDATES, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-002",)))
    found = {f.address: f for f in result.findings}
    for name in ("beyond", "listed"):  # ``concat([closed.id], var.extra)``: PASSed too
        beyond = found[f"aws_instance.{name}"]
        assert (beyond.status, beyond.message.en) == (UNKNOWN[0], UNKNOWN[1] % name)
        assert beyond.evidence["path_hops"][-1]["via"] == (
            "public endpoint; security groups not in the scan: vpc_security_group_ids: a value "
            "not in the configuration (an input or a literal)"
        )
    for name in ("either", "whole"):
        finding = found[f"aws_instance.{name}"]
        assert (finding.status, finding.message.en) == (
            Status.UNKNOWN,
            "management port 22 reachable from the internet if what is not known allows it: "
            f"internet → {name}:22",
        ), name
        assert finding.evidence["path_hops"][-1]["via"] == (
            "public endpoint; it may not be in aws_security_group.open (one of the security "
            "groups a value not known chooses)"
        ), name
    assert found["aws_instance.known"].status is Status.FAIL
    # ``concat(var.extra, [open.id])`` holds ``open`` whatever else it holds: a certain way in
    assert (found["aws_instance.held"].status, found["aws_instance.held"].message.en) == (
        Status.FAIL,
        "management port 22 reachable from the internet: internet → held:22",
    )


MAYBE_EMPTY = """\
variable "c" {
  type = bool
}
resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}
resource "aws_default_security_group" "d" {
  vpc_id = aws_vpc.main.id
  ingress {
    from_port   = 5432
    to_port     = 5432
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}
resource "aws_security_group" "rds" {
  name   = "rds"
  vpc_id = aws_vpc.main.id
}
resource "aws_subnet" "a" {
  vpc_id     = aws_vpc.main.id
  cidr_block = "10.0.1.0/24"
}
resource "aws_db_subnet_group" "g" {
  name       = "g"
  subnet_ids = [aws_subnet.a.id]
}
resource "aws_db_instance" "db" {
  engine                 = "postgres"
  instance_class         = "db.t3.micro"
  storage_encrypted      = true
  publicly_accessible    = true
  db_subnet_group_name   = aws_db_subnet_group.g.name
  vpc_security_group_ids = var.c ? [aws_security_group.rds.id] : []
}
"""


def test_a_list_that_may_be_empty_may_leave_the_default_group(tmp_path: Path) -> None:
    """``var.c ? [rds.id] : []``: an empty list puts the database in its VPC's default group,
    which admits 5432 from everywhere here. ``rds`` was read as its only group (GDCC-GRAPH-004
    PASS); the default group's rules now govern it uncertainly."""
    (tmp_path / "main.tf").write_text(MAYBE_EMPTY, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-004",)))
    [found] = result.findings
    assert (found.address, found.status, found.message.en) == (
        "aws_db_instance.db", Status.UNKNOWN,
        "cannot tell which addresses it admits: d allows 0.0.0.0/0; it is in "
        "aws_default_security_group.d only if its security-group list is empty, as a value "
        "not known may make it",
    )


CONDITIONS = """\
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Open:
    Type: String
Conditions:
  UseOpen: !Equals [!Ref Open, "yes"]
Resources:
  OpenSg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: open
      SecurityGroupIngress:
        - {IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 0.0.0.0/0}
  ClosedSg:
    Type: AWS::EC2::SecurityGroup
    Properties: {GroupDescription: closed}
  Either:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-1
      NetworkInterfaces:
        - AssociatePublicIpAddress: true
          DeviceIndex: "0"
          SubnetId: subnet-1
          GroupSet: !If [UseOpen, [!Ref OpenSg], [!Ref ClosedSg]]
  MaybeNone:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-1
      NetworkInterfaces:
        - AssociatePublicIpAddress: true
          DeviceIndex: "0"
          SubnetId: subnet-1
          GroupSet: !If [UseOpen, [!Ref ClosedSg], !Ref AWS::NoValue]
"""


def test_cloudformation_groups_an_fn_if_chooses(tmp_path: Path) -> None:
    """``!If [UseOpen, [!Ref OpenSg], [!Ref ClosedSg]]`` on a condition not known: both were
    certain members (FAIL); ``!If [UseOpen, [!Ref ClosedSg], !Ref AWS::NoValue]`` read
    ``ClosedSg`` as the only group (PASS) though no group puts the instance in its VPC's
    default group, whose rules are not known here, as for an instance naming none."""
    (tmp_path / "stack.yaml").write_text(CONDITIONS, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-002",)))
    found = {f.address: (f.status, f.message.en) for f in result.findings}
    assert found == {
        "Either": (
            Status.UNKNOWN,
            "management port 22 reachable from the internet if what is not known allows it: "
            "internet → Either:22",
        ),
        "MaybeNone": (UNKNOWN[0], UNKNOWN[1] % "MaybeNone"),
    }
