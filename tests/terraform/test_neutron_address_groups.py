"""IP address groups a Neutron-style rule names (``remote_address_group_id``): Huawei Cloud's
``huaweicloud_vpc_address_group`` (``addresses``: "a single IP address, IP address range or
IP address CIDR", or ``ip_extra_set`` blocks) and OpenStack's
``openstack_networking_address_group_v2`` (``addresses``, CIDRs). They were not read: a rule
admitting an address group of the scan was UNKNOWN whatever the group held (the
terraform-huaweicloud-vpc module's ``remote_address_group`` rules), and a rule naming an
address group by a literal id took the id for an address: PASS "Management ports are not
open to the internet" for a group whose addresses nobody here can see (a wrong PASS). Now the
group's ranges are the rule's sources; an id or a group outside the scan is not known."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.settings import Settings

HUAWEI = """
resource "huaweicloud_vpc_address_group" "admins" {
  name      = "admins"
  addresses = ["203.0.113.10", "198.51.100.1-198.51.100.20"]
}

resource "huaweicloud_vpc_address_group" "anyone" {
  name = "anyone"
  ip_extra_set {
    ip = "10.0.0.0/8"
  }
  ip_extra_set {
    ip = "0.0.0.0/0"
  }
}

resource "huaweicloud_networking_secgroup" "web" {
  name = "web"
}

resource "huaweicloud_networking_secgroup_rule" "ssh" {
  security_group_id       = huaweicloud_networking_secgroup.web.id
  direction               = "ingress"
  ethertype               = "IPv4"
  protocol                = "tcp"
  ports                   = "22"
  remote_address_group_id = huaweicloud_vpc_address_group.admins.id
}
"""

RDP = """
resource "huaweicloud_networking_secgroup_rule" "rdp" {
  security_group_id       = huaweicloud_networking_secgroup.web.id
  direction               = "ingress"
  ethertype               = "IPv4"
  protocol                = "tcp"
  ports                   = "3389"
  remote_address_group_id = %s
}
"""


def _net_001(tmp_path: Path, text: str) -> tuple[str, str, dict[str, object]]:
    (tmp_path / "main.tf").write_text(text, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-NET-001",)))
    assert not result.not_judged
    (found,) = result.findings
    return found.status.value, found.message.en, dict(result.read_for_context)


def test_the_ranges_of_an_address_group_are_the_rule_s_sources(tmp_path: Path) -> None:
    status, message, context = _net_001(
        tmp_path, HUAWEI + RDP % "huaweicloud_vpc_address_group.anyone.id"
    )
    assert status == "FAIL"
    assert message.startswith(
        "port 3389 is open to the whole internet (0.0.0.0/0); opened by "
        "huaweicloud_networking_secgroup_rule.rdp at "
    )
    assert "huaweicloud_vpc_address_group" in context
    # hosts and a range of public addresses are not the whole internet
    status, message, _ = _net_001(tmp_path, HUAWEI)
    assert (status, message) == ("PASS", "Management ports are not open to the internet")


def test_an_address_group_not_in_the_scan_is_not_known(tmp_path: Path) -> None:
    status, message, _ = _net_001(tmp_path, HUAWEI + RDP % '"5a3e0f8d-0000-4000-8000-0001"')
    assert status == "UNKNOWN"
    assert message == "cannot tell whether port 3389 is open to the internet"


def test_an_openstack_address_group(tmp_path: Path) -> None:
    status, message, _ = _net_001(tmp_path, """
resource "openstack_networking_address_group_v2" "anyone" {
  name      = "anyone"
  addresses = ["0.0.0.0/0"]
}

resource "openstack_networking_secgroup_v2" "web" {
  name = "web"
}

resource "openstack_networking_secgroup_rule_v2" "ssh" {
  security_group_id       = openstack_networking_secgroup_v2.web.id
  direction               = "ingress"
  ethertype               = "IPv4"
  protocol                = "tcp"
  port_range_min          = 22
  port_range_max          = 22
  remote_address_group_id = openstack_networking_address_group_v2.anyone.id
}
""")
    assert status == "FAIL"
    assert message.startswith("port 22 is open to the whole internet (0.0.0.0/0); opened by "
                              "openstack_networking_secgroup_rule_v2.ssh at ")
