"""Servers made with ``count``, each attached to its own port through
``element(openstack_networking_port_v2.p.*.id, count.index)`` (kubespray's
contrib/terraform/openstack): the splat names every port, and each server was read as attached
to all of them. A floating IP on port 0 made server 1 public too (a wrong FAIL of GDCC-CMP-001;
GDCC-GRAPH-002 said the internet reaches server 1 directly), and a server with no floating IP
had "a network it is attached to is not in the scan" (UNKNOWN) although its one port is on a
tenant network of the scan."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "openstack_counted_ports"
FIRST = "openstack_compute_instance_v2.node[0]"
SECOND = "openstack_compute_instance_v2.node[1]"


def _found() -> dict[tuple[str, str], tuple[Status, str]]:
    result = audit([FIXTURE], Settings(rule_ids=("GDCC-CMP-001", "GDCC-GRAPH-002")))
    return {(f.rule_id, f.address or ""): (f.status, f.message.en) for f in result.findings}


def test_a_floating_ip_on_port_0_makes_server_0_public_only() -> None:
    found = _found()
    assert found[("GDCC-CMP-001", FIRST)] == (Status.FAIL, "it has a public IP address")
    assert found[("GDCC-CMP-001", SECOND)][0] is Status.PASS
    assert "no floating IP association of the scanned configuration names it" in found[
        ("GDCC-CMP-001", SECOND)
    ][1]


def test_ssh_reaches_server_1_only_through_server_0() -> None:
    """Server 1 is reached from the internet through server 0 (its group admits SSH from any
    address, the internal ones included), not directly."""
    found = _found()
    assert found[("GDCC-GRAPH-002", FIRST)] == (
        Status.FAIL, "management port 22 reachable from the internet: internet → node-0:22"
    )
    assert found[("GDCC-GRAPH-002", SECOND)] == (
        Status.FAIL,
        "management port 22 reachable from the internet: internet → node-0:22 → node-1:22",
    )


def test_servers_on_their_own_tenant_ports_have_no_public_address() -> None:
    """Each worker sits on its own port of a tenant network of the scan: no public address
    (was UNKNOWN: two ports named by one network block)."""
    found = _found()
    for index in (0, 1):
        status, message = found[("GDCC-CMP-001", f"openstack_compute_instance_v2.worker[{index}]")]
        assert status is Status.PASS
        assert message.startswith("Instances have no public IP address")
