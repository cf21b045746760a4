"""GDCC-NET-001 on an ``OS::Nova::Server`` whose ports turn port security off
(``port_security_enabled: false`` on the port, or on its network when the port does not say):
Neutron applies no security group to such a port, so nothing filters what reaches the server.
It was UNKNOWN "inbound rules are not known" (the ports were read as "other" groups). Now it
FAILs as a rule admitting everything from anywhere would, naming the port; a server with a
floating IP there FAILs GDCC-GRAPH-002 too. A server with another port that keeps port
security, or a value not known, is judged as before."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit import Settings, audit
from gdcc_audit.models.finding import Status

_TEMPLATE = """\
heat_template_version: 2018-08-31
parameters:
  image: {type: string}
resources:
  plain_net:
    type: OS::Neutron::Net
    properties: {port_security_enabled: false}
  open_port:
    type: OS::Neutron::Port
    properties: {network: public, port_security_enabled: false}
  fip:
    type: OS::Neutron::FloatingIP
    properties: {floating_network: public, port_id: {get_resource: open_port}}
  edge:
    type: OS::Nova::Server
    properties:
      image: {get_param: image}
      flavor: m1.small
      networks: [{port: {get_resource: open_port}}]
  inherits_port:
    type: OS::Neutron::Port
    properties: {network: {get_resource: plain_net}}
  inner:
    type: OS::Nova::Server
    properties:
      image: {get_param: image}
      flavor: m1.small
      networks: [{port: {get_resource: inherits_port}}]
  placed:
    type: OS::Nova::Server
    properties:
      image: {get_param: image}
      flavor: m1.small
      networks: [{network: {get_resource: plain_net}}]
  secured_port:
    type: OS::Neutron::Port
    properties: {network: public}
  mixed:
    type: OS::Nova::Server
    properties:
      image: {get_param: image}
      flavor: m1.small
      networks: [{port: {get_resource: secured_port}}, {port: {get_resource: inherits_port}}]
"""

_OPEN = "are open to the whole internet (0.0.0.0/0, ::/0); opened by "
_WHY = ": port security is off, no security group filters it"


def test_port_security_off_admits_everything(tmp_path: Path) -> None:
    (tmp_path / "vnf.yaml").write_text(_TEMPLATE, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-NET-001", "GDCC-GRAPH-002")))
    net = {f.address: f for f in result.findings if f.rule_id == "GDCC-NET-001"}
    assert {a: f.status for a, f in net.items()} == {
        "edge": Status.FAIL, "inner": Status.FAIL, "placed": Status.FAIL,
        "mixed": Status.UNKNOWN,
    }
    assert net["edge"].message.en.endswith(_OPEN + "open_port" + _WHY)
    assert net["inner"].message.en.endswith(_OPEN + "inherits_port" + _WHY)
    assert net["placed"].message.en.endswith(_OPEN + "plain_net" + _WHY)
    assert net["edge"].message.th.endswith(
        "open_port: ปิด port security ไว้ ไม่มีกลุ่มความปลอดภัยใดกรองทราฟฟิก"
    )
    assert net["edge"].evidence["ports"][:2] == [22, 23]
    graph = {f.address: f for f in result.findings if f.rule_id == "GDCC-GRAPH-002"}
    assert graph["edge"].status is Status.FAIL
    assert graph["edge"].message.en.endswith("internet → edge:22")


_TF = """\
resource "openstack_networking_network_v2" "raw" {
  name                  = "raw"
  port_security_enabled = false
}

resource "openstack_networking_port_v2" "inherits" {
  network_id = openstack_networking_network_v2.raw.id
}

resource "openstack_networking_port_v2" "secured" {
  network_id            = openstack_networking_network_v2.raw.id
  port_security_enabled = true
}

resource "openstack_compute_instance_v2" "probe" {
  name        = "probe"
  image_name  = "ubuntu-22.04"
  flavor_name = "m1.small"
  network {
    port = openstack_networking_port_v2.inherits.id
  }
}

resource "openstack_compute_instance_v2" "guarded" {
  name        = "guarded"
  image_name  = "ubuntu-22.04"
  flavor_name = "m1.small"
  network {
    port = openstack_networking_port_v2.secured.id
  }
}
"""


def test_terraform_instances_alike(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(_TF, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-NET-001",)))
    found = {f.address: f for f in result.findings}
    probe = found["openstack_compute_instance_v2.probe"]
    assert probe.status is Status.FAIL
    assert probe.message.en.endswith(_OPEN + "openstack_networking_port_v2.inherits" + _WHY)
    assert found["openstack_compute_instance_v2.guarded"].status is not Status.FAIL
