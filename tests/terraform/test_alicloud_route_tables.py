"""Alibaba Cloud route tables (``alicloud_route_table``, ``alicloud_route_entry``,
``alicloud_route_table_attachment``) in a VPC whose IPv4 gateway is active: "Instances in a
VPC can access the Internet only when an IPv4 gateway in the VPC is activated and routes that
point to the IPv4 gateway are added to a route table of the VPC" (Alibaba Cloud VPC, Create
and manage an IPv4 gateway). The graph did not read them: every ECS instance with a public IP
of such a VPC was GDCC-GRAPH-002 UNKNOWN "route tables are not read". Now the route table of
the instance's vSwitch decides (its attached table, else the VPC's system table with the route
entries naming ``alicloud_vpc.route_table_id``), as AWS's do. Without an active gateway a
public IP reaches the internet whatever the tables say: they decide nothing (never a PASS)."""

from __future__ import annotations

from pathlib import Path

import pytest

from gdcc_audit.api import audit
from gdcc_audit.settings import Settings

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "alicloud_ecs" / "main.tf"

ACTIVE = """
resource "alicloud_vpc_ipv4_gateway" "gw" {
  ipv4_gateway_name = "gw"
  vpc_id            = alicloud_vpc.main.id
  enabled           = %s
}
"""


def _table(hop: str, next_hop: str) -> str:
    return f"""
resource "alicloud_route_table" "public" {{
  vpc_id           = alicloud_vpc.main.id
  route_table_name = "public"
  associate_type   = "VSwitch"
}}

resource "alicloud_route_entry" "default" {{
  route_table_id        = alicloud_route_table.public.id
  destination_cidrblock = "0.0.0.0/0"
  nexthop_type          = "{hop}"
  nexthop_id            = {next_hop}
}}

resource "alicloud_route_table_attachment" "main" {{
  vswitch_id     = alicloud_vswitch.main.id
  route_table_id = alicloud_route_table.public.id
}}
"""


SYSTEM_TABLE = """
resource "alicloud_route_entry" "vpn" {
  route_table_id        = alicloud_vpc.main.route_table_id
  destination_cidrblock = "10.0.0.0/8"
  nexthop_type          = "VpnGateway"
  nexthop_id            = "vpn-bp1example"
}

resource "alicloud_route_entry" "internet" {
  route_table_id        = alicloud_vpc.main.route_table_id
  destination_cidrblock = "0.0.0.0/0"
  nexthop_type          = "Ipv4Gateway"
  nexthop_id            = alicloud_vpc_ipv4_gateway.gw.id
}
"""


def _web(tmp_path: Path, extra: str) -> tuple[str, str, str]:
    (tmp_path / "main.tf").write_text(FIXTURE.read_text(encoding="utf-8") + extra,
                                      encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-002", "GDCC-CMP-001")))
    for kind in ("alicloud_route_table", "alicloud_route_entry",
                 "alicloud_route_table_attachment"):
        assert kind not in result.not_judged
    found = {f.rule_id: f for f in result.findings if f.address == "alicloud_instance.web"}
    assert found["GDCC-CMP-001"].status.value == "FAIL"  # its public IP is there either way
    graph = found["GDCC-GRAPH-002"]
    hops = graph.evidence.get("path_hops") or [{}]
    return graph.status.value, graph.message.en, str(hops[-1].get("via"))


def test_no_route_to_the_active_gateway_reaches_nothing(tmp_path: Path) -> None:
    # the whole root scanned: the vSwitch uses the VPC's system route table, and no route
    # entry of the scan adds a route to the gateway (the provider's activation adds none)
    status, message, _ = _web(tmp_path, ACTIVE % "true")
    assert status == "PASS"
    assert message == "No management port is reachable from the internet through any path"


def test_a_route_to_a_nat_gateway_only_reaches_nothing(tmp_path: Path) -> None:
    status, _, _ = _web(tmp_path, ACTIVE % "true" + _table("NatGateway", '"ngw-bp1example"'))
    assert status == "PASS"


@pytest.mark.parametrize(
    "routes",
    [_table("Ipv4Gateway", "alicloud_vpc_ipv4_gateway.gw.id"), SYSTEM_TABLE],
    ids=["attached table", "system table"],
)
def test_a_default_route_to_the_active_gateway_reaches_the_instance(
    tmp_path: Path, routes: str
) -> None:
    status, message, via = _web(tmp_path, ACTIVE % "true" + routes)
    assert status == "FAIL"
    assert message.endswith("reachable from the internet: internet → web:22")
    assert via == "public endpoint"


def test_a_next_hop_not_known_is_not_a_pass(tmp_path: Path) -> None:
    status, _, via = _web(tmp_path, ACTIVE % "true" + _table("${var.hop}", '"x"')
                          + 'variable "hop" {}\n')
    assert status == "UNKNOWN"
    assert via == "public endpoint; routes of public only partly known"


def test_without_an_active_gateway_route_tables_decide_nothing(tmp_path: Path) -> None:
    # no IPv4 gateway: a public IP reaches the internet whatever the route tables say
    status, _, via = _web(tmp_path, _table("NatGateway", '"ngw-bp1example"'))
    assert status == "FAIL"
    assert via == "public endpoint"
    # a gateway whose activation is not known: the tables are not read, never a PASS
    status, _, via = _web(tmp_path, ACTIVE % "var.on" + 'variable "on" {}\n'
                          + _table("NatGateway", '"ngw-bp1example"'))
    assert status == "UNKNOWN"
    assert "(alicloud_vpc_ipv4_gateway.gw (enabled not known))" in via


#: An EIP bound to a network interface of ``db`` (no public IP of its own) in another
#: vSwitch, whose table routes to the gateway: the interface's vSwitch carries the address.
ENI = """
resource "alicloud_vswitch" "dmz" {
  vpc_id     = alicloud_vpc.main.id
  cidr_block = "172.16.9.0/24"
  zone_id    = "cn-hangzhou-i"
}

resource "alicloud_route_table" "dmz" {
  vpc_id           = alicloud_vpc.main.id
  route_table_name = "dmz"
  associate_type   = "VSwitch"
}

resource "alicloud_route_entry" "dmz" {
  route_table_id        = alicloud_route_table.dmz.id
  destination_cidrblock = "0.0.0.0/0"
  nexthop_type          = "Ipv4Gateway"
  nexthop_id            = alicloud_vpc_ipv4_gateway.gw.id
}

resource "alicloud_route_table_attachment" "dmz" {
  vswitch_id     = alicloud_vswitch.dmz.id
  route_table_id = alicloud_route_table.dmz.id
}

resource "alicloud_ecs_network_interface" "db" {
  vswitch_id         = alicloud_vswitch.dmz.id
  security_group_ids = [alicloud_security_group.web.id]
}

resource "alicloud_ecs_network_interface_attachment" "db" {
  network_interface_id = alicloud_ecs_network_interface.db.id
  instance_id          = alicloud_instance.db.id
}

resource "alicloud_eip_address" "db" {
  address_name = "db"
}

resource "alicloud_eip_association" "db" {
  allocation_id = alicloud_eip_address.db.id
  instance_id   = alicloud_ecs_network_interface.db.id
  instance_type = "NetworkInterface"
}
"""


def test_an_eip_on_an_interface_is_routed_by_the_interface_s_vswitch(tmp_path: Path) -> None:
    # db's own vSwitch uses the system table (no route to the gateway): it PASSed
    (tmp_path / "main.tf").write_text(FIXTURE.read_text(encoding="utf-8") + ACTIVE % "true"
                                      + ENI, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-002", "GDCC-CMP-001")))
    found = {f.rule_id: f for f in result.findings if f.address == "alicloud_instance.db"}
    assert found["GDCC-CMP-001"].status.value == "FAIL"
    assert found["GDCC-GRAPH-002"].status.value == "FAIL"
    assert found["GDCC-GRAPH-002"].message.en.endswith(
        "reachable from the internet: internet → db:22"
    )


SCALING = """
resource "alicloud_ess_scaling_group" "app" {
  min_size           = 1
  max_size           = 2
  scaling_group_name = "app"
  vswitch_ids        = [alicloud_vswitch.main.id]
}

resource "alicloud_ess_scaling_configuration" "app" {
  scaling_group_id           = alicloud_ess_scaling_group.app.id
  image_id                   = "ubuntu_22_04_x64_20G_alibase_20240130.vhd"
  instance_type              = "ecs.g7.large"
  security_group_id          = alicloud_security_group.web.id
  internet_max_bandwidth_out = 10
}
"""


@pytest.mark.parametrize(("routes", "status"), [("", "PASS"), (SYSTEM_TABLE, "FAIL")],
                         ids=["no route", "system table"])
def test_a_scaling_configuration_s_instances_are_routed_by_their_vswitches(
    tmp_path: Path, routes: str, status: str
) -> None:
    (tmp_path / "main.tf").write_text(FIXTURE.read_text(encoding="utf-8") + ACTIVE % "true"
                                      + SCALING + routes, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-002",)))
    found = {f.address: f for f in result.findings}
    assert found["alicloud_ess_scaling_configuration.app"].status.value == status
