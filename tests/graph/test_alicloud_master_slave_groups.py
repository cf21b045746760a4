"""An Alibaba Cloud Classic Load Balancer listener forwarding to a primary/secondary server
group (``master_slave_server_group_id`` naming an ``alicloud_slb_master_slave_server_group``)
reaches the group's ``servers`` on their ``port``, as a vServer group's: the group type was not
read, so its instances, SSH open to ``0.0.0.0/0`` behind an internet SLB listener forwarding to
port 22, PASSed GDCC-GRAPH-002 "No management port is reachable from the internet through any
path" (a wrong PASS)."""

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
resource "alicloud_instance" "web" {
  count                      = 2
  image_id                   = "ubuntu_22_04_x64_20G_alibase_20240130.vhd"
  instance_type              = "ecs.g7.large"
  security_groups            = [alicloud_security_group.web.id]
  vswitch_id                 = alicloud_vswitch.app.id
}
resource "alicloud_slb_load_balancer" "lb" {
  load_balancer_name = "web"
  address_type       = "internet"
  load_balancer_spec = "slb.s2.small"
}
resource "alicloud_slb_master_slave_server_group" "pair" {
  load_balancer_id = alicloud_slb_load_balancer.lb.id
  name             = "pair"
  servers {
    server_id   = alicloud_instance.web[0].id
    port        = PORT
    weight      = 100
    server_type = "Master"
  }
  servers {
    server_id   = alicloud_instance.web[1].id
    port        = PORT
    weight      = 100
    server_type = "Slave"
  }
}
resource "alicloud_slb_listener" "ssh" {
  load_balancer_id             = alicloud_slb_load_balancer.lb.id
  protocol                     = "tcp"
  frontend_port                = 2222
  backend_port                 = 22
  bandwidth                    = 10
  master_slave_server_group_id = alicloud_slb_master_slave_server_group.pair.id
}
"""


def _graph_002(tmp_path: Path, port: str) -> dict[str, tuple[Status, str]]:
    (tmp_path / "main.tf").write_text(TEXT.replace("PORT", port), encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-002",)))
    return {f.address: (f.status, f.message.en) for f in result.findings}


def test_a_master_slave_group_forwarding_ssh_fails(tmp_path: Path) -> None:
    found = _graph_002(tmp_path, "22")
    for name in ("web[0]", "web[1]"):
        status, message = found[f"alicloud_instance.{name}"]
        assert status is Status.FAIL
        assert message.endswith(f"reachable from the internet: internet → lb:2222 → {name}:22")


def test_a_master_slave_group_on_another_port_passes(tmp_path: Path) -> None:
    found = _graph_002(tmp_path, "8080")
    assert found["alicloud_instance.web[0]"] == (
        Status.PASS, "No management port is reachable from the internet through any path"
    )
