"""AWS keeps one network ACL entry per rule number and direction (CreateNetworkAclEntry refuses
a second: NetworkAclEntryAlreadyExists). GDCC-NET-001 read every entry as present, the lowest
in file order first:

- an ``aws_network_acl_rule`` repeating the number of an inline entry of its ACL (created with
  the ACL, so first) is refused; it opened port 22 in the finding (a wrong FAIL naming an entry
  that never exists) or, as a deny, could close it;
- ``aws_network_acl_rule`` resources sharing a number: AWS keeps the one created first, which
  the configuration does not tell; the first in the file decided (a deny there PASSed an ACL
  that may open the port: wrong PASS). Now the port is open or closed only when it is so
  whichever entry is kept, else UNKNOWN naming the entries and the number.

The resource graph (GDCC-GRAPH-*) reads refused entries as absent and shared ones as of
unknown number."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.graph.acl_numbers import possible_acls, settled_entries
from gdcc_audit.models.finding import Status
from gdcc_audit.models.resource import AclRule
from gdcc_audit.settings import Settings

ACL = """\
resource "aws_network_acl" "{name}" {{
  vpc_id = "vpc-1"
{inline}}}
"""
INLINE = """\
  ingress {{
    rule_no    = {number}
    protocol   = "tcp"
    action     = "{action}"
    cidr_block = "{cidr}"
    from_port  = {low}
    to_port    = {high}
  }}
"""
RULE = """\
resource "aws_network_acl_rule" "{name}" {{
  network_acl_id = aws_network_acl.{acl}.id
  rule_number    = {number}
  egress         = false
  protocol       = "tcp"
  rule_action    = "{action}"
  cidr_block     = "{cidr}"
  from_port      = {low}
  to_port        = {high}
}}
"""


def _inline(number: int, action: str, cidr: str, low: int = 22, high: int = 22) -> str:
    return INLINE.format(number=number, action=action, cidr=cidr, low=low, high=high)


def _rule(name: str, acl: str, number: int, action: str, cidr: str) -> str:
    return RULE.format(
        name=name, acl=acl, number=number, action=action, cidr=cidr, low=22, high=22
    )


MAIN = "".join(
    [
        # inline 100 admits only an office; the rule resource repeating 100 is refused
        ACL.format(name="inline_wins", inline=_inline(100, "allow", "10.0.0.0/32")),
        _rule("refused_open", "inline_wins", 100, "allow", "0.0.0.0/0"),
        # inline 100 allows the internet; a refused deny at 100 closes nothing
        ACL.format(name="inline_open", inline=_inline(100, "allow", "0.0.0.0/0")),
        _rule("refused_deny", "inline_open", 100, "deny", "0.0.0.0/0"),
        # two rule resources at 200: a deny first in the file, an allow for the internet
        ACL.format(name="either", inline=""),
        _rule("first_deny", "either", 200, "deny", "0.0.0.0/0"),
        _rule("then_allow", "either", 200, "allow", "0.0.0.0/0"),
        # two allows for the internet at 200: open whichever is kept
        ACL.format(name="both_open", inline=""),
        _rule("open_a", "both_open", 200, "allow", "0.0.0.0/0"),
        _rule("open_b", "both_open", 200, "allow", "::/0"),
        # a deny of lower number decides before the shared number
        ACL.format(name="denied_before", inline=_inline(50, "deny", "0.0.0.0/0", 0, 65535)),
        _rule("after_a", "denied_before", 200, "allow", "0.0.0.0/0"),
        _rule("after_b", "denied_before", 200, "deny", "0.0.0.0/0"),
    ]
)


def test_shared_rule_numbers(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(MAIN, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-NET-001",), cache=False))
    found = {
        f.address: (f.status, f.message.en if f.message else None)
        for f in result.findings
        if f.address and f.address.startswith("aws_network_acl.")
    }
    assert found["aws_network_acl.inline_wins"][0] is Status.PASS
    assert found["aws_network_acl.inline_open"] == (
        Status.FAIL,
        "the network ACL lets the whole internet (0.0.0.0/0) reach port 22",
    )
    assert found["aws_network_acl.either"] == (
        Status.UNKNOWN,
        "cannot tell whether the network ACL lets the internet reach port 22: "
        "aws_network_acl_rule.first_deny, aws_network_acl_rule.then_allow share rule number "
        "200, and AWS keeps only the entry created first",
    )
    assert found["aws_network_acl.both_open"][0] is Status.FAIL
    assert found["aws_network_acl.denied_before"][0] is Status.PASS
    by_address = {f.address: f for f in result.findings}
    refused = by_address["aws_network_acl.inline_wins"].evidence["refused_entries"]
    assert [(r["rule_number"], r["declared_by"]) for r in refused] == [
        (100, "aws_network_acl_rule.refused_open")
    ]
    opened = by_address["aws_network_acl.both_open"].evidence["opened_by"]
    assert {o["declared_by"] for o in opened if o["deciding"]} == {
        "aws_network_acl_rule.open_a",
        "aws_network_acl_rule.open_b",
    }
    either = by_address["aws_network_acl.either"]
    assert either.message is not None
    assert either.message.th.endswith(
        "ใช้หมายเลขกฎ 200 ซ้ำกัน และ AWS เก็บไว้เพียงรายการที่สร้างก่อน"
    )


def _entry(number: int | None, by: str | None, egress: bool = False) -> AclRule:
    return AclRule(number=number, egress=egress, allow=True, protocol="tcp", from_port=22,
                   to_port=22, cidr="0.0.0.0/0", declared_by=by)


def test_possible_acls_and_graph_entries() -> None:
    inline, refused = _entry(100, None), _entry(100, "aws_network_acl_rule.r")
    a, b, c = (_entry(200, f"aws_network_acl_rule.{n}") for n in "abc")
    out = _entry(200, "aws_network_acl_rule.out", egress=True)
    possible = possible_acls([inline, refused, a, b, c])
    assert possible.refused == (refused,)
    assert possible.shared == ((200, (a, b, c)),)
    # one per entry kept at 200, and the ACL as its inline entries leave it (the provider
    # removes the entry resources of an ACL with inline entries at every other apply:
    # test_nacl_inline_and_rule_resources.py)
    assert possible.overwritten == (a, b, c)
    assert len(possible.acls) == 4
    assert all(acl[0] is inline and len(acl) == 2 for acl in possible.acls[:3])
    # each kept entry at 200 names its own ACL: a, then b, then c
    assert [acl[1].declared_by for acl in possible.acls[:3]] == [
        "aws_network_acl_rule.a", "aws_network_acl_rule.b", "aws_network_acl_rule.c"
    ]
    assert possible.acls[3] == (inline,)
    # the graph: the refused entry left out, the shared ones of unknown number; an egress
    # entry at the same number is another direction
    settled = settled_entries([inline, refused, a, b, out])
    assert [(e.number, e.declared_by) for e in settled] == [
        (100, None),
        (None, "aws_network_acl_rule.a"),
        (None, "aws_network_acl_rule.b"),
        (200, "aws_network_acl_rule.out"),
    ]
