"""Huawei Cloud security groups by their former names (``huaweicloud_networking_secgroup_v2``,
``huaweicloud_networking_secgroup_rule_v2``), which the provider still accepts with the same
arguments and terraform-huaweicloud-modules/terraform-huaweicloud-security-group writes: both
were "not judged", so its sg_basic example (SSH open to 0.0.0.0/0) had no finding. They are
read as the current names: the rule adds to its group, the group keeps its default rules."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.settings import Settings

#: The module's shape: rules counted over an input list, read with ``lookup``.
MODULE = """\
variable "rules" {
  type = list(map(string))
}

resource "huaweicloud_networking_secgroup_v2" "this" {
  name                 = "web"
  delete_default_rules = false
}

resource "huaweicloud_networking_secgroup_rule_v2" "this" {
  count             = length(var.rules)
  direction         = lookup(var.rules[count.index], "direction")
  ethertype         = "IPv4"
  protocol          = lookup(var.rules[count.index], "protocol")
  port_range_min    = lookup(var.rules[count.index], "port_range_min")
  port_range_max    = lookup(var.rules[count.index], "port_range_max")
  remote_ip_prefix  = lookup(var.rules[count.index], "remote_ip_cidr")
  security_group_id = huaweicloud_networking_secgroup_v2.this.id
}
"""

ROOT = """\
module "example" {
  source = "./sg"
  rules = [
    { direction = "ingress", protocol = "tcp", port_range_min = "22",
      port_range_max = "22", remote_ip_cidr = "0.0.0.0/0" },
    { direction = "ingress", protocol = "tcp", port_range_min = "443",
      port_range_max = "443", remote_ip_cidr = "0.0.0.0/0" },
  ]
}
"""


def test_former_group_names_are_judged(tmp_path: Path) -> None:
    (tmp_path / "sg").mkdir()
    (tmp_path / "sg" / "main.tf").write_text(MODULE, encoding="utf-8")
    (tmp_path / "main.tf").write_text(ROOT, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-NET-001",)))
    assert "huaweicloud_networking_secgroup_v2" not in result.not_judged
    assert "huaweicloud_networking_secgroup_rule_v2" not in result.not_judged
    (finding,) = result.findings
    assert finding.address == "module.example.huaweicloud_networking_secgroup_v2.this"
    assert finding.status.value == "FAIL"
    assert finding.message.en.startswith(
        "port 22 is open to the whole internet (0.0.0.0/0); opened by "
        "module.example.huaweicloud_networking_secgroup_rule_v2.this[0]"
    )
