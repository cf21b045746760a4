"""A Huawei Cloud ECS or OpenStack server with no EIP / floating IP association in the scan
was UNKNOWN for GDCC-CMP-001 ("whether it has a public IP address is not known") even when
the whole root was scanned. An association is a resource of the root: none naming the server
in a wholly scanned root means none (as a security group's rules of the scan are its rules),
so it PASSes saying so; a root with a module not read, or an association whose target cannot
be told, keeps it UNKNOWN with the reason; an association naming it FAILs."""

from __future__ import annotations

from pathlib import Path

import pytest

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Finding, Status
from gdcc_audit.settings import Settings

HUAWEI = """\
resource "huaweicloud_compute_instance" "private" {
  name      = "private"
  image_id  = "img"
  flavor_id = "s6.small.1"
  network {
    uuid = "net"
  }
}
resource "huaweicloud_compute_instance" "bound" {
  name      = "bound"
  image_id  = "img"
  flavor_id = "s6.small.1"
  network {
    uuid = "net"
  }
}
resource "huaweicloud_vpc_eip" "ip" {
  publicip {
    type = "5_bgp"
  }
  bandwidth {
    share_type = "PER"
    name       = "b"
    size       = 5
  }
}
resource "huaweicloud_compute_eip_associate" "bound" {
  public_ip   = huaweicloud_vpc_eip.ip.address
  instance_id = huaweicloud_compute_instance.bound.id
}
"""
COUNTED = """\
resource "huaweicloud_compute_instance" "pair" {
  count     = 2
  name      = "pair-${count.index}"
  image_id  = "img"
  flavor_id = "s6.small.1"
  network {
    uuid = "net"
  }
}
resource "huaweicloud_vpc_eip" "pair" {
  count = 2
  publicip {
    type = "5_bgp"
  }
  bandwidth {
    share_type = "PER"
    name       = "b"
    size       = 5
  }
}
resource "huaweicloud_compute_eip_associate" "pair" {
  count       = 2
  public_ip   = huaweicloud_vpc_eip.pair[count.index].address
  instance_id = huaweicloud_compute_instance.pair[count.index].id
}
"""
REMOTE_MODULE = """\
module "addresses" {
  source = "git::https://example.com/eips.git"
}
"""
LITERAL_PORT = """\
resource "huaweicloud_vpc_eip_associate" "somewhere" {
  public_ip = huaweicloud_vpc_eip.ip.address
  port_id   = "5b1e1b8e-0000-4000-8000-000000000000"
}
"""
OPENSTACK = """\
resource "openstack_networking_network_v2" "private" {
  name = "private"
}
resource "openstack_compute_instance_v2" "named" {
  name     = "named"
  image_id = "x"
  network {
    name = "private"
  }
}
resource "openstack_compute_instance_v2" "outside" {
  name     = "outside"
  image_id = "x"
  network {
    name = "ext-net"
  }
}
resource "openstack_compute_instance_v2" "floating" {
  name     = "floating"
  image_id = "x"
  network {
    uuid = openstack_networking_network_v2.private.id
  }
}
resource "openstack_networking_floatingip_v2" "fip" {
  pool = "public"
}
resource "openstack_compute_floatingip_associate_v2" "fip" {
  floating_ip = openstack_networking_floatingip_v2.fip.address
  instance_id = openstack_compute_instance_v2.floating.id
}
"""


VIP_PAIRS = """\
resource "openstack_networking_port_v2" "server" {
  network_id = openstack_networking_network_v2.private.id
  allowed_address_pairs {
    ip_address = "10.0.0.4"
  }
}
resource "openstack_networking_port_v2" "vip" {
  network_id = openstack_networking_network_v2.private.id
}
resource "openstack_compute_instance_v2" "keepalived" {
  name     = "keepalived"
  image_id = "x"
  network {
    port = openstack_networking_port_v2.server.id
  }
}
resource "openstack_networking_floatingip_associate_v2" "vip" {
  floating_ip = openstack_networking_floatingip_v2.fip.address
  port_id     = openstack_networking_port_v2.vip.id
}
"""


def _cmp001(folder: Path, text: str) -> dict[str, Finding]:
    folder.mkdir()
    (folder / "main.tf").write_text(text, encoding="utf-8")
    result = audit([folder], Settings(rule_ids=["GDCC-CMP-001"]))
    addresses = {r.id: str(r.address) for r in result.resources}
    return {addresses[f.resource_id]: f for f in result.findings}


WHOLE = "no EIP association of the scanned configuration names it and the whole Terraform root"


def test_no_association_in_a_whole_root_passes(tmp_path: Path) -> None:
    found = _cmp001(tmp_path / "whole", HUAWEI)
    private = found["huaweicloud_compute_instance.private"]
    assert private.status is Status.PASS
    assert WHOLE in private.message.en
    assert found["huaweicloud_compute_instance.bound"].status is Status.FAIL


def test_counted_associations_bind_each_instance(tmp_path: Path) -> None:
    found = _cmp001(tmp_path / "counted", COUNTED)
    for index in (0, 1):
        assert found[f"huaweicloud_compute_instance.pair[{index}]"].status is Status.FAIL


def test_a_module_not_read_keeps_it_unknown(tmp_path: Path) -> None:
    found = _cmp001(tmp_path / "partial", HUAWEI + REMOTE_MODULE)
    private = found["huaweicloud_compute_instance.private"]
    assert private.status is Status.UNKNOWN
    assert "may be declared in a part of the configuration not scanned (module.addresses" in (
        private.message.en
    )
    assert found["huaweicloud_compute_instance.bound"].status is Status.FAIL


def test_an_association_of_unknown_target_keeps_it_unknown(tmp_path: Path) -> None:
    found = _cmp001(tmp_path / "literal", HUAWEI + LITERAL_PORT)
    private = found["huaweicloud_compute_instance.private"]
    assert private.status is Status.UNKNOWN
    assert private.message.en.endswith(
        "EIP associations whose target is not known may name it: "
        "huaweicloud_vpc_eip_associate.somewhere"
    )


@pytest.mark.parametrize(
    ("name", "status", "says"),
    [
        ("named", Status.PASS, "no floating IP association of the scanned configuration"),
        ("outside", Status.UNKNOWN, "a network it is attached to is not in the scan"),
        ("floating", Status.FAIL, "it has a public IP address"),
    ],
)
def test_openstack_servers(tmp_path: Path, name: str, status: Status, says: str) -> None:
    found = _cmp001(tmp_path / "os", OPENSTACK)[f"openstack_compute_instance_v2.{name}"]
    assert found.status is status
    assert says in found.message.en


def test_a_port_claiming_other_addresses_may_hold_a_floating_ip(tmp_path: Path) -> None:
    """A server whose port accepts traffic for a VIP (``allowed_address_pairs``, keepalived)
    receives what a floating IP on the VIP's port sends: not decided, never PASS."""
    found = _cmp001(tmp_path / "vip", OPENSTACK + VIP_PAIRS)
    server = found["openstack_compute_instance_v2.keepalived"]
    assert server.status is Status.UNKNOWN
    assert "accepts traffic for other addresses (allowed_address_pairs)" in server.message.en


HEAT = Path(__file__).resolve().parent.parent / "fixtures" / "heat_server_addresses"


@pytest.mark.parametrize(
    ("name", "status", "says"),
    [
        ("app", Status.PASS, "no floating IP of the template is associated with it"),
        ("worker", Status.PASS, "internal networks of the template (net)"),
        ("db", Status.UNKNOWN, "not known"),  # on a network named outside the template
        ("web", Status.FAIL, "it has a public IP address"),
    ],
)
def test_heat_servers(name: str, status: Status, says: str) -> None:
    """A Heat template is a whole unit: a server on internal networks of the template that no
    floating IP of it names has no public address (was UNKNOWN)."""
    result = audit([HEAT], Settings(rule_ids=["GDCC-CMP-001"]))
    found = {str(r.name): f for r in result.resources for f in result.findings
             if f.resource_id == r.id}
    assert found[name].status is status
    assert says in found[name].message.en


def test_heat_custom_types_may_associate(tmp_path: Path) -> None:
    """A type an environment maps (``My::FloatingIP``) may be a floating IP association:
    not decided."""
    text = (HEAT / "stack.yaml").read_text(encoding="utf-8")
    (tmp_path / "stack.yaml").write_text(
        text.replace("  app_port:\n", "  custom:\n    type: My::FloatingIP\n  app_port:\n"),
        encoding="utf-8",
    )
    result = audit([tmp_path], Settings(rule_ids=["GDCC-CMP-001"]))
    found = {str(r.name): f for r in result.resources for f in result.findings
             if f.resource_id == r.id}
    assert found["app"].status is Status.UNKNOWN


LOOKED_UP = """\
data "huaweicloud_compute_instance" "by_name" {
  name = "private"
}
data "huaweicloud_networking_port" "by_address" {
  network_id = "net"
  fixed_ip   = "192.168.0.10"
}
resource "huaweicloud_compute_eip_associate" "looked_up" {
  public_ip   = huaweicloud_vpc_eip.ip.address
  instance_id = data.huaweicloud_compute_instance.by_name.id
}
resource "huaweicloud_vpc_eip_associate" "by_address" {
  public_ip = huaweicloud_vpc_eip.ip.address
  port_id   = data.huaweicloud_networking_port.by_address.id
}
"""


def test_an_association_with_a_looked_up_target_keeps_it_unknown(tmp_path: Path) -> None:
    """A data source may find this very server (by its name, by its address): not decided."""
    found = _cmp001(tmp_path / "data", HUAWEI + LOOKED_UP)
    private = found["huaweicloud_compute_instance.private"]
    assert private.status is Status.UNKNOWN
    assert private.message.en.endswith(
        "huaweicloud_compute_eip_associate.looked_up, huaweicloud_vpc_eip_associate.by_address"
    )
