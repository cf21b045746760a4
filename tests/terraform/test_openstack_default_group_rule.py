"""An ``openstack_networking_secgroup_rule_v2`` on ``data "openstack_networking_secgroup_v2"``
named ``default`` was dropped (a companion whose group was not in the scan), so a server naming
no group, in that default group with a floating IP, PASSed GDCC-GRAPH-002 and GDCC-NET-001
("documented default rules admit only the group's own members") while the rule opened SSH to
the internet. The rule is now judged itself and adds to the project's default group."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

FIXTURE = Path(__file__).parent.parent / "fixtures" / "openstack_default_group_rule"


def test_rule_on_the_looked_up_default_group() -> None:
    result = audit([FIXTURE], Settings(rule_ids=["GDCC-NET-001", "GDCC-GRAPH-002"]))
    addresses = {r.id: r.address for r in result.resources}
    found = {(f.rule_id, addresses[f.resource_id]): f for f in result.findings}
    graph = found[("GDCC-GRAPH-002", "openstack_compute_instance_v2.web")]
    assert graph.status is Status.FAIL
    assert graph.message.en == "management port 22 reachable from the internet: internet → web:22"
    rule = found[("GDCC-NET-001", "openstack_networking_secgroup_rule_v2.ssh")]
    assert rule.status is Status.FAIL
    assert rule.message.en == "port 22 is open to the whole internet (0.0.0.0/0)"
    server = found[("GDCC-NET-001", "openstack_compute_instance_v2.web")]
    assert server.status is Status.NOT_APPLICABLE
