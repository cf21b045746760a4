"""A GDCC-SECRET-001 FAIL whose secret a Heat ``str_replace`` param puts into a text says
where that value is written ("value set at"), as a CloudFormation ``Fn::Sub`` secret names its
parameter's ``Default`` line (``normalize.heat.replace_origins``): the ``params`` entry that
writes it, or the default / environment line of the ``get_param`` it reads. Before, the FAIL
named no line."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Finding
from gdcc_audit.report.json import result_to_json
from gdcc_audit.settings import Settings

TEMPLATE = """\
heat_template_version: 2018-08-31
parameters:
  db_root_password:
    type: string
    default: r00tPassw0rd
  Password:
    type: string
    default: Hunter22pw
  Prefix:
    type: string
resources:
  literal:
    type: OS::Nova::Server
    properties:
      image: cirros
      flavor: m1.small
      user_data:
        str_replace:
          template: |
            #!/bin/bash
            mysqladmin -u root password $db_rootpassword
          params:
            $db_rootpassword: Zq8vLm2pXw
  defaulted:
    type: OS::Nova::Server
    properties:
      image: cirros
      flavor: m1.small
      user_data:
        str_replace_strict:
          template: |
            #!/bin/bash
            mysqladmin -u root password $db_rootpassword
          params:
            $db_rootpassword: {get_param: db_root_password}
  broker:
    type: OS::Heat::SoftwareConfig
    properties:
      config:
        str_replace:
          template: |
            #!/bin/bash
            export PREFIX=$Prefix
            export PASSWORD=$Password
          params:
            $Prefix: {get_param: Prefix}
            $Password: {get_param: Password}
  in_template:
    type: OS::Heat::SoftwareConfig
    properties:
      config:
        str_replace:
          template: |
            #!/bin/bash
            export PASSWORD=Kx7#qLm2Wv
            export HOST=$host
          params:
            $host: {get_param: Prefix}
"""

SERVER = """\
heat_template_version: 2018-08-31
parameters:
  db_root_password:
    type: string
    hidden: false
resources:
  server:
    type: OS::Nova::Server
    properties:
      image: cirros
      flavor: m1.small
      user_data:
        str_replace:
          template: |
            #!/bin/bash
            mysqladmin -u root password $db_rootpassword
          params:
            $db_rootpassword: {get_param: db_root_password}
"""

ENVIRONMENT = """\
parameters:
  db_root_password: Pq4wRt8yZx
"""


def _secrets(root: Path) -> dict[str, Finding]:
    result = audit([root], Settings(rule_ids=("GDCC-SECRET-001",)))
    return {f.address: f for f in result.findings}


def test_a_replaced_param_names_where_its_value_is_written(tmp_path: Path) -> None:
    (tmp_path / "db.yaml").write_text(TEMPLATE, encoding="utf-8")
    path = tmp_path / "db.yaml"
    found = _secrets(tmp_path)
    messages = {a: (f.status.value, f.message.en) for a, f in found.items()}
    assert messages == {
        # the params entry that writes the value
        "literal": ("FAIL", f"a secret is written in plain text at 'user_data' "
                            f"(value set at {path}:23)"),
        # the get_param's default (was: no "value set at")
        "defaulted": ("FAIL", f"a secret is written in plain text at 'user_data' "
                              f"(value set at {path}:5)"),
        # a param whose value makes the secret in the text (export PASSWORD=$Password)
        "broker": ("FAIL", f"a secret is written in plain text at 'config' "
                           f"(value set at {path}:8)"),
        # the template's own text holds the secret: no param is named
        "in_template": ("FAIL", "a secret is written in plain text at 'config'"),
    }
    assert found["defaulted"].evidence["value_set_at"] == {"user_data": f"{path}:5"}
    # the secret itself is in no report (masking)
    text = result_to_json(
        audit([tmp_path], Settings(rule_ids=("GDCC-SECRET-001",))), full_findings=True
    )
    for secret in ("Zq8vLm2pXw", "r00tPassw0rd", "Hunter22pw", "Kx7#qLm2Wv"):
        assert secret not in text


def test_an_environment_file_value_is_named(tmp_path: Path) -> None:
    (tmp_path / "server.yaml").write_text(SERVER, encoding="utf-8")
    (tmp_path / "env").mkdir()
    (tmp_path / "env" / "prod.yaml").write_text(ENVIRONMENT, encoding="utf-8")
    env = tmp_path / "env" / "prod.yaml"
    finding = _secrets(tmp_path)["server"]
    assert finding.status.value == "FAIL"
    assert finding.message.en == (
        f"a secret is written in plain text at 'user_data' (value set at {env}:2) "
        f"(with the environment file {env})"
    )
