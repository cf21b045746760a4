"""An Octavia balancer with no floating IP whose VIP is on a network of the scan that is not
external has no public address (diodonfrost/terraform-openstack-examples'
``04-instance-with-loadbalancer``: six servers behind such balancers were UNKNOWN on
GDCC-GRAPH-002, "internet → db:3306 → db-instance-2:3306 → db-instance-1:22", the balancers'
exposure "not known"). A floating IP on its VIP port, or a VIP on an external network, makes
it public; a VIP network outside the scan, or a floating IP whose port is not known, leaves
it not known."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings
from iac_helpers import run

FIXTURES = Path(__file__).parent.parent / "fixtures" / "graph" / "octavia_private"
RULES = ("GDCC-GRAPH-002", "GDCC-GRAPH-013")
#: format -> (file, the balancer's address, the replica's address)
CASES = {
    "heat": ("stack.yaml", "lb", "replica"),
    "terraform": ("main.tf", "openstack_lb_loadbalancer_v2.db",
                  "openstack_compute_instance_v2.replica"),
}
#: a floating IP on the VIP port, per format
FLOATING = {
    "heat": "  lb_ip:\n    type: OS::Neutron::FloatingIP\n    properties:\n"
            "      floating_network: {get_param: public_net}\n"
            "      port_id: {get_attr: [lb, vip_port_id]}\n",
    "terraform": 'resource "openstack_networking_floatingip_v2" "lb" {\n  pool    = "public"\n'
                 "  port_id = openstack_lb_loadbalancer_v2.db.vip_port_id\n}\n",
}


def _findings(folder: Path) -> dict[tuple[str, str], tuple[Status, str]]:
    result = audit([folder], Settings(rule_ids=RULES))
    return {(f.rule_id, str(f.address)): (f.status, f.message.en) for f in result.findings}


def _copy(fmt: str, tmp_path: Path) -> Path:
    shutil.copytree(FIXTURES / fmt, tmp_path / fmt)
    return tmp_path / fmt / CASES[fmt][0]


@pytest.mark.parametrize("fmt", sorted(CASES))
def test_a_balancer_on_the_tenant_network_without_a_floating_ip_is_private(fmt: str) -> None:
    _, balancer, replica = CASES[fmt]
    resources, errors, _ = run(FIXTURES / fmt)
    assert errors == []
    assert resources[balancer].facets.public_endpoint is False
    why = resources[balancer].decided_by["public_endpoint"].en
    if fmt == "heat":
        assert why == ("no floating IP of the template is associated with its VIP port and its "
                       "VIP is on an internal network of the template (db_net)")
    else:
        assert why.startswith("no floating IP association of the scanned configuration names it")
    found = _findings(FIXTURES / fmt)
    # was UNKNOWN "… if what is not known allows it: internet → db:3306 → db:3306 → replica:22"
    assert found[("GDCC-GRAPH-002", replica)] == (
        Status.PASS, "No management port is reachable from the internet through any path"
    )
    # was UNKNOWN "whether it is reachable from the internet is not known"
    assert found[("GDCC-GRAPH-013", balancer)][0] is Status.PASS


@pytest.mark.parametrize("fmt", sorted(CASES))
def test_a_floating_ip_on_the_vip_port_makes_it_public(fmt: str, tmp_path: Path) -> None:
    _, balancer, replica = CASES[fmt]
    path = _copy(fmt, tmp_path)
    path.write_text(path.read_text(encoding="utf-8") + FLOATING[fmt], encoding="utf-8")
    found = _findings(path.parent)
    status, message = found[("GDCC-GRAPH-002", replica)]
    first = "lb" if fmt == "heat" else "db"
    assert status is Status.FAIL
    assert message.endswith(f"internet → {first}:3306 → db:3306 → replica:22"), message
    assert found[("GDCC-GRAPH-013", balancer)][0] is not Status.PASS


@pytest.mark.parametrize("fmt", sorted(CASES))
def test_a_vip_subnet_outside_the_scan_is_not_known(fmt: str, tmp_path: Path) -> None:
    _, balancer, replica = CASES[fmt]
    path = _copy(fmt, tmp_path)
    text = path.read_text(encoding="utf-8")
    if fmt == "heat":
        old, new = "vip_subnet: {get_resource: db_subnet}", "vip_subnet: {get_param: subnet}"
        text = text.replace("parameters:\n", "parameters:\n  subnet: {type: string}\n", 1)
    else:
        old = "vip_subnet_id = openstack_networking_subnet_v2.db.id"
        new = "vip_subnet_id = var.subnet"
        text += 'variable "subnet" {\n  type = string\n}\n'
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    resources, _, _ = run(path.parent)
    assert resources[balancer].facets.public_endpoint is None
    if fmt == "terraform":
        assert resources[balancer].unknown["public_endpoint"].en.startswith(
            "the network of its VIP (vip_subnet_id / vip_network_id / vip_port_id) is not in "
            "the scan"
        )
    else:
        # (since stop 46; it was the generic "public exposure not known")
        why = resources[balancer].unknown["public_endpoint"]
        assert why.en == (
            "the network of its VIP (vip_subnet) is not in the template (or not known to be "
            "internal): a VIP on an external network has a public address"
        )
        assert why.th.startswith("เครือข่ายของ VIP (vip_subnet) ไม่อยู่ในเทมเพลต")
    status, message = _findings(path.parent)[("GDCC-GRAPH-002", replica)]
    assert status is Status.UNKNOWN
    assert message.endswith("→ db:3306 → replica:22"), message


def test_a_vip_on_an_external_network_of_the_scan_is_public(tmp_path: Path) -> None:
    path = _copy("terraform", tmp_path)
    text = path.read_text(encoding="utf-8")
    old = 'resource "openstack_networking_network_v2" "db" {\n  name = "db"\n'
    assert old in text
    path.write_text(text.replace(old, old + "  external = true\n"), encoding="utf-8")
    resources, _, _ = run(path.parent)
    assert resources["openstack_lb_loadbalancer_v2.db"].facets.public_endpoint is True


def test_a_floating_ip_on_a_port_not_known_leaves_it_not_known(tmp_path: Path) -> None:
    path = _copy("terraform", tmp_path)
    path.write_text(
        path.read_text(encoding="utf-8")
        + 'variable "port" {\n  type = string\n}\n\n'
        'resource "openstack_networking_floatingip_v2" "any" {\n  pool    = "public"\n'
        "  port_id = var.port\n}\n",
        encoding="utf-8",
    )
    resources, _, _ = run(path.parent)
    balancer = resources["openstack_lb_loadbalancer_v2.db"]
    assert balancer.facets.public_endpoint is None
    assert balancer.unknown["public_endpoint"].en == (
        "floating IP associations whose target is not known may name it: "
        "openstack_networking_floatingip_v2.any"
    )
    assert "การผูก floating IP" in balancer.unknown["public_endpoint"].th


def test_a_floating_ip_on_a_server_port_leaves_the_balancer_private(tmp_path: Path) -> None:
    path = _copy("terraform", tmp_path)
    path.write_text(
        path.read_text(encoding="utf-8")
        + 'resource "openstack_networking_floatingip_v2" "db" {\n  pool    = "public"\n'
        "  port_id = openstack_compute_instance_v2.db.network.0.port\n}\n",
        encoding="utf-8",
    )
    resources, _, _ = run(path.parent)
    assert resources["openstack_lb_loadbalancer_v2.db"].facets.public_endpoint is False
