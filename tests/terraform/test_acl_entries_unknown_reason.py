"""GDCC-NET-001 on a network ACL whose entries may open an administration port now names them.

An inbound entry whose source range is not known (an input without a value; checkov's fixture
aws_network_acl.network_acl sets cidr_block to a list Terraform refuses) left the ACL UNKNOWN
"cannot tell whether the network ACL lets the internet reach ports 22, 3389" with no reason. It
now says which entries and what of them is not known. Written entries decide as before.
"""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

ACLS = """\
variable "admin_range" {
  type = string
}

resource "aws_network_acl" "from_input" {
  vpc_id = "vpc-1"
  ingress {
    rule_no    = 110
    protocol   = "tcp"
    action     = "allow"
    cidr_block = var.admin_range
    from_port  = 22
    to_port    = 22
  }
}

resource "aws_network_acl" "written" {
  vpc_id = "vpc-1"
  ingress {
    rule_no    = 110
    protocol   = "tcp"
    action     = "allow"
    cidr_block = "0.0.0.0/0"
    from_port  = 22
    to_port    = 22
  }
}
"""


def test_an_acl_entry_not_known_is_named(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(ACLS, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-NET-001",), cache=False))
    found = {f.address: f for f in result.findings}
    finding = found["aws_network_acl.from_input"]
    assert finding.status == Status.UNKNOWN
    assert finding.message is not None
    assert finding.message.en == (
        "cannot tell whether the network ACL lets the internet reach port 22: not known from "
        "the input: rule 110's source range"
    )
    assert "110" in finding.message.th
    assert found["aws_network_acl.written"].status == Status.FAIL
