"""A port of a parent template passed to a nested template as its server's port (``port:
{get_resource: bastion_port}``, openshift-on-openstack's bastion) was UNKNOWN in the child:
ports are no canonical resources, so the parent passed nothing for it, and the child's server
had no security group, network or floating IP (GDCC-NET-001 "inbound rules are not known",
GDCC-CMP-001 and GDCC-GRAPH-002 UNKNOWN). The parent now passes the port with its properties
(``normalize/heat/nesting.py`` ``PASSED_PORTS``): the child's server reads them as those of a
port of its own, and a floating IP of the parent on that port makes it public."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.settings import Settings

PARENT = """\
heat_template_version: 2016-10-14
parameters:
  external_network:
    type: string
    default: public
resources:
  net:
    type: OS::Neutron::Net
  subnet:
    type: OS::Neutron::Subnet
    properties:
      network: { get_resource: net }
      cidr: 10.0.0.0/24
  router:
    type: OS::Neutron::Router
    properties:
      external_gateway_info: { network: { get_param: external_network } }
  router_interface:
    type: OS::Neutron::RouterInterface
    properties:
      router: { get_resource: router }
      subnet: { get_resource: subnet }
  ssh:
    type: OS::Neutron::SecurityGroup
    properties:
      rules:
        - protocol: tcp
          port_range_min: 22
          port_range_max: 22
          remote_ip_prefix: SOURCE
  jump_port:
    type: OS::Neutron::Port
PORT_CONDITION    properties:
      network: { get_resource: net }
      security_groups: [{ get_resource: ssh }]
      fixed_ips: [{ subnet: { get_resource: subnet } }]
FLOATING
  jump:
    type: lib/jump.yaml
    properties:
      port: { get_resource: jump_port }
"""

FLOATING_IP = """\
  jump_ip:
    type: OS::Neutron::FloatingIP
    properties:
      floating_network: { get_param: external_network }
      port_id: { get_resource: jump_port }
"""

CHILD = """\
heat_template_version: 2016-10-14
parameters:
  port:
    type: string
resources:
  host:
    type: OS::Nova::Server
    properties:
      image: centos
      flavor: m1.small
      networks:
        - port: { get_param: port }
"""

RULES = ("GDCC-NET-001", "GDCC-CMP-001", "GDCC-GRAPH-002")


def _host(
    tmp_path: Path, source: str, floating: bool, condition: str = ""
) -> dict[str, tuple[str, str]]:
    parent = (PARENT.replace("SOURCE", source)
              .replace("FLOATING\n", FLOATING_IP if floating else "")
              .replace("PORT_CONDITION", condition))
    (tmp_path / "lib").mkdir()
    (tmp_path / "main.yaml").write_text(parent, encoding="utf-8")
    (tmp_path / "lib" / "jump.yaml").write_text(CHILD, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=RULES))
    return {f.rule_id: (f.status.value, f.message.en) for f in result.findings
            if f.address == "host"}


def test_a_server_on_a_parents_port_reads_its_groups_and_floating_ip(tmp_path: Path) -> None:
    found = _host(tmp_path, "0.0.0.0/0", floating=True)
    assert found == {
        # was UNKNOWN "inbound rules are not known"
        "GDCC-NET-001": ("NOT_APPLICABLE", "judged on its security groups: ssh"),
        # was UNKNOWN "whether it has a public IP address is not known from the input"
        "GDCC-CMP-001": (
            "FAIL",
            "it has a public IP address (floating IP jump_ip of the parent template is "
            "associated with the port it passes as this server's)",
        ),
        # was UNKNOWN "management ports 22, 3389, ... reachable from the internet if what is
        # not known allows it"
        "GDCC-GRAPH-002": (
            "FAIL", "management port 22 reachable from the internet: internet → host:22"
        ),
    }


def test_a_parents_port_without_a_floating_ip_admitting_no_internet(tmp_path: Path) -> None:
    """No floating IP of the parent on the port: whether the server is public stays not
    known (its network is the parent's), but its group admits no internet source."""
    found = _host(tmp_path, "10.0.0.0/8", floating=False)
    assert found["GDCC-NET-001"] == ("NOT_APPLICABLE", "judged on its security groups: ssh")
    assert found["GDCC-CMP-001"][0] == "UNKNOWN"
    assert found["GDCC-GRAPH-002"] == (
        "PASS", "No management port is reachable from the internet through any path"
    )


def test_a_parents_port_that_may_not_be_created_stays_unknown(tmp_path: Path) -> None:
    text = "    condition: { equals: [{ get_param: external_network }, public] }\n"
    found = _host(tmp_path, "0.0.0.0/0", floating=True, condition=text)
    assert found["GDCC-NET-001"] == ("UNKNOWN", "inbound rules are not known")
