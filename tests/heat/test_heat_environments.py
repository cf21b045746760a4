"""Heat environment files' ``parameters`` / ``parameter_defaults``: a template is judged with
its own values and with each environment of the scan that is for it
(``normalize/heat/environments.py``): the same verdict -> that one; a FAIL with one -> FAIL
naming the environment and the line; else UNKNOWN naming each (never a PASS on the template's
defaults that an environment of the scan turns into a FAIL)."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Finding
from gdcc_audit.settings import Settings

#: SSH open to ``allowed`` only; its default is a private range.
SERVER = """\
heat_template_version: 2018-08-31
parameters:
  allowed:
    type: string
    default: 10.0.0.0/8
    constraints:
      - allowed_pattern: "[0-9./]+"
resources:
  ssh:
    type: OS::Neutron::SecurityGroup
    properties:
      rules:
        - protocol: tcp
          port_range_min: 22
          port_range_max: 22
          remote_ip_prefix: { get_param: allowed }
"""

OPENING = """\
parameters:
  allowed: 0.0.0.0/0
"""

PRIVATE = """\
parameter_defaults:
  allowed: 192.168.0.0/16
"""


def _finding(root: Path, address: str = "ssh", rule: str = "GDCC-NET-001") -> Finding:
    result = audit([root], Settings(rule_ids=(rule,)))
    return next(f for f in result.findings if f.rule_id == rule and f.address == address)


def _write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")


def test_an_environment_that_opens_the_port_makes_it_fail(tmp_path: Path) -> None:
    # Was PASS on the template's default (10.0.0.0/8); deployed with env/prod.yaml (a
    # subfolder of the template's), SSH is open to everyone.
    _write(tmp_path, {"server.yaml": SERVER, "env/prod.yaml": OPENING,
                      "env/lab.yaml": PRIVATE})
    env = tmp_path / "env" / "prod.yaml"
    finding = _finding(tmp_path)
    assert finding.status.value == "FAIL"
    assert finding.message.en == (
        "port 22 is open to the whole internet (0.0.0.0/0) "
        f"(with the environment file {env}) (value set at {env}:2)"
    )
    assert finding.evidence["variants"] == {
        "with the template's own parameter values": "PASS",
        f"with the environment file {env}": "FAIL",
        f"with the environment file {tmp_path / 'env' / 'lab.yaml'}": "PASS",
    }


def test_every_environment_passing_is_a_pass(tmp_path: Path) -> None:
    _write(tmp_path, {"server.yaml": SERVER, "lab-env.yaml": PRIVATE})
    assert _finding(tmp_path).status.value == "PASS"


def test_a_value_the_template_refuses_is_not_a_way_to_deploy_it(tmp_path: Path) -> None:
    _write(tmp_path, {"server.yaml": SERVER, "env.yaml": "parameters:\n  allowed: any\n"})
    finding = _finding(tmp_path)
    assert finding.status.value == "PASS"
    assert "variants" not in finding.evidence


def test_an_environment_elsewhere_is_not_for_the_template(tmp_path: Path) -> None:
    _write(tmp_path, {"a/server.yaml": SERVER, "b/prod.yaml": OPENING})
    assert _finding(tmp_path).status.value == "PASS"


UNSET = SERVER.replace("    default: 10.0.0.0/8\n", "")


def test_verdicts_that_differ_without_a_fail_are_unknown_naming_each(tmp_path: Path) -> None:
    # The template has no default (UNKNOWN), the environment gives a private range (PASS).
    _write(tmp_path, {"server.yaml": UNSET, "lab-env.yaml": PRIVATE})
    finding = _finding(tmp_path)
    assert finding.status.value == "UNKNOWN"
    assert finding.message.en == (
        "the verdict depends on how the template is deployed: UNKNOWN with the template's own "
        f"parameter values; PASS with the environment file {tmp_path / 'lab-env.yaml'}"
    )


PARENT = """\
heat_template_version: 2018-08-31
parameters:
  access:
    type: string
    default: 10.0.0.0/8
resources:
  bastion:
    type: My::Server
    properties:
      allowed: { get_param: access }
"""

REGISTRY = """\
resource_registry:
  My::Server: ../lib/server.yaml
parameters:
  access: 0.0.0.0/0
"""


def test_a_parent_value_an_environment_sets_reaches_the_child(tmp_path: Path) -> None:
    # The environment (a sibling folder, linked by its registry) sets the parent's
    # parameter; the parent passes it to the child: was PASS on the parent's default.
    _write(tmp_path, {"stacks/main.yaml": PARENT, "env/prod.yaml": REGISTRY,
                      "lib/server.yaml": SERVER})
    finding = _finding(tmp_path)
    assert finding.status.value == "FAIL"
    env = tmp_path / "env" / "prod.yaml"
    assert finding.message.en.endswith(
        f"(with the environment file {env}) (value set at {env}:4)"
    )


DEFAULTS = """\
resource_registry:
  My::Server: lib/server.yaml
parameter_defaults:
  allowed: 0.0.0.0/0
"""


def test_parameter_defaults_reach_a_nested_template_its_parent_does_not_pass(
    tmp_path: Path,
) -> None:
    parent = PARENT.replace("    properties:\n      allowed: { get_param: access }\n", "")
    _write(tmp_path, {"main.yaml": parent, "env.yaml": DEFAULTS, "lib/server.yaml": SERVER})
    finding = _finding(tmp_path)
    assert finding.status.value == "FAIL"
    assert finding.message.en.endswith(f"(value set at {tmp_path / 'env.yaml'}:4)")


def test_a_value_a_parent_passes_says_where_it_is_set(tmp_path: Path) -> None:
    # Was "port 22 is open ..." without the line to change. The parent passes its own
    # parameter (``allowed: { get_param: access }``): the value is written at that
    # parameter's default (line 5), not at the property (line 10), which only forwards it.
    parent = PARENT.replace("default: 10.0.0.0/8", "default: 0.0.0.0/0").replace(
        "My::Server", "lib/server.yaml"
    )
    _write(tmp_path, {"main.yaml": parent, "lib/server.yaml": SERVER})
    finding = _finding(tmp_path)
    assert finding.status.value == "FAIL"
    assert finding.message.en.endswith(f"(value set at {tmp_path / 'main.yaml'}:5)")
    assert finding.evidence["value_set_at"] == {"ingress": f"{tmp_path / 'main.yaml'}:5"}


def test_a_parameter_default_says_where_it_is_set(tmp_path: Path) -> None:
    _write(tmp_path, {"server.yaml": SERVER.replace("10.0.0.0/8", "0.0.0.0/0")})
    finding = _finding(tmp_path)
    assert finding.message.en.endswith(f"(value set at {tmp_path / 'server.yaml'}:5)")


MIXED = """\
heat_template_version: 2018-08-31
parameters:
  http_port:
    type: number
    default: 80
  admin:
    type: string
    default: 0.0.0.0/0
resources:
  web:
    type: OS::Neutron::SecurityGroup
    properties:
      rules:
        - protocol: tcp
          port_range_min: { get_param: http_port }
          port_range_max: { get_param: http_port }
        - protocol: tcp
          remote_ip_prefix: 0.0.0.0/0
          port_range_min: 22
          port_range_max: 22
  rdp:
    type: OS::Neutron::SecurityGroupRule
    properties:
      security_group: { get_resource: web }
      protocol: tcp
      port_range_min: 3389
      port_range_max: 3389
      remote_ip_prefix: { get_param: admin }
"""


def test_value_set_at_names_only_the_rules_that_open_the_port(tmp_path: Path) -> None:
    # Port 22 is opened by a literal rule: the http_port default (line 5) is not the line to
    # change (was named when any rule of the group came from a parameter); port 3389 is
    # opened by the rule resource whose source is the 'admin' default (line 8).
    _write(tmp_path, {"web.yaml": MIXED})
    finding = _finding(tmp_path, "web")
    assert finding.status.value == "FAIL"
    assert finding.message.en.endswith(f"(value set at {tmp_path / 'web.yaml'}:8)")
    assert [i.get("value_set_at") for i in finding.evidence["opened_by"]] == [
        None, f"{tmp_path / 'web.yaml'}:8"
    ]


#: A port and its source from two parameters: each environment below sets one of them.
TWO_PARAMETERS = """\
heat_template_version: 2018-08-31
parameters:
  port:
    type: number
    default: 8080
  allowed:
    type: string
    default: 10.0.0.0/8
resources:
  ssh:
    type: OS::Neutron::SecurityGroup
    properties:
      rules:
        - protocol: tcp
          port_range_min: { get_param: port }
          port_range_max: { get_param: port }
          remote_ip_prefix: { get_param: allowed }
"""


def test_two_environments_combined_fail_where_each_alone_passes(tmp_path: Path) -> None:
    # Was PASS: with ssh-port.yaml alone SSH is open to 10.0.0.0/8, with public.yaml alone
    # only 8080 is open to the internet; deployed with both (-e ssh-port.yaml -e
    # public.yaml), SSH is open to everyone.
    _write(tmp_path, {"server.yaml": TWO_PARAMETERS,
                      "env/ssh-port.yaml": "parameters:\n  port: 22\n",
                      "env/public.yaml": "parameters:\n  allowed: 0.0.0.0/0\n"})
    public, port = tmp_path / "env" / "public.yaml", tmp_path / "env" / "ssh-port.yaml"
    finding = _finding(tmp_path)
    assert finding.status.value == "FAIL"
    assert finding.message.en == (
        "port 22 is open to the whole internet (0.0.0.0/0) "
        f"(with the environment files combined (-e {public} -e {port})) "
        f"(value set at {port}:2, {public}:2)"
    )
    assert finding.evidence["variants"] == {
        "with the template's own parameter values": "PASS",
        f"with the environment file {public}": "PASS",
        f"with the environment file {port}": "PASS",
        f"with the environment files combined (-e {public} -e {port})": "FAIL",
    }


def test_too_many_combinations_read_the_parameters_as_not_known(tmp_path: Path) -> None:
    # 9 environments giving the port 9 values and one the source: 19 ways, more than 16;
    # the read with both not known makes the verdict UNKNOWN (never the PASS each alone
    # gives).
    files = {"server.yaml": TWO_PARAMETERS,
             "env/public.yaml": "parameters:\n  allowed: 0.0.0.0/0\n"}
    for port in (80, 443, 8000, 8001, 8002, 8003, 8443, 9000, 9001):
        files[f"env/p{port}.yaml"] = f"parameters:\n  port: {port}\n"
    _write(tmp_path, files)
    finding = _finding(tmp_path)
    assert finding.status.value == "UNKNOWN"
    assert "taken as not known" in finding.message.en
    assert "PASS with the environment file" in finding.message.en
