"""An OpenStack router's external gateway names the *external* network (Heat
``external_gateway_info.network``, Terraform ``external_network_id``); the networks it
routes to the internet are attached by router interfaces, which the mappers do not keep.
A router whose external network was in the scan (openstack-helm's Octavia test stack
creates its ``OS::Neutron::ProviderNet``) counted as the gateway of that network only: the
servers behind it, with floating IPs and SSH open to 0.0.0.0/0, were reached "if what is not
known allows it" ("no internet gateway found for its network": GDCC-GRAPH-002 UNKNOWN). The
router now serves the networks of its file, as a router whose external network is not in the
scan already did."""

from __future__ import annotations

from pathlib import Path

import pytest

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

_HEAT = """\
heat_template_version: 2018-08-31
parameters:
  public_network: {type: string, default: public}
resources:
  public_net:
    type: OS::Neutron::ProviderNet
    properties: {router_external: true, physical_network: physnet1, network_type: flat}
  public_subnet:
    type: OS::Neutron::Subnet
    properties: {network: {get_resource: public_net}, cidr: 172.24.4.0/24, enable_dhcp: false}
  private_net:
    type: OS::Neutron::Net
  private_subnet:
    type: OS::Neutron::Subnet
    properties: {network: {get_resource: private_net}, cidr: 10.0.0.0/24}
  router:
    type: OS::Neutron::Router
    properties:
      external_gateway_info: {network: {get_resource: public_net}}
  router_interface:
    type: OS::Neutron::RouterInterface
    properties: {router_id: {get_resource: router}, subnet_id: {get_resource: private_subnet}}
  ssh:
    type: OS::Neutron::SecurityGroup
    properties:
      rules:
        - {remote_ip_prefix: 0.0.0.0/0, protocol: tcp, port_range_min: 22, port_range_max: 22}
  port:
    type: OS::Neutron::Port
    properties:
      network: {get_resource: private_net}
      fixed_ips: [{subnet: {get_resource: private_subnet}}]
      security_groups: [{get_resource: ssh}]
  server:
    type: OS::Nova::Server
    properties:
      image: ubuntu-24.04
      flavor: m1.small
      networks: [{port: {get_resource: port}}]
  floating_ip:
    type: OS::Neutron::FloatingIP
    properties: {floating_network: {get_resource: public_net}, port_id: {get_resource: port}}
"""

_TERRAFORM = """\
resource "openstack_networking_network_v2" "public" {
  name     = "public"
  external = true
}
resource "openstack_networking_network_v2" "private" {
  name = "private"
}
resource "openstack_networking_subnet_v2" "private" {
  network_id = openstack_networking_network_v2.private.id
  cidr       = "10.0.0.0/24"
}
resource "openstack_networking_router_v2" "router" {
  external_network_id = openstack_networking_network_v2.public.id
}
resource "openstack_networking_router_interface_v2" "private" {
  router_id = openstack_networking_router_v2.router.id
  subnet_id = openstack_networking_subnet_v2.private.id
}
resource "openstack_networking_secgroup_v2" "ssh" {
  name = "ssh"
}
resource "openstack_networking_secgroup_rule_v2" "ssh" {
  direction         = "ingress"
  ethertype         = "IPv4"
  protocol          = "tcp"
  port_range_min    = 22
  port_range_max    = 22
  remote_ip_prefix  = "0.0.0.0/0"
  security_group_id = openstack_networking_secgroup_v2.ssh.id
}
resource "openstack_networking_port_v2" "port" {
  network_id         = openstack_networking_network_v2.private.id
  security_group_ids = [openstack_networking_secgroup_v2.ssh.id]
  fixed_ip {
    subnet_id = openstack_networking_subnet_v2.private.id
  }
}
resource "openstack_compute_instance_v2" "server" {
  name        = "server"
  image_name  = "ubuntu-24.04"
  flavor_name = "m1.small"
  network {
    port = openstack_networking_port_v2.port.id
  }
}
resource "openstack_networking_floatingip_v2" "fip" {
  pool    = "public"
  port_id = openstack_networking_port_v2.port.id
}
"""


@pytest.mark.parametrize(
    ("name", "text", "address", "path"),
    [
        ("stack.yaml", _HEAT, "server", "internet → server:22"),
        ("main.tf", _TERRAFORM, "openstack_compute_instance_v2.server",
         "internet → server:22"),
    ],
)
def test_servers_behind_a_router_to_a_scanned_external_network(
    tmp_path: Path, name: str, text: str, address: str, path: str
) -> None:
    (tmp_path / name).write_text(text)
    result = audit([tmp_path], Settings(rule_ids=["GDCC-GRAPH-002"]))
    found = {f.address: f for f in result.findings}
    server = found[address]
    assert server.status is Status.FAIL, server.message.en
    assert server.message.en == f"management port 22 reachable from the internet: {path}"
    assert server.evidence["path_certain"] is True
