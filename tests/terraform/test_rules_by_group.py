"""Rules between security groups keyed by the groups' configured names (the
zifeo/terraform-openstack-rke2 ``secgroup_rule.default`` pattern): a whole resource used as a
value (``from = openstack_networking_secgroup_v2.server``) is read attribute by attribute, so
the keys are known and each rule reaches its group. The for_each was not evaluated, the rules
collapsed to one instance with no group, and the agent's GRAPH-002 PASSed although SSH reaches
it from the internet through the server. Where the keys cannot be known, the groups the rules
name are not PASSed, nor are the resources linked to them in the graph."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

FIXTURES = Path(__file__).parent.parent / "fixtures" / "openstack_rules_by_group"
RULES = ("GDCC-NET-001", "GDCC-GRAPH-002")


def findings(folder: str) -> dict[tuple[str, str], tuple[Status, str]]:
    result = audit([FIXTURES / folder], Settings(rule_ids=RULES))
    return {(f.rule_id, f.address): (f.status, f.message.en) for f in result.findings}


def test_rules_keyed_by_group_names_reach_their_groups() -> None:
    found = findings("known")
    assert found[("GDCC-GRAPH-002", "openstack_compute_instance_v2.agent")] == (
        Status.FAIL,
        "management port 22 reachable from the internet: internet → server:22 → agent:22",
    )
    # one rule per key, each contributed to its group (none left standalone)
    assert ("GDCC-NET-001", "openstack_networking_secgroup_rule_v2.default") not in found


def test_rules_whose_keys_are_not_known_leave_their_groups_unknown() -> None:
    found = findings("unknown")
    where = str(FIXTURES / "unknown" / "main.tf") + ":25"
    status, message = found[("GDCC-GRAPH-002", "openstack_compute_instance_v2.agent")]
    assert status is Status.UNKNOWN
    # the block was read: its instances are not known, not "not assessed" (it said so before)
    assert message.startswith(
        "the instances of a block that names a resource linked to this one are not known: its "
        f"count / for_each could not be evaluated ({where}: "
        "openstack_networking_secgroup_v2.agent)"
    )
    status, message = found[("GDCC-NET-001", "openstack_networking_secgroup_v2.agent")]
    assert status is Status.UNKNOWN
    assert message.startswith(
        "the instances of a block that names this resource are not known: its count / "
        f"for_each could not be evaluated ({where})"
    )
    result = audit([FIXTURES / "unknown"], Settings(rule_ids=RULES))
    evidence = next(
        f.evidence for f in result.findings
        if (f.rule_id, f.address) == ("GDCC-NET-001", "openstack_networking_secgroup_v2.agent")
    )
    assert evidence["instances_not_known"] == [where]
    assert "not_assessed" not in evidence
    assert [i.status.value for i in result.inputs] == ["assessed"]
    # what is known still FAILs
    assert found[("GDCC-GRAPH-002", "openstack_compute_instance_v2.server")][0] is Status.FAIL
