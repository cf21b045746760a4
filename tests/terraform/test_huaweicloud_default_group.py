"""Huawei Cloud ECS in its project's default security group.

An ECS naming no security group (or only ``default``) was UNKNOWN on GDCC-NET-001 ("inbound
rules are not known") and GDCC-GRAPH-002: the ECS API binds the project's default group, whose
documented rules admit only the group's own members (ECS user guide, "Default Security Groups
and Rules"). A ``huaweicloud_networking_secgroup_rule`` on a ``data
"huaweicloud_networking_secgroup"`` was dropped (a companion without a target): it is now
judged itself and, when the data source finds ``default``, adds to that group; one on a group
looked up by a name not known may, so the ECS stays UNKNOWN saying so.
"""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Finding, Status
from gdcc_audit.settings import Settings

FIXTURE = Path(__file__).parent.parent / "fixtures" / "huaweicloud_default_group"
ECS = "huaweicloud_compute_instance.web"


def findings(root: str) -> dict[tuple[str, str], Finding]:
    result = audit([FIXTURE / root], Settings(rule_ids=["GDCC-NET-001", "GDCC-GRAPH-002"]))
    addresses = {r.id: r.address for r in result.resources}
    return {(f.rule_id, addresses[f.resource_id]): f for f in result.findings}


def test_default_group_documented_rules() -> None:
    found = findings("plain")
    net = found[("GDCC-NET-001", ECS)]
    assert net.status is Status.PASS
    assert net.message.en == (
        "it names no security group, so it is in the default security group of its project, "
        "whose documented default rules admit only the group's own members (provider default; "
        "a rule added to it outside the scanned configuration, by the console or another tool, "
        "is not seen)"
    )
    assert found[("GDCC-GRAPH-002", ECS)].status is Status.PASS


def test_rule_added_to_the_default_group() -> None:
    found = findings("opened")
    assert found[("GDCC-NET-001", "huaweicloud_networking_secgroup_rule.ssh")].status is (
        Status.FAIL
    )
    graph = found[("GDCC-GRAPH-002", ECS)]
    assert graph.status is Status.FAIL
    assert graph.message.en == (
        "management port 22 reachable from the internet: internet → web:22"
    )
    server = found[("GDCC-NET-001", ECS)]
    assert server.status is Status.NOT_APPLICABLE
    assert server.message.en == (
        "it names only the default security group; judged on the default group: the default "
        "security group of its project"
    )


def test_rule_on_a_group_looked_up_by_an_unknown_name() -> None:
    found = findings("lookup")
    net = found[("GDCC-NET-001", ECS)]
    assert net.status is Status.UNKNOWN
    assert net.message.en.endswith(
        "rules of the scan may add to it: huaweicloud_networking_secgroup_rule.rdp (their "
        "group is looked up by a name not known)"
    )
    assert found[("GDCC-GRAPH-002", ECS)].status is Status.UNKNOWN
