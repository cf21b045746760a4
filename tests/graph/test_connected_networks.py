"""A rule open to 0.0.0.0/0 admits the internal addresses that can route to the resource: its
own network's, and those of networks a router, peering or transit hub joins to it. The
tenant's one "any internal address" node made every workload of the scan a source, so two
Terraform roots scanned together, each with its own network, reached each other:
diodonfrost/terraform-openstack-examples' private database servers FAILed GDCC-GRAPH-002
through another root's public server, and NeCTAR heat-templates' independent examples reached
each other. Fixtures of our own with those shapes (``fixtures/graph/connected_networks``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Finding, Status
from gdcc_audit.models.reason_words import reason_th
from gdcc_audit.settings import Settings
from iac_helpers import audit_keeping_graph, id_of

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "graph" / "connected_networks"


def _finding(folders: list[str], address: str) -> Finding:
    result = audit([FIXTURES / f for f in folders], Settings(rule_ids=["GDCC-GRAPH-002"]))
    return next(f for f in result.findings if f.address == address)


def test_a_private_server_of_another_root_is_not_reached_through_any_address() -> None:
    found = _finding(["web", "db"], "openstack_compute_instance_v2.db")
    assert found.status is Status.PASS
    assert found.message.en == "No management port is reachable from the internet through any path"


def test_the_public_server_itself_still_fails() -> None:
    found = _finding(["web", "db"], "openstack_compute_instance_v2.web")
    assert found.status is Status.FAIL
    assert found.message.en.endswith(": internet → web:22")


def test_networks_a_router_joins_still_reach_each_other() -> None:
    found = _finding(["routed"], "openstack_compute_instance_v2.db")
    assert found.status is Status.FAIL
    assert found.message.en == (
        "management port 22 reachable from the internet: internet → web:22 → db:22"
    )


def test_a_peered_vpc_still_fails() -> None:
    found = _finding(["peered"], "aws_instance.app")
    assert found.status is Status.FAIL
    assert found.message.en == (
        "management port 22 reachable from the internet: internet → web:22 → app:22"
    )


def test_vpcs_nothing_joins_do_not_reach_each_other(tmp_path: Path) -> None:
    text = (FIXTURES / "peered" / "main.tf").read_text(encoding="utf-8")
    start = text.index('resource "aws_vpc_peering_connection"')
    end = text.index("}\n", start) + 2
    (tmp_path / "main.tf").write_text(text[:start] + text[end:], encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=["GDCC-GRAPH-002"]))
    found = next(f for f in result.findings if f.address == "aws_instance.app")
    assert found.status is Status.PASS


def test_a_server_whose_network_is_not_known_is_unknown() -> None:
    found = _finding(["peered", "unplaced"], "aws_instance.worker")
    assert found.status is Status.UNKNOWN
    assert found.message.en == (
        "management port 22 reachable from the internet if what is not known allows it: "
        "internet → web:22 → worker:22"
    )
    last = found.evidence["path_hops"][-1]
    assert last["certain"] is False
    assert last["via"].startswith("the network of what it reaches is not known")


def test_the_new_reasons_read_in_thai() -> None:
    assert reason_th("the network of what it reaches is not known") == (
        "ไม่ทราบเครือข่ายของปลายทาง"
    )
    assert reason_th(
        "the sender's network is not known: it may be in aws_vpc.a or a network joined to it"
    ) == "ไม่ทราบเครือข่ายของต้นทาง อาจอยู่ใน aws_vpc.a หรือเครือข่ายที่เชื่อมกับ aws_vpc.a"
    assert reason_th(
        "aws_vpc.a may be joined to other networks (a router interface, peering, transit "
        "attachment, transit gateway route table or route names a network or hub not in the "
        "scan)"
    ).startswith("aws_vpc.a อาจเชื่อมกับเครือข่ายอื่น")


def test_heat_networks_one_router_joins_reach_each_other() -> None:
    found = _finding(["heat_routed"], "app")
    assert found.status is Status.FAIL
    assert found.message.en == (
        "management port 22 reachable from the internet: internet → web:22 → app:22"
    )


def test_a_heat_network_no_router_joins_is_apart() -> None:
    found = _finding(["heat_apart"], "app")
    assert found.status is Status.PASS


def _roots(tmp_path: Path, public: bool) -> Path:
    for folder in ("web", "db"):
        (tmp_path / folder).mkdir()
        text = (FIXTURES / folder / "main.tf").read_text(encoding="utf-8")
        if public and folder == "db":
            text += PUBLIC_DB
        (tmp_path / folder / "main.tf").write_text(text, encoding="utf-8")
    return tmp_path


#: db with a router to the external network and a floating IP: a public server.
PUBLIC_DB = """
resource "openstack_networking_router_v2" "db" {
  external_network_id = "ext-net-id"
}

resource "openstack_networking_router_interface_v2" "db" {
  router_id = openstack_networking_router_v2.db.id
  subnet_id = openstack_networking_subnet_v2.db.id
}

resource "openstack_networking_floatingip_v2" "db" {
  pool = "public"
}

resource "openstack_networking_floatingip_associate_v2" "db" {
  floating_ip = openstack_networking_floatingip_v2.db.address
  port_id     = openstack_networking_port_v2.db.id
}
"""


@pytest.mark.parametrize("public", [True, False])
def test_what_the_internet_reaches_every_network_reaches(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, public: bool
) -> None:
    # a public server of another root is reached over the internet, from any network (a
    # lateral path stays one: terragoat's GKE nodes to a Cloud SQL instance whose authorized
    # networks hold 0.0.0.0/0, GDCC-GRAPH-005); a private one is not
    _, graph = audit_keeping_graph(
        _roots(tmp_path, public), monkeypatch, Settings(rule_ids=("GDCC-GRAPH-002",))
    )
    web = id_of(graph, "openstack_compute_instance_v2.web")
    db = id_of(graph, "openstack_compute_instance_v2.db")
    assert graph.reachable(web, db, 22) is public
