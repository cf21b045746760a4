"""A floating IP associated with an instance's port found by a ``data
"openstack_networking_port_v2"`` lookup on the instance's ``device_id`` (the pattern of the
OpenStack provider's own examples: app-with-networking, attach-format-mount-volume,
multiple-vm-with-floating-ip) made nothing public: GDCC-CMP-001 was UNKNOWN and GDCC-GRAPH-002
UNKNOWN for a server whose group opens SSH to 0.0.0.0/0."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

FIXTURE = Path(__file__).parent / "fixtures" / "openstack_data_port"
WEB = "openstack_compute_instance_v2.web"
WORKER = "openstack_compute_instance_v2.worker"


def test_a_floating_ip_on_a_looked_up_port_makes_its_instance_public() -> None:
    result = audit([FIXTURE], Settings(rule_ids=("GDCC-CMP-001", "GDCC-GRAPH-002")))
    found = {(f.rule_id, f.address): (f.status, f.message.en) for f in result.findings}
    assert found[("GDCC-CMP-001", WEB)] == (Status.FAIL, "it has a public IP address")
    assert found[("GDCC-GRAPH-002", WEB)] == (
        Status.FAIL, "management port 22 reachable from the internet: internet → web:22"
    )
    # the lookup names web only, and the whole root was scanned: worker has no floating IP
    assert found[("GDCC-CMP-001", WORKER)][0] is Status.PASS


def test_an_instance_on_an_external_network_named_by_its_name_is_public() -> None:
    """``network { name = "public" }`` where the scan says the network of that name is
    external (a data source filtered on ``external = true``) was UNKNOWN."""
    folder = FIXTURE.parent / "openstack_named_network"
    result = audit([folder], Settings(rule_ids=("GDCC-CMP-001",)))
    found = {f.address: (f.status, f.message.en) for f in result.findings}
    assert found["openstack_compute_instance_v2.edge"] == (
        Status.FAIL, "it has a public IP address"
    )
    assert found["openstack_compute_instance_v2.inner"][0] is Status.UNKNOWN
