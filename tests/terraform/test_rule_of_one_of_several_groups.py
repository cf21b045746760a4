"""A security group rule whose group is one of several (terraform-huaweicloud-security-group's
``security_group_id = var.security_group_id == "" ? join("", huaweicloud_networking_secgroup_v2
.this.*.id) : var.security_group_id``, used with an existing group looked up by a data source):
each candidate group's ports are not known (it may or may not get the rule), and the rule had
no verdict of its own, so a rule opening SSH to 0.0.0.0/0 left only "inbound rules are not
known". The rule opens SSH on whichever group it lands: it is now judged on its own as well
(GDCC-NET-001 FAIL), as a rule whose group is not in the scan is (Huawei Cloud, OpenStack,
Alibaba Cloud rules)."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.settings import Settings

HUAWEI = """
# an existing group's id, or "" for a group of its own (the module's input)
variable "security_group_id" {}

data "huaweicloud_networking_secgroup_v2" "default" {
  name = "default"
}

resource "huaweicloud_networking_secgroup_v2" "this" {
  count = var.security_group_id == "" ? 1 : 0
  name  = "web"
}

resource "huaweicloud_networking_secgroup_rule_v2" "ssh" {
  direction         = "ingress"
  ethertype         = "IPv4"
  protocol          = "tcp"
  port_range_min    = 22
  port_range_max    = 22
  remote_ip_prefix  = "0.0.0.0/0"
  security_group_id = (
    var.security_group_id == ""
    ? join("", huaweicloud_networking_secgroup_v2.this.*.id)
    : var.security_group_id
  )
}

resource "huaweicloud_networking_secgroup_rule_v2" "https" {
  direction         = "ingress"
  ethertype         = "IPv4"
  protocol          = "tcp"
  port_range_min    = 443
  port_range_max    = 443
  remote_ip_prefix  = "0.0.0.0/0"
  security_group_id = (
    var.security_group_id == ""
    ? join("", huaweicloud_networking_secgroup_v2.this.*.id)
    : var.security_group_id
  )
}
"""


def _net_001(tmp_path: Path, text: str) -> dict[str, tuple[str, str]]:
    (tmp_path / "main.tf").write_text(text, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-NET-001",)))
    return {str(f.address): (f.status.value, f.message.en) for f in result.findings}


def test_a_rule_of_one_of_several_groups_is_judged_on_its_own(tmp_path: Path) -> None:
    found = _net_001(tmp_path, HUAWEI)
    assert found["huaweicloud_networking_secgroup_rule_v2.ssh"] == (
        "FAIL", "port 22 is open to the whole internet (0.0.0.0/0)"
    )
    assert found["huaweicloud_networking_secgroup_rule_v2.https"] == (
        "PASS", "Management ports are not open to the internet"
    )
    # the group may or may not get the rules: not known, as before
    assert found["huaweicloud_networking_secgroup_v2.this"][0] == "UNKNOWN"


def test_a_rule_of_one_of_two_groups_of_the_scan(tmp_path: Path) -> None:
    found = _net_001(tmp_path, """
variable "public" {
  type = bool
}

resource "openstack_networking_secgroup_v2" "web" {
  name = "web"
}

resource "openstack_networking_secgroup_v2" "admin" {
  name = "admin"
}

resource "openstack_networking_secgroup_rule_v2" "ssh" {
  direction         = "ingress"
  ethertype         = "IPv4"
  protocol          = "tcp"
  port_range_min    = 22
  port_range_max    = 22
  remote_ip_prefix  = "0.0.0.0/0"
  security_group_id = (
    var.public ? openstack_networking_secgroup_v2.web.id : openstack_networking_secgroup_v2.admin.id
  )
}
""")
    assert found["openstack_networking_secgroup_rule_v2.ssh"] == (
        "FAIL", "port 22 is open to the whole internet (0.0.0.0/0)"
    )
    for group in ("web", "admin"):
        status, message = found[f"openstack_networking_secgroup_v2.{group}"]
        assert status == "UNKNOWN"  # as before: it may or may not get the rule
        # the mapper's reason, shown since NET-001 names ``ingress`` when one is noted
        assert message == (
            "inbound rules are not known: openstack_networking_secgroup_rule_v2.ssh configures "
            "one of several resources, chosen by a value not known before apply "
            "(security_group_id: openstack_networking_secgroup_v2.admin or "
            "openstack_networking_secgroup_v2.web): it may or may not apply to this one"
        )


def test_a_rule_of_one_group_is_not_judged_twice(tmp_path: Path) -> None:
    found = _net_001(tmp_path, HUAWEI.replace(
        '(\n    var.security_group_id == ""\n    ? join("", huaweicloud_networking_secgroup_v2'
        '.this.*.id)\n    : var.security_group_id\n  )',
        "huaweicloud_networking_secgroup_v2.this[0].id",
    ))
    assert set(found) == {"huaweicloud_networking_secgroup_v2.this"}
    assert found["huaweicloud_networking_secgroup_v2.this"][0] == "FAIL"
