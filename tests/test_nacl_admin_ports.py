"""Network ACLs that let the whole internet reach a management port fail GDCC-NET-001 (CIS AWS
Foundations: no network ACL allows ingress from 0.0.0.0/0 to remote administration ports).
Entries are read lowest number first, the first match decides; entries added by
``aws_network_acl_rule`` / ``AWS::EC2::NetworkAclEntry`` count with the inline ones."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

MAIN = """\
resource "aws_network_acl" "open_ssh" {
  vpc_id = "vpc-1"
  ingress {
    rule_no    = 100
    protocol   = "tcp"
    action     = "allow"
    cidr_block = "0.0.0.0/0"
    from_port  = 22
    to_port    = 22
  }
}

resource "aws_network_acl" "denied_first" {
  vpc_id = "vpc-1"
  ingress {
    rule_no    = 10
    protocol   = "tcp"
    action     = "deny"
    cidr_block = "0.0.0.0/0"
    from_port  = 20
    to_port    = 3389
  }
  ingress {
    rule_no    = 100
    protocol   = "-1"
    action     = "allow"
    cidr_block = "0.0.0.0/0"
    from_port  = 0
    to_port    = 0
  }
}

resource "aws_network_acl" "allowed_first" {
  vpc_id = "vpc-1"
  ingress {
    rule_no    = 30
    protocol   = "tcp"
    action     = "deny"
    cidr_block = "0.0.0.0/0"
    from_port  = 22
    to_port    = 22
  }
  ingress {
    rule_no    = 10
    protocol   = "-1"
    action     = "allow"
    cidr_block = "0.0.0.0/0"
    from_port  = 0
    to_port    = 0
  }
}

resource "aws_network_acl" "ipv6_rdp" {
  vpc_id = "vpc-1"
  ingress {
    rule_no         = 100
    protocol        = "tcp"
    action          = "allow"
    ipv6_cidr_block = "::/0"
    from_port       = 3389
    to_port         = 3389
  }
}

resource "aws_network_acl" "office_only" {
  vpc_id = "vpc-1"
  ingress {
    rule_no    = 100
    protocol   = "tcp"
    action     = "allow"
    cidr_block = "203.0.113.0/24"
    from_port  = 22
    to_port    = 22
  }
  ingress {
    rule_no    = 200
    protocol   = "tcp"
    action     = "allow"
    cidr_block = "0.0.0.0/0"
    from_port  = 443
    to_port    = 443
  }
}

resource "aws_network_acl" "by_rule" {
  vpc_id = "vpc-1"
}

resource "aws_network_acl_rule" "by_rule_all" {
  network_acl_id = aws_network_acl.by_rule.id
  rule_number    = 100
  egress         = false
  protocol       = "-1"
  rule_action    = "allow"
  cidr_block     = "0.0.0.0/0"
}

resource "aws_network_acl" "unknown_range" {
  vpc_id = "vpc-1"
  ingress {
    rule_no    = 100
    protocol   = "tcp"
    action     = "allow"
    cidr_block = var.source_range
    from_port  = 22
    to_port    = 22
  }
}

variable "source_range" {}
"""

TEMPLATE = """\
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  OpenAcl:
    Type: AWS::EC2::NetworkAcl
    Properties: {VpcId: vpc-1}
  OpenRdp:
    Type: AWS::EC2::NetworkAclEntry
    Properties:
      NetworkAclId: !Ref OpenAcl
      RuleNumber: 100
      Protocol: 6
      RuleAction: allow
      CidrBlock: 0.0.0.0/0
      PortRange: {From: 3389, To: 3389}
  ClosedAcl:
    Type: AWS::EC2::NetworkAcl
    Properties: {VpcId: vpc-1}
  DenySsh:
    Type: AWS::EC2::NetworkAclEntry
    Properties:
      NetworkAclId: !Ref ClosedAcl
      RuleNumber: 90
      Protocol: 6
      RuleAction: deny
      CidrBlock: 0.0.0.0/0
      PortRange: {From: 22, To: 22}
  DenyRdp:
    Type: AWS::EC2::NetworkAclEntry
    Properties:
      NetworkAclId: !Ref ClosedAcl
      RuleNumber: 91
      Protocol: 6
      RuleAction: deny
      CidrBlock: 0.0.0.0/0
      PortRange: {From: 3389, To: 3389}
  AllowWeb:
    Type: AWS::EC2::NetworkAclEntry
    Properties:
      NetworkAclId: !Ref ClosedAcl
      RuleNumber: 100
      Protocol: -1
      RuleAction: allow
      CidrBlock: 0.0.0.0/0
"""


def test_network_acls_open_to_the_internet(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(MAIN)
    (tmp_path / "template.yaml").write_text(TEMPLATE)
    settings = Settings(
        rule_ids=("GDCC-NET-001",), rule_parameters={"GDCC-NET-001": {"ports": [22, 3389]}}
    )
    result = audit([tmp_path], settings)
    # a range from a variable without a value is read as not known, not a crash of the file
    assert {i.status.value for i in result.inputs} == {"assessed"}
    found = {f.address: f for f in result.findings if f.resource_kind == "network.acl"}
    assert {address: f.status for address, f in found.items()} == {
        "aws_network_acl.open_ssh": Status.FAIL,
        "aws_network_acl.denied_first": Status.PASS,
        "aws_network_acl.allowed_first": Status.FAIL,
        "aws_network_acl.ipv6_rdp": Status.FAIL,
        "aws_network_acl.office_only": Status.PASS,
        "aws_network_acl.by_rule": Status.FAIL,
        "aws_network_acl.unknown_range": Status.UNKNOWN,
        "OpenAcl": Status.FAIL,
        "ClosedAcl": Status.PASS,
    }
    tf, cfn = f"{tmp_path}/main.tf", f"{tmp_path}/template.yaml"

    def inline(acl: str, line: int, port: int, number: int, cidr: str) -> dict[str, object]:
        # an inline entry is declared by the ACL itself (the block's own line is not known)
        return {
            "port": port, "rule_number": number, "cidr": cidr, "deciding": True,
            "declared_by": acl, "declared_at": f"{tf}:{line}",
        }

    assert found["aws_network_acl.open_ssh"].evidence == {
        "ports": [22],
        "sources": ["0.0.0.0/0"],
        "opened_by": [inline("aws_network_acl.open_ssh", 1, 22, 100, "0.0.0.0/0")],
    }
    assert found["aws_network_acl.allowed_first"].evidence == {
        "ports": [22, 3389],
        "sources": ["0.0.0.0/0"],
        "opened_by": [
            inline("aws_network_acl.allowed_first", 33, 22, 10, "0.0.0.0/0"),
            inline("aws_network_acl.allowed_first", 33, 3389, 10, "0.0.0.0/0"),
        ],
    }
    assert found["aws_network_acl.ipv6_rdp"].evidence == {
        "ports": [3389],
        "sources": ["::/0"],
        "opened_by": [inline("aws_network_acl.ipv6_rdp", 53, 3389, 100, "::/0")],
    }
    # the entry of a separate resource is named with its own line
    assert found["aws_network_acl.by_rule"].evidence["opened_by"] == [
        {
            "port": port, "rule_number": 100, "cidr": "0.0.0.0/0", "deciding": True,
            "declared_by": "aws_network_acl_rule.by_rule_all", "declared_at": f"{tf}:89",
        }
        for port in (22, 3389)
    ]
    assert found["OpenAcl"].evidence == {
        "ports": [3389],
        "sources": ["0.0.0.0/0"],
        "opened_by": [
            {
                "port": 3389, "rule_number": 100, "cidr": "0.0.0.0/0", "deciding": True,
                "declared_by": "OpenRdp", "declared_at": f"{cfn}:6",
            }
        ],
    }
    assert found["aws_network_acl.unknown_range"].evidence == {
        "undetermined_ports": [22],
        "undetermined_by": [
            {
                "port": 22, "rule_number": 100, "cidr": None,
                "declared_by": "aws_network_acl.unknown_range", "declared_at": f"{tf}:98",
            }
        ],
    }
    # "reach port 22", not "reach port 22 is"; an inline entry needs no pointer in the message
    assert found["aws_network_acl.open_ssh"].message.en == (
        "the network ACL lets the whole internet (0.0.0.0/0) reach port 22"
    )
    assert found["aws_network_acl.allowed_first"].message.en == (
        "the network ACL lets the whole internet (0.0.0.0/0) reach ports 22, 3389"
    )
    assert found["aws_network_acl.by_rule"].message.en == (
        "the network ACL lets the whole internet (0.0.0.0/0) reach ports 22, 3389; "
        f"opened by aws_network_acl_rule.by_rule_all at {tf}:89"
    )
    assert found["OpenAcl"].message.th == (
        "network ACL อนุญาตให้อินเทอร์เน็ตทั้งหมด (0.0.0.0/0) เข้าถึงพอร์ต 3389; "
        f"เปิดโดย OpenRdp ที่ {cfn}:6"
    )
    assert found["aws_network_acl.unknown_range"].message.en == (
        "cannot tell whether the network ACL lets the internet reach port 22: not known from "
        "the input: rule 100's source range"
    )


ALONE = """\
variable "number" {}

resource "aws_network_acl_rule" "web_elsewhere" {
  network_acl_id = "acl-0123456789abcdef0"
  rule_number    = 100
  egress         = false
  protocol       = "tcp"
  rule_action    = "allow"
  cidr_block     = "0.0.0.0/0"
  from_port      = 443
  to_port        = 443
}

resource "aws_network_acl_rule" "ssh_elsewhere" {
  network_acl_id = "acl-0123456789abcdef0"
  rule_number    = 110
  egress         = false
  protocol       = "tcp"
  rule_action    = "allow"
  ipv6_cidr_block = "::/0"
  from_port      = 22
  to_port        = 22
}

resource "aws_network_acl_rule" "deny_elsewhere" {
  network_acl_id = "acl-0123456789abcdef0"
  rule_number    = 90
  egress         = false
  protocol       = "-1"
  rule_action    = "deny"
  cidr_block     = "0.0.0.0/0"
}

resource "aws_network_acl_rule" "no_acl" {
  rule_number = 120
  egress      = false
  protocol    = "tcp"
  rule_action = "allow"
  cidr_block  = "0.0.0.0/0"
  from_port   = 443
  to_port     = 443
}

resource "aws_network_acl" "deny_of_unknown_number" {
  vpc_id = "vpc-1"
  ingress {
    rule_no    = var.number
    protocol   = "tcp"
    action     = "deny"
    cidr_block = "0.0.0.0/0"
    from_port  = 22
    to_port    = 22
  }
}

resource "aws_network_acl" "allow_after_deny_of_unknown_number" {
  vpc_id = "vpc-1"
  ingress {
    rule_no    = var.number
    protocol   = "tcp"
    action     = "deny"
    cidr_block = "0.0.0.0/0"
    from_port  = 22
    to_port    = 22
  }
  ingress {
    rule_no    = 200
    protocol   = "tcp"
    action     = "allow"
    cidr_block = "0.0.0.0/0"
    from_port  = 22
    to_port    = 22
  }
}
"""

ALONE_TEMPLATE = """\
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  SharedAcl: {Type: String}
Resources:
  WebEntry:
    Type: AWS::EC2::NetworkAclEntry
    Properties:
      NetworkAclId: !Ref SharedAcl
      RuleNumber: 100
      Protocol: 6
      RuleAction: allow
      CidrBlock: 0.0.0.0/0
      PortRange: {From: 443, To: 443}
  RdpEntry:
    Type: AWS::EC2::NetworkAclEntry
    Properties:
      NetworkAclId: !ImportValue shared-acl
      RuleNumber: 110
      Protocol: 6
      RuleAction: allow
      CidrBlock: 0.0.0.0/0
      PortRange: {From: 3389, To: 3389}
"""


def test_entries_whose_acl_is_outside_the_scan(tmp_path: Path) -> None:
    """An entry whose ACL is not in the scan is judged for what it lets in itself (it was
    UNKNOWN whatever it allowed): a port it does not open passes; a port it opens to the
    internet is not known, because an entry of lower number in the ACL may deny it first. A
    deny whose number is not known can only close a port: alone it opens nothing (was
    UNKNOWN), before an allow it leaves the port not known."""
    (tmp_path / "main.tf").write_text(ALONE)
    (tmp_path / "template.yaml").write_text(ALONE_TEMPLATE)
    settings = Settings(
        rule_ids=("GDCC-NET-001",), rule_parameters={"GDCC-NET-001": {"ports": [22, 3389]}}
    )
    found = {f.address: f for f in audit([tmp_path], settings).findings}
    assert {address: f.status for address, f in found.items()} == {
        "aws_network_acl_rule.web_elsewhere": Status.PASS,
        "aws_network_acl_rule.ssh_elsewhere": Status.UNKNOWN,
        "aws_network_acl_rule.deny_elsewhere": Status.PASS,
        "aws_network_acl_rule.no_acl": Status.UNKNOWN,
        "aws_network_acl.deny_of_unknown_number": Status.PASS,
        "aws_network_acl.allow_after_deny_of_unknown_number": Status.UNKNOWN,
        "WebEntry": Status.PASS,
        "RdpEntry": Status.UNKNOWN,
    }
    assert found["aws_network_acl_rule.ssh_elsewhere"].evidence == {
        "undetermined_ports": [22],
        "undetermined_by": [
            {
                "port": 22, "rule_number": 110, "cidr": "::/0",
                "declared_by": "aws_network_acl_rule.ssh_elsewhere",
                "declared_at": f"{tmp_path}/main.tf:14",
            }
        ],
    }
    assert found["RdpEntry"].evidence == {
        "undetermined_ports": [3389],
        "undetermined_by": [
            {
                "port": 3389, "rule_number": 110, "cidr": "0.0.0.0/0",
                "declared_by": "RdpEntry", "declared_at": f"{tmp_path}/template.yaml:14",
            }
        ],
    }


PARTIAL_RANGES = """\
Resources:
  Acl:
    Type: AWS::EC2::NetworkAcl
    Properties: {VpcId: vpc-1}
  NoPorts:
    Type: AWS::EC2::NetworkAclEntry
    Properties: {NetworkAclId: !Ref Acl, RuleNumber: 100, Protocol: 6, RuleAction: allow,
                 CidrBlock: 172.16.0.0/24}
  NoNumber:
    Type: AWS::EC2::NetworkAclEntry
    Properties: {NetworkAclId: !Ref Acl, RuleNumber: !Ref Missing, Protocol: 6,
                 RuleAction: allow, CidrBlock: 10.0.0.0/8, PortRange: {From: 22, To: 22}}
"""


def test_entries_for_part_of_the_internet_never_make_the_acl_doubtful(tmp_path: Path) -> None:
    # a private range whose ports or number are not known neither opens a port to the
    # whole internet nor closes it (was UNKNOWN for every management port)
    (tmp_path / "acl.yaml").write_text(PARTIAL_RANGES, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-NET-001",)))
    found = {f.address: (f.status, f.message.en) for f in result.findings}
    assert found == {"Acl": (Status.PASS, "Management ports are not open to the internet")}
