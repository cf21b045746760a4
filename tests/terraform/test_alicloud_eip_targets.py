"""Alibaba Cloud EIP associations to other things than an ECS instance, network interfaces
and ECS disks (landing-with-terraform quickstarts: 201-use-case-bind-eip-to-ecs-eni,
101-ecs-network-interface-attachment, 101-ecs-disk, NAT gateway SNAT examples).

- An ``alicloud_eip_association`` naming a network interface attached to an instance
  (``alicloud_ecs_network_interface_attachment``) gives that instance a public address, and
  the interface's security groups filter what reaches it (they were not read: CMP-001 was
  UNKNOWN "EIP associations whose target is not known may name it").
- One naming a NAT gateway (``instance_type = "Nat"``), a balancer or another resource of the
  root names no instance (was UNKNOWN for every instance of the root).
- An internal Classic Load Balancer an EIP is bound to is public (was internal).
- ``alicloud_ecs_disk`` (``alicloud_disk``'s new name) was not judged: ``encrypted`` "Default
  value: false" -> FAIL "provider default" with the account-default caveat.
"""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.settings import Settings

NETWORK = """\
resource "alicloud_vpc" "main" {
  vpc_name   = "main"
  cidr_block = "192.168.0.0/16"
}

resource "alicloud_vswitch" "main" {
  vpc_id     = alicloud_vpc.main.id
  cidr_block = "192.168.0.0/24"
  zone_id    = "cn-beijing-h"
}

resource "alicloud_security_group" "closed" {
  vpc_id = alicloud_vpc.main.id
}

resource "alicloud_security_group" "eni" {
  vpc_id = alicloud_vpc.main.id
}

resource "alicloud_security_group_rule" "ssh" {
  type              = "ingress"
  ip_protocol       = "tcp"
  port_range        = "22/22"
  security_group_id = alicloud_security_group.eni.id
  cidr_ip           = "0.0.0.0/0"
}

resource "alicloud_instance" "app" {
  instance_type   = "ecs.g7.large"
  image_id        = "aliyun_3_x64_20G_alibase_20240528.vhd"
  security_groups = [alicloud_security_group.closed.id]
  vswitch_id      = alicloud_vswitch.main.id
  system_disk_encrypted = true
}

resource "alicloud_instance" "worker" {
  instance_type   = "ecs.g7.large"
  image_id        = "aliyun_3_x64_20G_alibase_20240528.vhd"
  security_groups = [alicloud_security_group.closed.id]
  vswitch_id      = alicloud_vswitch.main.id
  system_disk_encrypted = true
}
"""

ENI = """\
resource "alicloud_ecs_network_interface" "app" {
  network_interface_name = "app"
  vswitch_id             = alicloud_vswitch.main.id
  security_group_ids     = [alicloud_security_group.eni.id]
}

resource "alicloud_ecs_network_interface_attachment" "app" {
  network_interface_id = alicloud_ecs_network_interface.app.id
  instance_id          = alicloud_instance.app.id
}

resource "alicloud_eip_address" "app" {
  address_name = "app"
}

resource "alicloud_eip_association" "app" {
  allocation_id = alicloud_eip_address.app.id
  instance_type = "NetworkInterface"
  instance_id   = alicloud_ecs_network_interface.app.id
}

resource "alicloud_nat_gateway" "nat" {
  vpc_id           = alicloud_vpc.main.id
  nat_gateway_name = "nat"
  nat_type         = "Enhanced"
  vswitch_id       = alicloud_vswitch.main.id
}

resource "alicloud_eip_address" "nat" {
  address_name = "nat"
}

resource "alicloud_eip_association" "nat" {
  allocation_id = alicloud_eip_address.nat.id
  instance_type = "Nat"
  instance_id   = alicloud_nat_gateway.nat.id
}

resource "alicloud_slb_load_balancer" "internal" {
  load_balancer_name = "internal"
  address_type       = "intranet"
  vswitch_id         = alicloud_vswitch.main.id
}

resource "alicloud_eip_address" "slb" {
  address_name = "slb"
}

resource "alicloud_eip_association" "slb" {
  allocation_id = alicloud_eip_address.slb.id
  instance_type = "SlbInstance"
  instance_id   = alicloud_slb_load_balancer.internal.id
}

resource "alicloud_ecs_disk" "plain" {
  zone_id = "cn-beijing-h"
  size    = 40
}

resource "alicloud_ecs_disk" "sealed" {
  zone_id   = "cn-beijing-h"
  size      = 40
  encrypted = true
}
"""

RULES = ("GDCC-CMP-001", "GDCC-GRAPH-002", "GDCC-NET-003", "GDCC-ENC-001")


def _found(root: Path) -> dict[tuple[str, str], tuple[str, str]]:
    (root / "main.tf").write_text(NETWORK + ENI, encoding="utf-8")
    result = audit([root], Settings(rule_ids=RULES))
    for kind in ("alicloud_ecs_disk", "alicloud_ecs_network_interface_attachment"):
        assert kind not in result.not_judged
    return {(f.rule_id, f.address or ""): (f.status.value, f.message.en)
            for f in result.findings}


def test_an_eip_on_an_attached_interface_makes_the_instance_public(tmp_path: Path) -> None:
    found = _found(tmp_path)
    assert found[("GDCC-CMP-001", "alicloud_instance.app")] == (
        "FAIL", "it has a public IP address"
    )
    # SSH is open only in the interface's group: the path goes through it
    status, message = found[("GDCC-GRAPH-002", "alicloud_instance.app")]
    assert status == "FAIL", message
    assert message.endswith("reachable from the internet: internet → app:22")
    # the NAT gateway's and the balancer's EIPs name no instance: worker has none
    status, message = found[("GDCC-CMP-001", "alicloud_instance.worker")]
    assert status == "PASS"
    assert "no EIP association of the scanned configuration names it" in message


def test_an_eip_on_an_internal_balancer_makes_it_public(tmp_path: Path) -> None:
    # internal before (NOT_APPLICABLE): its WAF is not in the input
    assert _found(tmp_path)[("GDCC-NET-003", "alicloud_slb_load_balancer.internal")] == (
        "UNKNOWN", "a public entry point, and whether it has a WAF is not known from the input"
    )


def test_ecs_disks_are_judged_with_the_default(tmp_path: Path) -> None:
    found = _found(tmp_path)
    assert found[("GDCC-ENC-001", "alicloud_ecs_disk.plain")] == (
        "FAIL",
        "encryption at rest is off (provider default: 'encrypted' not set; the disk is still "
        "encrypted if the account's default disk encryption is on in the region "
        "(alicloud_ecs_disk_encryption_by_default), which is not in the input)",
    )
    assert found[("GDCC-ENC-001", "alicloud_ecs_disk.sealed")][0] == "PASS"
