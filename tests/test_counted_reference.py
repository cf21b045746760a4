"""A reference to an instance of a counted resource (``aws_network_acl.public[0].id``) finds
the resource when its count is not known (it is kept as one instance without an index): an
``aws_network_acl_rule`` of terraform-aws-vpc was judged on its own (UNKNOWN) while its ACL
PASSed GDCC-NET-001 without the entry (a wrong PASS)."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

MAIN = """\
variable "create" {
  type = bool
}

variable "inbound" {
  type = list(map(string))
}

resource "aws_network_acl" "public" {
  count  = var.create ? 1 : 0
  vpc_id = "vpc-1"
}

# its values are not known: it may open every port to the internet
resource "aws_network_acl_rule" "public_inbound" {
  count          = var.create ? length(var.inbound) : 0
  network_acl_id = aws_network_acl.public[0].id
  egress         = false
  rule_number    = var.inbound[count.index]["rule_number"]
  rule_action    = var.inbound[count.index]["rule_action"]
  protocol       = var.inbound[count.index]["protocol"]
  cidr_block     = lookup(var.inbound[count.index], "cidr_block", null)
}

resource "aws_network_acl" "open" {
  count  = var.create ? 1 : 0
  vpc_id = "vpc-1"
}

resource "aws_network_acl_rule" "open_ssh" {
  count          = var.create ? 1 : 0
  network_acl_id = aws_network_acl.open[0].id
  egress         = false
  rule_number    = 100
  rule_action    = "allow"
  protocol       = "tcp"
  from_port      = 22
  to_port        = 22
  cidr_block     = "0.0.0.0/0"
}
"""


def test_rule_of_an_acl_with_unknown_count_joins_its_acl(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(MAIN, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-NET-001",)))
    found = {f.address or "": (f.status, f.message.en) for f in result.findings}
    assert found == {
        # was PASS "Management ports are not open to the internet"
        "aws_network_acl.public": (
            Status.UNKNOWN,
            "cannot tell whether the network ACL lets the internet reach ports 22, 3389, "
            "3306, 5432, 1433, 1521, 27017, 6379, 9200, 5985, 5986, 23: not known from the "
            "input: an entry's rule number, action, source range, ports, protocol",
        ),
        # was PASS: the entry opening SSH was judged apart from its ACL
        "aws_network_acl.open": (
            Status.FAIL,
            "the network ACL lets the whole internet (0.0.0.0/0) reach port 22; opened by "
            f"aws_network_acl_rule.open_ssh at {tmp_path / 'main.tf'}:30",
        ),
    }
