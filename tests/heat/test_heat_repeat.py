"""Heat's ``repeat`` function was read as a value not known, so a security group whose rules
a ``repeat`` writes (binerogroup/heat-templates' MySQL, MongoDB and PostgreSQL clusters:
``rules: {repeat: {for_each: {<%port%>: ['3306', '33060']}, template: {...}}}``) was UNKNOWN
GDCC-NET-001 "inbound rules are not known", whatever it opened. ``repeat`` is now evaluated
as Heat does (heat/engine/hot/functions.py ``Repeat``): one copy of the template for each
combination of the ``for_each`` values (in turn with ``permutations: false``), each variable
replaced in the template's strings; a list not known stays UNKNOWN."""

from __future__ import annotations

from pathlib import Path

import pytest

from gdcc_audit import Settings, audit
from gdcc_audit.normalize.heat.intrinsics import HotResolver

TEMPLATE = """\
heat_template_version: 2018-08-31
parameters:
  ports:
    type: comma_delimited_list
  replica_nodes:
    type: number
    default: 1
conditions:
  self_mode:
    equals: [ 1, { get_param: replica_nodes } ]
resources:
  cluster:
    type: OS::Neutron::SecurityGroup
    properties:
      rules:
        repeat:
          for_each:
            <%port%>: [ '3306', '33060' ]
          template:
            protocol: tcp
            port_range_min: <%port%>
            port_range_max: <%port%>
            remote_mode: { if: [ self_mode, remote_group_id, remote_ip_prefix ] }
  admin:
    type: OS::Neutron::SecurityGroup
    properties:
      rules:
        repeat:
          for_each:
            <%port%>: [ '22', '443' ]
            <%cidr%>: [ 10.0.0.0/8, 0.0.0.0/0 ]
          template:
            protocol: tcp
            port_range_min: <%port%>
            port_range_max: <%port%>
            remote_ip_prefix: <%cidr%>
  paired:
    type: OS::Neutron::SecurityGroup
    properties:
      rules:
        repeat:
          for_each:
            <%port%>: [ '22', '443' ]
            <%cidr%>: [ 10.0.0.0/8, 0.0.0.0/0 ]
          permutations: false
          template:
            protocol: tcp
            port_range_min: <%port%>
            port_range_max: <%port%>
            remote_ip_prefix: <%cidr%>
  given:
    type: OS::Neutron::SecurityGroup
    properties:
      rules:
        repeat:
          for_each:
            <%port%>: { get_param: ports }
          template:
            protocol: tcp
            port_range_min: <%port%>
            port_range_max: <%port%>
            remote_ip_prefix: 0.0.0.0/0
"""


def test_rules_written_by_repeat_are_judged(tmp_path: Path) -> None:
    (tmp_path / "stack.yaml").write_text(TEMPLATE, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-NET-001",), cache=False))
    found = {f.address: (f.status.value, f.message.en) for f in result.findings}
    assert found == {
        # the cluster's own members only (remote_group_id without an id: the group itself)
        "cluster": ("PASS", "Management ports are not open to the internet"),
        # every combination: 22 from 0.0.0.0/0 among them
        "admin": ("FAIL", "port 22 is open to the whole internet (0.0.0.0/0)"),
        # in turn: 22 from 10.0.0.0/8, 443 from anywhere
        "paired": ("PASS", "Management ports are not open to the internet"),
        # a list not known
        "given": ("UNKNOWN", "inbound rules are not known"),
    }


@pytest.mark.parametrize(("arg", "expected"), [
    ({"for_each": {"%n%": ["a", "b"]}, "template": {"name": "x-%n%", "%n%_k": 1}},
     [{"name": "x-a", "a_k": 1}, {"name": "x-b", "b_k": 1}]),
    ({"for_each": {"%a%": ["1", "2"], "%b%": ["x", "y", "z"]}, "permutations": False,
      "template": "%a%%b%"}, None),
    ({"for_each": {"%a%": ["1"] * 20, "%b%": ["x"] * 20}, "template": "%a%%b%"}, None),
])
def test_the_function(arg: object, expected: object) -> None:
    resolved = HotResolver({"heat_template_version": "2018-08-31"}).resolve({"repeat": arg})
    if expected is None:  # lists of different lengths in turn; more than 256 copies
        assert not isinstance(resolved, list)
    else:
        assert resolved == expected
