"""A Heat server (or its port) whose ``security_groups`` list a group of the template beside
one that is not (a ``get_param``, a group's name) was judged on the template's group alone:
pnda-heat-templates' jupyter node, on a network given as a parameter, in an ICMP-only group
of its template and in ``{get_param: pnda_secgroup}``, PASSed GDCC-GRAPH-002 "No management
port is reachable from the internet", though the other group may open SSH. Such a member is
now a group not in the scan (``GROUPS_NOT_IN_SCAN``, as CloudFormation and Terraform lists
are read): an uncertain way in on every port. ``default`` beside a group of the template
counts so too (the graph places a server in the project's default group only when it names
no other group)."""

from __future__ import annotations

from pathlib import Path

import pytest

from gdcc_audit import Settings, audit

TEMPLATE = """\
heat_template_version: 2015-10-15
parameters:
  private_net:
    type: string
  extra_secgroup:
    type: string
resources:
  sec_group:
    type: OS::Neutron::SecurityGroup
    properties:
      name: icmp-only
      rules:
        - remote_ip_prefix: 0.0.0.0/0
          protocol: icmp
  port:
    type: OS::Neutron::Port
    properties:
      network: { get_param: private_net }
      security_groups: PORT_GROUPS
  server:
    type: OS::Nova::Server
    properties:
      image: ubuntu
      flavor: m1.small
      networks:
        - port: { get_resource: port }
"""

SERVER = """\
heat_template_version: 2015-10-15
parameters:
  private_net:
    type: string
  extra_secgroup:
    type: string
resources:
  sec_group:
    type: OS::Neutron::SecurityGroup
    properties:
      rules:
        - remote_ip_prefix: 0.0.0.0/0
          protocol: icmp
  server:
    type: OS::Nova::Server
    properties:
      image: ubuntu
      flavor: m1.small
      networks: [{ network: { get_param: private_net } }]
      security_groups: [{ get_resource: sec_group }, { get_param: extra_secgroup }]
"""


def _graph(tmp_path: Path, text: str) -> tuple[str, str]:
    (tmp_path / "stack.yaml").write_text(text, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-002",), cache=False))
    (found,) = [f for f in result.findings if f.address == "server"]
    return found.status.value, found.message.en


@pytest.mark.parametrize("groups", [
    "[{ get_resource: sec_group }, { get_param: extra_secgroup }]",
    "[{ get_resource: sec_group }, web-admins]",
    # the project's default group beside a group of the template: the graph reads its
    # membership only when a server names no other group, so it is a group not read
    "[{ get_resource: sec_group }, default]",
])
def test_a_port_in_a_group_of_the_template_and_another_is_not_judged_on_the_first(
    tmp_path: Path, groups: str
) -> None:
    status, message = _graph(tmp_path, TEMPLATE.replace("PORT_GROUPS", groups))
    assert status == "UNKNOWN"
    assert message.startswith("management ports 22, 3389")
    assert message.endswith("if what is not known allows it: internet → server:22")


def test_a_server_listing_both_is_not_judged_on_the_first(tmp_path: Path) -> None:
    assert _graph(tmp_path, SERVER)[0] == "UNKNOWN"


@pytest.mark.parametrize("groups", [
    "[{ get_resource: sec_group }]",
    "[{ get_resource: sec_group }, icmp-only]",  # the template's group by its name
])
def test_groups_of_the_template_still_pass(
    tmp_path: Path, groups: str
) -> None:
    assert _graph(tmp_path, TEMPLATE.replace("PORT_GROUPS", groups)) == (
        "PASS", "No management port is reachable from the internet through any path"
    )


ONLY_DEFAULT = TEMPLATE.replace("PORT_GROUPS", "[default]")
EDGE = """\
heat_template_version: 2015-10-15
parameters:
  groups:
    type: comma_delimited_list
resources:
  port:
    type: OS::Neutron::Port
    properties:
      network: public-net
      security_groups: { get_param: groups }
  edge:
    type: OS::Nova::Server
    properties:
      image: ubuntu
      flavor: m1.small
      networks: [{ port: { get_resource: port } }]
"""


def test_a_port_naming_only_default_is_in_the_default_group(tmp_path: Path) -> None:
    """A port whose ``security_groups`` are ``[default]`` is in the project's default group
    (documented rules: only its members get in), as a port naming none is: it was read as
    filtering not known (UNKNOWN GDCC-NET-001 "inbound rules are not known", GDCC-GRAPH-002
    UNKNOWN). A server of the scan whose groups are not known may be a member: then UNKNOWN."""
    (tmp_path / "stack.yaml").write_text(ONLY_DEFAULT, encoding="utf-8")
    rules = ("GDCC-GRAPH-002", "GDCC-NET-001")
    result = audit([tmp_path], Settings(rule_ids=rules, cache=False))
    found = {(f.rule_id, f.address): (f.status.value, f.message.en) for f in result.findings}
    assert found[("GDCC-GRAPH-002", "server")] == (
        "PASS", "No management port is reachable from the internet through any path"
    )
    status, message = found[("GDCC-NET-001", "server")]
    assert status == "PASS"
    assert message.startswith("it names only the default security group, so it is in the "
                              "default security group of its project")
    (tmp_path / "edge.yaml").write_text(EDGE, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-002",), cache=False))
    (inner,) = [f for f in result.findings if f.address == "server"]
    assert inner.status.value == "UNKNOWN"
    assert inner.message.en.endswith("internet → edge → server:22")


TWO_PORTS = """\
heat_template_version: 2018-08-31
resources:
  sg:
    type: OS::Neutron::SecurityGroup
    properties:
      rules:
        - protocol: icmp
  porta:
    type: OS::Neutron::Port
    properties:
      network: private
  portb:
    type: OS::Neutron::Port
    properties:
      network: private
      security_groups: [{ get_resource: sg }]
  server:
    type: OS::Nova::Server
    properties:
      image: ubuntu
      flavor: m1.small
      networks: [{ port: { get_resource: porta } }, { port: { get_resource: portb } }]
"""


def test_a_port_in_the_default_group_beside_a_port_in_a_group_of_the_template(
    tmp_path: Path,
) -> None:
    """The port naming no group is in the project's default group, which admits its members
    on every port (``edge``, whose groups are a parameter, may be one): the server was judged
    on the other port's ICMP-only group alone and PASSed."""
    (tmp_path / "stack.yaml").write_text(TWO_PORTS, encoding="utf-8")
    (tmp_path / "edge.yaml").write_text(EDGE, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-002",), cache=False))
    (server,) = [f for f in result.findings if f.address == "server"]
    assert server.status.value == "UNKNOWN"
