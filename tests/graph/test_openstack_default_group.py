"""A server that names no security group is in a default group the provider documents: the
VPC's default group on AWS, the project's default group on OpenStack (Nova: "applied to any
port that has no other security group defined"; Neutron: it admits ingress only from its own
members). GDCC-NET-001 judged such a server "inbound rules are not known" (heat-templates: 61
servers) while the reachability graph already used the documented rules; a port or network
with port security off gets no group at all, and a floating IP associated through
``get_attr [server, addresses, ...]`` makes the server public."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

GRAPH = Path(__file__).parent.parent / "fixtures" / "graph"
OPENSTACK = GRAPH / "openstack_default"
AWS = GRAPH / "default_groups"
RULES = ("GDCC-NET-001", "GDCC-GRAPH-002", "GDCC-CMP-001")
NOT_KNOWN = (Status.UNKNOWN, "inbound rules are not known")
PROJECT = (
    Status.PASS,
    "it names no security group, so it is in the default security group of its project, "
    "whose documented default rules admit only the group's own members (provider default; "
    "a rule added to it outside the scanned configuration, by the console or another tool, "
    "is not seen)",
)
VPC = (
    Status.PASS,
    "it names no security group, so it is in the default security group of the default VPC, "
    "whose documented default rules admit only the group's own members (provider default; "
    "a rule added to it outside the scanned configuration, by the console or another tool, "
    "is not seen)",
)
NAMED = (
    Status.PASS,
    "it names only the default security group, so it is in the default security group of its "
    "project, whose documented default rules admit only the group's own members (provider "
    "default; a rule added to it outside the scanned configuration, by the console or another "
    "tool, is not seen)",
)
NO_PATH = (Status.PASS, "No management port is reachable from the internet through any path")


def _findings(folder: Path) -> dict[tuple[str, str], tuple[Status, str]]:
    result = audit([folder], Settings(rule_ids=RULES))
    assert all(i.status.value == "assessed" for i in result.inputs), result.inputs
    return {(f.rule_id, f.address or ""): (f.status, f.message.en) for f in result.findings}


def test_heat_servers_without_groups_are_in_the_project_default_group() -> None:
    found = _findings(OPENSTACK / "heat")
    assert found[("GDCC-NET-001", "batch")] == PROJECT
    # "default" by name is the same group, and the message says it is named
    assert found[("GDCC-NET-001", "web")] == NAMED
    # a group named but made elsewhere: its rules are not known
    assert found[("GDCC-NET-001", "legacy")] == NOT_KNOWN
    # the floating IP is associated with web's port through get_attr on the server
    assert found[("GDCC-CMP-001", "web")] == (Status.FAIL, "it has a public IP address")
    assert found[("GDCC-CMP-001", "batch")][0] is Status.UNKNOWN
    # legacy's filtering is not known and it may be in the default group: not a PASS
    assert found[("GDCC-GRAPH-002", "web")][0] is Status.UNKNOWN
    assert "internet → legacy → web:22" in found[("GDCC-GRAPH-002", "web")][1]


def test_heat_ports_keep_the_default_group_unless_port_security_is_off() -> None:
    found = _findings(OPENSTACK / "heat_ports")
    assert found[("GDCC-NET-001", "app")] == PROJECT
    # port security off on the port, or on the network the server's own port is made on:
    # no security group filters it, never a PASS; since stop 50 a FAIL naming the port (it
    # was UNKNOWN "inbound rules are not known"; tests/heat/test_heat_port_security_off.py)
    off = "; opened by {}: port security is off, no security group filters it"
    for server, holder in (("router_vm", "raw_port"), ("sensor", "open_net")):
        status, message = found[("GDCC-NET-001", server)]
        assert status is Status.FAIL
        assert message.endswith(off.format(holder))
    # but it is on an internal network of the template and no floating IP names it: no
    # public address, so no path from the internet (was UNKNOWN: its address was not known)
    assert found[("GDCC-GRAPH-002", "sensor")] == NO_PATH


def test_terraform_openstack_instances_use_the_project_default_group() -> None:
    found = _findings(OPENSTACK / "terraform")
    assert found[("GDCC-NET-001", "openstack_compute_instance_v2.worker")] == PROJECT
    assert found[("GDCC-GRAPH-002", "openstack_compute_instance_v2.worker")] == NO_PATH
    assert found[("GDCC-NET-001", "openstack_compute_instance_v2.named")] == NAMED
    off = _findings(OPENSTACK / "terraform_off")
    # port security off on its network: a FAIL naming it since stop 50 (was NOT_KNOWN)
    status, message = off[("GDCC-NET-001", "openstack_compute_instance_v2.probe")]
    assert status is Status.FAIL
    assert message.endswith(
        "; opened by openstack_networking_network_v2.raw: port security is off, no security "
        "group filters it"
    )
    # no floating IP in the whole root and an internal network: no public address, so no
    # path from the internet whatever filters it (was UNKNOWN: its address was not known)
    assert off[("GDCC-GRAPH-002", "openstack_compute_instance_v2.probe")] == NO_PATH


def test_aws_instances_without_groups_are_judged_by_the_default_group() -> None:
    assert _findings(AWS / "documented")[("GDCC-NET-001", "aws_instance.web")] == VPC
    assert _findings(AWS / "cfn")[("GDCC-NET-001", "Web")] == VPC
    declared = _findings(AWS / "net001_declared")
    assert declared[("GDCC-NET-001", "aws_instance.bastion")] == (
        Status.NOT_APPLICABLE,
        "it names no security group; judged on the default group: default",
    )
    assert declared[("GDCC-NET-001", "aws_default_security_group.default")] == (
        Status.FAIL, "port 22 is open to the whole internet (0.0.0.0/0)"
    )
    status, message = _findings(AWS / "net001_partial")[("GDCC-NET-001", "aws_instance.worker")]
    assert status is Status.UNKNOWN
    assert message.startswith(
        "it names no security group, so it is in the default security group of the default "
        "VPC, whose rules are not all known: an aws_default_security_group may be declared in "
        "what was not scanned (module.network (../not-here)"
    )


def test_the_evidence_names_the_group() -> None:
    result = audit([AWS / "documented"], Settings(rule_ids=("GDCC-NET-001",)))
    (finding,) = [f for f in result.findings if f.address == "aws_instance.web"]
    assert finding.evidence == {
        "security_groups": ["the default security group of the default VPC"], "default": True
    }


def test_terraform_openstack_ports_carry_their_groups() -> None:
    found = _findings(OPENSTACK / "terraform_ports")
    judged_on_web = (Status.NOT_APPLICABLE, "judged on its security groups: web")
    # a port's security_group_ids, and groups a port_secgroup_associate adds
    assert found[("GDCC-NET-001", "openstack_compute_instance_v2.web")] == judged_on_web
    assert found[("GDCC-NET-001", "openstack_compute_instance_v2.later")] == judged_on_web
    # the floating IP is associated with web's port: web is public, reached on 22
    assert found[("GDCC-CMP-001", "openstack_compute_instance_v2.web")] == (
        Status.FAIL, "it has a public IP address"
    )
    assert found[("GDCC-GRAPH-002", "openstack_compute_instance_v2.web")] == (
        Status.FAIL, "management port 22 reachable from the internet: internet → web:22"
    )
    # a port that names no group is in the project's default group
    assert found[("GDCC-NET-001", "openstack_compute_instance_v2.plain")] == PROJECT
    # port security off, or a port from an input: never a PASS; port security off is a FAIL
    # since stop 50 (no security group filters it), and web, public, reaches it on 22
    status, message = found[("GDCC-NET-001", "openstack_compute_instance_v2.raw")]
    assert status is Status.FAIL
    assert message.endswith(
        "; opened by openstack_networking_port_v2.raw: port security is off, no security "
        "group filters it"
    )
    assert found[("GDCC-NET-001", "openstack_compute_instance_v2.shared")] == NOT_KNOWN
    assert found[("GDCC-GRAPH-002", "openstack_compute_instance_v2.raw")] == (
        Status.FAIL,
        "management ports 22, 3389, 5985, 5986, 23, 2375, 2376, 6443, 10250 reachable from "
        "the internet: internet → web:22 → raw:22",
    )
    # an interface on an external network is a public address
    assert found[("GDCC-CMP-001", "openstack_compute_instance_v2.edge")] == (
        Status.FAIL, "it has a public IP address"
    )
