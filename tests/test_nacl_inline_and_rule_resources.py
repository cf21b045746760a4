"""An ``aws_network_acl`` that writes entries inline besides ``aws_network_acl_rule``
resources of the same direction: "At this time you cannot use a Network ACL with in-line
rules in conjunction with any Network ACL Rule resources. Doing so will cause a conflict of
rule settings and will overwrite rules" (AWS provider docs). The next apply of the ACL removes
the entries it does not list, the one after restores them. gdcc merged them: a deny of an
entry resource closed port 22 that the inline allow opens whenever the deny is removed
(GDCC-NET-001 PASS, wrong). Now a port is open or closed only when it is so with and without
the entry resources, else UNKNOWN naming both."""

from __future__ import annotations

from pathlib import Path

from tests.test_nacl_shared_rule_numbers import ACL, _inline, _rule

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

MAIN = "".join(
    [
        # inline allow 22 for the internet; an entry resource denies it first
        ACL.format(name="mixed_deny", inline=_inline(200, "allow", "0.0.0.0/0")),
        _rule("deny_first", "mixed_deny", 100, "deny", "0.0.0.0/0"),
        # inline allow 443 only; the entry resource opens 22
        ACL.format(name="mixed_open", inline=_inline(200, "allow", "0.0.0.0/0", 443, 443)),
        _rule("opens_22", "mixed_open", 100, "allow", "0.0.0.0/0"),
        # inline opens 22, the entry resource opens it too: open either way
        ACL.format(name="open_anyway", inline=_inline(200, "allow", "0.0.0.0/0")),
        _rule("also_22", "open_anyway", 100, "allow", "0.0.0.0/0"),
        # no inline entry: the entry resources are the ACL's (as before)
        ACL.format(name="rules_only", inline=""),
        _rule("only_22", "rules_only", 100, "allow", "0.0.0.0/0"),
    ]
)


def test_inline_entries_and_entry_resources(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(MAIN, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-NET-001",), cache=False))
    found = {
        f.address: (f.status, f.message.en if f.message else None)
        for f in result.findings
        if f.address and f.address.startswith("aws_network_acl.")
    }
    assert found["aws_network_acl.mixed_deny"] == (
        Status.UNKNOWN,
        "cannot tell whether the network ACL lets the internet reach port 22: "
        "aws_network_acl.mixed_deny writes entries inline, so the next apply removes those of "
        "aws_network_acl_rule.deny_first and the one after restores them (the AWS provider "
        "does not take both)",
    )
    assert found["aws_network_acl.mixed_open"] == (
        Status.UNKNOWN,
        "cannot tell whether the network ACL lets the internet reach port 22: "
        "aws_network_acl.mixed_open writes entries inline, so the next apply removes those of "
        "aws_network_acl_rule.opens_22 and the one after restores them (the AWS provider "
        "does not take both)",
    )
    status, message = found["aws_network_acl.open_anyway"]
    assert status is Status.FAIL
    assert message is not None
    assert message.startswith("the network ACL lets the whole internet (0.0.0.0/0) reach port 22")
    opened = {f.address: f for f in result.findings}["aws_network_acl.open_anyway"]
    assert {o["declared_by"] for o in opened.evidence["opened_by"] if o["deciding"]} == {
        "aws_network_acl.open_anyway",  # the inline entry: whichever apply came last
        "aws_network_acl_rule.also_22",
    }
    assert found["aws_network_acl.rules_only"][0] is Status.FAIL
    mixed = {f.address: f for f in result.findings}["aws_network_acl.mixed_deny"]
    assert mixed.message is not None
    assert mixed.message.th.endswith("(ผู้ให้บริการ AWS ไม่รองรับการใช้ทั้งสองแบบร่วมกัน)")
