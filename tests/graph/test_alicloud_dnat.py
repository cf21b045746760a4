"""An Alibaba Cloud ECS instance with no public IP behind a NAT gateway DNAT entry
(``alicloud_forward_entry``: the gateway's EIP forwarded to the instance's private address)
is reached from the internet on the forwarded ports its security groups admit: the entry was
not read, and SSH open to ``0.0.0.0/0`` PASSed GDCC-GRAPH-002 "No management port is
reachable from the internet through any path" (the provider's ``build-lnmp`` example forwards
every port of an EIP to its web server). A VPC NAT gateway's address is not an internet one."""

from __future__ import annotations

from pathlib import Path

import pytest

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

TEXT = """\
resource "alicloud_vpc" "main" {
  vpc_name   = "main"
  cidr_block = "172.16.0.0/12"
}

resource "alicloud_vswitch" "app" {
  vpc_id     = alicloud_vpc.main.id
  cidr_block = "172.16.0.0/21"
  zone_id    = "cn-hangzhou-b"
}

resource "alicloud_security_group" "web" {
  vpc_id = alicloud_vpc.main.id
}

resource "alicloud_security_group_rule" "ssh" {
  type              = "ingress"
  ip_protocol       = "tcp"
  port_range        = "22/22"
  cidr_ip           = "0.0.0.0/0"
  security_group_id = alicloud_security_group.web.id
}

resource "alicloud_instance" "web" {
  image_id                   = "ubuntu_22_04_x64_20G_alibase_20240130.vhd"
  instance_type              = "ecs.g7.large"
  security_groups            = [alicloud_security_group.web.id]
  vswitch_id                 = alicloud_vswitch.app.id
  internet_max_bandwidth_out = 0
}

resource "alicloud_nat_gateway" "nat" {
  vpc_id       = alicloud_vpc.main.id
  vswitch_id   = alicloud_vswitch.app.id
  nat_type     = "Enhanced"
  NETWORK_TYPE
}

resource "alicloud_eip_address" "nat" {
  bandwidth = 10
}

resource "alicloud_eip_association" "nat" {
  allocation_id = alicloud_eip_address.nat.id
  instance_id   = alicloud_nat_gateway.nat.id
}

resource "alicloud_forward_entry" "ssh" {
  forward_table_id = alicloud_nat_gateway.nat.forward_table_ids
  external_ip      = EXTERNAL
  external_port    = "2222"
  ip_protocol      = "tcp"
  internal_ip      = alicloud_instance.web.private_ip
  internal_port    = "INTERNAL"
}
"""

EIP = "alicloud_eip_address.nat.ip_address"
PASS = (Status.PASS, "No management port is reachable from the internet through any path")
FAIL = (Status.FAIL, "management port 22 reachable from the internet: internet → web:22")


def _graph_002(tmp_path: Path, internal: str, external: str = EIP,
               network_type: str = "") -> tuple[Status, str]:
    text = (TEXT.replace("INTERNAL", internal).replace("EXTERNAL", external)
            .replace("NETWORK_TYPE", network_type))
    (tmp_path / "main.tf").write_text(text, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-002",)))
    (finding,) = [f for f in result.findings if f.address == "alicloud_instance.web"]
    return finding.status, finding.message.en


@pytest.mark.parametrize("internal", ["22", "20/25"])
def test_an_eip_forwarded_to_ssh_fails(tmp_path: Path, internal: str) -> None:
    """Was PASS: the instance has no public IP of its own."""
    assert _graph_002(tmp_path, internal) == FAIL


def test_an_eip_forwarded_to_another_port_passes(tmp_path: Path) -> None:
    assert _graph_002(tmp_path, "8080") == PASS


def test_a_vpc_nat_gateway_address_is_not_the_internet(tmp_path: Path) -> None:
    """``network_type = "intranet"``: a VPC NAT gateway, reached from other networks only."""
    found = _graph_002(tmp_path, "22", external='"10.1.0.5"',
                       network_type='network_type = "intranet"')
    assert found == PASS


def test_a_literal_external_address_is_not_known_to_be_public(tmp_path: Path) -> None:
    status, message = _graph_002(tmp_path, "22", external='"47.96.1.2"')
    assert status is Status.UNKNOWN
    assert message == ("management port 22 reachable from the internet if what is not known "
                       "allows it: internet → web:22")
