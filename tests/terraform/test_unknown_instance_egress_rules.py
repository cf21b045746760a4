"""A security group rule block whose ``for_each`` cannot be evaluated (keyed by the groups'
names, inputs without a value: terraform-openstack-kubernetes-security-groups' ``outgoing_v4``
/ ``outgoing_v6``) made every group it may name GDCC-NET-001 UNKNOWN ("the instances of a
block that names this resource are not known"), though each instance is an egress rule,
which adds nothing to what the OpenStack, Huawei Cloud and Alibaba Cloud mappers read of a
group (its inbound rules). Such a block is no part not assessed any more
(``registry.ADDS_NOTHING_WHEN``); an ingress rule block of the same shape still is."""

from __future__ import annotations

from pathlib import Path

import pytest

from gdcc_audit.api import audit
from gdcc_audit.settings import Settings

OPENSTACK = """
variable "master_name" {}
variable "worker_name" {}

resource "openstack_networking_secgroup_v2" "master" {
  name = var.master_name
}

resource "openstack_networking_secgroup_v2" "worker" {
  name = var.worker_name
}

locals {
  groups = [openstack_networking_secgroup_v2.master, openstack_networking_secgroup_v2.worker]
}

resource "openstack_networking_secgroup_rule_v2" "out" {
  for_each          = { for group in local.groups : group.name => group }
  direction         = "%s"
  ethertype         = "IPv4"
  security_group_id = each.value.id
}
"""

ALICLOUD = """
variable "web_name" {}

resource "alicloud_security_group" "web" {
  security_group_name = var.web_name
}

resource "alicloud_security_group_rule" "out" {
  for_each = {
    for group in [alicloud_security_group.web] : group.security_group_name => group
  }
  type              = "%s"
  ip_protocol       = "tcp"
  port_range        = "22/22"
  cidr_ip           = "0.0.0.0/0"
  security_group_id = each.value.id
}
"""


def _net_001(tmp_path: Path, text: str) -> dict[str, tuple[str, str]]:
    (tmp_path / "main.tf").write_text(text, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-NET-001",)))
    return {str(f.address): (f.status.value, f.message.en) for f in result.findings}


def test_egress_rules_of_instances_not_known_change_nothing(tmp_path: Path) -> None:
    found = _net_001(tmp_path, OPENSTACK % "egress")
    for group in ("master", "worker"):
        assert found[f"openstack_networking_secgroup_v2.{group}"] == (
            "PASS", "Management ports are not open to the internet"
        )


def test_ingress_rules_of_instances_not_known_stay_unknown(tmp_path: Path) -> None:
    found = _net_001(tmp_path, OPENSTACK % "ingress")
    status, message = found["openstack_networking_secgroup_v2.master"]
    assert status == "UNKNOWN"
    assert message.startswith("the instances of a block that names this resource are not "
                              "known: its count / for_each could not be evaluated")


@pytest.mark.parametrize(("kind", "status"), [("egress", "PASS"), ("ingress", "UNKNOWN")])
def test_alicloud_egress_rules_of_instances_not_known(
    tmp_path: Path, kind: str, status: str
) -> None:
    found = _net_001(tmp_path, ALICLOUD % kind)
    assert found["alicloud_security_group.web"][0] == status
