"""A GDCC-SECRET-001 FAIL whose secret a Heat ``list_join`` puts into a text from a
``get_param`` piece says where that value is written ("value set at"): the parameter's
``default`` line or the environment file's line, as a ``str_replace`` param does
(``normalize.heat.replace_origins``). Before, only ``str_replace`` was followed and the FAIL
named no line, as did a ``str_replace`` known as a whole whose param has no secret's
name (``export PASSWORD=$pw``)."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Finding
from gdcc_audit.report.json import result_to_json
from gdcc_audit.settings import Settings

TEMPLATE = """\
heat_template_version: 2018-08-31
parameters:
  db_password:
    type: string
    default: r00tPassw0rd
  Password:
    type: string
    default: Hunter22pw
  host:
    type: string
    default: db.internal
resources:
  named:
    type: OS::Nova::Server
    properties:
      image: cirros
      flavor: m1.small
      user_data:
        list_join:
          - ''
          - - "#!/bin/bash\\n"
            - "export DB_HOST="
            - {get_param: host}
            - "\\nexport DB_PASSWORD="
            - {get_param: db_password}
            - "\\n"
  joined:
    type: OS::Heat::SoftwareConfig
    properties:
      config:
        list_join:
          - "\\n"
          - ["#!/bin/bash", {list_join: ['=', ['export HOST', {get_param: host}]]}]
          - [{list_join: ['', ['export PASSWORD=', {get_param: Password}]]}]
  flat:
    type: OS::Heat::SoftwareConfig
    properties:
      config:
        list_join:
          - ''
          - ['export PASSWORD=', {get_param: Password}, "\\n"]
  replaced:
    type: OS::Heat::SoftwareConfig
    properties:
      config:
        str_replace:
          template: "export PASSWORD=$pw"
          params:
            $pw: {get_param: Password}
  in_template:
    type: OS::Heat::SoftwareConfig
    properties:
      config:
        list_join:
          - "\\n"
          - ["export PASSWORD=Kx7#qLm2Wv", {get_param: host}]
"""

SERVER = """\
heat_template_version: 2018-08-31
parameters:
  db_password:
    type: string
    hidden: false
resources:
  server:
    type: OS::Nova::Server
    properties:
      image: cirros
      flavor: m1.small
      user_data:
        list_join:
          - ''
          - ['MYSQL_ROOT_PASSWORD=', {get_param: db_password}]
"""

ENVIRONMENT = """\
parameters:
  db_password: Pq4wRt8yZx
"""


def _secrets(root: Path) -> dict[str, Finding]:
    result = audit([root], Settings(rule_ids=("GDCC-SECRET-001",)))
    return {f.address: f for f in result.findings}


def test_a_joined_param_names_where_its_value_is_written(tmp_path: Path) -> None:
    path = tmp_path / "db.yaml"
    path.write_text(TEMPLATE, encoding="utf-8")
    found = _secrets(tmp_path)
    messages = {a: (f.status.value, f.message.en) for a, f in found.items()}
    assert messages == {
        # the secret-named param's default (was: no "value set at"); host is not named
        "named": ("FAIL", f"a secret is written in plain text at 'user_data' "
                          f"(value set at {path}:5)"),
        # a param whose value makes the secret in the text, in a nested list_join
        "joined": ("FAIL", f"a secret is written in plain text at 'config' "
                           f"(value set at {path}:8)"),
        "flat": ("FAIL", f"a secret is written in plain text at 'config' "
                         f"(value set at {path}:8)"),
        # a str_replace known as a whole whose param is no secret's name (was: no line)
        "replaced": ("FAIL", f"a secret is written in plain text at 'config' "
                             f"(value set at {path}:8)"),
        # the template's own text holds the secret: no param is named
        "in_template": ("FAIL", "a secret is written in plain text at 'config'"),
    }
    assert found["named"].evidence["value_set_at"] == {"user_data": f"{path}:5"}
    text = result_to_json(
        audit([tmp_path], Settings(rule_ids=("GDCC-SECRET-001",))), full_findings=True
    )
    for secret in ("r00tPassw0rd", "Hunter22pw", "Kx7#qLm2Wv"):
        assert secret not in text


def test_an_environment_file_value_is_named(tmp_path: Path) -> None:
    (tmp_path / "server.yaml").write_text(SERVER, encoding="utf-8")
    (tmp_path / "env").mkdir()
    env = tmp_path / "env" / "prod.yaml"
    env.write_text(ENVIRONMENT, encoding="utf-8")
    finding = _secrets(tmp_path)["server"]
    assert finding.status.value == "FAIL"
    assert finding.message.en == (
        f"a secret is written in plain text at 'user_data' (value set at {env}:2) "
        f"(with the environment file {env})"
    )


WHOLE_LIST = """\
heat_template_version: 2018-08-31
parameters:
  setup_lines:
    type: comma_delimited_list
    default: "#!/bin/bash,export DB_HOST=db.internal,export DB_PASSWORD=r00tPassw0rdX"
  json_lines:
    type: json
    default: ["#!/bin/bash", "mysql -u root -pS3cretPw9 -e 'select 1'"]
  plain_lines:
    type: comma_delimited_list
    default: "#!/bin/bash,echo hello"
  host:
    type: string
resources:
  server:
    type: OS::Nova::Server
    properties:
      image: cirros
      flavor: m1.small
      user_data:
        list_join: ["\\n", {get_param: setup_lines}]
  json:
    type: OS::Heat::SoftwareConfig
    properties:
      config:
        list_join: ["\\n", {get_param: json_lines}]
  mixed:
    type: OS::Heat::SoftwareConfig
    properties:
      config:
        list_join: ["\\n", ["export HOST=", {get_param: host}], {get_param: setup_lines}]
  plain:
    type: OS::Heat::SoftwareConfig
    properties:
      config:
        list_join: ["\\n", ["export HOST=", {get_param: host}], {get_param: plain_lines}]
"""


def test_a_whole_list_from_a_parameter_names_its_default(tmp_path: Path) -> None:
    # list_join's list is one get_param (a comma_delimited_list / json parameter): the FAIL
    # names the parameter's default (it named no line), and beside a parameter with no
    # default (the text not known as a whole) the secret is found at all (it PASSed)
    path = tmp_path / "lines.yaml"
    path.write_text(WHOLE_LIST, encoding="utf-8")
    found = _secrets(tmp_path)
    messages = {a: (f.status.value, f.message.en) for a, f in found.items()}
    assert messages == {
        "server": ("FAIL", f"a secret is written in plain text at 'user_data' "
                           f"(value set at {path}:5)"),
        "json": ("FAIL", f"a secret is written in plain text at 'config' "
                         f"(value set at {path}:8)"),
        "mixed": ("FAIL", f"a secret is written in plain text at 'config' "
                          f"(value set at {path}:5)"),
    }
