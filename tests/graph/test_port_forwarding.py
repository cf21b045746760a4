"""Port forwarding onto servers without a public address of their own.

A Huawei Cloud NAT gateway DNAT rule and an OpenStack floating IP port forwarding publish a
server's port on a public address; the graph did not read them, so a server whose group admits
SSH from everywhere and whose port 22 is forwarded PASSed GDCC-GRAPH-002 ("no management port
is reachable from the internet"). Only the forwarded ports are reached, through what the
server's groups admit from the internet (the client's address is kept).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Finding, Status
from gdcc_audit.settings import Settings

FIXTURES = Path(__file__).parent.parent / "fixtures" / "port_forwarding"


def _graph_002(folder: Path) -> dict[str, Finding]:
    result = audit([folder], Settings(rule_ids=["GDCC-GRAPH-002"]))
    addresses = {r.id: r.address for r in result.resources}
    return {str(addresses[f.resource_id]): f for f in result.findings}


@pytest.mark.parametrize(
    ("provider", "server", "rule"),
    [
        ("huaweicloud", "huaweicloud_compute_instance.web", "huaweicloud_nat_dnat_rule.ssh"),
        ("huaweicloud", "huaweicloud_compute_instance.jump", "huaweicloud_nat_dnat_rule.jump"),
        ("openstack", "openstack_compute_instance_v2.bastion",
         "openstack_networking_portforwarding_v2.ssh"),
    ],
)
def test_a_forwarded_ssh_port_is_reachable_from_the_internet(
    provider: str, server: str, rule: str
) -> None:
    found = _graph_002(FIXTURES / provider)[server]
    assert found.status is Status.FAIL
    name = server.rsplit(".", 1)[1]
    assert found.message.en == (
        f"management port 22 reachable from the internet: internet → {name}:22"
    )
    last = found.evidence["path_hops"][-1]
    assert last["certain"] is True
    assert last["via"] == f"port forwarding {rule} from a public address"


def test_only_the_forwarded_ports_are_reached() -> None:
    # app's group admits SSH from everywhere too, but only 8080 is forwarded to it: 22 is
    # reached only from web, which the internet reaches on 22
    found = _graph_002(FIXTURES / "huaweicloud")["huaweicloud_compute_instance.app"]
    assert found.status is Status.FAIL
    assert found.message.en == (
        "management port 22 reachable from the internet: internet → web:22 → app:22"
    )
