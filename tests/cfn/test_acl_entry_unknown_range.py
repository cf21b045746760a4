"""An ``AWS::EC2::NetworkAclEntry`` whose ``CidrBlock`` is a parameter without a default (the
AWS compliance Quick Starts' management CIDR) crashed the mapping ("an UNKNOWN value has no
truth value"): the template was not assessed. Its range is now not known."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

TEMPLATE = """\
Parameters:
  ManagementCidr: {Type: String}
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties: {CidrBlock: 10.0.0.0/16}
  Acl:
    Type: AWS::EC2::NetworkAcl
    Properties: {VpcId: !Ref Vpc}
  Entry:
    Type: AWS::EC2::NetworkAclEntry
    Properties:
      CidrBlock: !Ref ManagementCidr
      Protocol: 6
      PortRange: {From: 22, To: 22}
      RuleAction: allow
      RuleNumber: 125
      NetworkAclId: !Ref Acl
"""


def test_acl_entry_with_range_not_known(tmp_path: Path) -> None:
    (tmp_path / "template.yaml").write_text(TEMPLATE, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-NET-001",)))
    assert [i.error for i in result.inputs] == [None]
    assert [(f.address, f.status, f.message.en) for f in result.findings] == [
        (
            "Acl",
            Status.UNKNOWN,
            "cannot tell whether the network ACL lets the internet reach port 22: not known "
            "from the input: rule 125's source range",
        )
    ]
