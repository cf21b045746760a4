"""A ``str_replace`` param named as a secret whose value the template writes (a literal or a
parameter's default) is a secret written in the template, wherever the text puts it:
``mysqladmin -u root password $db_rootpassword`` with ``$db_rootpassword: r00tPassw0rd`` has no
``NAME=value`` shape, and a server's user data PASSed GDCC-CMP-005 and GDCC-SECRET-001
(``normalize.heat.intrinsics.replaced_params``)."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

TEMPLATE = """\
heat_template_version: 2018-08-31
parameters:
  db_root_password:
    type: string
    default: r00tPassw0rd
  db_user_password:
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
            $db_rootpassword: r00tPassw0rd
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
  generated:
    type: OS::Nova::Server
    properties:
      image: cirros
      flavor: m1.small
      user_data:
        str_replace:
          template: |
            #!/bin/bash
            mysqladmin -u root password $db_rootpassword
            mysql -e "CREATE USER app IDENTIFIED BY '$db_userpassword'"
          params:
            $db_rootpassword: {get_attr: [root_password, value]}
            $db_userpassword: {get_param: db_user_password}
  root_password:
    type: OS::Heat::RandomString
  db_config:
    type: OS::Heat::SoftwareConfig
    properties:
      group: script
      config:
        str_replace:
          template: |
            #!/bin/bash
            mysqladmin -u root password $db_rootpassword
          params:
            $db_rootpassword: {get_param: db_root_password}
"""


def test_secret_named_params_with_written_values_are_secrets(tmp_path: Path) -> None:
    (tmp_path / "db.yaml").write_text(TEMPLATE, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-CMP-005", "GDCC-SECRET-001")))
    found = {(f.rule_id, f.address): (f.status, f.message.en) for f in result.findings}
    written = "a secret is written in plain text at 'user_data'"
    at = tmp_path / "db.yaml"  # where the value is written (test_heat_str_replace_secret_origins)
    assert found == {
        ("GDCC-CMP-005", "literal"): (Status.FAIL, "secrets in user data: user_data"),
        ("GDCC-CMP-005", "defaulted"): (Status.FAIL, "secrets in user data: user_data"),
        ("GDCC-CMP-005", "generated"): (Status.PASS, "Instance user data holds no secrets"),
        ("GDCC-SECRET-001", "literal"): (Status.FAIL, f"{written} (value set at {at}:20)"),
        ("GDCC-SECRET-001", "defaulted"): (Status.FAIL, f"{written} (value set at {at}:5)"),
        ("GDCC-SECRET-001", "generated"): (Status.PASS, "No secrets are written in configuration"),
        # a SoftwareConfig is judged only when a secret is written in it: it had no finding
        ("GDCC-SECRET-001", "db_config"): (Status.FAIL, "a secret is written in plain text at "
                                                        f"'config' (value set at {at}:5)"),
    }
