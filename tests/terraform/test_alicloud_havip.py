"""An Alibaba Cloud EIP associated with a HaVip (``alicloud_eip_association`` ``instance_id`` =
the HaVip, ``instance_type = "HaVip"``) is answered by the ECS instance holding the HaVip, one
of those an ``alicloud_havip_attachment`` binds it to (either, after a failover: VPC user
guide, "HaVip overview"). The association was read as binding the HaVip alone: the instances,
SSH open to ``0.0.0.0/0``, PASSed GDCC-CMP-001 "Instances have no public IP address" and
GDCC-GRAPH-002 (a wrong PASS)."""

from __future__ import annotations

from pathlib import Path

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
resource "alicloud_instance" "node" {
  count           = 2
  image_id        = "ubuntu_22_04_x64_20G_alibase_20240130.vhd"
  instance_type   = "ecs.g7.large"
  security_groups = [alicloud_security_group.web.id]
  vswitch_id      = alicloud_vswitch.app.id
}
resource "alicloud_havip" "vip" {
  vswitch_id = alicloud_vswitch.app.id
}
resource "alicloud_havip_attachment" "node" {
  count      = 2
  ha_vip_id  = alicloud_havip.vip.id
  instance_id = HOLDER
}
resource "alicloud_eip_address" "vip" {
  bandwidth = 10
}
resource "alicloud_eip_association" "vip" {
  allocation_id = alicloud_eip_address.vip.id
  instance_id   = alicloud_havip.vip.id
  instance_type = "HaVip"
}
"""

RULES = ("GDCC-CMP-001", "GDCC-GRAPH-002")


def _found(tmp_path: Path, holder: str) -> dict[tuple[str, str], tuple[Status, str]]:
    (tmp_path / "main.tf").write_text(TEXT.replace("HOLDER", holder), encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=RULES))
    return {(f.address, f.rule_id): (f.status, f.message.en) for f in result.findings}


def test_the_instances_a_havip_with_an_eip_is_bound_to_are_public(tmp_path: Path) -> None:
    found = _found(tmp_path, "alicloud_instance.node[count.index].id")
    for index in (0, 1):
        address = f"alicloud_instance.node[{index}]"
        assert found[(address, "GDCC-CMP-001")] == (
            Status.FAIL,
            "it has a public IP address (alicloud_eip_association.vip binds an EIP to HaVip "
            f"alicloud_havip.vip, which alicloud_havip_attachment.node[{index}] binds to it "
            "(https://www.alibabacloud.com/help/en/vpc/user-guide/havip-overview))",
        )
        status, message = found[(address, "GDCC-GRAPH-002")]
        assert status is Status.FAIL
        assert message.endswith(f"reachable from the internet: internet → node[{index}]:22")


def test_a_havip_bound_to_an_instance_not_known_leaves_it_unknown(tmp_path: Path) -> None:
    found = _found(tmp_path, '"i-bp1example"')
    assert found[("alicloud_instance.node[0]", "GDCC-CMP-001")][0] is Status.UNKNOWN
