"""Alibaba Cloud ECS instances made by an ``alicloud_ecs_instance_set`` (RunInstances for
``amount`` instances: resources/ecs_instance_set) or an ``alicloud_auto_provisioning_group``
(every setting its launch template's but the vSwitches and instance types of its
``launch_template_config`` blocks: resources/auto_provisioning_group) were not judged at all:
an instance set with public bandwidth, a group opening SSH to the internet and a password had
no finding. Both are now read as ECS instances: their own arguments, and their launch
template's for what they leave out (``alicloud_templates``)."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

BASE = """\
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

resource "alicloud_security_group" "closed" {
  vpc_id = alicloud_vpc.main.id
}

resource "alicloud_security_group_rule" "ssh" {
  type              = "ingress"
  ip_protocol       = "tcp"
  port_range        = "22/22"
  cidr_ip           = "0.0.0.0/0"
  security_group_id = alicloud_security_group.web.id
}

resource "alicloud_ecs_launch_template" "web" {
  launch_template_name       = "web"
  image_id                   = "ubuntu_22_04_x64_20G_alibase_20240130.vhd"
  instance_type              = "ecs.g7.large"
  security_group_ids         = [alicloud_security_group.web.id]
  vswitch_id                 = alicloud_vswitch.app.id
  internet_max_bandwidth_out = 10
  password                   = "Example-Passw0rd"
  user_data = base64encode("export AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")
}
"""

RULES = ("GDCC-CMP-001", "GDCC-CMP-003", "GDCC-CMP-005", "GDCC-CMP-007", "GDCC-GRAPH-002")
FROM_TEMPLATE = "(as its launch template alicloud_ecs_launch_template.web gives it)"
SSH = ("management ports 22, 3389, 5985, 5986, 23, 2375, 2376, 6443, 10250 reachable from "
       "the internet: internet → {}:22")


def _found(tmp_path: Path, resource: str) -> dict[str, tuple[Status, str]]:
    (tmp_path / "main.tf").write_text(BASE + resource, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=RULES))
    address = resource.split('"')[1] + "." + resource.split('"')[3]
    return {f.rule_id: (f.status, f.message.en) for f in result.findings
            if f.address == address}


def test_an_instance_set_is_read_as_its_instances(tmp_path: Path) -> None:
    """Its own bandwidth, group, password on a Linux image and data disk (not encrypted by
    default; its system disk has no argument: RunInstances' default)."""
    found = _found(tmp_path, """
resource "alicloud_ecs_instance_set" "batch" {
  amount                     = 3
  image_id                   = "ubuntu_22_04_x64_20G_alibase_20240130.vhd"
  instance_type              = "ecs.g7.large"
  security_group_ids         = [alicloud_security_group.web.id]
  vswitch_id                 = alicloud_vswitch.app.id
  internet_max_bandwidth_out = 5
  password                   = "Example-Passw0rd"
  data_disks {
    disk_size = 40
  }
}
""")
    assert found["GDCC-CMP-001"] == (Status.FAIL, "it has a public IP address")
    status, message = found["GDCC-CMP-003"]
    assert status is Status.FAIL
    assert message.startswith(
        "encryption at rest is off (provider default: 'SystemDisk.Encrypted' not set;")
    assert found["GDCC-CMP-005"] == (Status.PASS, "Instance user data holds no secrets")
    assert found["GDCC-CMP-007"] == (Status.FAIL, "password log-in is allowed")
    assert found["GDCC-GRAPH-002"] == (Status.FAIL, SSH.format("batch"))


def test_an_instance_set_without_bandwidth_in_a_closed_group(tmp_path: Path) -> None:
    """No bandwidth (RunInstances' default 0) and no EIP: no public address; a key pair."""
    found = _found(tmp_path, """
resource "alicloud_ecs_instance_set" "quiet" {
  amount             = 2
  image_id           = "ubuntu_22_04_x64_20G_alibase_20240130.vhd"
  instance_type      = "ecs.g7.large"
  security_group_ids = [alicloud_security_group.closed.id]
  vswitch_id         = alicloud_vswitch.app.id
  key_pair_name      = "ops"
}
""")
    assert found["GDCC-CMP-001"][0] is Status.PASS
    assert found["GDCC-CMP-007"][0] is Status.UNKNOWN
    assert found["GDCC-GRAPH-002"] == (
        Status.PASS, "No management port is reachable from the internet through any path"
    )


def test_an_instance_set_takes_what_it_leaves_out_from_its_template(tmp_path: Path) -> None:
    """Bandwidth and user data from the template; its own closed group overrides the
    template's."""
    found = _found(tmp_path, """
resource "alicloud_ecs_instance_set" "templated" {
  amount             = 2
  launch_template_id = alicloud_ecs_launch_template.web.id
  image_id           = "ubuntu_22_04_x64_20G_alibase_20240130.vhd"
  instance_type      = "ecs.g7.large"
  security_group_ids = [alicloud_security_group.closed.id]
}
""")
    assert found["GDCC-CMP-001"] == (Status.FAIL, f"it has a public IP address {FROM_TEMPLATE}")
    assert found["GDCC-CMP-005"] == (
        Status.FAIL, f"secrets in user data: user_data {FROM_TEMPLATE}"
    )
    assert found["GDCC-GRAPH-002"][0] is Status.PASS


def test_an_auto_provisioning_group_is_its_templates_instances(tmp_path: Path) -> None:
    """Public bandwidth, the group opening SSH, the password and the user data are the
    template's."""
    found = _found(tmp_path, """
resource "alicloud_auto_provisioning_group" "fleet" {
  launch_template_id    = alicloud_ecs_launch_template.web.id
  total_target_capacity = "4"
  launch_template_config {
    instance_type     = "ecs.n1.small"
    vswitch_id        = alicloud_vswitch.app.id
    weighted_capacity = "2"
    max_price         = "2"
  }
}
""")
    assert found["GDCC-CMP-001"] == (Status.FAIL, f"it has a public IP address {FROM_TEMPLATE}")
    assert found["GDCC-CMP-003"] == (Status.FAIL, f"encryption at rest is off {FROM_TEMPLATE}")
    assert found["GDCC-CMP-005"] == (
        Status.FAIL, f"secrets in user data: user_data {FROM_TEMPLATE}"
    )
    assert found["GDCC-CMP-007"] == (Status.FAIL, "password log-in is allowed")
    assert found["GDCC-GRAPH-002"] == (Status.FAIL, SSH.format("fleet"))


def test_an_auto_provisioning_group_of_a_template_not_in_the_input(tmp_path: Path) -> None:
    """Its template is not in the input: UNKNOWN, saying why (never PASS)."""
    found = _found(tmp_path, """
resource "alicloud_auto_provisioning_group" "elsewhere" {
  launch_template_id    = "lt-bp1example"
  total_target_capacity = "4"
  launch_template_config {
    vswitch_id        = alicloud_vswitch.app.id
    weighted_capacity = "2"
    max_price         = "2"
  }
}
""")
    why = "it is launched from a launch template that is not in the input, which decides it"
    assert found["GDCC-CMP-001"] == (
        Status.UNKNOWN, f"whether it has a public IP address is not known from the input: {why}"
    )
    assert found["GDCC-CMP-005"] == (
        Status.UNKNOWN, f"whether user data holds secrets is not known from the input: {why}"
    )
    assert found["GDCC-GRAPH-002"][0] is Status.UNKNOWN
