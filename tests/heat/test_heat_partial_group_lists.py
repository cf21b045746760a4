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
