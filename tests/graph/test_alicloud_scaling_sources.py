"""An Alibaba Cloud ESS scaling group with a launch template (``launch_template_id``) and a
scaling configuration had both as its instances: "A scaling group can have only one active
instance configuration source at a time", and the one specified later supersedes the other
(Auto Scaling, EnableScalingGroup). A configuration with ``active = true`` (made the group's
after it was created with its template) is the source: the template's instances were still
put behind the group's SLB forwarding SSH (GDCC-GRAPH-002 FAIL through a template the group
does not launch from: a wrong FAIL). With ``active = false`` the template stays the source;
left out, either may be (both, as before)."""

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

resource "alicloud_slb_load_balancer" "lb" {
  load_balancer_name = "web"
  address_type       = "internet"
  load_balancer_spec = "slb.s2.small"
}

resource "alicloud_slb_listener" "ssh" {
  load_balancer_id = alicloud_slb_load_balancer.lb.id
  protocol         = "tcp"
  frontend_port    = 2222
  backend_port     = 22
  bandwidth        = 10
}

resource "alicloud_ecs_launch_template" "old" {
  launch_template_name = "old"
  image_id             = "ubuntu_22_04_x64_20G_alibase_20240130.vhd"
  instance_type        = "ecs.g7.large"
  security_group_ids   = [alicloud_security_group.web.id]
}

resource "alicloud_ess_scaling_group" "web" {
  min_size           = 1
  max_size           = 2
  vswitch_ids        = [alicloud_vswitch.app.id]
  loadbalancer_ids   = [alicloud_slb_load_balancer.lb.id]
  launch_template_id = alicloud_ecs_launch_template.old.id
}

resource "alicloud_security_group" "closed" {
  vpc_id = alicloud_vpc.main.id
}

resource "alicloud_ess_scaling_configuration" "new" {
  scaling_group_id  = alicloud_ess_scaling_group.web.id
  image_id          = "ubuntu_22_04_x64_20G_alibase_20240130.vhd"
  instance_type     = "ecs.g7.large"
  security_group_id = alicloud_security_group.closed.id
  ACTIVE
}
"""

PASS = "No management port is reachable from the internet through any path"


def _graph_002(tmp_path: Path, active: str) -> dict[str, tuple[Status, str]]:
    (tmp_path / "main.tf").write_text(TEXT.replace("ACTIVE", active), encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-002",)))
    return {f.address: (f.status, f.message.en) for f in result.findings}


def test_an_active_configuration_supersedes_the_groups_template(tmp_path: Path) -> None:
    """Was FAIL "internet → lb:2222 → old:22" on the template the group no longer uses."""
    found = _graph_002(tmp_path, "active = true")
    assert found["alicloud_ecs_launch_template.old"] == (Status.PASS, PASS)
    assert found["alicloud_ess_scaling_configuration.new"] == (Status.PASS, PASS)


@pytest.mark.parametrize("active", ["active = false", ""], ids=["inactive", "left-out"])
def test_the_template_launches_unless_a_configuration_is_active(
    tmp_path: Path, active: str
) -> None:
    assert _graph_002(tmp_path, active)["alicloud_ecs_launch_template.old"] == (
        Status.FAIL,
        "management port 22 reachable from the internet: internet → lb:2222 → old:22",
    )


#: The template's instances closed, the scaling configuration's open to SSH.
SWAPPED = (
    TEXT.replace("security_group_ids   = [alicloud_security_group.web.id]",
                 "security_group_ids   = [alicloud_security_group.closed.id]")
    .replace("security_group_id = alicloud_security_group.closed.id",
             "security_group_id = alicloud_security_group.web.id")
)


@pytest.mark.parametrize("active", ["active = false", ""], ids=["inactive", "left-out"])
def test_a_configuration_not_made_active_launches_nothing_beside_the_template(
    tmp_path: Path, active: str
) -> None:
    """``active`` "Default to false" (registry docs, resources/ess_scaling_configuration): the
    group's template stays its source. The configuration was put behind the group's SLB
    whether written false or left out (the group's ``launch_template_id``, a reference, was not
    read as written): FAIL "internet → lb:2222 → new:22", a wrong FAIL."""
    (tmp_path / "main.tf").write_text(SWAPPED.replace("ACTIVE", active), encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-002",)))
    found = {f.address: (f.status, f.message.en) for f in result.findings}
    assert found["alicloud_ess_scaling_configuration.new"] == (Status.PASS, PASS)
    assert found["alicloud_ecs_launch_template.old"] == (Status.PASS, PASS)


@pytest.mark.parametrize("active", ["active = true", "active = var.active"],
                         ids=["active", "not-known"])
def test_an_active_or_unknown_configuration_still_launches(tmp_path: Path, active: str) -> None:
    """Made active, or ``active`` not known (a variable with no default): the configuration
    stands for the group's instances (not known: over-approximated, never a PASS)."""
    text = SWAPPED.replace("ACTIVE", active) + 'variable "active" {\n  type = bool\n}\n'
    (tmp_path / "main.tf").write_text(text, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-002",)))
    found = {f.address: (f.status, f.message.en) for f in result.findings}
    assert found["alicloud_ess_scaling_configuration.new"] == (
        Status.FAIL,
        "management port 22 reachable from the internet: internet → lb:2222 → new:22",
    )
