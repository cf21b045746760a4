"""Properties Heat hid and translates to their current names (``network_id`` of a port or
subnet is ``network``, a server's ``networks: [{uuid: ...}]`` is ``network``, a port-security
off port reached through the old name): the readers read the current names only, so a server
on a port written ``network_id: {get_resource: private_net}`` (openstack/rally-openstack's
``server-with-volume.yaml.template``) was on no network of the template: GDCC-CMP-001
UNKNOWN "whether it has a public IP address is not known", though the same port written with
``network`` PASSed."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit import Settings, audit
from gdcc_audit.models.finding import Status
from gdcc_audit.normalize.heat.mapper import translated

_TEMPLATE = """\
heat_template_version: 2013-05-23
parameters:
  image: {type: string, default: cirros}
resources:
  private_net:
    type: OS::Neutron::Net
  private_subnet:
    type: OS::Neutron::Subnet
    properties: {network_id: {get_resource: private_net}, cidr: 10.1.0.0/24}
  server_port:
    type: OS::Neutron::Port
    properties: {network_id: {get_resource: private_net}}
  server:
    type: OS::Nova::Server
    properties:
      image: {get_param: image}
      flavor: m1.tiny
      networks: [{port: {get_resource: server_port}}]
  by_uuid:
    type: OS::Nova::Server
    properties:
      image: {get_param: image}
      flavor: m1.tiny
      networks: [{uuid: {get_resource: private_net}}]
  open_net:
    type: OS::Neutron::Net
    properties: {port_security_enabled: false}
  open_port:
    type: OS::Neutron::Port
    properties: {network_id: {get_resource: open_net}}
  unfiltered:
    type: OS::Nova::Server
    properties:
      image: {get_param: image}
      flavor: m1.tiny
      networks: [{port: {get_resource: open_port}}]
"""


def test_servers_on_ports_written_with_hidden_names(tmp_path: Path) -> None:
    (tmp_path / "server.yaml").write_text(_TEMPLATE, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-CMP-001", "GDCC-NET-001")))
    found = {(f.rule_id, f.address): (f.status, f.message.en) for f in result.findings}
    internal = (
        "Instances have no public IP address (no floating IP of the template is associated "
        "with it and its networks are internal networks of the template ({}))"
    )
    assert found[("GDCC-CMP-001", "server")] == (
        Status.PASS, internal.format("private_net")
    )
    assert found[("GDCC-CMP-001", "by_uuid")] == (
        Status.PASS, internal.format("private_net")
    )
    # the port takes its network's port security (off): nothing filters the server
    assert found[("GDCC-NET-001", "unfiltered")][0] is Status.FAIL
    assert "opened by open_port: port security is off" in found[
        ("GDCC-NET-001", "unfiltered")][1]


def test_the_current_name_wins_and_other_types_keep_theirs() -> None:
    # Heat refuses both; if both are written the current one is read
    assert translated("OS::Neutron::Port", {"network_id": "a", "network": "b"}) == {
        "network_id": "a", "network": "b"
    }
    assert translated("OS::Neutron::RouterInterface", {"router_id": "r", "subnet_id": "s"}) == {
        "router": "r", "subnet": "s"
    }
    # a floating IP's port_id is its current name
    assert translated("OS::Neutron::FloatingIP", {"port_id": "p"}) == {"port_id": "p"}
    assert translated("OS::Nova::Server", {"block_device_mapping_v2": [{"image_id": "i"}]}) == {
        "block_device_mapping_v2": [{"image": "i"}]
    }
