"""A Heat template used as a resource type (a file, a URL, a name an environment's
``resource_registry`` maps; also inside an ``OS::Heat::ResourceGroup`` /
``AutoScalingGroup``) is judged with the properties its parents pass
(``normalize/heat/nesting.py``), not with its own parameter defaults."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.result import AuditResult
from gdcc_audit.settings import Settings

PARENT = """\
heat_template_version: 2018-08-31
parameters:
  access:
    type: string
    default: 0.0.0.0/0
resources:
  bastion:
    type: lib/server.yaml
    properties:
      allowed: { get_param: access }
      flavor: m1.small
"""

#: The child opens SSH to ``allowed`` only; its default is a private range.
CHILD = """\
heat_template_version: 2018-08-31
parameters:
  allowed:
    type: string
    default: 10.0.0.0/8
  flavor:
    type: string
resources:
  ssh:
    type: OS::Neutron::SecurityGroup
    properties:
      rules:
        - protocol: tcp
          port_range_min: 22
          port_range_max: 22
          remote_ip_prefix: { get_param: allowed }
  server:
    type: OS::Nova::Server
    properties:
      image: ubuntu
      flavor: { get_param: flavor }
      networks: [{ network: public }]
      security_groups: [{ get_resource: ssh }]
"""

RULES = ("GDCC-NET-001",)


def _verdicts(result: AuditResult, rule: str = "GDCC-NET-001") -> dict[str, tuple[str, str]]:
    return {
        str(f.address): (f.status.value, f.message.en)
        for f in result.findings
        if f.rule_id == rule
    }


def _write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")


def test_a_child_template_file_takes_what_the_parent_passes(tmp_path: Path) -> None:
    # Was PASS: the child's default admits 10.0.0.0/8 only, the parent passes 0.0.0.0/0.
    _write(tmp_path, {"main.yaml": PARENT, "lib/server.yaml": CHILD})
    result = audit([tmp_path], Settings(rule_ids=RULES))
    status, message = _verdicts(result)["ssh"]
    assert status == "FAIL"
    assert message.startswith("port 22 is open to the whole internet (0.0.0.0/0)")
    assert result.modules_not_read == ()
    child = str(tmp_path / "lib" / "server.yaml")
    inputs = {i.path: i for i in result.inputs}
    assert inputs[child].warnings == (
        f"judged with the properties that {tmp_path / 'main.yaml'}:7 (bastion) passes: its "
        "type 'lib/server.yaml' is a path relative to the parent",
    )


def test_a_child_no_parent_uses_keeps_its_defaults(tmp_path: Path) -> None:
    _write(tmp_path, {"lib/server.yaml": CHILD})
    result = audit([tmp_path], Settings(rule_ids=RULES))
    assert _verdicts(result)["ssh"][0] == "PASS"


GROUP_PARENT = """\
heat_template_version: 2018-08-31
parameters:
  access:
    type: string
    default: 0.0.0.0/0
resources:
  web:
    type: OS::Heat::ResourceGroup
    properties:
      count: 2
      resource_def:
        type: lib/server.yaml
        properties:
          name: web-%index%
          allowed: { get_param: access }
          external: ext-net
          network: private-net
"""

#: SSH open to ``allowed``; a floating IP on ``external`` when one is named.
GROUP_CHILD = """\
heat_template_version: 2018-08-31
parameters:
  name:
    type: string
    default: server
  allowed:
    type: string
    default: 10.0.0.0/8
  external:
    type: string
    default: ""
  network:
    type: string
    default: private
conditions:
  public: { not: { equals: [{ get_param: external }, ""] } }
resources:
  ssh:
    type: OS::Neutron::SecurityGroup
    properties:
      rules:
        - protocol: tcp
          port_range_min: 22
          port_range_max: 22
          remote_ip_prefix: { get_param: allowed }
  port:
    type: OS::Neutron::Port
    properties:
      network: { get_param: network }
      security_groups: [{ get_resource: ssh }]
  server:
    type: OS::Nova::Server
    properties:
      name: { get_param: name }
      image: ubuntu
      flavor: m1.small
      networks: [{ port: { get_resource: port } }]
  fip:
    type: OS::Neutron::FloatingIP
    condition: public
    properties:
      floating_network: { get_param: external }
      port_id: { get_resource: port }
"""


def test_a_resource_group_of_a_template_file_passes_its_definition(tmp_path: Path) -> None:
    # Was NET-001 PASS, GRAPH-002 PASS, CMP-001 UNKNOWN: the child's defaults keep SSH to
    # 10.0.0.0/8 and make no floating IP; each member the group makes gets 0.0.0.0/0 and one.
    _write(tmp_path, {"main.yaml": GROUP_PARENT, "lib/server.yaml": GROUP_CHILD})
    rules = ("GDCC-NET-001", "GDCC-CMP-001", "GDCC-GRAPH-002")
    result = audit([tmp_path], Settings(rule_ids=rules))
    found = {(f.rule_id, f.address): (f.status.value, f.message.en) for f in result.findings}
    assert found[("GDCC-NET-001", "ssh")][0] == "FAIL"
    assert found[("GDCC-CMP-001", "server")] == ("FAIL", "it has a public IP address")
    assert found[("GDCC-GRAPH-002", "server")] == (
        "FAIL", "management port 22 reachable from the internet: internet → server:22"
    )
    assert result.modules_not_read == ()
    (child,) = [i for i in result.inputs if i.path.endswith("server.yaml")]
    assert child.warnings == (
        f"judged with the properties that {tmp_path / 'main.yaml'}:7 (web) passes: its type "
        "'lib/server.yaml' is a path relative to the parent",
    )


URL_PARENT = """\
heat_template_version: 2018-08-31
resources:
  replica:
    type: https://raw.githubusercontent.com/example/heat/main/db/server.yaml
    properties:
      allowed: 0.0.0.0/0
"""


def test_a_child_named_by_url_is_the_scanned_file_its_path_ends_with(tmp_path: Path) -> None:
    _write(tmp_path, {"db/main.yaml": URL_PARENT, "db/server.yaml": CHILD})
    result = audit([tmp_path], Settings(rule_ids=RULES))
    assert _verdicts(result)["ssh"][0] == "FAIL"
    (child,) = [i for i in result.inputs if i.path.endswith("server.yaml")]
    assert child.warnings == (
        f"judged with the properties that {tmp_path / 'db' / 'main.yaml'}:3 (replica) passes: "
        "its type's key path ends with 'db/server.yaml'",
    )
    assert result.modules_not_read == ()


STACK_PARENTS = """\
heat_template_version: 2018-08-31
resources:
  open:
    type: OS::Heat::Stack
    properties:
      template: { get_file: lib/server.yaml }
      parameters:
        allowed: 0.0.0.0/0
  closed:
    type: lib/server.yaml
    properties:
      allowed: 192.168.0.0/16
"""


def test_parents_that_disagree_make_the_value_unknown(tmp_path: Path) -> None:
    # one OS::Heat::Stack (get_file) opens SSH to everyone, another use keeps it private:
    # never the PASS of the private one
    _write(tmp_path, {"main.yaml": STACK_PARENTS, "lib/server.yaml": CHILD})
    result = audit([tmp_path], Settings(rule_ids=RULES))
    assert _verdicts(result)["ssh"][0] == "UNKNOWN"
    assert result.modules_not_read == ()


CONSTRAINED = CHILD.replace(
    "    default: 10.0.0.0/8\n",
    "    default: 10.0.0.0/8\n    constraints:\n      - allowed_pattern: '10\\..*'\n",
)


def test_a_value_the_child_refuses_is_unknown(tmp_path: Path) -> None:
    _write(tmp_path, {"main.yaml": PARENT, "lib/server.yaml": CONSTRAINED})
    result = audit([tmp_path], Settings(rule_ids=RULES))
    assert _verdicts(result)["ssh"][0] == "UNKNOWN"


REGISTRY_PARENT = """\
heat_template_version: 2018-08-31
resources:
  bastion:
    type: Example::Server
    properties:
      allowed: 0.0.0.0/0
"""
ENVIRONMENT = """\
resource_registry:
  "Example::Server": ../lib/server.yaml
parameter_defaults:
  flavor: m1.small
"""


def test_a_type_an_environment_maps_to_a_template_is_that_template(tmp_path: Path) -> None:
    # Was PASS (the child on its defaults) and the parent's type "not judged".
    _write(
        tmp_path,
        {"main.yaml": REGISTRY_PARENT, "env/prod.yaml": ENVIRONMENT, "lib/server.yaml": CHILD},
    )
    result = audit([tmp_path], Settings(rule_ids=RULES))
    assert _verdicts(result)["ssh"][0] == "FAIL"
    assert result.not_judged == {}
    assert result.modules_not_read == ()
    inputs = {i.path: i for i in result.inputs}
    assert inputs[str(tmp_path / "env" / "prod.yaml")].status.value == "assessed"
    assert inputs[str(tmp_path / "lib" / "server.yaml")].warnings == (
        f"judged with the properties that {tmp_path / 'main.yaml'}:3 (bastion) passes: the "
        f"environment {tmp_path / 'env' / 'prod.yaml'} maps its type 'Example::Server' to "
        "'../lib/server.yaml'",
    )


def test_a_registered_template_not_in_the_scan_is_listed_not_read(tmp_path: Path) -> None:
    _write(tmp_path, {"main.yaml": REGISTRY_PARENT, "env/prod.yaml": ENVIRONMENT})
    result = audit([tmp_path], Settings(rule_ids=RULES))
    assert result.not_judged == {}
    assert [(m.address, m.source, m.reason) for m in result.modules_not_read] == [
        ("bastion", "../lib/server.yaml", "nested template: not in the scan")
    ]


def test_a_group_whose_type_is_a_function_is_not_a_crash(tmp_path: Path) -> None:
    group = (
        "heat_template_version: 2018-08-31\nparameters:\n  t: {type: string}\nresources:\n"
        "  g:\n    type: OS::Heat::ResourceGroup\n    properties:\n      resource_def:\n"
        "        type: {get_param: t}\n"
    )
    _write(tmp_path, {"main.yaml": group, "env.yaml": ENVIRONMENT})
    result = audit([tmp_path], Settings(rule_ids=RULES))
    assert [i.status.value for i in result.inputs] == ["assessed", "assessed"]


def test_an_environment_with_a_key_written_twice_reads_as_heat_reads_it(tmp_path: Path) -> None:
    # Heat's environment_format loads with template_format's YAML loader: the last value wins
    twice = ENVIRONMENT.replace(
        'resource_registry:\n', 'resource_registry:\n  "Example::Server": OS::Heat::None\n'
    )
    _write(tmp_path, {"main.yaml": REGISTRY_PARENT, "env/prod.yaml": twice,
                      "lib/server.yaml": CHILD})
    result = audit([tmp_path], Settings(rule_ids=RULES))
    assert _verdicts(result)["ssh"][0] == "FAIL"
    env = {i.path: i for i in result.inputs}[str(tmp_path / "env" / "prod.yaml")]
    assert env.status.value == "assessed"
    assert "keeping the last value" in env.warnings[0]


OUTPUT_PARENT = """\
heat_template_version: 2018-08-31
resources:
  security:
    type: lib/groups.yaml
    properties:
      admin_cidr: 0.0.0.0/0
  net:
    type: OS::Neutron::Net
  port:
    type: OS::Neutron::Port
    properties:
      network: { get_resource: net }
      security_groups: [{ get_attr: [security, ssh_group] }]
  server:
    type: OS::Nova::Server
    properties:
      image: ubuntu
      flavor: m1.small
      networks: [{ port: { get_resource: port } }]
  fip:
    type: OS::Neutron::FloatingIP
    properties:
      floating_network: public
      port_id: { get_resource: port }
  office:
    type: OS::Neutron::SecurityGroup
    properties:
      rules:
        - protocol: tcp
          port_range_min: 3389
          port_range_max: 3389
          remote_ip_prefix: { get_attr: [security, office] }
"""
OUTPUT_CHILD = """\
heat_template_version: 2018-08-31
parameters:
  admin_cidr:
    type: string
    default: 10.0.0.0/8
  office_cidr:
    type: string
    default: 0.0.0.0/0
resources:
  ssh:
    type: OS::Neutron::SecurityGroup
    properties:
      rules:
        - protocol: tcp
          port_range_min: 22
          port_range_max: 22
          remote_ip_prefix: { get_param: admin_cidr }
outputs:
  ssh_group:
    value: { get_resource: ssh }
  office:
    value: { get_param: office_cidr }
"""


def test_a_child_output_is_its_value_in_the_parent(tmp_path: Path) -> None:
    # Was: the parent's server "inbound rules are not known" (UNKNOWN; its group, returned by
    # the child, was not linked) and the office rule's source not known (UNKNOWN).
    _write(tmp_path, {"main.yaml": OUTPUT_PARENT, "lib/groups.yaml": OUTPUT_CHILD})
    rules = ("GDCC-NET-001", "GDCC-GRAPH-002")
    result = audit([tmp_path], Settings(rule_ids=rules))
    found = {(f.rule_id, f.address): (f.status.value, f.message.en) for f in result.findings}
    assert found[("GDCC-NET-001", "server")] == (
        "NOT_APPLICABLE", "judged on its security groups: ssh"
    )
    # the source is the child's default, read through its output: the line a user changes
    assert found[("GDCC-NET-001", "office")] == (
        "FAIL", "port 3389 is open to the whole internet (0.0.0.0/0) "
        f"(value set at {tmp_path / 'lib' / 'groups.yaml'}:8)"
    )
    assert found[("GDCC-NET-001", "ssh")][0] == "FAIL"
    # only the port the child's group opens (was every management port: groups not known)
    assert found[("GDCC-GRAPH-002", "server")][1].startswith(
        "management port 22 reachable from the internet"
    )


PASSING_PARENT = """\
heat_template_version: 2018-08-31
resources:
  admin:
    type: OS::Neutron::SecurityGroup
    properties:
      rules:
        - protocol: tcp
          port_range_min: 22
          port_range_max: 22
          remote_ip_prefix: 0.0.0.0/0
  bastion:
    type: lib/server.yaml
    properties:
      groups: [{ get_resource: admin }]
"""
PASSED_TO = """\
heat_template_version: 2018-08-31
parameters:
  groups:
    type: comma_delimited_list
    default: [default]
resources:
  server:
    type: OS::Nova::Server
    properties:
      image: ubuntu
      flavor: m1.small
      networks: [{ network: public }]
      security_groups: { get_param: groups }
"""


def test_a_resource_the_parent_passes_is_that_resource_in_the_child(tmp_path: Path) -> None:
    # Was UNKNOWN "inbound rules are not known": the group the parent passes was not known
    # in the child (and never the child's default group).
    _write(tmp_path, {"main.yaml": PASSING_PARENT, "lib/server.yaml": PASSED_TO})
    result = audit([tmp_path], Settings(rule_ids=RULES))
    assert _verdicts(result)["server"] == ("NOT_APPLICABLE", "judged on its security groups: admin")


TOP = """\
heat_template_version: 2018-08-31
resources:
  middle:
    type: mid.yaml
    properties:
      public: true
"""
MIDDLE = """\
heat_template_version: 2018-08-31
parameters:
  public:
    type: boolean
    default: false
conditions:
  exposed: { get_param: public }
resources:
  bastion:
    type: lib/server.yaml
    condition: exposed
    properties:
      allowed: 0.0.0.0/0
"""


def test_a_nested_resource_whose_condition_a_parent_turns_on_passes_its_values(
    tmp_path: Path,
) -> None:
    # Was PASS: the middle template's condition was read with its own default (false), so
    # the bastion's template kept its default range; the top template turns it on.
    _write(tmp_path, {"main.yaml": TOP, "mid.yaml": MIDDLE, "lib/server.yaml": CHILD})
    result = audit([tmp_path], Settings(rule_ids=RULES))
    assert _verdicts(result)["ssh"][0] == "FAIL"


def test_a_nested_resource_whose_condition_is_false_passes_nothing(tmp_path: Path) -> None:
    _write(tmp_path, {"mid.yaml": MIDDLE, "lib/server.yaml": CHILD})
    result = audit([tmp_path], Settings(rule_ids=RULES))
    assert _verdicts(result)["ssh"][0] == "PASS"  # not deployed by mid.yaml: its own defaults
    (child,) = [i for i in result.inputs if i.path.endswith("server.yaml")]
    assert child.warnings == ()


def test_a_resource_group_of_no_member_passes_nothing(tmp_path: Path) -> None:
    empty = GROUP_PARENT.replace("count: 2", "count: 0")
    _write(tmp_path, {"main.yaml": empty, "lib/server.yaml": GROUP_CHILD})
    result = audit([tmp_path], Settings(rule_ids=RULES))
    assert _verdicts(result)["ssh"][0] == "PASS"  # deployed by no parent: its own defaults


def test_a_value_the_parent_takes_from_its_parameter_points_at_its_default(
    tmp_path: Path,
) -> None:
    """``allowed: { get_param: access }``: the parent's parameter default is where the value
    is written (it pointed at the ``get_param`` line); a literal the parent passes: its line."""
    literal = PARENT.replace("allowed: { get_param: access }", "allowed: 0.0.0.0/0")
    _write(
        tmp_path,
        {
            "main.yaml": PARENT,
            "lib/server.yaml": CHILD,
            "other/main.yaml": literal,
            "other/lib/server.yaml": CHILD,
        },
    )
    result = audit([tmp_path], Settings(rule_ids=RULES))
    found = sorted(
        f.message.en.rpartition("(value set at ")[2] for f in result.findings if f.address == "ssh"
    )
    assert found == [f"{tmp_path}/main.yaml:5)", f"{tmp_path}/other/main.yaml:10)"]
