"""Heat conditions written inline and the condition functions each ``heat_template_version``
allows (Heat's ``HOTemplate20161014`` / ``HOTemplate20170901`` ``condition_functions``:
``get_param``, ``equals``, ``not``, ``and``, ``or``; ``yaql`` and ``contains`` from
2017-09-01). A resource whose inline ``condition`` is false with the defaults was dropped
(no finding); ``contains`` was never evaluated (its condition not known)."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.models.resource import EXISTS_MAYBE
from gdcc_audit.normalize.heat.intrinsics import HotResolver, condition_functions
from gdcc_audit.normalize.heat.mapper import written_condition
from gdcc_audit.settings import Settings
from iac_helpers import run

SSH_OPEN = """\
    properties:
      rules:
        - {protocol: tcp, port_range_min: 22, port_range_max: 22,
           remote_ip_prefix: 0.0.0.0/0}
"""

INLINE = """\
heat_template_version: 2016-10-14
parameters:
  env: {type: string, default: dev}
resources:
  sg:
    type: OS::Neutron::SecurityGroup
    condition: {equals: [{get_param: env}, prod]}
""" + SSH_OPEN


def _net001(tmp_path: Path, text: str) -> list[tuple[str, Status, str]]:
    (tmp_path / "h.yaml").write_text(text, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-NET-001",)))
    return [(f.address, f.status, f.message.en) for f in result.findings]


def test_an_inline_condition_false_with_the_defaults_keeps_the_resource(
    tmp_path: Path,
) -> None:
    """``env`` has no allowed values: a deployment may give it ``prod``; the group was
    dropped (no finding)."""
    [(address, status, message)] = _net001(tmp_path, INLINE)
    assert (address, status) == ("sg", Status.FAIL)
    assert message == (
        "port 22 is open to the whole internet (0.0.0.0/0) (deployed only when condition "
        "{equals: [{get_param: env}, prod]} holds, which is false with the parameters' "
        "defaults)"
    )


def test_an_inline_not_is_read_with_another_allowed_value(tmp_path: Path) -> None:
    text = INLINE.replace(
        "env: {type: string, default: dev}",
        "env: {type: string, default: dev, constraints: [{allowed_values: [dev, prod]}]}",
    ).replace("condition: {equals: [{get_param: env}, prod]}",
              "condition: {not: {equals: [{get_param: env}, dev]}}")
    [(address, status, message)] = _net001(tmp_path, text)
    assert (address, status) == ("sg", Status.FAIL)
    assert message.endswith("(deployed only with env = 'prod')")


def test_an_inline_condition_false_whatever_the_parameters_creates_nothing(
    tmp_path: Path,
) -> None:
    text = INLINE.replace("{equals: [{get_param: env}, prod]}", "{equals: [a, b]}")
    assert _net001(tmp_path, text) == []
    assert _net001(tmp_path, INLINE.replace("{equals: [{get_param: env}, prod]}",
                                            "false")) == []


CONTAINS = """\
heat_template_version: 2018-08-31
parameters:
  env: {type: string, default: prod}
conditions:
  open: {contains: [{get_param: env}, [prod, staging]]}
resources:
  sg:
    type: OS::Neutron::SecurityGroup
    properties:
      rules:
        - {protocol: tcp, port_range_min: 22, port_range_max: 22,
           remote_ip_prefix: {if: [open, 0.0.0.0/0, 10.0.0.0/8]}}
"""


def test_contains_is_evaluated_from_2017_09_01(tmp_path: Path) -> None:
    """``contains`` was not evaluated: the rule's source was not known (UNKNOWN)."""
    [(address, status, message)] = _net001(tmp_path, CONTAINS)
    assert (address, status) == ("sg", Status.FAIL)
    assert message.startswith("port 22 is open to the whole internet (0.0.0.0/0) (value set at ")
    closed = CONTAINS.replace("default: prod", "default: dev")
    [(_, status, _)] = _net001(tmp_path, closed)
    assert status == Status.PASS


def test_a_condition_function_its_version_does_not_allow_is_not_known(
    tmp_path: Path,
) -> None:
    """Heat 2016-10-14 does not allow ``contains`` (nor ``yaql``) in a condition (the
    template is invalid): what depends on it is not known, never a PASS or FAIL."""
    old = CONTAINS.replace("2018-08-31", "2016-10-14")
    [(_, status, _)] = _net001(tmp_path, old)
    assert status == Status.UNKNOWN
    yaql = CONTAINS.replace("{contains: [{get_param: env}, [prod, staging]]}",
                            "{yaql: {expression: '$.data.e = prod', data: {e: prod}}}")
    [(_, status, _)] = _net001(tmp_path, yaql)
    assert status == Status.UNKNOWN


def test_condition_functions_by_version() -> None:
    assert "contains" not in condition_functions("2016-10-14")
    assert "contains" not in condition_functions("ocata")
    assert {"contains", "yaql"} <= condition_functions("2017-09-01")
    assert "contains" in condition_functions("queens")
    resolver = HotResolver({"heat_template_version": "2021-04-16",
                            "parameters": {"azs": {"type": "comma_delimited_list",
                                                   "default": "a,b"}}})
    assert resolver.condition({"contains": ["a", {"get_param": "azs"}]}) is True
    assert resolver.condition({"contains": ["c", {"get_param": "azs"}]}) is False
    # a condition may not use a function such as str_replace or list_join
    assert resolver.condition({"equals": [{"list_join": ["", ["a"]]}, "a"]}) is None


def test_a_long_inline_condition_is_cut() -> None:
    spec = {"or": [{"equals": [{"get_param": "env"}, f"name{i}"]} for i in range(20)]}
    assert len(written_condition(spec)) == 120
    assert written_condition(spec).endswith("…")
    assert written_condition({"not": "is_prod"}) == "{not: is_prod}"


SERVER = """\
heat_template_version: 2016-10-14
parameters:
  env: {type: string, default: dev}
  public_net: {type: string, default: public}
conditions:
  is_prod: {equals: [{get_param: env}, prod]}
resources:
  net:
    type: OS::Neutron::Net
  subnet:
    type: OS::Neutron::Subnet
    properties: {network: {get_resource: net}, cidr: 10.0.0.0/24}
  router:
    type: OS::Neutron::Router
    properties: {external_gateway_info: {network: {get_param: public_net}}}
  iface:
    type: OS::Neutron::RouterInterface
    properties: {router: {get_resource: router}, subnet: {get_resource: subnet}}
  sg:
    type: OS::Neutron::SecurityGroup
    condition: is_prod
  ssh:
    type: OS::Neutron::SecurityGroupRule
    condition: is_prod
    properties:
      security_group: {get_resource: sg}
      protocol: tcp
      port_range_min: 22
      port_range_max: 22
      remote_ip_prefix: 0.0.0.0/0
  port:
    type: OS::Neutron::Port
    condition: is_prod
    properties:
      network: {get_resource: net}
      security_groups: [{get_resource: sg}]
  server:
    type: OS::Nova::Server
    condition: is_prod
    properties:
      image: cirros
      flavor: m1.small
      networks: [{port: {get_resource: port}}]
  fip:
    type: OS::Neutron::FloatingIP
    condition: is_prod
    properties:
      floating_network: {get_param: public_net}
      port_id: {get_resource: port}
"""

HELD = "(deployed only when condition is_prod holds, which is false with the parameters' defaults)"


def test_held_resources_are_linked_among_themselves(tmp_path: Path) -> None:
    """A server, its port, floating IP, group and the group's rule, all created only when
    ``is_prod`` holds (``env`` has no allowed values): the floating IP makes the server
    public and the rule is its group's, so the path from the internet shows (they were
    linked to nothing: CMP-001 UNKNOWN, GRAPH-002 UNKNOWN on nine ports, the rule judged on
    its own and the group PASS)."""
    (tmp_path / "h.yaml").write_text(SERVER, encoding="utf-8")
    rules = ("GDCC-NET-001", "GDCC-CMP-001", "GDCC-GRAPH-002")
    result = audit([tmp_path], Settings(rule_ids=rules))
    found = {(f.rule_id, f.address): (f.status, f.message.en) for f in result.findings}
    group = found.pop(("GDCC-NET-001", "sg"))
    assert group[0] == Status.FAIL
    assert group[1].startswith(
        "port 22 is open to the whole internet (0.0.0.0/0); opened by ssh at ")
    assert group[1].endswith(f"h.yaml:22 {HELD}")
    assert found.pop(("GDCC-NET-001", "server"))[0] == Status.NOT_APPLICABLE  # its group's
    assert found == {
        ("GDCC-CMP-001", "server"): (Status.FAIL, f"it has a public IP address {HELD}"),
        ("GDCC-GRAPH-002", "server"): (
            Status.FAIL,
            f"management port 22 reachable from the internet: internet → server:22 {HELD}"),
    }
    [path] = [f for f in result.findings if f.rule_id == "GDCC-GRAPH-002"]
    assert path.evidence["path_hops"][1]["certain"] is True


def test_a_held_floating_ip_makes_no_default_server_public(tmp_path: Path) -> None:
    """The server, its port and group are created with the defaults; the floating IP and
    the open rule only when ``is_prod`` holds: the server is not known to be public (it
    was private, a PASS the deployment where ``is_prod`` holds does not earn); the rule stays
    its own resource, judged with its condition, and opens not the group."""
    text = SERVER
    for name in ("sg", "port", "server"):
        text = text.replace(f"  {name}:\n    type: {_type(name)}\n    condition: is_prod\n",
                            f"  {name}:\n    type: {_type(name)}\n")
    (tmp_path / "h.yaml").write_text(text, encoding="utf-8")
    rules = ("GDCC-NET-001", "GDCC-CMP-001")
    result = audit([tmp_path], Settings(rule_ids=rules))
    found = {(f.rule_id, f.address): f.status for f in result.findings}
    assert found == {
        ("GDCC-NET-001", "sg"): Status.PASS,
        ("GDCC-NET-001", "ssh"): Status.FAIL,
        ("GDCC-NET-001", "server"): Status.NOT_APPLICABLE,
        ("GDCC-CMP-001", "server"): Status.UNKNOWN,
    }
    [public] = [f for f in result.findings if f.rule_id == "GDCC-CMP-001"]
    assert public.message.en == (
        "whether it has a public IP address is not known from the input: a floating IP "
        "that only a "
        "condition false with the parameters' defaults creates is associated with it")


def _type(name: str) -> str:
    return {"sg": "OS::Neutron::SecurityGroup", "port": "OS::Neutron::Port",
            "server": "OS::Nova::Server"}[name]


def _not_known(together: bool) -> str:
    """SERVER with ``env`` without a default: ``is_prod`` not known. Only the floating IP
    (and, ``together``, its server and port) under it."""
    text = SERVER.replace("env: {type: string, default: dev}", "env: {type: string}")
    kept = ("sg", "ssh") if together else ("sg", "ssh", "port", "server")
    for name in kept:
        kind = "OS::Neutron::SecurityGroupRule" if name == "ssh" else _type(name)
        text = text.replace(f"  {name}:\n    type: {kind}\n    condition: is_prod\n",
                            f"  {name}:\n    type: {kind}\n")
    return text


def test_a_condition_not_known_marks_the_resource_as_perhaps_not_created(
    tmp_path: Path,
) -> None:
    """``is_prod`` reads ``env``, which has no default: the floating IP may not be created
    (``EXISTS_MAYBE``, as CloudFormation's ``Condition X not known``), so the server it
    names is not known to be public (it was public for certain: CMP-001 and GRAPH-002 FAIL
    with the floating IP perhaps absent)."""
    (tmp_path / "h.yaml").write_text(_not_known(together=False), encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-CMP-001", "GDCC-GRAPH-002")))
    resources, _, _ = run(tmp_path / "h.yaml")
    assert {k: r.attributes[EXISTS_MAYBE] for k, r in resources.items()
            if EXISTS_MAYBE in r.attributes} == {"fip": "condition is_prod not known"}
    found = {(f.rule_id, f.address): (f.status, f.message.en) for f in result.findings}
    assert found == {
        ("GDCC-CMP-001", "server"): (
            Status.UNKNOWN,
            "whether it has a public IP address is not known from the input: a floating IP "
            "that may not be created (fip: condition is_prod not known) is associated with it"),
        ("GDCC-GRAPH-002", "server"): (
            Status.UNKNOWN,
            "management port 22 reachable from the internet if what is not known allows it: "
            "internet → server:22"),
    }
    [public] = [f for f in result.findings if f.rule_id == "GDCC-CMP-001"]
    assert "(fip: ไม่ทราบว่าเงื่อนไข is_prod เป็นจริงหรือไม่)" in public.message.th


def test_a_floating_ip_under_its_servers_condition_makes_it_public(tmp_path: Path) -> None:
    """The server, its port and the floating IP under the same condition not known: created
    together, the server is public whenever it exists (FAIL as before)."""
    (tmp_path / "h.yaml").write_text(_not_known(together=True), encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-CMP-001", "GDCC-GRAPH-002")))
    found = {(f.rule_id, f.address): f.status for f in result.findings}
    assert found == {("GDCC-CMP-001", "server"): Status.FAIL,
                     ("GDCC-GRAPH-002", "server"): Status.FAIL}
    resources, _, _ = run(tmp_path / "h.yaml")
    assert {k for k, r in resources.items() if EXISTS_MAYBE in r.attributes} == {
        "server", "fip"}  # the port is no resource of its own
