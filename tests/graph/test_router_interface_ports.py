"""An OpenStack router interface that names a port (``port_id``; Heat ``port``) joins the
port's network when the port is a resource of the scan. The port was not resolved: the
interface made its island "open" (joined to networks not known), so a server of another root
was UNKNOWN where its network is apart (a wrong "not known"), and networks one router joins
through a port were reached only uncertainly."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Finding, Status
from gdcc_audit.settings import Settings

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "graph" / "connected_networks"

#: The db network's interface on a port of its own (Terraform).
DB_PORT = """
resource "openstack_networking_port_v2" "db_gateway" {
  network_id = openstack_networking_network_v2.db.id
  fixed_ip {
    subnet_id  = openstack_networking_subnet_v2.db.id
    ip_address = "192.168.20.1"
  }
}
"""
SUBNET_IF = "  subnet_id = openstack_networking_subnet_v2.db.id\n}"
PORT_IF = "  port_id   = openstack_networking_port_v2.db_gateway.id\n}"


def _finding(folders: list[Path], address: str) -> Finding:
    result = audit(folders, Settings(rule_ids=["GDCC-GRAPH-002"]))
    return next(f for f in result.findings if f.address == address)


def test_a_router_interface_on_a_port_joins_the_ports_network(tmp_path: Path) -> None:
    text = (FIXTURES / "routed" / "main.tf").read_text(encoding="utf-8")
    assert text.endswith(SUBNET_IF + "\n")
    (tmp_path / "main.tf").write_text(text.replace(SUBNET_IF, PORT_IF) + DB_PORT, "utf-8")
    found = _finding([tmp_path], "openstack_compute_instance_v2.db")
    # UNKNOWN on the old code ("web-net may be joined to other networks")
    assert found.status is Status.FAIL
    assert found.message.en == (
        "management port 22 reachable from the internet: internet → web:22 → db:22"
    )


def test_a_port_interface_of_another_root_keeps_its_network_apart(tmp_path: Path) -> None:
    (tmp_path / "web").mkdir()
    (tmp_path / "db").mkdir()
    web = (FIXTURES / "web" / "main.tf").read_text(encoding="utf-8")
    (tmp_path / "web" / "main.tf").write_text(web, "utf-8")
    db = (FIXTURES / "db" / "main.tf").read_text(encoding="utf-8")
    router = (
        'resource "openstack_networking_router_v2" "db" {\n  name = "db-router"\n}\n\n'
        'resource "openstack_networking_router_interface_v2" "db" {\n'
        "  router_id = openstack_networking_router_v2.db.id\n" + PORT_IF + "\n"
    )
    (tmp_path / "db" / "main.tf").write_text(db + DB_PORT + router, "utf-8")
    found = _finding([tmp_path / "web", tmp_path / "db"], "openstack_compute_instance_v2.db")
    # UNKNOWN on the old code: the port was "a network outside the scan"
    assert found.status is Status.PASS
    assert found.message.en == "No management port is reachable from the internet through any path"


def test_a_port_not_in_the_scan_still_opens_the_island(tmp_path: Path) -> None:
    text = (FIXTURES / "routed" / "main.tf").read_text(encoding="utf-8")
    (tmp_path / "main.tf").write_text(
        text.replace(SUBNET_IF, "  port_id   = var.db_port\n}")
        + 'variable "db_port" {\n  type = string\n}\n', "utf-8"
    )
    found = _finding([tmp_path], "openstack_compute_instance_v2.db")
    assert found.status is Status.UNKNOWN
    assert found.message.en.endswith("internet → web:22 → db:22")


def test_a_heat_router_interface_on_a_port_joins_the_ports_network(tmp_path: Path) -> None:
    text = (FIXTURES / "heat_routed" / "stack.yaml").read_text(encoding="utf-8")
    old = "properties: {router: {get_resource: router}, subnet: {get_resource: sub_b}}"
    assert old in text
    new = old.replace("subnet: {get_resource: sub_b}", "port: {get_resource: gw_b}")
    text = text.replace(old, new)
    text += (
        "  gw_b:\n    type: OS::Neutron::Port\n    properties:\n"
        "      network: {get_resource: net_b}\n      fixed_ips: [{subnet: {get_resource: sub_b}}]\n"
    )
    (tmp_path / "stack.yaml").write_text(text, "utf-8")
    found = _finding([tmp_path], "app")
    # UNKNOWN on the old code
    assert found.status is Status.FAIL
    assert found.message.en == (
        "management port 22 reachable from the internet: internet → web:22 → app:22"
    )
