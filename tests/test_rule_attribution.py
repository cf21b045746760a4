"""GDCC-NET-001 names the rule that opens each port: the network ACL entry or security group
rule, the resource that declares it (an ``aws_network_acl_rule``, ``AWS::EC2::NetworkAclEntry``,
``aws_security_group_rule``... or the ACL / group itself for an inline block) and its
``file:line``, the line a user changes. A rule resource merged into its ACL or group is judged
(by the checkov bridge and the ground-truth benchmark, through one shared function) by whether
the finding blames it."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from gdcc_audit.api import audit
from gdcc_audit.bridges.checkov import load_table
from gdcc_audit.bridges.checkov.convert import bridge, native_verdict
from gdcc_audit.models.finding import Finding, Status
from gdcc_audit.plugins import collect, make_plugin_manager
from gdcc_audit.resources import rules_dir
from gdcc_audit.settings import Settings
from iac_helpers import run

SETTINGS = Settings(
    rule_ids=("GDCC-NET-001",), rule_parameters={"GDCC-NET-001": {"ports": [22, 3389]}}
)

ACLS = """\
resource "aws_network_acl" "edge" {
  vpc_id = "vpc-1"
  egress {
    rule_no    = 100
    protocol   = "tcp"
    action     = "allow"
    cidr_block = "10.0.0.0/8"
    from_port  = 22
    to_port    = 22
  }
}

resource "aws_network_acl_rule" "all_open" {
  network_acl_id = aws_network_acl.edge.id
  rule_number    = 110
  egress         = false
  protocol       = "-1"
  rule_action    = "allow"
  cidr_block     = "0.0.0.0/0"
}

resource "aws_network_acl_rule" "ssh_open" {
  network_acl_id = aws_network_acl.edge.id
  rule_number    = 120
  egress         = false
  protocol       = "tcp"
  rule_action    = "allow"
  cidr_block     = "0.0.0.0/0"
  from_port      = 22
  to_port        = 22
}

resource "aws_network_acl_rule" "office_ssh" {
  network_acl_id = aws_network_acl.edge.id
  rule_number    = 130
  egress         = false
  protocol       = "tcp"
  rule_action    = "allow"
  cidr_block     = "203.0.113.0/24"
  from_port      = 22
  to_port        = 22
}

resource "aws_network_acl_rule" "deny_rdp" {
  network_acl_id = aws_network_acl.edge.id
  rule_number    = 140
  egress         = false
  protocol       = "tcp"
  rule_action    = "deny"
  cidr_block     = "0.0.0.0/0"
  from_port      = 3389
  to_port        = 3389
}

resource "aws_network_acl_rule" "rdp_behind_deny" {
  network_acl_id = aws_network_acl.edge.id
  rule_number    = 150
  egress         = false
  protocol       = "tcp"
  rule_action    = "allow"
  cidr_block     = "0.0.0.0/0"
  from_port      = 3389
  to_port        = 3389
}

resource "aws_network_acl" "inner" {
  vpc_id = "vpc-1"
}

resource "aws_network_acl_rule" "maybe_ssh" {
  network_acl_id = aws_network_acl.inner.id
  rule_number    = 100
  egress         = false
  protocol       = "tcp"
  rule_action    = "allow"
  cidr_block     = var.range
  from_port      = 22
  to_port        = 22
}

resource "aws_network_acl_rule" "inner_web" {
  network_acl_id = aws_network_acl.inner.id
  rule_number    = 110
  egress         = false
  protocol       = "tcp"
  rule_action    = "allow"
  cidr_block     = "0.0.0.0/0"
  from_port      = 443
  to_port        = 443
}

resource "aws_network_acl_rule" "no_range" {
  network_acl_id = aws_network_acl.inner.id
  rule_number    = 90
  egress         = false
  protocol       = "-1"
  rule_action    = "allow"
}

resource "aws_network_acl_rule" "no_range_alone" {
  rule_number = 100
  protocol    = "-1"
  rule_action = "allow"
}

variable "range" {}
"""

ACL_TEMPLATE = """\
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  EdgeAcl:
    Type: AWS::EC2::NetworkAcl
    Properties: {VpcId: vpc-1}
  OfficeSsh:
    Type: AWS::EC2::NetworkAclEntry
    Properties:
      NetworkAclId: !Ref EdgeAcl
      RuleNumber: 90
      Protocol: 6
      RuleAction: allow
      CidrBlock: 203.0.113.0/24
      PortRange: {From: 22, To: 22}
  OpenSsh:
    Type: AWS::EC2::NetworkAclEntry
    Properties:
      NetworkAclId: !Ref EdgeAcl
      RuleNumber: 100
      Protocol: 6
      RuleAction: allow
      CidrBlock: 0.0.0.0/0
      PortRange: {From: 22, To: 22}
  NoRange:
    Type: AWS::EC2::NetworkAclEntry
    Properties:
      NetworkAclId: !Ref EdgeAcl
      RuleNumber: 80
      Protocol: -1
      RuleAction: allow
"""


def _findings(folder: Path) -> dict[str, Finding]:
    return {f.address or f.resource_name: f for f in audit([folder], SETTINGS).findings}


@pytest.fixture(scope="module")
def acls(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Finding]]:
    folder = tmp_path_factory.mktemp("acls")
    (folder / "main.tf").write_text(ACLS)
    (folder / "template.yaml").write_text(ACL_TEMPLATE)
    return folder, _findings(folder)


def _entry(port: int, number: int, by: str, at: str, deciding: bool) -> dict[str, Any]:
    return {
        "port": port, "rule_number": number, "cidr": "0.0.0.0/0", "deciding": deciding,
        "declared_by": by, "declared_at": at,
    }


def test_acl_finding_names_the_deciding_entry_and_the_others_that_open_the_port(
    acls: tuple[Path, dict[str, Finding]],
) -> None:
    folder, found = acls
    tf = f"{folder}/main.tf"
    edge = found["aws_network_acl.edge"]
    assert edge.status == Status.FAIL
    assert edge.evidence == {
        "ports": [22, 3389],
        "sources": ["0.0.0.0/0"],
        "opened_by": [
            # rule 110 decides port 22; rule 120 opens it too once 110 is gone (both to change);
            # office_ssh (a /24) is not the internet. (The ACL's inline entry is outbound:
            # inline inbound entries beside entry resources are read with and without them,
            # test_nacl_inline_and_rule_resources.py)
            _entry(22, 110, "aws_network_acl_rule.all_open", f"{tf}:13", True),
            _entry(22, 120, "aws_network_acl_rule.ssh_open", f"{tf}:22", False),
            # rule 110 decides port 3389; the deny at 140 closes it before rdp_behind_deny
            _entry(3389, 110, "aws_network_acl_rule.all_open", f"{tf}:13", True),
        ],
    }
    assert edge.message.en == (
        "the network ACL lets the whole internet (0.0.0.0/0) reach ports 22, 3389; opened by "
        f"aws_network_acl_rule.all_open at {tf}:13 (ports 22, 3389), "
        f"aws_network_acl_rule.ssh_open at {tf}:22 (port 22)"
    )
    assert edge.message.th == (
        "network ACL อนุญาตให้อินเทอร์เน็ตทั้งหมด (0.0.0.0/0) เข้าถึงพอร์ต 22, 3389; เปิดโดย "
        f"aws_network_acl_rule.all_open ที่ {tf}:13 (พอร์ต 22, 3389), "
        f"aws_network_acl_rule.ssh_open ที่ {tf}:22 (พอร์ต 22)"
    )
    # an entry whose range is not known may open port 22: named, with its line
    inner = found["aws_network_acl.inner"]
    assert (inner.status, inner.evidence) == (
        Status.UNKNOWN,
        {
            "undetermined_ports": [22],
            "undetermined_by": [
                {
                    "port": 22, "rule_number": 100, "cidr": None,
                    "declared_by": "aws_network_acl_rule.maybe_ssh", "declared_at": f"{tf}:70",
                }
            ],
        },
    )
    # an entry without cidr_block / ipv6_cidr_block is refused by the provider: it opens
    # nothing (merged: it adds no entry; alone: PASS, not UNKNOWN)
    assert found["aws_network_acl_rule.no_range_alone"].status == Status.PASS
    assert "aws_network_acl_rule.no_range" not in found


def test_cloudformation_entry_is_named_with_its_logical_id_and_line(
    acls: tuple[Path, dict[str, Finding]],
) -> None:
    folder, found = acls
    acl = found["EdgeAcl"]
    assert acl.evidence == {
        "ports": [22],
        "sources": ["0.0.0.0/0"],
        "opened_by": [_entry(22, 100, "OpenSsh", f"{folder}/template.yaml:15", True)],
    }
    assert acl.message.en == (
        "the network ACL lets the whole internet (0.0.0.0/0) reach port 22; "
        f"opened by OpenSsh at {folder}/template.yaml:15"
    )


@pytest.mark.parametrize(
    ("companion", "key", "verdict"),
    [
        ("aws_network_acl_rule.all_open", "port:22", Status.FAIL),
        ("aws_network_acl_rule.ssh_open", "port:22", Status.FAIL),  # opens it behind 110
        ("aws_network_acl_rule.office_ssh", "port:22", Status.PASS),
        ("aws_network_acl_rule.deny_rdp", "port:3389", Status.PASS),
        ("aws_network_acl_rule.rdp_behind_deny", "port:3389", Status.PASS),
        ("aws_network_acl_rule.all_open", "port:3389", Status.FAIL),
        ("aws_network_acl_rule.ssh_open", "port:3389", Status.PASS),
        ("aws_network_acl_rule.ssh_open", None, Status.FAIL),  # any port
        (None, "port:22", Status.FAIL),  # the ACL itself
    ],
)
def test_a_rule_resource_is_judged_by_whether_the_finding_blames_it(
    acls: tuple[Path, dict[str, Finding]], companion: str | None, key: str | None, verdict: Status
) -> None:
    _, found = acls
    edge = found["aws_network_acl.edge"]
    assert native_verdict(edge, key, companion) == verdict
    assert _benchmark()._verdict([edge], key, companion) == verdict


def test_companion_of_an_undetermined_acl(acls: tuple[Path, dict[str, Finding]]) -> None:
    _, found = acls
    inner = found["aws_network_acl.inner"]
    assert native_verdict(inner, "port:22", "aws_network_acl_rule.maybe_ssh") == Status.UNKNOWN
    assert native_verdict(inner, "port:22", "aws_network_acl_rule.inner_web") == Status.PASS
    assert native_verdict(inner, "port:22") == Status.UNKNOWN
    assert native_verdict(inner, "port:3389") == Status.PASS  # checked, closed


def _benchmark() -> ModuleType:
    """``benchmarks/accuracy_groundtruth.py``: it must judge as the bridge does."""
    name = "accuracy_groundtruth"
    if name not in sys.modules:
        path = Path(__file__).resolve().parent.parent / "benchmarks" / f"{name}.py"
        spec = importlib.util.spec_from_file_location(name, path)
        assert spec is not None
        assert spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


def test_bridge_judges_checkov_rule_resources_by_blame(
    acls: tuple[Path, dict[str, Finding]],
) -> None:
    """checkov judges each aws_network_acl_rule alone: its PASS on an entry that opens
    nothing agrees with the native FAIL of the ACL (another entry is blamed), its FAIL on an
    entry the finding blames corroborates it, and its PASS on a blamed entry disagrees."""
    folder, found = acls
    main = str(folder / "main.tf")
    registry = collect(make_plugin_manager(), Settings())
    table = load_table(rules_dir() / "checkov", {r.meta.id: r.meta for r in registry.rules})
    resources = [r for r in run(folder)[0].values() if r.provider_type == "aws_network_acl"]

    def check(resource: str) -> dict[str, Any]:
        return {"check_id": "CKV_AWS_232", "check_name": "NACL port 22", "resource": resource,
                "file_abs_path": main, "file_line_range": [1, 2]}

    report = {
        "check_type": "terraform",
        "results": {
            "passed_checks": [check("aws_network_acl_rule.office_ssh"),
                              check("aws_network_acl_rule.ssh_open")],
            "failed_checks": [check("aws_network_acl_rule.all_open")],
        },
    }
    edge = found["aws_network_acl.edge"]
    native = [edge]
    out = bridge([report], table, resources, native,
                 parameters={"GDCC-NET-001": {"ports": [22, 3389]}})
    assert out.corroborated == 2
    assert out.disagreed == [
        "CKV_AWS_232 aws_network_acl_rule.ssh_open: checkov PASS, native GDCC-NET-001 FAIL"
    ]
    assert out.findings == []
    assert out.native[0].corroboration == ("CKV_AWS_232",)


SECURITY_GROUPS = """\
resource "aws_security_group" "web" {
  name = "web"
  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_security_group_rule" "rdp" {
  type              = "ingress"
  security_group_id = aws_security_group.web.id
  from_port         = 3389
  to_port           = 3389
  protocol          = "tcp"
  cidr_blocks       = ["0.0.0.0/0"]
}

resource "aws_vpc_security_group_ingress_rule" "ssh_v6" {
  security_group_id = aws_security_group.web.id
  from_port         = 22
  to_port           = 22
  ip_protocol       = "tcp"
  cidr_ipv6         = "::/0"
}

resource "aws_security_group_rule" "office" {
  type              = "ingress"
  security_group_id = aws_security_group.web.id
  from_port         = 22
  to_port           = 22
  protocol          = "tcp"
  cidr_blocks       = ["203.0.113.0/24"]
}

resource "azurerm_network_security_group" "nsg" {
  name                = "nsg"
  location            = "southeastasia"
  resource_group_name = "rg"
}

resource "azurerm_network_security_rule" "rdp" {
  name                        = "rdp"
  priority                    = 100
  direction                   = "Inbound"
  access                      = "Allow"
  protocol                    = "Tcp"
  source_port_range           = "*"
  destination_port_range      = "3389"
  source_address_prefix       = "Internet"
  destination_address_prefix  = "*"
  resource_group_name         = "rg"
  network_security_group_name = azurerm_network_security_group.nsg.name
}
"""

SG_TEMPLATE = """\
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  AppGroup:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: app
      SecurityGroupIngress:
        - {IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 0.0.0.0/0}
  SshIngress:
    Type: AWS::EC2::SecurityGroupIngress
    Properties:
      GroupId: !Ref AppGroup
      IpProtocol: tcp
      FromPort: 22
      ToPort: 22
      CidrIp: 0.0.0.0/0
"""


def test_security_group_rules_of_separate_resources_are_named(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(SECURITY_GROUPS)
    (tmp_path / "template.yaml").write_text(SG_TEMPLATE)
    found = _findings(tmp_path)
    tf, cfn = f"{tmp_path}/main.tf", f"{tmp_path}/template.yaml"
    web = found["aws_security_group.web"]
    assert web.evidence == {
        "ports": [22, 3389],
        "sources": ["0.0.0.0/0", "::/0"],
        "opened_by": [
            {"port": 22, "sources": ["0.0.0.0/0"], "declared_by": "aws_security_group.web",
             "declared_at": f"{tf}:1"},
            {"port": 22, "sources": ["::/0"],
             "declared_by": "aws_vpc_security_group_ingress_rule.ssh_v6",
             "declared_at": f"{tf}:20"},
            {"port": 3389, "sources": ["0.0.0.0/0"], "declared_by": "aws_security_group_rule.rdp",
             "declared_at": f"{tf}:11"},
        ],
    }
    # the inline block needs no pointer; the separate resources are named with their lines
    assert web.message.en == (
        "ports 22, 3389 are open to the whole internet (0.0.0.0/0, ::/0); opened by "
        f"aws_vpc_security_group_ingress_rule.ssh_v6 at {tf}:20 (port 22), "
        f"aws_security_group_rule.rdp at {tf}:11 (port 3389)"
    )
    nsg = found["azurerm_network_security_group.nsg"]
    assert nsg.message.en == (
        "port 3389 is open to the whole internet (0.0.0.0/0); "
        f"opened by azurerm_network_security_rule.rdp at {tf}:43"
    )
    assert nsg.message.th == (
        "พอร์ต 3389 เปิดให้เข้าถึงได้จากอินเทอร์เน็ตทั้งหมด (0.0.0.0/0); "
        f"เปิดโดย azurerm_network_security_rule.rdp ที่ {tf}:43"
    )
    app = found["AppGroup"]
    assert app.evidence["opened_by"] == [
        {"port": 22, "sources": ["0.0.0.0/0"], "declared_by": "SshIngress",
         "declared_at": f"{cfn}:9"}
    ]
    assert app.message.en == (
        f"port 22 is open to the whole internet (0.0.0.0/0); opened by SshIngress at {cfn}:9"
    )
    assert native_verdict(web, "port:22", "aws_security_group_rule.office") == Status.PASS
    assert native_verdict(web, "port:22", "aws_vpc_security_group_ingress_rule.ssh_v6") == (
        Status.FAIL
    )
    assert native_verdict(web, "port:3389", "aws_security_group_rule.rdp") == Status.FAIL
    assert native_verdict(web, "port:22", "aws_security_group_rule.rdp") == Status.PASS


def test_fingerprints_do_not_depend_on_attribution(acls: tuple[Path, dict[str, Finding]]) -> None:
    """Waivers and baselines match on the fingerprint: rule, resource and evidence key only;
    the attribution lives in the evidence, which is not part of it."""
    from gdcc_audit.models.finding import fingerprint

    _, found = acls
    edge = found["aws_network_acl.edge"]
    assert edge.evidence_key == ""
    assert edge.fingerprint == fingerprint("GDCC-NET-001", edge.resource_id)


def test_graph_admin_port_message_says_port_or_ports() -> None:
    """GDCC-GRAPH-002 said "management port(s) 22": one port is "port", several "ports"."""
    fixture = Path(__file__).parent / "fixtures" / "graph" / "cloudformation" / "routing.yaml"
    result = audit([fixture], Settings(rule_ids=("GDCC-GRAPH-002",)))
    failing = [f for f in result.findings if f.status == Status.FAIL]
    assert [(f.address, f.message.en) for f in failing] == [
        ("Hidden", "management port 22 reachable from the internet: internet → Web:443 → Hidden:22")
    ]


CFN_GROUP = """\
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  AppGroup:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: app
  SshIngress:
    Type: AWS::EC2::SecurityGroupIngress
    Properties:
      GroupId: !Ref AppGroup
      IpProtocol: tcp
      FromPort: 22
      ToPort: 22
      CidrIp: 0.0.0.0/0
  OfficeIngress:
    Type: AWS::EC2::SecurityGroupIngress
    Properties:
      GroupId: !Ref AppGroup
      IpProtocol: tcp
      FromPort: 22
      ToPort: 22
      CidrIp: 203.0.113.0/24
"""


def test_bridge_finds_cloudformation_rule_resources_in_their_group(tmp_path: Path) -> None:
    """checkov names AWS::EC2::SecurityGroupIngress.SshIngress; gdcc-audit merged it into
    AppGroup (``merged_from``): the bridge finds the group, and judges the ingress resource by
    whether the group's finding blames it, so neither result becomes a finding of its own."""
    template = tmp_path / "template.yaml"
    template.write_text(CFN_GROUP)
    resources = [r for r in run(tmp_path)[0].values() if r.address == "AppGroup"]
    assert resources[0].attributes["merged_from"] == ["SshIngress", "OfficeIngress"]
    (group,) = [f for f in audit([tmp_path], SETTINGS).findings if f.address == "AppGroup"]
    assert group.status == Status.FAIL
    registry = collect(make_plugin_manager(), Settings())
    table = load_table(rules_dir() / "checkov", {r.meta.id: r.meta for r in registry.rules})

    def check(resource: str) -> dict[str, Any]:
        return {"check_id": "CKV_AWS_24", "check_name": "SG port 22", "resource": resource,
                "file_abs_path": str(template), "file_line_range": [7, 14]}

    report = {
        "check_type": "cloudformation",
        "results": {
            "failed_checks": [check("AWS::EC2::SecurityGroupIngress.SshIngress")],
            "passed_checks": [check("AWS::EC2::SecurityGroupIngress.OfficeIngress")],
        },
    }
    out = bridge([report], table, resources, [group],
                 parameters={"GDCC-NET-001": {"ports": [22, 3389]}})
    assert (out.corroborated, out.disagreed, out.findings) == (2, [], [])
    assert out.native[0].corroboration == ("CKV_AWS_24",)
