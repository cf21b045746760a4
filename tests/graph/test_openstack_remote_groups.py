"""A Terraform OpenStack rule whose ``remote_group_id`` names a group (kubespray's
contrib/terraform/openstack: ``remote_group_id = openstack_networking_secgroup_v2.k8s.id``)
stopped the mapping with "an UNKNOWN value has no truth value" (the group's id is computed),
so the file was only partly assessed and the rule lost. A remote group is a group of the
scan: its own group admits its members (``self``), another group its members, and a
computed id of a group not in the scan is ``sg:unknown`` (a group, never the internet)."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.graph.model import ResourceGraph
from gdcc_audit.load.terraform_model import UNKNOWN
from gdcc_audit.models.finding import Status
from gdcc_audit.models.resource import IngressRule
from gdcc_audit.normalize.terraform.huaweicloud import neutron_rule
from gdcc_audit.settings import Settings
from iac_helpers import run

FIXTURE = Path(__file__).parent.parent / "fixtures" / "openstack_remote_group"


def test_remote_groups_are_read_as_groups() -> None:
    resources, errors, _ = run(FIXTURE)
    assert errors == []
    cluster = resources["openstack_networking_secgroup_v2.cluster"].facets.ingress or ()
    assert [(r.protocol, r.from_port, r.to_port, r.sources, r.declared_by) for r in cluster] == [
        ("all", 0, 65535, ("self",), "openstack_networking_secgroup_rule_v2.members"),
        ("tcp", 22, 22, ("ref:openstack_networking_secgroup_v2.jump",),
         "openstack_networking_secgroup_rule_v2.ssh_from_jump"),
    ]
    graph = ResourceGraph(list(resources.values()))
    node = resources["openstack_compute_instance_v2.node"].id
    reach = graph.network
    members = f"sg:{resources['openstack_networking_secgroup_v2.cluster'].id}"
    jump = f"sg:{resources['openstack_networking_secgroup_v2.jump'].id}"
    assert reach.has_edge(members, node)
    assert reach.has_edge(jump, node)
    # the floating IP makes the node public, but nothing from the internet is admitted
    assert graph.paths_from_internet(resources["openstack_compute_instance_v2.node"]) == []


def test_a_computed_remote_group_is_a_group_not_the_internet() -> None:
    values = {"direction": "ingress", "protocol": "tcp", "port_range_min": 22,
              "port_range_max": 22, "remote_group_id": UNKNOWN}
    assert neutron_rule(values) == (
        IngressRule(protocol="tcp", from_port=22, to_port=22, sources=("sg:unknown",)),
    )
    # an address group's addresses are not in the input
    assert neutron_rule({**values, "remote_group_id": None,
                         "remote_address_group_id": UNKNOWN})[0].sources is None


def test_nova_group_rules_from_another_group_are_no_internet_source() -> None:
    """``openstack_compute_secgroup_v2`` ``rule { from_group_id = <group>.id }``: the id is
    computed, so the rule's sources were not known and GDCC-NET-001 UNKNOWN ("cannot tell
    whether port 22 is open"); the group of the scan it names is the source."""
    folder = FIXTURE.parent / "openstack_nova_groups"
    resources, errors, _ = run(folder)
    assert errors == []
    app = resources["openstack_compute_secgroup_v2.app"].facets.ingress or ()
    assert [(r.from_port, r.sources) for r in app] == [
        (22, ("ref:openstack_compute_secgroup_v2.bastion",)), (80, ("0.0.0.0/0",))
    ]
    result = audit([folder], Settings(rule_ids=("GDCC-NET-001",)))
    found = {f.address: (f.status, f.message.en) for f in result.findings}
    assert found["openstack_compute_secgroup_v2.app"] == (
        Status.PASS, "Management ports are not open to the internet"
    )
