"""Alibaba Cloud Auto Scaling configurations (``alicloud_ess_scaling_configuration``) were read
by no rule: the ECS instances a scaling group launches with a public IP address
(``internet_max_bandwidth_out`` above 0), SSH open to everyone, unencrypted disks and a
password had no verdict (terraform-alicloud-autoscaling). A configuration is now read as the
instances it launches (as an ECS instance, an AWS launch template or a Huawei Cloud Auto
Scaling configuration): public only with bandwidth above 0 (the API's default is 0), in its
security groups, disks encrypted only when written so, password log-in as an ECS instance's,
its user data read."""

from __future__ import annotations

import pytest

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

TERRAFORM = """\
variable "bandwidth" {}

resource "alicloud_vpc" "main" {
  vpc_name   = "main"
  cidr_block = "10.0.0.0/16"
}

resource "alicloud_vswitch" "app" {
  vpc_id     = alicloud_vpc.main.id
  cidr_block = "10.0.1.0/24"
  zone_id    = "cn-hangzhou-h"
}

resource "alicloud_security_group" "ssh" {
  vpc_id = alicloud_vpc.main.id
}

resource "alicloud_security_group_rule" "ssh" {
  type              = "ingress"
  ip_protocol       = "tcp"
  port_range        = "22/22"
  cidr_ip           = "0.0.0.0/0"
  security_group_id = alicloud_security_group.ssh.id
}

resource "alicloud_ess_scaling_group" "app" {
  min_size           = 1
  max_size           = 3
  scaling_group_name = "app"
  vswitch_ids        = [alicloud_vswitch.app.id]
}

resource "alicloud_ess_scaling_configuration" "public" {
  scaling_group_id           = alicloud_ess_scaling_group.app.id
  image_id                   = "ubuntu_22_04_x64_20G_alibase_20240130.vhd"
  instance_type              = "ecs.g7.large"
  security_group_id          = alicloud_security_group.ssh.id
  internet_max_bandwidth_out = 10
  password                   = "Example-Passw0rd"
  user_data                  = "#cloud-config\\nssh_pwauth: true\\n"
}

resource "alicloud_ess_scaling_configuration" "private" {
  scaling_group_id       = alicloud_ess_scaling_group.app.id
  image_id               = "ubuntu_22_04_x64_20G_alibase_20240130.vhd"
  instance_type          = "ecs.g7.large"
  security_group_ids     = [alicloud_security_group.ssh.id]
  key_name               = "ops"
  system_disk_encrypted  = true
  data_disk {
    size      = 100
    encrypted = true
  }
}

resource "alicloud_ess_scaling_configuration" "maybe" {
  scaling_group_id           = alicloud_ess_scaling_group.app.id
  image_id                   = "ubuntu_22_04_x64_20G_alibase_20240130.vhd"
  instance_type              = "ecs.g7.large"
  security_group_id          = alicloud_security_group.ssh.id
  internet_max_bandwidth_out = var.bandwidth
  system_disk_encrypted      = true
  data_disk {
    size = 100
  }
}
"""

RULES = ("GDCC-CMP-001", "GDCC-CMP-003", "GDCC-CMP-007", "GDCC-GRAPH-002")


@pytest.fixture(scope="module")
def found(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], tuple[Status, str]]:
    folder = tmp_path_factory.mktemp("ess")
    (folder / "main.tf").write_text(TERRAFORM, encoding="utf-8")
    result = audit([folder], Settings(rule_ids=RULES))
    assert "alicloud_ess_scaling_configuration" not in result.not_judged
    return {(f.rule_id, str(f.address).split(".")[-1]): (f.status, f.message.en)
            for f in result.findings}


def test_public_bandwidth_gives_each_instance_a_public_address(found: dict) -> None:
    assert found[("GDCC-CMP-001", "public")] == (Status.FAIL, "it has a public IP address")
    assert found[("GDCC-CMP-001", "private")] == (
        Status.PASS, "Instances have no public IP address"
    )
    assert found[("GDCC-CMP-001", "maybe")][0] is Status.UNKNOWN


def test_disks_and_password_are_judged(found: dict) -> None:
    assert found[("GDCC-CMP-003", "public")] == (
        Status.FAIL,
        "encryption at rest is off (provider default: 'system_disk_encrypted' not set; the "
        "disk is still encrypted if the account's default disk encryption is on in the region "
        "(alicloud_ecs_disk_encryption_by_default), or its image is encrypted; neither is in "
        "the input)",
    )
    assert found[("GDCC-CMP-003", "private")][0] is Status.PASS
    assert found[("GDCC-CMP-003", "maybe")] == (
        Status.FAIL, "encryption at rest is off (provider default: 'data_disk.encrypted' not set)"
    )
    # a Linux image, a password and no key pair; the other has a key pair
    assert found[("GDCC-CMP-007", "public")][0] is Status.FAIL
    assert found[("GDCC-CMP-007", "private")][0] is not Status.FAIL


def test_ssh_open_to_everyone_is_reached_on_public_instances(found: dict) -> None:
    status, message = found[("GDCC-GRAPH-002", "public")]
    assert status is Status.FAIL
    assert message.endswith("reachable from the internet: internet → public:22")
    # no public address, but in the same group as the public instances (0.0.0.0/0 takes in
    # their private addresses)
    status, message = found[("GDCC-GRAPH-002", "private")]
    assert status is Status.FAIL
    assert message.endswith("internet → public:22 → private:22")
