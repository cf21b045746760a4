"""Managed prefix lists of the scan in security group rules (GDCC-NET-001): a rule naming an
``aws_ec2_managed_prefix_list`` / ``AWS::EC2::PrefixList`` of the scan was UNKNOWN ("cannot
tell whether port 22 is open"), even for a list holding 0.0.0.0/0. Its CIDRs are now read
(``entry`` blocks and ``aws_ec2_managed_prefix_list_entry`` resources; ``Entries``): a list
open to everyone FAILs, one of private ranges PASSes, one whose entries are not known stays
UNKNOWN; a list outside the scan is not known (UNKNOWN saying why) unless AWS manages it."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

TF = """\
resource "aws_ec2_managed_prefix_list" "anyone" {
  name           = "anyone"
  address_family = "IPv4"
  max_entries    = 5
  entry {
    cidr = "10.0.0.0/8"
  }
}

resource "aws_ec2_managed_prefix_list_entry" "open" {
  prefix_list_id = aws_ec2_managed_prefix_list.anyone.id
  cidr           = "0.0.0.0/0"
}

resource "aws_ec2_managed_prefix_list" "office" {
  name           = "office"
  address_family = "IPv4"
  max_entries    = 5
  entry {
    cidr = "203.0.113.0/24"
  }
}

resource "aws_ec2_managed_prefix_list" "unknown" {
  name           = "unknown"
  address_family = "IPv4"
  max_entries    = 5
  entry {
    cidr = var.cidr
  }
}

variable "cidr" {
  type = string
}

resource "aws_security_group" "inline" {
  name   = "inline"
  vpc_id = "vpc-1"
  ingress {
    from_port       = 22
    to_port         = 22
    protocol        = "tcp"
    prefix_list_ids = [aws_ec2_managed_prefix_list.anyone.id]
  }
}

resource "aws_security_group" "rule" {
  name   = "rule"
  vpc_id = "vpc-1"
}

resource "aws_vpc_security_group_ingress_rule" "rule" {
  security_group_id = aws_security_group.rule.id
  prefix_list_id    = aws_ec2_managed_prefix_list.anyone.id
  from_port         = 3389
  to_port           = 3389
  ip_protocol       = "tcp"
}

resource "aws_security_group" "office" {
  name   = "office"
  vpc_id = "vpc-1"
  ingress {
    from_port       = 22
    to_port         = 22
    protocol        = "tcp"
    prefix_list_ids = [aws_ec2_managed_prefix_list.office.id]
  }
}

resource "aws_security_group" "unknown" {
  name   = "unknown"
  vpc_id = "vpc-1"
  ingress {
    from_port       = 22
    to_port         = 22
    protocol        = "tcp"
    prefix_list_ids = [aws_ec2_managed_prefix_list.unknown.id]
  }
}

resource "aws_security_group" "elsewhere" {
  name   = "elsewhere"
  vpc_id = "vpc-1"
  ingress {
    from_port       = 22
    to_port         = 22
    protocol        = "tcp"
    prefix_list_ids = ["pl-0123456789abcdef0"]
  }
}
"""

TEMPLATE = """\
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Cidr:
    Type: String
Resources:
  Anyone:
    Type: AWS::EC2::PrefixList
    Properties:
      PrefixListName: anyone
      AddressFamily: IPv4
      MaxEntries: 5
      Entries: [{Cidr: 10.0.0.0/8}, {Cidr: 0.0.0.0/0}]
  Office:
    Type: AWS::EC2::PrefixList
    Properties:
      PrefixListName: office
      AddressFamily: IPv4
      MaxEntries: 5
      Entries: [{Cidr: 203.0.113.0/24}]
  Unknown:
    Type: AWS::EC2::PrefixList
    Properties:
      PrefixListName: unknown
      AddressFamily: IPv4
      MaxEntries: 5
      Entries: [{Cidr: !Ref Cidr}]
  Inline:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: inline
      VpcId: vpc-1
      SecurityGroupIngress:
        - {IpProtocol: tcp, FromPort: 22, ToPort: 22, SourcePrefixListId: !Ref Anyone}
  Rule:
    Type: AWS::EC2::SecurityGroup
    Properties: {GroupDescription: rule, VpcId: vpc-1}
  RuleIngress:
    Type: AWS::EC2::SecurityGroupIngress
    Properties:
      GroupId: !Ref Rule
      IpProtocol: tcp
      FromPort: 3389
      ToPort: 3389
      SourcePrefixListId: !Ref Anyone
  OfficeGroup:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: office
      VpcId: vpc-1
      SecurityGroupIngress:
        - {IpProtocol: tcp, FromPort: 22, ToPort: 22, SourcePrefixListId: !Ref Office}
  UnknownGroup:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: unknown
      VpcId: vpc-1
      SecurityGroupIngress:
        - {IpProtocol: tcp, FromPort: 22, ToPort: 22, SourcePrefixListId: !Ref Unknown}
"""


def _run(
    tmp_path: Path, name: str, text: str, not_judged: dict[str, int] | None = None
) -> dict[str, tuple[Status, str]]:
    (tmp_path / name).write_text(text)
    result = audit([tmp_path], Settings(rule_ids=("GDCC-NET-001",), cache=False))
    assert result.not_judged == (not_judged or {})
    return {f.address or f.resource_name: (f.status, f.message.en) for f in result.findings}


def test_terraform_prefix_lists(tmp_path: Path) -> None:
    found = _run(tmp_path, "main.tf", TF)
    assert {a: s for a, (s, _) in found.items()} == {
        "aws_security_group.inline": Status.FAIL,
        "aws_security_group.rule": Status.FAIL,
        "aws_security_group.office": Status.PASS,
        "aws_security_group.unknown": Status.UNKNOWN,
        # a list outside the scan may hold 0.0.0.0/0 (was PASS)
        "aws_security_group.elsewhere": Status.UNKNOWN,
    }
    assert found["aws_security_group.inline"][1] == (
        "port 22 is open to the whole internet (0.0.0.0/0)"
    )
    assert found["aws_security_group.rule"][1].startswith(
        "port 3389 is open to the whole internet (0.0.0.0/0); opened by "
        "aws_vpc_security_group_ingress_rule.rule"
    )


def test_cloudformation_prefix_lists(tmp_path: Path) -> None:
    found = _run(tmp_path, "template.yaml", TEMPLATE)
    assert {a: s for a, (s, _) in found.items()} == {
        "Inline": Status.FAIL,
        "Rule": Status.FAIL,
        "OfficeGroup": Status.PASS,
        "UnknownGroup": Status.UNKNOWN,
    }


#: Prefix lists outside the scan (normalize/prefix_lists.py): a customer-managed one (a
#: ``pl-`` id, a variable's default, a lookup by id) may hold 0.0.0.0/0 (was PASS: read as a
#: source that is not the internet); an AWS-managed one (looked up by a ``com.amazonaws.``
#: name or name filter, ``data "aws_prefix_list"``, a gateway endpoint's list) is a service's
#: ranges (was UNKNOWN).
OUTSIDE_TF = """\
variable "pl" {
  type    = string
  default = "pl-0aaa"
}

data "aws_ec2_managed_prefix_list" "by_id" {
  id = "pl-0bbb"
}

data "aws_ec2_managed_prefix_list" "s3" {
  name = "com.amazonaws.us-east-1.s3"
}

data "aws_ec2_managed_prefix_list" "cloudfront" {
  filter {
    name   = "prefix-list-name"
    values = ["com.amazonaws.global.cloudfront.origin-facing"]
  }
}

data "aws_prefix_list" "dynamodb" {
  name = "com.amazonaws.us-east-1.dynamodb"
}

resource "aws_vpc_endpoint" "s3" {
  vpc_id       = "vpc-1"
  service_name = "com.amazonaws.us-east-1.s3"
}

resource "aws_security_group" "literal" {
  vpc_id = "vpc-1"
  ingress {
    from_port       = 22
    to_port         = 22
    protocol        = "tcp"
    prefix_list_ids = ["pl-0123456789abcdef0"]
  }
}

resource "aws_security_group" "variable" {
  vpc_id = "vpc-1"
  ingress {
    from_port       = 22
    to_port         = 22
    protocol        = "tcp"
    prefix_list_ids = [var.pl]
  }
}

resource "aws_security_group" "by_id" {
  vpc_id = "vpc-1"
  ingress {
    from_port       = 22
    to_port         = 22
    protocol        = "tcp"
    prefix_list_ids = [data.aws_ec2_managed_prefix_list.by_id.id]
  }
}

resource "aws_security_group" "aws_lists" {
  vpc_id = "vpc-1"
  ingress {
    from_port = 22
    to_port   = 22
    protocol  = "tcp"
    prefix_list_ids = [
      data.aws_ec2_managed_prefix_list.s3.id,
      data.aws_ec2_managed_prefix_list.cloudfront.id,
      data.aws_prefix_list.dynamodb.id,
      aws_vpc_endpoint.s3.prefix_list_id,
    ]
  }
}

resource "aws_security_group" "rules" {
  vpc_id = "vpc-1"
}

resource "aws_vpc_security_group_ingress_rule" "rdp" {
  security_group_id = aws_security_group.rules.id
  prefix_list_id    = "pl-0ccc"
  from_port         = 3389
  to_port           = 3389
  ip_protocol       = "tcp"
}

resource "aws_security_group" "open" {
  vpc_id = "vpc-1"
  ingress {
    from_port       = 22
    to_port         = 22
    protocol        = "tcp"
    cidr_blocks     = ["0.0.0.0/0"]
    prefix_list_ids = ["pl-0123456789abcdef0"]
  }
}
"""

OUTSIDE_CFN = """\
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Literal:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: literal
      VpcId: vpc-1
      SecurityGroupIngress:
        - {IpProtocol: tcp, FromPort: 22, ToPort: 22, SourcePrefixListId: pl-0123456789abcdef0}
  Rule:
    Type: AWS::EC2::SecurityGroup
    Properties: {GroupDescription: rule, VpcId: vpc-1}
  RuleIngress:
    Type: AWS::EC2::SecurityGroupIngress
    Properties:
      GroupId: !Ref Rule
      IpProtocol: tcp
      FromPort: 3389
      ToPort: 3389
      SourcePrefixListId: pl-0ccc
"""

_OUTSIDE = "outside the scan (a customer-managed list may hold any range, 0.0.0.0/0 too)"


def test_terraform_prefix_lists_outside_the_scan(tmp_path: Path) -> None:
    found = _run(tmp_path, "main.tf", OUTSIDE_TF, {"aws_vpc_endpoint": 1})
    assert {a: s for a, (s, _) in found.items()} == {
        "aws_security_group.literal": Status.UNKNOWN,
        "aws_security_group.variable": Status.UNKNOWN,
        "aws_security_group.by_id": Status.UNKNOWN,
        "aws_security_group.aws_lists": Status.PASS,
        "aws_security_group.rules": Status.UNKNOWN,
        "aws_security_group.open": Status.FAIL,
    }
    assert found["aws_security_group.literal"][1] == (
        "cannot tell whether port 22 is open to the internet: prefix list "
        f"pl-0123456789abcdef0 is {_OUTSIDE}"
    )
    assert found["aws_security_group.variable"][1].endswith(f"prefix list pl-0aaa is {_OUTSIDE}")
    assert found["aws_security_group.by_id"][1].endswith(
        f"prefix list data.aws_ec2_managed_prefix_list.by_id is {_OUTSIDE}"
    )
    assert found["aws_security_group.rules"][1] == (
        f"cannot tell whether port 3389 is open to the internet: prefix list pl-0ccc is {_OUTSIDE}"
    )


def test_cloudformation_prefix_lists_outside_the_template(tmp_path: Path) -> None:
    (tmp_path / "template.yaml").write_text(OUTSIDE_CFN)
    result = audit([tmp_path], Settings(rule_ids=("GDCC-NET-001",), cache=False))
    found = {f.resource_name: f for f in result.findings}
    assert {n: f.status for n, f in found.items()} == {
        "Literal": Status.UNKNOWN,
        "Rule": Status.UNKNOWN,
    }
    assert found["Literal"].message.en == (
        "cannot tell whether port 22 is open to the internet: prefix list "
        f"pl-0123456789abcdef0 is {_OUTSIDE}"
    )
    assert found["Rule"].message.th.endswith(
        "prefix list pl-0ccc อยู่นอกการตั้งค่าที่ตรวจ (list ที่ลูกค้าจัดการเองอาจมีช่วงหมายเลขไอพีใดก็ได้ "
        "รวมทั้ง 0.0.0.0/0)"
    )


#: A template naming AWS-managed lists by ``pl-`` ids it describes (a parameter's
#: ``Description``, a ``Mappings`` key, a rule's own ``Description``): EC2 Instance Connect's
#: list written out with ``${AWS::Region}``, Route 53 health checks' in a rule's description,
#: a description saying both CloudFront and VPC Lattice (not told), one saying nothing.
NAMED_CFN = """\
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  ConsoleList:
    Type: String
    Description: Prefix list id of com.amazonaws.${AWS::Region}.ec2-instance-connect
  EdgeList:
    Type: String
    Description: Prefix list id of CloudFront or VPC Lattice
  OtherList:
    Type: String
    Description: Prefix list id
Mappings:
  Lists:
    ap-southeast-7: {HealthChecks: pl-0bbb}
Resources:
  Console:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: console
      VpcId: vpc-1
      SecurityGroupIngress:
        - {IpProtocol: tcp, FromPort: 22, ToPort: 22, SourcePrefixListId: !Ref ConsoleList}
  Checks:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: checks
      VpcId: vpc-1
      SecurityGroupIngress:
        - IpProtocol: tcp
          FromPort: 22
          ToPort: 22
          Description: Allow from com.amazonaws.ap-southeast-7.route53-healthchecks
          SourcePrefixListId: !FindInMap [Lists, !Ref "AWS::Region", HealthChecks]
  Edge:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: edge
      VpcId: vpc-1
      SecurityGroupIngress:
        - {IpProtocol: tcp, FromPort: 22, ToPort: 22, SourcePrefixListId: !Ref EdgeList}
  Other:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: other
      VpcId: vpc-1
      SecurityGroupIngress:
        - {IpProtocol: tcp, FromPort: 22, ToPort: 22, SourcePrefixListId: !Ref OtherList}
"""


def test_cloudformation_lists_the_template_names(tmp_path: Path) -> None:
    # Console and Checks were UNKNOWN ("prefix list … is outside the scan"): only CloudFront
    # was read from a template's words
    (tmp_path / "template.yaml").write_text(NAMED_CFN)
    result = audit([tmp_path], Settings(rule_ids=("GDCC-NET-001",), cache=False))
    found = {f.resource_name: f for f in result.findings}
    assert {n: f.status for n, f in found.items()} == {
        "Console": Status.PASS,
        "Checks": Status.PASS,
        "Edge": Status.UNKNOWN,
        "Other": Status.UNKNOWN,
    }
    # (a parameter without a default: its value is not known, whichever list it is)
    assert found["Edge"].message.en == "cannot tell whether port 22 is open to the internet"
